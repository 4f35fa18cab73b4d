"""Batch work: deploy, accept and urge several items at once, through a confirmation page, all or nothing."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from responsibility.models import ItemEvent, ItemStatus, Post, ResponsibilityItem, WorkPlan
from tests.browser import Browser, messages, plain_text, queries, row_texts, text, url
from tests.workflow.drive import deploy_data, do, find_task, item_at
from workflow import services
from workflow.models import Notification

pytestmark = pytest.mark.usefixtures("media")


def launched(cast, n: int, start: int = 1) -> list[ResponsibilityItem]:
    items = [cast.item(f"批量事项{i}", number=f"{i}.") for i in range(start, start + n)]
    for item in items:
        services.launch(item, cast.office)
        item.refresh_from_db()
    return items


def deployed(cast, n: int, start: int = 1) -> list[ResponsibilityItem]:
    items = launched(cast, n, start)
    for item in items:
        do(cast.office, item, "deploy", **deploy_data(cast, item))
    return items


def task_ids(items, step: str) -> list[int]:
    return [find_task(item, step).pk for item in items]


def picked(path: str, field: str, pks: list[int]) -> str:
    return f"{path}?{urlencode([(field, pk) for pk in pks])}"


def deploy_url(tasks: list[int]) -> str:
    return picked(url("batch_deploy"), "task", tasks)


def accept_url(tasks: list[int]) -> str:
    return picked(url("batch_accept"), "task", tasks)


def urge_url(items) -> str:
    return picked(url("batch_urge"), "item", [item.pk for item in items])


def statuses(items) -> list[str]:
    return [ResponsibilityItem.objects.get(pk=item.pk).status for item in items]


SETTINGS = {"deadline": "2030-10-31", "report_cadence": "monthly", "report_day": "28"}


def deploy_settings(cast, tasks: list[int], **extra) -> dict:
    return {"task": tasks, **SETTINGS, **extra}


# --- 批量部署 ------------------------------------------------------------------------------------


def test_the_office_deploys_three_items_with_shared_settings_after_checking_each(cast):
    office = Browser.log_in(cast.office)
    items = launched(cast, 3)
    tasks = task_ids(items, "deploy")

    page = office.get(deploy_url(tasks))
    assert page.status_code == 200
    shown = plain_text(page)
    assert all(item.title in shown for item in items)
    assert 'class="choices searchable"' in text(page) and "js/choices.js" in text(page)
    assert not re.search(r'<input[^>]*name="(points|deadline|report_day)"[^>]*value=', text(page)), "nothing preset"

    data = deploy_settings(cast, tasks, responsible_units=[cast.justice.pk, cast.community.pk], note="请按月报送")
    confirm = office.submit(url("batch_deploy"), data, form_page=deploy_url(tasks))
    assert confirm.status_code == 200
    rows = row_texts(confirm)
    assert len(rows) == 3
    for row, item in zip(rows, items, strict=True):
        assert item.title in row
        assert "交办给：司法所（牵头 · 赵所长）、兴科社区（责任 · 钱主任）" in row
        assert "完成时限：2030年10月31日；汇报频次：每月" in row
    assert "统一设置" in plain_text(confirm) and "2030年10月31日" in plain_text(confirm)
    assert statuses(items) == [ItemStatus.DEPLOYING] * 3, "the confirmation page changes nothing"

    done = office.submit(url("batch_deploy"), {**data, "confirm": "1"}, form_page=deploy_url(tasks), follow=True)
    assert done.redirect_chain[-1] == (url("my_tasks"), 302)
    assert "已部署交办 3 项。" in messages(done)
    for item in items:
        item.refresh_from_db()
        assert item.status == ItemStatus.ACCEPTING
        assert item.deadline == datetime.date(2030, 10, 31) and item.report_cadence == "monthly"
        assert item.report_day == 28 and item.points == Decimal(10), "points not set: the item's own"
        assert sorted(item.assignments.values_list("unit__name", flat=True)) == ["兴科社区", "司法所"]
        assert item.events.filter(kind=ItemEvent.Kind.DEPLOYED, note="请按月报送").count() == 1
        assert item.indicators.count() == 1, "its own indicator is kept"


def test_settings_left_empty_keep_each_items_own(cast):
    office = Browser.log_in(cast.office)
    first, second = launched(cast, 2)
    ResponsibilityItem.objects.filter(pk=second.pk).update(deadline=datetime.date(2030, 6, 30))
    tasks = task_ids([first, second], "deploy")
    done = office.submit(url("batch_deploy"), {"task": tasks, "confirm": "1"}, form_page=deploy_url(tasks))
    assert done.status_code == 302
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.deadline, second.deadline) == (datetime.date(2030, 12, 31), datetime.date(2030, 6, 30))
    assert first.status == second.status == ItemStatus.ACCEPTING


def test_an_item_that_cannot_be_deployed_is_listed_with_its_reason_and_nothing_is_done(cast):
    office = Browser.log_in(cast.office)
    items = launched(cast, 3)
    ResponsibilityItem.objects.filter(pk=items[1].pk).update(responsible_post=None)
    tasks = task_ids(items, "deploy")
    confirm = office.submit(url("batch_deploy"), deploy_settings(cast, tasks), form_page=deploy_url(tasks))
    rows = row_texts(confirm)
    assert "无法办理" in rows[1] and "责任人岗位：这个字段是必填项。" in rows[1]
    assert "无法办理" not in rows[0] + rows[2]
    assert "1 项无法办理" in plain_text(confirm)
    assert 'name="confirm"' not in text(confirm), "no button to confirm a batch that cannot be done"

    forced = office.submit(url("batch_deploy"), {**deploy_settings(cast, tasks), "confirm": "1"})
    assert forced.status_code == 409
    assert "有事项无法办理，未执行任何操作。" in messages(forced)
    assert statuses(items) == [ItemStatus.DEPLOYING] * 3
    assert not ItemEvent.objects.filter(kind=ItemEvent.Kind.DEPLOYED).exists()


def test_an_item_deployed_meanwhile_rolls_the_whole_batch_back(cast):
    """The last item (in lock order) fails after the first two were deployed in the same transaction."""
    office = Browser.log_in(cast.office)
    items = launched(cast, 3)
    tasks = task_ids(items, "deploy")
    confirm = office.submit(url("batch_deploy"), deploy_settings(cast, tasks), form_page=deploy_url(tasks))
    assert "无法办理" not in plain_text(confirm)
    do(cast.office, items[2], "deploy", **deploy_data(cast, items[2]))

    late = office.submit(url("batch_deploy"), {**deploy_settings(cast, tasks), "confirm": "1"})
    assert late.status_code == 409
    assert "该任务已由他人办理完毕，无需重复提交。" in row_texts(late)[2]
    assert statuses(items[:2]) == [ItemStatus.DEPLOYING] * 2
    assert ItemEvent.objects.filter(kind=ItemEvent.Kind.DEPLOYED).count() == 1
    assert not Notification.objects.filter(item__in=items[:2]).exists()


def test_a_bad_shared_setting_is_shown_under_its_field(cast):
    office = Browser.log_in(cast.office)
    tasks = task_ids(launched(cast, 2), "deploy")
    page = office.submit(
        url("batch_deploy"), {"task": tasks, "deadline": "2030-10-31", "ongoing": "on"}, form_page=deploy_url(tasks)
    )
    assert page.status_code == 200
    assert "长期坚持的事项不设完成时限。" in plain_text(page)
    assert "下一步：核对每项" in plain_text(page)


def test_a_task_that_is_not_a_deploy_is_refused_with_its_step(cast):
    office = Browser.log_in(cast.office)
    waiting = launched(cast, 1)[0]
    sent_on = deployed(cast, 1, start=5)[0]
    tasks = [find_task(waiting, "deploy").pk, find_task(sent_on, "accept").pk]
    # The office sees the item; the 签收 is not its step (it is the official's, and not a deploy).
    page = office.get(deploy_url(tasks))
    assert page.status_code == 200
    assert "该待办是“签收”，不能在此批量办理。" in row_texts(page)[1]


# --- 批量签收 ------------------------------------------------------------------------------------


def test_the_official_accepts_three_tasks_after_confirming(cast):
    official = Browser.log_in(cast.official)
    items = deployed(cast, 3)
    tasks = task_ids(items, "accept")
    page = official.get(url("my_tasks"))
    assert "批量签收" in plain_text(page)
    assert all(f'name="task" value="{pk}"' in text(page) for pk in tasks)

    confirm = official.get(accept_url(tasks))
    assert confirm.status_code == 200
    assert [("司法所 签收，转为“办理中”。" in row) for row in row_texts(confirm)] == [True] * 3
    assert statuses(items) == [ItemStatus.ACCEPTING] * 3

    done = official.submit(url("batch_accept"), {"task": tasks, "confirm": "1"}, form_page=accept_url(tasks))
    assert done.status_code == 302
    assert statuses(items) == [ItemStatus.IN_PROGRESS] * 3
    assert ItemEvent.objects.filter(kind=ItemEvent.Kind.ACCEPTED, actor=cast.official).count() == 3


def test_a_task_accepted_meanwhile_is_listed_and_nothing_is_accepted(cast):
    official = Browser.log_in(cast.official)
    items = deployed(cast, 3)
    tasks = task_ids(items, "accept")
    do(cast.official, items[0], "accept", decision="accept")
    page = official.get(accept_url(tasks))
    assert "该任务已由他人办理完毕，无需重复提交。" in row_texts(page)[0]
    forced = official.submit(url("batch_accept"), {"task": tasks, "confirm": "1"}, form_page=accept_url(tasks))
    assert forced.status_code == 409
    assert statuses(items[1:]) == [ItemStatus.ACCEPTING] * 2


def test_nothing_picked_goes_back_with_a_message(cast):
    official = Browser.log_in(cast.official)
    page = official.get(url("batch_accept") + "?task=abc", follow=True)
    assert "请先勾选要批量办理的事项。" in messages(page)


# --- permissions: the same answers as the single pages --------------------------------------------

ACCEPT_RIGHTS = {"outsider": 404, "official2": 404, "office": 403, "inspector": 403, "official": 200}
DEPLOY_RIGHTS = {"outsider": 404, "official": 404, "official2": 404, "committee": 403, "office": 200}
URGE_RIGHTS = {"outsider": 404, "official2": 404, "official": 403, "committee": 403, "inspector": 200, "office": 200}


@pytest.mark.parametrize("role", list(ACCEPT_RIGHTS))
def test_who_may_accept_in_batch(cast, role):
    items = deployed(cast, 2)
    tasks = task_ids(items, "accept")
    browser = Browser(cast.roles[role])
    assert browser.get(accept_url(tasks)).status_code == ACCEPT_RIGHTS[role]
    posted = browser.submit(url("batch_accept"), {"task": tasks, "confirm": "1"}, form_page=url("my_tasks"))
    assert posted.status_code == (302 if role == "official" else ACCEPT_RIGHTS[role])
    expected = ItemStatus.IN_PROGRESS if role == "official" else ItemStatus.ACCEPTING
    assert statuses(items) == [expected] * 2


@pytest.mark.parametrize("role", list(DEPLOY_RIGHTS))
def test_who_may_deploy_in_batch(cast, role):
    items = launched(cast, 2)
    tasks = task_ids(items, "deploy")
    browser = Browser(cast.roles[role])
    assert browser.get(deploy_url(tasks)).status_code == DEPLOY_RIGHTS[role]
    data = {**deploy_settings(cast, tasks), "confirm": "1"}
    posted = browser.submit(url("batch_deploy"), data, form_page=url("my_tasks"))
    assert posted.status_code == (302 if role == "office" else DEPLOY_RIGHTS[role])
    expected = ItemStatus.ACCEPTING if role == "office" else ItemStatus.DEPLOYING
    assert statuses(items) == [expected] * 2


@pytest.mark.parametrize("role", list(URGE_RIGHTS))
def test_who_may_urge_in_batch(cast, role):
    items = deployed(cast, 2)
    browser = Browser(cast.roles[role])
    assert browser.get(urge_url(items)).status_code == URGE_RIGHTS[role]
    data = {"item": [item.pk for item in items], "note": "请尽快推进"}
    posted = browser.submit(url("batch_urge"), data, form_page=url("my_tasks"))
    allowed = URGE_RIGHTS[role] == 200
    assert posted.status_code == (302 if allowed else URGE_RIGHTS[role])
    assert ItemEvent.objects.filter(kind=ItemEvent.Kind.URGED).count() == (2 if allowed else 0)


def test_one_item_one_may_not_see_makes_the_batch_a_404_and_names_nothing(cast):
    """An official picks his own task and another unit's: the page lists neither."""
    mine = deployed(cast, 1)[0]
    other = cast.item("兴科社区的事项", number="9.")
    other.responsible_post = cast.posts["official2"]
    other.save()
    services.launch(other, cast.office)
    do(
        cast.office,
        other,
        "deploy",
        **deploy_data(
            cast,
            other,
            lead_unit=cast.community.pk,
            responsible_units=[cast.community.pk],
            responsible_post=cast.posts["official2"].pk,
        ),
    )
    official = Browser(cast.official)
    page = official.get(accept_url([find_task(mine, "accept").pk, find_task(other, "accept").pk]))
    assert page.status_code == 404
    assert "兴科社区的事项" not in text(page)


# --- 批量催办 ------------------------------------------------------------------------------------


def test_the_inspector_urges_three_items_from_the_board(cast):
    inspector = Browser.log_in(cast.inspector)
    items = deployed(cast, 3)
    board = inspector.get(url("board"))
    assert "批量催办" in plain_text(board)
    assert all(f'name="item" value="{item.pk}"' in text(board) for item in items)

    confirm = inspector.get(urge_url(items))
    assert [("通知：赵所长" in row) for row in row_texts(confirm)] == [True] * 3
    assert not ItemEvent.objects.filter(kind=ItemEvent.Kind.URGED).exists()

    data = {"item": [item.pk for item in items], "note": "请本周内报送进度"}
    empty = inspector.submit(url("batch_urge"), {**data, "note": ""}, form_page=urge_url(items))
    assert "请填写催办内容。" in messages(empty)
    assert not ItemEvent.objects.filter(kind=ItemEvent.Kind.URGED).exists()

    done = inspector.submit(url("batch_urge"), data, form_page=urge_url(items), follow=True)
    assert "已催办 3 项，责任人将收到通知。" in messages(done)
    urged = Notification.objects.filter(kind=Notification.Kind.URGE, recipient=cast.official)
    assert sorted(urged.values_list("item", flat=True)) == sorted(item.pk for item in items)
    assert ItemEvent.objects.filter(kind=ItemEvent.Kind.URGED, note="请本周内报送进度").count() == 3


def test_an_item_that_cannot_be_urged_is_listed_and_nobody_is_told(cast):
    inspector = Browser.log_in(cast.inspector)
    items = deployed(cast, 2)
    vacant = items[1]
    Post.objects.filter(pk=cast.posts["official"].pk).update(holder=None)
    page = inspector.get(urge_url(items))
    assert all("该事项的责任岗位暂无在岗人员，无法催办。" in row for row in row_texts(page))
    Post.objects.filter(pk=cast.posts["official"].pk).update(holder=cast.official)
    ResponsibilityItem.objects.filter(pk=vacant.pk).update(status=ItemStatus.CLOSED)
    page = inspector.get(urge_url(items))
    rows = row_texts(page)
    assert "该事项已办结，无需催办。" in rows[1] and "通知：赵所长" in rows[0]
    forced = inspector.submit(url("batch_urge"), {"item": [i.pk for i in items], "note": "催"}, form_page=url("board"))
    assert forced.status_code == 409
    assert not Notification.objects.filter(kind=Notification.Kind.URGE).exists()
    assert not ItemEvent.objects.filter(kind=ItemEvent.Kind.URGED).exists()


# --- what the pages cost -------------------------------------------------------------------------


# The pages read the tasks (with their processes), the items one may see among them, the items and
# their units' parts, the headings above them, and the rights they need, once for all; with the
# session, the user, his rights, the organisations his roles reach (one query) and the header's counts.
ACCEPT_PAGE_CAP = 13
URGE_PAGE_CAP = 10
DEPLOY_PAGE_CAP = 17


def test_the_batch_accept_page_costs_the_same_for_2_and_6_tasks(cast):
    official = Browser(cast.official)
    items = deployed(cast, 2)
    few = queries(official, accept_url(task_ids(items, "accept")))
    items += deployed(cast, 4, start=3)
    many = queries(official, accept_url(task_ids(items, "accept")))
    assert few == many <= ACCEPT_PAGE_CAP, many


def test_the_batch_urge_page_costs_the_same_for_2_and_6_items(cast):
    inspector = Browser(cast.inspector)
    items = deployed(cast, 2)
    few = queries(inspector, urge_url(items))
    items += deployed(cast, 4, start=3)
    many = queries(inspector, urge_url(items))
    assert few == many <= URGE_PAGE_CAP, many


def test_the_batch_deploy_page_costs_the_same_for_2_and_6_items(cast):
    office = Browser(cast.office)
    items = launched(cast, 2)
    few = queries(office, deploy_url(task_ids(items, "deploy")))
    items += launched(cast, 4, start=3)
    many = queries(office, deploy_url(task_ids(items, "deploy")))
    assert few == many <= DEPLOY_PAGE_CAP, many


def test_the_board_with_its_check_boxes_costs_the_same_for_2_and_6_items(cast):
    inspector = Browser(cast.inspector)
    deployed(cast, 2)
    few = queries(inspector, url("board"))
    deployed(cast, 4, start=3)
    many = queries(inspector, url("board"))
    assert few == many


# --- the single deploy form: rows on demand, without scripts too ---------------------------------


def test_add_a_row_without_scripts_shows_the_form_again_with_one_more_row(cast):
    office = Browser.log_in(cast.office)
    item = item_at(cast, "deploy")
    task = find_task(item, "deploy")
    data = {**deploy_data(cast, item), "target": "改过的目标", "add_row": "milestones"}
    page = office.submit(url("task", task.pk), data)
    assert page.status_code == 200
    html = text(page)
    assert 'name="milestones-0-title"' in html and 'name="milestones-1-title"' not in html
    assert 'name="milestones-TOTAL_FORMS" value="1"' in html
    assert "改过的目标" in html, "what was typed stays"
    assert 'class="error"' not in html, "no errors before the form is submitted"
    item.refresh_from_db()
    assert item.status == ItemStatus.DEPLOYING


# Checking each item by its own deploy form reads that item's units, groups, rows and chosen posts:
# the confirmation of a batch deploy costs a fixed number of queries per item, the same for each.
DEPLOY_CHECK_PER_ITEM = 9


def test_the_batch_deploy_confirmation_costs_the_same_for_each_item(cast):
    office = Browser.log_in(cast.office)
    items = launched(cast, 6)
    tasks = task_ids(items, "deploy")

    def cost(n: int) -> int:
        data = {**deploy_settings(cast, tasks[:n]), "csrfmiddlewaretoken": office.client.cookies["csrftoken"].value}
        office.client.post(url("batch_deploy"), data)
        with CaptureQueriesContext(connection) as ctx:
            assert office.client.post(url("batch_deploy"), data).status_code == 200
        return len(ctx)

    office.get(deploy_url(tasks))
    two, four, six = cost(2), cost(4), cost(6)
    assert six - four == four - two, (two, four, six)
    assert (four - two) / 2 <= DEPLOY_CHECK_PER_ITEM, (two, four, six)


def test_the_board_offers_batch_urging_only_to_those_who_may_urge(cast):
    deployed(cast, 2)
    assert "批量催办" in plain_text(Browser(cast.inspector).get(url("board")))
    committee = Browser(cast.committee).get(url("board"))
    assert committee.status_code == 200 and "批量催办" not in plain_text(committee)
    assert 'name="item"' not in text(committee)


def test_more_than_fifty_at_once_are_refused_with_a_message(cast):
    office = Browser.log_in(cast.office)
    page = office.get(deploy_url(list(range(1, 52))), follow=True)
    assert "一次最多批量办理 50 项，请分批办理。" in messages(page)
    assert page.redirect_chain[-1] == (url("my_tasks"), 302)


def test_the_import_review_edit_page_uses_the_same_searchable_unit_boxes(cast):
    WorkPlan.objects.filter(pk=cast.plan.pk).update(status=WorkPlan.Status.DRAFT)
    item = cast.item()
    page = Browser.log_in(cast.office).get(reverse("plans:item_edit", args=[item.pk]))
    assert page.status_code == 200
    assert 'class="choices searchable"' in text(page) and "js/choices.js" in text(page)
