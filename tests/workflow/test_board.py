"""The supervision board: who may open it, what it lists and counts, its filters and export."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from responsibility.models import Assignment, ItemStatus, Rag, RagReason
from tests.browser import Browser, plain_text, text

ROLES = ["committee", "office", "leader", "official", "official2", "inspector", "assessor", "outsider"]
BOARD = reverse("workflow:board")


def lit(cast, title, rag, *, deadline=None, unit=None, **fields):
    item = cast.item(title, deadline=deadline or datetime.date(2030, 12, 31), **fields)
    item.status, item.rag = ItemStatus.IN_PROGRESS, rag
    item.rag_reason = {Rag.RED: RagReason.OVERDUE, Rag.YELLOW: RagReason.BEHIND}.get(rag, RagReason.ON_TRACK)
    item.save()
    if unit is not None:
        item.responsible_units.set([unit])
    return item


def hand_out_two(item, cast) -> None:
    """The item handed to two units: its row lists each unit's part."""
    item.branch_count = 2
    item.save(update_fields=["branch_count"])
    for unit, rag in ((cast.justice, Rag.RED), (cast.community, Rag.GREEN)):
        Assignment.objects.create(item=item, unit=unit, status=ItemStatus.IN_PROGRESS, rag=rag)


@pytest.fixture
def lights(cast):
    return [
        lit(cast, "红灯事项", Rag.RED, deadline=datetime.date(2020, 1, 1)),
        lit(cast, "黄灯事项", Rag.YELLOW, unit=cast.community),
        lit(cast, "绿灯事项", Rag.GREEN),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_the_board_is_for_the_office_the_committee_and_inspectors(cast, lights, role):
    response = Browser(cast.roles[role]).get(BOARD)
    assert response.status_code == (200 if role in ("office", "committee", "inspector") else 404)


def test_reddest_first_with_counts(cast, lights):
    page = Browser(cast.office).get(BOARD)
    rows = plain_text(page)
    assert rows.index("红灯事项") < rows.index("黄灯事项") < rows.index("绿灯事项")
    assert "红灯 1" in rows and "黄灯 1" in rows and "绿灯 1" in rows and "共 3 项在办" in rows
    assert f'href="/items/{lights[0].pk}/"' in text(page)


def test_an_inspector_sees_only_the_items_given_to_him(cast, lights):
    other = lit(cast, "别人督查的事项", Rag.RED)
    other.inspector_post = None
    other.save()
    from responsibility.permissions import sync_item_permissions

    for item in [*lights, other]:
        sync_item_permissions(item)
    page = plain_text(Browser(cast.inspector).get(BOARD))
    assert "红灯事项" in page and "别人督查的事项" not in page


def test_filters(cast, lights):
    browser = Browser(cast.office)
    assert "黄灯事项" not in plain_text(browser.get(BOARD, data={"rag": "red"}))
    only_community = plain_text(browser.get(BOARD, data={"unit": cast.community.pk}))
    assert "黄灯事项" in only_community and "红灯事项" not in only_community
    overdue = plain_text(browser.get(BOARD, data={"overdue_days": 30}))
    assert "红灯事项" in overdue and "绿灯事项" not in overdue


def test_counts_per_unit(cast, lights):
    page = text(Browser(cast.office).get(BOARD))
    table = page[page.index('id="per-unit"') :]
    assert "兴科社区</td><td>0</td><td>1</td><td>0</td><td>1</td>" in table


def test_the_filtered_list_exports_as_a_workbook(cast, lights):
    response = Browser(cast.office).get(BOARD, data={"rag": "red", "format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "编号" and sheet.max_row == 3
    assert sheet["B3"].value == "红灯事项" and sheet["I3"].value == "红灯"


@pytest.mark.parametrize("role", ["office", "committee"])
def test_the_board_reads_stored_lights_in_a_fixed_number_of_queries(
    cast, role, django_assert_max_num_queries, django_assert_num_queries
):
    """As many queries for 4 items as for 24, of one unit and of two, at the top and under a heading: a
    row reads nothing of its own (its columns, names, headings and units' parts come with the page)."""
    browser = Browser(cast.roles[role])
    heading = cast.item("一、总体要求")
    for n in range(3):
        lit(cast, f"事项{n}", Rag.GREEN, parent=heading)
    hand_out_two(lit(cast, "两个单位的事项", Rag.RED), cast)
    browser.get(BOARD)
    with django_assert_max_num_queries(16) as few:
        browser.get(BOARD)
    for n in range(20):
        item = lit(cast, f"更多事项{n}", Rag.YELLOW, parent=heading if n % 2 else None)
        if n % 3 == 0:
            hand_out_two(item, cast)
    with django_assert_num_queries(len(few.captured_queries)):
        page = browser.get(BOARD)
    assert "更多事项19" in text(page)
