"""The sweep's dated notices (临期, 逾期, 会办提醒) are built only for rows that have not had them: the
notices sent are looked up among those whose key starts with the kind's (``supervision._sent``: read
off the index of the keys' prefixes) instead of among every notice. Held here to the plain lookup by
key on random lists with random notices already sent – of the same kind and deadline, of another
deadline, of another kind, keyed per unit or not: the same rows, and the same notices stored."""

from __future__ import annotations

import datetime
import random

import pytest
import time_machine
from django.db import transaction
from django.db.models import OuterRef, Q

from bench.sweep import _build_one
from responsibility.models import Assignment, ItemStatus, Person, ResponsibilityItem
from responsibility.models.plan import LIT_STATUSES
from responsibility.supervision import KINDS
from workflow import supervision
from workflow.models import Notification
from workflow.supervision import _contributions_due, _dated, _key, sweep

# The lists are built as bench/sweep.py builds them (PostgreSQL's SQL).
pytestmark = pytest.mark.postgres

TODAY = datetime.date(2021, 6, 29)
KINDS_SENT = ["due_soon", "overdue", "report_missed", "contribution_due", "escalation"]


def plain_lookup(_notice: str):
    """The lookup before: any notice stored under the key."""
    return Notification.objects.filter(key=OuterRef("notice_key"))


def scramble(seed: int):
    rng = random.Random(seed)
    plans = [_build_one(100, True, 0), _build_one(60, False, 1)]
    someone = Person.objects.order_by("pk").first()
    sent = []
    for model, rows in (
        (Assignment, Assignment.objects.filter(item__plan=plans[0]).select_related("item")),
        (ResponsibilityItem, ResponsibilityItem.objects.filter(plan=plans[1])),
    ):
        changed = []
        for row in rows:
            row.status = rng.choice([*LIT_STATUSES, ItemStatus.CLOSED])
            row.due_by = rng.choice([None, TODAY + datetime.timedelta(days=rng.randint(-60, 15))])
            changed.append(row)
            if row.due_by is None or rng.random() < 0.3:
                continue
            item = row.item_id if model is Assignment else row.pk
            unit = row.unit_id if model is Assignment and (row.item.branch_count > 1 or rng.random() < 0.2) else None
            due = row.due_by if rng.random() < 0.7 else row.due_by - datetime.timedelta(days=3)
            kind = rng.choice(KINDS_SENT)
            sent.append(Notification(recipient=someone, kind=kind, key=_key(kind, item, due, unit), title="已发"))
        model.objects.bulk_update(changed, ["status", "due_by"])
    Notification.objects.bulk_create(sent, ignore_conflicts=True)
    return plans


def rows_owed(plans) -> list:
    found = []
    for plan in plans:
        soon = TODAY + datetime.timedelta(days=plan.yellow_days_before)
        for kind in KINDS:
            for deadline, notice in (
                (Q(due_by__gte=TODAY, due_by__lte=soon), Notification.Kind.DUE_SOON),
                (Q(due_by__lt=TODAY), Notification.Kind.OVERDUE),
            ):
                found.append(list(_dated(kind, plan, deadline, notice).values_list("pk", "notice_key")))
        found.append(list(_contributions_due(plan, TODAY, soon).order_by("pk").values_list("pk", "notice_key")))
    return found


class Undo(Exception):
    pass


def swept() -> tuple[dict, list]:
    with time_machine.travel("2021-06-29 06:30 +0800", tick=False):
        try:
            with transaction.atomic():
                result = sweep(TODAY, deliver=False)
                stored = list(
                    Notification.objects.order_by("id").values_list("recipient_id", "item_id", "kind", "key", "title")
                )
                raise Undo
        except Undo:
            return result.notices, stored


@pytest.mark.parametrize("seed", range(4))
def test_the_rows_owed_a_dated_notice_are_those_the_plain_lookup_finds(db, monkeypatch, seed):
    plans = scramble(seed)
    found = rows_owed(plans)
    monkeypatch.setattr(supervision, "_sent", plain_lookup)
    assert found == rows_owed(plans)
    owed = [key for rows in found for _pk, key in rows]
    assert len(owed) == len(set(owed)) > 10
    # Some of the rows were left out for a notice already sent.
    dated = ("due_soon:", "overdue:", "contribution_due:")
    assert Notification.objects.filter(key__regex=r"^(due_soon|overdue|contribution_due):").exists()
    assert not Notification.objects.filter(key__in=owed).exists()
    assert all(key.startswith(dated) for key in owed)


@pytest.mark.parametrize("seed", range(2))
def test_the_sweep_stores_what_it_stored_with_the_plain_lookup(db, monkeypatch, seed):
    scramble(seed)
    counts, stored = swept()
    with monkeypatch.context() as patched:
        patched.setattr(supervision, "_sent", plain_lookup)
        reference_counts, reference = swept()
    assert counts == reference_counts and stored == reference
    assert counts["already_stored"] == 0  # nothing sent before was built again
    assert counts.get("due_soon") and counts.get("overdue")
