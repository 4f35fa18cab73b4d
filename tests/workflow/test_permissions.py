"""Who may open which page and take which step: the permission matrix, read from tables.

An object one may not see is a 404 (its existence is not revealed); an action one may not take on
an item one sees is a 403; anonymous visitors are sent to the login page. The item is the
standard one of the cast: led by the leader, done by the official's unit (司法所), checked by the
inspector, scored by the assessor. official2 works in another unit (兴科社区), which on the
contribute rows cooperates (会办) on the item.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.datastructures import MultiValueDict
from viewflow.workflow.status import STATUS

from responsibility.models import Person
from tests.browser import Browser, url
from tests.workflow.drive import STEPS, find_task, item_at, step_data
from workflow import services

ROLES = ["anonymous", "committee", "office", "leader", "official", "official2", "inspector", "assessor", "outsider"]

LOGIN = "login"


def matrix(table: str) -> list[tuple[str, str, str]]:
    """(row, role, expected) for every cell of a table whose columns are ROLES."""
    lines = [line.split() for line in table.strip().splitlines()]
    header, rows = lines[0], lines[1:]
    assert header[1:] == ROLES, header
    return [(row[0], role, cell) for row in rows for role, cell in zip(ROLES, row[1:], strict=True)]


# GET a page. The item has been deployed and accepted and carries one evidence file; the task
# rows open the item's task at that step. Before deployment only the office and the committee see
# an item at all (部署 is the hand-over), so the deploy rows are 404 for everyone else.
# Urging is a POST-only door (405 to a GET).
PAGES = """
page                   anonymous committee office leader official official2 inspector assessor outsider
my_tasks               login     200       200    200    200      200       200       200      200
items                  login     200       200    200    200      200       200       200      200
notifications          login     200       200    200    200      200       200       200      200
item                   login     200       200    200    200      404       200       200      404
evidence               login     200       200    200    200      404       200       200      404
urge                   login     405       405    405    405      405       405       405      405
task:deploy            login     403       200    404    404      404       404       404      404
task:accept            login     403       403    403    200      404       403       403      404
task:work              login     403       403    403    200      404       403       403      404
task:decide_extension  login     403       200    403    403      404       403       403      404
task:verify            login     403       403    403    403      404       200       403      404
task:rectify           login     403       403    403    200      404       403       403      404
task:assess            login     403       403    403    403      404       403       200      404
task:contribute        login     403       403    403    403      200       403       403      404
"""

# POST a step's form (valid data), or an urge. 302 means it was done and the page went back to the
# item; every other answer means nothing changed. The lead leader urges the items he leads.
ACTIONS = """
action                 anonymous committee office leader official official2 inspector assessor outsider
deploy                 login     403       302    404    404      404       404       404      404
accept                 login     403       403    403    302      404       403       403      404
work                   login     403       403    403    302      404       403       403      404
decide_extension       login     403       302    403    403      404       403       403      404
verify                 login     403       403    403    403      404       302       403      404
rectify                login     403       403    403    302      404       403       403      404
assess                 login     403       403    403    403      404       403       302      404
contribute             login     403       403    403    403      302       403       403      404
urge                   login     403       302    302    403      404       302       403      404
"""


@pytest.fixture
def browser_for(cast):
    def make(role: str) -> Browser:
        return Browser() if role == "anonymous" else Browser(cast.roles[role])

    return make


def assert_answer(response, expected: str) -> None:
    if expected == LOGIN:
        assert response.status_code == 302, response.status_code
        assert response["Location"].startswith("/login/?next="), response["Location"]
    else:
        assert response.status_code == int(expected)


def page_url(cast, page: str) -> str:
    if page.startswith("task:"):
        step = page.removeprefix("task:")
        return url("task", find_task(item_at(cast, step), step).pk)
    if page in ("my_tasks", "items", "notifications"):
        return url(page)
    item = item_at(cast, "work")
    if page == "evidence":
        files = MultiValueDict(
            {"evidence": [SimpleUploadedFile("台账.pdf", b"%PDF-1.4", content_type="application/pdf")]}
        )
        services.complete(cast.official, find_task(item, "work").pk, step_data(cast, "work"), files)
        return url("evidence", item.reports.get().evidence.get().pk)
    return url(page, item.pk)


def test_the_tables_cover_every_role_page_and_step():
    assert {row for row, _r, _e in matrix(PAGES)} == {
        "my_tasks",
        "items",
        "notifications",
        "item",
        "evidence",
        "urge",
        *(f"task:{s}" for s in STEPS),
    }
    assert {row for row, _r, _e in matrix(ACTIONS)} == {*STEPS, "urge"}


@pytest.mark.usefixtures("media")
@pytest.mark.parametrize(("page", "role", "expected"), matrix(PAGES))
def test_opening_a_page(cast, browser_for, page, role, expected):
    response = browser_for(role).get(page_url(cast, page))
    assert_answer(response, expected)


@pytest.mark.parametrize(("action", "role", "expected"), matrix(ACTIONS))
def test_taking_a_step(cast, browser_for, action, role, expected):
    if action == "urge":
        _assert_urge(cast, browser_for(role), expected)
        return
    item = item_at(cast, action)
    task = find_task(item, action)
    status = item.status

    response = browser_for(role).submit(url("task", task.pk), step_data(cast, action))

    assert_answer(response, expected)
    task.refresh_from_db()
    item.refresh_from_db()
    if expected == "302":
        assert response["Location"] == url("item", item.pk)
        assert task.status == STATUS.DONE
    else:
        assert task.status in services.ACTIVE and item.status == status


def _assert_urge(cast, browser, expected):
    item = item_at(cast, "work")
    response = browser.submit(url("urge", item.pk), {"note": "请尽快报送进度"})
    assert_answer(response, expected)
    urged = item.events.filter(kind="urged").exists()
    assert urged == (expected == "302")


# What each role finds in the lists: the responsibility list shows only the items one may see.

LISTED = {
    "committee": True,
    "office": True,
    "leader": True,
    "official": True,
    "official2": False,
    "inspector": True,
    "assessor": True,
    "outsider": False,
}


@pytest.mark.parametrize(("role", "listed"), LISTED.items())
def test_the_responsibility_list_shows_only_visible_items(cast, browser_for, role, listed):
    item = item_at(cast, "work")
    page = browser_for(role).get(url("items")).content.decode()
    assert (f'href="{url("item", item.pk)}"' in page) is listed


# The task each role finds on its my-tasks page, step by step.
MY_TASKS = {
    "deploy": {"office"},
    "accept": {"official"},
    "work": {"official"},
    "decide_extension": {"office"},
    "verify": {"inspector"},
    "rectify": {"official"},
    "assess": {"assessor"},
    "contribute": {"official2"},
}


@pytest.mark.parametrize(("step", "holders"), MY_TASKS.items())
def test_a_step_is_on_the_my_tasks_page_of_its_holders_only(cast, browser_for, step, holders):
    item = item_at(cast, step)
    link = f'href="{url("task", find_task(item, step).pk)}"'
    for role in cast.roles:
        page = browser_for(role).get(url("my_tasks")).content.decode()
        assert (link in page) is (role in holders), role


# 人走事不断: a post changes hands, the open work follows the post.


@pytest.fixture
def successor():
    return Person.objects.create_user(username="successor", password="x", full_name="郑接任")


# (the post handed over, the step open at the time); the previous holder is the cast's person of that role.
HAND_OVERS = [
    ("official", "accept"),
    ("official", "work"),
    ("official", "rectify"),
    ("inspector", "verify"),
    ("assessor", "assess"),
]


@pytest.mark.parametrize(("post", "step"), HAND_OVERS)
def test_after_a_hand_over_the_successor_has_the_item_and_its_open_task(cast, successor, post, step):
    item = item_at(cast, step)
    task = find_task(item, step)

    services.hand_over(cast.posts[post], successor, by=cast.office)

    new = Browser(successor)
    assert new.get(url("item", item.pk)).status_code == 200
    assert f'href="{url("task", task.pk)}"' in new.get(url("my_tasks")).content.decode()
    assert new.get(url("task", task.pk)).status_code == 200
    response = new.submit(url("task", task.pk), step_data(cast, step))
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == STATUS.DONE and task.owner == successor


@pytest.mark.parametrize(("post", "step"), HAND_OVERS)
def test_after_a_hand_over_the_previous_holder_loses_the_item_and_the_task(cast, successor, post, step):
    item = item_at(cast, step)
    task = find_task(item, step)
    previous = cast.roles[post]

    services.hand_over(cast.posts[post], successor, by=cast.office)

    old = Browser(previous)
    assert old.get(url("item", item.pk)).status_code == 404
    assert f'href="{url("task", task.pk)}"' not in old.get(url("my_tasks")).content.decode()
    assert old.get(url("task", task.pk)).status_code == 404
    assert old.submit(url("task", task.pk), step_data(cast, step)).status_code == 404
    task.refresh_from_db()
    assert task.status in services.ACTIVE
    with pytest.raises(services.TaskUnavailable, match="郑接任"):
        services.complete(previous, task.pk, step_data(cast, step), {})


def test_a_hand_over_is_on_the_items_timeline(cast, successor):
    item = item_at(cast, "work")
    services.hand_over(cast.posts["official"], successor, by=cast.office)
    page = Browser(cast.office).get(url("item", item.pk)).content.decode()
    assert "人员交接" in page and "司法所所长 由 赵所长 移交给 郑接任" in page


@pytest.mark.parametrize(("post", "step"), HAND_OVERS)
def test_when_a_vacant_post_is_filled_the_new_holder_gets_the_open_task(cast, successor, post, step):
    item = item_at(cast, step)
    task = find_task(item, step)

    services.hand_over(cast.posts[post], None, by=cast.office)
    services.hand_over(cast.posts[post], successor, by=cast.office)

    new = Browser(successor)
    assert f'href="{url("task", task.pk)}"' in new.get(url("my_tasks")).content.decode()
    assert new.submit(url("task", task.pk), step_data(cast, step)).status_code == 302


def test_a_task_created_while_the_post_stood_empty_goes_to_its_new_holder(cast, successor):
    item = item_at(cast, "work")
    services.hand_over(cast.posts["inspector"], None, by=cast.office)
    services.complete(cast.official, find_task(item, "work").pk, {**step_data(cast, "work"), "action": "claim"}, {})
    verify = find_task(item, "verify")
    assert verify.owner is None

    services.hand_over(cast.posts["inspector"], successor, by=cast.office)

    assert f'href="{url("task", verify.pk)}"' in Browser(successor).get(url("my_tasks")).content.decode()
    verify.refresh_from_db()
    assert verify.owner == successor
