"""Store first, send after: a broker that is down never costs the user's action or the notice."""

import datetime

import time_machine
from django.utils import timezone
from kombu.exceptions import OperationalError

from tests.workflow.drive import item_at
from workflow import services, tasks
from workflow.models import Notification


def test_an_urge_succeeds_while_the_broker_is_down_and_is_sent_later(
    cast, monkeypatch, django_capture_on_commit_callbacks
):
    item = item_at(cast, "work")
    Notification.objects.update(delivered_at=timezone.now())  # the 交办 went out when it was deployed

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    with monkeypatch.context() as patch:
        patch.setattr(tasks.deliver_notification, "delay", broker_down)
        with django_capture_on_commit_callbacks(execute=True):
            [notification] = services.urge(item, cast.inspector, "请于周五前报送")

    notification.refresh_from_db()
    assert notification.delivered_at is None
    assert item.events.filter(kind="urged").count() == 1

    with time_machine.travel(datetime.timedelta(minutes=10)):
        assert tasks.resend_undelivered() == 1
    notification.refresh_from_db()
    assert notification.delivered_at is not None


def test_the_resend_sweep_leaves_fresh_and_delivered_notices_alone(cast):
    fresh = Notification.objects.create(recipient=cast.official, kind="urge", title="新通知")
    assert tasks.resend_undelivered() == 0
    fresh.refresh_from_db()
    assert fresh.delivered_at is None


def test_delivering_twice_sends_one_mail(cast, mailoutbox):
    notice = Notification.objects.create(recipient=cast.official, kind="urge", title="催办")
    assert tasks.deliver_notification(notice.pk) == "delivered"
    assert tasks.deliver_notification(notice.pk) == "already delivered"
    assert len(mailoutbox) == 1


def broker_down(*args, **kwargs):
    raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


def test_a_retry_asked_for_while_the_broker_is_down_still_answers_the_office(
    cast, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    from django.urls import reverse

    from tests.browser import Browser
    from workflow.models import Delivery

    notice = Notification.objects.create(recipient=cast.official, kind="urge", title="催办")
    failed = Delivery.objects.create(notification=notice, channel="email", attempts=1, error="网关超时")
    monkeypatch.setattr(tasks.deliver_notification, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        response = Browser(cast.office).submit(
            reverse("workflow:delivery_retry", args=[failed.pk]), form_page=reverse("workflow:delivery_failures")
        )
    assert response.status_code == 302
    assert [record.levelname for record in caplog.records if record.name == "workflow.notifications"] == ["WARNING"]


def test_the_sweeps_notices_wait_for_the_resend_sweep_while_the_broker_is_down(
    cast, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    from workflow.supervision import sweep

    item = cast.item(deadline=datetime.date(2021, 1, 31))
    item.status = "in_progress"
    item.save()
    monkeypatch.setattr(tasks.deliver_pending, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        sweep(datetime.date(2021, 2, 2))
    assert Notification.objects.filter(kind="overdue", delivered_at__isnull=True).count() == 1
    assert "left for the resend sweep" in caplog.text
