"""督办通知单: the numbered, printable notice of one step up the escalation ladder.

Every step an item (or one unit's part of it) takes is an ``ItemEvent`` of kind ESCALATED. When the
step is taken it gets its number, the next of its organisation's year (督〔2026〕12号), and keeps the
facts that called for it: the deadline, the days overdue and the reports missed that day, and the
date to answer by. So the notice says the same whenever it is printed, after an extension, a
hand-over or the item's close. The notice is a 公文 (``config.gongwen``) and a print-friendly page
of the same text; the text, like the document it stands for, is Chinese whatever the reader's language.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from config import gongwen
from config.gongwen import date_cn
from responsibility.models import EscalationLevel, ItemEvent, ItemStatus, Post, Unit, WorkPlan
from responsibility.models.plan import WorkState

from .models import EscalationNotice

# The time a 督办通知单 commonly gives to answer in writing (3 to 5 working days): five days.
ANSWER_WITHIN = datetime.timedelta(days=5)
NOTICE_LOCK = 0x4C754E6F  # "LuNo": with an organisation's id, the advisory lock of its numbers


# --- when the step is taken ---------------------------------------------------------------------------


def facts(work: WorkState, today: datetime.date) -> dict:
    """What the step's notice states, as the work stood on ``today`` (the event's ``data``)."""
    return stated(work.effective_deadline(), work.days_overdue(today), work.reports_missed, today)


def stated(due: datetime.date | None, days_overdue: int, reports_missed: int, today: datetime.date) -> dict:
    """``facts`` from the columns alone: the ladder reads its rows as values, with ``due`` the
    stored ``due_by`` (``effective_deadline``) of open work."""
    return {
        "as_of": today.isoformat(),
        "due_by": due.isoformat() if due else None,
        "days_overdue": days_overdue,
        "reports_missed": reports_missed,
        "answer_by": (today + ANSWER_WITHIN).isoformat(),
    }


def number(events: Sequence[tuple[int, int]], at: datetime.datetime, plan_of: Mapping[int, int]) -> None:
    """Number the steps just stored (``(event id, item id)``, all stored ``at`` the same moment),
    each the next of its organisation's year, in the order given.

    Inside the step's transaction, under an advisory lock per organisation (taken in the
    organisations' order), so that the sweep and an inspector at the same moment never draw one
    number twice; the unique constraint stands behind the lock, and a step rolled back gives its
    number back. ``plan_of``: each event's item's plan."""
    plans = {plan_of[item] for _event, item in events}
    organisation_of = dict(WorkPlan.objects.filter(pk__in=plans).values_list("pk", "organisation_id"))
    year = timezone.localtime(at).year
    groups: dict[int, list[int]] = defaultdict(list)
    for event, item in events:
        groups[organisation_of[plan_of[item]]].append(event)
    rows: list[tuple[int, int, int]] = []  # (event, organisation, number)
    with transaction.atomic():
        for organisation in sorted(groups):
            _lock(organisation)
            taken = EscalationNotice.objects.filter(organisation=organisation, year=year).aggregate(last=Max("number"))
            first = (taken["last"] or 0) + 1
            rows += [(event, organisation, n) for n, event in enumerate(groups[organisation], start=first)]
        _store_numbers(rows, year)


def _store_numbers(rows: list[tuple[int, int, int]], year: int) -> None:
    """The numbers as plain rows, in the order given (one statement of arrays on PostgreSQL)."""
    if not rows:
        return
    table = EscalationNotice._meta.db_table
    into = f'INSERT INTO "{table}" ("event_id", "organisation_id", "number", "year")'
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            events, organisations, numbers = (list(column) for column in zip(*rows, strict=True))
            cursor.execute(
                into + " SELECT event, organisation, number, %s"
                " FROM unnest(%s::bigint[], %s::bigint[], %s::integer[])"
                " WITH ORDINALITY AS n (event, organisation, number, position) ORDER BY position",
                [year, events, organisations, numbers],
            )
            return
        for start in range(0, len(rows), 1000):
            batch = rows[start : start + 1000]
            values = ", ".join(["(%s, %s, %s, %s)"] * len(batch))
            cursor.execute(f"{into} VALUES {values}", [value for row in batch for value in (*row, year)])


def _lock(organisation: int) -> None:
    """SQLite writes one transaction at a time anyway."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [NOTICE_LOCK, organisation])


# --- the notice ----------------------------------------------------------------------------------------

# What a page needs to read one step and its notice in one query.
RELATED = (
    "escalation_notice",
    "actor",
    "item__plan__organisation",
    "item__responsible_post__unit",
    "item__responsible_post__holder",
    "assignment__unit",
    "assignment__post__holder",
)


@dataclass
class Notice:
    event: ItemEvent
    number: str
    title: str
    addressee: str
    paragraphs: list[str]
    issuer: str
    day: datetime.date

    @property
    def date_text(self) -> str:
        return date_cn(self.day)

    @property
    def file_name(self) -> str:
        return f"{self.title}（{self.number}）.docx"


def notice_for(event: ItemEvent) -> Notice:
    """The 督办通知单 of a numbered step (read with ``RELATED``)."""
    item, data = event.item, event.data or {}
    organisation = item.plan.organisation
    day = _date(data.get("as_of")) or timezone.localdate(event.created_at)
    unit, post = _answering(event)
    issuer = issuing_office(organisation, event.actor)
    return Notice(
        event=event,
        number=str(event.escalation_notice),
        title=f"{organisation.name}督办通知单",
        addressee=f"{unit.name}：" if unit else "",
        paragraphs=[_what_is_late(event, post, day), _the_step(event), _answer(data, issuer)],
        issuer=issuer,
        day=day,
    )


def _answering(event: ItemEvent) -> tuple[Unit | None, Post | None]:
    """The unit the step concerns and the post that answers for it (the item's, for an item without units)."""
    if event.assignment_id:
        return event.assignment.unit, event.assignment.post
    post = event.item.responsible_post
    return (post.unit if post else None), post


def _what_is_late(event: ItemEvent, post: Post | None, day: datetime.date) -> str:
    data = event.data or {}
    text = f"你单位承办的“{event.item}”（《{event.item.plan.title}》）"
    if post is not None and post.holder_id:
        text += f"，责任人为{post.title}{post.holder.display_name}"
    due = _date(data.get("due_by"))
    if due:
        deadline = "整改时限" if event.to_status == ItemStatus.RECTIFYING else "完成时限"
        text += f"，{deadline}为{date_cn(due)}"
    if data.get("days_overdue"):
        text += f"，截至{date_cn(day)}已逾期{data['days_overdue']}天"
    if data.get("reports_missed"):
        text += f"，已连续{data['reports_missed']}次未按期报送进度"
    return text + "。"


def _the_step(event: ItemEvent) -> str:
    """The step, and the reason the person who took it gave (the sweep's own note only says that
    the rules took it, which the sentence already does)."""
    level = (event.data or {}).get("level")
    label = EscalationLevel(level).label if level in EscalationLevel.values else ItemEvent.Kind.ESCALATED.label
    if event.actor_id is None:
        return f"根据督办规则，现对该事项升级督办，督办级别为“{label}”。"
    text = f"现对该事项升级督办，督办级别为“{label}”。"
    reason = event.note.strip()
    if reason:
        text += f"督办事由：{reason}" + ("" if reason[-1] in "。！？" else "。")
    return text


def _answer(data: dict, issuer: str) -> str:
    answer_by = _date(data.get("answer_by"))
    when = f"于{date_cn(answer_by)}前" if answer_by else "及时"
    return f"请你单位高度重视，抓紧推进落实，{when}将办理进展、存在问题及下一步措施书面报送{issuer}。"


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def issuing_office(organisation: Unit, actor=None) -> str:
    """Who issues the notice: the unit of the office clerk or inspector who took the step by hand,
    else the organisation's office (党政办), else the organisation itself."""
    roles = [Post.Role.OFFICE, Post.Role.INSPECTOR] if actor is not None else [Post.Role.OFFICE]
    posts = Post.objects.filter(role__in=roles).select_related("unit").order_by("unit__order", "id")
    if actor is not None:
        posts = posts.filter(holder=actor)
    for post in posts:
        if post.unit_id == organisation.pk or organisation in post.unit.ancestors():
            return _unit_name(post.unit, organisation)
    return issuing_office(organisation) if actor is not None else organisation.name


def _unit_name(unit: Unit, organisation: Unit) -> str:
    """回兴街道党政办: a unit under its organisation's name, as it signs outside the organisation."""
    if unit.pk == organisation.pk or unit.name.startswith(organisation.name):
        return unit.name
    return f"{organisation.name}{unit.name}"


def as_docx(notice: Notice) -> bytes:
    writer = gongwen.Document(title=notice.title, author=notice.issuer)
    writer.title(notice.title, number=notice.number)
    if notice.addressee:
        writer.addressee(notice.addressee)
    for text in notice.paragraphs:
        writer.paragraph(text)
    writer.signature(notice.issuer, notice.day)
    return writer.save()
