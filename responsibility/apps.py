from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ResponsibilityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "responsibility"
    verbose_name = _("目标责任")

    def ready(self) -> None:
        from . import access_log  # noqa: F401 (its signal receivers)
        from .exports import plan  # noqa: F401 (registers the kind of export)
        from .permissions import ensure_role_groups
        from .timeline_triggers import ensure_after_migrate

        post_migrate.connect(ensure_role_groups, sender=self)
        # A migration that rebuilt the timeline's table (SQLite) left it without its triggers.
        post_migrate.connect(ensure_after_migrate, sender=self)
