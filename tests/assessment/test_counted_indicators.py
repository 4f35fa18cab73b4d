"""按完成比例得分 and 按次扣分: indicators scored per unit from a number – entered for the unit (评分单位填报)
or counted from the version's own item and 会办 rows – through ``compute()``, with hand-computed points.

The scene (2020, reckoned 12-31; scheme_for: 0.5 per started week late, 1 per return, no indicator share):
the cast's category (12 points) holds four items of no points of their own, so that they share what
the category's indicators leave.

- 甲单位: 甲1 done on time (claimed 06-01); 甲2 done 12 days late (claimed 07-12) after 2 returns;
  甲3 not done, due 06-30: 3 rows, 2 done (66.67 %), 1 not done, 2 late, 2 returns.
- 乙单位: 乙1 done on time: 1 row, done, not late, no return. 兴科社区 cooperates on it (会办 due 06-30,
  nothing given): no item row of its own, one 会办 missed.
"""

from __future__ import annotations

import datetime
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessment.compute import SchemeError, compute
from assessment.explain import explain_unit, explain_units, owed_scores
from assessment.models import AssessedResult, IndicatorScore, ItemResult, SchemeCategory, SchemeIndicator, UnitResult
from responsibility import timeline
from responsibility.models import Assignment, ItemEvent, MissedReport, Unit
from tests.assessment.pages import aurl
from tests.assessment.scenario import fact, finish, item_for, scheme_for, split, unit_with_official
from tests.assessment.test_explain import assert_adds_up
from tests.browser import Browser, plain_text

pytestmark = pytest.mark.django_db
YEAR_END = datetime.date(2020, 12, 31)
DUE = datetime.date(2020, 6, 30)
Method, Source = SchemeIndicator.Method, SchemeIndicator.Source
Role = Assignment.Role


class Scene:
    def __init__(self, cast) -> None:
        self.cast = cast
        self.scheme = scheme_for(cast, indicator_share=0)
        self.category = SchemeCategory.objects.get(scheme=self.scheme, name=cast.category.name)
        self.a, a_post = unit_with_official(cast, "甲单位", 10)
        self.b, b_post = unit_with_official(cast, "乙单位", 11)
        self.community = cast.community
        self.items = {}
        for n, (claimed, returns) in enumerate([(datetime.date(2020, 6, 1), 0), (datetime.date(2020, 7, 12), 2)]):
            self.items[f"甲{n + 1}"] = self._item(f"甲{n + 1}", self.a, a_post, claimed, returns)
        self.items["甲3"] = self._item("甲3", self.a, a_post, None, 0)
        item = item_for(cast, title="乙1", number="4.", deadline=DUE, points=D(0))
        lead, self.cooperating = split(
            item, (self.b, b_post, Role.LEAD), (self.community, cast.posts["official2"], Role.COOPERATING)
        )
        finish(item, datetime.date(2020, 6, 1), assignment=lead)
        self.items["乙1"] = item
        self.lead_b = lead

    def _item(self, title, unit, post, claimed, returns):
        item = item_for(self.cast, title=title, number=f"{len(self.items) + 1}.", deadline=DUE, points=D(0))
        [assignment] = split(item, (unit, post, Role.LEAD))
        if claimed:
            finish(item, claimed, returns=returns, assignment=assignment)
        return item

    def indicator(self, name="指标", points=4, **rule) -> SchemeIndicator:
        return SchemeIndicator.objects.create(category=self.category, name=name, points=D(points), **rule)

    def compute(self):
        return compute(self.scheme, as_of=YEAR_END)


@pytest.fixture
def scene(cast):
    return Scene(cast)


def earned(assessment, indicator) -> dict[str, D]:
    rows = AssessedResult.objects.filter(assessment=assessment, indicator=indicator).select_related("unit")
    return {row.unit.name: row.earned for row in rows}


def values(assessment, indicator) -> dict[str, D]:
    rows = AssessedResult.objects.filter(assessment=assessment, indicator=indicator).select_related("unit")
    return {row.unit.name: row.value for row in rows}


def lines_of(assessment, unit) -> list[str]:
    explanation = explain_unit(assessment, UnitResult.objects.get(assessment=assessment, unit=unit))
    return [line.text for c in explanation.categories for i in c.items for line in i.lines]


# --- system sources, per count ----------------------------------------------------------------------------


def test_late_items_per_count_end_to_end_with_the_category_share(scene):
    late = scene.indicator("按时办结", 4, method=Method.PER_COUNT, source=Source.LATE_ITEMS, step=D("0.5"))
    assessment = scene.compute()

    # 甲: 甲2 (done late) and 甲3 (not done, past due) are late, 甲1 (on time) is not: 4 − 2 × 0.5 = 3.
    # 乙: none late: 4. 兴科社区 has a 会办 row only: none late either, 4.
    assert values(assessment, late) == {"甲单位": D(2), "乙单位": D(0), "兴科社区": D(0)}
    assert earned(assessment, late) == {"甲单位": D(3), "乙单位": D(4), "兴科社区": D(4)}
    # The indicator's 4 points come out of the category's share: (12 − 4) / 4 items = 2 each.
    assert set(ItemResult.objects.filter(assessment=assessment).values_list("weight", flat=True)) == {D(2)}
    # 甲: 甲1 2/2, 甲2 2 − 1 (2 weeks late) − 2 (returns) → 0, 甲3 0; with the indicator 3/4:
    # 5 of 10 → 12 × 5/10 = 6 of the category's 12 → base 6 × 100/12 = 50.
    result = UnitResult.objects.get(assessment=assessment, unit=scene.a)
    assert result.base == D(50)
    assert "逾期事项数 2，每个扣 0.5 分，得 3/4（最低 0 分）" in lines_of(assessment, scene.a)
    assert_adds_up(explain_unit(assessment, result), scene.scheme)
    # 乙: 2/2 and 4/4 → 100.
    assert UnitResult.objects.get(assessment=assessment, unit=scene.b).base == D(100)


def test_without_the_indicator_the_items_share_the_whole_category(scene):
    assessment = scene.compute()
    assert set(ItemResult.objects.filter(assessment=assessment).values_list("weight", flat=True)) == {D(3)}
    assert not AssessedResult.objects.exists()


def test_undone_items_per_count_stops_at_the_floor(scene):
    undone = scene.indicator("完成情况", 3, method=Method.PER_COUNT, source=Source.UNDONE_ITEMS, step=D(3), floor=D(1))
    assessment = scene.compute()
    # 甲: 1 not done: 3 − 3 = 0, raised to the floor 1. 乙 and 兴科社区: none: 3.
    assert values(assessment, undone) == {"甲单位": D(1), "乙单位": D(0), "兴科社区": D(0)}
    assert earned(assessment, undone) == {"甲单位": D(1), "乙单位": D(3), "兴科社区": D(3)}
    assert "未完成事项数 1，每个扣 3 分，得 1/3（已扣至最低 1 分）" in lines_of(assessment, scene.a)
    assert "未完成事项数 0，每个扣 3 分，得 3/3（最低 1 分）" in lines_of(assessment, scene.b)


def test_returns_per_count_never_below_zero(scene):
    returns = scene.indicator("一次办好", D("1.5"), method=Method.PER_COUNT, source=Source.RETURNS, step=D(1))
    assessment = scene.compute()
    # 甲: 2 returns: 1.5 − 2 → 0 (floor 0: 扣完为止). 乙: none: 1.5.
    assert earned(assessment, returns) == {"甲单位": D(0), "乙单位": D("1.5"), "兴科社区": D("1.5")}
    assert "退回整改次数 2，每次扣 1 分，得 0/1.5（已扣至最低 0 分）" in lines_of(assessment, scene.a)


def test_missed_contributions_are_counted_whatever_the_会办_rule(scene):
    missed = scene.indicator("配合会办", 2, method=Method.PER_COUNT, source=Source.MISSED_CONTRIBUTIONS, step=D("0.5"))
    assessment = scene.compute()  # 每次会办逾期扣分 is 0: no deduction, but the indicator counts it
    assert earned(assessment, missed) == {"甲单位": D(2), "乙单位": D(2), "兴科社区": D("1.5")}
    community = UnitResult.objects.get(assessment=assessment, unit=scene.community)
    assert community.deduction == D(0)
    assert "会办逾期次数 1，每次扣 0.5 分，得 1.5/2（最低 0 分）" in lines_of(assessment, scene.community)

    # The deduction still applies where it did, once, beside the indicator.
    scene.scheme.cooperation_points = D("0.25")
    scene.scheme.save()
    assessment = scene.compute()
    assert UnitResult.objects.get(assessment=assessment, unit=scene.community).deduction == D("0.25")
    assert earned(assessment, missed)["兴科社区"] == D("1.5")


def test_a_会办_given_by_its_date_is_not_missed(scene):
    missed = scene.indicator("配合会办", 2, method=Method.PER_COUNT, source=Source.MISSED_CONTRIBUTIONS, step=D("0.5"))
    fact(scene.items["乙1"], ItemEvent.Kind.CONTRIBUTED, datetime.date(2020, 6, 20), assignment=scene.cooperating)
    assessment = scene.compute()
    assert values(assessment, missed)["兴科社区"] == D(0)
    assert earned(assessment, missed)["兴科社区"] == D(2)


def test_a_done_item_is_not_late_and_a_late_one_is(scene):
    late = scene.indicator("按时办结", 4, method=Method.PER_COUNT, source=Source.LATE_ITEMS, step=D(1))
    assert values(scene.compute(), late)["乙单位"] == D(0)  # done on time
    # The same item claimed after its date instead: late, though done.
    with timeline.purge():  # the timeline is append-only: the scene is rewritten on purpose
        ItemEvent.objects.filter(item=scene.items["乙1"]).delete()
    finish(scene.items["乙1"], datetime.date(2020, 7, 2), assignment=scene.lead_b)
    assessment = scene.compute()
    assert values(assessment, late)["乙单位"] == D(1)
    assert earned(assessment, late)["乙单位"] == D(3)


ONLY_UNIT = object()


def _missed(item, *dues, part=ONLY_UNIT) -> None:
    """Reporting deadlines recorded missed, as the sweep records them: by a unit's part (the item's
    only unit unless given), or by the item itself (``part=None``: an item without units)."""
    part = item.assignments.get() if part is ONLY_UNIT else part
    MissedReport.objects.bulk_create([MissedReport(item=item, assignment=part, due=due) for due in dues])


def test_missed_reports_per_count_by_unit_down_to_the_floor_and_only_by_as_of(scene):
    """每少报一次扣0.5分，扣完为止: 3 points, 0.5 each, for 0, 2 and 7 deadlines missed."""
    missed = scene.indicator("按时报送", 3, method=Method.PER_COUNT, source=Source.MISSED_REPORTS, step=D("0.5"))
    month = [datetime.date(2020, m, 25) for m in range(1, 13)]
    # 甲单位: 7 by the year end over its parts – one recorded before 甲1 had units (its only unit's) –
    # and one due after it, not counted.
    _missed(scene.items["甲1"], *month[:3])
    _missed(scene.items["甲1"], month[3], part=None)
    _missed(scene.items["甲3"], *month[4:7])
    _missed(scene.items["甲3"], datetime.date(2021, 1, 25))
    _missed(scene.items["乙1"], *month[:2], part=scene.lead_b)  # 乙单位: 2
    assessment = scene.compute()
    assert values(assessment, missed) == {"甲单位": D(7), "乙单位": D(2), "兴科社区": D(0)}
    assert earned(assessment, missed) == {"甲单位": D(0), "乙单位": D(2), "兴科社区": D(3)}
    assert "少报次数 7，每次扣 0.5 分，得 0/3（已扣至最低 0 分）" in lines_of(assessment, scene.a)
    assert "少报次数 2，每次扣 0.5 分，得 2/3（最低 0 分）" in lines_of(assessment, scene.b)

    # Reckoned on 2021-01-31 instead, the deadline of 25 January counts too (still 0 for 甲单位).
    assessment = compute(scene.scheme, as_of=datetime.date(2021, 1, 31))
    assert values(assessment, missed)["甲单位"] == D(8)


def test_an_item_without_units_counts_its_missed_reports_for_each_responsible_unit(cast, scene):
    missed = scene.indicator("按时报送", 3, method=Method.PER_COUNT, source=Source.MISSED_REPORTS, step=D("0.5"))
    item = item_for(cast, scene.b, title="乙2", number="5.", deadline=DUE, points=D(0))
    item.responsible_units.add(scene.community)
    _missed(item, datetime.date(2020, 3, 25), part=None)
    # One recorded by an item before it had units, now of two units: neither unit's own.
    split_item = item_for(cast, title="乙3", number="6.", deadline=DUE, points=D(0))
    split(split_item, (scene.b, None, Role.LEAD), (scene.a, None, Role.RESPONSIBLE))
    _missed(split_item, datetime.date(2020, 4, 25), part=None)
    assessment = scene.compute()
    assert values(assessment, missed) == {"甲单位": D(0), "乙单位": D(1), "兴科社区": D(1)}


# --- system sources, ratio --------------------------------------------------------------------------------


def test_the_completion_rate_is_out_of_100_unless_a_target_is_set_and_never_above_the_points(scene):
    rate = scene.indicator("完成率", 6, method=Method.RATIO, source=Source.DONE_PERCENT)
    assessment = scene.compute()
    # 甲: 2 of 3 done: 66.67 % → 6 × 66.67 / 100 = 4.0002 → 4. 乙: 100 % → 6. 兴科社区: no item, no rate.
    assert values(assessment, rate) == {"甲单位": D("66.67"), "乙单位": D(100)}
    assert earned(assessment, rate) == {"甲单位": D(4), "乙单位": D(6)}
    assert "事项完成率 66.67% / 目标 100%，按完成比例得 4/6" in lines_of(assessment, scene.a)

    SchemeIndicator.objects.filter(pk=rate.pk).update(target=D(80))
    assessment = scene.compute()
    # 甲: 6 × 66.67 / 80 = 5.000025 → 5. 乙: 6 × 100 / 80 = 7.5, capped at the indicator's 6.
    assert earned(assessment, rate) == {"甲单位": D(5), "乙单位": D(6)}
    assert "事项完成率 100% / 目标 80%，按完成比例得 6/6（超过目标按指标分值计）" in lines_of(assessment, scene.b)


def test_a_ratio_of_a_count_with_its_target(scene):
    late = scene.indicator("逾期控制", 4, method=Method.RATIO, source=Source.LATE_ITEMS, target=D(4))
    assessment = scene.compute()
    # 甲: 2 of a target of 4 → 2. 乙: 0 → 0.
    assert earned(assessment, late) == {"甲单位": D(2), "乙单位": D(0), "兴科社区": D(0)}


# --- entered numbers --------------------------------------------------------------------------------------


def enter(cast, indicator, unit, value, target=None, reason="按台账填报"):
    return IndicatorScore.objects.create(
        indicator=indicator, unit=unit, value=value, target=target, reason=reason, scored_by=cast.assessor
    )


def test_an_entered_ratio_with_the_units_own_target_and_an_unfilled_unit_owed(cast, scene):
    report = scene.indicator("信息报送", 15, method=Method.RATIO, source=Source.ENTERED, target=D(10))
    enter(cast, report, scene.a, D(8))
    IndicatorScore.objects.create(indicator=report, unit=scene.b, reason="待填", scored_by=cast.assessor)  # no value
    assessment = scene.compute()
    # 甲: 15 × 8 / 10 = 12. 乙: nothing entered: no row, and named as owed.
    assert earned(assessment, report) == {"甲单位": D(12)}
    row = AssessedResult.objects.get(assessment=assessment, indicator=report)
    assert (row.value, row.target) == (D(8), D(10))
    assert "评分单位填报 8 / 目标 10，按完成比例得 12/15（按台账填报）" in lines_of(assessment, scene.a)
    [owed] = owed_scores(assessment)
    assert (owed.indicator, owed.units, owed.entered) == ("信息报送", ["乙单位"], True)
    page = plain_text(Browser(cast.committee).get(aurl("result", assessment.pk)))
    assert "有 1 处单位的填报指标尚未填报数值" in page and "“信息报送”：乙单位" in page

    # 乙 enters 12 against its own target of 20: 15 × 12 / 20 = 9; nothing is owed any more.
    IndicatorScore.objects.filter(indicator=report, unit=scene.b).update(value=D(12), target=D(20))
    assessment = scene.compute()
    assert earned(assessment, report) == {"甲单位": D(12), "乙单位": D(9)}
    assert owed_scores(assessment) == []


def test_an_entered_ratio_without_any_target_is_owed_not_scored(cast, scene):
    report = scene.indicator("信息报送", 15, method=Method.RATIO, source=Source.ENTERED)
    enter(cast, report, scene.a, D(8))
    enter(cast, report, scene.b, D(8), target=D(16))
    assessment = scene.compute()
    assert earned(assessment, report) == {"乙单位": D("7.5")}
    assert [(o.indicator, o.units) for o in owed_scores(assessment)] == [("信息报送", ["甲单位"])]


def test_an_entered_count_with_a_floor(cast, scene):
    meetings = scene.indicator("少开会", 5, method=Method.PER_COUNT, source=Source.ENTERED, step=D("0.5"), floor=D(1))
    enter(cast, meetings, scene.a, D(3))
    enter(cast, meetings, scene.b, D(20))
    assessment = scene.compute()
    # 甲: 5 − 3 × 0.5 = 3.5. 乙: 5 − 10 → the floor 1.
    assert earned(assessment, meetings) == {"甲单位": D("3.5"), "乙单位": D(1)}
    assert "评分单位填报 3，每次扣 0.5 分，得 3.5/5（最低 1 分）（按台账填报）" in lines_of(assessment, scene.a)


# --- whom it applies to -----------------------------------------------------------------------------------


def test_a_unit_outside_applies_to_gets_no_row(cast, scene):
    late = scene.indicator(
        "社区按时办结",
        4,
        method=Method.PER_COUNT,
        source=Source.LATE_ITEMS,
        step=D(1),
        applies_to=SchemeIndicator.AppliesTo.KIND,
        unit_kind=Unit.Kind.COMMUNITY,
    )
    named = scene.indicator(
        "信息报送", 2, method=Method.PER_COUNT, source=Source.ENTERED, step=D(1), applies_to="named"
    )
    named.units.set([scene.b])
    enter(cast, named, scene.a, D(1))  # left for a unit it does not apply to: does not count
    enter(cast, named, scene.b, D(1))
    assessment = scene.compute()
    assert earned(assessment, late) == {"兴科社区": D(4)}
    assert earned(assessment, named) == {"乙单位": D(1)}
    assert owed_scores(assessment) == []  # 甲 is not owed an indicator that is not its


# --- refused --------------------------------------------------------------------------------------------


def test_the_computation_refuses_an_indicator_it_cannot_score_naming_it(scene):
    odd = scene.indicator("逾期控制", 4, method=Method.RATIO, source=Source.LATE_ITEMS)  # no target
    with pytest.raises(SchemeError, match="“逾期控制”.*须填写目标值"):
        scene.compute()
    SchemeIndicator.objects.filter(pk=odd.pk).update(method=Method.PER_COUNT, source="", step=D(1))
    with pytest.raises(SchemeError, match="“逾期控制”.*没有选择数据来源"):
        scene.compute()
    assert not UnitResult.objects.exists()
    SchemeIndicator.objects.filter(pk=odd.pk).update(points=0)  # not scored at all: not in the way
    scene.compute()


# --- the breakdown ------------------------------------------------------------------------------------------


def test_the_breakdown_states_the_rule_the_version_was_computed_with(scene):
    late = scene.indicator("按时办结", 4, method=Method.PER_COUNT, source=Source.LATE_ITEMS, step=D("0.5"))
    assessment = scene.compute()
    SchemeIndicator.objects.filter(pk=late.pk).update(step=D(2), floor=D(1))  # changed after computing
    assert "逾期事项数 2，每个扣 0.5 分，得 3/4（最低 0 分）" in lines_of(assessment, scene.a)


def test_explaining_many_units_with_counted_indicators_costs_the_same_queries(cast, scene):
    scene.indicator("按时办结", 2, method=Method.PER_COUNT, source=Source.LATE_ITEMS, step=D("0.5"))
    scene.indicator("完成率", 2, method=Method.RATIO, source=Source.DONE_PERCENT)
    assessment = scene.compute()
    results = list(UnitResult.objects.filter(assessment=assessment).select_related("unit").order_by("unit__order"))
    assert len(results) == 3
    with CaptureQueriesContext(connection) as one:
        explain_units(assessment, results[:1])
    with CaptureQueriesContext(connection) as all_of_them:
        explanations = explain_units(assessment, results)
    assert len(all_of_them) == len(one) <= 9  # as test_explain: the categories for the subtotals
    for explanation in explanations:
        assert_adds_up(explanation, scene.scheme)


def test_a_half_cent_rounds_up_as_everywhere_else_in_the_computation():
    # 1.325 and 0.125 are halves: Python's default quantize would give 1.32 and 0.12 (the even cent).
    ratio = SchemeIndicator(method=Method.RATIO, points=D("2.65"), target=D(2), source=Source.ENTERED)
    assert ratio.points_for(D(1)) == D("1.33")
    count = SchemeIndicator(method=Method.PER_COUNT, points=D(1), step=D("0.875"), source=Source.LATE_ITEMS)
    assert count.points_for(D(1)) == D("0.13")


def test_an_events_half_cent_rounds_up_too():
    from assessment.models import EventRule, ScoreEvent

    rule = EventRule(kind=EventRule.Kind.DEDUCTION, name="上级考核扣分", points=D(0), ratio=50)
    assert ScoreEvent(rule=rule, amount=D("0.25"), quantity=1).points_asked == D("0.13")  # 0.125
