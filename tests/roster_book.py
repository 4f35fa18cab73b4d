"""Roster workbooks (人员名册) for tests, written as an office would: with openpyxl, in the template's
columns unless told otherwise."""

from __future__ import annotations

import io

import openpyxl

from responsibility.models import Person, Post, Unit
from responsibility.roster import COLUMNS


def book(rows: list[list], header: list[str] | None = None, *, title: str = "", merge: list[str] = ()) -> bytes:
    """An .xlsx with ``header`` (default: the roster's columns) and ``rows``; ``title`` above the
    header in a row of its own; ``merge``: cell ranges to merge (e.g. "A2:A4")."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "人员名册"
    if title:
        sheet.append([title])
    sheet.append(header or COLUMNS)
    for row in rows:
        sheet.append(row)
    for cells in merge:
        sheet.merge_cells(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def read_back(data: bytes) -> list[list[str]]:
    """The rows of a roster workbook's first sheet under its header, blanks as ""."""
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(min_row=2, values_only=True)]


def org_state() -> dict:
    """Every unit, post, person and group membership: what a refused import or action must leave alone."""
    return {
        "units": sorted(
            Unit.objects.values_list("pk", "parent_id", "name", "short_name", "kind", "order", "second_factor_required")
        ),
        "posts": sorted(Post.objects.values_list("pk", "unit_id", "title", "role", "holder_id")),
        "people": sorted(
            Person.objects.values_list(
                "pk", "username", "password", "full_name", "phone", "email", "is_active", "must_change_password"
            )
        ),
        "groups": sorted(Person.groups.through.objects.values_list("person_id", "group_id")),
    }
