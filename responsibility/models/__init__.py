from .access import AccessRecord
from .assignment import Assignment
from .export import ExportJob
from .guidance import PlanGuidance
from .imports import PlanImport, UnitAlias
from .instruction import Instruction, ReadReceipt
from .org import ROLE_GROUPS, Person, Post, Unit
from .plan import (
    OPEN_STATUSES,
    Category,
    Closing,
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
from .report import FINISHED_KINDS, AppendOnlyError, Evidence, IndicatorValue, ItemEvent, MissedReport, ProgressReport

__all__ = [
    "AccessRecord",
    "FINISHED_KINDS",
    "OPEN_STATUSES",
    "ROLE_GROUPS",
    "AppendOnlyError",
    "Assignment",
    "Category",
    "EscalationLevel",
    "Evidence",
    "ExportJob",
    "Indicator",
    "Instruction",
    "IndicatorValue",
    "ItemEvent",
    "Closing",
    "ItemStatus",
    "Milestone",
    "MissedReport",
    "OutlineRow",
    "PlanGuidance",
    "Person",
    "PlanImport",
    "Post",
    "ProgressReport",
    "Rag",
    "ReadReceipt",
    "RagReason",
    "ReportCadence",
    "ResponsibilityItem",
    "Unit",
    "UnitAlias",
    "WorkPlan",
    "attach_ancestors",
    "outline",
]
