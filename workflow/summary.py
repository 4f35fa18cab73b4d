"""The quarterly summary for the committee (每季度听取一次汇报): where the plan stands, from the facts.

Built from the items' stored state and their timeline, so it can be drawn up for any past quarter
and says the same each time it is read. Beat tells the committee when a quarter's summary is ready.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from config import gongwen
from responsibility import cascade, deadlines, standing
from responsibility.models import (
    Assignment,
    Category,
    EscalationLevel,
    ItemEvent,
    ItemStatus,
    Post,
    ProgressReport,
    Rag,
    ResponsibilityItem,
    Unit,
    WorkPlan,
)
from responsibility.models.plan import LIT_STATUSES, OPEN_STATUSES

from . import lights, quarter_end
from .escalation_notice import issuing_office
from .models import LightCount, Notification, notice_title
from .quarter_end import Tally, bounds, moments, quarter_of


@dataclass
class CategoryLine:
    name: str
    items: int
    closed: int
    overdue: int
    red: int


# What 各组织承办情况 counts, on the page and in the Word draft.
ORGANISATIONS_NOTE = gettext_lazy("交办给使用本系统的组织（如各街道）的部分，及其分解到本组织责任清单的事项。")

# The report names this many overdue items, longest overdue first, and says how many more there are:
# a committee reads a page, not a list of thousands (the board's export has them all).
OVERDUE_LISTED = 50


@dataclass
class OrganisationLine:
    """上级交办: one organisation's parts of the plan's items as they stood at the quarter's end (today,
    while it runs), and the items of its own list it had made of them."""

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
    running: bool = False  # the quarter has not ended: its figures are today's
    organisations: list[OrganisationLine] = field(default_factory=list)

    @property
    def overdue_unlisted(self) -> int:
        """Overdue items past the ``OVERDUE_LISTED`` longest overdue: said, not silently dropped."""
        return sum(line.overdue for line in self.categories) - len(self.overdue_items)

    @property
    def title(self) -> str:
        return _("%(plan)s %(year)s年%(quarter)s督办情况") % {
            "plan": self.plan.title,
            "year": self.year,
            "quarter": quarter_name(self.quarter),
        }

    @property
    def as_of_note(self) -> str:
        """Whose day the figures are of: today's while the quarter runs, else its last day's."""
        if self.running:
            return _("本季度尚未结束，按今天的情况统计。")
        return _("按季度末（%(day)s）的情况统计，此后的办结、延期不计入。") % {"day": date_format(self.end)}


def quarter_name(quarter: int) -> str:
    return [_("第一季度"), _("第二季度"), _("第三季度"), _("第四季度")][quarter - 1]


def summarise(plan: WorkPlan, year: int, quarter: int, today: datetime.date | None = None) -> QuarterSummary:
    """The plan as it stood at the quarter's end (or today, while the quarter runs): each item's
    status, deadline and overdue-ness as they were then, so that a first quarter reopened in
    December says what was true at the end of March.

    While the quarter runs, what the items store is the state: counted in SQL, grouped by category
    and status. A past quarter counts its record (``quarter_end.kept``: each item's standing then,
    read back from its timeline once and kept). Either way the listed overdue items are read as
    models and their standing read back (``standing.standings``), for which units were late."""
    today = today or timezone.localdate()
    start, end = bounds(year, quarter)
    summary = QuarterSummary(plan, year, quarter, start, end)
    # Overdue by the quarter's end: due on its last day at the latest; a quarter still running
    # counts only what is overdue today (an item due next week is not overdue yet).
    summary.as_of = min(end + datetime.timedelta(days=1), today)
    summary.running = end >= today
    items = quarter_end.counted(plan)
    if summary.running:
        moment = timezone.now()
        tally, stored_open = _stored_tally(items, summary)
        listed = _longest_overdue(items, summary.as_of)
    else:
        moment = quarter_end.end_of(year, quarter)[0]
        record = quarter_end.kept(plan, year, quarter)
        tally = quarter_end.tally(record, summary.as_of)
        longest = quarter_end.longest_overdue(record, summary.as_of, OVERDUE_LISTED)
        listed = list(_listing(items.filter(pk__in=longest))) if longest else []
    then = standing.standings(listed, moment, summary.as_of)
    for item in listed:
        item.then = then[item.pk]
    _count(summary, tally)
    summary.trend = lights.at(plan, start, lights.month_ends(start, end))
    if summary.running:
        summary.lights = lights.tally_of((rag, status, n) for _category, rag, status, n in stored_open)
        red = _red_by_category(stored_open)
    else:
        summary.lights, red = _lights_then(plan, _by_status(tally), summary.trend, end)
    summary.categories = _categories(plan, tally, red)
    _activity(summary, items)
    _list_overdue(summary, listed)
    summary.organisations = _organisations(items, summary, moment)
    return summary


def _organisations(items, summary: QuarterSummary, moment: datetime.datetime) -> list[OrganisationLine]:
    """Each organisation the plan's items were handed to (a 街道 on the district's plan), with its
    parts and the items it made of them, as they stood at the quarter's end (today, while it runs).

    As the rest of the summary: what is stored today counted in SQL, and in a past quarter only the
    parts with a step since its end, on the district's item or on one of the organisation's own
    items made of it, read back (``cascade.parts_then``). The same queries for any number of parts."""
    parts = Assignment.objects.filter(item__in=items, unit__kind=Unit.Kind.ORGANISATION)
    if summary.running:
        return _organisation_lines(_stored_parts(parts), [])
    # Asked of each part (an organisation's are few): the plan's events since are most of them.
    since = ItemEvent.objects.filter(created_at__gte=moment).order_by()
    on_item = Exists(since.filter(item=OuterRef("item")))
    below = Exists(since.filter(item__source_assignment=OuterRef("pk")))
    changed = parts.filter(on_item | below)
    read_back = list(changed.select_related("unit", "item").order_by("id"))
    stored = _stored_parts(parts.exclude(pk__in=[part.pk for part in read_back]))
    if not stored and not read_back:
        return []
    then = cascade.parts_then(read_back, moment, summary.as_of) if read_back else {}
    return _organisation_lines(
        stored, [(part.unit_id, part.unit.name, then[part.pk]) for part in read_back if part.pk in then]
    )


def _stored_parts(parts) -> dict[int, list]:
    """Per organisation as its parts store it today: [name, parts, closed, their progress summed,
    items made, items made closed]; two grouped queries (none more when there are no parts)."""
    closed = Count("id", filter=Q(status=ItemStatus.CLOSED))
    rows = (
        parts.order_by()
        .values("unit_id", "unit__name")
        .annotate(n=Count("id"), closed=closed, done=Sum("percent_done"))
    )
    found = {row["unit_id"]: [row["unit__name"], row["n"], row["closed"], row["done"] or 0, 0, 0] for row in rows}
    if not found:
        return found
    made = (
        ResponsibilityItem.objects.filter(source_assignment__in=parts)
        .order_by()
        .values("source_assignment__unit_id")
        .annotate(n=Count("id"), closed=closed)
    )
    for row in made:
        line = found[row["source_assignment__unit_id"]]
        line[4], line[5] = row["n"], row["closed"]
    return found


def _organisation_lines(stored: dict[int, list], read_back: list) -> list[OrganisationLine]:
    """The stored counts with the read-back parts added, by organisation name; a part's progress
    weighs one part in its organisation's mean."""
    for unit_id, name, part in read_back:
        line = stored.setdefault(unit_id, [name, 0, 0, 0, 0, 0])
        line[1] += 1
        line[2] += int(part.closed)
        line[3] += part.percent
        line[4] += part.items
        line[5] += part.items_closed
    lines = [
        OrganisationLine(name, n, closed, done // n if n else 0, made, made_closed)
        for name, n, closed, done, made, made_closed in stored.values()
    ]
    return sorted(lines, key=lambda line: line.name)


# The open items as stored today: (category id, light, status, how many).
OpenRows = list[tuple[int | None, str, str, int]]


def _stored_tally(items, summary: QuarterSummary) -> tuple[Tally, OpenRows]:
    """The items as stored today, counted in one grouped query read off an index alone
    (``plan_lights``): by category, status and light, how many, how many overdue on ``as_of``
    (``deadlines.overdue_q``) and how many closed within the quarter. Returns the tally by category
    and status, and the open items' rows, which today's lights are counted from."""
    since, until = moments(summary.start, summary.end)
    rows = (
        items.order_by()
        .values_list("category", "status", "rag")
        .annotate(
            n=Count("id"),
            overdue=Count("id", filter=deadlines.overdue_q(summary.as_of)),
            closed_in_quarter=Count("id", filter=Q(closed_at__gte=since, closed_at__lt=until)),
        )
    )
    tally: Tally = {}
    stored_open: OpenRows = []
    for category, status, rag, n, overdue, closed in rows:
        line = tally.setdefault((category, status), [0, 0, 0])
        line[0], line[1], line[2] = line[0] + n, line[1] + overdue, line[2] + closed
        if status in OPEN_STATUSES:
            stored_open.append((category, rag, status, n))
    return tally, stored_open


def _red_by_category(stored_open: OpenRows) -> Counter:
    """Today's red lights of the open items, by category id."""
    red: Counter = Counter()
    for category, rag, _status, n in stored_open:
        if rag == Rag.RED:
            red[category] += n
    return red


def _listing(items):
    """Items as the overdue list shows them (their lead unit beside them)."""
    return items.select_related("lead_unit", "responsible_post__holder").order_by("order", "id")


def _longest_overdue(items, as_of: datetime.date) -> list[ResponsibilityItem]:
    """The ``OVERDUE_LISTED`` longest overdue as the items store them (a running quarter's), by the
    same ``overdue_q`` the rest of the product counts with."""
    overdue = _listing(items.filter(deadlines.overdue_q(as_of))).order_by("due_by", "order", "id")
    return list(overdue[:OVERDUE_LISTED])


def _by_status(tally: Tally) -> Counter:
    counted: Counter = Counter()
    for (_category, status), (n, _overdue, _closed) in tally.items():
        counted[status] += n
    return counted


def unlisted_text(summary: QuarterSummary) -> str:
    return _("以上为逾期最久的 %(listed)s 项，另有 %(rest)s 项逾期事项未列出。") % {
        "listed": len(summary.overdue_items),
        "rest": summary.overdue_unlisted,
    }


def _count(summary: QuarterSummary, tally: Tally) -> None:
    statuses = _by_status(tally)
    summary.items = sum(statuses.values())
    summary.closed = statuses[ItemStatus.CLOSED]
    summary.closed_in_quarter = sum(closed for _n, _overdue, closed in tally.values())
    summary.open_by_status = [
        (ItemStatus(s).label, statuses[s]) for s in ItemStatus.values if s in OPEN_STATUSES and statuses.get(s)
    ]


def _activity(summary: QuarterSummary, items) -> None:
    """What happened in the quarter: reports received, escalations by step, extensions approved."""
    since, until = moments(summary.start, summary.end)
    in_quarter = Q(created_at__gte=since, created_at__lt=until)
    # Asked by plan (``report_plan_time``): a report is given on a deployed item, never on a heading
    # or a draft, so the plan's reports are its items' reports.
    summary.reports = ProgressReport.objects.filter(in_quarter, plan=summary.plan).count()
    # Both kinds counted in one pass over the quarter's events (the level is null on an extension).
    kinds = [ItemEvent.Kind.ESCALATED, ItemEvent.Kind.EXTENSION_APPROVED]
    events = ItemEvent.objects.filter(in_quarter, item__in=items, kind__in=kinds).order_by()
    levels: Counter = Counter()
    for kind, level, n in events.values_list("kind", "data__level").annotate(n=Count("id")):
        if kind == ItemEvent.Kind.ESCALATED:
            levels[level] += n
        else:
            summary.extensions += n
    summary.escalations = [(EscalationLevel(level).label, n) for level, n in sorted(levels.items())]


def _list_overdue(summary: QuarterSummary, listed: list) -> None:
    """The items overdue then, the most overdue first, each with what it was due by and how late."""
    rows = sorted((item for item in listed if item.then.overdue), key=lambda i: (i.then.due, i.order, i.pk))
    summary.overdue_items = rows[:OVERDUE_LISTED]
    for item in summary.overdue_items:
        item.overdue_text = item.then.overdue_text(item.deadline_display)
        # On an item of several units, which of them were late; one unit is the lead unit beside it.
        item.late_units = item.then.late_units if item.branch_count > 1 else []


def _lights_then(plan: WorkPlan, statuses: Counter, trend: list, end: datetime.date):
    """The lights at a past quarter's end: the last count recorded in its last month (an item keeps
    only today's light), and the open items without one by their status then. ``recorded`` is False
    when no sweep counted that month. Returns the tally and the red lights by category id."""
    last_month = end.replace(day=1)
    point = trend[-1] if trend and trend[-1].day >= last_month else None
    unlit = Counter({s: n for s, n in statuses.items() if n and s in OPEN_STATUSES and s not in LIT_STATUSES})
    by_status = [(str(ItemStatus(s).label), unlit[s]) for s in ItemStatus.values if unlit.get(s)]
    colours = (
        {"red": point.red, "yellow": point.yellow, "green": point.green} if point else dict.fromkeys(lights.LIGHTS, 0)
    )
    unlit_total = sum(unlit.values())
    tally = {**colours, "unlit": by_status, "unlit_total": unlit_total, "total": sum(colours.values()) + unlit_total}
    tally["recorded"] = point is not None
    red = {}
    if point is not None:
        counts = (
            LightCount.objects.filter(plan=plan, day=point.day)
            .order_by()
            .values_list("category")
            .annotate(n=Sum("red"))
        )
        red = dict(counts)
    return tally, red


def _categories(plan: WorkPlan, tally: Tally, red: dict) -> list[CategoryLine]:
    """Per category, in the plan's order: items, closed and overdue then, and red lights. The names
    in one query whatever was counted (none counted, say a quarter before the plan's items, asks too)."""
    lines: dict[int | None, CategoryLine] = {}
    for (category, status), (n, overdue, _closed) in tally.items():
        if n:
            line = lines.setdefault(category, CategoryLine("", 0, 0, 0, red.get(category) or 0))
            line.items += n
            line.closed += n if status == ItemStatus.CLOSED else 0
            line.overdue += overdue
    pks = [pk for pk in lines if pk is not None]
    named = Category.objects.filter(Q(plan=plan) | Q(pk__in=pks)).order_by("order", "id").values_list("pk", "name")
    ordered = [(pk, name) for pk, name in named if pk in lines]
    if None in lines:
        ordered.append((None, _("未分类")))
    for pk, name in ordered:
        lines[pk].name = name
    return [lines[pk] for pk, _name in ordered]


def as_docx(summary: QuarterSummary) -> bytes:
    """The summary as a Word document in the 公文 format, for the office to edit before the meeting."""
    with override("zh-hans"):
        issuer = issuing_office(summary.plan.organisation)
        writer = gongwen.Document(title=summary.title, author=issuer)
        writer.title(summary.title)
        period = f"{date_format(summary.start)}—{date_format(summary.end)}"
        writer.paragraph(_("汇报期间：%(period)s") % {"period": period})
        writer.paragraph(summary.as_of_note)
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
            line = f"{item} （{unit}{item.overdue_text}）"
            if item.late_units:
                line += _("逾期单位：%(units)s") % {"units": "、".join(item.late_units)}
            writer.paragraph(line)
        if not summary.overdue_items:
            writer.paragraph(_("本季度末无逾期事项。"))
        if summary.overdue_unlisted:
            writer.paragraph(unlisted_text(summary))
        writer.heading(_("四、督办升级与延期"), level=1)
        writer.paragraph(_ladder_text(summary))
        writer.heading(_("五、督办灯走势"), level=1)
        _trend_table(writer, summary.trend)
        if summary.organisations:
            writer.heading(_("六、各组织承办情况"), level=1)
            _organisations_table(writer, summary.organisations)
        writer.signature(issuer, timezone.localdate())
        return writer.save()


def _organisations_table(writer: gongwen.Document, lines: list[OrganisationLine]) -> None:
    """The page's 各组织承办情况, the same columns."""
    writer.paragraph(str(ORGANISATIONS_NOTE))
    writer.table(
        [_("组织"), _("承办事项"), _("已办结"), _("平均进度"), _("分解事项"), _("分解事项已办结")],
        [
            [line.name, line.parts, line.parts_closed, f"{line.percent}%", line.items, line.items_closed]
            for line in lines
        ],
    )


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
        "lights": lights_text(summary.lights, summary.running),
        "reports": summary.reports,
    }


def lights_text(tally: dict, running: bool = True) -> str:
    """当前红灯 1 项、黄灯 0 项、绿灯 5 项，另有 2 项不亮灯（待部署 1 项、待核验 1 项）: the lights of
    the open items, and the ones without a light named by status, so that the counts add up. A past
    quarter's are those recorded at its end (季度末…), or said to be unrecorded."""
    if running:
        text = _("当前红灯 %(red)s 项、黄灯 %(yellow)s 项、绿灯 %(green)s 项") % tally
    elif tally.get("recorded", True):
        text = _("季度末红灯 %(red)s 项、黄灯 %(yellow)s 项、绿灯 %(green)s 项") % tally
    else:
        text = _("季度末督办灯无巡查记录")
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
                    title=notice_title(title),
                    body=f"/plans/{plan.pk}/quarters/{year}/{quarter}/",
                )
                for member in members
            ]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)
