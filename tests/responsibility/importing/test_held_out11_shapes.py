"""The shapes the eleventh held-out set (d107–d114) showed the importer did not follow, in made-up
words, one section per cause: headings written in Markdown's bold in text that is not Markdown, with
each item's labels on lines a list's dash marks."""

from __future__ import annotations

import datetime

import pytest

from tests.responsibility.importing.made import readers

YEAR = 2023
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


def _items(plan):
    return [found for found, _depth in plan.walk() if not found.children]


def _headings(plan):
    return [found.number + found.title for found, _depth in plan.walk() if found.children]


# --- bold lines as headings, labels on dashed lines under the items ----------------------------------

BOLD = "\n".join(
    [
        "某街道2023年绿化工作要点",
        "",
        "今年街道绿化工作以增绿提质为主线，推进各项任务。",
        "",
        "**一、扩大绿地面积**",
        "",
        "1. 新建街角游园。新建游园4处。",
        "   - 责任科室：园林科",
        "   - 完成时限：2023年9月底前",
        "2. 补植行道树。补植行道树300株。",
        "   - 牵头科室：园林科",
        "   - 配合单位：甲社区、乙社区",
        "",
        "__二、提升管养水平__",
        "",
        "1. 开展绿地巡查。每周巡查不少于2次。",
        "   - 责任科室：养护所",
        "   - 完成时限：长期坚持",
    ]
)


@pytest.mark.parametrize("form", ALL_FORMS)
def test_a_line_wholly_in_bold_marks_is_a_heading_without_its_marks(form):
    plan = form(BOLD)
    assert _headings(plan) == ["一、扩大绿地面积", "二、提升管养水平"]
    assert [item.title for item in _items(plan)] == ["新建街角游园", "补植行道树", "开展绿地巡查"]


@pytest.mark.parametrize("form", ALL_FORMS)
def test_labels_on_dashed_lines_are_the_items_and_leave_no_dash_behind(form):
    plan = form(BOLD)
    first, second, third = _items(plan)
    assert first.fields.responsible_units == ["园林科"]
    assert first.fields.deadline == D(2023, 9, 30)
    assert second.fields.lead_units == ["园林科"]
    assert second.fields.cooperating_units == ["甲社区", "乙社区"]
    assert third.fields.responsible_units == ["养护所"]
    assert "-" not in "".join(first.content + second.content + third.content)


def test_a_dash_run_into_the_label_as_a_pdf_copies_it_is_a_list_mark_too():
    plan = as_txt(BOLD.replace("   - ", "-"))
    first, second, _third = _items(plan)
    assert first.fields.responsible_units == ["园林科"]
    assert second.fields.cooperating_units == ["甲社区", "乙社区"]


def test_bold_words_inside_a_line_and_a_dash_before_prose_stay_text():
    plan = as_txt(BOLD.replace("   - 完成时限：长期坚持", "   - 重点做好**汛期**巡查。"))
    third = _items(plan)[-1]
    assert "重点做好**汛期**巡查。" in "".join(third.content)
