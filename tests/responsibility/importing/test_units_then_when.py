"""A unit label's value that closes with when the work is due and no label of its own ("责任单位：县交通局，9月底
前", "县公路中心、各乡镇 2026年6月底前", "县交通局（长期坚持）"): the when is the deadline, never a unit's name. A
55th-set fixer saw "2026年6月底前" read as a third unit; no corpus document has the shape, so these tests hold it.
Beside each reading, its opposite: a closing clause of the units' own ("各社区按季度推进") or a bracket of theirs
("各镇（街道）") stays with the units, and a labelled deadline is not replaced."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing import fields as phrases
from responsibility.importing.document import Fields
from tests.responsibility.importing.made import readers

from .test_held_out50_shapes import held

YEAR = 2026
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)


def plan_with(assignment: str) -> list[str]:
    return [
        "某县2026年交通工作要点",
        "一、基础设施建设",
        f"1.新建农村桥梁3座。{assignment}",
        "2.完成农村公路提档升级50公里。责任单位：县公路中心；完成时限：2026年11月底前",
    ]


@pytest.mark.parametrize("form", [as_txt, as_paste, as_docx])
@pytest.mark.parametrize(
    ("assignment", "units", "deadline"),
    [
        ("责任单位：县交通局，9月底前", {"responsible_units": ["县交通局"]}, D(2026, 9, 30)),
        ("责任单位：县交通局、各乡镇 2026年6月底前", {"responsible_units": ["县交通局", "各乡镇"]}, D(2026, 6, 30)),
        ("责任单位：县交通局（10月底前）", {"responsible_units": ["县交通局"]}, D(2026, 10, 31)),
        (
            "牵头单位：县交通局；配合单位：县财政局，二〇二六年八月底前",
            {"lead_units": ["县交通局"], "cooperating_units": ["县财政局"]},
            D(2026, 8, 31),
        ),
    ],
)
def test_a_units_value_closing_with_a_date_gives_the_deadline_not_a_unit(form, assignment, units, deadline):
    given = held(form("\n".join(plan_with(assignment))))["1."]
    for attribute in phrases.UNIT_ATTRIBUTES:
        assert getattr(given, attribute) == units.get(attribute, [])
    assert given.deadline == deadline


def test_a_units_value_closing_with_going_on_or_a_cadence_makes_the_work_go_on():
    given = held(as_txt("\n".join(plan_with("责任单位：县交通局，长期坚持"))))["1."]
    assert (given.responsible_units, given.ongoing, given.deadline) == (["县交通局"], True, None)
    quarterly = held(as_txt("\n".join(plan_with("责任单位：县交通局（每季度）"))))["1."]
    assert (quarterly.responsible_units, quarterly.ongoing, quarterly.cadence) == (["县交通局"], True, "quarterly")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # The closing bracket is the last unit's own, not a when.
        ("各镇（街道）", {"responsible_units": ["各镇（街道）"]}),
        # The units' clauses in their roles, no when among them.
        ("党政办、综治办，各社区按职责分工分别负责", {"responsible_units": ["党政办", "综治办", "各社区"]}),
        ("司法所牵头，综治办配合", {"lead_units": ["司法所"], "cooperating_units": ["综治办"]}),
    ],
)
def test_a_units_value_without_a_when_keeps_its_units_and_gives_no_deadline(value, expected):
    fields = Fields()
    phrases.apply(fields, "responsible_units", value, YEAR)
    for attribute in phrases.UNIT_ATTRIBUTES:
        assert getattr(fields, attribute) == expected.get(attribute, [])
    assert (fields.deadline, fields.ongoing, fields.deadline_text) == (None, False, "")


def test_a_closing_clause_that_opens_with_a_unit_is_not_taken_for_a_when():
    # "各社区按季度推进" names who as well as when: it stays the units' clause, no cadence is made of it.
    fields = Fields()
    phrases.apply(fields, "responsible_units", "党政办牵头，各社区按季度推进", YEAR)
    assert fields.lead_units == ["党政办"]
    assert (fields.deadline_text, fields.cadence) == ("", "")


def test_a_labelled_deadline_read_first_is_not_replaced_by_the_units_when():
    fields = Fields()
    phrases.apply(fields, "deadline", "2026年12月底前", YEAR)
    phrases.apply(fields, "responsible_units", "县交通局，9月底前", YEAR)
    assert (fields.responsible_units, fields.deadline) == (["县交通局"], D(2026, 12, 31))
