"""Properties of the computation over generated schemes and facts (hypothesis).

Each example builds two units whose facts differ in one respect only, computes the year once, and
compares them: the totals stay within their bounds, finishing earlier never lowers a score, and
adding a bonus never lowers one; of two units sharing an item, one's score never moves with the
other's facts. Every example runs in a savepoint that is rolled back.
"""

import datetime
from decimal import Decimal as D

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment.compute import compute
from assessment.models import EventRule, ItemResult, PersonResult, Scheme, UnitResult
from responsibility.models import Assignment, Indicator, ItemStatus
from tests.assessment.scenario import event, finish, item_for, report, rule, scheme_for, split, unit_with_official

pytestmark = pytest.mark.django_db
YEAR_END = datetime.date(2020, 12, 31)
DEADLINE = datetime.date(2020, 6, 30)

points = st.decimals(min_value=D(0), max_value=D(20), places=1)
schemes = st.fixed_dictionaries(
    {
        "not_done": st.sampled_from(Scheme.NotDone.values),
        "late_points": st.decimals(min_value=D(0), max_value=D(5), places=1),
        "late_period": st.sampled_from(Scheme.LatePeriod.values),
        "late_cap": points,
        "return_points": st.decimals(min_value=D(0), max_value=D(5), places=1),
        "return_cap": points,
        "indicator_share": st.integers(0, 100),
        "bonus_cap": points,
        "excellent_quota": st.integers(0, 100),
        "tie_break": st.sampled_from(Scheme.TieBreak.values),
    }
)
facts = st.fixed_dictionaries(
    {
        "points": st.decimals(min_value=D(0), max_value=D(30), places=1),
        "done": st.booleans(),
        "days": st.integers(-60, 200),  # the first claim, relative to the deadline
        "returns": st.integers(0, 4),
        "percent": st.integers(0, 100),
        "indicators": st.integers(0, 3),
        "reached": st.integers(0, 3),
        "bonuses": st.lists(st.decimals(min_value=D(0), max_value=D(5), places=1), max_size=3),
        "deductions": st.lists(st.decimals(min_value=D(0), max_value=D(15), places=1), max_size=3),
    }
)
EXAMPLES = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


class Rollback(Exception):
    pass


def in_savepoint(test):
    """Run the example and roll it back, so that the next one starts from the cast alone."""
    try:
        with transaction.atomic():
            test()
            raise Rollback
    except Rollback:
        pass


def build_unit(cast, scheme, n: int, f: dict, *, claim_shift: int = 0, extra_bonus: D | None = None):
    unit, post = unit_with_official(cast, f"单位{n}", 100 + n)
    item = item_for(cast, unit, post, points=f["points"], title=f"事项{n}")
    indicators = [
        Indicator.objects.create(item=item, name=f"指标{k}", target_value=D(10)) for k in range(f["indicators"])
    ]
    values = {ind: (10 if k < f["reached"] else 5) for k, ind in enumerate(indicators)}
    report(item, f["percent"], datetime.date(2020, 5, 1), cast.official, values)
    if f["done"]:
        finish(item, claimed=DEADLINE + datetime.timedelta(days=f["days"] + claim_shift), returns=f["returns"])
    else:
        type(item).objects.filter(pk=item.pk).update(status=ItemStatus.IN_PROGRESS)
    for k, amount in enumerate(f["bonuses"]):
        praise = rule(scheme, EventRule.Kind.BONUS, f"表扬{n}-{k}", amount, cap=amount * 2)
        event(scheme, praise, datetime.date(2020, 3, 1), cast.assessor, unit=unit)
    for k, amount in enumerate(f["deductions"]):
        criticism = rule(scheme, EventRule.Kind.DEDUCTION, f"批评{n}-{k}", amount, category=scheme.categories.first())
        event(scheme, criticism, datetime.date(2020, 3, 2), cast.assessor, unit=unit)
    if extra_bonus is not None:
        praise = rule(scheme, EventRule.Kind.BONUS, f"额外表扬{n}", extra_bonus)
        event(scheme, praise, datetime.date(2020, 4, 1), cast.assessor, unit=unit)
    return unit, item


@EXAMPLES
@given(scheme_values=schemes, f=facts)
def test_scores_stay_within_their_bounds(cast, scheme_values, f):
    def example():
        scheme = scheme_for(cast, **scheme_values)
        unit, item = build_unit(cast, scheme, 1, f)
        assessment = compute(scheme, as_of=YEAR_END)
        result = ItemResult.objects.get(assessment=assessment, item=item)
        assert D(0) <= result.earned <= result.weight
        assert result.late_deduction <= result.weight and result.return_deduction <= result.weight
        total = UnitResult.objects.get(assessment=assessment, unit=unit)
        assert D(0) <= total.base <= scheme.full_score
        assert D(0) <= total.bonus
        if scheme.bonus_cap:  # 0: no cap
            assert total.bonus <= scheme.bonus_cap
            assert D(0) <= total.total <= scheme.full_score + scheme.bonus_cap
        assert D(0) <= total.total <= scheme.full_score + total.bonus
        assert total.grade in set(scheme.grade_bands.values_list("name", flat=True))

    in_savepoint(example)


@EXAMPLES
@given(scheme_values=schemes, f=facts, earlier=st.integers(1, 120))
def test_finishing_earlier_never_lowers_a_score(cast, scheme_values, f, earlier):
    def example():
        scheme = scheme_for(cast, **scheme_values)
        # Both finish within the year (claim, returns, verification): only the day of finishing differs.
        f["done"], f["days"] = True, min(f["days"], 150)
        late_unit, late_item = build_unit(cast, scheme, 1, f)
        early_unit, early_item = build_unit(cast, scheme, 2, f, claim_shift=-earlier)
        assessment = compute(scheme, as_of=YEAR_END)
        items = {r.item_id: r.earned for r in ItemResult.objects.filter(assessment=assessment)}
        assert items[early_item.pk] >= items[late_item.pk]
        units = {r.unit_id: r.total for r in UnitResult.objects.filter(assessment=assessment)}
        assert units[early_unit.pk] >= units[late_unit.pk]

    in_savepoint(example)


@EXAMPLES
@given(scheme_values=schemes, f=facts, bonus=st.decimals(min_value=D("0.1"), max_value=D(10), places=1))
def test_adding_a_bonus_never_lowers_a_score(cast, scheme_values, f, bonus):
    def example():
        scheme = scheme_for(cast, **scheme_values)
        plain, _item = build_unit(cast, scheme, 1, f)
        praised, _item = build_unit(cast, scheme, 2, f, extra_bonus=bonus)
        assessment = compute(scheme, as_of=YEAR_END)
        rows = {r.unit_id: r for r in UnitResult.objects.filter(assessment=assessment)}
        assert rows[praised.pk].total >= rows[plain.pk].total
        order = [b.name for b in scheme.grade_bands.order_by("-min_score")]
        # A better total never earns a worse grade, except where the quota limits the top grade.
        if not rows[praised.pk].quota_limited:
            assert order.index(rows[praised.pk].grade) <= order.index(rows[plain.pk].grade)

    in_savepoint(example)


# --- one item, several units (分办) ---------------------------------------------------------------------

unit_facts = st.fixed_dictionaries(
    {
        "points": st.none() | st.decimals(min_value=D("0.5"), max_value=D(30), places=1),
        "extension": st.integers(0, 60),  # days an approved extension of its own moved its deadline
        "done": st.booleans(),
        "days": st.integers(-60, 150),
        "returns": st.integers(0, 3),
        "percent": st.integers(0, 100),
        "reached": st.integers(0, 3),
    }
)
shared_facts = st.fixed_dictionaries(
    {"points": st.decimals(min_value=D(0), max_value=D(30), places=1), "indicators": st.integers(0, 3)}
)


def play_unit(cast, item, assignment, indicators, f: dict) -> None:
    """One unit's own facts on the shared item: its points, deadline, report, claim, returns."""
    Assignment.objects.filter(pk=assignment.pk).update(
        points=f["points"], deadline=DEADLINE + datetime.timedelta(days=f["extension"])
    )
    values = {ind: (10 if k < f["reached"] else 5) for k, ind in enumerate(indicators)}
    report(item, f["percent"], datetime.date(2020, 5, 1), cast.official, values, assignment=assignment)
    if f["done"]:
        claimed = DEADLINE + datetime.timedelta(days=f["days"])
        finish(item, claimed=claimed, returns=f["returns"], assignment=assignment)


def first_units_score(cast, scheme_values: dict, shared: dict, mine: dict, theirs: dict) -> tuple:
    """What the year gives the first of two units sharing an item, the second unit playing ``theirs``."""
    seen = {}

    def example():
        scheme = scheme_for(cast, **scheme_values)
        (unit, post), (other, other_post) = (
            unit_with_official(cast, "甲社区", 10),
            unit_with_official(cast, "乙社区", 11),
        )
        item = item_for(cast, points=shared["points"])
        indicators = [
            Indicator.objects.create(item=item, name=f"指标{k}", target_value=D(10))
            for k in range(shared["indicators"])
        ]
        first, second = split(
            item, (unit, post, Assignment.Role.LEAD), (other, other_post, Assignment.Role.RESPONSIBLE)
        )
        play_unit(cast, item, first, indicators, mine)
        play_unit(cast, item, second, indicators, theirs)
        assessment = compute(scheme, as_of=YEAR_END)
        row = ItemResult.objects.get(assessment=assessment, item=item, unit=unit)
        total = UnitResult.objects.get(assessment=assessment, unit=unit)
        official = PersonResult.objects.get(assessment=assessment, post=post, role=PersonResult.Role.OFFICIAL)
        seen["score"] = (
            *(getattr(row, name) for name in ("weight", "done", "percent_done", "days_late", "returns")),
            *(getattr(row, name) for name in ("indicators_reached", "late_deduction", "return_deduction", "earned")),
            total.base,
            total.total,
            official.base,
        )

    in_savepoint(example)
    return seen["score"]


@EXAMPLES
@given(scheme_values=schemes, shared=shared_facts, mine=unit_facts, theirs=unit_facts, changed=unit_facts)
def test_a_units_score_depends_only_on_its_own_facts_and_the_items_shared_ones(
    cast, scheme_values, shared, mine, theirs, changed
):
    assert first_units_score(cast, scheme_values, shared, mine, theirs) == first_units_score(
        cast, scheme_values, shared, mine, changed
    )
