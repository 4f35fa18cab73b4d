"""Item scores from recorded facts: every point of the score names the fact that earned or lost it.

The facts are the item's timeline (claims, returns), its deadline (an approved extension moves it),
its reported indicator values and the assessor's quality rating. Weights are on a 100-point scale
and then scaled to the item's own points (分值) when it has any.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from config import rows
from responsibility.assignments import hands_in
from responsibility.models import (
    FINISHED_KINDS,
    Assignment,
    Indicator,
    IndicatorValue,
    ItemEvent,
    ProgressReport,
    ResponsibilityItem,
)

COMPLETION = Decimal(40)
TIMELINESS = Decimal(20)
FIRST_TIME_PASS = Decimal(15)
INDICATORS = Decimal(15)
QUALITY = Decimal(10)
LATE_DEDUCTION_PER_WEEK = Decimal(2)
RETURN_DEDUCTION = Decimal(5)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")

# The screen names of the parts, by key. A score stores its labels in Chinese, as data (they were
# the words of the scheme when it was assessed); pages show them through this mapping instead, so
# that they follow the reader's language.
PART_LABELS = {
    "completion": _("完成情况"),
    "timeliness": _("时效"),
    "first_time_pass": _("一次通过"),
    "indicators": _("指标达成"),
    "quality": _("工作质量"),
}


def _stored_label(key: str) -> str:
    """The part's label as stored with a score: the Chinese source text, whatever the active language."""
    with translation.override(None):
        return str(PART_LABELS[key])


def part_label(key: str, stored: str = "") -> str:
    """The label to show for a stored part: translated by key, or the stored text for a key unknown here."""
    label = PART_LABELS.get(key)
    return str(label) if label is not None else stored


@dataclass
class Part:
    key: str
    label: str
    points: Decimal
    max_points: Decimal
    reason: str


@dataclass
class Breakdown:
    parts: list[Part] = field(default_factory=list)
    max_total: Decimal = HUNDRED

    def part(self, key: str) -> Decimal:
        return next(p.points for p in self.parts if p.key == key)

    @property
    def raw_total(self) -> Decimal:
        return sum((p.points for p in self.parts), Decimal(0))

    @property
    def total(self) -> Decimal:
        return (self.raw_total * self.max_total / HUNDRED).quantize(CENT, ROUND_HALF_UP)

    def reasons(self) -> list[dict]:
        return [
            {
                "key": p.key,
                "label": p.label,
                "points": _plain(p.points),
                "max": _plain(p.max_points),
                "reason": p.reason,
            }
            for p in self.parts
        ]


def _plain(value: Decimal) -> str:
    """15.00 → "15", 6.50 → "6.5", 100 → "100" (never "1E+2")."""
    return f"{value.normalize():f}"


@dataclass
class Facts:
    verified: bool
    percent_done: int
    first_claim_date: datetime.date | None
    deadline: datetime.date | None
    ongoing: bool
    returns: int
    indicators_total: int
    indicators_reached: int
    # 牵头单位汇总办结: the unit finishes by reporting its part to the lead unit, not by a claim.
    hands_in: bool = False

    @property
    def finishing(self) -> str:
        """How the unit says its work is done, in the reasons: a claim, or its part to the lead."""
        return "报送牵头单位" if self.hands_in else "申请办结"


def gather_facts(item: ResponsibilityItem | Assignment) -> Facts:
    """What the score is computed from, read in two statements (this runs inside every assessment
    step's lock): the timeline's verifications, returns and first claim, and each indicator with
    the value of the newest report that gave one (as ``latest_indicator_values``).

    For a unit's assignment, only that unit's facts (and those recorded before items had units,
    which were the one unit's); for an item, all of them.
    """
    Kind = ItemEvent.Kind
    of_unit = isinstance(item, Assignment)
    scope = {"item": item.item_id, "unit": item.pk} if of_unit else {"item": item.pk}
    claimed, handed_in = FINISHED_KINDS
    kinds = {"verified": Kind.VERIFIED, "returned": Kind.RETURNED, "claimed": claimed, "handed_in": handed_in}
    with rows.cursor() as cursor:
        cursor.execute(_event_facts_sql(of_unit), {**scope, **kinds})
        verified, returns, first_claim = cursor.fetchone()
        cursor.execute(_indicator_facts_sql(of_unit), scope)
        indicators = cursor.fetchall()
    first_claim = rows.convert(ItemEvent._meta.get_field("created_at"), first_claim)
    target_field, value_field = Indicator._meta.get_field("target_value"), IndicatorValue._meta.get_field("value")
    reached = sum(
        1
        for comparator, target, latest in indicators
        if Indicator(comparator=comparator, target_value=rows.convert(target_field, target)).is_reached(
            rows.convert(value_field, latest)
        )
    )
    return Facts(
        verified=bool(verified),
        percent_done=item.percent_done,
        # The day of the claim where the item is worked (TIME_ZONE), not in UTC: a claim at 07:00 on
        # 1 January in Shanghai is 23:00 on 31 December in UTC, and it is late.
        first_claim_date=timezone.localdate(first_claim) if first_claim else None,
        deadline=item.deadline,
        ongoing=item.ongoing,
        returns=returns or 0,
        indicators_total=len(indicators),
        indicators_reached=reached,
        hands_in=of_unit and hands_in(item),
    )


def _of_unit(of_unit: bool, alias: str = "") -> str:
    """A row of the unit's, or of the item from before it had units; any row for the whole item."""
    if not of_unit:
        return "TRUE"
    return f"({alias}assignment_id IS NULL OR {alias}assignment_id = %(unit)s)"


@cache
def _event_facts_sql(of_unit: bool) -> str:
    return f"""
        SELECT COUNT(CASE WHEN kind = %(verified)s THEN 1 END), COUNT(CASE WHEN kind = %(returned)s THEN 1 END),
               MIN(CASE WHEN kind IN (%(claimed)s, %(handed_in)s) THEN created_at END)
        FROM {ItemEvent._meta.db_table} WHERE item_id = %(item)s AND {_of_unit(of_unit)}"""


@cache
def _indicator_facts_sql(of_unit: bool) -> str:
    values, reports = IndicatorValue._meta.db_table, ProgressReport._meta.db_table
    return f"""
        SELECT i.comparator, i.target_value, (
            SELECT v.value FROM {values} v JOIN {reports} r ON r.id = v.report_id
            WHERE v.indicator_id = i.id AND {_of_unit(of_unit, "r.")} ORDER BY r.created_at DESC, r.id DESC LIMIT 1
        )
        FROM {Indicator._meta.db_table} i WHERE i.item_id = %(item)s ORDER BY i.id"""


def latest_indicator_values(item: ResponsibilityItem) -> dict[int, Decimal]:
    """indicator id -> the value in the newest report that gave one."""
    values = (
        IndicatorValue.objects.filter(report__item=item)
        .order_by("indicator_id", "-report__created_at", "-report_id")
        .values_list("indicator_id", "value")
    )
    latest: dict[int, Decimal] = {}
    for indicator_id, value in values:
        latest.setdefault(indicator_id, value)
    return latest


def score(facts: Facts, quality: Decimal, max_total: Decimal = HUNDRED) -> Breakdown:
    quality = min(max(quality, Decimal(0)), QUALITY)
    parts = [
        _completion(facts),
        _timeliness(facts),
        _first_time_pass(facts),
        _indicators(facts),
        _part("quality", quality, QUALITY, f"考核员评定质量 {quality:g}/{QUALITY:g}"),
    ]
    return Breakdown(parts=parts, max_total=max_total if max_total > 0 else HUNDRED)


def _part(key: str, points: Decimal, max_points: Decimal, reason: str) -> Part:
    return Part(key, _stored_label(key), points, max_points, reason)


def _completion(facts: Facts) -> Part:
    if facts.verified:
        return _part("completion", COMPLETION, COMPLETION, "已办结并通过核验")
    earned = (COMPLETION * facts.percent_done / HUNDRED).quantize(CENT, ROUND_HALF_UP)
    return _part("completion", earned, COMPLETION, f"未通过核验，按进度 {facts.percent_done}% 计")


def _timeliness(facts: Facts) -> Part:
    if facts.ongoing:
        return _part("timeliness", TIMELINESS, TIMELINESS, "长期坚持事项，不计逾期")
    if facts.deadline is None:
        return _part("timeliness", TIMELINESS, TIMELINESS, "未设完成时限，不计逾期")
    if facts.first_claim_date is None:
        return _part("timeliness", Decimal(0), TIMELINESS, f"未{facts.finishing}")
    late_days = (facts.first_claim_date - facts.deadline).days
    if late_days <= 0:
        return _part("timeliness", TIMELINESS, TIMELINESS, f"{facts.first_claim_date:%Y-%m-%d} 按期{facts.finishing}")
    weeks = math.ceil(late_days / 7)
    earned = max(Decimal(0), TIMELINESS - LATE_DEDUCTION_PER_WEEK * weeks)
    return _part(
        "timeliness",
        earned,
        TIMELINESS,
        f"逾期 {late_days} 天（{weeks} 周，每周扣 {LATE_DEDUCTION_PER_WEEK:g} 分）",
    )


def _first_time_pass(facts: Facts) -> Part:
    if facts.returns == 0:
        return _part("first_time_pass", FIRST_TIME_PASS, FIRST_TIME_PASS, "核验一次通过")
    earned = max(Decimal(0), FIRST_TIME_PASS - RETURN_DEDUCTION * facts.returns)
    return _part(
        "first_time_pass", earned, FIRST_TIME_PASS, f"退回整改 {facts.returns} 次，每次扣 {RETURN_DEDUCTION:g} 分"
    )


def _indicators(facts: Facts) -> Part:
    if facts.indicators_total == 0:
        return _part("indicators", INDICATORS, INDICATORS, "无量化指标")
    earned = (INDICATORS * facts.indicators_reached / facts.indicators_total).quantize(CENT, ROUND_HALF_UP)
    return _part("indicators", earned, INDICATORS, f"{facts.indicators_total} 项指标达成 {facts.indicators_reached} 项")


def score_item(item: ResponsibilityItem | Assignment, quality: Decimal) -> Breakdown:
    """The score of an item, or of one unit's part of it (on the item's points)."""
    points = item.scored_points if isinstance(item, Assignment) else item.points
    return score(gather_facts(item), quality, points)
