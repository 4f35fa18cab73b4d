"""``standing.steps_of`` reads only the steps the rules can stop at: each fact read back from them is
the one read back from every step of the timeline, on timelines where it holds and where it does not."""

import datetime
import random

import pytest
from django.db.models import F, OuterRef

from responsibility.models import Assignment, ItemEvent, ItemStatus, ResponsibilityItem
from responsibility.standing import (
    Step,
    changed_since,
    deadline_then,
    deadline_then_sql,
    rectification_due_then,
    rectification_due_then_sql,
    standings,
    standings_asked,
    status_left_since,
    status_then,
    status_then_sql,
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


# Statuses of ``PROGRESS_ORDER``'s tie (办理中 and 延期审批中 rank alike) and of none (a draft, 0).
PART_STATUSES = [*STATUSES, ItemStatus.RECTIFYING, ItemStatus.EXTENSION_REQUESTED, ItemStatus.ACCEPTING]
PART_STATUSES.append(ItemStatus.SENT_BACK)
AS_OF = D(2021, 7, 1)
HOUR = datetime.timedelta(hours=1)


def _dates(rng: random.Random) -> dict:
    day = D(2021, 7, 1) + datetime.timedelta(days=rng.randint(-30, 30))
    return {
        "deadline": day,
        "rectification_due": rng.choice([None, day + datetime.timedelta(days=rng.randint(-20, 20))]),
    }


def _timelines(rng: random.Random, item, parts: list) -> None:
    """Steps either side of the moment on the item and each of its parts, the dated ones (returns,
    extension requests and approvals) often, so that each rule has something to choose among; a
    return before the moment to some (the 整改时限 it read back then)."""
    for part in [None, *parts]:
        if rng.random() < 0.4:
            day = str(D(2021, 6, 1) + datetime.timedelta(days=rng.randint(0, 60)))
            at = MOMENT - datetime.timedelta(days=rng.randint(1, 5))
            ItemEvent.objects.create(
                item=item,
                assignment=part,
                kind=Kind.RETURNED,
                from_status=ItemStatus.CLAIMED,
                to_status=ItemStatus.RECTIFYING,
                data={"deadline": day},
                created_at=at,
            )
    for n in range(rng.randint(0, 10)):
        kind = rng.choice([*KINDS, Kind.RETURNED, Kind.EXTENSION_REQUESTED, Kind.EXTENSION_APPROVED])
        from_status = rng.choice(PART_STATUSES)
        to_status = from_status if rng.random() < 0.5 else rng.choice(PART_STATUSES)
        day = D(2021, 7, 1) + datetime.timedelta(days=rng.randint(-40, 40))
        data = {"deadline": str(day), "old_deadline": str(day - datetime.timedelta(days=rng.randint(-30, 30)))}
        data = rng.choice([data, data, data, {}, {"deadline": "", "old_deadline": ""}])
        at = MOMENT + datetime.timedelta(days=rng.randint(-3, 3), hours=rng.choice([-1, 0, 1]) * (n % 3))
        ItemEvent.objects.create(
            item=item,
            assignment=rng.choice([None, *parts]),
            kind=kind,
            from_status=from_status,
            to_status=to_status,
            data=data,
            created_at=at,
        )


def random_work(cast, rng: random.Random, title: str, units: list, roles: list, **fields) -> ResponsibilityItem:
    """An item of no, one or several of ``units`` (each in one of ``roles``), its status, dates and
    its parts' at random, a unit's part now and then not counted in its branches, and steps either
    side of the moment (``_timelines``)."""
    item = cast.item(title, status=rng.choice(PART_STATUSES), ongoing=rng.random() < 0.15, **fields, **_dates(rng))
    parts = [
        Assignment.objects.create(
            item=item, unit=unit, role=rng.choice(roles), status=rng.choice(PART_STATUSES), order=rng.randint(0, 1)
        )
        for unit in rng.sample(units, rng.randint(0, 3))
    ]
    for part in parts:
        Assignment.objects.filter(pk=part.pk).update(**_dates(rng))
    branches = len(parts) if rng.random() < 0.85 else 0
    ResponsibilityItem.objects.filter(pk=item.pk).update(branch_count=branches)
    _timelines(rng, item, parts)
    return item


@pytest.mark.parametrize("seed", range(8))
def test_the_standing_asked_in_sql_is_the_one_read_back(cast, seed):
    """``standings_asked``, which a past quarter's summary counts the items read back with, says per
    item what ``standings`` reads back (its units' standings too), and each work's facts in SQL are the rules of
    ``status_then``, ``deadline_then`` and ``rectification_due_then`` on every step: items of no,
    one and several units (a cooperating one among them, units' order ties), ongoing or dated,
    extensions and returns either side of the moment."""
    rng = random.Random(seed)
    units = [cast.justice, cast.community, cast.inspection, cast.office_unit]
    roles = [
        Assignment.Role.LEAD,
        Assignment.Role.RESPONSIBLE,
        Assignment.Role.RESPONSIBLE,
        Assignment.Role.COOPERATING,
    ]
    for n in range(16):
        random_work(cast, rng, f"事项{n}", units, roles)
    # Being rectified then, against the 整改时限 of its return before the moment (reported since), its
    # 完成时限 the one the first extension approved since replaced.
    rectifying = cast.item("事项：整改中", status=ItemStatus.RECTIFYING)
    for at, kind, data in [
        (MOMENT - HOUR, Kind.RETURNED, {"deadline": "2021-06-20"}),
        (MOMENT - HOUR, Kind.EXTENSION_REQUESTED, {"old_deadline": "2021-06-10"}),
        (MOMENT + HOUR, Kind.REPORTED, {}),
        (MOMENT + HOUR, Kind.EXTENSION_APPROVED, {}),
        # A second extension since: the date then is the first one's.
        (MOMENT + 2 * HOUR, Kind.EXTENSION_REQUESTED, {"old_deadline": "2021-07-20"}),
        (MOMENT + 3 * HOUR, Kind.EXTENSION_APPROVED, {}),
    ]:
        ItemEvent.objects.create(
            item=rectifying, kind=kind, from_status="rectifying", to_status="rectifying", data=data, created_at=at
        )
    items = list(ResponsibilityItem.objects.filter(title__startswith="事项"))
    read = standings(items, MOMENT, AS_OF)
    asked = standings_asked(ResponsibilityItem.objects.filter(title__startswith="事项"), MOMENT, AS_OF)
    assert asked == read
    seen = {
        (bool(then.units), then.rectifying and then.due == then.rectification_due, then.overdue)
        for then in read.values()
    }
    # Both ways of standing, a 整改时限 as the due date, overdue and not: each rule chose something.
    assert {units for units, _r, _o in seen} == {True, False}
    assert any(rectifying for _u, rectifying, _o in seen)
    assert {overdue for _u, _r, overdue in seen} == {True, False}
    _the_works_facts_are_the_rules(items)


def _the_works_facts_are_the_rules(items: list) -> None:
    """Each item's own facts and each of its parts' in SQL, against the rules on every step."""
    part = {"item": OuterRef("item"), "part": OuterRef("pk"), "moment": MOMENT}
    facts = {
        "status_then": status_then_sql(F("status"), **part),
        "deadline_then": deadline_then_sql(F("deadline"), **part),
        "due_then": rectification_due_then_sql(F("rectification_due"), **part),
    }
    own = {**facts} | {
        "status_then": status_then_sql(F("status"), OuterRef("pk"), None, MOMENT),
        "deadline_then": deadline_then_sql(F("deadline"), OuterRef("pk"), None, MOMENT),
        "due_then": rectification_due_then_sql(F("rectification_due"), OuterRef("pk"), None, MOMENT),
    }
    works = [
        *ResponsibilityItem.objects.filter(pk__in=[item.pk for item in items]).annotate(**own),
        *Assignment.objects.filter(item__in=items).annotate(**facts),
    ]
    every = {key: steps for item in items for key, steps in _every_step(item).items()}
    extended = 0
    for work in works:
        key = (work.pk, None) if isinstance(work, ResponsibilityItem) else (work.item_id, work.pk)
        steps = every.get(key, [])
        assert work.status_then == status_then(work.status, steps, MOMENT), key
        assert work.deadline_then == deadline_then(work.deadline, steps, MOMENT), key
        assert work.due_then == rectification_due_then(work.rectification_due, steps, MOMENT), key
        extended += work.deadline_then != work.deadline
    assert extended  # an extension approved since, its old date read back
