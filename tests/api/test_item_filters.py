"""The item list's filters are the 责任清单 page's (workflow.lists.filter_items): the same query string
gives the same items in the API as on /items/."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from responsibility import permissions
from responsibility.models import ResponsibilityItem, WorkPlan
from tests.api.helpers import url
from tests.workflow.drive import item_at


def ids(response) -> list[int]:
    assert response.status_code == 200, response.json()
    return [row["id"] for row in response.json()["results"]]


def page_ids(user, query: str) -> list[int]:
    browser = Client()
    browser.force_login(user)
    response = browser.get(f"/items/?{query}")
    assert response.status_code == 200
    return [item.pk for item in response.context["items"]]


def change(item, **fields) -> None:
    ResponsibilityItem.objects.filter(pk=item.pk).update(**fields)


@pytest.fixture
def scene(cast):
    """Items that each filter tells apart: statuses, lights, lead leaders, a late one, another plan."""
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    working = item_at(cast, "work", title="法律顾问全覆盖", number="1.")
    accepting = item_at(cast, "accept", title="普法宣传", number="2.")
    late = item_at(cast, "work", title="矛盾纠纷排查化解", number="3.")
    led = item_at(cast, "work", title="领导干部述法", number="4.")
    returned = item_at(cast, "rectify", title="行政执法公示", number="5.")
    change(working, rag="green")
    change(late, rag="red", due_by=yesterday)
    change(led, rag="yellow", lead_leader_post=cast.posts["committee"])
    change(returned, rag="red", content="整改台账顾问")
    other_plan = WorkPlan.objects.create(organisation=cast.street, year=2021, title="回兴街道2021年法治建设工作要点")
    next_year = item_at(cast, "work", title="法律顾问续聘", number="1.")
    change(next_year, plan=other_plan, responsible_post=cast.posts["official2"])
    permissions.sync_item_permissions(ResponsibilityItem.objects.get(pk=next_year.pk))  # official2's now
    return {
        "working": working,
        "accepting": accepting,
        "late": late,
        "led": led,
        "returned": returned,
        "next_year": next_year,
        "other_plan": other_plan,
    }


QUERIES = [
    ("office", ""),
    ("office", "status=in_progress"),
    ("office", "rag=red"),
    ("office", "overdue=on"),
    ("office", "q=顾问"),
    ("office", "q=顾问&status=in_progress&rag=green"),
    ("office", "plan={plan}"),
    ("office", "plan={other_plan}&q=续聘"),
    ("office", "q=&plan=&status=&rag=&mine="),  # the page's filter form sent with nothing chosen
    ("official", "mine=responsible"),
    ("official", "mine=responsible&rag=red&overdue=on"),
    ("leader", "mine=lead"),
    ("committee", "mine=lead&status=in_progress"),
    ("inspector", "status=rectifying"),
    ("office", "overdue=0"),  # a flag written out as off, as a link or a program may write it
    ("office", "overdue=off&rag=red"),
    ("office", "overdue=no"),
    ("office", "overdue=true"),
    ("office", "q=" + "顾" * 80),  # a long search: both take up to 100 characters
    ("office", "unit={justice}"),
    ("office", "unit={justice}&status=in_progress"),
    ("official2", "mine=cooperating"),
]


@pytest.mark.parametrize("role, query", QUERIES)
def test_the_api_lists_the_items_the_page_lists(cast, api, scene, role, query):
    query = query.format(
        plan=cast.plan.pk, other_plan=scene["other_plan"].pk, justice=cast.justice.pk, community=cast.community.pk
    )

    from_api = ids(api(role).get(f"{url('items')}?{query}&page_size=200"))

    assert from_api == page_ids(cast.roles[role], query)


def test_filter_by_light(cast, api, scene):
    assert ids(api("office").get(url("items"), {"rag": "red"})) == [scene["late"].pk, scene["returned"].pk]


def test_only_overdue_open_items(cast, api, scene):
    assert ids(api("office").get(url("items"), {"overdue": "true"})) == [scene["late"].pk]
    assert len(ids(api("office").get(url("items"), {"overdue": "false"}))) == 6


def test_mine_lead_and_responsible(cast, api, scene):
    assert ids(api("committee").get(url("items"), {"mine": "lead"})) == [scene["led"].pk]
    assert ids(api("official2").get(url("items"), {"mine": "responsible"})) == [scene["next_year"].pk]
    assert ids(api("office").get(url("items"), {"mine": "lead"})) == []


def test_search_finds_number_title_and_content(cast, api, scene):
    found = ids(api("office").get(url("items"), {"q": "顾问"}))

    # Plans as the page orders them (the newest plan first), then in plan order.
    assert found == [scene["next_year"].pk, scene["working"].pk, scene["returned"].pk]
    assert ids(api("office").get(url("items"), {"q": "5."})) == [scene["returned"].pk]


def test_wrong_light_and_mine_are_400s_naming_the_field(cast, api, scene):
    response = api("office").get(url("items"), {"rag": "blue", "mine": "theirs", "overdue": "perhaps"})

    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"rag", "mine", "overdue"}


def test_on_the_page_a_wrong_filter_is_shown_and_left_out_and_the_others_apply(cast, scene):
    browser = Client()
    browser.force_login(cast.office)
    response = browser.get("/items/?plan=99999&rag=red")
    assert response.status_code == 200
    assert "plan" in response.context["form"].errors
    assert [item.pk for item in response.context["items"]] == [scene["late"].pk, scene["returned"].pk]


def test_search_also_finds_the_target_on_the_page_and_in_the_api(cast, api, scene):
    change(scene["accepting"], target="全年开展普法讲座不少于12场")
    assert ids(api("office").get(url("items"), {"q": "普法讲座"})) == [scene["accepting"].pk]
    assert page_ids(cast.office, "q=普法讲座") == [scene["accepting"].pk]


def test_a_unit_doing_none_of_the_visible_items_is_refused(cast, api, scene):
    response = api("office").get(url("items"), {"unit": cast.community.pk})
    assert response.status_code == 400 and response.json()["fields"]["unit"] == ["没有该承办单位的事项。"]
