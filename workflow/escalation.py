"""The escalation ladder (督办升级): 提醒 → 催办 → 督办通知单 → 挂牌督办 → 约谈建议.

The sweep takes each item up to the highest step its rules call for; an inspector may take it up
by hand. Every step an item passes stands on its timeline once and tells its people once: the
level only rises through an UPDATE that returns the rows it moved (``escalation_level = before``),
so of two sweeps, a retry, or a sweep and an inspector at the same moment, one raises it and the
other finds it done; and every notice carries a unique key.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from responsibility import deadlines, permissions
from responsibility.assignments import derive, of_item
from responsibility.models import Assignment, EscalationLevel, ItemEvent, Post, ResponsibilityItem
from responsibility.models.plan import LIT_STATUSES
from responsibility.supervision import ITEMS, KINDS, UNITS, Plans, Rows

from . import escalation_notice, notifications
from .models import EscalationRule, Notification

# The default ladder: (step, days overdue, reports missed, unit head, lead leader, committee).
DEFAULT_RULES = [
    (EscalationLevel.REMIND, 1, 1, False, False, False),
    (EscalationLevel.URGE, 7, 2, True, False, False),
    (EscalationLevel.NOTICE, 15, 3, True, True, False),
    (EscalationLevel.LISTED, 30, None, True, True, True),
    (EscalationLevel.INTERVIEW, 60, None, True, True, True),
]


def ensure_default_rules(**_kwargs) -> None:
    """Give a database without any rule the default ladder (run after every migrate, so a flushed
    test database gets it again); an administrator's own rules are left as they are."""
    if EscalationRule.objects.exists():
        return
    EscalationRule.objects.bulk_create(
        EscalationRule(
            level=level,
            days_overdue=days,
            reports_missed=missed,
            notify_unit_head=head,
            notify_lead_leader=leader,
            notify_committee=committee,
        )
        for level, days, missed, head, leader, committee in DEFAULT_RULES
    )


class EscalationRefused(Exception):
    """The step cannot be taken; the message says why, in the user's language."""


def apply_rules(today: datetime.date, plans: Plans = None) -> int:
    """Take every lit unit (and item without units) up to the highest step its rules call for (of
    ``plans`` only, if given). Returns the steps taken. The caller derives the items' own level
    from their units'.

    Set-based: per step and per level the rows stand at, one UPDATE that returns the ids it moved;
    then the timeline events and the notices for those ids in bulk.
    """
    rules = _rules()
    taken = 0
    for kind in KINDS:
        moved: list[tuple[int, int, int]] = []  # (row, from level, to level)
        for level in sorted(rules, reverse=True):
            due = _due(kind, rules[level], today, plans).filter(escalation_level__lt=level)
            for before in sorted(set(due.order_by().values_list("escalation_level", flat=True))):
                moved += [(pk, before, level) for pk in _raise(kind.model, due, before, level)]
        if moved:
            # The sweep delivers its notices.
            _record_steps(kind, moved, rules, today, actor=None, note="", deliver=False)
        taken += sum(level - before for _pk, before, level in moved)
    return taken


def _rules() -> dict[int, EscalationRule]:
    return {rule.level: rule for rule in EscalationRule.objects.all()}


def _due(kind: Rows, rule: EscalationRule, today: datetime.date, plans: Plans = None):
    reached = Q(pk__in=[])
    if rule.days_overdue is not None:
        reached |= deadlines.overdue_by_q(today, rule.days_overdue)
    if rule.reports_missed is not None:
        reached |= Q(reports_missed__gte=rule.reports_missed)
    return kind.published(plans).filter(reached, status__in=LIT_STATUSES, **{kind.item_field("is_heading"): False})


def _raise(model, rows, before: int, level: int) -> list[int]:
    """Compare and set: UPDATE … SET escalation_level = level WHERE id IN (rows) AND
    escalation_level = before RETURNING id. Only the rows this statement moved come back; a row
    another sweep or an inspector moved meanwhile fails the second condition, which PostgreSQL
    checks again on the row's newest version."""
    table = model._meta.db_table
    subquery, params = rows.filter(escalation_level=before).values("pk").query.sql_with_params()
    sql = (
        f'UPDATE "{table}" SET "escalation_level" = %s'
        f' WHERE "id" IN ({subquery}) AND "escalation_level" = %s RETURNING "id"'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [level, *params, before])
        # In the rows' order: RETURNING gives them in whatever order PostgreSQL met them, and the
        # notices are stored (and delivered) in this order.
        return sorted(row[0] for row in cursor.fetchall())


def _record_steps(
    kind: Rows,
    moved: list[tuple[int, int, int]],
    rules: dict[int, EscalationRule],
    today: datetime.date,
    *,
    actor,
    note: str,
    deliver: bool = True,
) -> None:
    """Every step passed stands on the item's timeline (as the unit's, for a unit), numbered as its
    督办通知单, and tells its people, in bulk."""
    related = ["post", "unit", "item__lead_leader_post"] if kind is UNITS else ["responsible_post", "lead_leader_post"]
    rows = kind.model.objects.filter(pk__in={pk for pk, _before, _level in moved}).select_related(*related)
    works = {work.pk: _Work(work) for work in rows}
    people = _People(works.values())
    now = timezone.now()
    events, notices = [], []
    with override("zh-hans"):
        for pk, before, level in moved:
            work = works[pk]
            for step in range(before + 1, level + 1):
                recipients = people.for_step(work, rules.get(step))
                events.append(_event(work, step, actor, note, now, today, recipients))
                notices += _notices(work, step, recipients, note)
    ItemEvent.objects.bulk_create(events, batch_size=1000)
    escalation_notice.number(events)
    Notification.objects.bulk_create(notices, ignore_conflicts=True, batch_size=1000)
    if deliver:
        # Just these notices (found by their keys: a conflict-ignoring insert returns no ids), not
        # every notice still waiting: an inspector's step on one item is no reason to resend a backlog.
        stored = Notification.objects.filter(key__in=[n.key for n in notices], delivered_at__isnull=True)
        notifications.queue_deliveries(list(stored.values_list("pk", flat=True)))


class _Work:
    """A row on the ladder, as its steps need it: a unit's assignment or an item without units."""

    def __init__(self, row) -> None:
        self.row = row
        self.unit_of_many = isinstance(row, Assignment) and row.item.branch_count > 1
        self.item = row.item if isinstance(row, Assignment) else row
        self.assignment = row if isinstance(row, Assignment) else None
        self.post = row.post if isinstance(row, Assignment) else row.responsible_post

    @property
    def subject(self) -> str:
        if self.unit_of_many:
            return _("%(item)s（%(unit)s）") % {"item": self.item, "unit": self.row.unit.name}
        return str(self.item)

    def key(self, step: int, person: int) -> str:
        # Per deadline: an approved extension starts the ladder again, with its own notices.
        key = f"escalation:{self.item.pk}:{self.row.deadline}:{step}:{person}"
        return f"{key}:u{self.row.unit_id}" if self.unit_of_many else key


def _event(work: _Work, step: int, actor, note: str, now, today: datetime.date, recipients: list[int]) -> ItemEvent:
    label = EscalationLevel(step).label
    return ItemEvent(
        item=work.item,
        assignment=work.assignment,
        kind=ItemEvent.Kind.ESCALATED,
        actor=actor,
        from_status=work.row.status,
        to_status=work.row.status,
        note=note or _("按督办规则自动升级为“%(level)s”。") % {"level": label},
        # "to": whom the step was sent, who may acknowledge its 督办通知单 (已阅, workflow.receipts).
        data={"level": step, "to": recipients, **escalation_notice.facts(work.row, today)},
        created_at=now,
    )


def _notices(work: _Work, step: int, recipients: list[int], note: str) -> list[Notification]:
    title = (_("%(level)s：“%(item)s”") % {"level": EscalationLevel(step).label, "item": work.subject})[:200]
    return [
        Notification(
            recipient_id=person,
            item=work.item,
            kind=Notification.Kind.ESCALATION,
            key=work.key(step, person),
            title=title,
            body=note,
        )
        for person in recipients
    ]


class _People:
    """Who hears of a step, read once for all the rows of a sweep."""

    def __init__(self, works: Iterable[_Work]) -> None:
        units = {work.post.unit_id for work in works if work.post}
        heads = Post.objects.filter(unit__in=units, role=Post.Role.UNIT_HEAD).exclude(holder=None)
        self.heads: dict[int, list[int]] = {}
        for unit_id, holder_id in heads.values_list("unit_id", "holder_id"):
            self.heads.setdefault(unit_id, []).append(holder_id)
        committee = Post.objects.filter(role=Post.Role.COMMITTEE).exclude(holder=None)
        self.committee = list(committee.values_list("holder_id", flat=True))

    def for_step(self, work: _Work, rule: EscalationRule | None) -> list[int]:
        """The unit's official always; then, as the rule says, the unit's head, the lead leader, the committee."""
        people: list[int | None] = []
        post = work.post
        if post is not None:
            people.append(post.holder_id)
        if rule is not None and rule.notify_unit_head and post is not None:
            people += self.heads.get(post.unit_id, [])
        if rule is not None and rule.notify_lead_leader and work.item.lead_leader_post is not None:
            people.append(work.item.lead_leader_post.holder_id)
        if rule is not None and rule.notify_committee:
            people += self.committee
        return list(dict.fromkeys(person for person in people if person))


def escalate_by_hand(item: ResponsibilityItem, user, level: int, note: str) -> int:
    """An inspector (or the office) takes an item up the ladder at once, with a reason: every unit
    of it still at work that stands below ``level`` (an item without units, itself)."""
    if not permissions.can(user, permissions.URGE, item):
        raise PermissionDenied
    with transaction.atomic():
        item = ResponsibilityItem.objects.select_for_update(of=("self",)).get(pk=item.pk)
        if item.status not in LIT_STATUSES:
            raise EscalationRefused(_("该事项不在办理中，无需督办升级。"))
        if level <= item.escalation_level:
            current = item.get_escalation_level_display()
            raise EscalationRefused(_("该事项已是“%(level)s”，只能向上升级。") % {"level": current})
        kind = UNITS if item.branch_count else ITEMS
        of_item_q = {"pk": item.pk} if kind is ITEMS else {"item": item.pk}
        rows = kind.all().filter(**of_item_q, status__in=LIT_STATUSES)
        moved = []
        for before in sorted(set(rows.filter(escalation_level__lt=level).values_list("escalation_level", flat=True))):
            moved += [(pk, before, level) for pk in _raise(kind.model, rows, before, level)]
        if not moved:
            raise EscalationRefused(_("该事项刚刚已被升级，请刷新页面查看。"))
        _record_steps(kind, moved, _rules(), timezone.localdate(), actor=user, note=note)
        taken = level - item.escalation_level
        if kind is UNITS:
            derive(item, of_item(item))  # the item stands at its highest unit's step
        return taken


def next_levels(item: ResponsibilityItem) -> Iterable[tuple[int, str]]:
    return [(level.value, level.label) for level in EscalationLevel if level > item.escalation_level]
