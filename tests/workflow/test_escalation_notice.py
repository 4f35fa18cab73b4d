"""督办通知单: every step up the ladder gets a number and a printable notice of the facts that called for it.

The item is the cast's 完善内部制度建设 (司法所, 赵所长), due 30 June 2021, in progress; the sweep of
31 July (31 days overdue) takes it up to 挂牌督办, four steps, each with its notice.
"""

from __future__ import annotations

import datetime
import importlib

import pytest
import time_machine
from django.apps import apps
from django.urls import reverse

from responsibility.models import Assignment, ItemEvent, ItemStatus, Person, Post, ReportCadence, Unit, WorkPlan
from responsibility.permissions import sync_item_permissions
from tests.browser import Browser, plain_text, text
from tests.gongwen import assert_gongwen, opened
from tests.threads import at_once
from tests.workflow.drive import item_at
from tests.workflow.test_units import do_unit, two_unit_item
from workflow import escalation, escalation_notice
from workflow.models import EscalationNotice
from workflow.supervision import sweep

D = datetime.date
JULY_31 = D(2021, 7, 31)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def on(day: datetime.date):
    """The clock at 9 o'clock in Chongqing on ``day``: the sweep's day and the step's date agree."""
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 9, tzinfo=_CST), tick=False)


_CST = datetime.timezone(datetime.timedelta(hours=8))


def overdue_item(cast, title: str = "完善内部制度建设", plan: WorkPlan | None = None, **fields):
    """An item of 司法所 due 30 June 2021, in progress since New Year (of ``plan``, else the cast's)."""
    cast.plan.year = 2021
    cast.plan.save()
    item = cast.item(title, deadline=D(2021, 6, 30), report_cadence=ReportCadence.NONE, **fields)
    item.status, item.started_on, item.plan = ItemStatus.IN_PROGRESS, D(2021, 1, 1), plan or cast.plan
    item.save()
    sync_item_permissions(item)
    return item


def steps(item) -> list[ItemEvent]:
    return list(item.events.filter(kind=ItemEvent.Kind.ESCALATED).select_related("escalation_notice").order_by("id"))


def numbers(item) -> list[str]:
    return [str(event.escalation_notice) for event in steps(item)]


def notice_url(event: ItemEvent, docx: bool = True) -> str:
    name = "workflow:escalation_notice_docx" if docx else "workflow:escalation_notice"
    return reverse(name, args=[event.item_id, event.pk])


def swept(cast, day: datetime.date = JULY_31):
    item = overdue_item(cast)
    with on(day):
        sweep(day)
    return item


def texts(response) -> list[str]:
    return [p.text for p in opened(response.content).paragraphs if p.text]


# --- the numbers --------------------------------------------------------------------------------------


def test_each_step_gets_the_next_number_of_its_organisations_year(cast):
    item = swept(cast)
    assert [event.data["level"] for event in steps(item)] == [1, 2, 3, 4]
    assert numbers(item) == ["督〔2021〕1号", "督〔2021〕2号", "督〔2021〕3号", "督〔2021〕4号"]
    later = overdue_item(cast, "加强信访工作制度", number="2.")
    with on(D(2021, 8, 2)):
        escalation.escalate_by_hand(later, cast.inspector, 1, "请抓紧")
    assert numbers(later) == ["督〔2021〕5号"]


def test_a_new_year_starts_at_one(cast):
    swept(cast)
    item = overdue_item(cast, "加强信访工作制度", number="2.")
    with on(D(2022, 1, 4)):
        escalation.escalate_by_hand(item, cast.inspector, 2, "跨年未办结")
    assert numbers(item) == ["督〔2022〕1号", "督〔2022〕2号"]


def test_each_organisation_counts_its_own_notices(cast):
    swept(cast)
    town = Unit.objects.create(name="青山镇", kind=Unit.Kind.ORGANISATION)
    other_plan = WorkPlan.objects.create(
        organisation=town, year=2021, title="青山镇2021年工作要点", status=WorkPlan.Status.PUBLISHED
    )
    item = overdue_item(cast, "治理河道", plan=other_plan)
    with on(D(2021, 8, 1)):
        # The town's item is not the street office's (organisations are kept apart); its inspector
        # holds the item's own grant.
        escalation.escalate_by_hand(item, cast.inspector, 1, "请抓紧")
    assert numbers(item) == ["督〔2021〕1号"]
    assert EscalationNotice.objects.filter(organisation=cast.street).count() == 4


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_sweep_and_an_inspector_at_the_same_moment_never_draw_one_number_twice(cast_committed):
    cast = cast_committed
    first, second = overdue_item(cast), overdue_item(cast, "加强信访工作制度", number="2.")

    def by_hand():
        escalation.escalate_by_hand(second, cast.inspector, 3, "督办")

    errors = at_once(lambda: sweep(JULY_31), by_hand, expected=(escalation.EscalationRefused,))
    assert errors == []
    taken = sorted(EscalationNotice.objects.values_list("number", flat=True))
    assert taken == list(range(1, len(steps(first)) + len(steps(second)) + 1))


def test_steps_taken_before_notices_had_numbers_are_numbered_in_order(cast):
    """The migration that brought the numbers gives the earlier steps theirs, as they would have had."""
    item = swept(cast)
    EscalationNotice.objects.all().delete()
    migration = importlib.import_module("workflow.migrations.0009_escalation_number")
    migration.number_past_steps(apps, None)
    assert numbers(item) == ["督〔2021〕1号", "督〔2021〕2号", "督〔2021〕3号", "督〔2021〕4号"]


# --- the document -------------------------------------------------------------------------------------


def test_the_notice_is_a_gongwen_with_its_number(cast):
    item = swept(cast)
    notice = steps(item)[2]
    response = Browser(cast.official).get(notice_url(notice))
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''"
        "%E5%9B%9E%E5%85%B4%E8%A1%97%E9%81%93%E7%9D%A3%E5%8A%9E%E9%80%9A%E7%9F%A5%E5%8D%95"  # 回兴街道督办通知单
        "%EF%BC%88%E7%9D%A3%E3%80%942021%E3%80%953%E5%8F%B7%EF%BC%89.docx"  # （督〔2021〕3号）
    )
    document = opened(response.content)
    assert_gongwen(document, title="回兴街道督办通知单", number="督〔2021〕3号", issuer="回兴街道党政办", day=JULY_31)


def test_the_notice_names_the_item_the_unit_the_official_what_is_late_and_when_to_answer(cast):
    item = swept(cast)
    lines = texts(Browser(cast.official).get(notice_url(steps(item)[2])))
    days = item.days_overdue(JULY_31)  # as the item page counts them
    assert days == 31
    assert lines[2:] == [
        "司法所：",
        "你单位承办的“1.完善内部制度建设”（《回兴街道2020年法治建设工作要点》），责任人为司法所所长赵所长，"
        f"完成时限为2021年6月30日，截至2021年7月31日已逾期{days}天。",
        "根据督办规则，现对该事项升级督办，督办级别为“督办通知单”。",
        "请你单位高度重视，抓紧推进落实，于2021年8月5日前将办理进展、存在问题及下一步措施书面报送回兴街道党政办。",
        "回兴街道党政办",
        "2021年7月31日",
    ]


def test_a_step_taken_by_hand_is_signed_by_its_takers_office_with_the_reason(cast):
    item = overdue_item(cast)
    with on(D(2021, 7, 10)):
        escalation.escalate_by_hand(item, cast.inspector, 2, "群众反映强烈")
    lines = texts(Browser(cast.inspector).get(notice_url(steps(item)[-1])))
    assert lines[3].endswith("完成时限为2021年6月30日，截至2021年7月10日已逾期10天。")
    assert lines[4] == "现对该事项升级督办，督办级别为“催办”。督办事由：群众反映强烈。"
    assert lines[5].endswith("于2021年7月15日前将办理进展、存在问题及下一步措施书面报送回兴街道督查室。")
    assert lines[-2:] == ["回兴街道督查室", "2021年7月10日"]


def test_missed_reports_are_stated(cast):
    item = overdue_item(cast)
    Post.objects.filter(pk=cast.posts["official"].pk).update(title="所长")
    item.deadline, item.reports_missed = D(2021, 12, 31), 2
    item.save()
    with on(D(2021, 5, 1)):
        escalation.escalate_by_hand(item, cast.office, 1, "连续漏报")
    line = texts(Browser(cast.office).get(notice_url(steps(item)[0])))[3]
    assert line.endswith("责任人为所长赵所长，完成时限为2021年12月31日，已连续2次未按期报送进度。")


def test_the_notice_says_what_stood_when_it_was_issued_after_the_item_moves_on(cast):
    item = swept(cast)
    before = texts(Browser(cast.office).get(notice_url(steps(item)[0])))
    item.deadline, item.status = D(2021, 12, 31), ItemStatus.CLOSED  # extended, then closed
    item.save()
    assert texts(Browser(cast.office).get(notice_url(steps(item)[0]))) == before


def test_a_units_step_on_a_shared_item_is_addressed_to_that_unit(cast):
    item = two_unit_item(cast)
    for unit, official in (("司法所", cast.official), ("兴科社区", cast.official2)):
        do_unit(official, item, "accept", unit, decision="accept")
    community = Assignment.objects.get(item=item, unit=cast.community)
    community.deadline = D(2021, 6, 30)
    community.save()
    with on(D(2021, 7, 3)):
        escalation.escalate_by_hand(item, cast.inspector, 1, "社区进度滞后")
    event = item.events.get(kind=ItemEvent.Kind.ESCALATED, assignment=community)
    lines = texts(Browser(cast.official2).get(notice_url(event)))
    assert lines[2] == "兴科社区："
    assert "责任人为社区主任钱主任，完成时限为2021年6月30日，截至2021年7月3日已逾期3天" in lines[3]


# --- the page to print, and where it is found -------------------------------------------------------------


def test_the_print_page_shows_the_same_notice(cast):
    item = swept(cast)
    event = steps(item)[2]
    browser = Browser(cast.leader)
    page = plain_text(browser.get(notice_url(event, docx=False)))
    for line in texts(browser.get(notice_url(event))):
        assert line in page
    assert 'href="/static/css/gongwen.css"' in text(browser.get(notice_url(event, docx=False)))


def test_the_timeline_links_every_step_to_its_notice(cast):
    item = swept(cast)
    response = Browser(cast.official).get(reverse("workflow:item", args=[item.pk]))
    page, shown = text(response), plain_text(response)
    for event in steps(item):
        assert f"督办通知单 {event.escalation_notice} · 打印 · 下载 Word 版" in shown
        assert f'href="{notice_url(event)}"' in page and f'href="{notice_url(event, docx=False)}"' in page


# --- who may read it ------------------------------------------------------------------------------------------

ROLES = ["anonymous", "committee", "office", "leader", "official", "official2", "inspector", "assessor", "outsider"]
# Whoever sees the item reads its notices; on a shared item, every unit of it (the timeline shows
# each unit's steps to all of them); anyone else gets a 404, a visitor the login page.
WHO = {
    "own": ["login", 200, 200, 200, 200, 404, 200, 200, 404],
    "shared": ["login", 200, 200, 200, 200, 200, 200, 200, 404],
}


def _matrix():
    return [
        (shape, docx, role, expected)
        for shape, row in WHO.items()
        for docx in (True, False)
        for role, expected in zip(ROLES, row, strict=True)
    ]


@pytest.mark.parametrize(("shape", "docx", "role", "expected"), _matrix())
def test_who_may_read_a_notice(cast, shape, docx, role, expected):
    if shape == "own":
        item = item_at(cast, "work")
    else:
        item = two_unit_item(cast)
    escalation.escalate_by_hand(item, cast.inspector, 1, "请抓紧")
    event = item.events.filter(kind=ItemEvent.Kind.ESCALATED).first()
    browser = Browser() if role == "anonymous" else Browser(cast.roles[role])
    response = browser.get(notice_url(event, docx))
    if expected == "login":
        assert response.status_code == 302 and response["Location"].startswith("/login/?next=")
    else:
        assert response.status_code == expected
        if expected == 200:
            assert response["Content-Type"] == (DOCX if docx else "text/html; charset=utf-8")


def test_a_step_is_only_found_under_its_own_item(cast):
    item = swept(cast)
    other = item_at(cast, "work", title="加强信访工作制度", number="2.")
    office = Browser(cast.office)
    event = steps(item)[0]
    assert office.get(reverse("workflow:escalation_notice_docx", args=[other.pk, event.pk])).status_code == 404
    deployed = other.events.get(kind=ItemEvent.Kind.DEPLOYED)  # a step of the flow, not of the ladder
    assert office.get(reverse("workflow:escalation_notice_docx", args=[other.pk, deployed.pk])).status_code == 404


def test_an_official_of_another_unit_learns_nothing(cast):
    item = swept(cast)
    response = Browser(cast.official2).get(notice_url(steps(item)[0], docx=False))
    assert response.status_code == 404 and "完善内部制度建设" not in plain_text(response)


def test_the_facts_come_from_the_work_on_the_day(cast):
    item = overdue_item(cast)
    assert escalation_notice.facts(item, JULY_31) == {
        "as_of": "2021-07-31",
        "due_by": "2021-06-30",
        "days_overdue": item.days_overdue(JULY_31),
        "reports_missed": 0,
        "answer_by": "2021-08-05",
    }


def test_the_admin_lists_the_numbers_and_adds_none(cast):
    swept(cast)
    root = Person.objects.create_superuser("root", "root@example.cn", "root-pass")
    response = Browser(root).get(reverse("admin:workflow_escalationnotice_changelist"))
    assert response.status_code == 200 and "督〔2021〕4号" in plain_text(response)
    assert Browser(root).get(reverse("admin:workflow_escalationnotice_add")).status_code == 403
