from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Who may log in and how: lockouts, password rules, sessions, the second factor."""

    name = "accounts"
    verbose_name = _("登录安全")

    def ready(self) -> None:
        from . import signals  # noqa: F401
