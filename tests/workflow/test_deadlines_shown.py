"""Deadlines as every page and document says them (issue 16): one rule, ``responsibility.deadlines``.

While an item is rectified (整改中) its days count to the 整改时限, so that date stands beside them;
an overdue count (board, quarterly summary) counts what is overdue on its day, by the same rule."""

from __future__ import annotations

import datetime
import io

import docx
import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from responsibility import deadlines
from responsibility.models import ItemStatus, Rag, ResponsibilityItem
from tests.browser import Browser, plain_text, url
from tests.workflow.drive import item_at, set_deadline
from workflow import board
from workflow.summary import quarter_of, summarise

D = datetime.date


def cn(day: datetime.date) -> str:
    with translation.override("zh-hans"):
        return date_format(day)


@pytest.fixture
def rectifying(cast):
    """Returned for 整改 with 10 days to go; its own 完成时限 is years away."""
    return item_at(cast, "rectify")  # deployed with the deadline 2030-12-31


def test_the_item_page_shows_the_rectification_deadline_its_days_count_to(cast, rectifying):
    due = timezone.localdate() + datetime.timedelta(days=10)
    page = plain_text(Browser(cast.official).get(url("item", rectifying.pk)))
    assert f"完成时限 {cn(D(2030, 12, 31))} · 整改时限 {cn(due)} · 整改剩余10天" in page
    assert f"整改时限 {cn(due)}" in page
    assert f"{cn(D(2030, 12, 31))} · 剩余10天" not in page


@pytest.mark.parametrize("page", ["my_tasks", "home"])
def test_my_tasks_and_the_workspace_show_the_rectification_deadline_too(cast, rectifying, page):
    due = timezone.localdate() + datetime.timedelta(days=10)
    shown = plain_text(Browser(cast.official).get(url(page)))
    assert f"整改时限 {cn(due)}" in shown and "整改剩余10天" in shown
    assert "· 剩余10天" not in shown


def test_an_item_not_in_rectification_counts_its_days_to_its_own_deadline(cast):
    working = item_at(cast, "work")
    set_deadline(working, timezone.localdate() + datetime.timedelta(days=12))
    page = plain_text(Browser(cast.official).get(url("item", working.pk)))
    assert "剩余12天" in page and "整改" not in page.split("动态")[0]


def test_the_python_rule_and_the_query_agree_on_every_kind_of_work(cast):
    today = timezone.localdate()
    cases = {
        "past, open": (ItemStatus.IN_PROGRESS, today - datetime.timedelta(days=3), None, True),
        "due today": (ItemStatus.IN_PROGRESS, today, None, False),
        "past, closed": (ItemStatus.CLOSED, today - datetime.timedelta(days=3), None, False),
        "rectifying, deadline past, 整改 ahead": (
            ItemStatus.RECTIFYING,
            today - datetime.timedelta(days=30),
            today + datetime.timedelta(days=10),
            False,
        ),
        "rectifying, 整改 past": (
            ItemStatus.RECTIFYING,
            today + datetime.timedelta(days=30),
            today - datetime.timedelta(days=1),
            True,
        ),
    }
    made = {}
    for title, (status, deadline, rectification_due, _overdue) in cases.items():
        item = cast.item(title, deadline=deadline)
        item.status, item.rectification_due = status, rectification_due
        item.save()
        made[title] = item
    in_query = set(ResponsibilityItem.objects.filter(deadlines.overdue_q(today)).values_list("title", flat=True))
    for title, (*_facts, overdue) in cases.items():
        assert deadlines.state(made[title], today).overdue is overdue, title
        assert made[title].is_overdue(today) is overdue, title
        assert (title in in_query) is overdue, title


# --- the quarterly summary -------------------------------------------------------------------------


def test_the_summary_does_not_call_an_item_overdue_that_is_not(cast):
    """A quarter still running: an item in 整改 whose original deadline fell in it, with 10 days of
    its 整改 left, and an item due at the quarter's end, are neither of them 逾期."""
    today = timezone.localdate()
    year, quarter = quarter_of(today)
    rectifying = item_at(cast, "rectify")
    set_deadline(rectifying, today - datetime.timedelta(days=1))  # in this quarter, and past
    rectifying.refresh_from_db()
    assert rectifying.due_by == today + datetime.timedelta(days=10)
    report = summarise(cast.plan, year, quarter, today)
    assert report.overdue_items == []
    assert [line.overdue for line in report.categories] == [0]
    page = plain_text(Browser(cast.committee).get(reverse("workflow:quarter", args=[cast.plan.pk, year, quarter])))
    assert "本季度末无逾期事项" in page


def test_an_overdue_item_in_rectification_is_listed_with_its_rectification_deadline(cast):
    today = timezone.localdate()
    year, quarter = quarter_of(today)
    late = cast.item("整改逾期事项", deadline=D(2030, 12, 31))
    late.status, late.rectification_due = ItemStatus.RECTIFYING, today - datetime.timedelta(days=2)
    late.save()
    report = summarise(cast.plan, year, quarter, today)
    assert [item.overdue_text for item in report.overdue_items] == [f"整改时限 {cn(late.rectification_due)}，逾期2天"]
    url_ = reverse("workflow:quarter", args=[cast.plan.pk, year, quarter])
    page = plain_text(Browser(cast.committee).get(url_))
    assert f"整改时限 {cn(late.rectification_due)}，逾期2天" in page and cn(D(2030, 12, 31)) not in page
    document = docx.Document(io.BytesIO(Browser(cast.committee).get(url_ + "?format=docx").content))
    line = next(p.text for p in document.paragraphs if "整改逾期事项" in p.text and "（" in p.text)
    assert "整改时限" in line and "2030" not in line


# --- the board -------------------------------------------------------------------------------------


def test_the_boards_counts_add_up_and_name_the_items_without_a_light(cast):
    for title, status, rag in [
        ("红灯事项", ItemStatus.IN_PROGRESS, Rag.RED),
        ("绿灯事项", ItemStatus.IN_PROGRESS, Rag.GREEN),
        ("待部署事项", ItemStatus.DEPLOYING, ""),
        ("待核验事项", ItemStatus.CLAIMED, ""),
        ("另一待核验事项", ItemStatus.CLAIMED, ""),
    ]:
        item = cast.item(title)
        item.status, item.rag = status, rag
        item.save()
    counts = board.counts(board.board_items(cast.office, {}))
    assert counts["red"] + counts["yellow"] + counts["green"] + counts["unlit_total"] == counts["total"] == 5
    assert counts["unlit"] == [("待部署", 1), ("待核验", 2)]
    page = plain_text(Browser(cast.office).get(reverse("workflow:board")))
    assert "不亮灯 3（待部署 1、待核验 2）" in page and "共 5 项在办" in page


def test_a_board_with_every_item_lit_says_nothing_of_unlit_ones(cast):
    item = cast.item("绿灯事项")
    item.status, item.rag = ItemStatus.IN_PROGRESS, Rag.GREEN
    item.save()
    assert "不亮灯" not in plain_text(Browser(cast.office).get(reverse("workflow:board")))


# --- the item page's score ---------------------------------------------------------------------------------


@pytest.fixture
def computed_while_open(cast):
    """A claimed item, then a year-end version computed while it waited for verification."""
    from assessment.compute import compute
    from tests.assessment.scenario import scheme_for

    item = item_at(cast, "verify")
    compute(scheme_for(cast), user=cast.assessor, as_of=timezone.localdate())
    return item


def test_an_item_done_since_the_computation_does_not_read_as_unfinished(cast, computed_while_open):
    from tests.workflow.drive import do

    do(cast.inspector, computed_while_open, "verify", decision="pass", comments="材料齐全")
    page = plain_text(Browser(cast.committee).get(url("item", computed_while_open.pk)))
    assert "未完成，按进度" not in page
    assert "该版本仍按未完成计分，重新计算后更新" in page


def test_an_item_still_open_reads_as_the_version_scored_it(cast, computed_while_open):
    page = plain_text(Browser(cast.committee).get(url("item", computed_while_open.pk)))
    today = timezone.localdate()
    assert f"截至{cn(today)}未完成，按当时进度100%计" in page and "重新计算后更新" not in page


def _unit_lines(cast) -> list[str]:
    from assessment.explain import explain_unit
    from assessment.models import Assessment, UnitResult

    assessment = Assessment.objects.latest("computed_at")
    explanation = explain_unit(assessment, UnitResult.objects.get(assessment=assessment, unit=cast.justice))
    return [line.text for block in explanation.categories for part in block.items for line in part.lines]


def test_a_units_explanation_marks_a_line_the_item_has_outgrown_since_the_computation(cast, computed_while_open):
    from tests.workflow.drive import do

    do(cast.inspector, computed_while_open, "verify", decision="pass", comments="材料齐全")
    today = timezone.localdate()
    lines = _unit_lines(cast)
    assert f"截至{cn(today)}未完成，按当时进度100%计 8.0" in lines
    assert f"此后已于{cn(today)}办结；本版本计算在先，仍按未完成计分，重新计算后更新。" in lines


def test_a_units_explanation_of_an_item_still_open_is_not_marked(cast, computed_while_open):
    lines = _unit_lines(cast)
    assert not any("此后已于" in line for line in lines)


def test_a_version_computed_before_its_reckoning_day_dates_its_lines_by_the_computation(cast):
    from assessment.compute import compute
    from assessment.explain import explain_unit
    from assessment.models import UnitResult
    from tests.assessment.scenario import scheme_for

    item_at(cast, "verify")
    later = timezone.localdate() + datetime.timedelta(days=30)
    assessment = compute(scheme_for(cast), user=cast.assessor, as_of=later)
    explanation = explain_unit(assessment, UnitResult.objects.get(assessment=assessment, unit=cast.justice))
    lines = [line.text for block in explanation.categories for part in block.items for line in part.lines]
    assert any(line.startswith(f"截至{cn(timezone.localdate())}未完成") for line in lines)
    assert not any(cn(later) in line for line in lines if "未完成" in line)
