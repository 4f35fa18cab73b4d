from .records import ItemScore, Verification
from .results import (
    Assessment,
    CategoryResult,
    ContributionResult,
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
    "ContributionResult",
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
