"""A completion claim states the result of every indicator, by the plan's rule (claim_needs_indicator_values):
on the page, on a rectification after a return, and on the plan details page where the office sets it.
The API's claim and rectification go through the same forms: tests/api/test_claim_indicators.py."""

import re

import time_machine
from django.urls import reverse
from django.utils.datastructures import MultiValueDict

from responsibility.models import Indicator, ItemStatus, ProgressReport, WorkPlan
from tests.browser import Browser, field_errors, plain_text, text, url
from tests.workflow.drive import do, find_task, in_days, item_at
from tests.workflow.test_contributions import lead_closed_item
from tests.workflow.test_units import unit_tasks
from workflow import services

CONSULTED = "请填写“法律咨询”的实际完成值（本工作要点规定申请办结须填写全部量化指标）。"
NEEDED = "本工作要点规定：申请办结和整改反馈时必填。"
AIDED = "请填写“法律援助”的实际完成值（本工作要点规定申请办结须填写全部量化指标）。"


def needs_values(cast, on: bool = True) -> None:
    WorkPlan.objects.filter(pk=cast.plan.pk).update(claim_needs_indicator_values=on)


def two_indicators(item) -> tuple[Indicator, Indicator]:
    """The cast item's 法律咨询 and a second indicator, 法律援助."""
    aided = Indicator.objects.create(item=item, name="法律援助", unit="起", target_value=8)
    return item.indicators.get(name="法律咨询"), aided


def claim(**extra) -> dict:
    return {"action": "claim", "period": "2020-12", "narrative": "全年接待咨询 213 起，援助 9 起", **extra}


def field_help(page, name: str) -> str:
    """The help line of the form field that holds the input named ``name``."""
    chunk = next(c for c in text(page).split('<div class="field')[1:] if f'name="{name}"' in c)
    found = re.search(r'<div class="help">(.*?)</div>', chunk, re.S)
    return found.group(1) if found else ""


def ticked(page, name: str) -> bool:
    found = re.search(rf'<input[^>]*name="{name}"[^>]*>', text(page))
    assert found, name
    return " checked" in found.group(0)


def page_of(item, step: str) -> str:
    return url("task", find_task(item, step).pk)


def test_a_new_plan_asks_a_claim_for_every_indicator():
    assert WorkPlan().claim_needs_indicator_values is True


def test_each_blank_indicator_of_a_claim_is_named_and_nothing_is_stored(cast):
    needs_values(cast)
    item = item_at(cast, "work")
    consulted, aided = two_indicators(item)

    page = Browser(cast.official).submit(page_of(item, "work"), claim(**{f"indicator_{aided.pk}": "9"}))

    assert page.status_code == 200
    assert field_errors(page, f"indicator_{consulted.pk}") == [CONSULTED]
    assert field_errors(page, f"indicator_{aided.pk}") == []
    assert f'<a href="#field-indicator_{consulted.pk}">' in text(page)  # the summary at the top links to it
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS and not item.reports.exists()

    page = Browser(cast.official).submit(page_of(item, "work"), claim())
    assert field_errors(page, f"indicator_{consulted.pk}") == [CONSULTED]
    assert field_errors(page, f"indicator_{aided.pk}") == [AIDED]


def test_a_claim_with_every_value_goes_to_verification_and_zero_is_a_value(cast):
    needs_values(cast)
    item = item_at(cast, "work")
    consulted, aided = two_indicators(item)
    data = claim(**{f"indicator_{consulted.pk}": "213", f"indicator_{aided.pk}": "0"})

    assert Browser(cast.official).submit(page_of(item, "work"), data).status_code == 302

    item.refresh_from_db()
    assert item.status == ItemStatus.CLAIMED
    values = {v.indicator.name: v.value for v in item.reports.get().indicator_values.select_related("indicator")}
    assert values == {"法律咨询": 213, "法律援助": 0}


def test_the_form_says_beforehand_which_fields_a_claim_must_fill_where_the_plan_asks(cast):
    item = item_at(cast, "work")
    consulted, _ = two_indicators(item)
    name = f"indicator_{consulted.pk}"
    needs_values(cast)
    assert NEEDED in field_help(Browser(cast.official).get(page_of(item, "work")), name)
    needs_values(cast, on=False)
    assert NEEDED not in field_help(Browser(cast.official).get(page_of(item, "work")), name)


def test_a_plan_that_does_not_ask_lets_a_claim_go_with_blank_indicators(cast):
    needs_values(cast, on=False)
    item = item_at(cast, "work")
    two_indicators(item)

    assert Browser(cast.official).submit(page_of(item, "work"), claim()).status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.CLAIMED


def test_a_progress_report_may_leave_indicators_blank_under_the_rule(cast):
    needs_values(cast)
    item = item_at(cast, "work")
    data = {"action": "report", "period": "2020-06", "percent_done": "50", "narrative": "半年进展"}

    assert Browser(cast.official).submit(page_of(item, "work"), data).status_code == 302
    assert item.reports.get().kind == ProgressReport.Kind.PROGRESS


def test_a_rectification_starts_from_the_claimed_values_and_must_keep_every_one(cast):
    needs_values(cast)
    item = item_at(cast, "work")
    consulted, aided = two_indicators(item)
    values = {f"indicator_{consulted.pk}": "213", f"indicator_{aided.pk}": "9"}
    Browser(cast.official).submit(page_of(item, "work"), claim(**values))
    returned = {"decision": "return", "rectification_points": "援助台账不全", "rectification_deadline": in_days(10)}
    do(cast.inspector, item, "verify", **returned)

    form = Browser(cast.official).get(page_of(item, "rectify"))
    assert f'name="indicator_{consulted.pk}" value="213.00"' in text(form)  # changed where wrong, kept elsewhere
    assert f'name="indicator_{aided.pk}" value="9.00"' in text(form)

    blank = {"narrative": "已补齐援助台账", f"indicator_{consulted.pk}": "213"}
    page = Browser(cast.official).submit(page_of(item, "rectify"), blank)
    assert field_errors(page, f"indicator_{aided.pk}") == [AIDED]
    assert item.reports.filter(kind=ProgressReport.Kind.RECTIFICATION).count() == 0

    kept = {**blank, f"indicator_{aided.pk}": "8"}
    assert Browser(cast.official).submit(page_of(item, "rectify"), kept).status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.CLAIMED


def test_a_rectification_under_a_plan_that_does_not_ask_may_leave_them_blank(cast):
    item = item_at(cast, "rectify")  # the cast's plan does not ask
    two_indicators(item)

    page = Browser(cast.official).submit(page_of(item, "rectify"), {"narrative": "已补充台账"})

    assert page.status_code == 302


def test_a_part_handed_in_to_the_lead_unit_needs_no_values_but_the_leads_claim_does(cast):
    needs_values(cast)
    item = lead_closed_item(cast)
    data = {"action": "claim", "period": "2030-06", "percent_done": "100", "narrative": "已完成"}
    with time_machine.travel("2030-06-10 10:00 +0800", tick=False):
        form = services.complete(cast.official2, unit_tasks(item, "work")["兴科社区"].pk, data, MultiValueDict())
        assert form.is_valid(), form.errors
        assert item.assignments.get(unit=cast.community).status == ItemStatus.HANDED_IN

        form = services.complete(cast.official, unit_tasks(item, "work")["司法所"].pk, data, MultiValueDict())
    consulted = item.indicators.get()
    assert form.errors[f"indicator_{consulted.pk}"] == [CONSULTED]


def test_the_office_sets_the_rule_next_to_the_evidence_rule_on_the_plan_details_page(cast):
    office = Browser(cast.office)
    details = reverse("plans:plan_edit", args=[cast.plan.pk])
    shown = plain_text(office.get(details))
    assert shown.index("申请办结须附佐证材料") < shown.index("申请办结须填写全部量化指标") < shown.index("延期最长天数")

    office.submit(details, {"claim_needs_indicator_values": "on", "extension_max_days": "90"})
    cast.plan.refresh_from_db()
    assert (cast.plan.claim_needs_indicator_values, cast.plan.claim_needs_evidence) == (True, False)
    assert ticked(office.get(details), "claim_needs_indicator_values")
    assert not ticked(office.get(details), "claim_needs_evidence")

    office.submit(details, {"claim_needs_evidence": "on", "extension_max_days": "90"})
    cast.plan.refresh_from_db()
    assert (cast.plan.claim_needs_indicator_values, cast.plan.claim_needs_evidence) == (False, True)
    assert not ticked(office.get(details), "claim_needs_indicator_values")

    assert Browser(cast.official).submit(details, {"claim_needs_indicator_values": "on"}).status_code == 404
    cast.plan.refresh_from_db()
    assert cast.plan.claim_needs_indicator_values is False  # the official may not change it (404)
