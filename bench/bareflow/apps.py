from django.apps import AppConfig


class BareFlowConfig(AppConfig):
    name = "bench.bareflow"
    label = "bareflow"
    verbose_name = "Bare viewflow flow (benchmark only)"
