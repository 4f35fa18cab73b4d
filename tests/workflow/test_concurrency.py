"""Two people completing the same task at the same moment, on the real PostgreSQL."""

import threading

import pytest
from django.db import connection, connections

from responsibility.models import ItemEvent, ItemStatus, Person, Post
from tests.cast import PASSWORD
from tests.workflow.drive import deploy_data
from workflow import services

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(users, task_pk, data):
    """Run services.complete for every user at once; return each outcome."""
    barrier = threading.Barrier(len(users))
    outcomes = {}

    def attempt(index, user):
        try:
            barrier.wait()
            form = services.complete(user, task_pk, data, {})
            outcomes[f"{index}:{user.username}"] = "won" if form.is_valid() else f"invalid {form.errors}"
        except services.TaskUnavailable as exc:
            outcomes[f"{index}:{user.username}"] = str(exc)
        except Exception as exc:  # the test reports any other failure
            outcomes[f"{index}:{user.username}"] = f"error {exc!r}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(i, u)) for i, u in enumerate(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return outcomes


def test_two_office_clerks_deploying_at_once_exactly_one_wins(cast_committed):
    cast = cast_committed
    assert connection.vendor == "postgresql"
    clerk2 = Person.objects.create_user("office2", password=PASSWORD, full_name="第二文员")
    Post.objects.create(unit=cast.office_unit, title="法治办干事2", role=Post.Role.OFFICE, holder=clerk2)
    item = cast.item()
    services.launch(item, cast.office)
    task = services.active_task_for_item(item).get()

    outcomes = race([cast.office, clerk2], task.pk, deploy_data(cast, item))

    assert sorted(o == "won" for o in outcomes.values()) == [False, True], outcomes
    loser_message = next(o for o in outcomes.values() if o != "won")
    assert "已由他人办理" in loser_message or "其他人正在办理" in loser_message, loser_message
    item.refresh_from_db()
    assert item.status == ItemStatus.ACCEPTING
    assert item.events.filter(kind=ItemEvent.Kind.DEPLOYED).count() == 1
    active = list(services.active_task_for_item(item))
    assert [t.flow_task.name for t in active] == ["accept"]


def test_an_official_reporting_twice_at_once_records_one_report(cast_committed):
    cast = cast_committed
    item = cast.item(with_indicator=False)
    services.launch(item, cast.office)
    for name, user, data in [
        ("deploy", cast.office, deploy_data(cast, item)),
        ("accept", cast.official, {"decision": "accept"}),
    ]:
        task = services.active_task_for_item(item).get()
        assert task.flow_task.name == name
        assert services.complete(user, task.pk, data, {}).is_valid()
    work = services.active_task_for_item(item).get()
    report = {"action": "report", "period": "2020-03", "percent_done": "30", "narrative": "进展"}

    outcomes = race([cast.official, cast.official], work.pk, report)

    assert sorted(o == "won" for o in outcomes.values()) == [False, True], outcomes
    assert item.reports.count() == 1
    assert services.active_task_for_item(item).count() == 1
