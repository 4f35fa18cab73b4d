from .records import ItemScore, Verification
from .results import (
    Assessment,
    CategoryResult,
    EventResult,
    ItemResult,
    PersonResult,
    RewardProposal,
    UnitResult,
)
from .scheme import (
    EventRule,
    GradeBand,
    RewardRule,
    Scheme,
    SchemeCategory,
    SchemeIndicator,
    ScoreEvent,
)

__all__ = [
    "Assessment",
    "CategoryResult",
    "EventResult",
    "EventRule",
    "GradeBand",
    "ItemResult",
    "ItemScore",
    "PersonResult",
    "RewardProposal",
    "RewardRule",
    "Scheme",
    "SchemeCategory",
    "SchemeIndicator",
    "ScoreEvent",
    "UnitResult",
    "Verification",
]
