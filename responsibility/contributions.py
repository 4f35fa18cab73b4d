"""会办: what a cooperating unit (配合单位) gives the lead unit of an item, and when it is missed.

A cooperating unit has no branch of its own work: it submits one contribution (its text, evidence and
indicator values) to the lead unit by its assignment's deadline, the 会办 date the office set at
deploy. Whether it did is one fact, read here for every page, the sweep and the year-end scoring:

* given: the day its contribution was submitted (``ItemEvent.Kind.CONTRIBUTED``);
* closed: the day the item closed with the contribution still open (``CONTRIBUTION_CLOSED``): the
  lead no longer needed it;
* missed by the end of a day: the 会办 date had passed by then and nothing had been given by that
  date – unless the item closed on or before the date, when nobody waited for it.

The daily sweep lights each open contribution by its date alone and, the day after a date passes
with nothing given, puts the missed 会办 on the item's timeline, once (``record_missed``).
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from django.db.models import Exists, F, Min, OuterRef, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from .models import Assignment, ItemEvent, ItemStatus, WorkPlan

Kind = ItemEvent.Kind


@dataclass(frozen=True)
class Contribution:
    """One cooperating unit's 会办 on one item, as its facts stood."""

    assignment: Assignment
    due: datetime.date | None
    given_on: datetime.date | None = None
    closed_on: datetime.date | None = None

    def missed(self, by_end_of: datetime.date) -> bool:
        """Was the 会办 missed by the end of ``by_end_of``?"""
        if self.due is None or self.due > by_end_of:
            return False
        if self.given_on is not None and self.given_on <= min(self.due, by_end_of):
            return False
        if self.closed_on is not None and self.closed_on <= self.due and self.given_on is None:
            return False  # the item closed before anyone waited for it
        return True

    @staticmethod
    def missed_q(by_end_of: datetime.date) -> Q:
        """``missed`` as a query condition over a kept row's ``due``, ``given_on`` and ``closed_on``, for
        the year-end computation's set-based rows; a test holds the two to each other."""
        given_in_time = Q(given_on__isnull=False, given_on__lte=F("due"))
        closed_first = Q(closed_on__isnull=False, closed_on__lte=F("due"), given_on__isnull=True)
        return Q(due__isnull=False, due__lte=by_end_of) & ~given_in_time & ~closed_first

    def missed_by_now(self, today: datetime.date) -> bool:
        """Is it missed as things stand today: missed by the end of yesterday (a contribution due
        today can still be given today)? What the pages and the API show."""
        return self.missed(today - datetime.timedelta(days=1))

    def late_days(self, today: datetime.date) -> int:
        """Days past the 会办 date: to the day it was given, or to today while it is still open."""
        if self.due is None:
            return 0
        end = self.given_on or self.closed_on or today
        return max((end - self.due).days, 0)

    def describe(self, today: datetime.date | None = None) -> str:
        """What the unit's 会办 stands at, in one phrase: "已会办（3月20日）", "会办逾期5天（时限3月31日）"."""
        today = today or timezone.localdate()
        due = date_format(self.due) if self.due else ""
        if self.given_on is not None:
            given = date_format(self.given_on)
            if self.due is not None and self.given_on > self.due:
                return _("逾期会办：%(given)s提交，时限%(due)s") % {"given": given, "due": due}
            return _("已会办（%(given)s）") % {"given": given}
        if self.closed_on is not None:
            if self.missed(self.closed_on):
                return _("未会办（时限%(due)s，事项已办结）") % {"due": due}
            return _("未会办（事项已于会办时限前办结）")
        if self.assignment.status == ItemStatus.CLOSED:
            return _("无会办任务（事项部署时尚无会办环节）")  # deployed before contributions had tasks
        if self.missed_by_now(today):
            return _("会办逾期%(days)s天（时限%(due)s）") % {"days": self.late_days(today), "due": due}
        if self.due is None:
            return _("待会办")
        return _("待会办，%(due)s前提交牵头单位") % {"due": due}


def of(assignments: Iterable[Assignment]) -> list[Contribution]:
    """The contributions of the cooperating ``assignments`` (others are left out), from their
    timeline events: one query. (The year end keeps them set-based: ``Contribution.missed_q``.)"""
    cooperating = [a for a in assignments if not a.runs_branch]
    if not cooperating:
        return []
    events = ItemEvent.objects.filter(assignment__in=cooperating, kind__in=[Kind.CONTRIBUTED, Kind.CONTRIBUTION_CLOSED])
    firsts = events.order_by().values("assignment", "kind").annotate(at=Min("created_at"))
    found = {(row["assignment"], row["kind"]): timezone.localdate(row["at"]) for row in firsts}
    return [
        Contribution(
            assignment=a,
            due=a.deadline,
            given_on=found.get((a.pk, Kind.CONTRIBUTED)),
            closed_on=found.get((a.pk, Kind.CONTRIBUTION_CLOSED)),
        )
        for a in cooperating
    ]


# The contributions still owed: cooperating units that have neither given theirs nor seen the item close.
OWED = Q(role=Assignment.Role.COOPERATING, status=ItemStatus.IN_PROGRESS)


def open_contributions():
    return Assignment.objects.filter(OWED)


def record_missed(today: datetime.date, plans: Collection[int] | None = None) -> list[Contribution]:
    """Put each 会办 of a published plan missed by the end of yesterday and still owed on its item's
    timeline (``CONTRIBUTION_MISSED``, as the unit's), once: a row already there is never added
    again, by a second sweep or a rerun. Returns the contributions recorded now (their assignments
    read with item, unit and post), for the notices. The same few queries however many. ``plans``:
    of these plans only (one organisation's sweep)."""
    yesterday = today - datetime.timedelta(days=1)
    recorded = ItemEvent.objects.filter(assignment=OuterRef("pk"), kind=Kind.CONTRIBUTION_MISSED)
    candidates = (
        open_contributions()
        .filter(deadline__lte=yesterday, item__plan__status=WorkPlan.Status.PUBLISHED, item__is_heading=False)
        .exclude(Exists(recorded))
        .select_related("item", "unit", "post")
    )
    if plans is not None:
        candidates = candidates.filter(item__plan__in=plans)
    missed = [contribution for contribution in of(candidates) if contribution.missed(yesterday)]
    now = timezone.now()
    with override("zh-hans"):  # the timeline keeps the sentence as written
        events = [_missed_event(contribution, now) for contribution in missed]
    ItemEvent.objects.bulk_create(events, batch_size=1000)
    return missed


def _missed_event(contribution: Contribution, at: datetime.datetime) -> ItemEvent:
    assignment = contribution.assignment
    return ItemEvent(
        item_id=assignment.item_id,
        assignment=assignment,
        kind=Kind.CONTRIBUTION_MISSED,
        from_status=assignment.status,
        to_status=assignment.status,
        note=_("会办时限%(due)s已过，未提交会办意见") % {"due": date_format(contribution.due)},
        data={"due": contribution.due.isoformat()},
        created_at=at,
    )
