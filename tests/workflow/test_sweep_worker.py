"""A worker killed in the middle of a sweep, then restarted: the sweep runs again, nothing is lost
or doubled (acks_late + reject on worker lost; one transaction; keys the database keeps unique)."""

import datetime
import signal
import time

import pytest
from django.db import connection

from config import celery_app
from responsibility.models import ItemStatus, ReportCadence, ResponsibilityItem
from tests.workflow.test_celery_worker import broker, start_worker, wait_for  # noqa: F401 – fixtures
from workflow.models import Notification
from workflow.supervision import SWEEP_LOCK
from workflow.tasks import supervision_sweep

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

D = datetime.date
ITEMS = 3000  # enough work that the sweep is still running when it is killed


def many_late_items(cast):
    cast.plan.year = 2021
    cast.plan.save()
    template = cast.item(deadline=D(2021, 3, 31), report_cadence=ReportCadence.MONTHLY, report_day=25)
    rows = []
    for n in range(ITEMS):
        template.pk, template.id, template._state.adding = None, None, True
        template.number, template.title = f"{n + 1}.", f"事项{n + 1}"
        template.status, template.started_on = ItemStatus.IN_PROGRESS, D(2021, 1, 1)
        rows.append(
            ResponsibilityItem(**{f.attname: getattr(template, f.attname) for f in template._meta.concrete_fields})
        )
    ResponsibilityItem.objects.bulk_create(rows)


def sweep_in_progress() -> bool:
    """The sweep holds its advisory lock exactly while its transaction is open (an organisation's
    sweep holds it shared, and its organisation's besides)."""
    with connection.cursor() as cursor:
        cursor.execute(
            # This database's: advisory locks of every database on the server are listed.
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = %s AND granted"
            " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            [SWEEP_LOCK],
        )
        return cursor.fetchone()[0] > 0


def restore_unacknowledged() -> int:
    """What a live worker's Redis transport does every few minutes: put messages back whose
    worker never acknowledged them within the visibility timeout (here shortened to a second)."""
    time.sleep(1.5)
    with celery_app.connection_for_write(transport_options={"visibility_timeout": 1}) as conn:
        qos = conn.default_channel.qos
        with conn.default_channel.conn_or_acquire() as client:
            waiting = client.zcard(qos.unacked_index_key)
        qos.restore_visible(num=100, interval=1)
    return waiting


def test_a_worker_killed_mid_sweep_loses_nothing_and_doubles_nothing(cast_committed, broker, tmp_path):  # noqa: F811
    many_late_items(cast_committed)
    log = tmp_path / "worker.log"
    first = start_worker(log)
    supervision_sweep.delay("2021-04-26")
    assert wait_for(sweep_in_progress, timeout=60), log.read_text()[-3000:]
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=20)
    assert not Notification.objects.exists()  # the killed sweep's transaction left nothing
    assert restore_unacknowledged() == 1  # the sweep was never acknowledged: it comes back

    second = start_worker(log)
    try:
        done = wait_for(lambda: Notification.objects.filter(kind="overdue").count() == ITEMS, timeout=90)
        assert done, log.read_text()[-3000:]
    finally:
        second.terminate()
        second.wait(timeout=20)
    keys = list(Notification.objects.values_list("key", flat=True))
    assert len(keys) == len(set(keys))
    # Each item missed January, February, March and April: four notices each, no more.
    assert Notification.objects.filter(kind="report_missed").count() == 4 * ITEMS
    assert set(
        ResponsibilityItem.objects.filter(status=ItemStatus.IN_PROGRESS).values_list("reports_missed", flat=True)
    ) == {4}


def test_a_worker_sweeps_each_organisation_as_a_task_of_its_own_then_sums_them_up(
    cast_committed,
    broker,  # noqa: F811
    tmp_path,
):
    from tests.workflow.test_sweep_fan_out import Town

    many_late_items(cast_committed)
    town = Town()
    town.item(1, deadline=D(2021, 3, 31), report_cadence=ReportCadence.MONTHLY, report_day=25)
    log = tmp_path / "worker.log"
    worker = start_worker(log)
    try:
        supervision_sweep.delay("2021-04-26")
        assert wait_for(lambda: "the sweep of 2021-04-26" in log.read_text(), timeout=120), log.read_text()[-3000:]
    finally:
        worker.terminate()
        worker.wait(timeout=20)
    text = log.read_text()
    assert text.count("workflow.tasks.sweep_organisation[") >= 2
    assert f"'organisation': {cast_committed.street.pk}," in text and f"'organisation': {town.unit.pk}," in text
    assert "'organisations': 2" in text and "'failed': []" in text
    assert Notification.objects.filter(kind="overdue", recipient=town.post.holder).count() == 1
    assert Notification.objects.filter(kind="overdue").count() == ITEMS + 1
