"""The quarterly summary for the committee (每季度听取一次汇报): where the plan stands, from the facts.

Built from the items' stored state and their timeline, so it can be drawn up for any past quarter
and says the same each time it is read. Beat tells the committee when a quarter's summary is ready.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from config import gongwen
from responsibility import deadlines
from responsibility.models import (
    Assignment,
    EscalationLevel,
    ItemEvent,
    ItemStatus,
    Post,
    ProgressReport,
    ResponsibilityItem,
    Unit,
    WorkPlan,
)
from responsibility.models.plan import OPEN_STATUSES

from . import lights
from .escalation_notice import issuing_office
from .models import Notification


@dataclass
class CategoryLine:
    name: str
    items: int
    closed: int
    overdue: int
    red: int


@dataclass
class OrganisationLine:
    """上级交办: one organisation's parts of the plan's items as they stand now, and the items of its
    own list it made of them."""

    name: str
    parts: int
    parts_closed: int
    percent: int  # the parts' mean progress (each the mean of its items once decomposed)
    items: int
    items_closed: int


@dataclass
class QuarterSummary:
    plan: WorkPlan
    year: int
    quarter: int
    start: datetime.date
    end: datetime.date
    items: int = 0
    closed: int = 0
    closed_in_quarter: int = 0
    open_by_status: list[tuple[str, int]] = field(default_factory=list)
    lights: dict = field(default_factory=dict)  # ``lights.tally`` of the open items
    categories: list[CategoryLine] = field(default_factory=list)
    reports: int = 0
    escalations: list[tuple[str, int]] = field(default_factory=list)
    extensions: int = 0
    overdue_items: list[ResponsibilityItem] = field(default_factory=list)
    # The day the overdue items are counted on: the day after the quarter's end, or today while it runs.
    as_of: datetime.date | None = None
    # The lights as they stood at each month's end (or the last sweep so far), from the daily history.
    trend: list[lights.LightPoint] = field(default_factory=list)
    organisations: list[OrganisationLine] = field(default_factory=list)

    @property
    def title(self) -> str:
        return _("%(plan)s %(year)s年%(quarter)s督办情况") % {
            "plan": self.plan.title,
            "year": self.year,
            "quarter": quarter_name(self.quarter),
        }


def quarter_name(quarter: int) -> str:
    return [_("第一季度"), _("第二季度"), _("第三季度"), _("第四季度")][quarter - 1]


def quarter_of(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    start = datetime.date(year, 3 * quarter - 2, 1)
    following = datetime.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    return start, following - datetime.timedelta(days=1)


def summarise(plan: WorkPlan, year: int, quarter: int, today: datetime.date | None = None) -> QuarterSummary:
    start, end = bounds(year, quarter)
    summary = QuarterSummary(plan, year, quarter, start, end)
    # Overdue by the quarter's end: due on its last day at the latest; a quarter still running
    # counts only what is overdue today (an item due next week is not overdue yet).
    summary.as_of = min(end + datetime.timedelta(days=1), today or timezone.localdate())
    items = ResponsibilityItem.objects.filter(plan=plan, is_heading=False).exclude(status=ItemStatus.DRAFT)
    # Counted by the database, a row a status or a light, not a row an item.
    statuses = dict(items.order_by().values_list("status").annotate(n=Count("id")))
    summary.items = sum(statuses.values())
    summary.closed = statuses.get(ItemStatus.CLOSED, 0)
    summary.open_by_status = [
        (ItemStatus(s).label, statuses[s]) for s in ItemStatus.values if s in OPEN_STATUSES and statuses.get(s)
    ]
    summary.lights = lights.tally(items.filter(status__in=OPEN_STATUSES))
    in_quarter = Q(created_at__date__gte=start, created_at__date__lte=end)
    summary.closed_in_quarter = items.filter(closed_at__date__gte=start, closed_at__date__lte=end).count()
    summary.categories = _categories(items, summary.as_of)
    summary.reports = ProgressReport.objects.filter(in_quarter, item__in=items).count()
    events = ItemEvent.objects.filter(in_quarter, item__in=items)
    levels = Counter(events.filter(kind=ItemEvent.Kind.ESCALATED).values_list("data__level", flat=True))
    summary.escalations = [(EscalationLevel(level).label, n) for level, n in sorted(levels.items())]
    summary.extensions = events.filter(kind=ItemEvent.Kind.EXTENSION_APPROVED).count()
    summary.overdue_items = list(
        items.filter(deadlines.overdue_q(summary.as_of))
        .select_related("lead_unit", "responsible_post__holder")
        .order_by("due_by")[:50]
    )
    _name_late_units(summary.overdue_items, summary.as_of)
    for item in summary.overdue_items:
        item.overdue_text = overdue_text(item, summary.as_of)
    summary.trend = lights.at(plan, start, lights.month_ends(start, end))
    summary.organisations = _organisations(items)
    return summary


def _organisations(items) -> list[OrganisationLine]:
    """Each organisation the plan's items were handed to (a 街道 on the district's plan), with its
    parts and the items it made of them, as they stand today: two grouped queries."""
    closed = Count("id", filter=Q(status=ItemStatus.CLOSED))
    parts = (
        Assignment.objects.filter(item__in=items, unit__kind=Unit.Kind.ORGANISATION)
        .order_by()
        .values("unit_id", "unit__name")
        .annotate(n=Count("id"), closed=closed, percent=Avg("percent_done"))
    )
    parts = sorted(parts, key=lambda row: row["unit__name"])
    if not parts:
        return []
    made = (
        ResponsibilityItem.objects.filter(source_assignment__item__in=items)
        .order_by()
        .values("source_assignment__unit_id")
        .annotate(n=Count("id"), closed=closed)
    )
    made = {row["source_assignment__unit_id"]: row for row in made}
    empty = {"n": 0, "closed": 0}
    return [
        OrganisationLine(
            row["unit__name"],
            row["n"],
            row["closed"],
            int(row["percent"] or 0),
            made.get(row["unit_id"], empty)["n"],
            made.get(row["unit_id"], empty)["closed"],
        )
        for row in parts
    ]


def overdue_text(item: ResponsibilityItem, as_of: datetime.date) -> str:
    """What an overdue item was due by and how late it is on ``as_of``: "2026年3月31日，逾期5天", or
    for an item being rectified, its 整改时限 (the date it is overdue against), not the 完成时限."""
    due = deadlines.state(item, as_of)
    if due.rectifying:
        when = _("整改时限 %(date)s") % {"date": due.rectification_text}
    else:
        when = due.deadline_text
    return _("%(when)s，逾期%(days)s天") % {"when": when, "days": due.days_overdue}


def _name_late_units(items: list[ResponsibilityItem], as_of: datetime.date) -> None:
    """On an item of several units, which of them were still at work past their own deadline on
    ``as_of`` (``late_units``, in unit order); an item of one unit names none (its unit is the
    lead unit shown beside it)."""
    several = [item.pk for item in items if item.branch_count > 1]
    late: dict[int, list[str]] = {}
    if several:
        rows = (
            Assignment.objects.filter(deadlines.overdue_q(as_of), item__in=several)
            .exclude(role=Assignment.Role.COOPERATING)
            .order_by("item", "order", "id")
            .values_list("item_id", "unit__name")
        )
        for item_id, unit in rows:
            late.setdefault(item_id, []).append(unit)
    for item in items:
        item.late_units = late.get(item.pk, [])


def _categories(items, as_of: datetime.date) -> list[CategoryLine]:
    rows = (
        items.order_by()
        .values("category__name")
        .annotate(
            n=Count("id"),
            closed=Count("id", filter=Q(status=ItemStatus.CLOSED)),
            overdue=Count("id", filter=deadlines.overdue_q(as_of)),
            red=lights.light_counts()["red"],
        )
        .order_by("category__order")
    )
    return [
        CategoryLine(row["category__name"] or _("未分类"), row["n"], row["closed"], row["overdue"], row["red"])
        for row in rows
    ]


def as_docx(summary: QuarterSummary) -> bytes:
    """The summary as a Word document in the 公文 format, for the office to edit before the meeting."""
    with override("zh-hans"):
        issuer = issuing_office(summary.plan.organisation)
        writer = gongwen.Document(title=summary.title, author=issuer)
        writer.title(summary.title)
        period = f"{date_format(summary.start)}—{date_format(summary.end)}"
        writer.paragraph(_("汇报期间：%(period)s") % {"period": period})
        writer.heading(_("一、总体情况"), level=1)
        writer.paragraph(_overall(summary))
        writer.heading(_("二、分类推进情况"), level=1)
        writer.table(
            [_("类别"), _("事项"), _("已办结"), _("逾期"), _("红灯")],
            [[line.name, line.items, line.closed, line.overdue, line.red] for line in summary.categories],
        )
        writer.heading(_("三、逾期事项"), level=1)
        for item in summary.overdue_items:
            unit = f"{item.lead_unit.name}，" if item.lead_unit else ""
            line = f"{item} （{unit}{overdue_text(item, summary.as_of)}）"
            if item.late_units:
                line += _("逾期单位：%(units)s") % {"units": "、".join(item.late_units)}
            writer.paragraph(line)
        if not summary.overdue_items:
            writer.paragraph(_("本季度末无逾期事项。"))
        writer.heading(_("四、督办升级与延期"), level=1)
        writer.paragraph(_ladder_text(summary))
        writer.heading(_("五、督办灯走势"), level=1)
        _trend_table(writer, summary.trend)
        writer.signature(issuer, timezone.localdate())
        return writer.save()


def _trend_table(writer: gongwen.Document, trend: list[lights.LightPoint]) -> None:
    if not trend:
        writer.paragraph(_("本季度尚无督办灯记录。"))
        return
    writer.table(
        [_("日期"), _("红灯"), _("黄灯"), _("绿灯"), _("合计")],
        [[date_format(point.day), point.red, point.yellow, point.green, point.total] for point in trend],
    )


def _overall(summary: QuarterSummary) -> str:
    return _(
        "在办与已办结事项共 %(items)s 项，已办结 %(closed)s 项（本季度办结 %(quarter_closed)s 项）；"
        "%(lights)s；本季度收到进度反馈 %(reports)s 份。"
    ) % {
        "items": summary.items,
        "closed": summary.closed,
        "quarter_closed": summary.closed_in_quarter,
        "lights": lights_text(summary.lights),
        "reports": summary.reports,
    }


def lights_text(tally: dict) -> str:
    """当前红灯 1 项、黄灯 0 项、绿灯 5 项，另有 2 项不亮灯（待部署 1 项、待核验 1 项）: the lights of
    the open items, and the ones without a light named by status, so that the counts add up."""
    text = _("当前红灯 %(red)s 项、黄灯 %(yellow)s 项、绿灯 %(green)s 项") % tally
    if tally["unlit_total"]:
        statuses = _("、").join(_("%(label)s %(n)s 项") % {"label": label, "n": n} for label, n in tally["unlit"])
        text += _("，另有 %(n)s 项不亮灯（%(statuses)s）") % {"n": tally["unlit_total"], "statuses": statuses}
    return text


def _ladder_text(summary: QuarterSummary) -> str:
    steps = _("、").join(_("%(label)s %(n)s 次") % {"label": label, "n": n} for label, n in summary.escalations)
    steps = steps or _("无")
    return _("本季度督办升级：%(steps)s；批准延期 %(extensions)s 项。") % {
        "steps": steps,
        "extensions": summary.extensions,
    }


def tell_committee(today: datetime.date | None = None) -> int:
    """At a quarter's start, tell every committee member that the last quarter's summary is ready
    (once each: the notice's key names the plan and the quarter)."""
    today = today or timezone.localdate()
    year, quarter = quarter_of(today - datetime.timedelta(days=today.day))  # the quarter just ended
    members = list(
        Post.objects.filter(role=Post.Role.COMMITTEE).exclude(holder=None).values_list("holder_id", flat=True)
    )
    rows = []
    with override("zh-hans"):
        for plan in WorkPlan.objects.filter(status=WorkPlan.Status.PUBLISHED):
            title = _("%(plan)s %(year)s年%(quarter)s督办情况已生成") % {
                "plan": plan.title,
                "year": year,
                "quarter": quarter_name(quarter),
            }
            rows += [
                Notification(
                    recipient_id=member,
                    kind=Notification.Kind.SUMMARY,
                    key=f"summary:{plan.pk}:{year}Q{quarter}:{member}",
                    title=title[:200],
                    body=f"/plans/{plan.pk}/quarters/{year}/{quarter}/",
                )
                for member in members
            ]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)
