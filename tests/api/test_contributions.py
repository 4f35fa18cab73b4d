"""会办 and 牵头单位汇总办结 through the API: a cooperating unit's official gives his unit's
contribution through its own 会办 step, the item shows where each cooperating unit's 会办 stands, and
on an item the lead unit closes for all the other units hand their part in to the lead, which claims
for the whole item once they all have."""

from __future__ import annotations

import pytest
import time_machine
from django.utils import timezone
from django.utils.formats import date_format

from responsibility.models import Closing, ItemEvent, Post, Unit
from tests.api.helpers import pdf, post_report, url
from tests.api.test_permissions import UNIT_ROLES, UNITS_SEE, client_of
from tests.browser import queries
from tests.cast import person
from tests.workflow.drive import do_each
from tests.workflow.test_contributions import cooperated_item, lead_closed_item
from tests.workflow.test_units import two_unit_item

CONTRIBUTES = {"official3"}  # 综治办's official, the units_item's cooperating unit


def contribute(client, item, narrative: str = "已排查矛盾纠纷12起", **extra):
    return client.post(url("contribution", item.pk), {"narrative": narrative, **extra}, format="multipart")


def parts(client, item) -> dict[str, dict]:
    return {a["unit"]["name"]: a for a in client.get(url("item", item.pk)).json()["assignments"]}


def actions(client, item) -> dict:
    return client.get(url("item", item.pk)).json()["actions"]


def statuses(item) -> dict[str, str]:
    return dict(item.assignments.values_list("unit__name", "status"))


# --- 会办 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", UNIT_ROLES)
def test_contribution(cast, units_item, role, media):
    response = contribute(client_of(cast, role), units_item)

    expected = 404 if role not in UNITS_SEE else 201 if role in CONTRIBUTES else 403
    assert response.status_code == expected, response.json()
    given = units_item.reports.filter(kind="contribution").values_list("assignment__unit__name", flat=True)
    assert list(given) == (["综治办"] if role in CONTRIBUTES else [])


def test_a_contribution_through_the_api_is_the_pages_and_shows_on_the_item(cast, units_item, media):
    client = client_of(cast, "official3")
    indicator = units_item.indicators.get()
    assert actions(client, units_item)["contribute"]
    assert not actions(client_of(cast, "official"), units_item)["contribute"]

    response = contribute(client, units_item, indicator_values=f'{{"{indicator.pk}": "12"}}', evidence=[pdf()])

    assert response.status_code == 201, response.json()
    report = response.json()["report"]
    assert (report["kind"], report["kind_label"], report["author"]) == ("contribution", "会办意见", "冯主任")
    assert [e["name"] for e in report["evidence"]] == ["台账.pdf"]
    assert [(v["indicator"], v["value"]) for v in report["indicator_values"]] == [(indicator.pk, "12.00")]
    cooperating = units_item.assignments.get(unit__name="综治办")
    assert cooperating.status == "closed" and cooperating.events.filter(kind=ItemEvent.Kind.CONTRIBUTED).exists()
    body = client.get(url("item", units_item.pk)).json()
    shown = {a["unit"]["name"]: a["contribution"] for a in body["assignments"]}
    assert shown == {
        "司法所": None,
        "兴科社区": None,
        "综治办": {"text": f"已会办（{date_format(timezone.localdate())}）", "missed": False},
    }
    assert not body["actions"]["contribute"] and body["actions"]["tasks"] == []


def test_an_open_contribution_shows_its_date_and_a_given_one_cannot_be_given_again(cast, units_item, media):
    client = client_of(cast, "official3")
    assert parts(client, units_item)["综治办"]["contribution"] == {
        "text": "待会办，2030年12月31日前提交牵头单位",
        "missed": False,
    }
    contribute(client, units_item)

    again = contribute(client, units_item, "补充意见")

    assert again.status_code == 409
    assert again.json()["detail"] == "本单位的会办已结束（现为：已办结销号），不能再提交会办意见。"
    assert units_item.reports.filter(kind="contribution").count() == 1


def test_each_unit_is_told_which_steps_its_role_has(cast, units_item, media):
    cooperating = post_report(client_of(cast, "official3"), units_item)
    lead = contribute(client_of(cast, "official"), units_item)
    office = contribute(client_of(cast, "office"), units_item)

    assert cooperating.status_code == lead.status_code == office.status_code == 403
    assert cooperating.json()["detail"] == "您的单位是本事项的配合单位，只向牵头单位提交会办意见，不能提交。"
    assert lead.json()["detail"] == "您的单位不是本事项的配合单位，无需提交会办意见。"
    assert office.json()["detail"] == "您不是该事项的责任人，不能提交。"


def test_a_contribution_past_its_date_shows_as_missed(cast, api):
    item = cooperated_item(cast)  # 兴科社区 (official2) cooperates, 会办 due 2030-06-30
    client = api("official2")

    with time_machine.travel("2030-06-30 10:00 +0800", tick=False):
        on_the_day = parts(client, item)["兴科社区"]["contribution"]
    with time_machine.travel("2030-07-06 10:00 +0800", tick=False):
        late = parts(client, item)["兴科社区"]["contribution"]

    assert on_the_day == {"text": "待会办，2030年6月30日前提交牵头单位", "missed": False}
    assert late == {"text": "会办逾期6天（时限2030年6月30日）", "missed": True}


def test_my_tasks_list_the_contribution_due_by_its_date(cast, api):
    item = cooperated_item(cast)

    rows = api("official2").get(url("tasks")).json()["results"]

    assert [(r["step"], r["assignment"]["unit"]["name"], r["assignment"]["role_label"]) for r in rows] == [
        ("contribute", "兴科社区", "配合")
    ]
    assert rows[0]["due"] == "2030-06-30" and rows[0]["item"]["id"] == item.pk


def test_the_contributions_of_an_items_cooperating_units_are_read_at_once(cast, api):
    units = []
    for name in ["综治办", "城管办", "财政所"]:
        unit = Unit.objects.create(name=name, parent=cast.street)
        Post.objects.create(unit=unit, title=f"{name}主任", role=Post.Role.OFFICIAL, holder=person(name, name))
        units.append(unit.pk)
    client = api("office")
    one = two_unit_item(cast, cooperating_units=units[:1])
    three = two_unit_item(cast, cooperating_units=units)
    do_each(three, "accept", decision="accept")
    do_each(one, "accept", decision="accept")

    assert queries(client, url("item", one.pk)) == queries(client, url("item", three.pk))


# --- 牵头单位汇总办结 -------------------------------------------------------------------------------


def test_an_item_says_how_it_closes(cast, api, units_item):
    lead_closed = lead_closed_item(cast)

    each = api("office").get(url("item", units_item.pk)).json()
    lead = api("office").get(url("item", lead_closed.pk)).json()

    assert (each["closing"], each["closing_label"]) == (Closing.EACH, "各单位分别办结")
    assert (lead["closing"], lead["closing_label"]) == (Closing.LEAD, "牵头单位汇总办结")


def test_the_other_units_claim_hands_its_part_to_the_lead_which_then_claims(cast, api, media):
    item = lead_closed_item(cast)  # 司法所 (official) leads, 兴科社区 (official2) responsible
    lead, other = api("official"), api("official2")
    assert not actions(lead, item)["claim"] and actions(other, item)["claim"]

    refused = post_report(lead, item, {"narrative": "全部完成"}, name="claim")

    assert refused.status_code == 400
    message = "本事项由牵头单位汇总办结，以下单位尚未报送完成情况：兴科社区。"
    assert refused.json()["fields"] == {"non_field_errors": [message]}
    assert statuses(item) == {"司法所": "in_progress", "兴科社区": "in_progress"}

    handed = post_report(other, item, {"narrative": "社区部分完成"}, name="claim")

    assert handed.status_code == 201, handed.json()
    assert handed.json()["report"]["kind"] == "completion"
    assert statuses(item) == {"司法所": "in_progress", "兴科社区": "handed_in"}
    assert parts(other, item)["兴科社区"]["status_label"] == "已报牵头单位"
    assert actions(other, item)["tasks"] == [] and actions(lead, item)["claim"]

    claimed = post_report(lead, item, {"narrative": "全部完成"}, name="claim")

    assert claimed.status_code == 201, claimed.json()
    assert item.assignments.get(unit=cast.justice).status == "claimed"


def test_on_an_item_each_unit_closes_the_leads_claim_waits_for_nobody(cast, api, units_item, media):
    assert actions(api("official"), units_item)["claim"]

    response = post_report(api("official"), units_item, {"narrative": "本单位部分完成"}, name="claim")

    assert response.status_code == 201, response.json()
    assert units_item.assignments.get(unit=cast.justice).status == "claimed"
