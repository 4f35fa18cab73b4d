"""The quarterly summary for the committee: a page, a Word draft, and a notice once a quarter."""

import datetime
import io
from urllib.parse import quote

import docx
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from responsibility.models import ItemStatus, Rag
from tests.browser import Browser, plain_text
from tests.gongwen import assert_gongwen, fonts_of, opened
from workflow import lights, summary
from workflow.models import Notification, QuarterRecord
from workflow.summary import as_docx as summary_docx
from workflow.summary import bounds, quarter_of, tell_committee

D = datetime.date
ROLES = ["committee", "office", "leader", "official", "official2", "inspector", "assessor", "outsider"]


def summarise(plan, year: int, quarter: int, today: datetime.date | None = None):
    """The summary read back anew. These tests set an item's facts by hand between two readings,
    without a step on its timeline; a past quarter's record kept by the first reading would rightly
    keep what stood then (``tests/workflow/test_quarter_end.py`` holds records to reading back)."""
    QuarterRecord.objects.filter(plan=plan).delete()
    return summary.summarise(plan, year, quarter, today)


@pytest.fixture
def plan(cast):
    late = cast.item("逾期事项", deadline=D(2021, 5, 31))
    late.status, late.rag = ItemStatus.IN_PROGRESS, Rag.RED
    late.save()
    done = cast.item("已办结事项", deadline=D(2021, 6, 30))
    done.status = ItemStatus.CLOSED
    done.closed_at = datetime.datetime(2021, 6, 20, 10, tzinfo=datetime.UTC)
    done.save()
    lights.record(D(2021, 6, 30))  # the sweep at the quarter's end: the lights a past quarter shows
    return cast.plan


def test_quarters():
    assert quarter_of(D(2021, 5, 4)) == (2021, 2)
    assert bounds(2021, 2) == (D(2021, 4, 1), D(2021, 6, 30))
    assert bounds(2021, 4) == (D(2021, 10, 1), D(2021, 12, 31))


def test_the_summary_counts_from_the_facts(plan):
    report = summarise(plan, 2021, 2)
    assert (report.items, report.closed, report.closed_in_quarter) == (2, 1, 1)
    lit = {"red": 1, "yellow": 0, "green": 0, "unlit": [], "unlit_total": 0, "total": 1, "recorded": True}
    assert report.lights == lit  # as the sweep recorded them on the quarter's last day
    assert [item.title for item in report.overdue_items] == ["逾期事项"]
    assert [(line.items, line.closed, line.overdue, line.red) for line in report.categories] == [(2, 1, 1, 1)]


def test_the_quarter_runs_from_midnight_to_midnight_in_beijing_time(plan):
    """Compared as times, not as dates cast in the query: an item closed at 23:30 on 30 June in
    Beijing (15:30 UTC) is the second quarter's; at 00:30 on 1 April (16:30 UTC the day before), too."""
    done = plan.items.get(title="已办结事项")
    beijing = datetime.timezone(datetime.timedelta(hours=8))
    for closed_at, expected in [
        (datetime.datetime(2021, 6, 30, 23, 30, tzinfo=beijing), 1),
        (datetime.datetime(2021, 7, 1, 0, 30, tzinfo=beijing), 0),
        (datetime.datetime(2021, 4, 1, 0, 30, tzinfo=beijing), 1),
        (datetime.datetime(2021, 3, 31, 23, 30, tzinfo=beijing), 0),
    ]:
        type(done).objects.filter(pk=done.pk).update(closed_at=closed_at)
        assert summarise(plan, 2021, 2).closed_in_quarter == expected, closed_at


def test_open_items_are_counted_by_status_in_the_workflows_order_with_the_same_queries_for_more(cast, plan):
    for title, status, rag in [
        ("待签收事项", ItemStatus.ACCEPTING, Rag.GREEN),
        ("整改事项", ItemStatus.RECTIFYING, Rag.YELLOW),
        ("草稿事项", ItemStatus.DRAFT, ""),  # not yet in the plan's life: not counted
    ]:
        item = cast.item(title, deadline=D(2021, 12, 31))
        item.status, item.rag = status, rag
        item.save()
    lights.record(D(2021, 6, 30))
    summarise(plan, 2021, 2)  # kept anew; then read as every later reader reads it
    with CaptureQueriesContext(connection) as few:
        report = summary.summarise(plan, 2021, 2)
    assert report.items == 4
    assert report.open_by_status == [("待签收", 1), ("办理中", 1), ("整改中", 1)]
    assert (report.lights["red"], report.lights["yellow"], report.lights["green"]) == (1, 1, 1)
    for n in range(6):
        more = cast.item(f"更多事项{n}", deadline=D(2021, 12, 31))
        more.status = ItemStatus.IN_PROGRESS
        more.save()
    summarise(plan, 2021, 2)
    with CaptureQueriesContext(connection) as many:
        assert summary.summarise(plan, 2021, 2).open_by_status == [("待签收", 1), ("办理中", 7), ("整改中", 1)]
    assert len(many) == len(few)


@pytest.mark.parametrize("role", ROLES)
def test_the_page_is_for_the_office_and_the_committee(cast, plan, role):
    url = reverse("workflow:quarter", args=[plan.pk, 2021, 2])
    response = Browser(cast.roles[role]).get(url)
    assert response.status_code == (200 if role in ("office", "committee") else 404)
    if response.status_code == 200:
        assert "2021年第二季度督办情况" in plain_text(response) and "逾期事项" in plain_text(response)


def test_the_word_draft(cast, plan):
    response = Browser(cast.committee).get(reverse("workflow:quarter", args=[plan.pk, 2021, 2]) + "?format=docx")
    document = docx.Document(io.BytesIO(response.content))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts[0].endswith("2021年第二季度督办情况")
    assert "一、总体情况" in texts and any("逾期事项" in text for text in texts)
    assert document.tables[0].rows[1].cells[0].text == "依法全面履行政府职能"


def test_the_word_draft_is_laid_out_as_a_gongwen(cast, plan):
    with time_machine.travel("2021-07-02 10:00 +0800", tick=False):
        response = Browser(cast.office).get(reverse("workflow:quarter", args=[plan.pk, 2021, 2]) + "?format=docx")
    title = "回兴街道2020年法治建设工作要点 2021年第二季度督办情况"
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''" + quote(f"{title}.docx")
    document = opened(response.content)
    assert_gongwen(document, title=title, issuer="回兴街道党政办", day=D(2021, 7, 2))
    header, *rows = [[fonts_of(cell.paragraphs[0]) for cell in row.cells] for row in document.tables[0].rows]
    assert set().union(*header) == {("黑体", 14)}
    assert set().union(*(cell for row in rows for cell in row)) == {("仿宋_GB2312", 14)}


def test_the_committee_is_told_once_a_quarter(cast, plan):
    tell_committee(D(2021, 7, 1))
    tell_committee(D(2021, 7, 1))
    notices = Notification.objects.filter(kind="summary")
    assert [(n.recipient, n.title) for n in notices] == [
        (cast.committee, "回兴街道2020年法治建设工作要点 2021年第二季度督办情况已生成")
    ]


def test_an_overdue_item_of_several_units_names_the_units_still_at_work_past_their_date(cast, plan):
    from tests.workflow.drive import deploy_data, do, item_at
    from tests.workflow.test_units import claim, do_unit

    with time_machine.travel("2021-04-10 10:00 +0800", tick=False):
        shared = item_at(cast, "deploy")
        do(cast.office, shared, "deploy", **deploy_data(cast, shared, responsible_units=[cast.community.pk]))
        for unit, official in (("司法所", cast.official), ("兴科社区", cast.official2)):
            do_unit(official, shared, "accept", unit, decision="accept")
        shared.assignments.update(deadline=D(2021, 5, 31), due_by=D(2021, 5, 31))
        shared.__class__.objects.filter(pk=shared.pk).update(deadline=D(2021, 5, 31), due_by=D(2021, 5, 31))
    report = summarise(plan, 2021, 2)
    assert {item.title: item.late_units for item in report.overdue_items} == {
        "逾期事项": [],  # one unit: the lead unit beside it says whose it is
        shared.title: ["司法所", "兴科社区"],
    }

    def finish(unit: str, official, day: str) -> None:
        with time_machine.travel(f"{day} 10:00 +0800", tick=False):
            claim(official, shared, unit, period=day[:7])
            do_unit(cast.inspector, shared, "verify", unit, decision="pass", comments="材料齐全")
            do_unit(cast.assessor, shared, "assess", unit, quality="8", comment="较好")

    # The punctual unit drops out of the sentence (it closed its part before the quarter's end); the
    # other closed its part in July, so at the end of June it was still late.
    finish("司法所", cast.official, "2021-06-10")
    finish("兴科社区", cast.official2, "2021-07-05")
    shared.refresh_from_db()
    assert shared.status == ItemStatus.CLOSED
    url = reverse("workflow:quarter", args=[plan.pk, 2021, 2])
    assert "逾期单位：兴科社区" in plain_text(Browser(cast.committee).get(url))
    document = docx.Document(io.BytesIO(Browser(cast.committee).get(url + "?format=docx").content))
    assert any(p.text.endswith("逾期单位：兴科社区") for p in document.paragraphs)
    assert [item.title for item in summarise(plan, 2021, 3).overdue_items] == ["逾期事项"]


@pytest.mark.parametrize(("year", "quarter"), [(2021, 0), (2021, 5), (9999, 4), (99999999999, 1), (0, 1)])
def test_a_quarter_that_does_not_exist_is_not_found(cast, plan, year, quarter):
    response = Browser(cast.office).get(f"/plans/{plan.pk}/quarters/{year}/{quarter}/")
    assert response.status_code == 404


# --- a past quarter says what was true at its end ----------------------------------------------------


def _working_item(cast, title: str):
    """An item of 司法所 in 办理中 since April 2021, due by 2021-05-31."""
    from tests.workflow.drive import item_at, set_deadline

    with time_machine.travel("2021-04-10 10:00 +0800", tick=False):
        item = item_at(cast, "work", title=title, deadline=D(2030, 12, 31))
        set_deadline(item, D(2021, 5, 31))
    return item


def _close(cast, item, day: str) -> None:
    from tests.workflow.test_units import claim, do_unit

    with time_machine.travel(f"{day} 10:00 +0800", tick=False):
        claim(cast.official, item, "司法所", period=day[:7])
        do_unit(cast.inspector, item, "verify", "司法所", decision="pass", comments="材料齐全")
        do_unit(cast.assessor, item, "assess", "司法所", quality="8", comment="较好")
    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSED


def _extend(cast, item, asked: str, approved: str) -> None:
    from tests.workflow.test_units import do_unit

    with time_machine.travel(f"{asked} 10:00 +0800", tick=False):
        do_unit(
            cast.official,
            item,
            "work",
            "司法所",
            action="extension",
            period=asked[:7],
            percent_done="50",
            narrative="需延期",
            new_deadline="2021-08-31",
        )
    with time_machine.travel(f"{approved} 10:00 +0800", tick=False):
        do_unit(cast.office, item, "decide_extension", "司法所", decision="approve", comment="同意")


def test_an_item_closed_after_the_quarter_is_shown_open_and_overdue_as_it_was_at_its_end(cast, plan):
    item = _working_item(cast, "七月办结事项")
    _close(cast, item, "2021-07-05")
    report = summarise(plan, 2021, 2)
    assert not report.running
    listed = {line.title: line.overdue_text for line in report.overdue_items}
    assert listed["七月办结事项"] == "2021年5月31日，逾期31天"
    assert ("办理中", 2) in report.open_by_status  # 逾期事项 and this one
    assert (report.items, report.closed) == (3, 1)  # 已办结事项 only
    page = plain_text(Browser(cast.committee).get(reverse("workflow:quarter", args=[plan.pk, 2021, 2])))
    assert "七月办结事项" in page and "按季度末（2021年6月30日）的情况统计" in page
    # The quarter it closed in does not call it overdue.
    assert "七月办结事项" not in [line.title for line in summarise(plan, 2021, 3).overdue_items]


def test_an_item_whose_units_stood_as_not_yet_there_is_not_counted_as_standings_says(cast, plan):
    """Read back where its units stood, an item one of whose parts was made after the quarter (its
    first step since left no status) stood as not yet in the plan's life: not counted, as before."""
    from responsibility.models import Assignment, ItemEvent

    item = _working_item(cast, "七月增加单位事项")
    part = Assignment.objects.create(
        item=item, unit=cast.community, role=Assignment.Role.RESPONSIBLE, status="accepting"
    )
    at = datetime.datetime(2021, 7, 5, 10, tzinfo=datetime.UTC)
    ItemEvent.objects.create(
        item=item, assignment=part, kind=ItemEvent.Kind.REPORTED, from_status="", to_status="accepting", created_at=at
    )
    report = summarise(plan, 2021, 2)
    assert (report.items, report.closed) == (2, 1)  # 逾期事项 and 已办结事项
    assert "七月增加单位事项" not in [line.title for line in report.overdue_items]


def test_an_item_closed_within_the_quarter_is_not_overdue_at_its_end(cast, plan):
    item = _working_item(cast, "六月办结事项")
    _close(cast, item, "2021-06-10")
    report = summarise(plan, 2021, 2)
    assert "六月办结事项" not in [line.title for line in report.overdue_items]
    assert (report.items, report.closed) == (3, 2)


def test_an_extension_approved_after_the_quarter_does_not_move_the_deadline_it_was_overdue_against(cast, plan):
    item = _working_item(cast, "七月延期事项")
    _extend(cast, item, asked="2021-05-20", approved="2021-07-02")
    item.refresh_from_db()
    assert item.deadline == D(2021, 8, 31)
    report = summarise(plan, 2021, 2)
    listed = {line.title: line.overdue_text for line in report.overdue_items}
    assert listed["七月延期事项"] == "2021年5月31日，逾期31天"
    assert ("延期审批中", 1) in report.open_by_status


def test_an_extension_approved_within_the_quarter_is_the_deadline_at_its_end(cast, plan):
    item = _working_item(cast, "六月延期事项")
    _extend(cast, item, asked="2021-05-20", approved="2021-06-15")
    assert "六月延期事项" not in [line.title for line in summarise(plan, 2021, 2).overdue_items]


def test_a_past_quarter_without_a_sweep_at_its_end_says_its_lights_were_not_recorded(cast, plan):
    report = summarise(plan, 2021, 1)
    assert report.lights["recorded"] is False
    document = docx.Document(
        io.BytesIO(
            Browser(cast.committee).get(reverse("workflow:quarter", args=[plan.pk, 2021, 1]) + "?format=docx").content
        )
    )
    overall = "\n".join(p.text for p in document.paragraphs)
    assert "季度末督办灯无巡查记录" in overall and "当前红灯" not in overall
    recorded = summarise(plan, 2021, 2)
    assert recorded.lights["recorded"] is True and (recorded.lights["red"], recorded.lights["green"]) == (1, 0)


def test_the_running_quarter_counts_today(cast):
    from tests.workflow.drive import item_at, set_deadline
    from tests.workflow.test_units import claim, do_unit

    today = timezone.localdate()
    year, quarter = quarter_of(today)
    closed = item_at(cast, "work", title="今天办结事项")
    set_deadline(closed, today - datetime.timedelta(days=3))
    claim(cast.official, closed, "司法所", period=today.strftime("%Y-%m"))
    do_unit(cast.inspector, closed, "verify", "司法所", decision="pass", comments="材料齐全")
    do_unit(cast.assessor, closed, "assess", "司法所", quality="8", comment="较好")
    late = item_at(cast, "work", title="今天逾期事项")
    set_deadline(late, today - datetime.timedelta(days=3))
    report = summarise(cast.plan, year, quarter)
    assert report.running
    assert [(line.title, line.overdue_text) for line in report.overdue_items] == [
        ("今天逾期事项", f"{date_format(today - datetime.timedelta(days=3))}，逾期3天")
    ]
    assert report.closed == 1 and "本季度尚未结束，按今天的情况统计。" == report.as_of_note


def test_overdue_items_past_those_listed_are_counted_not_dropped(cast, plan, monkeypatch):
    from workflow import summary

    monkeypatch.setattr(summary, "OVERDUE_LISTED", 2)
    for n in range(3):
        late = cast.item(f"又一逾期事项{n}", deadline=D(2021, 4, 30))
        late.status, late.rag = ItemStatus.IN_PROGRESS, Rag.RED
        late.save()
    report = summarise(plan, 2021, 2)
    assert (len(report.overdue_items), report.overdue_unlisted) == (2, 2)
    page = plain_text(Browser(cast.committee).get(reverse("workflow:quarter", args=[plan.pk, 2021, 2])))
    assert "以上为逾期最久的 2 项，另有 2 项逾期事项未列出。" in page
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(summary.as_docx(report))).paragraphs)
    assert "以上为逾期最久的 2 项，另有 2 项逾期事项未列出。" in text


# --- the same queries for any number of items --------------------------------------------------------


def _grow(cast, plan, upto: int, changed_every: int) -> None:
    """Items in 办理中 up to ``upto`` in all, in two categories, half due by the end of May 2021; every
    ``changed_every``-th of the new ones closed on 5 July (a step after the second quarter's end)."""
    from decimal import Decimal

    from responsibility.models import Category, ItemEvent, ResponsibilityItem

    other, _made = Category.objects.get_or_create(plan=plan, name="深化行政执法体制改革", order=2, points=Decimal(8))
    have = ResponsibilityItem.objects.filter(plan=plan).exclude(title__startswith="七月部署").count()
    july = datetime.datetime(2021, 7, 5, 10, tzinfo=datetime.UTC)
    for n in range(have, upto):
        deadline = D(2021, 5, 31) if n % 2 else D(2021, 12, 31)
        item = cast.item(f"规模事项{n}", deadline=deadline, with_indicator=False, status=ItemStatus.IN_PROGRESS)
        if n % 3 == 0:
            ResponsibilityItem.objects.filter(pk=item.pk).update(category=other)
        if (n - have) % changed_every == 0:
            ResponsibilityItem.objects.filter(pk=item.pk).update(status=ItemStatus.CLOSED, closed_at=july, due_by=None)
            ItemEvent.objects.create(
                item=item, kind=ItemEvent.Kind.ASSESSED, from_status="in_progress", to_status="closed", created_at=july
            )


def _deploy_in_july(cast, plan, upto: int) -> None:
    """Items deployed on 6 July up to ``upto`` of them, in 办理中 now and due by the end of May 2021 (a
    draft at the second quarter's end: not counted in it, nor overdue), one in two in the second
    category; a report after the deployment."""
    from responsibility.models import Category, ItemEvent, ResponsibilityItem

    other = Category.objects.get(plan=plan, name="深化行政执法体制改革")
    july = datetime.datetime(2021, 7, 6, 10, tzinfo=datetime.UTC)
    later = july + datetime.timedelta(days=9)
    for n in range(ResponsibilityItem.objects.filter(title__startswith="七月部署").count(), upto):
        item = cast.item(f"七月部署{n}", deadline=D(2021, 5, 31), with_indicator=False, status=ItemStatus.IN_PROGRESS)
        if n % 2:
            ResponsibilityItem.objects.filter(pk=item.pk).update(category=other)
        for kind, left, reached, at in [
            (ItemEvent.Kind.DEPLOYED, ItemStatus.DRAFT, ItemStatus.IN_PROGRESS, july),
            (ItemEvent.Kind.REPORTED, ItemStatus.IN_PROGRESS, ItemStatus.IN_PROGRESS, later),
        ]:
            ItemEvent.objects.create(item=item, kind=kind, from_status=left, to_status=reached, created_at=at)


def test_the_summary_and_its_page_take_the_same_queries_for_3_items_and_for_30_with_items_changed_since(cast, plan):
    """Counted in SQL, only the items with a step since the quarter's end read back: a plan ten times
    the size costs no more queries, and the changed items still count as they stood at its end."""
    url = reverse("workflow:quarter", args=[plan.pk, 2021, 2])
    browser = Browser(cast.committee)

    def measured():
        # Each count taken at once: a request empties the connection's log that the contexts slice.
        QuarterRecord.objects.filter(plan=plan).delete()  # kept anew: the facts changed since the last record
        with CaptureQueriesContext(connection) as keeping:
            summary.summarise(plan, 2021, 2)
        with CaptureQueriesContext(connection) as past:
            report = summary.summarise(plan, 2021, 2)
        counts = [len(keeping), len(past)]
        year, quarter = quarter_of(timezone.localdate())
        with CaptureQueriesContext(connection) as running:
            summarise(plan, year, quarter)
        counts.append(len(running))
        browser.get(url)  # the session and the user's grants read once
        with CaptureQueriesContext(connection) as page:
            assert browser.get(url).status_code == 200
        return report, [*counts, len(page)]

    _grow(cast, plan, 3, changed_every=1)  # the fixture's two and one closed in July
    _deploy_in_july(cast, plan, 1)
    few, few_queries = measured()
    assert (few.items, few.closed) == (3, 1)  # closed in July: open at the end of June
    assert [item.title for item in few.overdue_items] == ["逾期事项"]  # the July one is due by December
    _grow(cast, plan, 30, changed_every=4)  # 27 more, 7 of them closed in July
    _deploy_in_july(cast, plan, 6)
    many, many_queries = measured()
    assert many_queries == few_queries
    assert (many.items, many.closed, many.closed_in_quarter) == (30, 1, 1)
    assert ("办理中", 29) in many.open_by_status
    overdue_titles = {item.title for item in many.overdue_items}
    assert {"规模事项3", "规模事项7"} <= overdue_titles  # closed in July, overdue at the end of June
    assert len(overdue_titles) == 1 + 14 and many.overdue_unlisted == 0  # 逾期事项 and the odd ones, 3 to 29
    assert sum(line.items for line in many.categories) == 30
    assert [line.name for line in many.categories] == ["依法全面履行政府职能", "深化行政执法体制改革"]


def test_the_longest_overdue_are_listed_from_the_unchanged_and_the_read_back_together(cast, plan, monkeypatch):
    """The listed ones merge those standing as stored (read with a limit) and those read back: an
    item closed in July but the longest overdue at the end of June comes first, and the rest are
    counted, not dropped."""
    from responsibility.models import ItemEvent, ResponsibilityItem
    from workflow import summary

    monkeypatch.setattr(summary, "OVERDUE_LISTED", 2)
    for n in range(2):
        cast.item(f"四月底逾期事项{n}", deadline=D(2021, 4, 30), with_indicator=False, status=ItemStatus.IN_PROGRESS)
    july = datetime.datetime(2021, 7, 5, 10, tzinfo=datetime.UTC)
    early = cast.item("七月办结的四月中逾期事项", deadline=D(2021, 4, 15), with_indicator=False, status="closed")
    ResponsibilityItem.objects.filter(pk=early.pk).update(closed_at=july)
    ItemEvent.objects.create(
        item=early, kind=ItemEvent.Kind.ASSESSED, from_status="in_progress", to_status="closed", created_at=july
    )
    report = summarise(plan, 2021, 2)
    assert [item.title for item in report.overdue_items] == ["七月办结的四月中逾期事项", "四月底逾期事项0"]
    assert report.overdue_items[0].overdue_text == "2021年4月15日，逾期77天"
    assert report.overdue_unlisted == 2  # 四月底逾期事项1 and 逾期事项
    assert (report.items, report.closed) == (5, 1)
    # In the third quarter it is closed, and counted so.
    later = summarise(plan, 2021, 3)
    assert "七月办结的四月中逾期事项" not in [item.title for item in later.overdue_items]
    assert (later.closed, later.closed_in_quarter) == (2, 1)


# --- what a quarter counts, and what lies just outside it --------------------------------------------


def _report(official, item, at: str, percent: str = "40") -> None:
    from tests.workflow.test_units import do_unit

    with time_machine.travel(at, tick=False):
        do_unit(
            official, item, "work", "司法所", action="report", period=at[:7], percent_done=percent, narrative="推进"
        )


def test_the_quarter_counts_its_own_plans_reports_given_within_it(cast, plan):
    """A report keeps its item's plan and is counted by it: one given a minute before the quarter
    ends (Beijing time) is the quarter's; one given a minute after it and one of another
    organisation's plan within it are not."""
    from responsibility.models import ProgressReport
    from tests.cast import build_cast

    item = _working_item(cast, "汇报事项")
    _report(cast.official, item, "2021-06-30 23:59 +0800")
    _report(cast.official, item, "2021-07-01 00:01 +0800", percent="50")
    elsewhere = build_cast(prefix="b-", street_name="龙溪街道")
    theirs = _working_item(elsewhere, "龙溪事项")
    _report(elsewhere.official, theirs, "2021-05-10 10:00 +0800")
    assert set(ProgressReport.objects.values_list("item__plan", "plan").distinct()) == {
        (cast.plan.pk, cast.plan.pk),
        (elsewhere.plan.pk, elsewhere.plan.pk),
    }
    assert (summarise(plan, 2021, 2).reports, summarise(plan, 2021, 3).reports) == (1, 1)
    assert summarise(elsewhere.plan, 2021, 2).reports == 1
    page = Browser(cast.committee).get(reverse("workflow:quarter", args=[plan.pk, 2021, 2])).content.decode()
    assert "<dt>进度反馈</dt><dd>1</dd>" in page
    document = docx.Document(
        io.BytesIO(
            Browser(cast.office).get(reverse("workflow:quarter", args=[plan.pk, 2021, 2]) + "?format=docx").content
        )
    )
    assert "本季度收到进度反馈 1 份" in "\n".join(p.text for p in document.paragraphs)


def test_the_ladder_counts_the_quarters_escalations_and_extensions_of_the_plan_only(cast, plan):
    """Escalations by step and approved extensions within the quarter; one escalated a minute after
    its end, a step of another kind, and another organisation's escalation are left out."""
    from responsibility.models import EscalationLevel, ItemEvent
    from tests.cast import build_cast

    beijing = datetime.timezone(datetime.timedelta(hours=8))
    item = plan.items.get(title="逾期事项")
    theirs = build_cast(prefix="b-", street_name="龙溪街道").item("龙溪逾期事项")
    for on, kind, data, at in [
        (item, ItemEvent.Kind.ESCALATED, {"level": EscalationLevel.URGE}, datetime.datetime(2021, 6, 30, 23, 59)),
        (item, ItemEvent.Kind.ESCALATED, {"level": EscalationLevel.NOTICE}, datetime.datetime(2021, 7, 1, 0, 1)),
        (item, ItemEvent.Kind.EXTENSION_APPROVED, {}, datetime.datetime(2021, 4, 1, 0, 1)),
        (item, ItemEvent.Kind.URGED, {"level": EscalationLevel.URGE}, datetime.datetime(2021, 5, 1)),
        (theirs, ItemEvent.Kind.ESCALATED, {"level": EscalationLevel.REMIND}, datetime.datetime(2021, 5, 1)),
    ]:
        ItemEvent.objects.create(item=on, kind=kind, data=data, created_at=at.replace(tzinfo=beijing))
    report = summarise(plan, 2021, 2)
    assert (report.escalations, report.extensions) == ([("催办", 1)], 1)
    later = summarise(plan, 2021, 3)
    assert (later.escalations, later.extensions) == ([("督办通知单", 1)], 0)
    document = docx.Document(io.BytesIO(summary_docx(report)))
    assert "本季度督办升级：催办 1 次；批准延期 1 项。" in "\n".join(p.text for p in document.paragraphs)


def test_the_running_quarter_lights_only_open_items_counted_with_the_rest_in_one_query(
    cast, plan, django_assert_num_queries
):
    """Today's lights and red lights per category come from the same grouped count as the items:
    a closed item still carrying a red light, a draft and a heading are not lit; an open item of
    another category is. The running quarter's figures take eight queries, however many items."""
    from decimal import Decimal

    from responsibility.models import Category, ResponsibilityItem

    other = Category.objects.create(plan=plan, name="深化行政执法体制改革", order=2, points=Decimal(8))
    for title, status, rag in [
        ("待核验事项", ItemStatus.CLAIMED, ""),
        ("黄灯事项", ItemStatus.IN_PROGRESS, Rag.YELLOW),
        ("红灯事项", ItemStatus.RECTIFYING, Rag.RED),
        ("办结仍红事项", ItemStatus.CLOSED, Rag.RED),  # a light left on a closed row: not lit
        ("草稿事项", ItemStatus.DRAFT, Rag.RED),
    ]:
        made = cast.item(title, with_indicator=False, status=status, rag=rag)
        ResponsibilityItem.objects.filter(pk=made.pk).update(category=other)
    cast.item("标题", with_indicator=False, is_heading=True, status=ItemStatus.IN_PROGRESS, rag=Rag.RED)
    ResponsibilityItem.objects.filter(title="已办结事项").update(rag=Rag.RED)
    year, quarter = quarter_of(timezone.localdate())
    with django_assert_num_queries(8):
        report = summary.summarise(plan, year, quarter)  # a running quarter keeps no record
    assert (report.lights["red"], report.lights["yellow"], report.lights["green"]) == (2, 1, 0)
    assert report.lights["unlit"] == [("待核验", 1)] and report.lights["total"] == 4
    lines = [(line.name, line.items, line.closed, line.red) for line in report.categories]
    assert lines == [("依法全面履行政府职能", 2, 1, 1), ("深化行政执法体制改革", 4, 1, 1)]
    assert report.open_by_status == [("办理中", 2), ("待核验", 1), ("整改中", 1)]
