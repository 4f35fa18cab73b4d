"""Who hears of each hand-over and decision of an item's flow, and of published results.

Each step records its decision once, on the item's timeline (an ``ItemEvent``), and calls one
function here with that event. The notices are keyed by the event and the person
("deployed:<event>:<person>"; the database keeps keys unique), so a step replayed, or a function
here run twice for one event, stores each notice once, and a person gets one notice per event
however many of the item's parts he holds. They are stored in the step's transaction and sent once
it commits (``notifications.queue_keys``); nobody is told of his own action.

    部署交办 / 重新交办   → each unit's 责任人 (交办: to accept; 会办: to contribute by its date)
    退回 (sent back)     → the office (退回交办)
    延期申请            → the office (待办: to decide)
    延期审批            → whoever asked (延期审批结果)
    申请办结 / 整改      → the item's inspector (待核验)
    核验通过            → the item's assessor (待办: to score)
    退回整改            → the unit's 责任人 (退回整改)
    考核评分 (办结)      → the 责任人 of the parts it closes; once the item is closed, every unit's and
                          the office (办结销号)
    转办                → the colleague now holding the part (待办)
    领导批示            → the officials it is for and the office (workflow.instructions)
    答复批示            → the leader who wrote it (批示答复)
    考核结果发布         → the committee, the officials and heads of the ranked units, the people scored
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from responsibility.assignments import siblings
from responsibility.models import Assignment, ItemEvent, ItemStatus, Post, ResponsibilityItem

from . import notifications
from .models import Notification, notice_title

Kind = Notification.Kind


@dataclass(frozen=True)
class Notice:
    kind: str
    title: str
    body: str = ""
    link: str = ""


def _in_site_language(function: Callable) -> Callable:
    """Notices are stored and read later by others: in the site's language (Chinese), not in the
    language the acting user happened to choose."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return function(*args, **kwargs)

    return wrapper


def store(event: str, notices: Iterable[tuple[int | None, Notice]], *, item_id: int | None, actor=None) -> list[str]:
    """Store each (person, notice) of one event, once per person and kind, and queue their delivery
    for after the commit; returns their keys. ``event`` names the event in the keys."""
    actor_id = getattr(actor, "pk", None)
    rows, seen = [], set()
    for person, notice in notices:
        key = f"{notice.kind}:{event}:{person}"
        if not person or person == actor_id or key in seen:
            continue
        seen.add(key)
        rows.append(
            Notification(
                recipient_id=person,
                item_id=item_id,
                kind=notice.kind,
                key=key,
                title=notice_title(notice.title),
                body=notice.body,
                link=notice.link,
            )
        )
    if rows:
        Notification.objects.bulk_create(rows, ignore_conflicts=True)
        notifications.queue_keys([row.key for row in rows])
    return [row.key for row in rows]


def _subject(item: ResponsibilityItem, parts: Sequence[Assignment]) -> str:
    """How a notice names the work: the item, and on an item of several units the units too."""
    if item.branch_count + item.contribution_count <= 1 or not parts:
        return str(item)
    return _("%(item)s（%(unit)s）") % {"item": item, "unit": "、".join(part.unit.name for part in parts)}


def _holder(post: Post | None) -> int | None:
    return post.holder_id if post is not None else None


def office() -> list[int]:
    """The office's people (党政办/法治办): they deploy, decide extensions and see items close."""
    posts = Post.objects.filter(role=Post.Role.OFFICE, holder__is_active=True)
    return list(posts.values_list("holder_id", flat=True).distinct())


def _holders(parts: Sequence[Assignment]) -> list[int]:
    """The holders of the parts' posts: from the posts read with them, the others in one query."""
    known = {p.post_id: p.post.holder_id for p in parts if p.post_id and Assignment.post.is_cached(p)}
    unknown = {p.post_id for p in parts if p.post_id and p.post_id not in known}
    if unknown:
        known.update(Post.objects.filter(pk__in=unknown).values_list("pk", "holder_id"))
    return [known[p.post_id] for p in parts if p.post_id and known.get(p.post_id)]


# --- the steps ---------------------------------------------------------------------------------------


@_in_site_language
def deployed(item: ResponsibilityItem, parts: Sequence[Assignment], event: ItemEvent, actor, note: str = "") -> None:
    """部署交办 or 重新交办: each unit's 责任人, to accept it (a cooperating unit: to contribute)."""
    mine: dict[int, list[Assignment]] = {}
    for part in parts:
        if (holder := _holder(part.post)) is not None:
            mine.setdefault(holder, []).append(part)
    store(
        str(event.pk),
        [(person, _deployed(item, own, note)) for person, own in mine.items()],
        item_id=item.pk,
        actor=actor,
    )


def _deployed(item: ResponsibilityItem, parts: list[Assignment], note: str) -> Notice:
    subject, branch = _subject(item, parts), [part for part in parts if part.runs_branch]
    if branch:
        title = _("交办：“%(item)s”，请签收") % {"item": subject}
        due = _("完成时限：%(date)s") % {"date": branch[0].deadline_display}
    else:
        title = _("会办：“%(item)s”，请于%(date)s前向牵头单位提交会办意见") % {
            "item": subject,
            "date": parts[0].deadline_display,
        }
        due = ""
    return Notice(Kind.DEPLOYED, title, "\n".join(filter(None, [due, note])))


@_in_site_language
def sent_back(assignment: Assignment, event: ItemEvent, actor, reason: str) -> None:
    """A unit sent its part back: the office, to hand it over again."""
    title = _("退回交办：%(unit)s退回了“%(item)s”，请重新交办") % {
        "unit": assignment.unit.name,
        "item": assignment.item,
    }
    notice = Notice(Kind.SENT_BACK, title, reason)
    store(str(event.pk), [(person, notice) for person in office()], item_id=assignment.item_id, actor=actor)


@_in_site_language
def extension_requested(assignment: Assignment, event: ItemEvent, actor, new_deadline, reason: str) -> None:
    """An extension asked for: the office, to decide it (延期审批 waits in its queue)."""
    title = _("延期审批：“%(item)s”申请延期至%(date)s") % {
        "item": _subject(assignment.item, [assignment]),
        "date": date_format(new_deadline),
    }
    notice = Notice(Kind.TASK, title, reason)
    store(str(event.pk), [(person, notice) for person in office()], item_id=assignment.item_id, actor=actor)


@_in_site_language
def extension_decided(assignment: Assignment, event: ItemEvent, actor, requested: ItemEvent, comment: str) -> None:
    """The office decided an extension: whoever asked for it (else the unit's 责任人)."""
    subject = _subject(assignment.item, [assignment])
    if event.kind == ItemEvent.Kind.EXTENSION_APPROVED:
        title = _("延期已批准：“%(item)s”完成时限延至%(date)s")
    else:
        title = _("延期未批准：“%(item)s”仍须于%(date)s前完成")
    notice = Notice(Kind.EXTENSION_DECIDED, title % {"item": subject, "date": assignment.deadline_display}, comment)
    person = requested.actor_id if requested is not None and requested.actor_id else _holder(assignment.post)
    store(str(event.pk), [(person, notice)], item_id=assignment.item_id, actor=actor)


@_in_site_language
def to_verify(assignment: Assignment, event: ItemEvent, actor, rectified: bool = False) -> None:
    """A claim (or a rectification) waits for verification: the item's inspector."""
    subject = _subject(assignment.item, [assignment])
    if rectified:
        title = _("待核验：“%(item)s”已整改，请再次核验") % {"item": subject}
    else:
        title = _("待核验：“%(item)s”已申请办结") % {"item": subject}
    person = _holder(assignment.item.inspector_post)
    store(str(event.pk), [(person, Notice(Kind.TO_VERIFY, title))], item_id=assignment.item_id, actor=actor)


@_in_site_language
def verified(assignment: Assignment, event: ItemEvent, actor) -> None:
    """Verified: the item's assessor, to score it (考核评分 waits in his queue)."""
    title = _("待考核评分：“%(item)s”已核验通过") % {"item": _subject(assignment.item, [assignment])}
    person = _holder(assignment.item.assessor_post)
    store(str(event.pk), [(person, Notice(Kind.TASK, title))], item_id=assignment.item_id, actor=actor)


@_in_site_language
def returned(assignment: Assignment, event: ItemEvent, actor, points: str, deadline) -> None:
    """Returned for rectification: the unit's 责任人, with the points to put right and the date."""
    title = _("退回整改：“%(item)s”请于%(date)s前整改") % {
        "item": _subject(assignment.item, [assignment]),
        "date": date_format(deadline),
    }
    person = _holder(assignment.post)
    store(str(event.pk), [(person, Notice(Kind.RETURNED, title, points))], item_id=assignment.item_id, actor=actor)


@_in_site_language
def closed(assignment: Assignment, parts: Sequence[Assignment], event: ItemEvent, actor) -> None:
    """Assessed, the parts are closed: their 责任人; once the whole item is closed, every unit's
    责任人 and the office."""
    item = assignment.item
    if item.status == ItemStatus.CLOSED:
        units = [part for part in siblings(assignment) if part.runs_branch]
        people = [*_holders([*parts, *units]), *office()]
        subject = str(item)
    else:
        people, subject = _holders(parts), _subject(item, parts)
    notice = Notice(Kind.CLOSED, _("办结销号：“%(item)s”已办结") % {"item": subject})
    store(str(event.pk), [(person, notice) for person in people], item_id=item.pk, actor=actor)


@_in_site_language
def transferred(assignment: Assignment, event: ItemEvent, actor, note: str) -> None:
    """转办: the colleague now holding the unit's part."""
    title = _("转办：%(item)s（%(unit)s）") % {"item": assignment.item, "unit": assignment.unit}
    person = _holder(assignment.post)
    store(str(event.pk), [(person, Notice(Kind.TASK, title, note))], item_id=assignment.item_id, actor=actor)


@_in_site_language
def instructed(instruction, people: Sequence[int], actor) -> None:
    """A leader's 批示: the officials it is for and the office (``people``, kept on its event)."""
    title = _("领导批示：%(leader)s对“%(item)s”作出批示") % {"leader": actor, "item": _instructed_on(instruction)}
    body = instruction.text
    if instruction.due:
        body = "\n".join([body, _("办理时限：%(date)s") % {"date": date_format(instruction.due)}])
    notice = Notice(Kind.INSTRUCTION, title, body)
    store(str(instruction.event_id), [(person, notice) for person in people], item_id=instruction.item_id, actor=actor)


def _instructed_on(instruction) -> str:
    if instruction.assignment_id is None:
        return str(instruction.item)
    return _subject(instruction.item, [instruction.assignment])


@_in_site_language
def instruction_answered(instruction, event: ItemEvent, actor) -> None:
    """The official answered a 批示 in his report: the leader who wrote it."""
    title = _("批示答复：%(person)s答复了您对“%(item)s”的批示") % {"person": actor, "item": instruction.item}
    notice = Notice(Kind.INSTRUCTION_ANSWERED, title, instruction.answer)
    store(str(event.pk), [(instruction.author_id, notice)], item_id=instruction.item_id, actor=actor)


# --- the year's results --------------------------------------------------------------------------------


@_in_site_language
def results_published(sender, assessment, user, **kwargs) -> None:
    """A version of the year's results was published (公示): the committee (who decides the reward
    proposals it drew up), the officials and heads of the units it ranks, and the people it scores."""
    from assessment.models import PersonResult, UnitResult

    ranked = UnitResult.objects.filter(assessment=assessment).values("unit_id")
    officials = Q(unit__in=ranked, role__in=[Post.Role.OFFICIAL, Post.Role.UNIT_HEAD])
    posts = Post.objects.filter(Q(role=Post.Role.COMMITTEE) | officials, holder__is_active=True)
    scored = PersonResult.objects.filter(assessment=assessment, person__is_active=True)
    people = [*posts.values_list("holder_id", flat=True), *scored.values_list("person_id", flat=True)]
    title = _("考核结果发布：《%(scheme)s》第%(version)s版") % {
        "scheme": assessment.scheme,
        "version": assessment.version,
    }
    notice = Notice(
        Kind.PUBLISHED,
        title,
        _("请查看本单位和本人的得分、排名和等次。"),
        reverse("assessment:result", args=[assessment.pk]),
    )
    store(f"a{assessment.pk}", [(person, notice) for person in people], item_id=None, actor=user)
