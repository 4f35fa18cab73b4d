"""bench/pages.py at a tiny size, so that the benchmark of issue 18 cannot rot: its data builder
(items through the real flow, then copied with SQL), gunicorn serving it, the measurement, the
query counts, and the copies being real items in the flow."""

from __future__ import annotations

import argparse
import datetime
import os

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.utils import timezone
from viewflow.workflow.models import Process

from bench import pages
from bench.lifecycle import fresh, ours_task
from responsibility.models import ItemStatus, Person, ResponsibilityItem, Unit
from workflow import services

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

SIZES = ["--items", "72", "--units", "4", "--people", "24", "--orgs", "2"]


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """Built once for the module, committed (gunicorn reads it), and flushed after, as
    ``transactional_db`` leaves the database; each test runs in a transaction of its own."""
    with django_db_blocker.unblock():
        pages.build(pages.parse_args(SIZES))
        cast = pages.cast()
        yield {"cast": cast, "credentials": pages.credentials(cast["users"])}
        call_command("flush", interactive=False, verbosity=0)


def _templates() -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT item_id FROM bench_pages_templates")
        return {pk for (pk,) in cursor.fetchall()}


def _copy(status: str) -> ResponsibilityItem:
    return ResponsibilityItem.objects.filter(status=status).exclude(pk__in=_templates()).latest("id")


def test_it_builds_the_organisations_and_the_mix_of_states(built):
    assert ResponsibilityItem.objects.count() == 72
    assert Unit.objects.filter(parent=None, kind=Unit.Kind.ORGANISATION).count() == 2
    assert Person.objects.filter(username__startswith=pages.TAG).count() == 24
    counts = dict(ResponsibilityItem.objects.order_by().values_list("status").annotate(n=Count("id")))
    assert set(counts) == {"deploying", "accepting", "in_progress", "claimed", "rectifying", "closed"}
    # Every item, copies too, has its own process; 待部署 items wait in the office's pool.
    assert Process.objects.filter(artifact_object_id__isnull=False).count() == 72
    assert counts["in_progress"] > counts["closed"] > counts["deploying"]


def test_an_item_at_work_at_the_last_quarters_end_gets_its_report_after_it(built):
    """As in real use: a past quarter's 季度汇报 has items to read back. At this size the copies'
    timelines go back days, not past the quarter's end: one is moved before it first."""
    from bench import steps_since

    moment = steps_since.last_quarter_end()
    item = _copy(ItemStatus.IN_PROGRESS)
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")  # the timeline refuses an UPDATE
        cursor.execute(
            "UPDATE responsibility_itemevent SET created_at = %s - interval '1 day' WHERE item_id = %s",
            [moment, item.pk],
        )
        cursor.execute("SET session_replication_role = origin")
    assert item.pk % steps_since.MOVED["in_progress"][1] == 0
    before = sum(steps_since.at_work_with_a_step_since().values())
    steps_since.move()
    reported = item.events.filter(kind="reported").values_list("created_at", flat=True)
    assert reported and all(moment <= at <= timezone.now() for at in reported)
    assert item.events.exclude(kind="reported").filter(created_at__gte=moment).count() == 0
    assert sum(steps_since.at_work_with_a_step_since().values()) == before + 1


def test_a_copy_goes_on_through_the_flow_like_an_item_of_its_own(built):
    item = _copy(ItemStatus.IN_PROGRESS)
    official = item.responsible_post.holder
    process = Process.objects.get(artifact_object_id=item.pk)
    period = f"{datetime.date.today():%Y-%m}"  # within the bench plan's year (this year)
    data = {"action": "claim", "period": period, "percent_done": "100", "narrative": "全年完成"}
    data[f"indicator_{item.indicators.get().pk}"] = "31"
    form = services.complete(fresh(official), ours_task(process.pk, "work", [], 0), data, {})
    assert form.is_valid(), form.errors
    item.refresh_from_db()
    assert item.status == ItemStatus.CLAIMED
    assert list(item.assignments.values_list("status", flat=True)) == [ItemStatus.CLAIMED]


def test_query_counts_are_the_same_with_more_copies(built):
    before = pages.count_queries(built["cast"])
    pages.clone([(pk, 2) for pk in sorted(_templates())])
    assert ResponsibilityItem.objects.count() == 72 + 2 * 24
    after = pages.count_queries(pages.cast())
    differ = {(p, u): (before[p][u], after[p][u]) for p in before for u in before[p] if before[p][u] != after[p][u]}
    assert not differ


def test_it_serves_and_measures_every_page_for_every_user(built, monkeypatch):
    server_url = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    monkeypatch.setenv("DATABASE_URL", f"{server_url}/{connection.settings_dict['NAME']}")  # the test's database
    # Two of the pages keep the test short (every page's queries are counted above).
    cast = {**built["cast"], "pages": {p: built["cast"]["pages"][p] for p in ("workspace", "board")}}
    args = argparse.Namespace(workers=1, port=0, clients=2, requests=2, seconds=5, single=1)
    measured = pages.measure(args, cast, built["credentials"])
    queries = {p: {u: {"queries": 1} for u in pages.USERS} for p in cast["pages"]}
    result = pages.report(pages.parse_args(SIZES), cast, measured, queries, queries, [0.0], [0.0])
    assert set(result["pages"]) == set(cast["pages"])
    office = {page: users["office"] for page, users in result["pages"].items()}
    assert all(row["status"] == {200: 2} and row["p95"] >= row["p50"] > 0 for row in office.values()), office
    assert result["pages"]["board"]["official"]["status"] == {404: 2}  # the board is not an official's page
    assert result["trivial"]["p95"] > 0 and result["queries_differ"] == []
    assert result["reference_ms"] > 0
