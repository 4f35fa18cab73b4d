"""Rectifications (整改反馈) through the API: the 整改 step's own form and service, files with SHA-256."""

import hashlib
import json

import pytest

from responsibility.models import Evidence, ItemEvent, ItemStatus, ProgressReport
from tests.api.helpers import pdf, url
from tests.workflow.drive import find_task, item_at


@pytest.fixture
def item(cast):
    return item_at(cast, "rectify")


def rectify(client, item, data: dict | None = None, **extra):
    data = {"narrative": "已补充全年法律咨询台账"} if data is None else data
    return client.post(url("rectification", item.pk), data, format="multipart", **extra)


def test_a_rectification_with_files_goes_back_to_the_inspector(cast, api, item, media):
    content = b"%PDF-1.4\n" + "整改台账".encode() * 50
    indicator = item.indicators.get()
    data = {
        "narrative": "已补充全年法律咨询台账",
        "indicator_values": json.dumps({str(indicator.pk): "213"}),
        "evidence": [pdf("整改台账.pdf", content)],
    }

    response = rectify(api("official"), item, data)

    assert response.status_code == 201, response.json()
    report = response.json()["report"]
    assert (report["kind"], report["percent_done"], report["narrative"]) == ("rectification", 100, data["narrative"])
    assert report["evidence"][0]["sha256"] == hashlib.sha256(content).hexdigest()
    assert Evidence.objects.get().sha256 == hashlib.sha256(content).hexdigest()
    assert report["indicator_values"] == [{"indicator": indicator.pk, "name": "法律咨询", "value": "213.00"}]
    assert response.json()["item"]["status"] == "claimed"
    item.refresh_from_db()
    assert item.status == ItemStatus.CLAIMED
    assert item.events.latest("created_at", "id").kind == ItemEvent.Kind.RECTIFIED
    assert find_task(item, "verify").owner == cast.inspector


def test_a_missing_narrative_is_named_in_chinese(cast, api, item, media):
    response = rectify(api("official"), item, {"evidence": [pdf()]})

    assert response.status_code == 400
    assert response.json()["fields"] == {"narrative": ["这个字段是必填项。"]}
    assert not Evidence.objects.exists()
    find_task(item, "rectify")


def test_field_errors_in_english_when_asked(cast, api, item, media):
    response = rectify(api("official"), item, {}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.json()["fields"]["narrative"] == ["This field is required."]


def test_an_indicator_of_another_item_is_refused(cast, api, item, media):
    other = cast.item("另一事项").indicators.get()

    response = rectify(api("official"), item, {"narrative": "整改", "indicator_values": json.dumps({other.pk: 1})})

    assert response.status_code == 400
    assert str(other.pk) in response.json()["fields"]["indicator_values"]


def test_a_file_over_the_limit_is_refused(cast, api, item, settings, media):
    settings.EVIDENCE_MAX_BYTES = 1024

    response = rectify(api("official"), item, {"narrative": "整改", "evidence": [pdf("大文件.pdf", b"x" * 5000)]})

    assert response.status_code == 413
    assert "大文件.pdf" in response.json()["detail"]
    assert not ProgressReport.objects.filter(kind=ProgressReport.Kind.RECTIFICATION).exists()


def test_a_rectification_needs_the_item_returned(cast, api, media):
    item = item_at(cast, "work")

    response = rectify(api("official"), item)

    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    assert "整改" in response.json()["detail"] and "办理中" in response.json()["detail"]


def test_a_rectified_item_takes_no_second_rectification(cast, api, item, media):
    first = rectify(api("official"), item)

    again = rectify(api("official"), item)  # the same request again: the first one's answer (issue 17)
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true" and again.json() == first.json()
    assert rectify(api("official"), item, {"narrative": "又一次整改"}).status_code == 409


def test_the_item_page_shows_what_the_api_rectified(cast, api, item, media):
    from django.test import Client

    rectify(api("official"), item, {"narrative": "已补充全年法律咨询台账", "evidence": [pdf("整改台账.pdf")]})
    browser = Client()
    browser.force_login(cast.inspector)

    page = browser.get(f"/items/{item.pk}/").content.decode()

    assert "已补充全年法律咨询台账" in page and "整改台账.pdf" in page
