"""考核结果's export streams each unit's and person's item lines a chunk at a time (a district's lead
leader answers for tens of thousands of items): its 得分明细 is, cell for cell, what the export wrote
when every explanation held its item lines (``explain_units``/``explain_people`` then ``rows()``)."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from decimal import Decimal

import openpyxl
import pytest

from assessment import results_export
from assessment.explain import explain_people, explain_units
from assessment.models import PersonResult
from responsibility.models import Assignment
from tests.assessment.scenario import finish, item_for, split
from tests.assessment.year import build_year, in_category

D = Decimal


def old_breakdown(self, units: list, officials: list, leaders: list) -> Iterator[list]:
    """The breakdown as the export wrote it before: each explanation built with its item lines."""
    people = [*officials, *leaders]
    for start in range(0, len(units), results_export.EXPLAINED_AT_ONCE):
        for e in explain_units(self.assessment, units[start : start + results_export.EXPLAINED_AT_ONCE]):
            yield from ([e.name, *row] for row in e.rows())
    for start in range(0, len(people), results_export.EXPLAINED_AT_ONCE):
        for e in explain_people(self.assessment, people[start : start + results_export.EXPLAINED_AT_ONCE]):
            yield from ([e.name, *row] for row in e.rows())


def cells(user, assessment) -> dict[str, list[tuple]]:
    out = io.BytesIO()
    results_export.ResultsExport(user, {"assessment": assessment.pk}).write(out)
    book = openpyxl.load_workbook(io.BytesIO(out.getvalue()))
    return {name: list(book[name].iter_rows(values_only=True)) for name in book.sheetnames}


@pytest.fixture
def assessment(cast):
    """The year of tests/assessment/year.py (items of one unit, scored without parts), and items handed
    to two units each (parts: each unit's line, both under the lead leader), in two categories."""
    year = build_year(cast)
    official, official2 = cast.posts["official"], cast.posts["official2"]
    for n in range(5):
        item = item_for(cast, title=f"分办事项{n}", number=f"{10 + n}.", points=D(4))
        item.responsible_units.set([cast.justice, cast.community])
        lead, other = split(
            item,
            (cast.justice, official, Assignment.Role.LEAD),
            (cast.community, official2, Assignment.Role.RESPONSIBLE),
        )
        finish(item, datetime.date(2020, 6, 20 + n), assignment=lead)
        if n % 2:
            finish(item, datetime.date(2020, 7, 3 + n), assignment=other, returns=1)
            in_category(item, "其他工作")
    return year.compute(cast.office)


@pytest.mark.parametrize(("items_at_once", "explained_at_once"), [(1, 1), (2, 50), (3, 2), (2000, 50)])
def test_the_streamed_breakdown_is_the_one_explained_with_its_items(
    cast, assessment, monkeypatch, items_at_once, explained_at_once
):
    monkeypatch.setattr(results_export, "EXPLAINED_AT_ONCE", explained_at_once)
    monkeypatch.setattr(results_export, "ITEMS_AT_ONCE", items_at_once)
    streamed = cells(cast.office, assessment)
    monkeypatch.setattr(results_export.ResultsExport, "_breakdown", old_breakdown)
    held = cells(cast.office, assessment)
    assert streamed == held
    lines = streamed["得分明细"]
    leader = PersonResult.objects.get(assessment=assessment, role=PersonResult.Role.LEADER)
    assert leader.items >= 8
    assert sum(1 for row in lines if row[1] == "事项") >= 3 * 8  # every item under its unit, official, leader
    assert any(row[3] and "分办事项3" in row[3] for row in lines)
