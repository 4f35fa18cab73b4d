"""A POST sent twice is answered once (issue 17, F5): the client's Idempotency-Key on every POST, and
for the steps the content sent, so a double tap never stores a second report."""

import pytest
from django.db import connection

from responsibility.models import ItemEvent, ProgressReport
from tests.api.conftest import token_client
from tests.api.helpers import pdf, post_report, report_data, url
from tests.threads import at_once
from tests.workflow.drive import find_task, item_at

KEY = "HTTP_IDEMPOTENCY_KEY"


@pytest.fixture
def item(cast):
    return item_at(cast, "work")


def reports(item) -> int:
    return ProgressReport.objects.filter(item=item).count()


def test_the_same_key_gets_the_first_answer_and_no_second_report(cast, api, item, media):
    client = api("official")
    first = client.post(url("report", item.pk), report_data(), format="multipart", **{KEY: "k-1"})
    again = client.post(url("report", item.pk), report_data(narrative="另一份"), format="multipart", **{KEY: "k-1"})
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert reports(item) == 1
    assert item.events.filter(kind=ItemEvent.Kind.REPORTED).count() == 1


def test_a_new_key_is_a_new_report(cast, api, item, media):
    client = api("official")
    client.post(url("report", item.pk), report_data(), format="multipart", **{KEY: "k-1"})
    client.post(url("report", item.pk), report_data(), format="multipart", **{KEY: "k-2"})
    assert reports(item) == 2


def test_a_key_is_the_callers_own(cast, api, item, media):
    api("official").post(url("report", item.pk), report_data(), format="multipart", **{KEY: "k-1"})
    response = api("office").post(url("read_all"), **{KEY: "k-1"})
    assert response.status_code == 200 and "Idempotent-Replayed" not in response


def test_a_key_used_for_another_address_is_refused(cast, api, item, media):
    client = api("official")
    client.post(url("report", item.pk), report_data(), format="multipart", **{KEY: "k-1"})
    response = client.post(url("read_all"), **{KEY: "k-1"})
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["fields"]


def test_a_failed_request_keeps_no_answer_so_the_key_can_be_retried(cast, api, item, media):
    client = api("official")
    bad = client.post(url("report", item.pk), report_data(percent_done=300), format="multipart", **{KEY: "k-1"})
    good = client.post(url("report", item.pk), report_data(), format="multipart", **{KEY: "k-1"})
    assert (bad.status_code, good.status_code) == (400, 201)
    assert reports(item) == 1


def test_every_post_takes_a_key(cast, api):
    client = api("official")
    for _ in range(2):
        response = client.post(url("read_all"), **{KEY: "read-all"})
    assert response.status_code == 200 and response["Idempotent-Replayed"] == "true"


def test_a_key_that_is_too_long_is_a_clear_400(cast, api):
    response = api("official").post(url("read_all"), **{KEY: "x" * 300})
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["fields"]


def test_the_same_report_sent_twice_without_a_key_is_stored_once(cast, api, item, media):
    client = api("official")
    first = post_report(client, item, report_data(evidence=[pdf()]))
    again = post_report(client, item, report_data(evidence=[pdf()]))
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert reports(item) == 1


def test_a_different_report_without_a_key_is_a_new_report(cast, api, item, media):
    client = api("official")
    post_report(client, item, report_data(evidence=[pdf()]))
    post_report(client, item, report_data(evidence=[pdf(content=b"%PDF-1.4 another file")]))
    assert reports(item) == 2


def test_a_repeat_after_the_window_is_a_new_report(cast, api, item, media, settings):
    settings.API_REPEAT_SECONDS = 0
    client = api("official")
    post_report(client, item)
    post_report(client, item)
    assert reports(item) == 2


def test_a_claim_sent_twice_gets_the_first_answer_not_a_409(cast, api, item, media):
    client = api("official")
    data = {"narrative": "全部完成", "evidence": [pdf()]}
    first = client.post(url("claim", item.pk), data, format="multipart")
    data["evidence"] = [pdf()]
    again = client.post(url("claim", item.pk), data, format="multipart")
    assert (first.status_code, again.status_code) == (201, 201)
    assert item.events.filter(kind=ItemEvent.Kind.CLAIMED).count() == 1


def test_a_report_for_a_task_already_done_is_a_409(cast, api, item, media):
    client = api("official")
    seen = find_task(item, "work").pk
    post_report(client, item, report_data(task=seen))
    response = post_report(client, item, report_data(narrative="第二份", task=seen))
    assert response.status_code == 409
    assert "已办理" in response.json()["detail"]
    assert reports(item) == 1


def test_a_report_naming_the_open_task_is_taken(cast, api, item, media):
    response = post_report(api("official"), item, report_data(task=find_task(item, "work").pk))
    assert response.status_code == 201


# --- at the same instant, on the real PostgreSQL -------------------------------------------------------


def tap(user, item, narrative: str, headers: dict, answers: list):
    def send():
        client = token_client(user)
        data = report_data(narrative=narrative)
        answers.append(client.post(url("report", item.pk), data, format="multipart", **headers))

    return send


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("keyed", [True, False])
def test_three_identical_reports_at_the_same_instant_store_one(cast_committed, keyed):
    assert connection.vendor == "postgresql"
    cast = cast_committed
    item = item_at(cast, "work")
    for trial in range(5):
        answers = []
        headers = {KEY: f"tap-{trial}"} if keyed else {}
        send = tap(cast.official, item, f"第{trial}次汇报", headers, answers)
        assert at_once(send, send, send) == []
        assert sorted(a.status_code for a in answers) == [201, 201, 201], [a.content for a in answers]
        assert len({a.content for a in answers}) == 1
        assert ProgressReport.objects.filter(item=item).count() == trial + 1
    assert item.events.filter(kind=ItemEvent.Kind.REPORTED).count() == 5
