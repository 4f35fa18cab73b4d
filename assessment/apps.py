from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "assessment"
    verbose_name = _("考核")

    def ready(self) -> None:
        from . import results_export  # noqa: F401 (registers the kind of export)
        from .access import ensure_assessment_rights

        post_migrate.connect(ensure_assessment_rights, sender=self)
