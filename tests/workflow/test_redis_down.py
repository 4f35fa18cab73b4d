"""Redis stopped in the middle of the work: the users' actions and the sweep still succeed, their
notifications are stored undelivered, and once Redis is back beat's resend sweep has a real worker
deliver each of them exactly once (store first, send after).

The test runs a Redis of its own, on a free port, so that it can kill it without touching the Redis
other tests and services use.
"""

import datetime
import logging
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
import redis
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from config import celery_app
from responsibility.models import ItemStatus, ReportCadence
from tests.browser import Browser
from tests.conftest import _unavailable
from tests.workflow.drive import find_task, item_at
from tests.workflow.test_celery_worker import _drop_connections, start_worker, wait_for
from workflow.models import Delivery, Notification
from workflow.supervision import sweep
from workflow.tasks import RESEND_AFTER, resend_undelivered

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


class OwnRedis:
    """A throwaway redis-server: no snapshots, no append-only file, so a kill loses the queue as a
    crash would."""

    def __init__(self, binary: str, log: Path) -> None:
        self.binary, self.log = binary, log
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("a") as out:
            self.process = subprocess.Popen(
                [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        assert wait_for(self.answers, timeout=10), self.log.read_text()[-2000:]

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        assert not self.answers()

    def answers(self) -> bool:
        try:
            return redis.Redis(port=self.port, socket_connect_timeout=0.5).ping()
        except redis.ConnectionError:
            return False


@pytest.fixture
def own_redis(tmp_path):
    binary = shutil.which("redis-server")
    if binary is None:
        _unavailable("redis-server is not installed")
    server = OwnRedis(binary, tmp_path / "redis.log")
    server.start()
    saved = celery_app.conf.task_always_eager, celery_app.conf.broker_url
    celery_app.conf.task_always_eager, celery_app.conf.broker_url = False, server.url
    _drop_connections()
    yield server
    celery_app.conf.task_always_eager, celery_app.conf.broker_url = saved
    _drop_connections()
    if server.process.poll() is None:
        server.process.kill()
        server.process.wait(timeout=10)


@pytest.fixture
def worker(own_redis, tmp_path):
    """A real worker on our Redis, sending through the recording channel only (no mail), each notice
    on its own (merging is test_celery_worker's)."""
    log = tmp_path / "worker.log"
    process = start_worker(log, REDIS_URL=own_redis.url, NOTIFICATION_CHANNELS="recording", NOTIFY_MERGE_SECONDS="0")
    assert wait_for(lambda: "ready." in log.read_text(), timeout=60), log.read_text()[-3000:]
    yield log
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def late_item(cast):
    """Due ten days ago: the sweep marks it overdue and takes it up to 催办 (seven days late)."""
    today = timezone.localdate()
    item = cast.item("逾期事项", number="2.", deadline=today - datetime.timedelta(days=10))
    item.status, item.started_on = ItemStatus.IN_PROGRESS, today - datetime.timedelta(days=100)
    item.report_cadence = ReportCadence.NONE
    item.save()
    return item


def timed(action):
    start = time.monotonic()
    response = action()
    return response, time.monotonic() - start


def results(log: Path) -> list[str]:
    """What each delivery task the worker ran returned."""
    return re.findall(r"deliver_notification\[[^\]]+\] succeeded in [\d.]+s: '([^']+)'", log.read_text())


def delivered_lines(log: Path) -> dict[int, int]:
    """How many times the worker says it delivered each notification."""
    counts: dict[int, int] = {}
    for pk in re.findall(r"notification (\d+) delivered to", log.read_text()):
        counts[int(pk)] = counts.get(int(pk), 0) + 1
    return counts


def test_with_redis_stopped_actions_succeed_and_their_notices_go_out_once_it_is_back(
    cast_committed, own_redis, worker, caplog
):
    cast = cast_committed
    item = item_at(cast, "work")
    late = late_item(cast)
    # What the hand-over told (交办) went out while Redis was up; what follows is the test's.
    assert wait_for(lambda: not Notification.objects.filter(delivered_at__isnull=True).exists(), timeout=60)
    before = Notification.objects.order_by("-id").values_list("id", flat=True).first()
    own_redis.kill()
    caplog.set_level(logging.WARNING, logger="workflow.notifications")

    # The inspector urges and takes the item up the ladder, the official reports, through the pages.
    inspector, official = Browser(cast.inspector), Browser(cast.official)
    page = reverse("workflow:item", args=[item.pk])
    urged, urge_took = timed(
        lambda: inspector.submit(
            reverse("workflow:urge", args=[item.pk]), {"note": "请于周五前报送进度"}, form_page=page
        )
    )
    escalated, escalate_took = timed(
        lambda: inspector.submit(
            reverse("workflow:escalate", args=[item.pk]), {"level": "2", "note": "进度滞后"}, form_page=page
        )
    )
    task_page = reverse("workflow:task", args=[find_task(item, "work").pk])
    report = {"action": "report", "period": "2021-03", "percent_done": "40", "narrative": "已接待咨询 80 起"}
    reported, report_took = timed(lambda: official.submit(task_page, report))
    assert [urged.status_code, escalated.status_code, reported.status_code] == [302, 302, 302]
    # kombu retries for a moment, then gives up: the page is slower, never broken.
    assert max(urge_took, escalate_took, report_took) < 5, (urge_took, escalate_took, report_took)
    # And the daily sweep, as `manage.py supervise` runs it from cron, with the broker gone.
    result = sweep()
    assert result.notices.get("overdue") == 1 and result.escalations == 2

    item.refresh_from_db()
    assert (item.escalation_level, item.percent_done) == (2, 40)
    assert list(item.events.filter(kind__in=["urged", "escalated", "reported"]).values_list("kind", flat=True)) == [
        "urged",
        "escalated",
        "escalated",
        "reported",
    ]
    stored = Notification.objects.filter(id__gt=before).order_by("id")
    kinds = sorted(stored.values_list("item", "kind"))
    assert ("urge" in {kind for _item, kind in kinds}) and (late.pk, "overdue") in kinds
    assert not stored.filter(delivered_at__isnull=False).exists()
    assert not Delivery.objects.filter(notification__in=stored).exists()
    refused = [r.getMessage() for r in caplog.records if r.name == "workflow.notifications"]
    assert len(refused) == 3 and all("left for the resend sweep" in line for line in refused), refused

    # Redis comes back (empty: what was queued before the kill died with it). The worker reconnects
    # by itself; beat's resend sweep, five minutes on, queues what is still undelivered. Two beat
    # ticks (or a second beat process) queue it twice: still each notification is sent once.
    own_redis.start()
    assert wait_for(lambda: worker.read_text().count("Connected to redis://") >= 2, timeout=90), worker.read_text()[
        -3000:
    ]
    stored.update(created_at=F("created_at") - RESEND_AFTER - datetime.timedelta(seconds=1))
    earlier = len(results(worker))  # the 交办's delivery, before the kill
    resend_undelivered.delay()
    resend_undelivered.delay()
    everything = set(stored.values_list("id", flat=True))
    # The solo worker runs both ticks first, then every notification's delivery twice.
    done = wait_for(lambda: len(results(worker)) - earlier == 2 * len(everything), timeout=60)
    assert done, worker.read_text()[-3000:]

    assert sorted(results(worker)[earlier:]) == ["already delivered"] * len(everything) + ["delivered"] * len(
        everything
    )
    assert {pk: n for pk, n in delivered_lines(worker).items() if pk in everything} == {pk: 1 for pk in everything}
    assert not stored.filter(delivered_at__isnull=True).exists()
    deliveries = Delivery.objects.filter(notification__in=everything)
    assert sorted(deliveries.values_list("notification", "channel", "attempts")) == [
        (pk, "recording", 1) for pk in sorted(everything)
    ]
    assert not deliveries.filter(sent_at__isnull=True).exists()
