from .assignment import Assignment
from .imports import PlanImport, UnitAlias
from .org import ROLE_GROUPS, Person, Post, Unit
from .plan import (
    OPEN_STATUSES,
    Category,
    EscalationLevel,
    Indicator,
    ItemStatus,
    Milestone,
    OutlineRow,
    Rag,
    RagReason,
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
    "Assignment",
    "Category",
    "EscalationLevel",
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
    "Rag",
    "RagReason",
    "ReportCadence",
    "ResponsibilityItem",
    "Unit",
    "UnitAlias",
    "WorkPlan",
    "attach_ancestors",
    "outline",
]
