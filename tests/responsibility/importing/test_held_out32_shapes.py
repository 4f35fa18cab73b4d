"""The shapes the thirty-second held-out set (d275–d282) showed the importer did not follow, in made-up
words, one section per cause: deadlines in weeks (a month's week, "3月第二周前"; a week counted from the
one a plan names as its first, "第8周完成"), work on a fixed day of every week (每周二); a closing note that
makes the unit before a slash the lead ("“/”前为牵头单位"); a table whose only unit cells are labelled lines
in a column named for nothing we read (备注：牵头：…；配合：…); a 股 as a unit's name; a table whose titles
count their work beside a year's money column."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing.fields import month_week_end
from tests.responsibility.importing.made import leaves, readers, table_readers

YEAR = 2026
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]
TABLE_FORMS = table_readers(YEAR)


# --- weeks: a month's, a counted one, a weekday's cadence --------------------------------------------


def test_a_months_first_week_is_the_one_whose_thursday_is_in_the_month():
    # 1 May 2026 is a Friday: its week's Thursday is in April, so May's first week is 4–10 May.
    assert month_week_end(2026, 5, 1) == datetime.date(2026, 5, 10)
    # 1 October 2026 is a Thursday: the week holding it is October's first, 28 September–4 October.
    assert month_week_end(2026, 10, 1) == datetime.date(2026, 10, 4)
    assert month_week_end(2026, 10, 3) == datetime.date(2026, 10, 18)


WEEKS = [
    "城东小学2026年秋季学期德育工作安排",
    "",
    "本学期自2026年8月31日（第1周）开学。",
    "一、德育活动",
    "1.5月第二周前完成班级文化评比。（责任部门：德育处）",
    "2.开展家长开放日活动，第8周完成。（责任部门：教导处）",
    "3.每周二开展升旗仪式。（责任部门：大队部）",
    "4.每周一次开展卫生检查。（责任部门：总务处）",
    "5.完成校服征订，10月底前（第9周）报区教育局。（责任部门：总务处）",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_weeks_give_their_sundays_and_a_weekday_goes_on(read):
    items = leaves(read("\n".join(WEEKS)))
    assert len(items) == 5
    assert items[0].fields.deadline == datetime.date(2026, 5, 17)
    # Week 1 is the week of Monday 31 August: week 8 ends on Sunday 25 October.
    assert items[1].fields.deadline == datetime.date(2026, 10, 25)
    assert items[2].fields.ongoing and items[2].fields.deadline is None
    # The week in brackets only restates the date before it.
    assert items[4].fields.deadline == datetime.date(2026, 10, 31)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_once_a_week_is_how_often_not_a_weekday(read):
    # The opposite fact: "每周一次" counts times; it does not say the work goes on.
    items = leaves(read("\n".join(WEEKS)))
    assert not items[3].fields.ongoing


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_week_without_a_first_week_named_is_no_date(read):
    # The opposite fact: with no first week stated, "第8周" counts from nothing.
    lines = [line for line in WEEKS if "第1周" not in line]
    items = leaves(read("\n".join(lines)))
    assert items[1].fields.deadline is None


# --- a slash's lead rule ------------------------------------------------------------------------------

SLASH = [
    "某区整改任务分工",
    "",
    "一、整改任务",
    "（一）会议纪要归档不及时。",
    "    责任单位：区档案馆 / 区委办",
    "    完成时限：2026年6月30日",
    "（二）台账登记不规范。",
    "    责任单位：区统计局 / 各街道",
    "    完成时限：2026年8月31日",
    "",
    "注：责任单位中“/”前为牵头单位，“/”后为配合单位。",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_note_makes_the_unit_before_the_slash_the_lead(read):
    items = leaves(read("\n".join(SLASH)))
    assert items[0].fields.lead_units == ["区档案馆"] and items[0].fields.cooperating_units == ["区委办"]
    assert items[1].fields.lead_units == ["区统计局"] and items[1].fields.responsible_units == []


@pytest.mark.parametrize("read", ALL_FORMS)
def test_slashed_units_without_the_note_stay_responsible(read):
    # The opposite fact: no rule stated, both units answer for the item.
    items = leaves(read("\n".join(SLASH[:-1])))
    assert items[0].fields.responsible_units == ["区档案馆", "区委办"] and items[0].fields.lead_units == []


# --- units as labelled lines in a column named for nothing we read --------------------------------------

NOTES_TABLE = [
    ["序号", "工作任务", "完成时限", "备注"],
    ["1", "修缮村级文化活动室", "2026年6月30日", "牵头：文化站；配合：各村"],
    ["2", "开展农技培训", "2026年9月30日", "牵头：农技站"],
]


@pytest.mark.parametrize("form", TABLE_FORMS.values(), ids=TABLE_FORMS.keys())
def test_labelled_lines_under_remarks_name_the_units(form):
    items = leaves(form(NOTES_TABLE))
    assert items[0].fields.lead_units == ["文化站"] and items[0].fields.cooperating_units == ["各村"]
    assert items[1].fields.lead_units == ["农技站"]


@pytest.mark.parametrize("form", TABLE_FORMS.values(), ids=TABLE_FORMS.keys())
def test_remarks_beside_a_unit_column_do_not_override_its_role(form):
    # The opposite fact: where a column names the units of a role, a remark's label of that role is only a remark.
    # (A remark's label of a role the table has no column for, "配合：各村" beside 责任单位, names those units since
    # the 64th held-out set's d537: test_held_out64_shapes.py.)
    rows = [
        ["序号", "工作任务", "责任单位", "备注"],
        ["1", "修缮村级文化活动室", "镇文化站", "责任单位：各村"],
    ]
    items = leaves(form(rows))
    assert items[0].fields.responsible_units == ["镇文化站"] and items[0].fields.cooperating_units == []


@pytest.mark.parametrize("form", TABLE_FORMS.values(), ids=TABLE_FORMS.keys())
def test_a_remark_of_plain_words_names_no_unit(form):
    # The opposite fact: "已列入民生实事" is no label of a unit.
    rows = [
        ["序号", "工作任务", "完成时限", "备注"],
        ["1", "修缮村级文化活动室", "2026年6月30日", "已列入民生实事"],
    ]
    items = leaves(form(rows))
    assert items[0].fields.responsible_units == [] and items[0].fields.lead_units == []


# --- a 股 is a unit ------------------------------------------------------------------------------------


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_section_named_gu_is_a_unit_of_a_by_sentence(read):
    text = "某局工作安排\n\n1. 6月底前完成档案整理。由财务股负责，各站配合。\n2. 开展培训。由人事股负责。"
    items = leaves(read(text))
    assert items[0].fields.responsible_units == ["财务股"] and items[0].fields.cooperating_units == ["各站"]
    assert items[1].fields.responsible_units == ["人事股"]


# --- titles that count their work beside a year's money --------------------------------------------------

COUNTED = [
    ["序号", "项目名称", "年度投资（万元）", "责任单位", "完成时限"],
    ["1", "新建社区食堂6个", "900", "区民政局", "2026年10月31日"],
    ["2", "改造背街小巷14条", "1200", "区城管局", "2026年11月30日"],
]


@pytest.mark.parametrize("form", TABLE_FORMS.values(), ids=TABLE_FORMS.keys())
def test_titles_that_count_their_work_are_the_targets(form):
    items = leaves(form(COUNTED))
    assert [(i.value, i.unit) for i in items[0].indicators] == [(6, "个")]
    assert [(i.value, i.unit) for i in items[1].indicators] == [(14, "条")]


@pytest.mark.parametrize("form", TABLE_FORMS.values(), ids=TABLE_FORMS.keys())
def test_projects_named_only_keep_the_years_money_as_target(form):
    # The opposite fact: a list of projects by name tracks the year's money (d99's reading).
    rows = [row[:] for row in COUNTED]
    rows[1][1], rows[2][1] = "城北社区食堂", "老城背街小巷改造"
    items = leaves(form(rows))
    assert [i.value for i in items[0].indicators] == [900]
