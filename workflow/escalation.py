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

from responsibility import permissions
from responsibility.models import EscalationLevel, ItemEvent, Post, ResponsibilityItem, WorkPlan
from responsibility.models.plan import LIT_STATUSES

from . import notifications
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


def apply_rules(today: datetime.date) -> int:
    """Take every lit item up to the highest step its rules call for. Returns the steps taken.

    Set-based: per step and per level the items stand at, one UPDATE that returns the ids it
    moved; then the timeline events and the notices for those ids in bulk.
    """
    rules = _rules()
    moved: list[tuple[int, int, int]] = []  # (item, from level, to level)
    for level in sorted(rules, reverse=True):
        due = _due(rules[level], today).filter(escalation_level__lt=level)
        for before in sorted(set(due.order_by().values_list("escalation_level", flat=True))):
            moved += [(pk, before, level) for pk in _raise(due, before, level)]
    if moved:
        _record_steps(moved, rules, actor=None, note="", deliver=False)  # the sweep delivers its notices
    return sum(level - before for _pk, before, level in moved)


def _rules() -> dict[int, EscalationRule]:
    return {rule.level: rule for rule in EscalationRule.objects.all()}


def _due(rule: EscalationRule, today: datetime.date):
    reached = Q(pk__in=[])
    if rule.days_overdue is not None:
        reached |= Q(due_by__lte=today - datetime.timedelta(days=rule.days_overdue))
    if rule.reports_missed is not None:
        reached |= Q(reports_missed__gte=rule.reports_missed)
    return ResponsibilityItem.objects.filter(
        reached, status__in=LIT_STATUSES, is_heading=False, plan__status=WorkPlan.Status.PUBLISHED
    )


def _raise(rows, before: int, level: int) -> list[int]:
    """Compare and set: UPDATE … SET escalation_level = level WHERE id IN (rows) AND
    escalation_level = before RETURNING id. Only the rows this statement moved come back; a row
    another sweep or an inspector moved meanwhile fails the second condition, which PostgreSQL
    checks again on the row's newest version."""
    table = ResponsibilityItem._meta.db_table
    subquery, params = rows.filter(escalation_level=before).values("pk").query.sql_with_params()
    sql = (
        f'UPDATE "{table}" SET "escalation_level" = %s'
        f' WHERE "id" IN ({subquery}) AND "escalation_level" = %s RETURNING "id"'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [level, *params, before])
        return [row[0] for row in cursor.fetchall()]


def _record_steps(
    moved: list[tuple[int, int, int]], rules: dict[int, EscalationRule], *, actor, note: str, deliver: bool = True
) -> None:
    """Every step passed stands on the item's timeline and tells its people, in bulk."""
    items = ResponsibilityItem.objects.filter(pk__in={pk for pk, _before, _level in moved})
    items = {item.pk: item for item in items.select_related("responsible_post", "lead_leader_post")}
    people = _People(items.values())
    now = timezone.now()
    events, notices = [], []
    with override("zh-hans"):
        for pk, before, level in moved:
            item = items[pk]
            for step in range(before + 1, level + 1):
                events.append(_event(item, step, actor, note, now))
                notices += _notices(item, step, people.for_step(item, rules.get(step)), note)
    ItemEvent.objects.bulk_create(events, batch_size=1000)
    Notification.objects.bulk_create(notices, ignore_conflicts=True, batch_size=1000)
    if deliver:
        # Just these notices (found by their keys: a conflict-ignoring insert returns no ids), not
        # every notice still waiting: an inspector's step on one item is no reason to resend a backlog.
        stored = Notification.objects.filter(key__in=[n.key for n in notices], delivered_at__isnull=True)
        notifications.queue_deliveries(list(stored.values_list("pk", flat=True)))


def _event(item: ResponsibilityItem, step: int, actor, note: str, now) -> ItemEvent:
    label = EscalationLevel(step).label
    return ItemEvent(
        item=item,
        kind=ItemEvent.Kind.ESCALATED,
        actor=actor,
        from_status=item.status,
        to_status=item.status,
        note=note or _("按督办规则自动升级为“%(level)s”。") % {"level": label},
        data={"level": step},
        created_at=now,
    )


def _notices(item: ResponsibilityItem, step: int, recipients: list[int], note: str) -> list[Notification]:
    title = (_("%(level)s：“%(item)s”") % {"level": EscalationLevel(step).label, "item": item})[:200]
    return [
        Notification(
            recipient_id=person,
            item=item,
            kind=Notification.Kind.ESCALATION,
            # Per deadline: an approved extension starts the ladder again, with its own notices.
            key=f"escalation:{item.pk}:{item.deadline}:{step}:{person}",
            title=title,
            body=note,
        )
        for person in recipients
    ]


class _People:
    """Who hears of a step, read once for all the items of a sweep."""

    def __init__(self, items: Iterable[ResponsibilityItem]) -> None:
        units = {item.responsible_post.unit_id for item in items if item.responsible_post}
        heads = Post.objects.filter(unit__in=units, role=Post.Role.UNIT_HEAD).exclude(holder=None)
        self.heads: dict[int, list[int]] = {}
        for unit_id, holder_id in heads.values_list("unit_id", "holder_id"):
            self.heads.setdefault(unit_id, []).append(holder_id)
        committee = Post.objects.filter(role=Post.Role.COMMITTEE).exclude(holder=None)
        self.committee = list(committee.values_list("holder_id", flat=True))

    def for_step(self, item: ResponsibilityItem, rule: EscalationRule | None) -> list[int]:
        """The official always; then, as the rule says, the unit's head, the lead leader, the committee."""
        people: list[int | None] = []
        post = item.responsible_post
        if post is not None:
            people.append(post.holder_id)
        if rule is not None and rule.notify_unit_head and post is not None:
            people += self.heads.get(post.unit_id, [])
        if rule is not None and rule.notify_lead_leader and item.lead_leader_post is not None:
            people.append(item.lead_leader_post.holder_id)
        if rule is not None and rule.notify_committee:
            people += self.committee
        return list(dict.fromkeys(person for person in people if person))


def escalate_by_hand(item: ResponsibilityItem, user, level: int, note: str) -> int:
    """An inspector (or the office) takes an item up the ladder at once, with a reason."""
    if not permissions.can(user, permissions.URGE, item):
        raise PermissionDenied
    with transaction.atomic():
        item = ResponsibilityItem.objects.select_for_update(of=("self",)).get(pk=item.pk)
        if item.status not in LIT_STATUSES:
            raise EscalationRefused(_("该事项不在办理中，无需督办升级。"))
        if level <= item.escalation_level:
            current = item.get_escalation_level_display()
            raise EscalationRefused(_("该事项已是“%(level)s”，只能向上升级。") % {"level": current})
        before = item.escalation_level
        if not _raise(ResponsibilityItem.objects.filter(pk=item.pk), before, level):
            raise EscalationRefused(_("该事项刚刚已被升级，请刷新页面查看。"))
        _record_steps([(item.pk, before, level)], _rules(), actor=user, note=note)
        return level - before


def next_levels(item: ResponsibilityItem) -> Iterable[tuple[int, str]]:
    return [(level.value, level.label) for level in EscalationLevel if level > item.escalation_level]
