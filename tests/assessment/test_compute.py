"""The year-end computation against hand-computed scenarios, one per rule.

The cast's plan has one category (依法全面履行政府职能, 12 of the scheme's 100 points; the other 88
belong to 其他工作, which these units do not carry, so their base is rescaled: 12 → 100). Each
item is worth 10 points and due on 2020-06-30 unless said otherwise.
"""

import datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse

from assessment.compute import SchemeError, compute, publish
from assessment.explain import explain_unit
from assessment.models import (
    Assessment,
    CategoryResult,
    EventResult,
    EventRule,
    GradeBand,
    ItemResult,
    PersonResult,
    Scheme,
    SchemeCategory,
    SchemeIndicator,
    ScoreEvent,
    UnitResult,
)
from responsibility.models import Indicator, ItemEvent, ProgressReport
from tests.assessment.scenario import at, event, fact, finish, item_for, report, rule, scheme_for, unit_with_official
from tests.browser import Browser, plain_text

pytestmark = pytest.mark.django_db
YEAR_END = datetime.date(2020, 12, 31)
JULY = datetime.date(2020, 7, 1)


def day(month: int, d: int) -> datetime.date:
    return datetime.date(2020, month, d)


def item_result(assessment, item) -> ItemResult:
    return ItemResult.objects.get(assessment=assessment, item=item)


def unit_result(assessment, unit) -> UnitResult:
    return UnitResult.objects.get(assessment=assessment, unit=unit)


def one_unit(cast, **scheme_kwargs):
    scheme = scheme_for(cast, **scheme_kwargs)
    unit, post = unit_with_official(cast, "甲社区", 10)
    return scheme, unit, post


def test_done_by_the_deadline_earns_full_points(cast):
    scheme, unit, post = one_unit(cast)
    item = item_for(cast, unit, post, points=D(10))
    finish(item, claimed=day(6, 20))
    assessment = compute(scheme, as_of=YEAR_END)
    result = item_result(assessment, item)
    assert (result.done, result.days_late, result.earned, result.weight) == (True, 0, D(10), D(10))
    assert unit_result(assessment, unit).base == D(100)


def test_late_by_the_week_rounds_a_started_week_up(cast):
    scheme, unit, post = one_unit(cast)  # 0.5 per week
    item = item_for(cast, unit, post, points=D(10))
    finish(item, claimed=day(7, 12))  # 12 days late: two weeks started
    assessment = compute(scheme, as_of=YEAR_END)
    result = item_result(assessment, item)
    assert (result.days_late, result.late_deduction, result.earned) == (12, D(1), D(9))
    # 12 × 9/10 = 10.8 of the category's 12, rescaled to 100: 90.
    category = CategoryResult.objects.get(assessment=assessment, unit=unit)
    assert (category.possible, category.earned, category.points) == (D(10), D(9), D("10.8"))
    assert unit_result(assessment, unit).base == D(90)


def test_late_by_the_day(cast):
    scheme, unit, post = one_unit(cast, late_points=D("0.1"), late_period=Scheme.LatePeriod.DAY)
    item = item_for(cast, unit, post, points=D(10))
    finish(item, claimed=day(7, 12))
    result = item_result(compute(scheme, as_of=YEAR_END), item)
    assert (result.late_deduction, result.earned) == (D("1.2"), D("8.8"))


def test_the_day_of_a_claim_is_the_day_in_shanghai(cast):
    scheme, unit, post = one_unit(cast, late_points=D("0.1"), late_period=Scheme.LatePeriod.DAY)
    item = item_for(cast, unit, post, points=D(10))
    # 07:00 on 1 July in Shanghai is 23:00 on 30 June in UTC: one day late.
    ItemEvent.objects.create(item=item, kind=ItemEvent.Kind.CLAIMED, created_at=at(JULY, hour=7))
    fact(item, ItemEvent.Kind.VERIFIED, day(7, 3))
    result = item_result(compute(scheme, as_of=YEAR_END), item)
    assert (result.finished_on, result.days_late, result.late_deduction) == (JULY, 1, D("0.1"))


def test_an_approved_extension_moves_the_deadline(cast):
    scheme, unit, post = one_unit(cast)
    item = item_for(cast, unit, post, points=D(10), deadline=day(7, 31))  # extended from 6-30
    finish(item, claimed=day(7, 20))
    assert item_result(compute(scheme, as_of=YEAR_END), item).earned == D(10)


def test_returned_twice_loses_a_point_each_time(cast):
    scheme, unit, post = one_unit(cast)
    item = item_for(cast, unit, post, points=D(10))
    finish(item, claimed=day(6, 1), returns=2)
    result = item_result(compute(scheme, as_of=YEAR_END), item)
    assert (result.returns, result.return_deduction, result.earned) == (2, D(2), D(8))


def test_late_deduction_stops_at_its_cap(cast):
    scheme, unit, post = one_unit(cast, late_cap=D(3))
    item = item_for(cast, unit, post, points=D(10))
    finish(item, claimed=day(10, 8))  # 100 days: 15 weeks × 0.5 = 7.5, capped at 3
    result = item_result(compute(scheme, as_of=YEAR_END), item)
    assert (result.days_late, result.late_deduction, result.earned) == (100, D(3), D(7))


def test_deductions_never_take_more_than_the_item_is_worth(cast):
    scheme, unit, post = one_unit(cast, return_points=D(4))
    item = item_for(cast, unit, post, points=D(10))
    finish(item, claimed=day(12, 20), returns=4)  # late 25 weeks (12.5 → 10) and 16 for returns (→ 10)
    result = item_result(compute(scheme, as_of=YEAR_END), item)
    assert (result.late_deduction, result.return_deduction, result.earned) == (D(10), D(10), D(0))


def test_not_done_earns_by_progress_or_nothing(cast):
    scheme, unit, post = one_unit(cast)
    item = item_for(cast, unit, post, points=D(10), deadline=YEAR_END)
    report(item, 30, day(5, 1), cast.official)
    report(item, 40, day(11, 1), cast.official)
    report(item, 90, datetime.date(2021, 1, 5), cast.official)  # after the year: not counted
    result = item_result(compute(scheme, as_of=YEAR_END), item)
    assert (result.done, result.percent_done, result.earned) == (False, 40, D(4))
    Scheme.objects.filter(pk=scheme.pk).update(not_done=Scheme.NotDone.ZERO)
    scheme.refresh_from_db()
    assert item_result(compute(scheme, as_of=YEAR_END), item).earned == D(0)


def test_b3_a_returned_claim_not_rectified_is_not_100_percent_progress(cast):
    scheme, unit, post = one_unit(cast)
    item = item_for(cast, unit, post, points=D(10), deadline=YEAR_END)
    report(item, 60, day(9, 1), cast.official)
    claim = report(item, 100, day(11, 1), cast.official)
    ProgressReport.objects.filter(pk=claim.pk).update(kind=ProgressReport.Kind.COMPLETION)
    fact(item, ItemEvent.Kind.CLAIMED, day(11, 1))
    assert item_result(compute(scheme, as_of=YEAR_END), item).percent_done == 100  # claimed, not yet judged

    fact(item, ItemEvent.Kind.RETURNED, day(11, 10))  # returned, never rectified
    result = item_result(compute(scheme, as_of=YEAR_END), item)
    assert (result.done, result.percent_done, result.earned) == (False, 60, D(5))  # 60 % of 10, less 1 returned

    rectified = report(item, 100, day(12, 1), cast.official)  # a rectification not returned counts again
    ProgressReport.objects.filter(pk=rectified.pk).update(kind=ProgressReport.Kind.RECTIFICATION)
    assert item_result(compute(scheme, as_of=YEAR_END), item).percent_done == 100


def test_not_done_after_the_deadline_is_late_until_the_day_of_reckoning(cast):
    scheme, unit, post = one_unit(cast)
    item = item_for(cast, unit, post, points=D(10), deadline=day(11, 30))
    report(item, 80, day(11, 1), cast.official)
    fact(item, ItemEvent.Kind.CLAIMED, day(12, 20))  # claimed, never verified: not done
    result = item_result(compute(scheme, as_of=YEAR_END), item)
    # 31 days to 12-31: five weeks started × 0.5; progress 80% of 10.
    assert (result.done, result.days_late, result.late_deduction, result.earned) == (False, 31, D("2.5"), D("5.5"))


def test_indicators_share_the_points_they_are_given(cast):
    scheme, unit, post = one_unit(cast)  # 20% of an item with indicators rides on them
    item = item_for(cast, unit, post, points=D(10))
    reached = Indicator.objects.create(item=item, name="普法活动", unit="场次", target_value=D(30))
    missed = Indicator.objects.create(
        item=item, name="投诉", unit="件", comparator=Indicator.Comparator.AT_MOST, target_value=D(5)
    )
    report(item, 80, day(5, 1), cast.official, {reached: 10, missed: 3})
    report(item, 100, day(6, 1), cast.official, {reached: 32, missed: 7})  # the latest values count
    finish(item, claimed=day(6, 2))
    result = item_result(compute(scheme, as_of=YEAR_END), item)
    assert (result.indicators_total, result.indicators_reached) == (2, 1)
    assert (result.completion_points, result.indicator_points, result.earned) == (D(8), D(1), D(9))


def test_items_without_points_share_their_category(cast):
    scheme, unit, post = one_unit(cast)
    first = item_for(cast, unit, post, points=D(0))
    second = item_for(cast, unit, post, points=D(0), title="第二项")
    third = item_for(cast, unit, post, points=D(0), title="第三项")
    finish(first, claimed=day(6, 1))
    assessment = compute(scheme, as_of=YEAR_END)
    weights = {r.item_id: r.weight for r in ItemResult.objects.filter(assessment=assessment)}
    assert weights == {first.pk: D(4), second.pk: D(4), third.pk: D(4)}


def test_items_on_an_indicator_share_its_points_and_the_rest_share_what_is_left(cast):
    from assessment.models import SchemeIndicator

    scheme, unit, post = one_unit(cast)
    category = scheme.categories.get(points=12)
    indicator = SchemeIndicator.objects.create(category=category, name="依法决策", points=D(8))
    linked = [item_for(cast, unit, post, points=D(0), title=f"决策{n}") for n in range(4)]
    indicator.items.set(linked)
    others = [item_for(cast, unit, post, points=D(0), title=f"其他{n}") for n in range(2)]
    own = item_for(cast, unit, post, points=D(5), title="自带分值")
    weights = {r.item_id: r.weight for r in ItemResult.objects.filter(assessment=compute(scheme, as_of=YEAR_END))}
    # 8 shared by four items; 12 − 8 = 4 shared by the two others; an item's own points stay its own.
    assert [weights[i.pk] for i in linked] == [D(2)] * 4
    assert [weights[i.pk] for i in others] == [D(2)] * 2
    assert weights[own.pk] == D(5)
    assert set(ItemResult.objects.filter(item__in=linked).values_list("indicator", flat=True)) == {indicator.pk}


def test_bonuses_count_to_their_rule_cap_and_the_scheme_cap(cast):
    scheme, unit, post = one_unit(cast, bonus_cap=D(3))
    item_for(cast, unit, post, points=D(10))
    city = rule(scheme, EventRule.Kind.BONUS, "通报表扬", 1, level=EventRule.Level.CITY, cap=D(2))
    national = rule(scheme, EventRule.Kind.BONUS, "通报表扬", 2, level=EventRule.Level.NATIONAL)
    for month in (3, 4, 5):
        event(scheme, city, day(month, 1), cast.assessor, unit=unit)
    event(scheme, national, day(6, 1), cast.assessor, unit=unit)
    assessment = compute(scheme, as_of=YEAR_END)
    applied = list(EventResult.objects.filter(assessment=assessment).values_list("points", "applied"))
    # city: 1, 1, then its cap of 2 is reached; national: 2 asked, 1 left under the scheme's cap of 3.
    assert applied == [(D(1), D(1)), (D(1), D(1)), (D(1), D(0)), (D(2), D(1))]
    result = unit_result(assessment, unit)
    assert (result.base, result.bonus, result.total) == (D(0), D(3), D(3))


def test_b2_a_scheme_bonus_cap_of_0_is_no_cap_as_every_other_0_cap(cast):
    scheme, unit, post = one_unit(cast, bonus_cap=D(0))
    item_for(cast, unit, post, points=D(10))
    praise = rule(scheme, EventRule.Kind.BONUS, "通报表扬", 2, level=EventRule.Level.CITY)
    for month in (3, 4, 5):
        event(scheme, praise, day(month, 1), cast.assessor, unit=unit)
    result = unit_result(compute(scheme, as_of=YEAR_END), unit)
    assert result.bonus == D(6)  # every bonus counts (it dropped all of them)
    page = plain_text(Browser(cast.committee).get(reverse("assessment:scheme", args=[scheme.pk])))
    assert "不设上限" in page and "全年最多加" not in page


def test_deductions_in_a_category_stop_at_its_points(cast):
    scheme, unit, post = one_unit(cast)
    item = item_for(cast, unit, post, points=D(10))
    finish(item, claimed=day(6, 1))
    category = scheme.categories.get(points=12)
    criticism = rule(scheme, EventRule.Kind.DEDUCTION, "通报批评", 5, category=category)
    for month in (3, 4, 5):
        event(scheme, criticism, day(month, 1), cast.assessor, unit=unit)
    assessment = compute(scheme, as_of=YEAR_END)
    applied = list(EventResult.objects.filter(assessment=assessment).values_list("applied", flat=True))
    assert applied == [D(-5), D(-5), D(-2)]  # 累计扣分不超过该项分值 (12)
    result = unit_result(assessment, unit)
    assert (result.base, result.deduction, result.total) == (D(100), D(12), D(88))


def test_events_after_the_day_of_reckoning_wait_for_the_next_computation(cast):
    scheme, unit, post = one_unit(cast)
    item_for(cast, unit, post, points=D(10))
    praise = rule(scheme, EventRule.Kind.BONUS, "通报表扬", 1)
    event(scheme, praise, day(12, 1), cast.assessor, unit=unit)
    assert unit_result(compute(scheme, as_of=day(11, 30)), unit).bonus == D(0)
    assert unit_result(compute(scheme, as_of=YEAR_END), unit).bonus == D(1)


def _units_with_totals(cast, scheme, totals: list[int]):
    """Units whose only item, due at the year's end, earns the given base (points 10, progress total %)."""
    units = []
    for n, total in enumerate(totals):
        unit, post = unit_with_official(cast, f"单位{n}", 20 + n)
        item = item_for(cast, unit, post, points=D(10), title=f"事项{n}", deadline=YEAR_END)
        report(item, total, day(5, 1), cast.official)
        units.append(unit)
    return units


def test_a_veto_fails_a_unit_or_bars_it_from_the_top_grade(cast):
    scheme = scheme_for(cast, excellent_quota=100)
    failed, barred, free = _units_with_totals(cast, scheme, [100, 95, 95])
    fail = rule(scheme, EventRule.Kind.VETO, "重大安全事故", veto=EventRule.Veto.FAIL)
    no_top = rule(scheme, EventRule.Kind.VETO, "信访积案", veto=EventRule.Veto.NO_TOP)
    event(scheme, fail, day(3, 1), cast.assessor, unit=failed)
    event(scheme, no_top, day(3, 1), cast.assessor, unit=barred)
    assessment = compute(scheme, as_of=YEAR_END)
    grades = {r.unit_id: (r.total, r.grade, r.veto) for r in UnitResult.objects.filter(assessment=assessment)}
    assert grades[failed.pk] == (D(100), "不合格", "fail")
    assert grades[barred.pk] == (D(95), "良好", "no_top")
    assert grades[free.pk] == (D(95), "优秀", "")


def test_b5_a_unit_vetoed_to_the_bottom_ranks_after_every_other_unit(cast):
    scheme = scheme_for(cast, excellent_quota=100)
    failed, top, low = _units_with_totals(cast, scheme, [100, 95, 40])
    fail = rule(scheme, EventRule.Kind.VETO, "重大安全事故", veto=EventRule.Veto.FAIL)
    event(scheme, fail, day(3, 1), cast.assessor, unit=failed)
    assessment = compute(scheme, as_of=YEAR_END)
    rows = {r.unit_id: (r.rank, r.order, r.grade) for r in UnitResult.objects.filter(assessment=assessment)}
    # It was ranked 1st as 不合格 above a 优秀 unit; now last, after even the 40-point unit.
    assert rows == {top.pk: (1, 1, "优秀"), low.pk: (2, 2, "不合格"), failed.pk: (3, 3, "不合格")}


def test_the_quota_on_the_top_grade_with_a_tie(cast):
    scheme = scheme_for(cast)  # 20% of 5 units: one 优秀
    a, b, c, d, e = _units_with_totals(cast, scheme, [95, 96, 92, 70, 50])
    criticism = rule(scheme, EventRule.Kind.DEDUCTION, "通报批评", 1)
    event(scheme, criticism, day(3, 1), cast.assessor, unit=b)  # b: 96 − 1 = 95, tied with a
    assessment = compute(scheme, as_of=YEAR_END)
    rows = {r.unit_id: r for r in UnitResult.objects.filter(assessment=assessment)}
    # Tie-break "base": b's items earned more (96 > 95), so b takes the one place.
    assert (rows[b.pk].grade, rows[b.pk].rank, rows[b.pk].order) == ("优秀", 1, 1)
    assert (rows[a.pk].grade, rows[a.pk].rank, rows[a.pk].quota_limited) == ("良好", 1, True)
    assert (rows[c.pk].grade, rows[c.pk].rank, rows[c.pk].quota_limited) == ("良好", 3, True)
    assert (rows[d.pk].grade, rows[e.pk].grade, rows[e.pk].rank) == ("合格", "不合格", 5)

    Scheme.objects.filter(pk=scheme.pk).update(tie_break=Scheme.TieBreak.DEDUCTIONS)
    scheme.refresh_from_db()
    rows = {r.unit_id: r for r in UnitResult.objects.filter(assessment=compute(scheme, as_of=YEAR_END))}
    # Tie-break "deductions": a has none, b has one.
    assert (rows[a.pk].grade, rows[b.pk].grade, rows[b.pk].quota_limited) == ("优秀", "良好", True)


def test_a_full_tie_falls_to_the_unit_order(cast):
    scheme = scheme_for(cast, excellent_quota=50)
    first, second = _units_with_totals(cast, scheme, [95, 95])
    rows = {r.unit_id: r for r in UnitResult.objects.filter(assessment=compute(scheme, as_of=YEAR_END))}
    assert (rows[first.pk].grade, rows[second.pk].grade) == ("优秀", "良好")
    assert rows[first.pk].rank == rows[second.pk].rank == 1


def test_officials_and_lead_leaders_are_scored_on_their_items(cast):
    scheme, unit, post = one_unit(cast)
    late = item_for(cast, unit, post, points=D(10))
    finish(late, claimed=day(7, 12))  # 9
    on_time = item_for(cast, unit, post, points=D(10), title="按期")
    finish(on_time, claimed=day(6, 1))  # 10
    person_praise = rule(scheme, EventRule.Kind.BONUS, "个人表彰", 2)
    event(scheme, person_praise, day(3, 1), cast.assessor, person=post.holder)
    assessment = compute(scheme, as_of=YEAR_END)
    official = PersonResult.objects.get(assessment=assessment, role=PersonResult.Role.OFFICIAL, post=post)
    # 12 × 19/20 = 11.4 of 12 → 95, plus the person's bonus.
    assert (official.person, official.items, official.base, official.bonus, official.total) == (
        post.holder,
        2,
        D(95),
        D(2),
        D(97),
    )
    leader = PersonResult.objects.get(assessment=assessment, role=PersonResult.Role.LEADER)
    assert (leader.person, leader.base, leader.bonus) == (cast.leader, D(95), D(0))


def test_an_item_of_several_units_counts_for_each(cast):
    scheme, unit, post = one_unit(cast)
    item = item_for(cast, unit, post, points=D(10))
    item.responsible_units.add(cast.community)
    finish(item, claimed=day(7, 12))
    assessment = compute(scheme, as_of=YEAR_END)
    assert unit_result(assessment, unit).base == unit_result(assessment, cast.community).base == D(90)


def test_items_outside_the_schemes_categories_are_listed_not_scored(cast):
    scheme, unit, post = one_unit(cast)
    item_for(cast, unit, post, points=D(10))
    stray = item_for(cast, unit, post, points=D(10), title="未归类")
    type(stray).objects.filter(pk=stray.pk).update(category=None)
    assessment = compute(scheme, as_of=YEAR_END)
    assert assessment.unscored_items == [stray.pk]
    assert not ItemResult.objects.filter(assessment=assessment, item=stray).exists()


def test_recomputing_a_draft_gives_the_same_numbers_in_the_same_version(cast):
    scheme, unit, post = one_unit(cast)
    finish(item_for(cast, unit, post, points=D(10)), claimed=day(7, 12))
    first = compute(scheme, as_of=YEAR_END)
    before = list(UnitResult.objects.filter(assessment=first).values_list("unit", "total", "grade", "rank"))
    again = compute(scheme, as_of=YEAR_END)
    assert again.pk == first.pk and again.version == 1
    assert list(UnitResult.objects.filter(assessment=again).values_list("unit", "total", "grade", "rank")) == before


def test_a_change_after_publishing_is_a_new_version_with_its_reason(cast):
    scheme, unit, post = one_unit(cast)
    item = item_for(cast, unit, post, points=D(10))
    finish(item, claimed=day(7, 12))
    first = publish(compute(scheme, as_of=YEAR_END), user=cast.committee)
    with pytest.raises(SchemeError):
        compute(scheme, as_of=YEAR_END)
    with pytest.raises(SchemeError):
        publish(first, user=cast.committee)
    praise = rule(scheme, EventRule.Kind.BONUS, "通报表扬", 2)
    event(scheme, praise, day(11, 1), cast.assessor, unit=unit)
    second = compute(scheme, as_of=YEAR_END, reason="补录市级通报表扬", user=cast.assessor)
    assert (second.version, second.status, second.reason) == (2, Assessment.Status.DRAFT, "补录市级通报表扬")
    assert unit_result(first, unit).total == D(90)
    assert unit_result(second, unit).total == D(92)


def test_no_published_plan_is_a_clear_error_but_no_grades_is_a_ranking_without_grades(cast):
    scheme, unit, post = one_unit(cast)
    item_for(cast, unit, post, points=D(10))
    scheme.grade_bands.all().delete()
    result = unit_result(compute(scheme), unit)  # grades are optional: ranked, graded nobody
    assert (result.rank, result.grade) == (1, "")
    cast.plan.status = "draft"
    cast.plan.save()
    with pytest.raises(SchemeError, match="工作要点"):
        compute(scheme)


def test_score_year_prints_every_unit_as_json(cast):
    import json
    from io import StringIO

    from django.core.management import CommandError, call_command

    scheme, unit, post = one_unit(cast)
    finish(item_for(cast, unit, post, points=D(10)), claimed=day(7, 12))
    out = StringIO()
    call_command("score_year", "--org", "回兴街道", "--year", "2020", "--json", "--as-of", "2020-12-31", stdout=out)
    summary = json.loads(out.getvalue())
    assert (summary["version"], summary["status"]) == (1, "draft")
    row = next(u for u in summary["units"] if u["unit"] == "甲社区")
    assert (row["rank"], row["total"], row["grade"], row["base"]) == (1, 90.0, "良好", 90.0)
    assert row["categories"] == [
        {
            "category": "依法全面履行政府职能",
            "category_points": 12.0,
            "items": 1,
            "possible": 10.0,
            "earned": 9.0,
            "points": 10.8,
        }
    ]
    text = StringIO()
    call_command("score_year", "--org", "回兴街道", "--year", "2020", stdout=text)
    assert "甲社区  90.00  良好" in text.getvalue()
    with pytest.raises(CommandError, match="没有找到唯一的单位"):
        call_command("score_year", "--org", "不存在街道", "--year", "2020")
    with pytest.raises(CommandError, match="没有2021年度的考核细则"):
        call_command("score_year", "--org", "回兴街道", "--year", "2021")
    publish(Assessment.objects.get(scheme=scheme), user=cast.committee)
    with pytest.raises(CommandError, match="变更原因"):
        call_command("score_year", "--org", "回兴街道", "--year", "2020")


def test_a_new_scheme_with_no_rule_set_changes_no_score(cast):
    """Every rule of a new scheme is off: late, returned, short of its indicator, many bonuses and
    every unit above 90 – each keeps what its items earned (the defaults changed four of five totals)."""
    scheme = Scheme.objects.create(organisation=cast.street, year=2020, title="新细则")
    SchemeCategory.objects.create(scheme=scheme, name=cast.category.name, points=D(100), order=1)
    for name, low in (("优秀", 90), ("合格", 0)):
        GradeBand.objects.create(scheme=scheme, name=name, min_score=D(low))
    praise = rule(scheme, EventRule.Kind.BONUS, "通报表扬", 4)
    units = []
    for n in range(3):
        unit, post = unit_with_official(cast, f"{n}号单位", 10 + n)
        item = item_for(cast, unit, post, points=D(10), title=f"事项{n}", with_indicator=True)
        finish(item, claimed=day(12, 1), returns=2)  # five months late, returned twice
        report(item, 100, day(11, 1), cast.official, {item.indicators.get(): 10})  # 10 of 200
        for month in (3, 4):
            event(scheme, praise, day(month, 1), cast.assessor, unit=unit)
        units.append(unit)
    assessment = compute(scheme, as_of=YEAR_END)
    for item_row in ItemResult.objects.filter(assessment=assessment):
        assert (item_row.late_deduction, item_row.return_deduction, item_row.earned) == (D(0), D(0), item_row.weight)
    for unit in units:
        result = unit_result(assessment, unit)
        assert (result.base, result.bonus, result.total, result.grade) == (D(100), D(8), D(108), "优秀")


def test_grace_for_verification_counts_work_finished_by_the_day_and_verified_just_after(cast):
    scheme, unit, post = one_unit(cast, not_done=Scheme.NotDone.ZERO)
    item = item_for(cast, unit, post, points=D(10), deadline=YEAR_END)
    fact(item, ItemEvent.Kind.CLAIMED, YEAR_END)  # claimed on 12-31
    fact(item, ItemEvent.Kind.VERIFIED, datetime.date(2021, 1, 8))  # verified on 01-08
    late_claim = item_for(cast, unit, post, points=D(10), deadline=YEAR_END, title="次年才申请")
    fact(late_claim, ItemEvent.Kind.CLAIMED, datetime.date(2021, 1, 2))
    fact(late_claim, ItemEvent.Kind.VERIFIED, datetime.date(2021, 1, 5))

    without = compute(scheme, as_of=YEAR_END)
    assert (item_result(without, item).done, item_result(without, item).earned) == (False, D(0))

    Scheme.objects.filter(pk=scheme.pk).update(verification_grace_days=10)
    scheme.refresh_from_db()
    with_grace = compute(scheme, as_of=YEAR_END)
    assert (item_result(with_grace, item).done, item_result(with_grace, item).earned) == (True, D(10))
    assert not item_result(with_grace, late_claim).done  # claimed after the day: grace does not reach it
    Scheme.objects.filter(pk=scheme.pk).update(verification_grace_days=7)  # 01-08 is 8 days after
    scheme.refresh_from_db()
    assert not item_result(compute(scheme, as_of=YEAR_END), item).done


def test_an_event_carries_its_own_amount_and_quantity_and_the_rule_its_ratio(cast):
    scheme, unit, post = one_unit(cast)
    item_for(cast, unit, post, points=D(10))
    upper = rule(scheme, EventRule.Kind.DEDUCTION, "上级考核扣分", 0, ratio=50)
    meetings = rule(scheme, EventRule.Kind.DEDUCTION, "少开会", D("0.5"))
    first = event(scheme, upper, day(3, 1), cast.assessor, unit=unit)
    ScoreEvent.objects.filter(pk=first.pk).update(amount=D(4))  # 上级考核扣4分，按50%折算
    second = event(scheme, meetings, day(4, 1), cast.assessor, unit=unit)
    ScoreEvent.objects.filter(pk=second.pk).update(quantity=3)  # 少开会3次: one record
    assessment = compute(scheme, as_of=YEAR_END)
    applied = list(EventResult.objects.filter(assessment=assessment).values_list("points", "applied"))
    assert applied == [(D(-2), D(-2)), (D("-1.5"), D("-1.5"))]
    result = unit_result(assessment, unit)
    assert result.deduction == D("3.5")
    lines = [e.line.text for e in explain_unit(assessment, result).events]
    assert "（4分×50%）" in lines[0] and "（0.5分×3次）" in lines[1]


def test_a_tier_counts_only_the_best_event_of_its_group_and_says_so(cast):
    scheme, unit, post = one_unit(cast, bonus_cap=D(0))
    item_for(cast, unit, post, points=D(10))
    kw = {"tier": "表彰"}
    city = rule(scheme, EventRule.Kind.BONUS, "表彰", 1, level=EventRule.Level.CITY, **kw)
    national = rule(scheme, EventRule.Kind.BONUS, "表彰", 5, level=EventRule.Level.NATIONAL, **kw)
    province = rule(scheme, EventRule.Kind.BONUS, "表彰", 3, level=EventRule.Level.PROVINCIAL, **kw)
    other = rule(scheme, EventRule.Kind.BONUS, "信息采用", 1)  # no tier: adds up as before
    for month, r in ((2, city), (3, province), (4, province), (5, national), (6, city), (7, other)):
        event(scheme, r, day(month, 1), cast.assessor, unit=unit)
    assessment = compute(scheme, as_of=YEAR_END)
    rows = list(EventResult.objects.filter(assessment=assessment).values_list("applied", "limited_by"))
    # city 1; province 3 adds 2; province again adds 0; national 5 adds 2; city adds 0; other 1.
    assert rows == [
        (D(1), ""), (D(2), "tier"), (D(0), "tier"), (D(2), "tier"), (D(0), "tier"), (D(1), ""),
    ]  # fmt: skip
    result = unit_result(assessment, unit)
    assert result.bonus == D(6)  # the best of the group (5) and the other rule (1)
    lines = [e.line.text for e in explain_unit(assessment, result).events]
    assert "（同组取最高，计 2 分）" in lines[1] and "（同组取最高，不再计分）" in lines[2]


def test_a_cut_by_the_scheme_bonus_cap_says_so(cast):
    scheme, unit, post = one_unit(cast, bonus_cap=D(2))
    item_for(cast, unit, post, points=D(10))
    praise = rule(scheme, EventRule.Kind.BONUS, "通报表扬", 3)
    event(scheme, praise, day(3, 1), cast.assessor, unit=unit)
    assessment = compute(scheme, as_of=YEAR_END)
    [line] = [e.line.text for e in explain_unit(assessment, unit_result(assessment, unit)).events]
    assert "（已达加分上限，计 2 分）" in line


def test_a_scheme_deduction_cap_stops_the_years_event_deductions_and_says_so(cast):
    scheme, unit, post = one_unit(cast, deduction_cap=D(3))  # 附加项 −3 at most
    item_for(cast, unit, post, points=D(10))
    criticism = rule(scheme, EventRule.Kind.DEDUCTION, "通报批评", 2)
    for month in (3, 4, 5):
        event(scheme, criticism, day(month, 1), cast.assessor, unit=unit)
    assessment = compute(scheme, as_of=YEAR_END)
    applied = list(EventResult.objects.filter(assessment=assessment).values_list("applied", "limited_by"))
    assert applied == [(D(-2), ""), (D(-1), "deduction_cap"), (D(0), "deduction_cap")]
    result = unit_result(assessment, unit)
    assert result.deduction == D(3)
    lines = [e.line.text for e in explain_unit(assessment, result).events]
    assert "（已达扣分上限，扣 1 分）" in lines[1] and "（已达扣分上限，不再计分）" in lines[2]
    Scheme.objects.filter(pk=scheme.pk).update(deduction_cap=D(0))  # 0: no cap
    scheme.refresh_from_db()
    assert unit_result(compute(scheme, as_of=YEAR_END), unit).deduction == D(6)


def test_deductions_under_one_indicator_share_its_points_as_their_cap(cast):
    scheme, unit, post = one_unit(cast)
    item_for(cast, unit, post, points=D(10))
    own = SchemeCategory.objects.get(scheme=scheme, order=1)
    reporting = SchemeIndicator.objects.create(category=own, name="信息报送", points=D(2))
    late = rule(scheme, EventRule.Kind.DEDUCTION, "信息迟报", 1, indicator=reporting)
    wrong = rule(scheme, EventRule.Kind.DEDUCTION, "信息错报", D("1.5"), indicator=reporting)
    for month, r in ((3, late), (4, wrong), (5, late)):
        event(scheme, r, day(month, 1), cast.assessor, unit=unit)
    assessment = compute(scheme, as_of=YEAR_END)
    applied = list(EventResult.objects.filter(assessment=assessment).values_list("applied", "limited_by"))
    assert applied == [(D(-1), ""), (D(-1), "indicator"), (D(0), "indicator")]  # 本项扣完为止: 2 in all
    lines = [e.line.text for e in explain_unit(assessment, unit_result(assessment, unit)).events]
    assert "（本项扣完为止，扣 1 分）" in lines[1]
