"""What the item page and the board ask the database, statement by statement: each asked as an index
answers it, of the columns the page shows, once (bench/README.md, "the item page and 督办看板 at
100k, statement by statement"). The facts each statement gives are held by the pages' own tests;
these hold the statements' shape, which a faster-looking rewrite could quietly lose."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from responsibility import permissions
from responsibility.models import Rag, ResponsibilityItem
from tests.browser import Browser, plain_text, url
from tests.workflow.drive import find_task, item_at
from tests.workflow.test_board import hand_out_two, lit
from tests.workflow.test_queries import busy_item, section
from workflow import board, services, steps


def captured(call) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        call()
    return _sql(ctx)


def _sql(ctx) -> list[str]:
    return [query["sql"] or "" for query in ctx.captured_queries]  # config/rows.py's have no text


def test_an_items_open_tasks_are_asked_by_its_process_content_type_and_key(cast):
    item = item_at(cast, "work")
    item_type = ContentType.objects.get_for_model(ResponsibilityItem)
    found = []
    sql = captured(lambda: found.extend(services.active_task_for_item(item)))
    # viewflow's index is (artifact_content_type, artifact_object_id): by the key alone it is read whole.
    assert len(sql) == 1 and f'"viewflow_process"."artifact_content_type_id" = {item_type.pk}' in sql[0]
    assert [task.flow_task.name for task in found] == ["work"]
    sql = captured(lambda: steps.open_tasks(item, "work"))
    assert f'"viewflow_process"."artifact_content_type_id" = {item_type.pk}' in sql[0]
    assert find_task(item, "work").pk == found[0].pk


def test_a_refused_grant_is_asked_in_one_statement(cast, django_assert_num_queries):
    item = item_at(cast, "work")
    with django_assert_num_queries(1):
        assert not permissions.granted_on(cast.outsider, permissions.URGE, item)
    with django_assert_num_queries(1):
        assert permissions.granted_on(cast.inspector, permissions.URGE, item)


@pytest.mark.usefixtures("media")
def test_the_item_page_reads_the_items_indicators_once_for_its_reports_too(cast):
    item = busy_item(cast, 2)
    browser = Browser(cast.office)
    browser.get(url("item", item.pk))
    with CaptureQueriesContext(connection) as ctx:
        page = browser.get(url("item", item.pk)).content.decode()
    indicator = item.indicators.get()
    read = [sql for sql in _sql(ctx) if 'FROM "responsibility_indicator"' in sql]
    assert len(read) == 1
    # Each report's value written with its indicator's name and unit, as before.
    for value in (0, 10):
        assert f"<li>{indicator.name}：{value}{indicator.unit}</li>" in page


def test_the_item_page_reads_of_the_headings_above_only_what_a_heading_shows(cast):
    item = item_at(cast, "work", parent=section(cast))
    browser = Browser(cast.office)
    browser.get(url("item", item.pk))
    with CaptureQueriesContext(connection) as ctx:
        page = browser.get(url("item", item.pk)).content.decode()
    (read,) = [sql for sql in _sql(ctx) if re.search(r'LEFT OUTER JOIN "responsibility_responsibilityitem" T\d', sql)]
    assert read.count('"content"') == 1  # the item's own, not its headings'
    assert read.count('"title"') >= 4  # the item's and each heading's
    assert "一、主要举措和成效 › （一）依法全面履行政府职能情况" in page


def test_the_year_end_rows_of_an_item_page_do_not_read_the_item_again(cast):
    from assessment.explain import year_end_of

    item = item_at(cast, "work")
    sql = captured(lambda: year_end_of(cast.office, item))
    (results,) = [query for query in sql if "assessment_itemresult" in query]
    assert '"responsibility_responsibilityitem"' not in results


def test_the_boards_lights_per_unit_are_counted_once_per_unit_and_light(cast):
    lit(cast, "红灯事项", Rag.RED, unit=cast.justice)
    lit(cast, "黄灯事项", Rag.YELLOW, unit=cast.community)
    hand_out_two(lit(cast, "两个单位的事项", Rag.GREEN), cast)  # 司法所's part red, 兴科社区's green
    parts = board.board_parts(cast.office, {})
    sql = captured(lambda: board.counts_per_unit(*parts))
    assert len(sql) == 1
    # A count per group of parts of one unit and light, not three filtered counts and a total per part.
    assert "FILTER" not in sql[0] and sql[0].count("COUNT(*)") == 2 * len(parts)
    assert board.counts_per_unit(*parts) == [
        board.UnitCount(cast.justice.name, red=2, yellow=0, green=0, total=2),
        board.UnitCount(cast.community.name, red=0, yellow=1, green=1, total=2),
    ]


def test_the_item_page_reads_its_responsible_and_cooperating_units_in_one_statement(cast):
    item = item_at(cast, "work")
    item.responsible_units.set([cast.community, cast.justice])
    item.cooperating_units.set([cast.office_unit])
    browser = Browser(cast.office)
    browser.get(url("item", item.pk))
    with CaptureQueriesContext(connection) as ctx:
        page = plain_text(browser.get(url("item", item.pk)))
    named = [sql for sql in _sql(ctx) if "_cooperating_units" in sql or "_responsible_units" in sql]
    assert len(named) == 1 and "_cooperating_units" in named[0] and "_responsible_units" in named[0]
    # Each list in the units' order, whichever was named first.
    first, second = sorted([cast.community, cast.justice], key=lambda unit: (unit.order, unit.pk))
    assert f"责任单位{first.name}、{second.name} 配合单位{cast.office_unit.name} " in page
