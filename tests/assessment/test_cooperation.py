"""The scheme's 会办 rule: a cooperating unit (配合单位) loses 每次会办逾期扣分 for each 会办 it missed on a
scored item, as of the end of the day of reckoning; a rule of 0 (the default) changes no result.

The flow tests use the cast's item with 兴科社区 cooperating, 会办 due 2030-06-30 (tests/workflow/
test_contributions.py); the comparisons and the property build their rows directly (2020, as the
other scoring tests)."""

from __future__ import annotations

import datetime
from decimal import Decimal as D

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st

from assessment.compute import compute
from assessment.explain import Unranked, contribution_fact, explain_unit, unranked_units
from assessment.models import Assessment, ContributionResult, EventRule, PersonResult, Scheme, UnitResult
from assessment.models.scheme import Rules
from responsibility import timeline
from responsibility.contributions import Contribution
from responsibility.models import Assignment, ItemEvent
from tests.assessment.pages import aurl, form_data
from tests.assessment.scenario import event, fact, finish, item_for, rule, scheme_for, split, unit_with_official
from tests.assessment.test_properties import EXAMPLES, in_savepoint
from tests.browser import Browser, field_errors, messages, plain_text, text
from tests.workflow.test_contributions import cooperated_item
from tests.workflow.test_units import do_unit, two_unit_item
from tests.workflow.test_units import finish as finish_unit

pytestmark = pytest.mark.django_db
Role = Assignment.Role
Kind = ItemEvent.Kind
YEAR_END_2030 = datetime.date(2030, 12, 31)
YEAR_END = datetime.date(2020, 12, 31)
DUE = datetime.date(2020, 6, 30)
RULE_UNSET = "会办计分规则未设立（每次会办逾期扣分为0），不扣分"


def unit_deduction(assessment, unit) -> D:
    result = UnitResult.objects.filter(assessment=assessment, unit=unit).first()
    return result.deduction if result else D(0)


def cooperating_line(assessment, unit):
    [line] = explain_unit(assessment, UnitResult.objects.get(assessment=assessment, unit=unit)).cooperating
    return line


# --- through the flow ------------------------------------------------------------------------------------


@pytest.fixture
def community_scored(cast):
    """兴科社区's own part of a shared item, done on time: a base of 100 before any 会办."""
    item = two_unit_item(cast, deadline="2030-09-30")
    do_unit(cast.official, item, "accept", "司法所", decision="accept")
    do_unit(cast.official2, item, "accept", "兴科社区", decision="accept")
    with time_machine.travel("2030-06-10 10:00 +0800", tick=False):
        finish_unit(cast, item, "司法所", cast.official)
        finish_unit(cast, item, "兴科社区", cast.official2)
    return item


def test_a_missed_会办_costs_the_cooperating_unit_its_points_and_no_one_else(cast, community_scored):
    cooperated_item(cast)  # nothing given by its date
    before = compute(scheme_for(cast, indicator_share=0, cooperation_points=D("0.5")), as_of=YEAR_END_2030)
    community = UnitResult.objects.get(assessment=before, unit=cast.community)
    assert (community.base, community.deduction, community.total) == (D(100), D("0.5"), D("99.5"))
    justice = UnitResult.objects.get(assessment=before, unit=cast.justice)
    assert justice.deduction == D(0)
    assert not PersonResult.objects.filter(
        assessment=before, deduction__gt=0
    ).exists()  # the unit's, not its official's
    line = cooperating_line(before, cast.community)
    assert line.text == "第1项“完善内部制度建设”（兴科社区）：配合单位，会办逾期（时限2030年6月30日，未提交），扣0.5分"
    assert line.points == D("-0.5")
    page = text(Browser(cast.office).get(aurl("unit_result", before.pk, cast.community.pk)))
    assert "会办逾期（时限2030年6月30日，未提交），扣0.5分" in page


def test_a_会办_given_by_its_date_costs_nothing(cast, community_scored):
    item = cooperated_item(cast)
    with time_machine.travel("2030-06-20 10:00 +0800", tick=False):
        do_unit(cast.official2, item, "contribute", "兴科社区", narrative="社区已排查矛盾纠纷12起")

    assessment = compute(scheme_for(cast, indicator_share=0, cooperation_points=D("0.5")), as_of=YEAR_END_2030)

    assert unit_deduction(assessment, cast.community) == D(0)
    line = cooperating_line(assessment, cast.community)
    assert (line.text, line.points) == (
        "第1项“完善内部制度建设”（兴科社区）：配合单位，按时会办（2030年6月20日提交），不扣分",
        D(0),
    )


def test_a_会办_given_after_its_date_is_missed_and_says_when_it_came(cast, community_scored):
    item = cooperated_item(cast)
    with time_machine.travel("2030-07-05 10:00 +0800", tick=False):
        do_unit(cast.official2, item, "contribute", "兴科社区", narrative="补报")
    scheme = scheme_for(cast, indicator_share=0, cooperation_points=D("0.5"))

    assessment = compute(scheme, as_of=YEAR_END_2030)

    assert unit_deduction(assessment, cast.community) == D("0.5")
    assert (
        "会办逾期（时限2030年6月30日，2030年7月5日提交），扣0.5分" in cooperating_line(assessment, cast.community).text
    )

    # Reckoned on its date, before it came: missed then too, and nothing had been given.
    on_the_day = compute(scheme, as_of=datetime.date(2030, 6, 30))
    assert "会办逾期（时限2030年6月30日，未提交），扣0.5分" in cooperating_line(on_the_day, cast.community).text
    # Reckoned the day before: not yet due.
    before_due = compute(scheme, as_of=datetime.date(2030, 6, 29))
    assert unit_deduction(before_due, cast.community) == D(0)
    assert cooperating_line(before_due, cast.community).text.endswith("会办时限2030年6月30日未到，不扣分")


def test_an_item_closed_before_the_会办_date_costs_nothing(cast, community_scored):
    item = cooperated_item(cast)
    do_unit(cast.official, item, "accept", "司法所", decision="accept")
    with time_machine.travel("2030-05-10 10:00 +0800", tick=False):
        finish_unit(cast, item, "司法所", cast.official)

    assessment = compute(scheme_for(cast, indicator_share=0, cooperation_points=D("0.5")), as_of=YEAR_END_2030)

    assert unit_deduction(assessment, cast.community) == D(0)
    line = cooperating_line(assessment, cast.community).text
    assert line == "第1项“完善内部制度建设”（兴科社区）：配合单位，事项已于会办时限前办结，无须会办，不扣分"


def test_under_a_rule_of_0_a_missed_会办_says_the_rule_is_not_set(cast, community_scored):
    cooperated_item(cast)

    assessment = compute(scheme_for(cast, indicator_share=0), as_of=YEAR_END_2030)

    assert UnitResult.objects.get(assessment=assessment, unit=cast.community).total == D(100)
    line = cooperating_line(assessment, cast.community)
    assert (
        line.text
        == f"第1项“完善内部制度建设”（兴科社区）：配合单位，会办逾期（时限2030年6月30日，未提交），{RULE_UNSET}"
    )
    assert line.points == D(0)


def test_a_version_keeps_its_会办_when_the_date_is_changed_later(cast, community_scored):
    item = cooperated_item(cast)
    assessment = compute(scheme_for(cast, indicator_share=0, cooperation_points=D("0.5")), as_of=YEAR_END_2030)
    item.assignments.filter(role=Role.COOPERATING).update(deadline=datetime.date(2030, 12, 31))

    assert "时限2030年6月30日" in cooperating_line(assessment, cast.community).text


def d(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


@pytest.mark.parametrize(
    ("due", "given", "closed", "phrase"),
    [
        ("2020-06-30", "2020-06-30", None, "按时会办（2020年6月30日提交）"),
        ("2020-06-30", "2020-07-01", None, "会办逾期（时限2020年6月30日，2020年7月1日提交）"),
        ("2020-06-30", None, None, "会办逾期（时限2020年6月30日，未提交）"),
        ("2020-06-30", None, "2020-07-01", "会办逾期（时限2020年6月30日，未提交）"),
        ("2020-06-30", None, "2020-06-30", "事项已于会办时限前办结，无须会办"),
        ("2021-01-01", None, None, "会办时限2021年1月1日未到"),
        (None, None, None, "未设会办时限"),
        (None, "2020-07-01", None, "按时会办（2020年7月1日提交）"),
    ],
)
def test_each_会办_fact_reads_as_its_own_phrase(due, given, closed, phrase):
    assert contribution_fact(Contribution(None, d(due), d(given), d(closed)), YEAR_END) == phrase


# --- rows written directly: rule 0 against no cooperating units, rule 0.5 against rule 0 --------------------


def build_year(cast, *, cooperating: bool, points: D = D(0)) -> Scheme:
    """甲 leads and 乙 does its part of 第1项 (乙 late); 乙 leads 第2项; 甲 has a commendation. With
    ``cooperating``: 丙 (no item of its own) misses its 会办 on 第1项; on 第2项 甲 gives its 会办 late and
    丙 on time."""
    scheme = scheme_for(cast, cooperation_points=points)
    a, a_post = unit_with_official(cast, "甲单位", 10)
    b, b_post = unit_with_official(cast, "乙单位", 11)
    c, c_post = unit_with_official(cast, "丙单位", 12)
    first = item_for(cast, title="完善内部制度建设", number="1.")
    second = item_for(cast, title="开展普法宣传", number="2.")
    lead_a, part_b = split(first, (a, a_post, Role.LEAD), (b, b_post, Role.RESPONSIBLE))
    [lead_b] = split(second, (b, b_post, Role.LEAD))
    finish(first, claimed=DUE, assignment=lead_a)
    finish(first, claimed=DUE + datetime.timedelta(days=10), assignment=part_b)
    finish(second, claimed=DUE, assignment=lead_b)
    praise = rule(scheme, EventRule.Kind.BONUS, "通报表扬", 1)
    event(scheme, praise, datetime.date(2020, 3, 1), cast.assessor, unit=a)
    if cooperating:
        cooperate(first, c, c_post, due=DUE)
        cooperate(second, a, a_post, due=DUE, given=DUE + datetime.timedelta(days=3))
        cooperate(second, c, c_post, due=DUE, given=DUE - datetime.timedelta(days=3))
    return scheme


def cooperate(item, unit, post, *, due, given=None, closed=None) -> Assignment:
    assignment = Assignment.objects.create(item=item, unit=unit, post=post, role=Role.COOPERATING, deadline=due)
    if given is not None:
        fact(item, Kind.CONTRIBUTED, given, assignment=assignment)
    if closed is not None:
        fact(item, Kind.CONTRIBUTION_CLOSED, closed, assignment=assignment)
    return assignment


def results(assessment: Assessment) -> dict:
    """Every unit's and person's numbers, by name (the rows are rebuilt for each year)."""
    fields = ("items", "base", "bonus", "deduction", "total", "grade", "rank", "order", "veto", "quota_limited")
    units = {r.unit.name: [getattr(r, f) for f in fields] for r in UnitResult.objects.filter(assessment=assessment)}
    people = {
        (r.role, r.post.unit.name): [getattr(r, f) for f in fields]
        for r in PersonResult.objects.filter(assessment=assessment).select_related("post__unit")
    }
    return {"units": units, "people": people}


def computed(cast, **kwargs) -> dict:
    found = {}

    def example():
        scheme = build_year(cast, **kwargs)
        assessment = compute(scheme, as_of=YEAR_END)
        found.update(results(assessment))
        found["kept"] = ContributionResult.objects.filter(assessment=assessment).count()

    in_savepoint(example)
    return found


def test_a_rule_of_0_changes_no_result(cast):
    without = computed(cast, cooperating=False)
    with_units = computed(cast, cooperating=True)

    assert with_units["kept"] == 3  # the facts are kept even when they cost nothing
    assert {k: v for k, v in with_units.items() if k != "kept"} == {k: v for k, v in without.items() if k != "kept"}
    assert "丙单位" not in with_units["units"]


def test_a_rule_of_half_a_point_deducts_each_missed_会办_from_its_unit_only(cast):
    unset = computed(cast, cooperating=True)
    ruled = computed(cast, cooperating=True, points=D("0.5"))

    deduction, total, scores = 3, 4, slice(0, 5)  # grades and ranks may move with the others' totals
    assert ruled["units"]["甲单位"][deduction] == unset["units"]["甲单位"][deduction] + D("0.5")
    assert ruled["units"]["甲单位"][total] == unset["units"]["甲单位"][total] - D("0.5")
    assert ruled["units"]["乙单位"][scores] == unset["units"]["乙单位"][scores]
    # Only cooperates: no item of its own, no total to deduct from, not ranked (never graded last for it).
    assert "丙单位" not in ruled["units"]
    assert ruled["people"] == unset["people"]


def test_the_lines_add_up_to_the_deduction_with_events(cast):
    scheme = build_year(cast, cooperating=True, points=D("0.5"))
    assessment = compute(scheme, as_of=YEAR_END)
    a = UnitResult.objects.select_related("unit").get(assessment=assessment, unit__name="甲单位")
    explanation = explain_unit(assessment, a)
    points = [e.line.points for e in explanation.events] + [line.points for line in explanation.cooperating]
    assert -sum(p for p in points if p < 0) == a.deduction == D("0.5")
    assert sum(p for p in points if p > 0) == a.bonus == D(1)
    assert ("配合", "", "", explanation.cooperating[0].text, D("-0.5")) in explanation.rows()
    # 分类小计: the 会办 on 第2项 counts in the category 第2项 was scored in; the praise, tied to none, apart.
    subtotals = explanation.subtotals
    [own] = [block for block in subtotals.categories if block.category.name == cast.category.name]
    assert own.tied == [explanation.cooperating[0]]
    assert explanation.events[0].line in subtotals.apart
    assert sum(line.points for line in subtotals.lines()) == a.total


# --- old versions ---------------------------------------------------------------------------------------------


def test_rules_kept_before_the_会办_rule_read_as_a_rule_of_0(cast):
    scheme = build_year(cast, cooperating=True)
    old = {k: v for k, v in scheme.snapshot().items() if k != "cooperation_points"}
    assert Rules(old).cooperation_points == D(0)
    scheme.cooperation_points = D("0.5")
    assert Rules(scheme.snapshot()).cooperation_points == D("0.5")

    assessment = compute(Scheme.objects.get(pk=scheme.pk), as_of=YEAR_END)  # as stored: a rule of 0
    Assessment.objects.filter(pk=assessment.pk).update(rules=old)  # a version kept before the rule existed
    assessment.refresh_from_db()
    assert assessment.frozen_rules().cooperation_points == D(0)
    lines = explain_unit(assessment, UnitResult.objects.get(assessment=assessment, unit__name="甲单位")).cooperating
    assert [line.text.endswith(RULE_UNSET) for line in lines] == [True]


# --- the scheme page ----------------------------------------------------------------------------------------


def test_the_office_sets_the_rule_on_the_scheme_page_and_everyone_reads_it(cast):
    scheme = scheme_for(cast)
    office = Browser(cast.office)
    assert "配合单位每次扣 0 分（0 为会办不计分）" in plain_text(Browser(cast.official).get(aurl("scheme", scheme.pk)))

    data = form_data(office.get(aurl("scheme", scheme.pk)))
    page = office.submit(aurl("scheme", scheme.pk), {**data, "scheme-cooperation_points": "-1"})
    assert field_errors(page, "scheme-cooperation_points")
    page = office.submit(aurl("scheme", scheme.pk), {**data, "scheme-cooperation_points": "0.5"}, follow=True)

    assert any("已保存" in m for m in messages(page)), plain_text(page)[:2000]
    assert Scheme.objects.get(pk=scheme.pk).cooperation_points == D("0.5")
    assert "配合单位每次扣 0.50 分（0 为会办不计分）" in plain_text(
        Browser(cast.official).get(aurl("scheme", scheme.pk))
    )


# --- property: a unit's 会办 deduction is its own -----------------------------------------------------------

OTHERS = 2
ITEMS = 3
offsets = st.one_of(st.none(), st.integers(-40, 200))  # days from 2020-06-30; past the year end: not yet
contribution = st.fixed_dictionaries(
    {"due": st.one_of(st.none(), st.integers(-30, 30)), "given": offsets, "closed": offsets}
)
of_items = st.lists(contribution, min_size=ITEMS, max_size=ITEMS)


def day(offset: int | None) -> datetime.date | None:
    return None if offset is None else DUE + datetime.timedelta(days=offset)


def missed(facts: dict) -> bool:
    """The 会办 as the end of the year saw it: what came after it had not happened yet."""
    seen = {k: day(facts[k]) for k in ("given", "closed")}
    seen = {k: v if v is not None and v <= YEAR_END else None for k, v in seen.items()}
    return Contribution(None, day(facts["due"]), seen["given"], seen["closed"]).missed(YEAR_END)


def write(items, unit, post, facts_of_items) -> None:
    with timeline.purge():  # the last example's parts go with their (append-only) timeline events
        Assignment.objects.filter(unit=unit, role=Role.COOPERATING).delete()
    for item, facts in zip(items, facts_of_items, strict=True):
        cooperate(item, unit, post, due=day(facts["due"]), given=day(facts["given"]), closed=day(facts["closed"]))


@EXAMPLES
@given(own=of_items, others=st.lists(of_items, min_size=OTHERS, max_size=OTHERS), shuffled=st.randoms())
def test_a_units_会办_deduction_depends_only_on_its_own_dates(cast, own, others, shuffled):
    def example():
        scheme = scheme_for(cast, cooperation_points=D("0.5"))
        lead, lead_post = unit_with_official(cast, "牵头单位", 10)
        units = [unit_with_official(cast, f"配合单位{n}", 20 + n) for n in range(OTHERS + 1)]
        items = [item_for(cast, title=f"事项{n}", number=f"{n + 1}.") for n in range(ITEMS)]
        for item in items:
            split(item, (lead, lead_post, Role.LEAD))
        for n, (unit, post) in enumerate(units):  # each has a scored item of its own, so a total to deduct from
            split(item_for(cast, title=f"本单位事项{n}", number=f"{ITEMS + n + 1}."), (unit, post, Role.LEAD))
        for (unit, post), facts in zip(units, [own, *others], strict=True):
            write(items, unit, post, facts)
        target = units[0][0]

        first = unit_deduction(compute(scheme, as_of=YEAR_END), target)
        assert first == D("0.5") * sum(missed(f) for f in own)

        dates = [f for facts in others for f in facts]
        shuffled.shuffle(dates)
        for n, (unit, post) in enumerate(units[1:]):
            write(items, unit, post, dates[n * ITEMS : (n + 1) * ITEMS])
        again = compute(scheme, as_of=YEAR_END)
        assert unit_deduction(again, target) == first
        assert ContributionResult.objects.filter(assessment=again, unit=units[1][0]).count() == ITEMS

    in_savepoint(example)


def test_a_unit_that_only_cooperates_is_named_on_the_results_page_not_ranked(cast):
    scheme = build_year(cast, cooperating=True, points=D("0.5"))
    assessment = compute(scheme, as_of=YEAR_END)
    assert unranked_units(assessment) == [Unranked("丙单位", events=0, missed=1)]
    page = plain_text(Browser(cast.committee).get(aurl("result", assessment.pk)))
    assert "不参加排名" in page and "丙单位（会办逾期 1 次）" in page

    scheme.cooperation_points = D(0)
    scheme.save()
    unruled = compute(scheme, as_of=YEAR_END)
    assert unranked_units(unruled) == []  # a rule of 0: the 会办 cost nothing, nothing to say


def test_b1_a_unit_with_events_but_no_scored_item_is_not_ranked_nor_counted_in_the_quota(cast):
    scheme = build_year(cast, cooperating=False)
    before = compute(scheme, as_of=YEAR_END)
    ranked = UnitResult.objects.filter(assessment=before).count()
    idle, _post = unit_with_official(cast, "丁单位", 30)  # no item of its own
    praise = rule(scheme, EventRule.Kind.BONUS, "通报表扬", 1)
    event(scheme, praise, datetime.date(2020, 5, 1), cast.office, unit=idle)

    after = compute(scheme, as_of=YEAR_END)

    assert UnitResult.objects.filter(assessment=after).count() == ranked  # not ranked, quota as before
    assert not UnitResult.objects.filter(assessment=after, unit=idle).exists()
    assert unranked_units(after) == [Unranked("丁单位", events=1, missed=0)]
    page = plain_text(Browser(cast.committee).get(aurl("result", after.pk)))
    assert "丁单位（加减分事项 1 项）" in page


def test_the_set_based_missed_condition_says_what_contribution_missed_says(cast):
    """``Contribution.missed_q`` (the computation's) against ``Contribution.missed`` (the pages', the
    API's, the sweep's) over every arrangement of date, giving and closing around the day of reckoning."""
    import itertools

    from django.utils import timezone

    from assessment.models import Assessment, ContributionResult
    from responsibility.contributions import Contribution
    from responsibility.models import Unit

    scheme = scheme_for(cast)
    assessment = Assessment.objects.create(
        scheme=scheme, version=1, as_of=datetime.date(2020, 12, 31), computed_at=timezone.now()
    )
    item = item_for(cast, title="会办事项", number="9.")
    day = datetime.date(2020, 6, 30)
    choices = [None, day - datetime.timedelta(days=1), day, day + datetime.timedelta(days=1)]
    arrangements = list(itertools.product(choices, repeat=3))
    units = Unit.objects.bulk_create(
        Unit(name=f"配合单位{n}", parent=cast.street, order=100 + n) for n in range(len(arrangements))
    )
    rows = ContributionResult.objects.bulk_create(
        ContributionResult(assessment=assessment, item=item, unit=unit, due=due, given_on=given, closed_on=closed)
        for unit, (due, given, closed) in zip(units, arrangements, strict=True)
    )
    for by_end_of in (day - datetime.timedelta(days=1), day, day + datetime.timedelta(days=1)):
        found = set(
            ContributionResult.objects.filter(assessment=assessment)
            .filter(Contribution.missed_q(by_end_of))
            .values_list("pk", flat=True)
        )
        expected = {row.pk for row in rows if row.contribution().missed(by_end_of)}
        assert found == expected, by_end_of
        assert expected  # the arrangements include missed ones …
        assert len(expected) < len(rows)  # … and others
