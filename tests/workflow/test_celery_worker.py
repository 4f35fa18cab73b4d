"""The urge notification goes through a real Celery worker and Redis, and only after commit."""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import pytest
import redis
from django.db import connection, transaction
from kombu import pools as kombu_pools

from config import celery_app
from tests.workflow.drive import item_at
from workflow import services
from workflow.models import Notification

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
# Every queue a task may be routed to (config/settings.py): a notice waits in "notifications", an
# import in "imports"; a worker started without -Q listens to all of them.
QUEUES = [queue.name for queue in celery_app.conf.task_queues]


def waiting(client) -> int:
    """Messages queued and not yet taken by a worker, on every queue."""
    return sum(client.llen(name) for name in QUEUES)


def _broker_url() -> str:
    # A database of its own, so that the test can look at the queue without noise.
    parts = urlsplit(os.environ["LUOSHI_TEST_REDIS_URL"])
    return urlunsplit((parts.scheme, parts.netloc, "/15", "", ""))


def _database_url() -> str:
    s = connection.settings_dict
    auth = quote(s["USER"] or "postgres") + (f":{quote(s['PASSWORD'])}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def broker():
    url = _broker_url()
    client = redis.Redis.from_url(url)
    client.flushdb()
    saved = celery_app.conf.task_always_eager, celery_app.conf.broker_url
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = url
    _drop_connections()
    yield client
    celery_app.conf.task_always_eager, celery_app.conf.broker_url = saved
    _drop_connections()
    client.flushdb()


def _drop_connections() -> None:
    """Forget the producer connections to the test broker; the next send opens fresh ones."""
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
        celery_app._pool = None
    celery_app.amqp._producer_pool = None
    # kombu keeps producer pools in a process-wide registry keyed by broker URL: a second test that
    # sends to the same test broker would otherwise get the pool closed above.
    kombu_pools.reset()


def start_worker(log: Path, **env_extra) -> subprocess.Popen:
    """A real worker on the test database and the test broker, writing to ``log``."""
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": _broker_url(),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "SECRET_KEY": "test-only-secret-key-not-for-production",
        "DEBUG": "false",
        **env_extra,
    }
    with log.open("a") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "-P", "solo", "--loglevel=INFO"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


MERGE_SECONDS = 3  # the worker's merge window (NOTIFY_MERGE_SECONDS): short, so that the tests wait little


@pytest.fixture
def worker(broker, tmp_path):
    log = tmp_path / "worker.log"
    proc = start_worker(log, NOTIFICATION_CHANNELS="recording", NOTIFY_MERGE_SECONDS=str(MERGE_SECONDS))
    yield proc, log
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def urge(cast, item):
    [notice] = services.urge(item, cast.inspector, "请于本周内报送进度")  # the item's one unit
    return notice


def launched(cast):
    """An item handed over and accepted: the official is working on it, so it may be urged."""
    return item_at(cast, "work")


def wait_for(predicate, timeout=45.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_a_rolled_back_urge_sends_nothing(cast_committed, broker):
    item = launched(cast_committed)
    queued = waiting(broker)  # the hand-over's 交办, waiting for a worker

    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        urge(cast_committed, item)
        raise Abort

    assert waiting(broker) == queued
    assert not Notification.objects.filter(kind="urge").exists()
    assert not item.events.filter(kind="urged").exists()


def test_the_urge_is_queued_after_commit_and_delivered_by_the_worker(cast_committed, broker, worker):
    item = launched(cast_committed)
    # The hand-over's 交办 first goes out (the worker takes it off the queue and holds it out its window).
    assert wait_for(lambda: not Notification.objects.filter(delivered_at__isnull=True).exists())
    assert waiting(broker) == 0

    with transaction.atomic():
        notification = urge(cast_committed, item)
        assert waiting(broker) == 0, "sent before commit"
    assert Notification.objects.filter(pk=notification.pk).exists()

    proc, log = worker
    delivered = wait_for(lambda: Notification.objects.get(pk=notification.pk).delivered_at is not None)
    assert delivered, log.read_text()[-3000:]
    assert notification.recipient == cast_committed.official
    assert "deliver_notification" in log.read_text()


def test_the_worker_sends_notices_about_one_item_within_the_window_as_one_message(cast_committed, broker, worker):
    """The hand-over's 交办 and two urges a second apart, to the official about one item: the worker
    holds each until the window of the first still waiting closes, then sends them together."""
    item = launched(cast_committed)
    proc, log = worker
    assert wait_for(lambda: not Notification.objects.filter(delivered_at__isnull=True).exists()), log.read_text()[
        -3000:
    ]
    first = urge(cast_committed, item)
    time.sleep(1)
    second = urge(cast_committed, item)

    both = Notification.objects.filter(pk__in=[first.pk, second.pk])
    assert wait_for(lambda: not both.filter(delivered_at__isnull=True).exists()), log.read_text()[-3000:]
    text = log.read_text()
    assert f"notification {first.pk} delivered to 赵所长 (one message of 2)" in text
    assert f"notification {second.pk} delivered to 赵所长 (one message of 2)" in text
    assert "'waiting'" in text  # held while the window was open
    first.refresh_from_db()
    assert (first.delivered_at - first.created_at).total_seconds() >= MERGE_SECONDS
