"""The report form (办理反馈) asks for what the chosen action needs, and only for that; the verify and
assess forms show what the inspector and the assessor judge."""

import datetime
import re

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from responsibility.models import ItemEvent, ItemStatus, ProgressReport, WorkPlan
from tests.browser import Browser, field_errors, messages, plain_text, text, url
from tests.workflow.drive import find_task, item_at, set_deadline

pytestmark = pytest.mark.usefixtures("media")

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def today():
    with time_machine.travel("2026-12-05 10:00 +0800", tick=False):
        yield


def work_page(cast, item):
    return url("task", find_task(item, "work").pk)


def submit(cast, item, **data):
    return Browser(cast.official).submit(work_page(cast, item), data)


def claim(item, **extra) -> dict:
    data = {"action": "claim", "period": "2020-12", "narrative": "全年接待咨询 213 起"}
    data[f"indicator_{item.indicators.get().pk}"] = "213"
    return {**data, **extra}


def ledger() -> SimpleUploadedFile:
    return SimpleUploadedFile("咨询台账.pdf", PDF, content_type="application/pdf")


def needs_evidence(cast, on: bool = True) -> None:
    WorkPlan.objects.filter(pk=cast.plan.pk).update(claim_needs_evidence=on)


def field_actions(page) -> dict[str, str]:
    """Each field's name and the actions the page shows it for."""
    found = re.findall(r'<div class="field[^"]*" id="field-([\w-]+)"(?: data-for="([^"]*)")?', text(page))
    return dict(found)


# --- the fields of the chosen action ---------------------------------------------------------------


def test_the_page_shows_each_field_for_its_actions_only(cast):
    item = item_at(cast, "work")
    shown = field_actions(Browser(cast.official).get(work_page(cast, item)))
    indicator = f"indicator_{item.indicators.get().pk}"
    assert shown == {
        "action": "",
        "period": "report claim",
        "percent_done": "report",
        "narrative": "report claim extension",
        "evidence": "report claim",
        "new_deadline": "extension",
        indicator: "report claim",
    }


def test_a_plain_report_ignores_a_date_and_asks_for_no_extension(cast):
    item = item_at(cast, "work")
    page = submit(
        cast, item, action="report", period="2020-03", percent_done="40", narrative="进展", new_deadline="9999-12-31"
    )
    assert page.status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS and item.deadline == datetime.date(2030, 12, 31)
    assert not item.events.filter(kind=ItemEvent.Kind.EXTENSION_REQUESTED).exists()


def test_an_extension_request_needs_no_period_progress_or_numbers(cast):
    item = item_at(cast, "work")
    page = submit(cast, item, action="extension", narrative="场地改造", new_deadline="2031-03-31", period="<script>")
    assert page.status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.EXTENSION_REQUESTED
    assert item.reports.count() == 0


# --- 汇报期 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "error"),
    [
        ("9999-99", "汇报期请写成“年-月”或“年Q季度”，如 2026-12 或 2026Q1。"),
        ("<script>", "汇报期请写成“年-月”或“年Q季度”，如 2026-12 或 2026Q1。"),
        ("2020-13", "汇报期请写成“年-月”或“年Q季度”，如 2026-12 或 2026Q1。"),
        ("2019-12", "汇报期须在 2020 年至 2030 年之间。"),
        ("9999-12", "汇报期须在 2020 年至 2030 年之间。"),
    ],
)
def test_a_period_that_is_not_a_real_month_or_quarter_of_the_plan_is_refused(cast, period, error, today):
    item = item_at(cast, "work")
    page = submit(cast, item, action="report", period=period, percent_done="40", narrative="进展")
    assert field_errors(page, "period") == [error]
    assert item.reports.count() == 0


@pytest.mark.parametrize("period", ["2020-03", "2020q2", "2030-12"])
def test_a_month_or_a_quarter_is_stored_as_written(cast, period, today):
    item = item_at(cast, "work")
    submit(cast, item, action="report", period=period, percent_done="40", narrative="进展")
    assert item.reports.get().period == period.upper()


# --- a claim brings evidence, by the plan's rule ----------------------------------------------------


def test_a_new_plan_asks_a_claim_for_evidence():
    assert WorkPlan().claim_needs_evidence is True


def test_a_claim_without_evidence_is_refused_where_the_plan_asks_for_it(cast):
    needs_evidence(cast)
    item = item_at(cast, "work")
    page = submit(cast, item, **claim(item))
    assert field_errors(page, "evidence") == ["申请办结须上传佐证材料（本工作要点的规定）。"]
    assert '<a href="#field-evidence">佐证材料</a>' in text(page)  # the summary at the top links to it
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS


def test_a_claim_with_evidence_goes_to_verification(cast):
    needs_evidence(cast)
    item = item_at(cast, "work")
    assert submit(cast, item, **claim(item, evidence=ledger())).status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.CLAIMED


def test_a_plan_that_does_not_ask_lets_a_claim_go_without_evidence(cast):
    needs_evidence(cast, on=False)
    item = item_at(cast, "work")
    assert submit(cast, item, **claim(item)).status_code == 302


def test_the_office_sets_the_rule_on_the_plan_details_page(cast):
    office = Browser(cast.office)
    details = reverse("plans:plan_edit", args=[cast.plan.pk])
    page = office.get(details)
    assert "申请办结须附佐证材料" in plain_text(page) and "延期最长天数" in plain_text(page)
    office.submit(details, {"claim_needs_evidence": "on", "extension_max_days": "90", "title": "改了"})
    cast.plan.refresh_from_db()
    # Published: the rules change, the title the document gave does not.
    assert (cast.plan.claim_needs_evidence, cast.plan.extension_max_days) == (True, 90)
    assert cast.plan.title == "回兴街道2020年法治建设工作要点"
    assert Browser(cast.official).get(details).status_code == 404


def test_a_failed_submit_says_the_chosen_files_must_be_chosen_again(cast):
    item = item_at(cast, "work")
    page = submit(cast, item, action="report", period="bad", percent_done="40", narrative="进展", evidence=ledger())
    assert "为安全起见，已选择的文件不会保留，请重新选择。" in plain_text(page)


# --- an extension to a reasonable date ----------------------------------------------------------------


@pytest.mark.parametrize("new_deadline", ["9999-12-31", "2032-01-01"])
def test_an_extension_beyond_the_plans_bound_is_refused(cast, new_deadline):
    item = item_at(cast, "work")  # due 2030-12-31; the plan allows 365 days
    page = submit(cast, item, action="extension", narrative="场地改造", new_deadline=new_deadline)
    assert field_errors(page, "new_deadline") == ["一次最多延期 365 天，即不晚于 2031年12月31日。"]
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS


def test_an_overdue_item_is_not_offered_an_extension(cast):
    item = item_at(cast, "work")
    page = Browser(cast.official).get(work_page(cast, item))
    assert 'value="extension"' in text(page)
    set_deadline(item, datetime.date(2020, 1, 1))
    page = Browser(cast.official).get(work_page(cast, item))
    assert 'value="extension"' not in text(page) and 'value="claim"' in text(page)
    # Sent anyway (an old page, the API), it is refused with the reason.
    page = submit(cast, item, action="extension", narrative="晚了", new_deadline="2020-06-30")
    assert "已超过完成时限，不能再申请延期。" in plain_text(page)


# --- the verify and assess forms show what is judged --------------------------------------------------


def test_the_verify_form_shows_the_claims_narrative_numbers_and_evidence(cast):
    item = item_at(cast, "work")
    submit(cast, item, **claim(item, evidence=ledger()))
    page = plain_text(Browser(cast.inspector).get(url("task", find_task(item, "verify").pk)))
    assert "办结申请与佐证材料" in page
    assert "全年接待咨询 213 起" in page and "法律咨询：213起" in page and "咨询台账.pdf" in page
    assert ProgressReport.objects.filter(item=item).count() == 1


def test_the_assess_form_says_what_the_rating_is_worth_on_this_item(cast):
    from tests.assessment.scenario import scheme_for

    scheme_for(cast, quality_share=20)
    item = item_at(cast, "assess")
    page = plain_text(Browser(cast.assessor).get(url("task", find_task(item, "assess").pk)))
    said = "工作质量占事项分值的 20%：本事项 10 分，工作质量最多计 2.0 分，按评分折算（评 8 分计 1.6 分）"
    assert said in page


def test_a_saved_rule_is_said_back(cast):
    page = Browser(cast.office).submit(reverse("plans:plan_edit", args=[cast.plan.pk]), {}, follow=True)
    assert messages(page) == ["已保存《回兴街道2020年法治建设工作要点》的办结与延期规则。"]
