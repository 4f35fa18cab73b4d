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
    assert not WeComChannel().applies_to(notice)
    assert deliver_notification.apply(args=[notice.pk]).get() == "delivered"
    assert not Delivery.objects.exists()
