"""The shapes the 36th held-out set (d307–d314) showed the importer did not follow, in made-up words,
one section per cause: a group line under a heading that gives the units of the items below it
("（以下各项由X牵头，Y落实）"), a unit matrix whose marks a legend row explains (★ 牵头, ● 责任, ○ 配合),
and two tables stacked in one sheet, each with its own header."""

from __future__ import annotations

import datetime

import pytest

from tests.responsibility.importing.made import leaves, md_reader, readers, table_readers

YEAR = 2025
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]
TABLE_FORMS = table_readers(YEAR)


def _units(node) -> tuple[list[str], list[str], list[str]]:
    fields = node.fields
    return fields.lead_units, fields.responsible_units, fields.cooperating_units


# --- a group line under a heading: "（以下各项由X牵头，Y落实）" ----------------------------------------

GROUP_LINES = [
    "南塘镇2025年秋收秋种工作安排",
    "",
    "一、机具调度",
    "（以下各项由镇农机服务站牵头，各村落实）",
    "1．检修收割机械不少于80台，9月中旬前完成。",
    "2．组织跨村作业队5支，9月下旬前到位。",
    "二、秸秆处置",
    "3．推进秸秆还田，10月底前完成。（镇环保办，各村）",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_group_line_under_a_heading_gives_its_units_to_the_heading(read):
    plan = read("\n".join(GROUP_LINES))
    first, second = plan.roots
    assert _units(first) == (["镇农机服务站"], ["各村"], [])
    assert [item.title for item in first.children] == [
        "检修收割机械不少于80台，9月中旬前完成",
        "组织跨村作业队5支，9月下旬前到位",
    ]
    # The opposite fact: the next heading's items keep their own units, none of the group line's.
    assert _units(second) == ([], [], [])
    assert _units(second.children[0]) == ([], ["镇环保办", "各村"], [])


def test_a_sentence_handing_out_this_work_still_names_its_units():
    # The opposite fact: "此项工作由X负责" in an item's own text names that item's units, as before.
    plan = as_txt("\n".join(["一、重点工作", "1．开展秋季消防检查。此项工作由镇应急办负责，各村配合。"]))
    assert _units(leaves(plan)[0]) == ([], ["镇应急办"], ["各村"])


# --- a unit matrix whose marks a legend row explains ------------------------------------------------

MATRIX = [
    ["序号", "重点任务", "完成时限", "县交通局", "县公安局", "县教育局", "各乡镇"],
    ["1", "整治农村公路安全隐患点40处", "2025年10月底", "★", "○", "", "●"],
    ["2", "开展校车安全专项检查", "2025年9月底", "○", "○", "★", ""],
    ["注：★为牵头单位，●为责任单位，○为配合单位。", "", "", "", "", "", ""],
]


@pytest.mark.parametrize("form", ["xlsx", "paste"])
def test_a_matrix_legend_says_which_mark_leads_answers_or_cooperates(form):
    items = leaves(TABLE_FORMS[form](MATRIX))
    assert [item.title for item in items] == ["整治农村公路安全隐患点40处", "开展校车安全专项检查"]
    assert _units(items[0]) == (["县交通局"], ["各乡镇"], ["县公安局"])
    assert _units(items[1]) == (["县教育局"], [], ["县交通局", "县公安局"])


@pytest.mark.parametrize("form", ["xlsx", "paste"])
def test_a_legend_may_make_the_solid_dot_the_lead(form):
    rows = [
        ["序号", "重点任务", "完成时限", "区卫健委", "区民政局", "各街道"],
        ["1", "新建社区卫生服务站3个", "2025年12月底", "●", "", "○"],
        ["2", "开展老年人健康体检", "2025年11月底", "○", "●", "○"],
        ["说明：●牵头，○配合", "", "", "", "", ""],
    ]
    items = leaves(TABLE_FORMS[form](rows))
    assert _units(items[0]) == (["区卫健委"], [], ["各街道"])
    assert _units(items[1]) == (["区民政局"], [], ["区卫健委", "各街道"])


@pytest.mark.parametrize("form", ["xlsx", "paste"])
def test_a_tick_matrix_without_a_legend_still_makes_its_units_answer(form):
    # The opposite fact: ticks no legend explains ("√") make the column's unit answer for the row.
    rows = [
        ["序号", "重点任务", "完成时限", "区卫健委", "区民政局"],
        ["1", "新建社区卫生服务站3个", "2025年12月底", "√", ""],
        ["2", "开展老年人健康体检", "2025年11月底", "√", "√"],
    ]
    items = leaves(TABLE_FORMS[form](rows))
    assert _units(items[0]) == ([], ["区卫健委"], [])
    assert _units(items[1]) == ([], ["区卫健委", "区民政局"], [])


# --- two tables stacked in one sheet, each with its own header --------------------------------------

STACKED = [
    ["平阳县2025年文旅发展目标任务表", "", "", "", "", ""],
    ["一、主要指标", "", "", "", "", ""],
    ["序号", "指标名称", "单位", "2024年基数", "2025年目标", "责任单位"],
    ["1", "接待游客人次", "万人次", "320", "350", "县文旅局"],
    ["2", "A级景区数量", "个", "6", "8", "县文旅局、各乡镇"],
    ["", "", "", "", "", ""],
    ["二、重点任务", "", "", "", "", ""],
    ["序号", "任务内容", "牵头单位", "配合单位", "完成时限", ""],
    ["1", "创建省级旅游度假区", "县文旅局", "县发改局", "2025年11月30日", ""],
    ["2", "举办乡村旅游节", "县文旅局", "各乡镇", "2025年9月30日", ""],
]


@pytest.mark.parametrize("form", ["xlsx", "paste"])
def test_a_second_table_under_the_first_is_read_by_its_own_header(form):
    plan = TABLE_FORMS[form](STACKED)
    assert [root.title for root in plan.roots] == ["主要指标", "重点任务"]
    indicators, tasks = plan.roots
    assert [item.title for item in indicators.children] == ["接待游客人次", "A级景区数量"]
    assert _units(indicators.children[1]) == ([], ["县文旅局", "各乡镇"], [])
    assert [item.title for item in tasks.children] == ["创建省级旅游度假区", "举办乡村旅游节"]
    assert _units(tasks.children[0]) == (["县文旅局"], [], ["县发改局"])
    assert [item.fields.deadline for item in tasks.children] == [D(2025, 11, 30), D(2025, 9, 30)]


@pytest.mark.parametrize("form", ["xlsx", "paste"])
def test_category_rows_within_one_table_stay_one_table(form):
    # The opposite fact: rows of one cell that open categories under the same header, with no header of
    # their own after them, are headings of the one table's rows.
    rows = [
        ["序号", "任务内容", "牵头单位", "完成时限"],
        ["一、项目建设", "", "", ""],
        ["1", "建成游客中心", "县文旅局", "2025年6月30日"],
        ["", "", "", ""],
        ["二、宣传推广", "", "", ""],
        ["2", "举办乡村旅游节", "县文旅局", "2025年9月30日"],
    ]
    plan = TABLE_FORMS[form](rows)
    assert [item.title for item in leaves(plan)] == ["建成游客中心", "举办乡村旅游节"]
    assert [item.fields.lead_units for item in leaves(plan)] == [["县文旅局"], ["县文旅局"]]


# --- units @mentioned after a task of an online checklist ---------------------------------------------

MENTIONED = [
    "青溪镇2025年护林工作清单",
    "",
    "## 一、巡护",
    "",
    "- [ ] 完成护林员巡护轨迹核查，覆盖全部林班 @镇林业站 @各村委会 截止：5月31日",
    "- [x] 开展林区火源排查 @镇应急办 协同：@镇派出所 截止：3月31日",
]


def test_units_mentioned_after_a_checklist_task_are_responsible_for_it():
    plan = md_reader(YEAR)("\n".join(MENTIONED))
    items = leaves(plan)
    assert [item.title for item in items] == ["完成护林员巡护轨迹核查，覆盖全部林班", "开展林区火源排查"]
    assert items[0].fields.responsible_units == ["镇林业站", "各村委会"]
    assert items[1].fields.responsible_units == ["镇应急办"]
    assert items[1].fields.cooperating_units == ["镇派出所"]
    assert [item.fields.deadline for item in items] == [D(YEAR, 5, 31), D(YEAR, 3, 31)]


def test_a_mention_of_a_person_after_a_task_gives_no_unit():
    # The opposite fact: "@王芳" is a person the task is for, no unit: it stays the task's text, and a
    # responsible unit the task names itself is not replaced by what it mentions.
    plan = md_reader(YEAR)(
        "\n".join([*MENTIONED[:4], "- [ ] 完成护林员巡护轨迹核查 @王芳", "- [ ] 排查火源（镇应急办负责） @镇派出所"])
    )
    items = leaves(plan)
    assert items[0].fields.responsible_units == []
    assert "@王芳" in items[0].title
    assert items[1].fields.responsible_units == ["镇应急办"]


def test_mentions_whose_spaces_a_pdf_lost_are_read_as_written():
    # "…林班@镇林业站@各村委会截止：5月31日", as a PDF's text keeps the line: the same units and date.
    glued = [line.replace(" @", "@").replace(" 截止", "截止").replace(" 协同", "协同") for line in MENTIONED]
    items = leaves(md_reader(YEAR)("\n".join(glued)))
    assert items[0].fields.responsible_units == ["镇林业站", "各村委会"]
    assert items[1].fields.cooperating_units == ["镇派出所"]
    assert [item.fields.deadline for item in items] == [D(YEAR, 5, 31), D(YEAR, 3, 31)]


def test_an_email_address_is_no_mention():
    # The opposite fact: "@" inside an address names nobody; the line keeps it as written.
    plan = md_reader(YEAR)("\n".join([*MENTIONED[:5], "- [ ] 汇总护林台账报送hulin@example.com 截止：5月31日"]))
    item = leaves(plan)[1]
    assert "hulin@example.com" in item.title
    assert item.fields.responsible_units == []
