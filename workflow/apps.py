from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "workflow"
    verbose_name = _("督查督办流程")

    def ready(self) -> None:
        from assessment.signals import results_published

        from . import board_export  # noqa: F401 (registers the kind of export)
        from .escalation import ensure_default_rules
        from .notices import results_published as tell_results_published

        post_migrate.connect(ensure_default_rules, sender=self)
        results_published.connect(tell_results_published, dispatch_uid="workflow.notices.results_published")
