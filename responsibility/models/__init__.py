from .org import ROLE_GROUPS, Person, Post, Unit
from .plan import (
    OPEN_STATUSES,
    Category,
    Indicator,
    ItemStatus,
    Milestone,
    ReportCadence,
    ResponsibilityItem,
    WorkPlan,
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
    "Person",
    "Post",
    "ProgressReport",
    "ReportCadence",
    "ResponsibilityItem",
    "Unit",
    "WorkPlan",
]
