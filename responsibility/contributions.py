"""会办: what a cooperating unit (配合单位) gives the lead unit of an item, and when it is missed.

A cooperating unit has no branch of its own work: it submits one contribution (its text, evidence and
indicator values) to the lead unit by its assignment's deadline, the 会办 date the office set at
deploy. Whether it did is one fact, read here for every page, the sweep and the year-end scoring:

* given: the day its contribution was submitted (``ItemEvent.Kind.CONTRIBUTED``);
* closed: the day the item closed with the contribution still open (``CONTRIBUTION_CLOSED``): the
  lead no longer needed it;
* missed by the end of a day: the 会办 date had passed by then and nothing had been given by that
  date – unless the item closed on or before the date, when nobody waited for it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Min
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Assignment, ItemEvent, ItemStatus

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


def of(assignments: Iterable[Assignment], before: datetime.datetime | None = None) -> list[Contribution]:
    """The contributions of the cooperating ``assignments`` (others are left out), from their
    timeline events (those before ``before``, if given): one query."""
    cooperating = [a for a in assignments if not a.runs_branch]
    if not cooperating:
        return []
    events = ItemEvent.objects.filter(assignment__in=cooperating, kind__in=[Kind.CONTRIBUTED, Kind.CONTRIBUTION_CLOSED])
    if before is not None:
        events = events.filter(created_at__lt=before)
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
