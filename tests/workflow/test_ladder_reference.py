"""The ladder as the sweep takes it (``escalation.apply_rules``: each row's highest step read in one
SELECT, raised by its ids, its steps and 督办通知单 numbers stored as plain rows) held to the ladder
as it was taken before (below, ``reference_apply_rules``: step by step from the highest, the rows of
each step and level raised by a subquery, the steps stored as ``ItemEvent`` and ``EscalationNotice``
instances), on random lists and random rules: the same levels, the same timeline events in the same
order (chain and hash included), the same notices and the same numbers."""

from __future__ import annotations

import datetime
import random

import pytest
import time_machine
from django.db import transaction
from django.db.models import Max

from bench.sweep import _build_one
from responsibility import deadlines
from responsibility.models import Assignment, EscalationLevel, ItemEvent, ItemStatus, Post, ResponsibilityItem, Unit
from responsibility.models.plan import LIT_STATUSES
from responsibility.supervision import KINDS
from workflow import escalation
from workflow.escalation import _People, _raise, _Texts, _works
from workflow.models import EscalationNotice, EscalationRule, Notification

# The lists are built as bench/sweep.py builds them (PostgreSQL's SQL).
pytestmark = pytest.mark.postgres

TODAY = datetime.date(2021, 6, 29)
STATUSES = [*LIT_STATUSES, ItemStatus.CLOSED, ItemStatus.CLAIMED]


# --- the ladder as it was taken before ---------------------------------------------------------------


def reference_apply_rules(today: datetime.date) -> int:
    rules = {rule.level: rule for rule in EscalationRule.objects.all()}
    taken = 0
    for kind in KINDS:
        moved = []
        for level in sorted(rules, reverse=True):
            due = _reference_due(kind, rules[level], today).filter(escalation_level__lt=level)
            for before in sorted(set(due.order_by().values_list("escalation_level", flat=True))):
                moved += [(pk, before, level) for pk in _raise(kind.model, due, before, level)]
        if moved:
            _reference_record_steps(kind, moved, rules, today)
        taken += sum(level - before for _pk, before, level in moved)
    return taken


def _reference_due(kind, rule, today):
    from django.db.models import Q

    reached = Q(pk__in=[])
    if rule.days_overdue is not None:
        reached |= deadlines.overdue_by_q(today, rule.days_overdue)
    if rule.reports_missed is not None:
        reached |= Q(reports_missed__gte=rule.reports_missed)
    return kind.published(None).filter(reached, status__in=LIT_STATUSES, **{kind.item_field("is_heading"): False})


def _reference_record_steps(kind, moved, rules, today):
    from django.utils import timezone
    from django.utils.translation import override

    from workflow import escalation_notice, notice_rows

    works = {work.pk: work for work in _works(kind, {pk for pk, _before, _level in moved})}
    people = _People(works.values())
    now = timezone.now()
    events, notices = [], []
    with override("zh-hans"):
        texts = _Texts("")
        for pk, before, level in moved:
            work = works[pk]
            for step in range(before + 1, level + 1):
                recipients = people.for_step(work, rules.get(step))
                facts = escalation_notice.stated(
                    work.due_by, deadlines.days_past(work.due_by, today), work.reports_missed, today
                )
                events.append(
                    ItemEvent(
                        item_id=work.item,
                        assignment_id=work.assignment,
                        kind=ItemEvent.Kind.ESCALATED,
                        actor=None,
                        from_status=work.status,
                        to_status=work.status,
                        note=texts.note(step),
                        data={"level": step, "to": recipients, **facts},
                        created_at=now,
                    )
                )
                notices += escalation._notices(work, step, recipients, texts.title(step, work.subject), "")
    ItemEvent.objects.bulk_create(events, batch_size=1000)
    plan_of = {work.item: work.plan for work in works.values()}
    organisation_of = dict(
        escalation_notice.WorkPlan.objects.filter(pk__in=set(plan_of.values())).values_list("pk", "organisation_id")
    )
    groups: dict[int, list[ItemEvent]] = {}
    for event in events:
        groups.setdefault(organisation_of[plan_of[event.item_id]], []).append(event)
    year = timezone.localtime(now).year
    numbered = []
    for organisation in sorted(groups):
        last = EscalationNotice.objects.filter(organisation=organisation, year=year).aggregate(m=Max("number"))["m"]
        numbered += [
            EscalationNotice(event=event, organisation_id=organisation, year=year, number=n)
            for n, event in enumerate(groups[organisation], start=(last or 0) + 1)
        ]
    EscalationNotice.objects.bulk_create(numbered)
    notice_rows.insert(notices)


# --- random lists and rules ------------------------------------------------------------------------------


def scramble(seed: int) -> None:
    """Two organisations (one whose items have units, one whose items have none) in random states:
    levels, reports missed, statuses, deadlines, unit heads, lead leaders, a committee; random rules
    (a higher step may be reached where a lower one is not)."""
    rng = random.Random(seed)
    with_units = _build_one(120, True, 0)
    without = _build_one(80, False, 1)
    for model, rows in (
        (Assignment, Assignment.objects.filter(item__plan=with_units).exclude(role=Assignment.Role.COOPERATING)),
        (ResponsibilityItem, ResponsibilityItem.objects.filter(plan=without)),
    ):
        changed = []
        for row in rows:
            row.escalation_level = rng.choice([0, 0, 0, 1, 2, 3, 4])
            row.reports_missed = rng.choice([0, 0, 1, 2, 3, 4])
            row.status = rng.choice(STATUSES)
            row.due_by = rng.choice([None, TODAY + datetime.timedelta(days=rng.randint(-90, 20))])
            changed.append(row)
        model.objects.bulk_update(changed, ["escalation_level", "reports_missed", "status", "due_by"])
    people = list(Post.objects.filter(role=Post.Role.OFFICIAL).values_list("holder_id", flat=True))
    units = list(Unit.objects.filter(posts__role=Post.Role.OFFICIAL).distinct())
    for unit in rng.sample(units, 15):
        Post.objects.create(unit=unit, title="负责人", role=Post.Role.UNIT_HEAD, holder_id=rng.choice(people))
    Post.objects.create(unit=units[0], title="委员", role=Post.Role.COMMITTEE, holder_id=rng.choice(people))
    leaders = [
        Post.objects.create(unit=units[1], title=f"领导{n}", role=Post.Role.LEADER, holder_id=rng.choice(people))
        for n in range(3)
    ]
    for item in ResponsibilityItem.objects.all():
        if rng.random() < 0.5:
            ResponsibilityItem.objects.filter(pk=item.pk).update(lead_leader_post=rng.choice(leaders))
    vacant = rng.sample(list(Post.objects.filter(role=Post.Role.OFFICIAL)), 3)
    Post.objects.filter(pk__in=[post.pk for post in vacant]).update(holder=None)
    EscalationRule.objects.all().delete()
    for level in rng.sample(list(EscalationLevel.values), rng.randint(2, 5)):
        EscalationRule.objects.create(
            level=level,
            days_overdue=rng.choice([None, 1, 5, 10, 30, 60]),
            reports_missed=rng.choice([None, 1, 2, 3]),
            notify_unit_head=rng.random() < 0.5,
            notify_lead_leader=rng.random() < 0.5,
            notify_committee=rng.random() < 0.3,
        )


def written() -> dict:
    """What a ladder left: every row's level, the steps on the timeline, their numbers, the notices."""
    events = ItemEvent.objects.filter(kind=ItemEvent.Kind.ESCALATED).order_by("id")
    return {
        "levels": sorted(
            [("a", *row) for row in Assignment.objects.values_list("pk", "escalation_level")]
            + [("i", *row) for row in ResponsibilityItem.objects.values_list("pk", "escalation_level")]
        ),
        "events": list(
            events.values_list(
                "item_id",
                "assignment_id",
                "actor_id",
                "from_status",
                "to_status",
                "note",
                "data",
                "created_at",
                "seq",
                "prev_hash",
                "hash",
            )
        ),
        "numbers": list(
            events.values_list(
                "escalation_notice__organisation_id", "escalation_notice__year", "escalation_notice__number"
            )
        ),
        "notices": list(
            Notification.objects.order_by("id").values_list("recipient_id", "item_id", "kind", "key", "title", "body")
        ),
    }


class Undo(Exception):
    pass


def taken_by(ladder) -> tuple[int, dict]:
    """``ladder(TODAY)`` and what it left, then undone (the next ladder starts from the same state)."""
    with time_machine.travel("2021-06-29 06:30 +0800", tick=False):
        try:
            with transaction.atomic():
                taken = ladder(TODAY)
                left = written()
                raise Undo
        except Undo:
            return taken, left


@pytest.mark.parametrize("seed", range(6))
def test_the_ladder_takes_the_steps_the_ladder_took_step_by_step(db, seed):
    scramble(seed)
    before = written()
    taken, new = taken_by(escalation.apply_rules)
    reference_taken, reference = taken_by(reference_apply_rules)
    assert taken > 0 and new["events"] and new["notices"] and new["numbers"]
    assert new["levels"] != before["levels"]
    assert taken == reference_taken
    assert new == reference


@pytest.mark.parametrize("seed", range(2))
def test_a_second_ladder_of_the_day_takes_nothing_more(db, seed):
    scramble(seed)
    with time_machine.travel("2021-06-29 06:30 +0800", tick=False):
        assert escalation.apply_rules(TODAY) > 0
        first = written()
        assert escalation.apply_rules(TODAY) == 0
        assert written() == first


def test_the_ladder_reads_its_rows_once_whatever_the_levels_they_stand_at(db, django_assert_num_queries):
    """One SELECT of the rows and their highest steps per kind of row, one UPDATE per step and level
    they stand at: taken step by step, each step read its rows' levels apart (a SELECT more per
    step of the ladder and kind of row)."""
    scramble(0)
    rules = {rule.level: rule for rule in EscalationRule.objects.all()}
    groups = 0
    for kind in KINDS:
        highest: dict[int, tuple[int, int]] = {}  # row: (its level, the highest step its rules reach)
        for level in sorted(rules):
            for pk, before in _reference_due(kind, rules[level], TODAY).values_list("pk", "escalation_level"):
                highest[pk] = (before, level)
        groups += len({pair for pair in highest.values() if pair[1] > pair[0]})
    assert groups > 2
    with (
        time_machine.travel("2021-06-29 06:30 +0800", tick=False),
        django_assert_num_queries(
            # the rules; per kind: its rows, their UPDATEs, the rows' columns, unit heads, committee, the
            # events; per kind the numbers (the plans, a savepoint, its lock and last number per
            # organisation, the rows, its release), the notices
            1 + 2 + groups + 2 * 4 + 2 * (1 + 1 + 2 * 1 + 1 + 1) + 2
        ),
    ):
        steps = escalation.apply_rules(TODAY)
    assert steps > 0
