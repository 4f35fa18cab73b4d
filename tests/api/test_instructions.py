"""批示 and 已阅 through the API: the same doors, rules, timeline and notices as the pages."""

from __future__ import annotations

import json

import pytest

from responsibility.models import Instruction, ItemEvent, ReadReceipt
from tests.api.helpers import post_report, report_data, url
from tests.workflow.drive import item_at
from workflow import escalation, instructions
from workflow.models import Notification


@pytest.fixture
def item(cast):
    return item_at(cast, "work")


def write(client, item, **data):
    return client.post(url("instructions", item.pk), {"text": "请月底前报送台账", **data}, format="json")


CREATE = {
    "committee": 201,
    "leader": 201,
    "office": 403,
    "official": 403,
    "inspector": 403,
    "assessor": 403,
    "official2": 404,
    "outsider": 404,
}


@pytest.mark.parametrize(("role", "status"), CREATE.items())
def test_only_the_committee_and_the_lead_leader_write_a_instruction(api, item, role, status):
    response = write(api(role), item)
    assert response.status_code == status, response.json()
    assert Instruction.objects.count() == (1 if status == 201 else 0)


def test_an_anonymous_client_is_asked_to_log_in(item):
    from rest_framework.test import APIClient

    assert write(APIClient(), item).status_code == 401


LIST = {"committee": 200, "leader": 200, "office": 200, "official": 200, "official2": 404, "outsider": 404}


@pytest.mark.parametrize(("role", "status"), LIST.items())
def test_those_who_see_the_item_list_its_instructions(api, item, role, status):
    write(api("leader"), item)
    response = api(role).get(url("instructions", item.pk))
    assert response.status_code == status
    if status == 200:
        assert [i["text"] for i in response.json()["results"]] == ["请月底前报送台账"]


def test_a_instruction_is_on_the_timeline_and_tells_the_official_and_the_office_once(cast, api, item):
    Notification.objects.all().delete()
    response = write(api("leader"), item, due="2030-06-30")
    body = response.json()
    assert (body["author"], body["due"], body["is_answered"]) == ("张主任", "2030-06-30", False)
    event = ItemEvent.objects.get(pk=body["event"])
    assert (event.kind, event.actor, event.note) == ("instructed", cast.leader, "请月底前报送台账")
    kinds = Notification.objects.values_list("recipient__username", "kind")
    assert sorted(kinds) == [("office", "instruction"), ("official", "instruction")]


@pytest.mark.parametrize(
    ("data", "field"),
    [({"text": ""}, "text"), ({"due": "2000-01-01"}, "due"), ({"due": "不是日期"}, "due"), ({"report": 999999}, None)],
)
def test_bad_input_is_refused_with_a_chinese_reason_and_nothing_is_stored(api, item, data, field):
    response = write(api("leader"), item, **data)
    if field is None:
        assert response.status_code == 404  # a report that is not the item's
    else:
        assert response.status_code == 400
        assert list(response.json()["fields"]) == [field]
    assert not Instruction.objects.exists()


def test_a_closed_item_is_a_conflict(cast, api):
    from tests.workflow.drive import do

    item = item_at(cast, "assess")
    do(cast.assessor, item, "assess", quality="8", comment="好")
    response = write(api("committee"), item)
    assert response.status_code == 409
    assert "已办结" in json.dumps(response.json(), ensure_ascii=False)


def test_the_official_answers_in_his_report_and_the_leader_sees_the_answer(cast, api, item, media):
    instruction = write(api("leader"), item).json()
    refused = post_report(api("official"), item)
    assert refused.status_code == 400
    assert refused.json()["fields"]["answers"] == {str(instruction["id"]): ["请在本次反馈中答复领导批示。"]}

    answers = json.dumps({instruction["id"]: "已补齐台账"})
    assert post_report(api("official"), item, report_data(answers=answers)).status_code == 201
    [shown] = api("leader").get(url("instructions", item.pk)).json()["results"]
    assert (shown["is_answered"], shown["answer"], shown["answered_by"]) == (True, "已补齐台账", "赵所长")
    assert Notification.objects.filter(recipient=cast.leader, kind="instruction_answered").count() == 1


def test_an_answer_to_no_instruction_is_refused(api, item, media):
    response = post_report(api("official"), item, report_data(answers=json.dumps({"x": "答复"})))
    assert response.status_code == 400
    assert response.json()["fields"]["answers"] == {"x": ["没有编号为 x 的领导批示。"]}


READ = {"official": 200, "office": 200, "leader": 403, "inspector": 403, "official2": 404, "outsider": 404}


@pytest.mark.parametrize(("role", "status"), READ.items())
def test_only_its_recipients_mark_a_instruction_read(api, item, role, status):
    event = write(api("leader"), item).json()["event"]
    response = api(role).post(url("event_read", item.pk, event))
    assert response.status_code == status
    assert ReadReceipt.objects.count() == (1 if status == 200 else 0)


def test_the_sender_sees_who_read_it_and_the_recipient_only_his_own(cast, api, item):
    event = write(api("leader"), item).json()["event"]
    read_at = api("official").post(url("event_read", item.pk, event)).json()["read_at"]
    assert api("official").post(url("event_read", item.pk, event)).json()["read_at"] == read_at

    [sent] = api("leader").get(url("instructions", item.pk)).json()["results"]
    readings = {r["person"]: r["read_at"] for r in sent["readings"]}
    assert readings == {"赵所长": read_at, "李文员": None}
    [received] = api("official").get(url("instructions", item.pk)).json()["results"]
    assert (received["to_me"], received["my_read_at"], received["readings"]) == (True, read_at, [])


def test_a_notice_of_the_ladder_is_marked_read_by_its_recipients(cast, api, item):
    escalation.escalate_by_hand(item, cast.inspector, 3, "进度滞后")
    step = item.events.filter(kind="escalated").order_by("id").last()
    assert api("official").post(url("event_read", item.pk, step.pk)).status_code == 200
    assert api("assessor").post(url("event_read", item.pk, step.pk)).status_code == 403
    accepted = item.events.get(kind="accepted")
    assert api("official").post(url("event_read", item.pk, accepted.pk)).status_code == 404
    readings = instructions.readings([step])[step.pk]
    assert [(r.person.username, r.read_at is not None) for r in readings] == [("official", True), ("leader", False)]
