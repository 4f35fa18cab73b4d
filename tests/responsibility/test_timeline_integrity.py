"""The timeline cannot be rewritten, deleted or emptied, and any change made behind the database's
back shows as a broken link (issue 17, F6)."""

import io
import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from responsibility import timeline
from responsibility.management.commands.runtime_role_sql import grants
from responsibility.models import ItemEvent

pytestmark = pytest.mark.django_db


def three_events(cast):
    item = cast.item()
    for note in ("一", "二", "三"):
        item.move(ItemEvent.Kind.URGED, cast.inspector, note=note)
    return item


def test_each_event_carries_its_place_and_the_previous_events_hash(cast):
    item = three_events(cast)
    events = list(item.events.order_by("seq"))
    assert [e.seq for e in events] == [1, 2, 3]
    assert events[0].prev_hash == ""
    assert [e.prev_hash for e in events[1:]] == [e.hash for e in events[:2]]
    assert all(len(e.hash) == 64 for e in events)


def test_events_written_in_bulk_are_chained_too(cast):
    item = cast.item()
    ItemEvent.objects.bulk_create(
        [ItemEvent(item=item, kind=ItemEvent.Kind.URGED, note=str(n), created_at=timezone.now()) for n in range(3)]
    )
    assert list(item.events.order_by("seq").values_list("seq", flat=True)) == [1, 2, 3]
    assert list(timeline.verify()) == []


def test_verify_timeline_reports_an_intact_chain(cast):
    three_events(cast)
    out = io.StringIO()
    call_command("verify_timeline", stdout=out)
    assert "完整：3 条动态" in out.getvalue()


def _behind_the_triggers(sql, params):
    """What someone who owns the table could do: switch the triggers off and edit the rows."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's rows are not committed yet
        cursor.execute("ALTER TABLE responsibility_itemevent DISABLE TRIGGER USER")
        cursor.execute(sql, params)
        cursor.execute("ALTER TABLE responsibility_itemevent ENABLE TRIGGER USER")


@pytest.mark.postgres
def test_verify_timeline_names_the_first_event_edited_behind_the_triggers(cast):
    item = three_events(cast)
    second = item.events.get(seq=2)
    _behind_the_triggers("UPDATE responsibility_itemevent SET note = '改写' WHERE id = %s", [second.pk])
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 处断链"):
        call_command("verify_timeline", stderr=err)
    assert f"id {second.pk}" in err.getvalue()
    assert "内容与哈希不符" in err.getvalue()


@pytest.mark.postgres
def test_verify_timeline_finds_a_deleted_event(cast):
    item = three_events(cast)
    _behind_the_triggers("DELETE FROM responsibility_itemevent WHERE item_id = %s AND seq = 2", [item.pk])
    broken = list(timeline.verify(item.pk))
    assert [(b.seq, b.event_id) for b in broken] == [(3, item.events.get(seq=3).pk)]


@pytest.mark.postgres
def test_verify_timeline_finds_a_backdated_event_slipped_in(cast):
    item = three_events(cast)
    first, last = item.events.get(seq=1), item.events.get(seq=3)
    _behind_the_triggers(
        "INSERT INTO responsibility_itemevent (item_id, kind, from_status, to_status, note, data, created_at,"
        " seq, prev_hash, hash) VALUES (%s, 'accepted', '', '', '', '{}', %s, 4, %s, %s)",
        [item.pk, first.created_at, last.hash, "0" * 64],
    )
    [broken] = timeline.verify(item.pk)
    assert broken.seq == 4


@pytest.mark.postgres
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE responsibility_itemevent SET note = 'x'",
        "DELETE FROM responsibility_itemevent",
        "TRUNCATE responsibility_itemevent CASCADE",
    ],
)
def test_the_database_refuses_to_change_delete_or_empty_the_timeline(cast, sql):
    three_events(cast)
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's rows are not committed yet
        cursor.execute(sql)
    assert ItemEvent.objects.count() == 3


def test_deleting_an_item_with_a_timeline_is_refused(cast):
    item = three_events(cast)
    with pytest.raises(IntegrityError), transaction.atomic():
        item.delete()
    assert item.events.count() == 3


def test_a_purge_by_the_tables_owner_may_delete(cast):
    item = three_events(cast)
    with timeline.purge():
        item.delete()
    assert ItemEvent.objects.count() == 0


@pytest.fixture
def runtime_role(cast):
    """A role set up as README's runtime role (DML only), taken on for the rest of the test."""
    role = f"luoshi_rt_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        owner = cursor.fetchone()[0]
        cursor.execute(f"CREATE ROLE {role} NOLOGIN")
        for statement in grants(role, owner):
            cursor.execute(statement)
        cursor.execute(f"SET ROLE {role}")
    yield role
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")


def _as_runtime_role_fails(sql):
    with pytest.raises(DatabaseError) as raised, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(sql)
    return str(raised.value)


@pytest.mark.postgres
def test_the_runtime_role_cannot_delete_empty_or_unprotect_the_timeline(cast, runtime_role):
    item = three_events(cast)  # the runtime role writes events (the chain trigger runs for it)
    assert list(timeline.verify(item.pk)) == []
    assert "append-only" in _as_runtime_role_fails("DELETE FROM responsibility_itemevent")
    assert "append-only" in _as_runtime_role_fails("UPDATE responsibility_itemevent SET note = 'x'")
    assert "permission denied" in _as_runtime_role_fails("TRUNCATE responsibility_itemevent CASCADE")
    assert "must be owner" in _as_runtime_role_fails("ALTER TABLE responsibility_itemevent DISABLE TRIGGER USER")
    assert "must be owner" in _as_runtime_role_fails("DROP TRIGGER itemevent_append_only ON responsibility_itemevent")
    replace = "CREATE OR REPLACE FUNCTION luoshi_itemevent_canonical(e responsibility_itemevent) RETURNS text"
    assert "permission denied" in _as_runtime_role_fails(replace + " AS $$ SELECT '' $$ LANGUAGE sql")
    # The owner's way out is closed to it: the purge switch is only honoured for the table's owner.
    with pytest.raises(IntegrityError, match="append-only"), timeline.purge():
        ItemEvent.objects.filter(item=item).delete()
    assert item.events.count() == 3
