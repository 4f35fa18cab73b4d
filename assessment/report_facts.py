"""The facts the annual report is written from: small named records, one per thing a sentence says.

Each field says one fact and one only (a day a claim was made, the days it came after the deadline,
the days an unclaimed item has been overdue), so that a sentence function (``report_sentences``) can
read the fact it states and never has to guess which of two meanings a number carries.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from responsibility.models import Indicator, Post, Rag, ResponsibilityItem, WorkPlan

from .models import Assessment, PersonResult

ZERO = Decimal(0)


@dataclass
class Value:
    indicator: Indicator
    value: Decimal | None

    @property
    def reached(self) -> bool:
        return self.indicator.is_reached(self.value)


@dataclass
class ItemFacts:
    item: ResponsibilityItem
    done: bool = False
    percent: int = 0
    finished_on: datetime.date | None = None  # the day completion was first claimed (申请办结), if ever
    days_late: int = 0  # days from the deadline to the claim: set only for an item claimed or done
    days_overdue: int = 0  # neither done nor claimed, and past the deadline at ``as_of``
    returns: int = 0
    return_note: str = ""
    extension_note: str = ""
    narrative: str = ""
    values: list[Value] = field(default_factory=list)
    report_times: list[datetime.datetime] = field(default_factory=list)  # every report's, for the quarters
    earned: Decimal | None = None
    weight: Decimal | None = None

    @property
    def name(self) -> str:
        return f"“{self.item.title}”"

    @property
    def units(self) -> str:
        units = [unit.name for unit in self.item.responsible_units.all()]
        if not units and self.item.lead_unit:
            units = [self.item.lead_unit.name]
        return "、".join(units)

    @property
    def named(self) -> str:
        """The title with the units that answer for it: “强化法制宣传”（司法所）."""
        return f"{self.name}（{self.units}）" if self.units else self.name

    @property
    def claimed_late(self) -> bool:
        """Completion was claimed (or the item is done, which took a claim), after the deadline."""
        return self.days_late > 0 and (self.finished_on is not None or self.done)

    @property
    def late(self) -> bool:
        return self.claimed_late or self.days_overdue > 0

    @property
    def red(self) -> bool:
        return not self.done and self.item.rag == Rag.RED


@dataclass
class Section:
    name: str
    items: list[ItemFacts]

    @property
    def done(self) -> int:
        return sum(facts.done for facts in self.items)

    @property
    def score_rate(self) -> Decimal | None:
        weight = sum((f.weight for f in self.items if f.weight is not None), ZERO)
        if not weight:
            return None
        return sum((f.earned for f in self.items if f.earned is not None), ZERO) / weight

    @property
    def weakness(self) -> tuple:
        """Lower is weaker: the results' score rate where there is one, else the share done."""
        rate = self.score_rate
        done = Decimal(self.done) / len(self.items)
        return (rate if rate is not None else done, done)


@dataclass
class Leader:
    post: Post
    items: list[ItemFacts]
    result: PersonResult | None = None

    @property
    def name(self) -> str:
        holder = self.post.holder.display_name if self.post.holder_id else ""
        return f"{self.post.unit.name}{self.post.title}{holder}"


@dataclass
class Quarter:
    year: int
    quarter: int
    reports: int = 0
    verified: int = 0
    urged: int = 0
    escalated: int = 0


@dataclass
class Supervision:
    deployed: int = 0
    urged: int = 0
    escalations: list[tuple[str, int]] = field(default_factory=list)
    returned: int = 0
    extensions: int = 0
    quarters: list[Quarter] = field(default_factory=list)


@dataclass
class AnnualReport:
    plan: WorkPlan
    as_of: datetime.date
    assessment: Assessment | None
    sections: list[Section]
    leaders: list[Leader]
    supervision: Supervision
    grades: list[tuple[str, int]] = field(default_factory=list)
    # 考核分组: each group's grades, in the version's order ("" last: the units no group took); none without groups.
    group_grades: list[tuple[str, int, list[tuple[str, int]]]] = field(default_factory=list)  # group, units, grades
    proposals: tuple[int, int] = (0, 0)  # proposed, decided

    @property
    def items(self) -> list[ItemFacts]:
        return [facts for section in self.sections for facts in section.items]

    @property
    def organisation(self) -> str:
        return self.plan.organisation.name

    @property
    def title(self) -> str:
        return f"{self.organisation}关于{self.plan.year}年度法治政府建设情况的报告"

    @property
    def whole_year(self) -> bool:
        return self.as_of >= datetime.date(self.plan.year, 12, 31)
