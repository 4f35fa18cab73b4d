"""Leaders: 批示 on an item or a report, answered in the official's next report; leaders urge their
own items; 已阅 on 批示 and 督办通知单, shown to the sender; the lead leader's board."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from responsibility.models import Instruction, ItemEvent, ItemStatus, ProgressReport, ReadReceipt
from responsibility.permissions import sync_item_permissions
from tests.browser import Browser, field_errors, messages, plain_text, queries, row_texts, text, timeline, url
from tests.workflow.drive import do, find_task, in_days, item_at
from workflow import escalation
from workflow.models import Notification

Kind = Notification.Kind


@pytest.fixture
def item(cast):
    """Deployed and accepted: 赵所长 (司法所) is at work on it; 张主任 leads it."""
    return item_at(cast, "work")


def instruct(browser, item, follow: bool = False, **data):
    data = {"text": "请加快进度，月底前报送台账", **data}
    return browser.submit(url("instruct", item.pk), data, form_page=url("item", item.pk), follow=follow)


def notices_of(kind: str) -> list[tuple[str, str]]:
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient__username", "title"))


# --- 批示: who may write one -------------------------------------------------------------------------------

WRITE = {
    "committee": 302,
    "leader": 302,
    "office": 403,
    "official": 403,
    "inspector": 403,
    "assessor": 403,
    "official2": 404,
    "outsider": 404,
}


@pytest.mark.parametrize(("role", "status"), WRITE.items())
def test_only_the_committee_and_the_lead_leader_write_a_instruction(cast, item, role, status):
    response = instruct(Browser(cast.roles[role]), item)
    assert response.status_code == status
    assert Instruction.objects.filter(item=item).count() == (1 if status == 302 else 0)


@pytest.mark.parametrize(
    ("role", "shown"), [("leader", True), ("committee", True), ("office", False), ("official", False)]
)
def test_the_instruction_form_is_shown_to_those_who_may_write_one(cast, item, role, shown):
    page = Browser(cast.roles[role]).get(url("item", item.pk))
    assert ('id="instruct"' in text(page)) is shown
    assert "领导批示" in plain_text(page)


def test_a_leader_who_leads_another_item_cannot_see_or_instruct_this_one(cast, item):
    cast.item("另一事项", number="2.")  # he leads it; this one is led by another post now
    item.lead_leader_post = cast.posts["committee"]
    item.save()
    sync_item_permissions(item)
    assert instruct(Browser(cast.leader), item).status_code == 404


# --- 批示: what it does --------------------------------------------------------------------------------------


def test_a_instruction_stands_on_the_timeline_and_tells_the_official_and_the_office_once(cast, item):
    Notification.objects.all().delete()
    response = instruct(Browser(cast.leader), item, due=in_days(10))
    assert response.url.endswith("#instructions")
    page = Browser(cast.leader).get(url("item", item.pk))
    assert timeline(page)[-1] == "领导批示"
    assert "请加快进度，月底前报送台账" in plain_text(page)
    title = "领导批示：张主任对“1.完善内部制度建设”作出批示"
    assert notices_of(Kind.INSTRUCTION) == [("office", title), ("official", title)]
    body = Notification.objects.get(recipient=cast.official).body
    assert body.startswith("请加快进度") and "办理时限" in body
    assert Notification.objects.count() == 2  # nobody else, and the leader not of his own 批示


def test_each_instruction_tells_each_person_once(cast, item):
    Notification.objects.all().delete()
    leader = Browser(cast.leader)
    instruct(leader, item)
    instruct(leader, item, text="第二条批示")
    event = item.events.filter(kind=ItemEvent.Kind.INSTRUCTED).first()
    from workflow import notices

    notices.instructed(event.instruction, event.data["to"], cast.leader)  # a replay stores nothing new
    assert Notification.objects.filter(recipient=cast.official, kind=Kind.INSTRUCTION).count() == 2
    assert Notification.objects.filter(recipient=cast.office, kind=Kind.INSTRUCTION).count() == 2


def test_a_instruction_on_a_report_is_for_that_units_official(cast, item):
    do(cast.official, item, "work", action="report", period="2030-03", percent_done="30", narrative="已开展普法")
    report = item.reports.get()
    instruct(Browser(cast.committee), item, report=report.pk, text="台账要规范")
    instruction = Instruction.objects.get()
    assert (instruction.report, instruction.assignment) == (report, report.assignment)
    page = plain_text(Browser(cast.official).get(url("item", item.pk)))
    assert "批示进度反馈（2030-03）" in page


def test_a_instruction_on_a_report_of_another_item_is_refused(cast, item):
    other = item_at(cast, "work", number="2.")
    do(cast.official, other, "work", action="report", period="2030-03", percent_done="30", narrative="已开展")
    response = instruct(Browser(cast.committee), item, report=other.reports.get().pk)
    assert response.status_code == 404
    assert not Instruction.objects.exists()


@pytest.mark.parametrize(
    ("data", "error"),
    [({"text": "  "}, "请填写批示内容。"), ({"due": "2000-01-01"}, "办理时限不能早于今天。")],
)
def test_a_bad_instruction_is_refused_with_a_reason_and_nothing_is_stored(cast, item, data, error):
    response = instruct(Browser(cast.leader), item, **data)
    assert response.status_code == 200
    assert field_errors(response, "text" if "text" in data else "due") == [error]
    if "text" not in data:
        assert "请加快进度" in text(response)  # what he wrote is still in the form
    assert not Instruction.objects.exists()
    assert not item.events.filter(kind=ItemEvent.Kind.INSTRUCTED).exists()


def test_a_closed_item_takes_no_instruction(cast):
    item = item_at(cast, "assess")
    do(cast.assessor, item, "assess", quality="8", comment="好")
    response = instruct(Browser(cast.committee), item, follow=True)
    assert messages(response) == ["该事项已办结，不能再批示。"]
    assert not Instruction.objects.exists()


# --- the answer in the next report ----------------------------------------------------------------------


def report_data(**extra) -> dict:
    return {"action": "report", "period": "2030-04", "percent_done": "50", "narrative": "已完成一半", **extra}


def test_the_report_form_shows_open_instructions_and_requires_an_answer(cast, item):
    instruct(Browser(cast.leader), item)
    instruction = Instruction.objects.get()
    official = Browser(cast.official)
    task = find_task(item, "work")
    page = official.get(url("task", task.pk))
    assert "待答复的领导批示" in plain_text(page) and "请加快进度，月底前报送台账" in plain_text(page)

    response = official.submit(url("task", task.pk), report_data())
    assert field_errors(response, f"answer_{instruction.pk}") == ["请在本次反馈中答复领导批示。"]
    assert not ProgressReport.objects.exists()


def test_the_answer_stands_on_the_timeline_shows_under_the_instruction_and_tells_the_leader(cast, item):
    instruct(Browser(cast.leader), item)
    instruction = Instruction.objects.get()
    Notification.objects.all().delete()
    task = find_task(item, "work")
    answer = {f"answer_{instruction.pk}": "已补齐台账，月底前报送"}
    Browser(cast.official).submit(url("task", task.pk), report_data(**answer))

    instruction.refresh_from_db()
    assert instruction.answer == "已补齐台账，月底前报送"
    assert (instruction.answered_by, instruction.answer_report) == (cast.official, ProgressReport.objects.get())
    page = Browser(cast.leader).get(url("item", item.pk))
    assert timeline(page)[-2:] == ["进度反馈", "答复批示"]
    assert "答复 · 赵所长" in plain_text(page) and "已补齐台账，月底前报送" in plain_text(page)
    assert notices_of(Kind.INSTRUCTION_ANSWERED) == [("leader", "批示答复：赵所长答复了您对“1.完善内部制度建设”的批示")]
    # Answered, it is not asked for again in the next report.
    assert "待答复的领导批示" not in plain_text(Browser(cast.official).get(url("task", find_task(item, "work").pk)))


def test_an_extension_request_needs_no_answer_and_leaves_the_instruction_open(cast, item):
    instruct(Browser(cast.leader), item)
    do(cast.official, item, "work", action="extension", period="2030-04", percent_done="40",
       narrative="需延期", new_deadline="2031-06-30")  # fmt: skip
    assert Instruction.objects.get().answered_at is None


# --- leaders urge their own items ---------------------------------------------------------------------------

URGE = {
    "leader": 302,
    "office": 302,
    "inspector": 302,
    "committee": 403,
    "official": 403,
    "assessor": 403,
    "official2": 404,
    "outsider": 404,
}


@pytest.mark.parametrize(("role", "status"), URGE.items())
def test_a_leader_urges_his_own_items_as_the_office_and_the_inspector_do(cast, item, role, status):
    browser = Browser(cast.roles[role])
    response = browser.submit(url("urge", item.pk), {"note": "请抓紧"}, form_page=url("item", item.pk))
    assert response.status_code == status
    urged = Notification.objects.filter(kind=Kind.URGE, recipient=cast.official).count()
    assert urged == (1 if status == 302 else 0)


def test_a_leader_urges_but_does_not_take_an_item_up_the_ladder(cast, item):
    leader = Browser(cast.leader)
    page = text(leader.get(url("item", item.pk)))
    assert f'action="/items/{item.pk}/urge/"' in page and 'id="escalate"' not in page
    response = leader.submit(url("escalate", item.pk), {"level": 3, "note": "x"}, form_page=url("item", item.pk))
    assert response.status_code == 403


# --- 已阅 -------------------------------------------------------------------------------------------------------


def read(browser, item, event, **kwargs):
    return browser.submit(url("event_read", item.pk, event.pk), kwargs, form_page=url("item", item.pk))


READ = {
    "official": 302,
    "office": 302,
    "leader": 403,  # the sender
    "inspector": 403,
    "committee": 403,
    "assessor": 403,
    "official2": 404,
    "outsider": 404,
}


@pytest.mark.parametrize(("role", "status"), READ.items())
def test_only_the_recipients_of_a_instruction_mark_it_read(cast, item, role, status):
    instruct(Browser(cast.leader), item)
    event = Instruction.objects.get().event
    assert read(Browser(cast.roles[role]), item, event).status_code == status
    readers = list(ReadReceipt.objects.values_list("person__username", flat=True))
    assert readers == ([role] if status == 302 else [])


def test_the_sender_sees_who_has_read_his_instruction_and_when(cast, item):
    instruct(Browser(cast.leader), item)
    event = Instruction.objects.get().event
    official = Browser(cast.official)
    assert f'id="read-{event.pk}"' in text(official.get(url("item", item.pk)))
    read(official, item, event)
    first = ReadReceipt.objects.get().read_at
    read(official, item, event)  # again: the first time stands
    assert ReadReceipt.objects.get().read_at == first

    shown = plain_text(Browser(cast.leader).get(url("item", item.pk)))
    when = timezone.localtime(first).strftime("%Y年%-m月%-d日")
    assert f"赵所长 已阅（{when}" in shown
    assert "李文员 未阅" in shown
    own = plain_text(official.get(url("item", item.pk)))
    assert "您已于" in own and "阅读情况" not in own  # the recipient sees his own receipt, not the others'


def test_an_event_that_was_not_sent_to_anyone_has_no_receipt(cast, item):
    reported = item.events.filter(kind=ItemEvent.Kind.ACCEPTED).get()
    assert read(Browser(cast.official), item, reported).status_code == 404


@pytest.fixture
def noticed(cast, item):
    """The inspector took the item up to 督办通知单 (level 3) by hand: 督〔…〕1号 … 3号."""
    escalation.escalate_by_hand(item, cast.inspector, 3, "进度滞后")
    return item.events.filter(kind=ItemEvent.Kind.ESCALATED).order_by("id").last()


def test_the_official_marks_a_notice_read_and_the_inspector_sees_it(cast, item, noticed):
    notice_page = url("escalation_notice", item.pk, noticed.pk)
    official = Browser(cast.official)
    assert "已阅" in plain_text(official.get(notice_page))
    response = official.submit(url("event_read", item.pk, noticed.pk), {"next": notice_page}, form_page=notice_page)
    assert response.url == notice_page
    assert "您已于" in plain_text(official.get(notice_page))
    shown = plain_text(Browser(cast.inspector).get(notice_page))
    assert "阅读情况" in shown and "赵所长 已阅" in shown and "张主任 未阅" in shown  # the lead leader heard too
    leader = Browser(cast.leader)
    assert read(leader, item, noticed).status_code == 302  # notified of the step: a recipient too
    assert read(Browser(cast.official2), item, noticed).status_code == 404
    assert read(Browser(cast.assessor), item, noticed).status_code == 403


def test_a_notice_from_before_recipients_were_kept_is_read_by_its_units_official(cast, item):
    from workflow.models import EscalationNotice

    old = ItemEvent.objects.create(  # as an older release wrote it: the step without its recipients
        item=item,
        assignment=item.assignments.get(),
        kind=ItemEvent.Kind.ESCALATED,
        data={"level": 3},
        created_at=timezone.now(),
    )
    EscalationNotice.objects.create(event=old, organisation=cast.street, year=2030, number=1)
    assert read(Browser(cast.official), item, old).status_code == 302
    assert read(Browser(cast.leader), item, old).status_code == 403


# --- the lead leader's board --------------------------------------------------------------------------------

BOARD = {"leader": 200, "office": 404, "official": 404, "inspector": 404, "outsider": 404}


@pytest.mark.parametrize(("role", "status"), BOARD.items())
def test_the_leaders_board_is_the_lead_leaders(cast, item, role, status):
    assert Browser(cast.roles[role]).get(url("leader_board")).status_code == status


def test_the_leaders_board_lists_his_open_items_and_filters_as_the_board_does(cast, item):
    other = cast.item("他人牵头的事项", number="2.")
    other.lead_leader_post = cast.posts["committee"]
    other.save()
    sync_item_permissions(other)
    leader = Browser(cast.leader)
    rows = row_texts(leader.get(url("leader_board")))
    assert len(rows) == 1 and "完善内部制度建设" in rows[0]
    assert "他人牵头的事项" not in text(leader.get(url("leader_board")))
    assert row_texts(leader.get(url("leader_board") + "?q=不存在"))[0] == "没有符合条件的在办事项。"
    assert other.pk
    workspace = text(leader.get(url("home")))
    assert 'id="leader-board-link"' in workspace


def test_the_leaders_board_costs_the_same_for_2_and_20_items(cast, django_assert_max_num_queries):
    leader = Browser(cast.leader)
    for i in range(2):
        sync_item_permissions(cast.item(f"事项{i}", number=f"{i}.", status=ItemStatus.IN_PROGRESS))
    few = queries(leader, url("leader_board"))
    for i in range(2, 20):
        sync_item_permissions(cast.item(f"事项{i}", number=f"{i}.", status=ItemStatus.IN_PROGRESS))
    assert len(row_texts(leader.get(url("leader_board")))) == 20
    assert queries(leader, url("leader_board")) == few
    with django_assert_max_num_queries(few):
        leader.get(url("leader_board"))


def test_instructions_use_the_due_date_given(cast, item):
    due = timezone.localdate() + datetime.timedelta(days=5)
    instruct(Browser(cast.leader), item, due=due.isoformat())
    assert Instruction.objects.get().due == due


# --- an item of several units ----------------------------------------------------------------------------


@pytest.fixture
def shared(cast):
    """司法所 (赵所长) leads, 兴科社区 (钱主任) is responsible too; both at work."""
    from tests.workflow.drive import do_each
    from tests.workflow.test_units import two_unit_item

    item = two_unit_item(cast)
    do_each(item, "accept", decision="accept")
    return item


def unit_report(cast, item, user, unit: str, **data):
    from tests.workflow.test_units import do_unit

    return do_unit(user, item, "work", unit, **report_data(**data))


def test_a_instruction_on_the_whole_item_tells_every_unit_and_the_first_report_answers_it(cast, shared):
    Notification.objects.all().delete()
    instruct(Browser(cast.leader), shared)
    assert [u for u, _t in notices_of(Kind.INSTRUCTION)] == ["office", "official", "official2"]
    instruction = Instruction.objects.get()
    unit_report(cast, shared, cast.official2, "兴科社区", **{f"answer_{instruction.pk}": "兴科社区已落实"})
    instruction.refresh_from_db()
    assert (instruction.answered_by, instruction.answer) == (cast.official2, "兴科社区已落实")
    form = unit_report(cast, shared, cast.official, "司法所")  # answered: nothing asked of 司法所 now
    assert form.open_instructions == []


def test_a_instruction_on_one_units_report_is_that_units_alone(cast, shared):
    unit_report(cast, shared, cast.official2, "兴科社区")
    Notification.objects.all().delete()
    instruct(Browser(cast.committee), shared, report=shared.reports.get().pk)
    assert [u for u, _t in notices_of(Kind.INSTRUCTION)] == ["office", "official2"]
    assert "（兴科社区）" in Notification.objects.filter(recipient=cast.official2).get().title
    assert unit_report(cast, shared, cast.official, "司法所").open_instructions == []  # not 司法所's to answer
    official2 = Browser(cast.official2)
    task = [t for t in find_tasks(shared, "work") if t.owner == cast.official2][0]
    assert "待答复的领导批示" in plain_text(official2.get(url("task", task.pk)))


def find_tasks(item, name: str) -> list:
    from workflow import services

    return [t for t in services.active_task_for_item(item) if t.flow_task.name == name]


def test_a_finished_units_report_takes_no_instruction(cast, shared):
    from tests.workflow.test_units import claim

    claim(cast.official2, shared, "兴科社区")
    response = instruct(Browser(cast.committee), shared, report=shared.reports.get().pk, follow=True)
    assert messages(response) == ["该单位的任务已结束，不能再批示这次反馈。"]
    assert not Instruction.objects.exists()


def test_a_rectification_answers_the_open_instructions_too(cast):
    item = item_at(cast, "rectify")
    instruct(Browser(cast.leader), item)
    instruction = Instruction.objects.get()
    page = Browser(cast.official).submit(url("task", find_task(item, "rectify").pk), {"narrative": "已补充台账"})
    assert field_errors(page, f"answer_{instruction.pk}") == ["请在本次反馈中答复领导批示。"]
    do(cast.official, item, "rectify", narrative="已补充台账", **{f"answer_{instruction.pk}": "台账已规范"})
    instruction.refresh_from_db()
    assert instruction.answer == "台账已规范" and instruction.answer_report.kind == ProgressReport.Kind.RECTIFICATION
