"""Where a notification goes besides the in-app list: e-mail, and the webhooks offices use.

A channel sends one message (a notice, or several to one person about one item merged, see
``workflow.delivery``) or raises ``ChannelError``; delivery keeps one ``Delivery`` row per
notification and channel, so a retry sends only what failed, and a failure stays visible (admin:
通知送达记录) until it succeeds. ``NOTIFICATION_CHANNELS`` names the channels in
use; ``recording`` keeps what it was given, for tests.
"""

from __future__ import annotations

import json
import urllib.request
from dataclasses import dataclass
from typing import ClassVar

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from responsibility.models import Person

from .models import Notification


class ChannelError(Exception):
    """The channel could not send; the message is kept on the delivery for the office to see."""


@dataclass
class Message:
    """What one send carries: one notice, or several to one person about one item, merged."""

    recipient: Person
    notices: list[Notification]

    @property
    def title(self) -> str:
        if len(self.notices) == 1:
            return self.notices[0].title
        return _("关于“%(item)s”的%(count)s条通知") % {"item": self.notices[0].item, "count": len(self.notices)}

    @property
    def body(self) -> str:
        if len(self.notices) == 1:
            return self.notices[0].body
        lines = []
        for number, notice in enumerate(self.notices, 1):
            lines.append(f"{number}. {notice.title}")
            lines += [f"   {line}" for line in notice.body.splitlines() if line.strip()]
        return "\n".join(lines)

    @property
    def subject(self) -> str:
        return _("【落实】%(title)s") % {"title": self.title}

    @property
    def text(self) -> str:
        return "\n".join(part for part in (self.subject, self.body, settings.SITE_URL) if part)


class Channel:
    name: ClassVar[str]
    label: ClassVar[str]

    def reaches(self, person: Person) -> bool:
        """Can this channel reach ``person`` at all (an address, a configured gateway)?"""
        return True

    def send(self, message: Message) -> None:
        raise NotImplementedError


class EmailChannel(Channel):
    name = "email"
    label = gettext_lazy("电子邮件")

    def reaches(self, person: Person) -> bool:
        return bool(person.email)

    def send(self, message: Message) -> None:
        try:
            send_mail(
                subject=message.subject,
                message=f"{message.body}\n\n{settings.SITE_URL}",
                from_email=None,
                recipient_list=[message.recipient.email],
            )
        except OSError as error:
            raise ChannelError(str(error)) from error


class WebhookChannel(Channel):
    """A group robot's webhook (企业微信, 钉钉): the text goes to the group, naming the recipient."""

    setting: ClassVar[str]

    def url(self) -> str:
        return getattr(settings, self.setting, "")

    def reaches(self, person: Person) -> bool:
        return bool(self.url())

    def payload(self, message: Message) -> dict:
        return {"msgtype": "text", "text": {"content": f"{message.recipient}：{message.text}"}}

    def send(self, message: Message) -> None:
        body = json.dumps(self.payload(message), ensure_ascii=False).encode()
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
    label = gettext_lazy("企业微信")
    setting = "WECOM_WEBHOOK_URL"


class DingTalkChannel(WebhookChannel):
    name = "dingtalk"
    label = gettext_lazy("钉钉")
    setting = "DINGTALK_WEBHOOK_URL"


class SmsChannel(WebhookChannel):
    """An SMS gateway that takes JSON over HTTP (the province's 政务短信平台, or a vendor's)."""

    name = "sms"
    label = gettext_lazy("短信")
    setting = "SMS_GATEWAY_URL"

    def reaches(self, person: Person) -> bool:
        return bool(self.url() and person.phone)

    def payload(self, message: Message) -> dict:
        return {"phone": message.recipient.phone, "text": message.text[:300]}


class RecordingChannel(Channel):
    """Keeps what it is given (tests): every notice sent in ``sent``, and each message's notices in
    ``messages``; ``fail_with`` makes it fail, as a broken gateway would."""

    name = "recording"
    label = gettext_lazy("记录（测试用）")
    sent: ClassVar[list[int]] = []
    messages: ClassVar[list[tuple[int, ...]]] = []
    fail_with: ClassVar[str] = ""

    def send(self, message: Message) -> None:
        if self.fail_with:
            raise ChannelError(self.fail_with)
        ids = tuple(notice.pk for notice in message.notices)
        self.sent.extend(ids)
        self.messages.append(ids)


CHANNELS: dict[str, type[Channel]] = {
    channel.name: channel for channel in (EmailChannel, WeComChannel, DingTalkChannel, SmsChannel, RecordingChannel)
}


def channels() -> list[Channel]:
    return [CHANNELS[name]() for name in settings.NOTIFICATION_CHANNELS]
