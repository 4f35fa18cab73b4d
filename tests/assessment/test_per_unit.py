"""Year-end scoring per unit (分办): each unit of a shared item is scored on its own part.

As in test_compute: the cast's category carries 12 of 100 points (a unit's base is rescaled 12 →
100), items are worth 10 and due on 2020-06-30, lateness costs 0.5 a started week, a return 1.
"""

import datetime
from decimal import Decimal as D

import pytest
import time_machine

from assessment.compute import Computation, compute
from assessment.explain import explain_person, explain_unit
from assessment.models import Assessment, CategoryResult, ItemResult, PersonResult, UnitResult
from responsibility.models import Assignment, Indicator, ItemEvent, ResponsibilityItem
from tests.assessment.scenario import fact, finish, item_for, report, scheme_for, split, unit_with_official

pytestmark = pytest.mark.django_db
YEAR_END = datetime.date(2020, 12, 31)
Role = Assignment.Role


def day(month: int, d: int) -> datetime.date:
    return datetime.date(2020, month, d)


def row(assessment, item, unit) -> ItemResult:
    return ItemResult.objects.get(assessment=assessment, item=item, unit=unit)


def unit_total(assessment, unit) -> UnitResult:
    return UnitResult.objects.get(assessment=assessment, unit=unit)


@pytest.fixture
def two(cast):
    """A scheme and an item shared by 甲社区 (lead) and 乙社区 (responsible), each with its official."""
    scheme = scheme_for(cast)
    a, a_post = unit_with_official(cast, "甲社区", 10)
    b, b_post = unit_with_official(cast, "乙社区", 11)
    item = item_for(cast, title="完善内部制度建设", points=D(10))
    item.responsible_units.set([a, b])
    first, second = split(item, (a, a_post, Role.LEAD), (b, b_post, Role.RESPONSIBLE))
    return scheme, item, first, second


def test_a_late_unit_and_a_punctual_one_score_differently(two):
    scheme, item, punctual, late = two
    finish(item, claimed=day(6, 20), assignment=punctual)
    finish(item, claimed=day(7, 14), assignment=late)  # 14 days: two started weeks

    assessment = compute(scheme, as_of=YEAR_END)

    on_time, behind = row(assessment, item, punctual.unit), row(assessment, item, late.unit)
    assert (on_time.days_late, on_time.earned, on_time.assignment_id) == (0, D(10), punctual.pk)
    assert (behind.days_late, behind.late_deduction, behind.earned) == (14, D(1), D(9))
    assert unit_total(assessment, punctual.unit).total == D(100)
    assert unit_total(assessment, late.unit).total == D(90)


def test_every_line_of_a_units_explanation_names_the_unit_and_its_facts(two):
    scheme, item, punctual, late = two
    finish(item, claimed=day(6, 20), assignment=punctual)
    finish(item, claimed=day(7, 12), assignment=late)
    assessment = compute(scheme, as_of=YEAR_END)

    explanation = explain_unit(assessment, unit_total(assessment, late.unit))

    (lines,) = explanation.categories[0].items
    assert lines.heading == "第1项“完善内部制度建设”（乙社区）：分值 10，得 9.0"
    assert [line.text for line in lines.lines] == [
        "已办结，计 10.0",
        "−1：第1项“完善内部制度建设”（乙社区）逾期12天（每周扣0.5分）",
    ]
    other = explain_unit(assessment, unit_total(assessment, punctual.unit)).categories[0].items[0]
    assert other.heading == "第1项“完善内部制度建设”（甲社区）：分值 10，得 10.0"


def test_a_units_own_extension_moves_only_its_deadline(two):
    scheme, item, stays, extended = two
    Assignment.objects.filter(pk=extended.pk).update(deadline=day(7, 31))
    finish(item, claimed=day(7, 20), assignment=stays)
    finish(item, claimed=day(7, 20), assignment=extended)

    assessment = compute(scheme, as_of=YEAR_END)

    assert row(assessment, item, stays.unit).days_late == 20
    assert row(assessment, item, extended.unit).days_late == 0


def test_each_unit_counts_its_own_returns_progress_and_verification(cast, two):
    scheme, item, done, working = two
    finish(item, claimed=day(6, 1), returns=2, assignment=done)
    report(item, 60, day(5, 1), cast.official, assignment=working)
    report(item, 30, day(5, 2), cast.official, assignment=done)  # before its verification: done wins

    assessment = compute(scheme, as_of=YEAR_END)

    first, second = row(assessment, item, done.unit), row(assessment, item, working.unit)
    assert (first.done, first.returns, first.percent_done) == (True, 2, 100)
    assert (second.done, second.returns, second.percent_done) == (False, 0, 60)


def test_each_unit_reaches_the_items_indicator_with_its_own_values(cast, two):
    scheme, item, reached, short = two
    indicator = Indicator.objects.create(item=item, name="法律咨询", unit="起", target_value=D(200))
    report(item, 50, day(5, 1), cast.official, {indicator: 250}, assignment=reached)
    report(item, 50, day(5, 3), cast.official, {indicator: 120}, assignment=short)  # newer, but not reached's

    assessment = compute(scheme, as_of=YEAR_END)

    assert row(assessment, item, reached.unit).indicators_reached == 1
    assert row(assessment, item, short.unit).indicators_reached == 0


def test_facts_from_before_the_item_had_units_belong_to_its_only_unit(cast):
    scheme = scheme_for(cast)
    unit, post = unit_with_official(cast, "甲社区", 10)
    item = item_for(cast, unit, post)
    (only,) = split(item, (unit, post, Role.LEAD))
    finish(item, claimed=day(7, 14), returns=1)  # recorded with no unit

    result = row(compute(scheme, as_of=YEAR_END), item, unit)

    assert (result.assignment_id, result.done, result.days_late, result.returns) == (only.pk, True, 14, 1)


def test_facts_without_a_unit_on_an_item_of_several_units_are_no_units_own(two):
    scheme, item, first, second = two
    fact(item, ItemEvent.Kind.VERIFIED, day(6, 1))  # an item-level event: nobody's part

    assessment = compute(scheme, as_of=YEAR_END)

    assert not row(assessment, item, first.unit).done and not row(assessment, item, second.unit).done


def test_the_office_weighs_a_shared_item_per_unit(cast):
    scheme = scheme_for(cast)
    parts = [(*unit_with_official(cast, name, 10 + n), Role.RESPONSIBLE) for n, name in enumerate(["水利站", "环保办"])]
    third = (*unit_with_official(cast, "城建办", 12), Role.RESPONSIBLE)
    item = item_for(cast, points=D(20))
    water, environment, building = split(item, (*parts[0], D(5)), (*parts[1], D(15)), third)
    for assignment in (water, environment, building):
        finish(item, claimed=day(6, 1), assignment=assignment)

    assessment = compute(scheme, as_of=YEAR_END)

    weights = {r.unit.name: r.weight for r in ItemResult.objects.filter(assessment=assessment, item=item)}
    assert weights == {"水利站": D(5), "环保办": D(15), "城建办": D(20)}  # 城建办: not set, the item's


def test_unset_unit_points_change_no_result(two):
    scheme, item, first, second = two
    finish(item, claimed=day(7, 14), assignment=first)
    before = {r.unit_id: (r.weight, r.earned) for r in compute(scheme, as_of=YEAR_END).item_results.all()}

    Assignment.objects.filter(pk__in=[first.pk, second.pk]).update(points=D(10))  # the item's own points

    after = {r.unit_id: (r.weight, r.earned) for r in compute(scheme, as_of=YEAR_END).item_results.all()}
    assert before == after == {first.unit_id: (D(10), D("9.00")), second.unit_id: (D(10), D(0))}


def test_an_officials_score_follows_the_post_on_the_units_assignment(cast, two):
    scheme, item, first, second = two
    finish(item, claimed=day(6, 1), assignment=first)
    assert item.responsible_post == cast.posts["official"]  # the item's, not either unit's 责任人

    assessment = compute(scheme, as_of=YEAR_END)

    officials = PersonResult.objects.filter(assessment=assessment, role=PersonResult.Role.OFFICIAL)
    assert {r.post_id: r.base for r in officials} == {first.post_id: D(100), second.post_id: D(0)}
    mine = officials.get(post=first.post)
    (lines,) = explain_person(assessment, mine).categories[0].items
    assert lines.heading == "第1项“完善内部制度建设”（甲社区）：分值 10，得 10.0"


def test_a_lead_leader_answers_for_every_units_part_of_the_items_he_leads(cast, two):
    scheme, item, first, second = two
    finish(item, claimed=day(6, 1), assignment=first)

    assessment = compute(scheme, as_of=YEAR_END)

    leader = PersonResult.objects.get(assessment=assessment, role=PersonResult.Role.LEADER)
    assert (leader.post, leader.items) == (cast.posts["leader"], 1)
    category = CategoryResult.objects.get(assessment=assessment, person_result=leader)
    assert (category.items, category.possible, category.earned, leader.base) == (1, D(20), D(10), D(50))
    units = [lines.label for lines in explain_person(assessment, leader).categories[0].items]
    assert units == ["第1项“完善内部制度建设”（甲社区）", "第1项“完善内部制度建设”（乙社区）"]


def test_a_cooperating_unit_gets_no_score_from_the_item_and_its_page_says_its_会办(cast, two):
    scheme, item, first, second = two
    helper, helper_post = unit_with_official(cast, "丙社区", 12)
    helping = Assignment.objects.create(
        item=item, unit=helper, post=helper_post, role=Role.COOPERATING, order=2, deadline=day(6, 30)
    )
    fact(item, ItemEvent.Kind.CONTRIBUTED, day(6, 20), assignment=helping)
    own = item_for(cast, helper, helper_post, title="开展普法宣传", number="2.")
    split(own, (helper, helper_post, Role.LEAD))
    finish(own, claimed=day(6, 1))

    assessment = compute(scheme, as_of=YEAR_END)

    assert not ItemResult.objects.filter(assessment=assessment, item=item, unit=helper).exists()
    result = unit_total(assessment, helper)
    assert (result.items, result.base) == (1, D(100))
    explanation = explain_unit(assessment, result)
    assert [line.text for line in explanation.cooperating] == [
        "第1项“完善内部制度建设”（丙社区）：配合单位，按时会办（2020年6月20日提交），"
        "会办计分规则未设立（每次会办逾期扣分为0），不扣分"
    ]
    assert ("配合", "", "", explanation.cooperating[0].text, D(0)) in explanation.rows()


def test_a_unit_that_only_cooperates_has_no_result(cast, two):
    scheme, item, first, second = two
    helper, helper_post = unit_with_official(cast, "丙社区", 12)
    Assignment.objects.create(item=item, unit=helper, post=helper_post, role=Role.COOPERATING, order=2)

    assessment = compute(scheme, as_of=YEAR_END)

    assert not UnitResult.objects.filter(assessment=assessment, unit=helper).exists()
    assert not PersonResult.objects.filter(assessment=assessment, post=helper_post).exists()


def test_through_the_flow_a_late_unit_and_a_punctual_one_get_different_totals_and_pages(cast):
    from tests.assessment.pages import aurl
    from tests.browser import Browser, text
    from tests.workflow.test_units import do_unit, two_unit_item
    from tests.workflow.test_units import finish as finish_unit

    item = two_unit_item(cast, deadline="2030-06-30")
    do_unit(cast.official, item, "accept", "司法所", decision="accept")
    do_unit(cast.official2, item, "accept", "兴科社区", decision="accept")
    with time_machine.travel("2030-06-20 10:00 +0800", tick=False):
        finish_unit(cast, item, "司法所", cast.official)
    with time_machine.travel("2030-07-20 10:00 +0800", tick=False):
        finish_unit(cast, item, "兴科社区", cast.official2)

    assessment = compute(scheme_for(cast, indicator_share=0), as_of=datetime.date(2030, 12, 31))

    assert unit_total(assessment, cast.justice).total == D(100)
    assert unit_total(assessment, cast.community).total == D(85)  # 20 days: three started weeks, −1.5 of 10
    page = text(Browser(cast.office).get(aurl("unit_result", assessment.pk, cast.community.pk)))
    assert "−1.5：第1项“完善内部制度建设”（兴科社区）逾期20天（每周扣0.5分）" in page


def test_score_year_prints_each_unit_of_a_shared_item_with_its_own_total(two):
    import json
    from io import StringIO

    from django.core.management import call_command

    scheme, item, punctual, late = two
    finish(item, claimed=day(6, 20), assignment=punctual)
    finish(item, claimed=day(7, 14), assignment=late)
    out = StringIO()

    call_command("score_year", "--org", "回兴街道", "--year", "2020", "--json", "--as-of", "2020-12-31", stdout=out)

    units = {row["unit"]: (row["rank"], row["total"]) for row in json.loads(out.getvalue())["units"]}
    assert units == {"甲社区": (1, 100.0), "乙社区": (2, 90.0)}


def test_results_go_with_their_version_and_keep_the_rows_they_name(cast, two):
    """Item, category and 会办 results carry no database constraint (they are written in bulk, once,
    by the computation): what deletes or protects them is Django's on_delete, held here."""
    from django.db.models import ProtectedError

    from assessment.models import Assessment, ContributionResult

    scheme, item, first, second = two
    helper, helper_post = unit_with_official(cast, "丙社区", 12)
    (cooperating,) = split(item, (helper, helper_post, Role.COOPERATING), deadline=day(5, 1))
    ResponsibilityItem.objects.filter(pk=item.pk).update(branch_count=2)  # the cooperating unit runs no branch
    finish(item, claimed=day(6, 1), assignment=first)
    assessment = compute(scheme, as_of=YEAR_END)
    assert ItemResult.objects.filter(assessment=assessment).count() == 2
    assert ContributionResult.objects.filter(assessment=assessment, assignment=cooperating).exists()
    assert CategoryResult.objects.filter(assessment=assessment).exists()

    category = ItemResult.objects.filter(assessment=assessment).first().category
    with pytest.raises(ProtectedError) as refused:
        category.delete()  # the item and category results of the version name it
    assert {type(row) for row in refused.value.protected_objects} == {ItemResult, CategoryResult}
    cooperating.delete()  # SET_NULL: the 会办 result stays, without its assignment
    assert ContributionResult.objects.get(assessment=assessment, unit=helper).assignment_id is None

    Assessment.objects.filter(pk=assessment.pk).delete()

    assert not ItemResult.objects.filter(assessment_id=assessment.pk).exists()
    assert not CategoryResult.objects.filter(assessment_id=assessment.pk).exists()
    assert not ContributionResult.objects.filter(assessment_id=assessment.pk).exists()


def test_a_unit_of_several_reads_its_progress_by_its_own_key_alone(two):
    """Its reports are filed on its assignment, which is of one item: with the item's key as well,
    PostgreSQL intersected both indexes for every unit's part (bench/README.md, score_scheme)."""
    scheme, item, first, _second = two
    computation = Computation(scheme, item.plan_id, Assessment(as_of=YEAR_END))

    facts = computation.unit_facts(Assignment.objects.filter(pk=first.pk), computation.mapping, {}, only_unit=False)

    reports = str(facts.query).split('FROM "responsibility_progressreport"')[1].split("ORDER BY")[0]
    assert '"assignment_id" = ("responsibility_assignment"."id")' in reports
    assert '"item_id" = ("responsibility_assignment"."item_id")' not in reports
