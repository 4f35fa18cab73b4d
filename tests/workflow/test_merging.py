"""Notices to one person about one item within the merge window go out as one message; each person
chooses the channels he gets them through."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from celery.exceptions import Retry
from django.core import mail
from django.utils import timezone

from config import celery_app
from tests.browser import Browser, plain_text, url
from tests.workflow.drive import item_at, set_deadline
from workflow import services, tasks
from workflow.channels import RecordingChannel
from workflow.models import Delivery, Notification, NotificationPreference

T0 = datetime.datetime(2030, 3, 4, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def recording(settings):
    settings.NOTIFICATION_CHANNELS = ["recording"]
    settings.NOTIFY_MERGE_SECONDS = 120
    RecordingChannel.sent, RecordingChannel.messages, RecordingChannel.fail_with = [], [], ""
    yield
    RecordingChannel.sent, RecordingChannel.messages, RecordingChannel.fail_with = [], [], ""


def at(seconds: float):
    return time_machine.travel(T0 + datetime.timedelta(seconds=seconds), tick=False)


@pytest.fixture
def item(cast):
    """At work since the day before (its 交办 long delivered): what follows starts its own window."""
    with at(-86400):
        item = item_at(cast, "work")
    Notification.objects.update(delivered_at=T0 - datetime.timedelta(hours=20))
    return item


@pytest.fixture
def worker(monkeypatch):
    """Tasks as a worker runs them: what a task queues for later is kept here instead (with its delay)."""
    later: list[tuple[int, float]] = []
    monkeypatch.setattr(
        tasks.deliver_notification, "apply_async", lambda args, countdown: later.append((*args, countdown))
    )
    saved, celery_app.conf.task_always_eager = celery_app.conf.task_always_eager, False
    yield later
    celery_app.conf.task_always_eager = saved


def urge(cast, item, note: str) -> Notification:
    [notice] = services.urge(item, cast.inspector, note)
    return notice


def deliver(notice) -> str:
    return tasks.deliver_notification.apply(args=[notice.pk]).get()


def test_notices_about_one_item_within_the_window_go_as_one_message_when_it_closes(cast, item, worker):
    with at(0):
        first = urge(cast, item, "请报送进度")
    with at(60):
        second = urge(cast, item, "今天务必报送")
    with at(30):
        assert deliver(first) == "waiting"  # the window is open: the worker comes back when it closes
    assert worker == [(first.pk, 90.0)] and RecordingChannel.messages == []
    with at(121):
        assert deliver(first) == "delivered"
        assert deliver(second) == "already delivered"
    assert RecordingChannel.messages == [(first.pk, second.pk)]
    assert Notification.objects.filter(pk__in=[first.pk, second.pk], delivered_at__isnull=True).count() == 0
    assert Delivery.objects.filter(notification__in=[first, second], sent_at__isnull=False).count() == 2


def test_a_notice_after_the_window_goes_in_a_message_of_its_own(cast, item, worker):
    with at(0):
        first = urge(cast, item, "请报送进度")
    with at(121):
        second = urge(cast, item, "今天务必报送")
        assert deliver(first) == "delivered"
        assert deliver(second) == "waiting"
    with at(241):
        assert deliver(second) == "delivered"
    assert RecordingChannel.messages == [(first.pk,), (second.pk,)]


def test_notices_of_two_items_or_two_people_are_not_merged(cast, item, worker):
    other = item_at(cast, "work", number="2.")
    Notification.objects.update(delivered_at=T0)
    with at(0):
        first, second = urge(cast, item, "请报送"), urge(cast, other, "请报送")
    with at(200):
        deliver(first), deliver(second)
    assert RecordingChannel.messages == [(first.pk,), (second.pk,)]


def test_the_merged_message_names_the_item_and_lists_each_notice(cast, item, settings):
    settings.NOTIFICATION_CHANNELS = ["email"]
    with at(0):
        first = urge(cast, item, "请报送进度")
        urge(cast, item, "今天务必报送")
    with at(200):
        deliver(first)
    [message] = mail.outbox
    assert message.subject == f"【落实】关于“{item}”的2条通知"
    assert message.body.splitlines()[:4] == [f"1. 催办：{item}", "   请报送进度", f"2. 催办：{item}", "   今天务必报送"]


def test_without_a_worker_what_is_stored_together_goes_at_once_as_one_message(
    cast, item, django_capture_on_commit_callbacks
):
    with at(0), django_capture_on_commit_callbacks(execute=True):
        first = urge(cast, item, "请报送进度")
        second = urge(cast, item, "今天务必报送")
    assert RecordingChannel.messages == [(first.pk, second.pk)]


def test_with_the_window_at_zero_each_notice_goes_alone_at_once(cast, item, worker, settings):
    settings.NOTIFY_MERGE_SECONDS = 0
    with at(0):
        first = urge(cast, item, "请报送进度")
        second = urge(cast, item, "今天务必报送")
        assert [deliver(first), deliver(second)] == ["delivered", "delivered"]
    assert RecordingChannel.messages == [(first.pk,), (second.pk,)] and worker == []


def test_a_failed_merged_message_is_sent_again_whole_and_once(cast, item):
    with at(0):
        first = urge(cast, item, "请报送进度")
        second = urge(cast, item, "今天务必报送")
    RecordingChannel.fail_with = "网关超时"
    with at(200), pytest.raises(Retry):
        deliver(second)
    assert set(Delivery.objects.filter(notification__in=[first, second]).values_list("error", "attempts")) == {
        ("网关超时", 1)
    }
    RecordingChannel.fail_with = ""
    with at(300):
        assert deliver(first) == "delivered"
        assert deliver(second) == "already delivered"
    assert RecordingChannel.messages == [(first.pk, second.pk)]


def test_the_sweeps_notices_of_one_morning_about_one_item_are_one_message(cast, django_capture_on_commit_callbacks):
    """The issue's five notices in one minute: the sweep tells the official the item is overdue and
    takes it up the ladder in the same run."""
    from workflow.supervision import sweep

    item = item_at(cast, "work")
    Notification.objects.update(delivered_at=timezone.now())
    set_deadline(item, datetime.date(2030, 2, 1))
    with at(0), django_capture_on_commit_callbacks(execute=True):
        sweep(datetime.date(2030, 3, 4))
    told = list(Notification.objects.filter(recipient=cast.official, delivered_at__gte=T0).order_by("id"))
    assert {"overdue", "escalation"} <= {notice.kind for notice in told} and len(told) >= 3
    ids = tuple(notice.pk for notice in told)
    assert [message for message in RecordingChannel.messages if set(message) & set(ids)] == [ids]
    # and everyone the ladder told (the lead leader, the committee) got one message too
    per_person = Notification.objects.filter(delivered_at__gte=T0).values_list("recipient", flat=True).distinct()
    assert len(RecordingChannel.messages) == per_person.count() > 1


# --- each person's channels ------------------------------------------------------------------------------


def test_a_person_turns_a_channel_off_on_his_page_and_delivery_respects_it(cast, item, settings):
    settings.NOTIFICATION_CHANNELS = ["email", "recording"]
    official = Browser(cast.official)
    page = plain_text(official.get(url("notification_channels")))
    assert "电子邮件" in page and "记录（测试用）" in page

    official.submit(url("notification_channels"), {"channels": ["email"]})
    assert NotificationPreference.objects.get(person=cast.official).muted_channels == ["recording"]

    with at(0):
        notice = urge(cast, item, "请报送进度")
    with at(200):
        assert deliver(notice) == "delivered"
    assert len(mail.outbox) == 1 and RecordingChannel.messages == []
    assert list(Delivery.objects.filter(notification=notice).values_list("channel", flat=True)) == ["email"]


def test_with_every_channel_off_a_notice_stays_in_the_app_only(cast, item, settings):
    settings.NOTIFICATION_CHANNELS = ["email", "recording"]
    Browser(cast.official).submit(url("notification_channels"), {})
    with at(0):
        notice = urge(cast, item, "请报送进度")
    with at(200):
        assert deliver(notice) == "delivered"
    assert mail.outbox == [] and RecordingChannel.messages == [] and not Delivery.objects.exists()
    assert "请报送进度" in plain_text(Browser(cast.official).get(url("notifications")))


def test_another_persons_choice_changes_nothing_for_me(cast, item, settings):
    settings.NOTIFICATION_CHANNELS = ["email", "recording"]
    Browser(cast.official2).submit(url("notification_channels"), {})
    with at(0):
        notice = urge(cast, item, "请报送进度")
    with at(200):
        deliver(notice)
    assert len(mail.outbox) == 1 and RecordingChannel.messages == [(notice.pk,)]


def test_a_channel_turned_off_stays_off_while_it_is_not_configured(cast, settings):
    settings.NOTIFICATION_CHANNELS = ["email", "recording"]
    official = Browser(cast.official)
    official.submit(url("notification_channels"), {"channels": ["recording"]})
    settings.NOTIFICATION_CHANNELS = ["recording"]
    official.submit(url("notification_channels"), {"channels": ["recording"]})
    assert NotificationPreference.objects.get(person=cast.official).muted_channels == ["email"]


def test_the_page_says_when_a_channel_cannot_reach_the_person(cast, settings):
    settings.NOTIFICATION_CHANNELS = ["sms"]
    settings.SMS_GATEWAY_URL = "https://sms.example.cn/send"
    page = plain_text(Browser(cast.official).get(url("notification_channels")))
    assert "短信（目前无法送达您" in page  # no phone number
    settings.NOTIFICATION_CHANNELS = []
    page = plain_text(Browser(cast.official).get(url("notification_channels")))
    assert "本系统未配置站外通知渠道，通知只在站内显示。" in page


def test_an_unknown_channel_posted_is_refused_and_nothing_saved(cast, settings):
    settings.NOTIFICATION_CHANNELS = ["email"]
    page = Browser(cast.official).submit(url("notification_channels"), {"channels": ["fax"]})
    assert page.status_code == 200 and "fax" in plain_text(page)
    assert not NotificationPreference.objects.exists()


def test_the_channels_page_needs_a_login(db):
    response = Browser().get(url("notification_channels"))
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_a_instruction_merges_with_an_urge_to_the_official_as_the_other_kinds_do(cast, item, worker):
    from workflow import instructions

    with at(0):
        urged = urge(cast, item, "请报送进度")
    with at(30):
        instructions.instruct(item, cast.leader, "请月底前报送台账")
        instructed = Notification.objects.get(recipient=cast.official, kind=Notification.Kind.INSTRUCTION)
    with at(200):
        assert deliver(urged) == "delivered"
        assert deliver(instructed) == "already delivered"
    assert (urged.pk, instructed.pk) in RecordingChannel.messages
