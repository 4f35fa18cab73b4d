"""Where a notification goes besides the in-app list: e-mail, and the webhooks offices use.

A channel sends one notification or raises ``ChannelError``; ``deliver_notification`` keeps one
``Delivery`` row per notification and channel, so a retry sends only what failed, and a failure
stays visible (admin: 通知送达记录) until it succeeds. ``NOTIFICATION_CHANNELS`` names the channels in
use; ``recording`` keeps what it was given, for tests.
"""

from __future__ import annotations

import json
import urllib.request
from typing import ClassVar

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from .models import Notification


class ChannelError(Exception):
    """The channel could not send; the message is kept on the delivery for the office to see."""


class Channel:
    name: ClassVar[str]

    def applies_to(self, notification: Notification) -> bool:
        return True

    def send(self, notification: Notification) -> None:
        raise NotImplementedError


def _subject(notification: Notification) -> str:
    return _("【落实】%(title)s") % {"title": notification.title}


def _text(notification: Notification) -> str:
    return f"{_subject(notification)}\n{notification.body}\n{settings.SITE_URL}".strip()


class EmailChannel(Channel):
    name = "email"

    def applies_to(self, notification: Notification) -> bool:
        return bool(notification.recipient.email)

    def send(self, notification: Notification) -> None:
        try:
            send_mail(
                subject=_subject(notification),
                message=f"{notification.body}\n\n{settings.SITE_URL}",
                from_email=None,
                recipient_list=[notification.recipient.email],
            )
        except OSError as error:
            raise ChannelError(str(error)) from error


class WebhookChannel(Channel):
    """A group robot's webhook (企业微信, 钉钉): the text goes to the group, naming the recipient."""

    setting: ClassVar[str]

    def url(self) -> str:
        return getattr(settings, self.setting, "")

    def applies_to(self, notification: Notification) -> bool:
        return bool(self.url())

    def payload(self, notification: Notification) -> dict:
        return {"msgtype": "text", "text": {"content": f"{notification.recipient}：{_text(notification)}"}}

    def send(self, notification: Notification) -> None:
        body = json.dumps(self.payload(notification), ensure_ascii=False).encode()
        request = urllib.request.Request(self.url(), data=body, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                answer = json.loads(response.read() or b"{}")
        except (OSError, ValueError) as error:
            raise ChannelError(str(error)) from error
        if answer.get("errcode", 0) != 0:
            raise ChannelError(f"{answer.get('errcode')}: {answer.get('errmsg', '')}")


class WeComChannel(WebhookChannel):
    name = "wecom"
    setting = "WECOM_WEBHOOK_URL"


class DingTalkChannel(WebhookChannel):
    name = "dingtalk"
    setting = "DINGTALK_WEBHOOK_URL"


class SmsChannel(WebhookChannel):
    """An SMS gateway that takes JSON over HTTP (the province's 政务短信平台, or a vendor's)."""

    name = "sms"
    setting = "SMS_GATEWAY_URL"

    def applies_to(self, notification: Notification) -> bool:
        return bool(self.url() and notification.recipient.phone)

    def payload(self, notification: Notification) -> dict:
        return {"phone": notification.recipient.phone, "text": _text(notification)[:300]}


class RecordingChannel(Channel):
    """Keeps what it is given (tests); ``fail_with`` makes it fail, as a broken gateway would."""

    name = "recording"
    sent: ClassVar[list[int]] = []
    fail_with: ClassVar[str] = ""

    def send(self, notification: Notification) -> None:
        if self.fail_with:
            raise ChannelError(self.fail_with)
        self.sent.append(notification.pk)


CHANNELS: dict[str, type[Channel]] = {
    channel.name: channel for channel in (EmailChannel, WeComChannel, DingTalkChannel, SmsChannel, RecordingChannel)
}


def channels() -> list[Channel]:
    return [CHANNELS[name]() for name in settings.NOTIFICATION_CHANNELS]
