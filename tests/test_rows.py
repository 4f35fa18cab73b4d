"""``config.rows`` reads and writes the rows the ORM would: same values, same types, same keys.

Each check compares with the ORM on the same rows (SQLite here, PostgreSQL in CI, where the
statements are also prepared).
"""

from __future__ import annotations

import datetime
import enum
from decimal import Decimal

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from viewflow.workflow.models import Task

from assessment.models import Verification
from config import rows
from responsibility.models import (
    Indicator,
    IndicatorValue,
    ItemEvent,
    Milestone,
    ProgressReport,
    ResponsibilityItem,
    Unit,
)
from workflow import services

ITEM_WITH = ("plan", "responsible_post", "inspector_post", "assessor_post")


def columns(obj) -> dict:
    """Every column's value as the instance holds it, with its type (a choice given as its enum
    member is its value)."""
    values = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
    values = {name: value.value if isinstance(value, enum.Enum) else value for name, value in values.items()}
    return {name: (value, type(value)) for name, value in values.items()}


@pytest.fixture
def item(cast):
    item = cast.item()
    item.original_deadline = datetime.date(2030, 6, 30)
    item.percent_done = 40
    item.inspector_post = None  # a foreign key left empty comes back as None, not as a query
    item.save()
    return item


def test_a_row_and_its_related_rows_are_the_orms(item, django_assert_num_queries):
    orm = ResponsibilityItem.objects.select_related(*ITEM_WITH).get(pk=item.pk)
    with django_assert_num_queries(1):
        ours = rows.reader(ResponsibilityItem, ITEM_WITH).get(item.pk)
        assert columns(ours) == columns(orm)
        for name in ITEM_WITH:
            theirs, mine = getattr(orm, name), getattr(ours, name)  # attached: no query
            assert (mine and columns(mine)) == (theirs and columns(theirs)), name
    assert ours.inspector_post is None
    assert not ours._state.adding and ours._state.db == "default"


def test_a_missing_row_raises_the_models_does_not_exist(db):
    with pytest.raises(ResponsibilityItem.DoesNotExist):
        rows.reader(ResponsibilityItem).get(987654)


def test_a_task_comes_with_its_process_as_the_orm_reads_them(cast):
    item = cast.item()
    process = services.launch(item, cast.office)
    task = services.active_task_for_item(item).get()
    orm = Task.objects.select_related("process").get(pk=task.pk)
    ours = rows.reader(Task, ("process",)).get(task.pk)
    assert columns(ours) == columns(orm)
    assert columns(ours.process) == columns(orm.process)
    assert ours.flow_task is orm.flow_task  # the flow reference, converted as the ORM converts it
    assert ours.process.coerced.item.pk == process.item.pk


def test_many_is_in_bulk_and_of_is_a_parents_rows_in_key_order(cast):
    units = [cast.justice, cast.community, cast.inspection]
    found = rows.reader(Unit).many([u.pk for u in units] + [987654])
    expected = Unit.objects.in_bulk([u.pk for u in units])
    assert {pk: columns(u) for pk, u in found.items()} == {pk: columns(u) for pk, u in expected.items()}
    assert rows.reader(Unit).many([]) == {}
    everyone = list(Unit.objects.values_list("pk", flat=True))
    keys = everyone * 3 + list(range(10**6, 10**6 + 150))  # repeated and unknown keys, several chunks
    assert set(rows.reader(Unit).many(keys)) == set(everyone)
    assert len({key for key in rows.reader(Unit)._sql if key[0] == "many"}) <= 8
    item = cast.item()
    Indicator.objects.create(item=item, name="调解", unit="件", target_value=Decimal("12.50"), comparator="lte")
    assert [columns(i) for i in rows.reader(Indicator).of("item", item.pk)] == [
        columns(i) for i in Indicator.objects.filter(item=item).order_by("pk")
    ]
    for due in ["2030-09-30", "2030-03-31", "2030-06-30"]:  # the model's ordering (by date), not the key's
        Milestone.objects.create(item=item, due=datetime.date.fromisoformat(due), title=due, expected_percent=10)
    assert [m.title for m in rows.reader(Milestone).of("item", item.pk)] == ["2030-03-31", "2030-06-30", "2030-09-30"]
    assert [columns(m) for m in rows.reader(Milestone).of("item", item.pk)] == [
        columns(m) for m in item.milestones.all()
    ]


def test_where_reads_the_rows_a_filter_finds_in_key_order(cast):
    units = [cast.justice, cast.community, cast.inspection]
    condition = 't0."parent_id" = %s AND t0."name" <> %s'
    found = rows.reader(Unit).where(condition, [cast.street.pk, "督查室"])
    expected = Unit.objects.filter(parent=cast.street).exclude(name="督查室").order_by("pk")
    assert [columns(u) for u in found] == [columns(u) for u in expected]
    assert {u.pk for u in units} - {u.pk for u in found} == {cast.inspection.pk}
    assert rows.reader(Unit).where(condition, [987654, ""]) == []


def test_an_inserted_row_reads_back_as_it_was_given(cast):
    item = cast.item()
    at = timezone.now().replace(microsecond=123456)
    data = {"报告": [1, "二"]}
    event = ItemEvent(
        item=item, kind=ItemEvent.Kind.REPORTED, actor=cast.official, note="说明", data=data, created_at=at
    )
    rows.insert(event, ("item", "kind", "actor", "from_status", "to_status", "note", "data", "created_at"))
    assert event.pk is not None and not event._state.adding
    stored = ItemEvent.objects.get(pk=event.pk)
    # The timeline's chain (seq, prev_hash, hash) is the database's, written by its triggers: the
    # rest reads back as it was given.
    chain = ("seq", "prev_hash", "hash")
    given, read = columns(event), columns(stored)
    assert {name: read.pop(name)[0] for name in chain} == {"seq": 1, "prev_hash": "", "hash": stored.hash}
    assert len(stored.hash) == 64
    assert read == {name: value for name, value in given.items() if name not in chain}
    assert (stored.kind, stored.actor_id, stored.data, stored.created_at) == ("reported", cast.official.pk, data, at)


def test_an_insert_of_every_column_fills_auto_now_add_as_save_does(cast):
    item = cast.item()
    before = timezone.now()
    report = rows.insert(
        ProgressReport(
            item=item, plan=item.plan, period="2030-03", percent_done=30, narrative="进展", author=cast.official
        )
    )
    stored = ProgressReport.objects.get(pk=report.pk)
    assert stored.created_at == report.created_at and stored.created_at >= before
    assert stored.kind == ProgressReport.Kind.PROGRESS  # the model's default, as save() writes it
    indicator = item.indicators.get()
    rows.insert_many(
        [IndicatorValue(report=report, indicator=indicator, value=Decimal("80.25"))], ("report", "indicator", "value")
    )
    assert list(report.indicator_values.values_list("indicator_id", "value")) == [(indicator.pk, Decimal("80.25"))]
    rows.insert_many([], ("report", "indicator", "value"))  # nothing to write: no statement


def test_an_update_writes_the_named_fields_and_nothing_else(item):
    item.percent_done = 70
    item.title = "改了但不写"
    rows.update(item, ["percent_done", "percent_done"])
    stored = ResponsibilityItem.objects.get(pk=item.pk)
    assert (stored.percent_done, stored.title) == (70, "完善内部制度建设")
    rows.update(item, [])  # nothing named: no statement
    gone = ResponsibilityItem(pk=987654, title="不存在")
    with pytest.raises(DatabaseError):
        rows.update(gone, ["title"])  # as save(update_fields=…) says of a row that is not there


def test_write_is_save_with_update_fields_down_to_the_due_date(cast):
    by_save, by_write = cast.item(), cast.item("另一事项", number="2.")
    for item in (by_save, by_write):
        item.deadline = datetime.date(2030, 9, 30)
        item.status = "rectifying"
        item.rectification_due = datetime.date(2030, 10, 15)
    by_save.save(update_fields=["deadline", "status", "rectification_due"])
    by_write.write(["deadline", "status", "rectification_due"])
    saved, written = (ResponsibilityItem.objects.get(pk=i.pk) for i in (by_save, by_write))
    assert (written.deadline, written.status, written.rectification_due, written.due_by) == (
        saved.deadline,
        saved.status,
        saved.rectification_due,
        saved.due_by,
    )
    assert written.due_by == datetime.date(2030, 10, 15)
    with pytest.raises(ValueError):
        by_write.write(["parent"])  # a move in the tree has headings to refresh: save() does that


def test_linked_count_and_convert(cast):
    item = cast.item()
    item.cooperating_units.add(cast.community, cast.inspection)
    assert rows.linked(item, ["responsible_units", "cooperating_units"]) == {
        "responsible_units": [cast.justice.pk],
        "cooperating_units": sorted([cast.community.pk, cast.inspection.pk]),
    }
    Verification.objects.create(item=item, round=1, passed=False, inspector=cast.inspector)
    assert rows.count(Verification, "item", item.pk) == 1
    assert rows.count(Verification, "item", 987654) == 0
    field = ItemEvent._meta.get_field("created_at")
    with connection.cursor() as cursor:
        cursor.execute("SELECT created_at FROM responsibility_itemevent WHERE item_id = %s", [item.pk])
        assert cursor.fetchall() == []
    assert rows.convert(field, None) is None


def test_its_statements_are_counted_and_logged_like_the_orms(item):
    with CaptureQueriesContext(connection) as queries:
        rows.reader(ResponsibilityItem).get(item.pk)
        rows.update(item, ["percent_done"])
    assert len(queries) == 2
    assert "UPDATE" in queries[1]["sql"]


@pytest.mark.postgres
def test_on_postgresql_the_statements_are_prepared_from_their_second_use(item):
    reader = rows.reader(ResponsibilityItem, ITEM_WITH)
    values = [columns(reader.get(item.pk)) for _ in range(4)]
    assert values[0] == values[-1] == columns(ResponsibilityItem.objects.select_related(*ITEM_WITH).get(pk=item.pk))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any(statement.startswith(reader.select) for statement in prepared), prepared


@pytest.mark.postgres
def test_prepared_statements_survive_a_refused_completion_on_the_same_connection(cast):
    """A refusal inside the lock rolls back (psycopg then forgets what it prepared): the next steps on
    the same connection prepare again and go through."""
    from tests.workflow.drive import deploy_data, find_task

    item = cast.item()
    services.launch(item, cast.office)
    deploy = find_task(item, "deploy")
    assert services.complete(cast.office, deploy.pk, deploy_data(cast, item), {}).is_valid()
    with pytest.raises(services.TaskUnavailable):
        services.complete(cast.office, deploy.pk, deploy_data(cast, item), {})  # done already: refused
    for n in range(2):  # twice: the second run uses the statements prepared again
        other = cast.item("另一事项", number=f"{n + 2}.")
        services.launch(other, cast.office)
        task = find_task(other, "deploy")
        assert services.complete(cast.office, task.pk, deploy_data(cast, other), {}).is_valid()
        assert ResponsibilityItem.objects.get(pk=other.pk).status == "accepting"
    accept = find_task(item, "accept")
    assert services.complete(cast.official, accept.pk, {"decision": "accept"}, {}).is_valid()
