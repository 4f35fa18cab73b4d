"""我的待办 a page at a time, on the site, in the API and in the workspace: the tasks are cut, filtered
and counted in the database, so a page costs the same whatever the size of the office's pool."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from responsibility.models import ResponsibilityItem
from tests.api.conftest import token_client
from tests.api.helpers import url
from tests.browser import Browser, queries, text
from tests.cast import build_cast
from tests.workflow.drive import do, find_task, item_at
from tests.workspace.page import block, block_text
from workflow import lists, services, task_lists, workspace

TASKS = "/tasks/"


def pool(cast, n: int, start: int = 0) -> list[ResponsibilityItem]:
    """``n`` items waiting for the office's deploy (its pool), oldest first."""
    items = [cast.item(f"待部署{i:02d}", number=f"{i}.") for i in range(start, start + n)]
    for item in items:
        services.launch(item, cast.office)
    return items


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(lists, "PAGE_SIZE", 2)


def titles(response) -> list[str]:
    return [t for t in (f"待部署{i:02d}" for i in range(20)) if t in text(response)]


def test_my_tasks_come_a_page_at_a_time_oldest_first(cast, small_pages):
    pool(cast, 3)
    office = Browser(cast.office)
    assert titles(office.get(TASKS)) == ["待部署00", "待部署01"]
    assert titles(office.get(TASKS + "?page=2")) == ["待部署02"]


def test_my_tasks_filter_by_step_and_words_in_the_database(cast, small_pages):
    pool(cast, 3)
    extension = item_at(cast, "decide_extension", title="申请延期的事项")
    office = Browser(cast.office)
    page = office.get(TASKS + "?step=decide_extension")
    assert "申请延期的事项" in text(page) and titles(page) == []
    assert titles(office.get(TASKS + "?q=待部署01")) == ["待部署01"]
    assert titles(office.get(TASKS + "?step=deploy&q=2")) == ["待部署02"]
    assert "没有符合条件的待办" in text(office.get(TASKS + "?step=no_such_step"))
    # The filter offers the steps waiting, each once.
    options = text(office.get(TASKS))
    assert options.count('<option value="deploy"') == 1 and options.count('<option value="decide_extension"') == 1
    assert extension.pk


def test_my_tasks_page_costs_the_same_for_a_small_and_a_large_pool(cast, small_pages):
    pool(cast, 3)
    office = Browser(cast.office)
    few = queries(office, TASKS)
    pool(cast, 9, start=3)
    assert queries(office, TASKS) == few
    assert queries(office, TASKS + "?page=3") == few


def test_the_api_lists_my_tasks_a_page_at_a_time(cast):
    pool(cast, 3)
    client = token_client(cast.office)
    first = client.get(url("tasks") + "?page_size=2").json()
    assert first["count"] == 3 and first["next"] and first["previous"] is None
    assert [row["item"]["title"] for row in first["results"]] == ["待部署00", "待部署01"]
    second = client.get(first["next"]).json()
    assert [row["item"]["title"] for row in second["results"]] == ["待部署02"] and second["next"] is None
    assert client.get(url("tasks") + "?page=9").status_code == 404


def test_the_api_task_list_costs_the_same_for_a_small_and_a_large_pool(cast):
    pool(cast, 3)
    client = token_client(cast.office)
    few = queries(client, url("tasks") + "?page_size=2")
    pool(cast, 9, start=3)
    assert queries(client, url("tasks") + "?page_size=2") == few


def test_the_office_workspace_shows_the_first_tasks_and_counts_them_all(cast, monkeypatch):
    monkeypatch.setattr(workspace, "SHOWN", 2)
    pool(cast, 3)
    sent_back = item_at(cast, "accept", title="被退回的事项")
    do(cast.official, sent_back, "accept", decision="send_back", reason="不属于本单位职责")
    page = Browser(cast.office).get("/")
    deploy = block_text(page, "office-deploy")
    assert "待部署00" in deploy and "待部署01" in deploy and "待部署02" not in deploy
    assert "全部 3 项" in text(page) and "被退回的事项" not in deploy
    assert "被退回的事项" in block_text(page, "office-sent-back")
    assert "我的待办 4 项" in text(page)
    # A unit's send-back waits at 重新交办, listed under 被退回待重新部署 with its link.
    redeploy = reverse("workflow:task", args=[find_task(sent_back, "redeploy").pk])
    assert f'href="{redeploy}"' in block(page, "office-sent-back")


def test_the_workspace_costs_the_same_for_a_small_and_a_large_pool(cast, monkeypatch):
    monkeypatch.setattr(workspace, "SHOWN", 2)
    pool(cast, 3)
    office = Browser(cast.office)
    few = queries(office, "/")
    pool(cast, 9, start=3)
    assert queries(office, "/") == few


def test_tasks_by_due_date_put_the_soonest_first_and_undated_last(cast):
    later, sooner = item_at(cast, "work", title="晚"), item_at(cast, "work", title="早")
    undated = item_at(cast, "work", title="无期限")
    today = timezone.localdate()
    for item, days in ((later, 30), (sooner, 3)):
        ResponsibilityItem.objects.filter(pk=item.pk).update(due_by=today + datetime.timedelta(days=days))
        item.assignments.update(due_by=today + datetime.timedelta(days=days))
    ResponsibilityItem.objects.filter(pk=undated.pk).update(due_by=None, deadline=None, ongoing=True)
    undated.assignments.update(due_by=None, deadline=None)
    ordered = task_lists.by_due_date(task_lists.of_steps(services.my_tasks(cast.official).all, "work"))
    assert [row.item.title for row in services.with_items(ordered)] == ["早", "晚", "无期限"]


@pytest.mark.parametrize("step", ["deploy", "accept", "work", "verify", "rectify", "assess", "contribute"])
def test_every_step_of_an_item_holds_its_item_as_the_key_my_tasks_reads(cast, step):
    # My tasks tell a task's item by the task's own permission object, not by joining its process:
    # every human step of an item must carry it.
    item = item_at(cast, step)
    open_steps = services.active_task_for_item(item)
    assert open_steps.exists()
    for task in open_steps:
        assert task.owner_permission_obj_pk == str(item.pk) == str(task.process.artifact_object_id)
        assert task.flow_task in services.item_steps()


def test_the_office_pool_counts_and_lists_only_its_own_organisations_deploy_steps(cast):
    ours = pool(cast, 2)
    other = build_cast(prefix="b-", street_name="龙溪街道")
    theirs = other.item("他们的待部署事项")
    services.launch(theirs, other.office)
    for office, items in ((cast.office, ours), (other.office, [theirs])):
        tasks = services.my_tasks(office)
        assert task_lists.total(task_lists.counts(tasks.all), "deploy") == len(items)
        assert {row.item.pk for row in services.with_items(tasks)} == {item.pk for item in items}


def test_held_tasks_and_the_pool_are_listed_together_oldest_first_across_pages(cast, small_pages):
    # The office's own decision (an extension, held) falls between its pool's deploy steps: the
    # pages merge the two parts in one order, in the page, the API and the part's iteration.
    pool(cast, 2)
    item_at(cast, "decide_extension", title="申请延期的事项")
    pool(cast, 2, start=2)
    order = ["待部署00", "待部署01", "申请延期的事项", "待部署02", "待部署03"]
    office = Browser(cast.office)
    shown = []
    for page in (1, 2, 3):
        body = text(office.get(f"{TASKS}?page={page}"))
        shown.append([title for title in order if title in body])
    assert shown == [order[0:2], order[2:4], order[4:]]
    listed = [row.item.title for row in services.with_items(services.my_tasks(cast.office))]
    assert listed == order
    first = token_client(cast.office).get(url("tasks") + "?page_size=3&page=2").json()
    assert first["count"] == 5 and [row["item"]["title"] for row in first["results"]] == order[3:]


def test_whom_deploys_on_no_plan_has_no_pool_to_ask_for(cast, django_assert_num_queries):
    pool(cast, 2)
    _held, office_pool = services.my_tasks(cast.office).parts
    assert len(list(office_pool)) == 2
    for person in (cast.committee, cast.official):
        _held, nothing = services.my_tasks(person).parts
        with django_assert_num_queries(0):
            assert list(nothing) == []
