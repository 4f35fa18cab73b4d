"""Every kind of sentence the reports write is said of its fact, and not of the opposite fact (issue 16).

Each test builds a fact and its opposite and reads the one sentence function that states it
(``assessment.report_sentences``; the quarterly summary's in ``workflow.summary``)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from assessment import annual_report
from assessment.compute import compute
from assessment.models import Assessment, ItemResult, PersonResult
from assessment.report_facts import ItemFacts, Leader
from assessment.report_sentences import late_text, leader_paragraph, shortcomings, status_text
from responsibility.models import ItemEvent, ItemStatus, Rag, RagReason, ResponsibilityItem
from responsibility.standing import Standing
from tests.assessment.scenario import fact, finish, item_for, scheme_for
from tests.assessment.test_annual_report import YEAR_END, drafted, part, year  # noqa: F401 (the fixture)
from workflow.summary import lights_text

D = datetime.date


@pytest.fixture
def item(cast):
    return item_for(cast, title="强化法制宣传", deadline=D(2020, 6, 30))


def facts(item, **fields) -> ItemFacts:
    return ItemFacts(item, **fields)


# --- late: claimed after the deadline, or overdue without a claim -----------------------------------------


def test_a_late_claim_is_said_of_a_claim_made_late(item):
    text = late_text(facts(item, finished_on=D(2020, 7, 15), days_late=15), YEAR_END)
    assert "逾期15天申请办结" in text


def test_an_item_never_claimed_is_not_said_to_have_claimed_late(item):
    text = late_text(facts(item, days_overdue=15), D(2020, 7, 15))
    assert "申请办结" not in text and "已逾期15天，尚未办结" in text


def test_the_version_s_days_late_of_an_open_item_is_days_overdue_not_a_late_claim(cast, item):
    """A computed version writes, for a part not done, the days it is overdue at ``as_of`` into
    ``days_late``: the report read it as "逾期N天申请办结" of an item never claimed and still 办理中."""
    assessment = compute(scheme_for(cast), user=cast.assessor, as_of=D(2020, 7, 15))
    assert ItemResult.objects.get(assessment=assessment, item=item).days_late == 15
    report = annual_report.draft(cast.plan, assessment)
    one = report.items[0]
    assert (one.claimed_late, one.days_overdue) == (False, 15)
    text = "".join(shortcomings(report))
    assert "申请办结" not in text and "已逾期15天，尚未办结" in text


def test_a_claim_made_late_and_not_yet_verified_still_reads_as_a_late_claim(cast, item):
    fact(item, ItemEvent.Kind.CLAIMED, D(2020, 7, 10))
    ResponsibilityItem.objects.filter(pk=item.pk).update(status=ItemStatus.CLAIMED)
    assessment = compute(scheme_for(cast), user=cast.assessor, as_of=D(2020, 7, 15))
    text = "".join(shortcomings(annual_report.draft(cast.plan, assessment)))
    assert "逾期10天申请办结" in text and "尚有1项任务未办结" in text


# --- where an item stands -----------------------------------------------------------------------------------


def test_a_done_item_late_says_so_and_one_on_time_does_not(item):
    late = status_text(facts(item, done=True, finished_on=D(2020, 7, 5), days_late=5))
    on_time = status_text(facts(item, done=True, finished_on=D(2020, 6, 25)))
    assert "逾期5天" in late and "按期" not in late
    assert "按期办结" in on_time and "逾期" not in on_time


def test_an_open_item_is_overdue_only_when_past_its_deadline(item):
    overdue = status_text(facts(item, percent=40, days_overdue=3))
    on_track = status_text(facts(item, percent=40))
    assert "已逾期3天" in overdue and "逾期" not in on_track


def test_a_claim_is_said_only_of_a_claimed_item(item):
    ResponsibilityItem.objects.filter(pk=item.pk).update(status=ItemStatus.CLAIMED)
    item.refresh_from_db()
    claimed = status_text(facts(item, finished_on=D(2020, 6, 20), percent=100))
    item.status = ItemStatus.IN_PROGRESS
    working = status_text(facts(item, percent=60))
    assert "申请办结，待督查核验" in claimed and "申请办结" not in working


# --- part 三: shortcomings, each of its fact ----------------------------------------------------------------


def report_of(plan, *items: ItemFacts):
    from assessment.report_facts import AnnualReport, Section, Supervision

    return AnnualReport(plan, YEAR_END, None, [Section("依法全面履行政府职能", list(items))], [], Supervision())


def test_returned_red_and_open_are_said_of_their_items_only(cast, item):
    troubled = facts(item, returns=2, return_note="补台账", percent=50)
    ResponsibilityItem.objects.filter(pk=item.pk).update(rag=Rag.RED, rag_reason=RagReason.OVERDUE)
    troubled.item.refresh_from_db()
    said = "".join(shortcomings(report_of(cast.plan, troubled)))
    assert "退回整改2次" in said and "亮红灯（已逾期）" in said and "尚未办结" in said

    calm = item_for(cast, title="依法行政培训", deadline=YEAR_END, status=ItemStatus.CLOSED)
    clean = facts(calm, done=True, finished_on=D(2020, 12, 1), percent=100)
    assert shortcomings(report_of(cast.plan, clean)) == []


# --- leaders: a grade only where the version gave one --------------------------------------------------------


def test_a_leader_s_grade_is_said_only_from_a_result(cast, item):
    leader = Leader(cast.posts["leader"], [facts(item, percent=50)])
    assert "等次" not in leader_paragraph(1, leader) and "得分" not in leader_paragraph(1, leader)
    leader.result = PersonResult(total=Decimal("82.5"), grade="良好", rank=1)
    assert "年度考核得分82.5分，等次为良好，排名第1" in leader_paragraph(1, leader)
    leader.result = PersonResult(total=Decimal("82.5"), grade="", rank=None)
    text = leader_paragraph(1, leader)
    assert "82.5分" in text and "等次" not in text


def test_a_leader_is_not_graded_on_an_item_never_handed_over(cast):
    """The demo's 党工委书记 was graded 不合格: of his four items, one waited to be deployed (no unit,
    no official, no deadline) and was scored 0 of 10, the only item of its category."""
    done = item_for(cast, title="牵头抓好组织建设", deadline=D(2020, 3, 31))
    finish(done, D(2020, 3, 20))
    waiting = item_for(cast, title="履行推进法治建设第一责任人职责", deadline=None, status=ItemStatus.DEPLOYING)
    assessment = compute(scheme_for(cast), user=cast.assessor, as_of=YEAR_END)
    assert not ItemResult.objects.filter(assessment=assessment, item=waiting).exists()
    leader = PersonResult.objects.get(assessment=assessment, role=PersonResult.Role.LEADER)
    assert leader.items == 1 and leader.grade in ("优秀", "良好")  # the one item given, done on time
    text = paragraph_of_leader(cast, assessment)
    assert "尚未部署交办1项" in text and "不合格" not in text


def paragraph_of_leader(cast, assessment: Assessment) -> str:
    report = annual_report.draft(cast.plan, assessment)
    return leader_paragraph(1, report.leaders[0])


def test_an_item_that_was_handed_over_is_still_scored_when_it_fails(cast):
    failing = item_for(cast, title="未完成事项", deadline=D(2020, 6, 30))
    assessment = compute(scheme_for(cast), user=cast.assessor, as_of=YEAR_END)
    assert ItemResult.objects.get(assessment=assessment, item=failing).done is False
    assert PersonResult.objects.get(assessment=assessment, role=PersonResult.Role.LEADER).grade == "不合格"


# --- the quarterly summary's sentences ------------------------------------------------------------------------


def test_an_overdue_item_is_labelled_with_the_date_it_is_overdue_against(cast):
    plain = cast.item("逾期事项", deadline=D(2021, 5, 31))
    plain.status = ItemStatus.IN_PROGRESS
    rectifying = cast.item("整改事项", deadline=D(2021, 5, 31))
    rectifying.status, rectifying.rectification_due = ItemStatus.RECTIFYING, D(2021, 6, 20)
    as_of = D(2021, 7, 1)
    for item, said in ((plain, "2021年5月31日，逾期31天"), (rectifying, "整改时限 2021年6月20日，逾期11天")):
        then = Standing(item.status, item.deadline, item.rectification_due, as_of)
        assert then.overdue_text(item.deadline_display) == said


def test_the_lights_sentence_names_the_unlit_items_only_when_there_are_some():
    lit = {"red": 1, "yellow": 0, "green": 5, "unlit": [], "unlit_total": 0, "total": 6}
    assert lights_text(lit) == "当前红灯 1 项、黄灯 0 项、绿灯 5 项"
    unlit = {**lit, "unlit": [("待签收", 1), ("待核验", 1)], "unlit_total": 2, "total": 8}
    assert lights_text(unlit) == "当前红灯 1 项、黄灯 0 项、绿灯 5 项，另有 2 项不亮灯（待签收 1 项、待核验 1 项）"


def test_a_past_quarters_lights_are_said_of_its_end_or_said_to_be_unrecorded():
    lit = {"red": 1, "yellow": 0, "green": 5, "unlit": [], "unlit_total": 0, "total": 6, "recorded": True}
    assert lights_text(lit, running=False) == "季度末红灯 1 项、黄灯 0 项、绿灯 5 项"
    unrecorded = {**lit, "red": 0, "green": 0, "recorded": False}
    assert lights_text(unrecorded, running=False) == "季度末督办灯无巡查记录"
