from .imports import PlanImport, UnitAlias
from .org import ROLE_GROUPS, Person, Post, Unit
from .plan import (
    OPEN_STATUSES,
    Category,
    Indicator,
    ItemStatus,
    Milestone,
    OutlineRow,
    ReportCadence,
    ResponsibilityItem,
    WorkPlan,
    attach_ancestors,
    outline,
)
from .report import AppendOnlyError, Evidence, IndicatorValue, ItemEvent, ProgressReport

__all__ = [
    "OPEN_STATUSES",
    "ROLE_GROUPS",
    "AppendOnlyError",
    "Category",
    "Evidence",
    "Indicator",
    "IndicatorValue",
    "ItemEvent",
    "ItemStatus",
    "Milestone",
    "OutlineRow",
    "Person",
    "PlanImport",
    "Post",
    "ProgressReport",
    "ReportCadence",
    "ResponsibilityItem",
    "Unit",
    "UnitAlias",
    "WorkPlan",
    "attach_ancestors",
    "outline",
]
