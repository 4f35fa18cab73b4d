"""An item of several units (分办) through the API: every unit's part on the item, each official's
steps on his own unit's part, and his tasks named by their unit."""

import datetime

import pytest

from responsibility.models import Assignment
from tests.api.helpers import post_report, url
from tests.workflow.drive import do_each
from tests.workflow.test_units import claim, two_unit_item


@pytest.fixture
def item(cast):
    item = two_unit_item(cast)
    do_each(item, "accept", decision="accept")
    return item


def parts(body) -> dict[str, dict]:
    return {a["unit"]["name"]: a for a in body["assignments"]}


def test_the_item_lists_every_units_part_with_its_official(cast, api, item, media):
    post_report(api("official"), item)

    body = api("official2").get(url("item", item.pk)).json()

    justice, community = parts(body)["司法所"], parts(body)["兴科社区"]
    assert [a["unit"]["name"] for a in body["assignments"]] == ["司法所", "兴科社区"]
    assert (justice["role"], justice["role_label"], community["role_label"]) == ("lead", "牵头", "责任")
    assert justice["post"]["title"] == "司法所所长" and justice["post"]["holder"]["name"] == "赵所长"
    assert community["post"]["holder"]["name"] == "钱主任" and community["home_post"] is None
    assert (justice["percent_done"], community["percent_done"]) == (60, 0)
    assert justice["status"] == community["status"] == "in_progress" and justice["status_label"] == "办理中"
    assert justice["deadline"] == "2030-12-31" and justice["days_overdue"] == 0
    assert (justice["mine"], community["mine"]) == (False, True)


def test_a_late_unit_shows_its_own_days_overdue(cast, api, item):
    Assignment.objects.filter(item=item, unit=cast.community).update(
        deadline=datetime.date.today() - datetime.timedelta(days=12)
    )

    body = api("office").get(url("item", item.pk)).json()

    assert (parts(body)["兴科社区"]["days_overdue"], parts(body)["司法所"]["days_overdue"]) == (12, 0)
    assert not any(a["mine"] for a in body["assignments"])  # the office holds no unit's post


def test_a_units_claim_leaves_the_other_unit_working(cast, api, item, media):
    response = post_report(api("official2"), item, {"narrative": "社区部分完成"}, name="claim")

    assert response.status_code == 201, response.json()
    statuses = dict(item.assignments.values_list("unit__name", "status"))
    assert statuses == {"司法所": "in_progress", "兴科社区": "claimed"}
    assert response.json()["report"]["author"] == "钱主任"


def test_a_unit_past_the_step_is_told_its_own_status_not_the_other_units(cast, api, item, media):
    claim(cast.official2, item, "兴科社区")  # 司法所 is still at 办理反馈

    response = post_report(api("official2"), item)

    assert response.status_code == 409
    assert "待核验" in response.json()["detail"]
    assert item.assignments.get(unit=cast.justice).percent_done == 0


def test_an_extension_asks_for_the_units_own_deadline(cast, api, item):
    data = {"new_deadline": "2031-03-31", "narrative": "社区换届，需延期"}

    body = api("official2").post(url("extension", item.pk), data, format="json").json()

    assert body["extension"] == {
        "requested_at": body["extension"]["requested_at"],
        "old_deadline": "2030-12-31",
        "new_deadline": "2031-03-31",
        "reason": "社区换届，需延期",
    }
    assert item.events.get(kind="extension_requested").assignment.unit == cast.community


def test_my_tasks_name_the_unit_and_its_role(cast, api, item):
    rows = api("official2").get(url("tasks")).json()["results"]

    assert [(r["step"], r["assignment"]["unit"]["name"], r["assignment"]["role_label"]) for r in rows] == [
        ("work", "兴科社区", "责任")
    ]
    assert rows[0]["due"] == "2030-12-31" and rows[0]["item"]["id"] == item.pk


def test_a_task_on_the_whole_item_names_no_unit(cast, api):
    from workflow import services

    services.launch(cast.item(), cast.office)

    rows = api("office").get(url("tasks")).json()["results"]

    assert [(r["step"], r["assignment"]) for r in rows] == [("deploy", None)]


def test_my_tasks_are_due_by_the_units_own_deadline(cast, api, item):
    Assignment.objects.filter(item=item, unit=cast.community).update(due_by=datetime.date(2031, 3, 31))

    rows = api("official2").get(url("tasks")).json()["results"]

    assert rows[0]["due"] == "2031-03-31"
