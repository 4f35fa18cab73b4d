"""The daily sweep split per organisation: one Celery task each (a chord), which workers take in
parallel; together they leave what one sweep of everything leaves, and a failure is retried for its
organisation alone."""

import datetime

import pytest
from django.db import OperationalError, transaction

import workflow.supervision
from config import celery_app
from responsibility.models import (
    Assignment,
    ItemEvent,
    ItemStatus,
    MissedReport,
    Person,
    Post,
    ReportCadence,
    ResponsibilityItem,
    Unit,
    WorkPlan,
)
from workflow.models import LightCount, Notification
from workflow.supervision import organisations_to_sweep, sweep
from workflow.tasks import SWEEP_RETRIES, supervision_sweep, sweep_all

D = datetime.date
DAYS = [D(2021, 1, 26), D(2021, 3, 26), D(2021, 7, 12)]


class Town:
    """A second organisation on the same installation: its own plan, unit and official."""

    def __init__(self) -> None:
        self.unit = Unit.objects.create(name="天星镇", kind=Unit.Kind.ORGANISATION)
        office = Unit.objects.create(name="综治办", parent=self.unit)
        holder = Person.objects.create_user(username="town-official", password="x", full_name="郑主任")
        self.post = Post.objects.create(unit=office, title="综治办主任", role=Post.Role.OFFICIAL, holder=holder)
        self.plan = WorkPlan.objects.create(
            organisation=self.unit, year=2021, title="天星镇2021年工作要点", status=WorkPlan.Status.PUBLISHED
        )

    def item(self, number: int, **fields) -> ResponsibilityItem:
        return ResponsibilityItem.objects.create(
            plan=self.plan,
            number=f"{number}.",
            title=f"镇第{number}项工作",
            responsible_post=self.post,
            status=ItemStatus.IN_PROGRESS,
            started_on=D(2021, 1, 1),
            **fields,
        )


@pytest.fixture
def district(cast):
    """Two organisations, each with items reporting monthly, due in March, June and later."""
    cast.plan.year = 2021
    cast.plan.save()
    for n, deadline in enumerate([D(2021, 3, 31), D(2021, 6, 30), D(2021, 12, 31)], start=1):
        item = cast.item(f"街道第{n}项工作", number=f"{n}.", deadline=deadline)
        item.report_cadence, item.report_day = ReportCadence.MONTHLY, 25
        item.status, item.started_on = ItemStatus.IN_PROGRESS, D(2021, 1, 1)
        item.save()
    town = Town()
    for n, deadline in enumerate([D(2021, 2, 28), D(2021, 7, 15), D(2021, 9, 30)], start=1):
        town.item(n, deadline=deadline, report_cadence=ReportCadence.QUARTERLY, report_day=30)
    return cast, town


def state() -> dict:
    """What the sweeps leave: every supervised column, notice, timeline step, missed deadline and count."""
    supervised = ("rag", "rag_reason", "expected_percent", "next_report_due", "reports_missed", "escalation_level")
    return {
        "items": sorted(ResponsibilityItem.objects.values_list("pk", *supervised)),
        "units": sorted(Assignment.objects.values_list("pk", *supervised)),
        "notices": sorted(Notification.objects.values_list("key", "recipient", "kind", "title", "item")),
        "events": sorted(
            (item, kind, str(data))
            for item, kind, data in ItemEvent.objects.filter(kind__in=["escalated", "contribution_missed"]).values_list(
                "item", "kind", "data"
            )
        ),
        "missed": sorted(MissedReport.objects.values_list("item", "assignment", "due")),
        "lights": sorted(LightCount.objects.values_list("day", "plan", "category", "unit", "red", "yellow", "green")),
    }


class Rollback(Exception):
    pass


def test_beat_queues_one_sweep_per_organisation_with_a_published_plan(district, monkeypatch):
    cast, town = district
    elsewhere = Unit.objects.create(name="渝北区", kind=Unit.Kind.ORGANISATION)
    WorkPlan.objects.create(organisation=elsewhere, year=2021, title="草稿")  # a draft: nothing to sweep
    swept = []
    real = workflow.supervision.sweep
    monkeypatch.setattr(workflow.supervision, "sweep", lambda *a, **k: swept.append(a[1]) or real(*a, **k))

    queued = supervision_sweep.delay("2021-01-26").get()

    assert organisations_to_sweep() == sorted([cast.street.pk, town.unit.pk])  # not the one with a draft only
    assert queued == {"day": "2021-01-26", "organisations": organisations_to_sweep()}
    assert sorted(swept) == organisations_to_sweep()


def test_the_organisations_together_leave_what_one_sweep_of_everything_leaves(district):
    singles = []
    with pytest.raises(Rollback), transaction.atomic():
        for day in DAYS:
            singles.append(sweep(day).as_dict())
        alone = state()
        raise Rollback
    assert not Notification.objects.filter(kind="report_missed").exists()

    summaries = [sweep_all(day.isoformat(), organisations_to_sweep()).get() for day in DAYS]

    assert state() == alone
    assert alone["notices"] and alone["events"] and alone["missed"]  # the comparison compares something
    assert {notice[1] for notice in alone["notices"]} >= {district[0].official.pk, district[1].post.holder_id}
    for summary, single in zip(summaries, singles, strict=True):
        assert summary["failed"] == [] and summary["organisations"] == 2
        for name in ("relit", "escalations", "counted", "contributions_missed"):
            assert summary[name] == single[name]
        assert {k: v for k, v in summary["notices"].items() if k != "already_stored"} == {
            k: v for k, v in single["notices"].items() if k != "already_stored"
        }


def failing(monkeypatch, organisation: int, times: int) -> list[int]:
    """``organisation``'s sweep raises a database error its first ``times`` runs; returns the
    organisations swept, one entry per run."""
    runs: list[int] = []
    real = workflow.supervision.sweep

    def flaky(day, org, **kwargs):
        runs.append(org)
        if org == organisation and runs.count(org) <= times:
            raise OperationalError("deadlock detected")
        return real(day, org, **kwargs)

    monkeypatch.setattr(workflow.supervision, "sweep", flaky)
    return runs


def test_a_failed_organisation_is_retried_alone(district, monkeypatch, retrying):
    cast, town = district
    runs = failing(monkeypatch, town.unit.pk, times=2)

    summary = sweep_all("2021-03-26", organisations_to_sweep()).get()

    assert runs.count(cast.street.pk) == 1  # not swept again for the other's failure
    assert runs.count(town.unit.pk) == 3
    assert summary["failed"] == []
    # Each notice once: the town's item overdue since February, the street's three items' missed reports.
    assert Notification.objects.filter(recipient=town.post.holder, kind="overdue").count() == 1
    assert Notification.objects.filter(recipient=cast.official, kind="report_missed").count() == 3 * 3


def test_an_organisation_failing_every_retry_is_reported_and_the_others_are_swept(
    district, monkeypatch, caplog, retrying
):
    cast, town = district
    runs = failing(monkeypatch, town.unit.pk, times=SWEEP_RETRIES + 1)

    summary = sweep_all("2021-03-26", organisations_to_sweep()).get()

    assert runs.count(town.unit.pk) == SWEEP_RETRIES + 1
    assert summary["failed"] == [town.unit.pk] and summary["organisations"] == 2
    assert f"left out organisations [{town.unit.pk}]" in caplog.text
    assert not Notification.objects.filter(recipient=town.post.holder).exists()
    assert Notification.objects.filter(recipient=cast.official, kind="report_missed").exists()


def test_a_sweep_of_one_organisation_leaves_the_others_plans_alone(district):
    cast, town = district
    sweep(D(2021, 3, 26), town.unit.pk)
    assert set(LightCount.objects.values_list("plan", flat=True)) == {town.plan.pk}
    assert not cast.plan.items.exclude(rag="").exists()
    assert not Notification.objects.filter(item__plan=cast.plan).exists()
    assert not town.plan.items.filter(rag="").exists()


def test_sweeps_notifications_and_imports_have_queues_of_their_own():
    def queue(name: str) -> str:
        return celery_app.amqp.router.route({}, name, (), {})["queue"].name

    assert {queue("workflow.tasks.supervision_sweep"), queue("workflow.tasks.sweep_organisation")} == {"sweeps"}
    assert queue("assessment.tasks.score_scheme") == "sweeps"
    assert {queue("workflow.tasks.deliver_notification"), queue("workflow.tasks.resend_undelivered")} == {
        "notifications"
    }
    assert {queue("responsibility.tasks.run_import"), queue("responsibility.tasks.scan_evidence")} == {"imports"}
    assert queue("workflow.tasks.heartbeat") == "celery"
    # A worker started without -Q (the README's one-worker line) listens to all of them.
    assert {q.name for q in celery_app.conf.task_queues} == {"celery", "sweeps", "notifications", "imports"}
