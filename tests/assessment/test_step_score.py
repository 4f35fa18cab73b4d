"""B4: one item, one score, one set of rules.

The 考核评分 step scores a unit's part by the year's scheme with the year-end computation's own SQL,
on the facts as they stand that day; the year end reads the assessor's last quality rating and
counts it for the scheme's 工作质量占比. So the step's score of a part is the year end's ItemResult of
it, computed on the same day. The cast's item is worth 10 points, due 2030-12-31, with one indicator
(法律咨询 ≥ 200 起); ``scheme_for`` sets 0.5 per started week late, 1 per return and an indicator share
of 20 % unless a test says otherwise.
"""

from __future__ import annotations

import datetime
from decimal import Decimal as D

import pytest
import time_machine

from assessment.compute import compute, publish
from assessment.explain import explain_unit
from assessment.item_score import scored
from assessment.models import ItemResult, ItemScore, Scheme, UnitResult
from responsibility.models import Assignment
from tests.assessment.pages import aurl, browsers_for, form_data
from tests.assessment.scenario import at, finish, item_for, scheme_for, split, unit_with_official
from tests.assessment.test_scheme_xlsx import problems, reported, upload, workbook
from tests.browser import Browser, field_errors, messages, plain_text, url
from tests.workflow.drive import do, find_task, item_at

pytestmark = pytest.mark.django_db
STEP_DAY = datetime.date(2031, 1, 10)  # the step, and the day of reckoning it is compared with
PARTS = ["completion_points", "indicator_points", "quality_points", "late_deduction", "return_deduction"]


def clock(day: datetime.date):
    return time_machine.travel(f"{day:%Y-%m-%d} 10:00 +0800", tick=False)


def through_the_flow(cast, *, claimed: datetime.date, returns: int = 0, consults: str = "", quality: str = "8"):
    """The cast's item deployed, claimed on ``claimed`` (法律咨询 reported as ``consults``), returned
    ``returns`` times, then verified and assessed on STEP_DAY."""
    with clock(datetime.date(2030, 3, 1)):
        item = item_at(cast, "work")
    values = {f"indicator_{item.indicators.get().pk}": consults} if consults else {}
    with clock(claimed):
        do(cast.official, item, "work", action="claim", period=f"{claimed:%Y-%m}", percent_done="100",
           narrative="全年完成", **values)  # fmt: skip
        for _ in range(returns):
            do(cast.inspector, item, "verify", decision="return", rectification_points="补充台账",
               rectification_deadline=f"{claimed + datetime.timedelta(days=10):%Y-%m-%d}")  # fmt: skip
            do(cast.official, item, "rectify", narrative="已补充台账")
    with clock(STEP_DAY):
        do(cast.inspector, item, "verify", decision="pass", comments="材料齐全")
        do(cast.assessor, item, "assess", quality=quality, comment="较好")
    return item


def year_end_row(scheme, item) -> ItemResult:
    return ItemResult.objects.get(assessment=compute(scheme, as_of=STEP_DAY), item=item)


# --- the step's score is the year end's ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("rules", "flow", "total"),
    [
        # 10 days late: two weeks started × 0.5; the indicator not reached: 8 + 0 − 1
        ({}, {"claimed": datetime.date(2031, 1, 10)}, D(7)),
        # on time, returned twice, the indicator reached: 8 + 2 − 2
        ({}, {"claimed": datetime.date(2030, 12, 20), "returns": 2, "consults": "213"}, D(8)),
        # 工作质量 20 % rated 7.5 beside indicators 20 %: 6 + 2 + 1.5
        (
            {"quality_share": 20},
            {"claimed": datetime.date(2030, 12, 20), "consults": "213", "quality": "7.5"},
            D("9.5"),
        ),
        # 工作质量 30 % rated 10, no indicator share; 10 days late by the day at 0.1, capped at 0.5: 7 + 3 − 0.5
        (
            {
                "quality_share": 30,
                "indicator_share": 0,
                "late_points": D("0.1"),
                "late_period": "day",
                "late_cap": D("0.5"),
            },  # fmt: skip
            {"claimed": datetime.date(2031, 1, 10), "quality": "10"},
            D("9.5"),
        ),
    ],
)
def test_the_steps_score_is_the_year_ends_score_of_the_same_part(cast, rules, flow, total):
    scheme = scheme_for(cast, **rules)
    item = through_the_flow(cast, **flow)
    step = item.scores.get()
    result = year_end_row(scheme, item)
    assert (step.total, step.max_total) == (result.earned, result.weight) == (total, D(10))
    assert [getattr(step, part) for part in PARTS] == [getattr(result, part) for part in PARTS]
    assert step.scheme == scheme and step.quality == result.quality == D(flow.get("quality", "8"))


@pytest.mark.parametrize(
    ("rules", "earned"),
    [
        # 40 % reported, not done by the day: 10 × 0.8 × 40 % − late 12-31 → 01-10 (two weeks × 0.5)
        ({"not_done": Scheme.NotDone.PROGRESS}, D("2.2")),
        # nothing for the work; the rating's 20 % at 6/10 less the same lateness
        ({"not_done": Scheme.NotDone.ZERO, "quality_share": 20}, D("0.2")),
    ],
)
def test_a_part_not_done_is_scored_by_the_steps_rules_as_the_year_end_scores_it(cast, rules, earned):
    scheme = scheme_for(cast, **rules)
    with clock(datetime.date(2030, 3, 1)):
        item = item_at(cast, "work")
    with clock(datetime.date(2031, 1, 5)):
        do(cast.official, item, "work", action="report", period="2031-01", percent_done="40", narrative="推进中")
    part = item.assignments.get()
    with clock(STEP_DAY):
        step = scored(part, D(6), "", cast.assessor)
        step.save()  # the rating the year end then reads
    result = year_end_row(scheme, item)
    assert (result.done, result.percent_done) == (False, 40)
    assert step.total == result.earned == earned
    assert [getattr(step, name) for name in PARTS] == [getattr(result, name) for name in PARTS]


def test_without_a_scheme_the_step_scores_by_neutral_rules_and_says_so(cast):
    item = through_the_flow(cast, claimed=datetime.date(2031, 1, 10), returns=1)  # late, returned
    step = item.scores.get()
    assert step.scheme is None
    assert (step.total, step.max_total, step.late_deduction, step.return_deduction) == (D(10), D(10), 0, 0)
    assert [line["text"] for line in step.lines][:1] == ["本年度尚未制定考核细则，按满分 10 分、未设扣分规则计"]
    assert "工作质量评定 8/10，工作质量占比为 0，不计分" in [line["text"] for line in step.lines]
    # The year end under a new scheme with no rule set gives the same score.
    scheme = Scheme.objects.create(organisation=cast.street, year=2020, title="细则")
    scheme.categories.create(name=cast.category.name, points=D(100), order=1)
    assert year_end_row(scheme, item).earned == D(10)


def test_the_step_stores_the_year_ends_lines_with_their_points(cast):
    scheme_for(cast, quality_share=20)
    item = through_the_flow(cast, claimed=datetime.date(2031, 1, 10), returns=1, quality="6")
    lines = [(line["text"], line["points"]) for line in item.scores.get().lines]
    assert lines == [
        ("已办结，完成部分（分值的 60%）计 6.0", "+6"),
        ("指标达成 0/1，计 0.0", "0"),
        ("工作质量评定 6/10，占分值的 20%，计 1.2", "+1.2"),
        ("−1：第1项“完善内部制度建设”（司法所）逾期10天（每周扣0.5分）", "−1"),
        ("−1：退回整改1次", "−1"),
    ]
    assert item.scores.get().total == D("5.2")


def test_the_lead_scores_each_part_it_summed_up_on_that_parts_own_facts(cast):
    from tests.workflow.test_contributions import lead_closed_item
    from tests.workflow.test_units import claim, unit_tasks
    from tests.workflow.test_units import finish as finish_unit

    scheme = scheme_for(cast)
    item = lead_closed_item(cast)
    with clock(datetime.date(2030, 6, 10)):
        claim(cast.official2, item, "兴科社区")
    with clock(datetime.date(2030, 7, 10)):
        finish_unit(cast, item, "司法所", cast.official)
    assert not unit_tasks(item, "assess")
    assessment = compute(scheme, as_of=datetime.date(2030, 7, 10))
    for step in item.scores.select_related("assignment"):
        result = ItemResult.objects.get(assessment=assessment, assignment=step.assignment)
        assert (step.total, step.late_deduction) == (result.earned, result.late_deduction)
    assert {s.assignment.unit.name: s.late_deduction for s in item.scores.all()} == {"司法所": 1, "兴科社区": 0}


# --- the year end reads the rating ------------------------------------------------------------------------


def rate(item, quality, day: datetime.date, assessor, assignment: Assignment | None = None) -> ItemScore:
    score = ItemScore.objects.create(item=item, assignment=assignment, quality=D(quality), total=0, assessor=assessor)
    ItemScore.objects.filter(pk=score.pk).update(assessed_at=at(day))
    return score


def one_item(cast, **rules):
    scheme = scheme_for(cast, **rules)
    unit, post = unit_with_official(cast, "甲社区", 10)
    item = item_for(cast, unit, post, points=D(10))
    finish(item, claimed=datetime.date(2020, 6, 20))
    return scheme, unit, item


def item_lines(assessment, unit) -> list[tuple[str, str]]:
    explanation = explain_unit(assessment, UnitResult.objects.get(assessment=assessment, unit=unit))
    return [(line.text, line.shown_points) for line in explanation.categories[0].items[0].lines]


def test_the_last_rating_by_the_day_of_reckoning_counts_for_the_quality_share(cast):
    scheme, unit, item = one_item(cast, quality_share=20)
    rate(item, 6, datetime.date(2020, 12, 1), cast.assessor)
    rate(item, 8, datetime.date(2020, 12, 31), cast.assessor)
    rate(item, 10, datetime.date(2021, 1, 1), cast.assessor)  # after the day of reckoning: not yet
    assessment = compute(scheme, as_of=datetime.date(2020, 12, 31))
    result = ItemResult.objects.get(assessment=assessment, item=item)
    assert (result.quality, result.quality_points, result.completion_points, result.earned) == (
        D(8), D("1.6"), D(8), D("9.6")
    )  # fmt: skip
    assert item_lines(assessment, unit) == [
        ("已办结，完成部分（分值的 80%）计 8.0", "+8"),
        ("工作质量评定 8/10，占分值的 20%，计 1.6", "+1.6"),
    ]


def test_under_a_grace_for_verification_a_rating_within_it_counts(cast):
    scheme, unit, item = one_item(cast, quality_share=20, verification_grace_days=10)
    rate(item, 6, datetime.date(2020, 12, 1), cast.assessor)
    rate(item, 9, datetime.date(2021, 1, 10), cast.assessor)  # the 10th day after: within the grace
    rate(item, 10, datetime.date(2021, 1, 11), cast.assessor)  # after it: not yet
    assessment = compute(scheme, as_of=datetime.date(2020, 12, 31))
    assert ItemResult.objects.get(assessment=assessment, item=item).quality == D(9)

    Scheme.objects.filter(pk=scheme.pk).update(verification_grace_days=0)
    scheme.refresh_from_db()
    assessment = compute(scheme, as_of=datetime.date(2020, 12, 31))
    assert ItemResult.objects.get(assessment=assessment, item=item).quality == D(6)


def test_a_rating_is_recorded_but_not_scored_under_a_quality_share_of_0(cast):
    scheme, unit, item = one_item(cast)
    rate(item, 8, datetime.date(2020, 12, 1), cast.assessor)
    assessment = compute(scheme, as_of=datetime.date(2020, 12, 31))
    result = ItemResult.objects.get(assessment=assessment, item=item)
    assert (result.quality, result.quality_points, result.earned) == (D(8), 0, D(10))
    assert item_lines(assessment, unit) == [
        ("已办结，计 10.0", "+10"),
        ("工作质量评定 8/10，工作质量占比为 0，不计分", ""),  # a fact, no points
    ]


def test_no_rating_under_a_quality_share_loses_that_share_and_says_so(cast):
    scheme, unit, item = one_item(cast, quality_share=20)
    assessment = compute(scheme, as_of=datetime.date(2020, 12, 31))
    result = ItemResult.objects.get(assessment=assessment, item=item)
    assert (result.quality, result.quality_points, result.earned) == (None, 0, D(8))
    assert ("未评定工作质量（占分值的 20%），不计分", "0") in item_lines(assessment, unit)


def test_each_units_rating_counts_for_its_own_part(cast):
    scheme = scheme_for(cast, quality_share=50)
    first, first_post = unit_with_official(cast, "甲社区", 10)
    second, second_post = unit_with_official(cast, "乙社区", 11)
    item = item_for(cast, first, first_post, points=D(10))
    parts = split(item, (first, first_post, Assignment.Role.LEAD), (second, second_post, Assignment.Role.RESPONSIBLE))
    for part in parts:
        finish(item, claimed=datetime.date(2020, 6, 20), assignment=part)
    rate(item, 10, datetime.date(2020, 7, 1), cast.assessor, assignment=parts[0])
    assessment = compute(scheme, as_of=datetime.date(2020, 12, 31))
    rows = {r.unit_id: (r.quality, r.earned) for r in ItemResult.objects.filter(assessment=assessment, item=item)}
    assert rows == {first.pk: (D(10), D(10)), second.pk: (None, D(5))}


# --- the form says how the rating counts ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("rules", "shown"),
    [
        (None, ["本年度尚未制定考核细则，按满分 10 分、未设扣分规则计", "尚无考核细则，工作质量评定仅作记录"]),
        ({}, ["按《2020年度法治建设考核细则》的事项计分规则计分，与年度考核相同", "本细则不计工作质量，评定仅作记录"]),
        ({"quality_share": 20}, ["工作质量占事项分值的 20%"]),
    ],
)
def test_the_assess_form_says_which_rules_score_and_what_the_rating_counts_for(cast, rules, shown):
    if rules is not None:
        scheme_for(cast, **rules)
    item = item_at(cast, "assess")
    page = plain_text(Browser(cast.assessor).get(url("task", find_task(item, "assess").pk)))
    for words in shown:
        assert words in page


# --- the scheme: two shares off completion's, never more than the whole --------------------------------


def test_the_scheme_page_refuses_shares_over_100_percent(cast):
    scheme = scheme_for(cast)
    office = browsers_for(cast)["office"]
    data = form_data(office.get(aurl("scheme", scheme.pk)))
    data.update({"scheme-indicator_share": "60", "scheme-quality_share": "50"})
    page = office.submit(aurl("scheme", scheme.pk), data)
    assert field_errors(page, "scheme-quality_share") == ["指标达成占比与工作质量占比合计 110%，不能超过 100%。"]
    scheme.refresh_from_db()
    assert (scheme.indicator_share, scheme.quality_share) == (20, 0)
    data.update({"scheme-quality_share": "40"})
    office.submit(aurl("scheme", scheme.pk), data)
    scheme.refresh_from_db()
    assert (scheme.indicator_share, scheme.quality_share) == (60, 40)


CATEGORIES = [
    ["类别", "类别分值", "考核指标", "指标分值", "评分标准", "对应事项编号"],
    ["依法全面履行政府职能", 12],
    ["其他工作", 88],
]


def test_the_workbook_refuses_shares_over_100_percent_on_their_row(cast):
    scheme = scheme_for(cast)
    rows = [["项目", "内容"], ["名称", "2020年度考核细则"], ["指标达成占比（%）", "60%"], ["工作质量占比（%）", "50%"]]
    page = upload(browsers_for(cast)["office"], scheme, workbook({"基本设置": rows, "考核细则": CATEGORIES}))
    assert reported(page, "基本设置", 4, "工作质量占比（%）：指标达成占比与工作质量占比合计 110%"), problems(page)
    scheme.refresh_from_db()
    assert scheme.quality_share == 0
    rows[3][1] = "30%"
    page = upload(browsers_for(cast)["office"], scheme, workbook({"基本设置": rows, "考核细则": CATEGORIES}))
    assert any("已导入" in m for m in messages(page)), plain_text(page)[:2000]
    scheme.refresh_from_db()
    assert (scheme.indicator_share, scheme.quality_share) == (60, 30)


# --- the item page: one score per unit, saying which ----------------------------------------------------


def item_page(user, item) -> str:
    return plain_text(Browser(user).get(url("item", item.pk)))


def test_the_item_page_shows_the_steps_score_until_a_year_end_version_counts_it(cast):
    from responsibility.permissions import sync_item_permissions

    scheme = scheme_for(cast)
    item = through_the_flow(cast, claimed=datetime.date(2031, 1, 10))  # 8 − 1 late
    sync_item_permissions(item)
    page = item_page(cast.official, item)
    assert "考核得分：7.0 / 10 考核评分（2031年1月10日）" in page and "7.0/10 考核评分（2031年1月10日）" in page
    assert "逾期10天（每周扣0.5分）" in page and "工作质量评定 8/10" in page

    # The scheme changes after the step: the year end scores the part by the new rule, and its version
    # is the score shown to whoever may read it, saying so; the step's number is not shown beside it.
    Scheme.objects.filter(pk=scheme.pk).update(late_points=D(1))
    scheme.refresh_from_db()
    draft = compute(scheme, as_of=STEP_DAY)
    office = item_page(cast.office, item)
    assert "本事项得分以年度考核（第1版，待发布）为准：6.0 / 10" in office
    assert "6.0/10 年度考核（第1版，待发布）" in office and "7.0" not in office
    assert "考核得分：7.0 / 10 考核评分（2031年1月10日）" in item_page(cast.official, item), (
        "a draft is not his to read"
    )
    publish(draft, user=cast.committee)
    official = item_page(cast.official, item)
    assert "6.0/10 年度考核（第1版）" in official and "7.0" not in official


def test_a_score_on_the_old_fixed_weights_still_shows_its_parts(cast):
    item = item_at(cast, "assess")
    reasons = [
        {"key": "completion", "label": "完成情况", "points": "40", "max": "40", "reason": "已办结并通过核验"},
        {"key": "timeliness", "label": "时效", "points": "18", "max": "20", "reason": "逾期 1 天（1 周，每周扣 2 分）"},
        {"key": "bonus", "label": "加分", "points": "2", "max": "5", "reason": "获表彰"},
    ]
    ItemScore.objects.create(
        item=item, assignment=item.assignments.get(), quality=D(7), total=D("5.6"), max_total=D(7), reasons=reasons,
        assessor=cast.assessor, comment="较好",
    )  # fmt: skip
    page = item_page(cast.assessor, item)
    assert "完成情况4040已办结并通过核验" in page and "时效1820逾期 1 天（1 周，每周扣 2 分）" in page
    assert "加分25获表彰" in page, "a part unknown to the code shows its stored label"
    assert "各项按百分制计，合计后折算为本事项分值。" in page and "5.6/7 考核评分" in page
    assert "工作质量评定 7/10" in page and "较好" in page
