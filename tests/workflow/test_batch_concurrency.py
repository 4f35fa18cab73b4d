"""Two batches over the same item at the same moment, on the real PostgreSQL: one wins whole, the
other does nothing at all (not even its items that nobody else touched)."""

import pytest

from responsibility.models import ItemEvent, ItemStatus, Person, Post
from tests.cast import PASSWORD
from tests.threads import at_once
from workflow import batch, services

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_overlapping_batch_deploys_one_wins_whole_and_the_other_does_nothing(cast_committed):
    cast = cast_committed
    clerk2 = Person.objects.create_user("office2", password=PASSWORD, full_name="第二文员")
    Post.objects.create(unit=cast.office_unit, title="法治办干事2", role=Post.Role.OFFICE, holder=clerk2)
    first, shared, last = items = [cast.item(f"事项{n}", number=f"{n}.") for n in range(1, 4)]
    for item in items:
        services.launch(item, cast.office)
    task = {item.pk: services.active_task_for_item(item).get().pk for item in items}
    outcomes = {}

    def run(user, picked):
        try:
            batch.deploy(user, [task[item.pk] for item in picked], {"report_cadence": "monthly"})
            outcomes[user.username] = "done"
        except batch.Refused as refused:
            outcomes[user.username] = [line.refusal for line in refused.lines]

    errors = at_once(lambda: run(cast.office, [first, shared]), lambda: run(clerk2, [shared, last]))

    assert errors == []
    assert sorted(outcome == "done" for outcome in outcomes.values()) == [False, True], outcomes
    winner = next(name for name, outcome in outcomes.items() if outcome == "done")
    deployed = {first.pk: winner == "office", shared.pk: True, last.pk: winner == "office2"}
    for item in items:
        item.refresh_from_db()
        assert (item.status == ItemStatus.ACCEPTING) == deployed[item.pk], (item, outcomes)
        assert item.events.filter(kind=ItemEvent.Kind.DEPLOYED).count() == int(deployed[item.pk])
