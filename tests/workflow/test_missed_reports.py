"""漏报: every reporting deadline missed is kept for the year (``MissedReport``), once, per unit; the
sweep's counter of reports missed in a row resets on a report, the record does not."""

from __future__ import annotations

import contextlib
import datetime

import pytest
import time_machine
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from responsibility.models import Assignment, MissedReport
from responsibility.reporting import record_report
from tests.assessment.scenario import split
from tests.threads import at_once
from tests.workflow.test_supervision import working
from workflow.supervision import sweep

D = datetime.date
Role = Assignment.Role


def two_units(cast, **fields):
    """A working item (monthly by the 25th, from 1 January 2021) of 司法所 (lead) and 兴科社区."""
    item = working(cast, **fields)
    lead = (cast.justice, cast.posts["official"], Role.LEAD)
    parts = split(item, lead, (cast.community, cast.posts["official2"], Role.RESPONSIBLE))
    Assignment.objects.filter(item=item).update(started_on=D(2021, 1, 1))
    return item, parts


def missed(**where) -> list[tuple[str | None, datetime.date]]:
    rows = MissedReport.objects.filter(**where).order_by("assignment__order", "due")
    return [(row.assignment.unit.name if row.assignment else None, row.due) for row in rows]


def sweep_on(day: datetime.date) -> None:
    with time_machine.travel(datetime.datetime(day.year, day.month, day.day, 6, 30), tick=False):
        sweep(day)


def test_each_missed_deadline_is_recorded_once_per_unit_and_a_late_report_keeps_it(cast):
    item, (_lead, community) = two_units(cast)
    day = D(2021, 1, 1)
    while day <= D(2021, 4, 10):
        sweep_on(day)
        if day.day == 26:
            sweep_on(day)  # run again the same day: nothing twice
        if day == D(2021, 2, 27):
            # 兴科社区 reports two days after February's deadline: late, so February stays missed
            # (the report is March's, the next is owed on 25 April).
            with time_machine.travel(datetime.datetime(2021, 2, 27, 10), tick=False):
                record_report(
                    community, cast.official2, kind="progress", period="2021-02", percent_done=30, narrative="进展"
                )
        day += datetime.timedelta(days=1)

    assert missed(item=item) == [
        ("司法所", D(2021, 1, 25)),
        ("司法所", D(2021, 2, 25)),
        ("司法所", D(2021, 3, 25)),
        ("兴科社区", D(2021, 1, 25)),
        ("兴科社区", D(2021, 2, 25)),
    ]
    community.refresh_from_db()
    assert (community.reports_missed, community.next_report_due) == (0, D(2021, 4, 25))  # the counter reset


def test_an_item_without_units_records_its_own_misses(cast):
    item = working(cast)
    sweep_on(D(2021, 1, 26))
    sweep_on(D(2021, 3, 1))
    sweep_on(D(2021, 3, 1))
    assert missed(item=item) == [(None, D(2021, 1, 25)), (None, D(2021, 2, 25))]
    # The opposite fact: nothing missed before the first deadline.
    assert not MissedReport.objects.filter(due__lt=D(2021, 1, 25)).exists()


class _Rollback(Exception):
    pass


def _sweep_queries(cast, count: int) -> int:
    """The statements of one sweep finding two missed deadlines on each unit of ``count`` items."""
    with contextlib.suppress(_Rollback), transaction.atomic():
        for n in range(count):
            two_units(cast, title=f"事项{n}", number=f"{n + 1}.")
        sweep(D(2021, 1, 20))  # the schedules start
        with CaptureQueriesContext(connection) as captured:
            sweep(D(2021, 3, 1))
        assert MissedReport.objects.count() == 2 * 2 * count
        raise _Rollback
    return len(captured)


def test_recording_the_misses_costs_the_same_for_2_and_10_items(cast):
    assert _sweep_queries(cast, 2) == _sweep_queries(cast, 10)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_the_same_moment_record_each_missed_deadline_once(cast_committed):
    items = [two_units(cast_committed, title=f"事项{n}", number=f"{n}.")[0] for n in range(1, 11)]
    errors = at_once(lambda: sweep(D(2021, 2, 26)), lambda: sweep(D(2021, 2, 26)))
    assert errors == []
    # January's and February's deadlines, for each of the two units of each item.
    assert MissedReport.objects.count() == 2 * 2 * len(items)
    assert set(MissedReport.objects.values_list("due", flat=True)) == {D(2021, 1, 25), D(2021, 2, 25)}
