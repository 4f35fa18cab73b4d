"""Properties of the computation over generated schemes and facts (hypothesis).

Each example builds two units whose facts differ in one respect only, computes the year once, and
compares them: the totals stay within their bounds, finishing earlier never lowers a score, and
adding a bonus never lowers one; of two units sharing an item, one's score never moves with the
other's facts. Under either method (加分制, 扣分制 with its floor): no total below its floor, no cap
exceeded by the events, and a unit's score independent of another unit's items and events. Every
example runs in a savepoint that is rolled back.
"""

import datetime
from decimal import Decimal as D

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment.compute import compute
from assessment.models import EventResult, EventRule, ItemResult, PersonResult, Scheme, SchemeIndicator, UnitResult
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
        "deduction_cap": points,
        "excellent_quota": st.integers(0, 100),
        "tie_break": st.sampled_from(Scheme.TieBreak.values),
        "method": st.sampled_from(Scheme.Method.values),
        "floor": st.integers(0, 100).map(D),
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
        if scheme.deduction_cap:
            assert total.deduction <= scheme.deduction_cap
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


# --- 扣分制 and its floor, the caps, one unit's score against another's facts ---------------------------------

events = st.lists(
    st.fixed_dictionaries(
        {
            "kind": st.sampled_from([EventRule.Kind.BONUS, EventRule.Kind.DEDUCTION]),
            "points": st.decimals(min_value=D("0.5"), max_value=D(15), places=1),
            "cap": st.decimals(min_value=D(0), max_value=D(10), places=1),
            "tie": st.sampled_from(["", "category", "indicator"]),  # a bonus is tied to nothing
            "veto": st.sampled_from(["", *EventRule.Veto.values]),  # 黄牌, on a deduction only
            "times": st.integers(1, 3),
        }
    ),
    max_size=4,
)
ONE_EXAMPLE_EACH = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def record_events(cast, scheme, unit, n: int, specs: list[dict]) -> None:
    """The unit's events by ``specs``: rules of their own, tied to the first category (12 points) or
    an indicator of it (4 points), each event recorded ``times`` times."""
    category = scheme.categories.get(order=1)
    indicator, _created = SchemeIndicator.objects.get_or_create(category=category, name="约束指标", points=D(4))
    for k, spec in enumerate(specs):
        deduction = spec["kind"] == EventRule.Kind.DEDUCTION
        tie = spec["tie"] if deduction else ""
        made = rule(
            scheme,
            spec["kind"],
            f"规则{n}-{k}",
            spec["points"],
            cap=spec["cap"],
            category=category if tie == "category" else None,
            indicator=indicator if tie == "indicator" else None,
            veto=spec["veto"] if deduction else "",
        )
        for time in range(spec["times"]):
            event(scheme, made, datetime.date(2020, 3, 1 + time), cast.assessor, unit=unit)


@ONE_EXAMPLE_EACH
@given(scheme_values=schemes, f=facts, specs=events)
def test_no_total_below_its_floor_and_no_cap_exceeded(cast, scheme_values, f, specs):
    def example():
        scheme = scheme_for(cast, **scheme_values)
        unit, _item = build_unit(cast, scheme, 1, f)
        record_events(cast, scheme, unit, 1, specs)
        assessment = compute(scheme, as_of=YEAR_END)
        total = UnitResult.objects.get(assessment=assessment, unit=unit)
        raw = total.base + total.bonus - total.deduction
        if scheme.method == Scheme.Method.DEDUCTIVE:
            assert total.total == max(raw, scheme.floor) >= scheme.floor
            assert total.floored == (raw < scheme.floor)
        else:
            assert total.total == max(raw, D(0)) and not total.floored  # the floor does not apply
        results = list(EventResult.objects.filter(assessment=assessment).select_related("event__rule__indicator"))
        by_rule, by_category, by_indicator = {}, {}, {}
        for result in results:
            rule_ = result.event.rule
            assert abs(result.applied) <= abs(result.points)
            by_rule[rule_] = by_rule.get(rule_, D(0)) + abs(result.applied)
            if rule_.kind == EventRule.Kind.DEDUCTION and rule_.category_id:
                by_category[rule_.category] = by_category.get(rule_.category, D(0)) - result.applied
            if rule_.indicator_id:
                by_indicator[rule_.indicator] = by_indicator.get(rule_.indicator, D(0)) - result.applied
        assert all(spent <= r.cap for r, spent in by_rule.items() if r.cap)
        assert all(spent <= c.points for c, spent in by_category.items())
        assert all(spent <= i.points for i, spent in by_indicator.items())
        if scheme.bonus_cap:
            assert total.bonus <= scheme.bonus_cap
        if scheme.deduction_cap:
            assert total.deduction <= scheme.deduction_cap
        assert total.bonus == sum((r.applied for r in results if r.applied > 0), D(0))
        assert total.deduction == -sum((r.applied for r in results if r.applied < 0), D(0))
        vetoes = {r.veto for r in by_rule if r.kind == EventRule.Kind.DEDUCTION and r.veto}
        # 黄牌: the worst effect of the deductions with one stands, whatever their order.
        assert total.veto == (EventRule.Veto.FAIL if EventRule.Veto.FAIL in vetoes else next(iter(vetoes), ""))

    in_savepoint(example)


@ONE_EXAMPLE_EACH
@given(scheme_values=schemes, f=facts, bonus=st.decimals(min_value=D("0.1"), max_value=D(10), places=1), specs=events)
def test_a_bonus_never_lowers_a_total_under_either_method(cast, scheme_values, f, bonus, specs):
    def example():
        scheme = scheme_for(cast, **scheme_values)
        plain, _item = build_unit(cast, scheme, 1, f)
        record_events(cast, scheme, plain, 1, specs)
        praised, _item = build_unit(cast, scheme, 2, f, extra_bonus=bonus)
        record_events(cast, scheme, praised, 2, specs)
        assessment = compute(scheme, as_of=YEAR_END)
        rows = {r.unit_id: r for r in UnitResult.objects.filter(assessment=assessment)}
        assert rows[praised.pk].total >= rows[plain.pk].total

    in_savepoint(example)


def own_score(cast, scheme_values: dict, mine: dict, my_events: list, theirs: dict, their_events: list) -> tuple:
    """What the year gives the first of two units, each with its own item and events, the second
    playing ``theirs`` and ``their_events``."""
    seen = {}

    def example():
        scheme = scheme_for(cast, **scheme_values)
        unit, _item = build_unit(cast, scheme, 1, mine)
        record_events(cast, scheme, unit, 1, my_events)
        other, _item = build_unit(cast, scheme, 2, theirs)
        record_events(cast, scheme, other, 2, their_events)
        row = UnitResult.objects.get(assessment=compute(scheme, as_of=YEAR_END), unit=unit)
        seen["score"] = (row.items, row.base, row.bonus, row.deduction, row.total, row.floored, row.veto)

    in_savepoint(example)
    return seen["score"]


@ONE_EXAMPLE_EACH
@given(scheme_values=schemes, mine=facts, my_events=events, theirs=facts, their_events=events, changed=facts)
def test_a_units_score_does_not_move_with_another_units_items_and_events(
    cast, scheme_values, mine, my_events, theirs, their_events, changed
):
    # Only its rank and grade may (the quota on the top grade is shared): they are not compared.
    assert own_score(cast, scheme_values, mine, my_events, theirs, their_events) == own_score(
        cast, scheme_values, mine, my_events, changed, []
    )
