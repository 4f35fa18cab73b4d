"""The escalation ladder (督办升级): 提醒 → 催办 → 督办通知单 → 挂牌督办 → 约谈建议.

The sweep takes each item up to the highest step its rules call for; an inspector may take it up
by hand. Every step an item passes stands on its timeline once and tells its people once: the
level only rises through an UPDATE that returns the rows it moved (``escalation_level = before``),
so of two sweeps, a retry, or a sweep and an inspector at the same moment, one raises it and the
other finds it done; and every notice carries a unique key.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from typing import NamedTuple

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from responsibility import deadlines, permissions
from responsibility.assignments import derive, of_item
from responsibility.id_lists import any_of, id_list
from responsibility.models import EscalationLevel, ItemEvent, Post, ResponsibilityItem
from responsibility.models.plan import LIT_STATUSES, item_name
from responsibility.supervision import ITEMS, KINDS, UNITS, Plans, Rows

from . import escalation_notice, notice_rows, notifications
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

    Set-based: the rows below the highest step their rules reach read at once with that step
    (``_targets``), then per step and level the rows stand at, one compare-and-set UPDATE of their
    ids that returns the ids it moved; then the timeline events and the notices for those ids in bulk.
    """
    rules = _rules()
    taken = 0
    for kind in KINDS:
        groups: dict[tuple[int, int], list[int]] = {}
        for pk, before, level in _targets(kind, rules, today, plans):
            groups.setdefault((level, before), []).append(pk)
        moved: list[tuple[int, int, int]] = []  # (row, from level, to level)
        # The highest step first, each step's rows from the lowest level: the order the steps are
        # stored and numbered in.
        for (level, before), pks in sorted(groups.items(), key=lambda group: (-group[0][0], group[0][1])):
            moved += [(pk, before, level) for pk in _raise_ids(kind.model, pks, before, level)]
        if moved:
            # The sweep delivers its notices.
            _record_steps(kind, moved, rules, today, actor=None, note="", deliver=False)
        taken += sum(level - before for _pk, before, level in moved)
    return taken


def _targets(kind: Rows, rules: dict[int, EscalationRule], today: datetime.date, plans: Plans = None):
    """(row, its level, the highest step its rules reach) of the rows that stand below that step:
    one SELECT, where taking the steps one by one (the highest first, each row up to the first that
    it reaches) read the rows of each step apart."""
    if not rules:
        return []
    highest = Case(
        *(When(_reached(rules[level], today), then=Value(level)) for level in sorted(rules, reverse=True)),
        default=Value(0),
        output_field=IntegerField(),
    )
    rows = _lit(kind, plans).annotate(step_reached=highest).filter(step_reached__gt=F("escalation_level"))
    return rows.order_by().values_list("pk", "escalation_level", "step_reached")


def _rules() -> dict[int, EscalationRule]:
    return {rule.level: rule for rule in EscalationRule.objects.all()}


def _reached(rule: EscalationRule, today: datetime.date) -> Q:
    """The rows a rule's conditions reach (days overdue, reports missed)."""
    reached = Q(pk__in=[])
    if rule.days_overdue is not None:
        reached |= deadlines.overdue_by_q(today, rule.days_overdue)
    if rule.reports_missed is not None:
        reached |= Q(reports_missed__gte=rule.reports_missed)
    return reached


def _lit(kind: Rows, plans: Plans = None):
    """The rows the ladder applies to: lit work of published plans, no heading."""
    return kind.published(plans).filter(status__in=LIT_STATUSES, **{kind.item_field("is_heading"): False})


def _raise(model, rows, before: int, level: int) -> list[int]:
    """Compare and set: UPDATE … SET escalation_level = level WHERE id IN (rows) AND
    escalation_level = before RETURNING id. Only the rows this statement moved come back; a row
    another sweep or an inspector moved meanwhile fails the second condition, which PostgreSQL
    checks again on the row's newest version."""
    subquery, params = rows.filter(escalation_level=before).values("pk").query.sql_with_params()
    return _compare_and_set(model, subquery, list(params), before, level)


def _raise_ids(model, pks: list[int], before: int, level: int) -> list[int]:
    """``_raise`` of rows given by their ids (read by ``_targets``): the same compare and set."""
    ids, params = id_list(pks)
    return _compare_and_set(model, ids, list(params), before, level)


def _compare_and_set(model, rows_sql: str, params: list, before: int, level: int) -> list[int]:
    sql = (
        f'UPDATE "{model._meta.db_table}" SET "escalation_level" = %s'
        f' WHERE "id" IN ({rows_sql}) AND "escalation_level" = %s RETURNING "id"'
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
    督办通知单, and tells its people, in bulk: the rows read as the few columns the steps need (no
    model instances of the rows and their posts), each step's texts made once."""
    works = {work.pk: work for work in _works(kind, {pk for pk, _before, _level in moved})}
    people = _People(works.values())
    now = timezone.now()
    events: list[_Step] = []
    notices: list[notice_rows.Row] = []
    actor_id = actor.pk if actor is not None else None
    with override("zh-hans"):
        texts = _Texts(note)
        for pk, before, level in moved:
            work = works[pk]
            for step in range(before + 1, level + 1):
                recipients = people.for_step(work, rules.get(step))
                events.append(_event(work, step, actor_id, texts.note(step), today, recipients))
                notices += _notices(work, step, recipients, texts.title(step, work.subject), note)
    ids = _store_events(events, now)
    numbered = [(pk, event.item) for pk, event in zip(ids, events, strict=True)]
    escalation_notice.number(numbered, now, {work.item: work.plan for work in works.values()})
    notice_rows.insert(notices)
    if deliver:
        # Just these notices (found by their keys: a conflict-ignoring insert returns no ids), not
        # every notice still waiting: an inspector's step on one item is no reason to resend a backlog.
        stored = Notification.objects.filter(key__in=[n.key for n in notices], delivered_at__isnull=True)
        notifications.queue_deliveries(list(stored.values_list("pk", flat=True)))


class _Work(NamedTuple):
    """A row on the ladder, as its steps need it: a unit's assignment or an item without units."""

    pk: int
    item: int
    plan: int
    assignment: int | None
    unit: int | None  # on an item of several units: its notices name the unit and are keyed per unit
    subject: str
    status: str
    deadline: datetime.date | None
    due_by: datetime.date | None  # what it is due by now (``effective_deadline``, as stored)
    reports_missed: int
    post_unit: int | None  # the unit of the post that answers for it (none: no post)
    holder: int | None
    leader: int | None  # the holder of the item's lead leader's post

    def key(self, step: int, person: int) -> str:
        # Per deadline: an approved extension starts the ladder again, with its own notices.
        key = f"escalation:{self.item}:{self.deadline}:{step}:{person}"
        return f"{key}:u{self.unit}" if self.unit is not None else key


_STATE = ("status", "deadline", "due_by", "reports_missed")


def _works(kind: Rows, pks: set[int]) -> list[_Work]:
    rows = kind.model.objects.filter(pk__in=any_of(pks)).order_by()
    if kind is not UNITS:
        fields = ("pk", "plan_id", "number", "title", *_STATE, "responsible_post__unit_id")
        fields += ("responsible_post__holder_id", "lead_leader_post__holder_id")
        return [
            _Work(pk, pk, plan, None, None, item_name(number, title), *state)
            for pk, plan, number, title, *state in rows.values_list(*fields)
        ]
    of_unit = _("%(item)s（%(unit)s）")
    fields = ("pk", "item_id", "item__plan_id", "unit_id", "item__branch_count", "item__number", "item__title")
    fields += ("unit__name", *_STATE, "post__unit_id", "post__holder_id", "item__lead_leader_post__holder_id")
    works = []
    for pk, item, plan, unit, branches, number, title, unit_name, *state in rows.values_list(*fields):
        name = item_name(number, title)
        if branches > 1:
            works.append(_Work(pk, item, plan, pk, unit, of_unit % {"item": name, "unit": unit_name}, *state))
        else:
            works.append(_Work(pk, item, plan, pk, None, name, *state))
    return works


class _Texts:
    """Each step's label, the sweep's note and the notices' title pattern, translated once."""

    def __init__(self, note: str) -> None:
        self.labels = {level.value: str(level.label) for level in EscalationLevel}
        self.given = note
        self.pattern = _("%(level)s：“%(item)s”")
        self.automatic = _("按督办规则自动升级为“%(level)s”。")

    def note(self, step: int) -> str:
        return self.given or self.automatic % {"level": self.labels[step]}

    def title(self, step: int, subject: str) -> str:
        return self.pattern % {"level": self.labels[step], "item": subject}


class _Step(NamedTuple):
    """A step on the timeline as its row: an ``ItemEvent`` of kind ESCALATED, the work's status
    unchanged (from and to), all of one call stored at the same moment."""

    item: int
    assignment: int | None
    actor: int | None
    status: str
    note: str
    data: dict


def _event(work: _Work, step: int, actor: int | None, note: str, today: datetime.date, recipients: list[int]) -> _Step:
    facts = escalation_notice.stated(work.due_by, deadlines.days_past(work.due_by, today), work.reports_missed, today)
    # "to": whom the step was sent, who may acknowledge its 督办通知单 (已阅, workflow.receipts).
    return _Step(work.item, work.assignment, actor, work.status, note, {"level": step, "to": recipients, **facts})


def _store_events(steps: list[_Step], now: datetime.datetime) -> list[int]:
    """Store ``steps`` on the timeline in their order (the database chains and numbers each item's
    events as they come) and return their ids in that order. Plain rows, as the notices go in
    (``notice_rows``): a model instance per step, its fields prepared one by one, was most of the
    time of a day's ladder. No signal is sent for them, as ``bulk_create`` sends none."""
    if not steps:
        return []
    data_field = ItemEvent._meta.get_field("data")
    at = connection.ops.adapt_datetimefield_value(now)
    ids: list[int] = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            columns = [list(column) for column in zip(*steps, strict=True)]
            columns[-1] = [json.dumps(data) for data in columns[-1]]  # as JSONField sends it (no encoder)
            cursor.execute(_EVENT_ARRAYS, [ItemEvent.Kind.ESCALATED, at, *columns])
            ids = [pk for (pk,) in cursor.fetchall()]
        else:
            for start in range(0, len(steps), _EVENT_BATCH):
                batch = steps[start : start + _EVENT_BATCH]
                values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s, %s)"] * len(batch))
                params = []
                for step in batch:
                    data = data_field.get_db_prep_save(step.data, connection)
                    params += [step.item, step.assignment, ItemEvent.Kind.ESCALATED, step.actor, step.status]
                    params += [step.status, step.note, data, at]
                cursor.execute(_EVENT_VALUES.format(values=values), params)
                ids += [pk for (pk,) in cursor.fetchall()]
    # Ids rise in the order the rows went in (RETURNING itself promises no order).
    return sorted(ids)


_EVENT_BATCH = 500  # rows per INSERT on SQLite: nine parameters each, under its limit of 32,766
_EVENT_INTO = (
    f'INSERT INTO "{ItemEvent._meta.db_table}"'
    ' ("item_id", "assignment_id", "kind", "actor_id", "from_status", "to_status", "note", "data", "created_at")'
)
_EVENT_VALUES = _EVENT_INTO + ' VALUES {values} RETURNING "id"'
# WITH ORDINALITY … ORDER BY: the rows go in (take their ids, their places in their items' chains) in
# the order given.
_EVENT_ARRAYS = (
    _EVENT_INTO
    + " SELECT item, assignment, %s, actor, status, status, note, data::jsonb, %s"
    + " FROM unnest(%s::bigint[], %s::bigint[], %s::bigint[], %s::text[], %s::text[], %s::text[])"
    + " WITH ORDINALITY AS n (item, assignment, actor, status, note, data, position) ORDER BY position"
    + ' RETURNING "id"'
)


def _notices(work: _Work, step: int, recipients: list[int], title: str, note: str) -> list[notice_rows.Row]:
    kind = Notification.Kind.ESCALATION
    return [notice_rows.row(person, work.item, kind, work.key(step, person), title, note) for person in recipients]


class _People:
    """Who hears of a step, read once for all the rows of a sweep."""

    def __init__(self, works: Iterable[_Work]) -> None:
        units = {work.post_unit for work in works if work.post_unit is not None}
        heads = Post.objects.filter(unit__in=units, role=Post.Role.UNIT_HEAD).exclude(holder=None)
        self.heads: dict[int, list[int]] = {}
        for unit_id, holder_id in heads.values_list("unit_id", "holder_id"):
            self.heads.setdefault(unit_id, []).append(holder_id)
        committee = Post.objects.filter(role=Post.Role.COMMITTEE).exclude(holder=None)
        self.committee = list(committee.values_list("holder_id", flat=True))

    def for_step(self, work: _Work, rule: EscalationRule | None) -> list[int]:
        """The unit's official always; then, as the rule says, the unit's head, the lead leader, the committee."""
        people: list[int | None] = [work.holder]
        if rule is not None and rule.notify_unit_head and work.post_unit is not None:
            people += self.heads.get(work.post_unit, [])
        if rule is not None and rule.notify_lead_leader:
            people.append(work.leader)
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
