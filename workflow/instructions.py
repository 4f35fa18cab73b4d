"""Leaders' 批示 and the 已阅 receipts of what was sent to people (批示, 督办通知单).

A 批示 (``instruct``) is written by the committee on any item and by a lead leader on his own, on
the whole item or on one progress report (then on that unit's part). It stands on the item's
timeline with the people it was sent to (the officials at work on it and the office), who are told
once. The official answers it in his next report (``answer``); the answer stands on the timeline
too, and its author is told.

A receipt (``mark_read``) records that one of the people an event was sent to has read it; the
sender, and whoever supervises, sees who has and when (``readings``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from responsibility import permissions
from responsibility.assignments import officials_at_work
from responsibility.models import (
    Assignment,
    Instruction,
    ItemEvent,
    Person,
    ProgressReport,
    ReadReceipt,
    ResponsibilityItem,
)
from responsibility.models.plan import LIT_STATUSES

from . import notices

Kind = ItemEvent.Kind


class InstructionRefused(Exception):
    """The 批示 cannot be written; the message says why, in the user's language."""


def instruct(
    item: ResponsibilityItem, user, text: str, due: datetime.date | None = None, report: ProgressReport | None = None
) -> Instruction:
    """Write a 批示 on ``item`` (or on its ``report``): on the timeline, and to its people."""
    if not permissions.can_instruct(user, item):
        raise PermissionDenied
    if report is not None and report.item_id != item.pk:
        raise InstructionRefused(_("该进度反馈不属于此事项。"))
    with transaction.atomic():
        item = ResponsibilityItem.objects.select_for_update(of=("self",)).get(pk=item.pk)
        if not item.is_open:
            raise InstructionRefused(_("该事项已办结，不能再批示。"))
        part = report.assignment if report is not None and report.assignment_id else None
        if part is not None and (not part.runs_branch or part.status not in LIT_STATUSES):
            # A 会办, a claimed or a finished part has no next report to answer in.
            raise InstructionRefused(_("该单位的任务已结束，不能再批示这次反馈。"))
        recipients = [*_responsible(item, part), *notices.office()]
        recipients = [person for person in dict.fromkeys(recipients) if person != user.pk]
        data = {"to": recipients, "due": due.isoformat() if due else None, "report": report.pk if report else None}
        event = (part or item).move(Kind.INSTRUCTED, user, note=text, data=data)
        instruction = Instruction.objects.create(
            item=item, assignment=part, report=report, event=event, author=user, text=text, due=due
        )
        notices.instructed(instruction, recipients, user)
    return instruction


def _responsible(item: ResponsibilityItem, part: Assignment | None) -> list[int]:
    """The officials a 批示 is for: the unit's, on a report of one unit; else those still at work."""
    if part is not None:
        return [part.post.holder_id] if part.post_id and part.post.holder_id else []
    return [person.pk for person in officials_at_work([item])[item.pk]]


def answer(work: ResponsibilityItem | Assignment, user, report: ProgressReport, answers: dict[int, str]) -> int:
    """The official answers 批示 in his report (``answers``: 批示 id → answer); each stands on the
    timeline and its author is told. Returns how many were answered; one answered meanwhile (by
    another unit of the item) keeps its first answer."""
    now = timezone.now()
    answered = 0
    wanted = [pk for pk, text in answers.items() if text.strip()]
    if not wanted:
        return 0
    for instruction in Instruction.objects.open_for(work).select_for_update(of=("self",)).filter(pk__in=wanted):
        text = answers[instruction.pk].strip()
        instruction.answer, instruction.answer_report, instruction.answered_by = text, report, user
        instruction.answered_at = now
        instruction.save(update_fields=["answer", "answer_report", "answered_by", "answered_at"])
        data = {"instruction": instruction.pk, "report": report.pk}
        event = work.move(Kind.INSTRUCTION_ANSWERED, user, note=text, data=data)
        notices.instruction_answered(instruction, event, user)
        answered += 1
    return answered


def of_item(item: ResponsibilityItem) -> QuerySet[Instruction]:
    return (
        Instruction.objects.filter(item=item)
        .select_related("author", "answered_by", "assignment__unit", "report", "event")
        .order_by("created_at", "id")
    )


# --- 已阅 -----------------------------------------------------------------------------------------------


def acknowledged(event: ItemEvent) -> bool:
    """Is ``event`` something sent to people that they acknowledge: a 批示, or a step of the ladder
    that issued a 督办通知单?"""
    if event.kind == Kind.INSTRUCTED:
        return True
    return event.kind == Kind.ESCALATED and hasattr(event, "escalation_notice")


def sent_event(item: ResponsibilityItem, event_pk: int) -> ItemEvent:
    """The item's event ``event_pk`` if it is one sent to people (``acknowledged``), else 404."""
    events = ItemEvent.objects.select_related("escalation_notice", "assignment__post")
    event = get_object_or_404(events, pk=event_pk, item=item)
    if not acknowledged(event):
        raise Http404
    event.item = item
    return event


def recipients_of(event: ItemEvent) -> list[int]:
    """Whom the event was sent to (kept on it); a step of the ladder taken before they were kept
    was sent to its unit's official, whoever holds the post now."""
    if "to" in event.data:
        return list(event.data["to"])
    post = event.assignment.post if event.assignment_id else event.item.responsible_post
    return [post.holder_id] if post is not None and post.holder_id else []


def mark_read(event: ItemEvent, user) -> ReadReceipt:
    """已阅: one of the event's recipients has read it; reading again keeps the first time."""
    if not acknowledged(event) or user.pk not in recipients_of(event):
        raise PermissionDenied
    receipt, _created = ReadReceipt.objects.get_or_create(event=event, person=user)
    return receipt


def sees_receipts(user, event: ItemEvent) -> bool:
    """Who read what is shown to the sender, and to those who supervise (the office, the committee,
    the inspectors: an escalation the sweep took has no sender of its own)."""
    return event.actor_id == user.pk or permissions.can_supervise(user)


@dataclass
class Reading:
    person: Person
    read_at: datetime.datetime | None


def readings(events: list[ItemEvent]) -> dict[int, list[Reading]]:
    """Per event, each recipient and when he read it (None: not yet), in two queries for all."""
    wanted = {event.pk: recipients_of(event) for event in events}
    people = Person.objects.in_bulk({person for ids in wanted.values() for person in ids})
    read = {
        (r.event_id, r.person_id): r.read_at
        for r in ReadReceipt.objects.filter(event__in=list(wanted)).only("event_id", "person_id", "read_at")
    }
    return {
        pk: [Reading(people[person], read.get((pk, person))) for person in ids if person in people]
        for pk, ids in wanted.items()
    }


def attach_receipts(user, events: list[ItemEvent]) -> None:
    """Give each event sent to people what ``user`` sees of it: ``readings`` if he sent it (or
    supervises), ``my_receipt`` (the time he read it, or None) and ``to_me`` if it was sent to him."""
    sent = [event for event in events if acknowledged(event)]
    found = readings(sent) if sent else {}
    for event in sent:
        rows = found[event.pk]
        event.readings = rows if sees_receipts(user, event) else []
        mine = [row for row in rows if row.person.pk == user.pk]
        event.to_me = bool(mine) or user.pk in recipients_of(event)
        event.my_receipt = mine[0].read_at if mine else None
