"""What a piece of work is due by, and whether it is overdue: one answer for pages, lists and documents.

Work (an item, or a unit's assignment of it) is due by its deadline (完成时限), or, while it is being
rectified (整改中), by the rectification deadline the inspector set; ongoing work (长期坚持) is due by
nothing. Only open work can be overdue, and only from the day after it was due. The same rule is
written twice, once for one row in Python (``state``) and once for a query (``overdue_q``, over the
stored ``due_by``), and nowhere else: a page that says "逾期" and a summary that counts it agree.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .dates import date_text
from .models.plan import OPEN_STATUSES, ItemStatus


@dataclass(frozen=True)
class Deadline:
    """Where one piece of work stands against its dates on ``today``."""

    work: object  # the item or assignment
    rectification_due: datetime.date | None  # while rectifying: the date the 整改 is due by
    due: datetime.date | None  # what the work is due by now (None: no date, or no longer open)
    today: datetime.date

    @property
    def deadline_text(self) -> str:
        """The 完成时限 as written: a date, 长期坚持, or the document's words (read only when shown:
        a unit's falls back on its item's)."""
        return self.work.deadline_display

    @property
    def rectifying(self) -> bool:
        return self.rectification_due is not None

    @property
    def days_left(self) -> int | None:
        """Days until ``due`` (0 on the day, negative once past); None without a date."""
        return None if self.due is None else (self.due - self.today).days

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0

    @property
    def days_overdue(self) -> int:
        return -self.days_left if self.overdue else 0

    @property
    def rectification_text(self) -> str:
        return date_text(self.rectification_due) if self.rectification_due else ""

    @property
    def left(self) -> str:
        """剩余3天 / 今天到期 / 逾期12天, counted to ``due``; while rectifying, said of the 整改
        (整改剩余3天), since the days count to the rectification deadline, not to the 完成时限."""
        days = self.days_left
        if days is None:
            return ""
        if self.rectifying:
            if days > 0:
                return ngettext("整改剩余%(days)d天", "整改剩余%(days)d天", days) % {"days": days}
            if days == 0:
                return _("整改今天到期")
            return ngettext("整改逾期%(days)d天", "整改逾期%(days)d天", -days) % {"days": -days}
        if days > 0:
            return ngettext("剩余%(days)d天", "剩余%(days)d天", days) % {"days": days}
        if days == 0:
            return _("今天到期")
        return ngettext("逾期%(days)d天", "逾期%(days)d天", -days) % {"days": -days}

    @property
    def left_class(self) -> str:
        days = self.days_left
        if days is None:
            return ""
        return "late" if days < 0 else "soon" if days <= 7 else "ahead"


def state(work, today: datetime.date | None = None) -> Deadline:
    """``work``'s deadline on ``today`` (an item or an assignment: anything with ``WorkState``)."""
    today = today or timezone.localdate()
    rectifying = work.status == ItemStatus.RECTIFYING and work.rectification_due
    return Deadline(
        work=work,
        rectification_due=work.rectification_due if rectifying else None,
        due=work.effective_deadline() if work.is_open else None,
        today=today,
    )


def overdue_q(as_of: datetime.date, prefix: str = "") -> Q:
    """Open work overdue on ``as_of``, as a query condition over the stored ``due_by`` (which is
    ``effective_deadline``): due before that day, not on it."""
    return Q(**{f"{prefix}status__in": OPEN_STATUSES, f"{prefix}due_by__lt": as_of})


def overdue_by_q(today: datetime.date, days: int, prefix: str = "") -> Q:
    """Open work at least ``days`` days overdue on ``today`` (``Deadline.days_overdue >= days``)."""
    return overdue_q(today - datetime.timedelta(days=days - 1), prefix)


def days_past(due: datetime.date | None, as_of: datetime.date) -> int:
    """Whole days ``as_of`` is past ``due`` (0 if not past, or no date): a report's count of late days."""
    return (as_of - due).days if due and due < as_of else 0


# --- deadlines already passed when a plan is imported or published ---------------------------------------


def passed_q(today: datetime.date, prefix: str = "") -> Q:
    """Items (not headings, not ongoing) whose own 完成时限 is before ``today``: imported or published
    so, they are overdue the moment they are deployed (a wrong year, or a plan loaded late)."""
    return Q(**{f"{prefix}is_heading": False, f"{prefix}ongoing": False, f"{prefix}deadline__lt": today})


def passed_warning(count: int) -> str:
    """The warning the review page and the publish button give about ``count`` such items."""
    return ngettext(
        "%(count)s 项事项的完成时限早于今天，发布后将立即逾期、亮红灯。请核对年度和完成时限。",
        "%(count)s 项事项的完成时限早于今天，发布后将立即逾期、亮红灯。请核对年度和完成时限。",
        count,
    ) % {"count": count}


def passed_notice(count: int) -> str:
    """What publishing did with ``count`` such items: they went out overdue."""
    return ngettext(
        "其中 %(count)s 项事项的完成时限早于今天，发布即已逾期；如完成时限有误，请在部署交办时更正。",
        "其中 %(count)s 项事项的完成时限早于今天，发布即已逾期；如完成时限有误，请在部署交办时更正。",
        count,
    ) % {"count": count}
