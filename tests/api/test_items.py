"""The item list (filters, search, pages) and the item detail (everything the item page shows)."""

import datetime

import pytest

from responsibility.models import Assignment, Milestone, ResponsibilityItem
from tests.api.helpers import pdf, report_data, url
from tests.workflow.drive import do, item_at
from workflow import services


def ids(response) -> list[int]:
    assert response.status_code == 200, response.json()
    return [row["id"] for row in response.json()["results"]]


@pytest.fixture
def items(cast):
    working = item_at(cast, "work", title="法律顾问全覆盖")
    accepting = item_at(cast, "accept", title="普法宣传")
    return working, accepting


def test_filter_by_status(cast, api, items):
    working, accepting = items

    assert ids(api("office").get(url("items"), {"status": "in_progress"})) == [working.pk]
    assert ids(api("office").get(url("items"), {"status": "accepting"})) == [accepting.pk]


def test_filter_by_plan(cast, api, items):
    assert len(ids(api("office").get(url("items"), {"plan": cast.plan.pk}))) == 2
    assert ids(api("office").get(url("items"), {"plan": cast.plan.pk + 1})) == []


def test_search(cast, api, items):
    working, _accepting = items

    assert ids(api("office").get(url("items"), {"q": "顾问"})) == [working.pk]


def test_a_wrong_filter_is_a_400_naming_the_field(cast, api, items):
    response = api("office").get(url("items"), {"status": "lost", "plan": "x"})

    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"status", "plan"}
    assert "不是合法选项" in response.json()["fields"]["status"][0]


def test_pages(cast, api, items):
    first = api("office").get(url("items"), {"page_size": 1}).json()

    assert first["count"] == 2 and len(first["results"]) == 1 and first["next"]
    assert api("office").get(url("items"), {"page": 9}).status_code == 404


def test_item_detail(cast, api, items, media):
    working, _accepting = items
    Milestone.objects.create(item=working, due="2030-06-30", title="半年过半", expected_percent=50)
    indicator = working.indicators.get()
    do(
        cast.official,
        working,
        "work",
        files={"evidence": [pdf()]},
        **report_data(action="report", **{f"indicator_{indicator.pk}": "120"}),
    )

    body = api("official").get(url("item", working.pk)).json()

    assert body["status"] == "in_progress" and body["status_label"] == "办理中"
    assert body["deadline"] == "2030-12-31" and body["percent_done"] == 60
    assert body["rag"] in {"green", "yellow", "red"}
    assert body["responsible_post"]["holder"]["name"] == "赵所长"
    assert [u["name"] for u in body["responsible_units"]] == ["司法所"]
    assert [(c["role"], c["role_label"], c["name"]) for c in body["contacts"]] == [
        ("responsible_official", "责任人", "赵所长"),
        ("lead_leader", "牵头领导", "张主任"),
    ]
    assert body["contacts"][0]["email"] == "official@example.cn"
    assert [(i["name"], i["latest_value"], i["reached"]) for i in body["indicators"]] == [("法律咨询", "120.00", False)]
    assert [m["title"] for m in body["milestones"]] == ["半年过半"]
    assert [e["kind"] for e in body["timeline"]] == ["created", "deployed", "accepted", "reported"]
    assert body["reports"][0]["evidence"][0]["name"] == "台账.pdf"
    assert body["actions"] == {
        "report": True,
        "claim": True,
        "extension": True,
        "rectify": False,
        "contribute": False,
        "transfer": True,  # his unit's part, in his keeping
        "tasks": ["work"],
    }


def test_others_see_no_actions(cast, api, items):
    working, _accepting = items

    assert api("leader").get(url("item", working.pk)).json()["actions"] == {
        "report": False,
        "claim": False,
        "extension": False,
        "rectify": False,
        "contribute": False,
        "transfer": False,
        "tasks": [],
    }


def test_a_returned_item_offers_its_official_the_rectification(cast, api):
    returned = item_at(cast, "rectify")

    actions = api("official").get(url("item", returned.pk)).json()["actions"]

    assert actions == {
        "report": False,
        "claim": False,
        "extension": False,
        "rectify": True,
        "contribute": False,
        "transfer": True,
        "tasks": ["rectify"],
    }


def test_the_office_sees_its_pool_tasks(cast, api):
    item = cast.item()
    services.launch(item, cast.office)

    rows = api("office").get(url("tasks")).json()["results"]

    assert [(r["step"], r["step_title"], r["claimed"]) for r in rows] == [("deploy", "部署交办", False)]
    assert rows[0]["web_url"].endswith(f"/tasks/{rows[0]['id']}/")


def test_my_tasks_show_item_and_due_date(cast, api):
    item = item_at(cast, "work")

    row = api("official").get(url("tasks")).json()["results"][0]

    assert row["item"]["title"] == item.title and row["due"] == "2030-12-31"
    assert row["item"]["deadline_display"]


@pytest.mark.parametrize(
    ("fields", "offered"),
    [
        ({}, True),
        ({"ongoing": True, "deadline": None}, False),  # 长期坚持: nothing to extend
        ({"deadline": datetime.date(2020, 1, 31)}, False),  # past its deadline: too late to ask
    ],
)
def test_an_extension_is_offered_only_where_it_could_be_granted(cast, api, fields, offered):
    item = item_at(cast, "work")
    ResponsibilityItem.objects.filter(pk=item.pk).update(**fields)
    Assignment.objects.filter(item=item).update(**{k: v for k, v in fields.items() if k == "deadline"})

    actions = api("official").get(url("item", item.pk)).json()["actions"]

    assert (actions["report"], actions["extension"]) == (True, offered)
