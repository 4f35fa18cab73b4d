"""The shapes the fiftieth held-out set (d419–d426) showed the importer did not follow in text, in made-up
words, one section per cause: a line closing a section with labels for every item above it
("以上各项，牵头单位：…；完成时限：…"); a deadline given as a start and how long the work takes
("自4月1日起，用两个月时间完成")."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing.document import Fields
from tests.responsibility.importing.made import readers

YEAR = 2025
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
TEXT_FORMS = [as_txt, as_paste, as_docx]


def held(plan) -> dict[str, Fields]:
    """Each item's fields by its number, with what its headings give, as ``build`` writes them."""
    given: dict[str, Fields] = {}
    stack = [(root, Fields()) for root in plan.roots]
    while stack:
        node, above = stack.pop()
        fields = node.fields.below(above)
        if not node.children:
            given[node.number] = fields
        stack.extend((child, fields) for child in node.children)
    return given


# --- a section's closing field line -------------------------------------------------------------

CLOSING_LINES = [
    "青溪镇2025年河道管护工作方案",
    "一、重点任务",
    "（一）清理河道",
    "1.清理河道垃圾，完成河道保洁12公里。",
    "2.拆除河道违建。（完成时限：2025年3月31日前）",
    "以上各项，牵头单位：镇水利站；责任单位：各村；完成时限：2025年5月31日前。",
    "（二）加强巡查",
    "3.开展河道巡查。",
    "4.建立巡查台账。（配合单位：镇派出所）",
    "上述工作，责任单位：镇河长办；完成时限：2025年12月31日前。",
]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_line_closing_a_section_gives_its_labels_to_every_item_above_it(form):
    given = held(form("\n".join(CLOSING_LINES)))
    assert [given[n].lead_units for n in ("1.", "2.", "3.")] == [["镇水利站"], ["镇水利站"], []]
    assert [given[n].responsible_units for n in ("1.", "2.", "3.", "4.")] == [
        ["各村"],
        ["各村"],
        ["镇河长办"],
        ["镇河长办"],
    ]
    # An item's own label wins for its field, and the section's fill the rest.
    assert [given[n].deadline for n in ("1.", "2.", "3.", "4.")] == [
        D(2025, 5, 31), D(2025, 3, 31), D(2025, 12, 31), D(2025, 12, 31),
    ]  # fmt: skip
    assert given["4."].cooperating_units == ["镇派出所"]


def test_the_labels_of_a_closing_line_wrapped_onto_the_next_line_are_the_sections_too():
    # A PDF breaks a long closing line after a label's "；": the rest is no field line of the last item.
    lines = [*CLOSING_LINES[:5], "以上各项，牵头单位：镇水利站；", "责任单位：各村；完成时限：2025年5月31日前。"]
    given = held(as_txt("\n".join(lines)))
    assert [given[n].responsible_units for n in ("1.", "2.")] == [["各村"], ["各村"]]
    assert [given[n].deadline for n in ("1.", "2.")] == [D(2025, 5, 31), D(2025, 3, 31)]


def test_a_closing_line_under_items_at_the_top_gives_each_its_labels():
    lines = ["青溪镇2025年河道管护工作要点", "1.清理河道垃圾。", "2.拆除河道违建。（责任单位：镇城管队）",
             "以上各项，责任单位：镇水利站；完成时限：2025年5月31日前。"]  # fmt: skip
    given = held(as_txt("\n".join(lines)))
    assert [given[n].responsible_units for n in ("1.", "2.")] == [["镇水利站"], ["镇城管队"]]
    assert [given[n].deadline for n in ("1.", "2.")] == [D(2025, 5, 31), D(2025, 5, 31)]


def test_a_field_line_under_an_item_stays_that_items_alone():
    # The opposite fact: labels with no "以上各项" before them are the item's above them, not its section's.
    lines = [*CLOSING_LINES[:5], "牵头单位：镇水利站；完成时限：2025年5月31日前。"]
    given = held(as_txt("\n".join(lines)))
    assert [given[n].lead_units for n in ("1.", "2.")] == [[], ["镇水利站"]]
    assert [given[n].deadline for n in ("1.", "2.")] == [None, D(2025, 5, 31)]


def test_a_closing_sentence_about_the_work_above_is_no_field_line():
    # "以上任务未注明完成时限的，…" states a default, not labels: read by the rules, as before.
    lines = [*CLOSING_LINES[:5], "以上任务未注明完成时限的，均须于2025年10月底前完成。"]
    given = held(as_txt("\n".join(lines)))
    assert [given[n].deadline for n in ("1.", "2.")] == [D(2025, 10, 31), D(2025, 3, 31)]


# --- a deadline given as a start and a span -------------------------------------------------------

SPAN_LINES = [
    "桂林街道2025年第二季度工作安排",
    "一、民生服务",
    "1.开展老年人健康体检。",
    "责任单位：卫生服务中心　完成时间：{}",
]


@pytest.mark.parametrize(
    "when, due",
    [
        ("自4月1日起，用两个月时间完成", D(2025, 5, 31)),
        ("5月10日起30天内完成", D(2025, 6, 8)),
        ("自3月起，用3个月时间完成", D(2025, 5, 31)),
        ("自11月15日起两周内完成", D(2025, 11, 28)),
    ],
)
def test_a_start_and_how_long_the_work_takes_is_due_on_the_spans_last_day(when, due):
    lines = [*SPAN_LINES[:3], SPAN_LINES[3].format(when)]
    assert held(as_txt("\n".join(lines)))["1."].deadline == due


@pytest.mark.parametrize(
    "when, due", [("自4月1日起实施，6月底前完成", D(2025, 6, 30)), ("4月1日起至6月30日", D(2025, 6, 30))]
)
def test_a_start_with_an_end_date_and_no_span_is_due_on_that_date(when, due):
    # The opposite fact: "起" with no count after it names the start only; the date it runs to is the deadline.
    lines = [*SPAN_LINES[:3], SPAN_LINES[3].format(when)]
    assert held(as_txt("\n".join(lines)))["1."].deadline == due
