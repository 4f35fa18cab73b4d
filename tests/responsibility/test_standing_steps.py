"""``standing.steps_of`` reads only the steps the rules can stop at: each fact read back from them is
the one read back from every step of the timeline, on timelines where it holds and where it does not."""

import datetime
import random

import pytest

from responsibility.models import Assignment, ItemEvent, ItemStatus, ResponsibilityItem
from responsibility.standing import (
    Step,
    changed_since,
    deadline_then,
    rectification_due_then,
    status_left_since,
    status_then,
    stepped_since,
    steps_of,
)

D = datetime.date
Kind = ItemEvent.Kind
MOMENT = datetime.datetime(2021, 7, 1, tzinfo=datetime.UTC)
STATUSES = [ItemStatus.DRAFT, ItemStatus.IN_PROGRESS, ItemStatus.CLAIMED, ItemStatus.RECTIFYING, ItemStatus.CLOSED]
KINDS = [
    Kind.REPORTED,
    Kind.URGED,
    Kind.CLAIMED,
    Kind.RETURNED,
    Kind.EXTENSION_REQUESTED,
    Kind.EXTENSION_APPROVED,
    Kind.ASSESSED,
]


def _timeline(rng: random.Random, item, part) -> None:
    """A dozen steps either side of the moment, on the item and on its part, some changing status
    and some not, returns and extensions with their dates."""
    for n in range(rng.randint(0, 12)):
        kind = rng.choice(KINDS)
        from_status = rng.choice(STATUSES)
        to_status = from_status if rng.random() < 0.5 else rng.choice(STATUSES)
        day = D(2021, 7, 1) + datetime.timedelta(days=rng.randint(-40, 40))
        data = {"deadline": str(day), "old_deadline": str(day - datetime.timedelta(days=30))}
        at = MOMENT + datetime.timedelta(days=rng.randint(-4, 4), hours=rng.choice([-1, 0, 1]) * n)
        ItemEvent.objects.create(
            item=item,
            assignment=part if rng.random() < 0.5 else None,
            kind=kind,
            from_status=from_status,
            to_status=to_status,
            data=data if rng.random() < 0.9 else {},
            created_at=at,
        )


def _every_step(item) -> dict:
    found: dict = {}
    for event in item.events.order_by("created_at", "id"):
        step = Step(event.kind, event.from_status, event.to_status, event.data, event.created_at)
        found.setdefault((item.pk, event.assignment_id), []).append(step)
    return found


def _facts(steps: list[Step]) -> tuple:
    stored = D(2021, 12, 31)
    return (
        status_then(ItemStatus.CLOSED, steps, MOMENT),
        deadline_then(stored, steps, MOMENT),
        rectification_due_then(stored, steps, MOMENT),
        changed_since(steps, MOMENT),
    )


@pytest.mark.parametrize("seed", range(4))
def test_the_steps_read_back_tell_the_same_facts_as_every_step(cast, seed):
    rng = random.Random(seed)
    items = []
    for n in range(6):
        item = cast.item(f"事项{n}")
        part = Assignment.objects.create(item=item, unit=cast.justice, role=Assignment.Role.LEAD)
        _timeline(rng, item, part)
        items.append((item, part))
    read = steps_of([item.pk for item, _part in items], MOMENT)
    own = steps_of([item.pk for item, _part in items], MOMENT, parts=False)
    parts = steps_of([item.pk for item, _part in items], MOMENT, parts=True)
    for item, part in items:
        every = _every_step(item)
        for key in [(item.pk, None), (item.pk, part.pk)]:
            assert _facts(read.get(key, [])) == _facts(every.get(key, [])), key
        assert _facts(own.get((item.pk, None), [])) == _facts(every.get((item.pk, None), []))
        assert _facts(parts.get((item.pk, part.pk), [])) == _facts(every.get((item.pk, part.pk), []))
        assert (item.pk, part.pk) not in own and (item.pk, None) not in parts
    # Fewer steps than the timeline's: the point of reading only these.
    assert sum(map(len, read.values())) <= ItemEvent.objects.count()


@pytest.mark.parametrize("seed", range(6))
def test_the_facts_asked_in_sql_are_the_rules_on_every_step(cast, seed):
    """``stepped_since`` and ``status_left_since``, which a past quarter's summary counts with in
    SQL, say per item what ``changed_since`` and ``status_then`` say of every step of its own:
    steps on it and on its part, at the moment and either side, some leaving a draft."""
    rng = random.Random(seed)
    for n in range(8):
        item = cast.item(f"事项{n}", status=rng.choice(STATUSES))
        part = Assignment.objects.create(item=item, unit=cast.justice, role=Assignment.Role.LEAD)
        _timeline(rng, item, part)
    # Deployed after the moment (a step at it changing nothing, then two changes): it stood as a draft.
    deployed = cast.item("事项：其后部署", status=ItemStatus.IN_PROGRESS)
    minute = datetime.timedelta(minutes=1)
    for at, left, reached in [
        (MOMENT, ItemStatus.DRAFT, ItemStatus.DRAFT),
        (MOMENT + minute, ItemStatus.DRAFT, ItemStatus.DEPLOYING),
        (MOMENT + 2 * minute, ItemStatus.DEPLOYING, ItemStatus.IN_PROGRESS),
    ]:
        ItemEvent.objects.create(item=deployed, kind=Kind.REPORTED, from_status=left, to_status=reached, created_at=at)
    asked = ResponsibilityItem.objects.filter(title__startswith="事项").annotate(
        stepped=stepped_since(MOMENT), left=status_left_since(MOMENT)
    )
    lefts = set()
    for item in asked:
        every = _every_step(item)
        own = every.get((item.pk, None), [])
        assert item.stepped == any(step.at >= MOMENT for steps in every.values() for step in steps), item
        if changed_since(own, MOMENT):
            assert item.left == status_then(item.status, own, MOMENT), item
            lefts.add(item.left)
        else:
            assert item.left is None, item
    # The timelines reach both sides of the rule: a status left since, a draft among them.
    assert ItemStatus.DRAFT in lefts and len(lefts) > 1
