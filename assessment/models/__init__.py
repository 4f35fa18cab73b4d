from .records import ItemScore, Verification
from .results import (
    AssessedResult,
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
    IndicatorScore,
    RewardRule,
    Scheme,
    SchemeCategory,
    SchemeIndicator,
    ScoreEvent,
)

__all__ = [
    "AssessedResult",
    "Assessment",
    "CategoryResult",
    "ContributionResult",
    "EventResult",
    "EventRule",
    "GradeBand",
    "IndicatorScore",
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
