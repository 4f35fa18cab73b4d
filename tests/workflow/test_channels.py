"""Notifications through their channels: a delivery per channel, failures kept and retried, never twice."""

import json
from unittest import mock

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.test import override_settings

from workflow.channels import RecordingChannel, WeComChannel
from workflow.models import Delivery, Notification
from workflow.tasks import deliver_notification


@pytest.fixture
def notice(cast):
    cast.official.phone = "13800000000"
    cast.official.save()
    return Notification.objects.create(recipient=cast.official, kind="urge", title="催办：测试事项", body="请尽快反馈")


@pytest.fixture(autouse=True)
def recording():
    RecordingChannel.sent, RecordingChannel.fail_with = [], ""
    yield
    RecordingChannel.sent, RecordingChannel.fail_with = [], ""


@override_settings(NOTIFICATION_CHANNELS=["email", "recording"])
def test_each_channel_sends_once_and_the_log_says_so(notice):
    assert deliver_notification.apply(args=[notice.pk]).get() == "delivered"
    deliver_notification.apply(args=[notice.pk])
    assert RecordingChannel.sent == [notice.pk] and len(mail.outbox) == 1
    assert sorted(Delivery.objects.values_list("channel", "attempts")) == [("email", 1), ("recording", 1)]
    notice.refresh_from_db()
    assert notice.delivered_at is not None


@override_settings(NOTIFICATION_CHANNELS=["email", "recording"])
def test_a_failing_channel_is_retried_alone_and_its_failure_stays_visible(notice):
    RecordingChannel.fail_with = "网关超时"
    with pytest.raises(Retry):  # Celery will try again later, with backoff
        deliver_notification.apply(args=[notice.pk])
    failed = Delivery.objects.get(channel="recording")
    assert (failed.attempts, failed.error, failed.sent_at) == (1, "网关超时", None)
    notice.refresh_from_db()
    assert notice.delivered_at is None and len(mail.outbox) == 1  # email went out, once
    RecordingChannel.fail_with = ""
    assert deliver_notification.apply(args=[notice.pk]).get() == "delivered"
    assert len(mail.outbox) == 1 and RecordingChannel.sent == [notice.pk]
    assert Delivery.objects.get(channel="recording").error == ""


@override_settings(
    NOTIFICATION_CHANNELS=["wecom"], WECOM_WEBHOOK_URL="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x"
)
def test_the_wecom_robot_gets_the_text_naming_the_recipient(notice):
    answer = mock.MagicMock()
    answer.__enter__.return_value.read.return_value = b'{"errcode": 0, "errmsg": "ok"}'
    with mock.patch("urllib.request.urlopen", return_value=answer) as opened:
        deliver_notification.apply(args=[notice.pk])
    body = json.loads(opened.call_args.args[0].data)
    assert body["msgtype"] == "text" and body["text"]["content"].startswith("赵所长：【落实】催办：测试事项")


@override_settings(NOTIFICATION_CHANNELS=["dingtalk"], DINGTALK_WEBHOOK_URL="https://oapi.dingtalk.com/robot/send?x=1")
def test_a_webhook_error_code_is_a_failure(notice):
    answer = mock.MagicMock()
    answer.__enter__.return_value.read.return_value = b'{"errcode": 310000, "errmsg": "keywords not in content"}'
    with mock.patch("urllib.request.urlopen", return_value=answer), pytest.raises(Retry):
        deliver_notification.apply(args=[notice.pk])
    assert "310000" in Delivery.objects.get(channel="dingtalk").error


@override_settings(NOTIFICATION_CHANNELS=["wecom", "sms"])
def test_channels_without_their_address_are_skipped(notice):
    assert not WeComChannel().reaches(notice.recipient)
    assert deliver_notification.apply(args=[notice.pk]).get() == "delivered"
    assert not Delivery.objects.exists()


ROLES = ["committee", "office", "leader", "official", "official2", "inspector", "assessor", "outsider"]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_office_sees_the_failed_deliveries(cast, role):
    from django.urls import reverse

    from tests.browser import Browser

    response = Browser(cast.roles[role]).get(reverse("workflow:delivery_failures"))
    assert response.status_code == (200 if role == "office" else 404)


@override_settings(NOTIFICATION_CHANNELS=["recording"])
def test_a_failed_delivery_is_listed_with_its_reason_and_can_be_retried(
    cast, notice, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from tests.browser import Browser, plain_text

    RecordingChannel.fail_with = "网关超时"
    with pytest.raises(Retry):
        deliver_notification.apply(args=[notice.pk])
    browser = Browser(cast.office)
    page = plain_text(browser.get(reverse("workflow:delivery_failures")))
    assert "催办：测试事项" in page and "网关超时" in page
    RecordingChannel.fail_with = ""
    failed = Delivery.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        browser.submit(
            reverse("workflow:delivery_retry", args=[failed.pk]), form_page=reverse("workflow:delivery_failures")
        )
    failed.refresh_from_db()
    assert failed.sent_at is not None and RecordingChannel.sent == [notice.pk]
    assert "所有通知均已送达" in plain_text(browser.get(reverse("workflow:delivery_failures")))
