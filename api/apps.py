from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("接口")

    def ready(self) -> None:
        from .auth import revoke_on_password_change

        pre_save.connect(revoke_on_password_change, sender=settings.AUTH_USER_MODEL, dispatch_uid="api_revoke_tokens")
