"""Extension requests (延期申请) through the API: the 办理反馈 step's own form, with every rule of the page."""

import datetime

import pytest
from django.utils import timezone

from responsibility.models import ItemEvent, ItemStatus, ResponsibilityItem
from tests.api.helpers import url
from tests.workflow.drive import find_task, item_at, set_deadline


@pytest.fixture
def item(cast):
    return item_at(cast, "work")


def ask(client, item, data: dict | None = None, **extra):
    data = {"new_deadline": "2031-06-30", "narrative": "受疫情影响，需延期"} if data is None else data
    return client.post(url("extension", item.pk), data, format="json", **extra)


def test_a_request_waits_for_the_office_with_its_date_and_reason(cast, api, item):
    response = ask(api("official"), item)

    assert response.status_code == 201, response.json()
    assert response.json()["extension"]["new_deadline"] == "2031-06-30"
    assert response.json()["extension"]["old_deadline"] == "2030-12-31"
    assert response.json()["extension"]["reason"] == "受疫情影响，需延期"
    assert response.json()["item"]["status"] == "extension_requested"
    item.refresh_from_db()
    assert item.status == ItemStatus.EXTENSION_REQUESTED and item.deadline == datetime.date(2030, 12, 31)
    event = item.events.latest("created_at", "id")
    assert (event.kind, event.actor) == (ItemEvent.Kind.EXTENSION_REQUESTED, cast.official)
    assert event.note == "受疫情影响，需延期"
    assert event.data["new_deadline"] == "2031-06-30"
    find_task(item, "decide_extension")
    assert [t["step"] for t in api("office").get(url("tasks")).json()["results"]] == ["decide_extension"]


def test_a_request_as_the_page_posts_it_multipart(cast, api, item):
    response = api("official").post(
        url("extension", item.pk), {"new_deadline": "2031-06-30", "narrative": "理由"}, format="multipart"
    )

    assert response.status_code == 201, response.json()


def test_a_date_not_later_than_the_deadline_is_refused_in_the_pages_words(cast, api, item):
    response = ask(api("official"), item, {"new_deadline": "2030-12-31", "narrative": "理由"})

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert response.json()["fields"] == {"new_deadline": ["新的完成时限须晚于现有时限。"]}
    assert ResponsibilityItem.objects.get(pk=item.pk).status == ItemStatus.IN_PROGRESS
    find_task(item, "work")


def test_the_pages_rule_in_english_when_asked(cast, api, item):
    data = {"new_deadline": "2030-01-01", "narrative": "理由"}

    response = ask(api("official"), item, data, HTTP_ACCEPT_LANGUAGE="en")

    assert response.json()["fields"]["new_deadline"] == ["The new deadline must be later than the current one."]


def test_no_request_once_the_deadline_has_passed(cast, api, item):
    set_deadline(item, timezone.localdate() - datetime.timedelta(days=1))

    response = ask(api("official"), item)

    assert response.status_code == 400
    assert response.json()["fields"] == {"non_field_errors": ["已超过完成时限，不能再申请延期。"]}


def test_an_ongoing_item_needs_no_extension(cast, api, item):
    ResponsibilityItem.objects.filter(pk=item.pk).update(ongoing=True, deadline=None)

    response = ask(api("official"), item)

    assert response.status_code == 400
    assert response.json()["fields"] == {"non_field_errors": ["长期坚持的事项无需申请延期。"]}


def test_missing_and_malformed_fields_are_named(cast, api, item):
    missing = ask(api("official"), item, {})
    malformed = ask(api("official"), item, {"new_deadline": "明年", "narrative": "理由"})

    assert missing.json()["fields"] == {"new_deadline": ["这个字段是必填项。"], "narrative": ["这个字段是必填项。"]}
    assert list(malformed.json()["fields"]) == ["new_deadline"]


def test_a_request_needs_the_item_at_its_report_step(cast, api):
    item = item_at(cast, "accept")

    response = ask(api("official"), item)

    assert response.status_code == 409
    assert response.json()["code"] == "conflict" and "办理反馈" in response.json()["detail"]


def test_a_second_request_waits_for_the_first_to_be_decided(cast, api, item):
    ask(api("official"), item)

    response = ask(api("official"), item, {"new_deadline": "2031-12-31", "narrative": "再次"})

    assert response.status_code == 409
    assert "延期审批中" in response.json()["detail"]
