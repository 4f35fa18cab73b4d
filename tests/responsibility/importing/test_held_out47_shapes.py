"""The shapes the forty-seventh held-out set (d395–d402) showed the importer did not follow, in made-up
words, one section per cause: a task table kept as raw HTML (<table><tr><td>…) in Markdown or text, as a
web editor exports it; "同上" as a field's value, the names or the date of the item above; the measure
of a size column only in its header's brackets ("建设规模（公里）"), bare numbers in its cells; the row of
column ordinals a statistical form sets under its header ("甲 | 乙 | 1 | 2 | 3"); a first-leads rule stated
for lists of several units only, which leaves a unit alone responsible."""

from __future__ import annotations

import datetime

import pytest

from tests.responsibility.importing.made import leaves, md_reader, readers, table_readers

YEAR = 2026
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
as_md = md_reader(YEAR)
TEXT_FORMS = [as_txt, as_paste, as_docx, as_md]
TABLE_FORMS = ["xlsx", "paste"]


# --- a task table kept as raw HTML ---------------------------------------------------------------

HTML_TABLE = [
    "北湖镇2026年民兵工作任务分工",
    "",
    "为做好今年民兵工作，现将任务分解如下。",
    "",
    "<table>",
    "<tr><th>序号</th><th>工作任务</th><th>牵头单位</th><th>配合单位</th><th>完成时限</th></tr>",
    "<tr><td>1</td><td>完成民兵整组</td><td>镇武装部</td><td>各村</td><td>2026年4月30日</td></tr>",
    "<tr><td>2</td><td>开展应急训练不少于3次</td><td>镇应急办</td><td>镇武装部、镇卫生院</td><td>2026年10月31日</td></tr>",
    "</table>",
    "",
    "请各牵头单位于12月10日前报送完成情况。",
]


@pytest.mark.parametrize("read", TEXT_FORMS)
def test_a_raw_html_table_is_read_as_the_table_it_marks_up(read):
    items = leaves(read("\n".join(HTML_TABLE)))
    assert [item.title for item in items] == ["完成民兵整组", "开展应急训练不少于3次"]
    assert [item.fields.lead_units for item in items] == [["镇武装部"], ["镇应急办"]]
    assert items[1].fields.cooperating_units == ["镇武装部", "镇卫生院"]
    assert [item.fields.deadline for item in items] == [D(2026, 4, 30), D(2026, 10, 31)]
    assert [(i.value, i.unit) for i in items[1].indicators] == [(3, "次")]


def test_html_rows_spread_over_lines_wrapped_tags_entities_and_merged_cells():
    # Cells on lines of their own, an end tag wrapped by a PDF ("</" / "td>"), an entity, a unit merged
    # down over two rows (rowspan) and a note merged across (colspan).
    lines = [
        "北湖镇2026年营房维护任务",
        "<table>",
        "  <tr>",
        "    <th>序号</th><th>工作任务</th><th>责任单位</th><th>完成时限</th>",
        "  </tr>",
        '  <tr><td>1</td><td>修缮营房&amp;围墙</td><td rowspan="2">镇武装部</td><td>6月30日</',
        "td></tr>",
        "  <tr><td>2</td><td>更新训练器材</td><td>9月30日</td></tr>",
        '  <tr><td colspan="4">以上任务由镇财政保障经费</td></tr>',
        "</table>",
    ]
    items = leaves(as_txt("\n".join(lines)))
    assert [item.title for item in items] == ["修缮营房&围墙", "更新训练器材"]
    assert [item.fields.responsible_units for item in items] == [["镇武装部"], ["镇武装部"]]
    assert [item.fields.deadline for item in items] == [D(2026, 6, 30), D(2026, 9, 30)]


def test_a_table_tag_never_closed_is_no_table():
    # The opposite fact: "<table>" with no "</table>" after it marks nothing up; the numbered lines
    # around it are the items, as they are without it.
    lines = [
        "北湖镇2026年民兵工作要点",
        "一、组织建设",
        "1.完成民兵整组。（牵头单位：镇武装部）",
        "<table>",
        "2.开展应急训练。（牵头单位：镇应急办）",
    ]
    items = leaves(as_txt("\n".join(lines)))
    assert [item.title for item in items] == ["完成民兵整组", "开展应急训练"]
    assert [item.fields.lead_units for item in items] == [["镇武装部"], ["镇应急办"]]


@pytest.mark.parametrize(
    "byline",
    ["**北湖镇人民政府（镇双拥办）　2026年1月20日**", "北湖镇人民政府　2026年1月20日", "北湖镇人民政府2026年1月20日"],
)
def test_an_organ_and_date_under_the_title_is_its_byline_not_its_end(byline):
    # A web editor's byline under the title, no blank line between (as Word keeps it): one full-width
    # space between the office (with its short name in brackets) and the date, or none in a PDF's text.
    lines = [HTML_TABLE[0], byline, *HTML_TABLE[2:]]
    assert as_docx("\n".join(lines)).title == "北湖镇2026年民兵工作任务分工"


def test_a_title_on_two_lines_still_goes_on_over_its_byline():
    # The opposite fact: a title's second line without a date is the rest of the title.
    lines = ["北湖镇2026年民兵工作", "任务分工", "北湖镇人民政府　2026年1月20日", *HTML_TABLE[2:]]
    assert as_docx("\n".join(lines)).title == "北湖镇2026年民兵工作任务分工"


# --- "同上" as a field's value ---------------------------------------------------------------------

DITTO_FIELDS = [
    "东溪街道2026年社区服务工作要点",
    "一、便民服务",
    "1.新建社区食堂2个。",
    "责任部门：社区服务办　　配合单位：各社区　　完成时限：2026年9月30日",
    "2.开展助餐服务不少于500人次。",
    "责任部门：同上　　配合单位：同上　　完成时限：同上",
    "二、兜底保障",
    "3.设立便民服务点4个。",
    "责任部门：同上　　配合单位：街道财政所　　完成时限：长期坚持",
    "4.落实困难群众帮扶。",
    "责任部门：民政办　　配合单位：同上　　完成时限：同上",
]


@pytest.mark.parametrize("read", [as_txt, as_paste, as_docx])
def test_a_field_that_says_tong_shang_has_the_value_of_the_item_above(read):
    items = leaves(read("\n".join(DITTO_FIELDS)))
    assert [item.fields.responsible_units for item in items] == [["社区服务办"]] * 3 + [["民政办"]]
    assert [item.fields.cooperating_units for item in items] == [["各社区"], ["各社区"], ["街道财政所"], ["街道财政所"]]
    assert [item.fields.deadline for item in items[:3]] == [D(2026, 9, 30), D(2026, 9, 30), None]
    assert [item.fields.ongoing for item in items] == [False, False, True, True]


def test_tong_shang_with_no_item_above_names_nobody():
    # The opposite fact: the first item's "同上" points at nothing: no unit called 同上, no date.
    lines = [
        "东溪街道2026年社区服务工作要点",
        "1.新建社区食堂2个。",
        "责任部门：同上　　完成时限：同上",
        "2.开展助餐服务不少于500人次。",
        "责任部门：社区服务办　　完成时限：2026年9月30日",
    ]
    items = leaves(as_txt("\n".join(lines)))
    assert items[0].fields.responsible_units == []
    assert (items[0].fields.deadline, items[0].fields.ongoing) == (None, False)
    assert items[1].fields.responsible_units == ["社区服务办"]


# --- the measure of a size column in its header -----------------------------------------------------


@pytest.mark.parametrize("form", TABLE_FORMS)
def test_bare_sizes_under_a_header_naming_their_measure_are_targets(form):
    rows = [
        ["序号", "项目名称", "建设规模（米）", "计划投资（万元）", "实施单位", "完工时间"],
        ["1", "东河护岸修复", "850", "120", "镇水利站", "2026年10月"],
        ["2", "西街村道拓宽", "1200.5", "300", "镇规划办", "2026年11月"],
    ]
    items = leaves(table_readers(YEAR)[form](rows))
    assert [[(i.value, i.unit) for i in item.indicators] for item in items] == [[(850, "米")], [(1200.5, "米")]]
    assert [item.fields.responsible_units for item in items] == [["镇水利站"], ["镇规划办"]]
    assert [item.fields.deadline for item in items] == [D(2026, 10, 31), D(2026, 11, 30)]


@pytest.mark.parametrize("form", TABLE_FORMS)
def test_a_size_column_of_words_stays_what_is_to_be_done(form):
    # The opposite fact: a 建设规模 column that says it in words gives the figures its words name, and
    # a size column of bare numbers whose header names no measure gives none.
    worded = [
        ["序号", "项目名称", "建设规模", "实施单位", "完工时间"],
        ["1", "东河护岸修复", "修复护岸850米", "镇水利站", "2026年10月"],
        ["2", "西街村道拓宽", "拓宽道路1200米", "镇规划办", "2026年11月"],
    ]
    items = leaves(table_readers(YEAR)[form](worded))
    assert [[(i.value, i.unit) for i in item.indicators] for item in items] == [[(850, "米")], [(1200, "米")]]
    bare = [
        ["序号", "项目名称", "建设规模", "实施单位", "完工时间"],
        ["1", "东河护岸修复", "850", "镇水利站", "2026年10月"],
        ["2", "西街村道拓宽", "1200", "镇规划办", "2026年11月"],
    ]
    assert all(not item.indicators for item in leaves(table_readers(YEAR)[form](bare)))


# --- the row of column ordinals under a header ----------------------------------------------------


@pytest.mark.parametrize("ordinals", [["甲", "乙", "1", "2", "3"], ["1", "2", "3", "4", "5"]])
@pytest.mark.parametrize("form", TABLE_FORMS)
def test_a_row_of_column_ordinals_under_the_header_is_no_item(form, ordinals):
    rows = [
        ["序号", "工作任务", "责任科室", "配合单位", "完成时限"],
        ordinals,
        ["1", "开展统计台账核查", "综合科", "各社区", "2026-05-31"],
        ["2", "培训统计员不少于50人次", "业务科", "", "2026-08-31"],
    ]
    items = leaves(table_readers(YEAR)[form](rows))
    assert [item.title for item in items] == ["开展统计台账核查", "培训统计员不少于50人次"]
    assert [item.fields.responsible_units for item in items] == [["综合科"], ["业务科"]]
    assert items[1].fields.cooperating_units == []


@pytest.mark.parametrize("form", TABLE_FORMS)
def test_a_row_of_work_under_the_header_stays_an_item_whatever_its_numbers(form):
    # The opposite fact: the first row under the header that names work is an item, even when its
    # other cells are numbers in order.
    rows = [
        ["序号", "工作任务", "目标值（个）", "完成时限"],
        ["1", "新建统计站点", "2", "2026-05-31"],
        ["2", "新建数据机房", "3", "2026-08-31"],
    ]
    items = leaves(table_readers(YEAR)[form](rows))
    assert [item.title for item in items] == ["新建统计站点", "新建数据机房"]


# --- a first-leads rule stated for lists of several units only ------------------------------------------


def first_leads_plan(rule: str) -> str:
    return "\n".join(
        [
            "东岭县2026年法治政府建设任务",
            "1.修订行政规范性文件管理办法。",
            "责任单位：县司法局、县政府办",
            "2.开展行政执法案卷评查。",
            "责任单位：县司法局",
            rule,
        ]
    )


@pytest.mark.parametrize("read", [as_txt, as_paste, as_docx])
def test_a_rule_for_lists_of_several_leaves_a_lone_unit_responsible(read):
    items = leaves(read(first_leads_plan("注：责任单位有两个及以上的，排在第一位的为牵头单位，其余为配合单位。")))
    assert [(item.fields.lead_units, item.fields.cooperating_units) for item in items] == [
        (["县司法局"], ["县政府办"]),
        ([], []),
    ]
    assert items[1].fields.responsible_units == ["县司法局"]


@pytest.mark.parametrize("read", [as_txt, as_paste, as_docx])
def test_a_rule_for_every_list_makes_a_lone_unit_the_lead(read):
    items = leaves(read(first_leads_plan("注：各项任务的责任单位中，排在第一位的为牵头单位，其余为配合单位。")))
    assert [(item.fields.lead_units, item.fields.cooperating_units) for item in items] == [
        (["县司法局"], ["县政府办"]),
        (["县司法局"], []),
    ]
    assert items[1].fields.responsible_units == []


@pytest.mark.parametrize("read", [as_txt, as_paste, as_docx])
def test_a_sentence_about_many_units_before_the_rule_is_no_condition_of_it(read):
    rule = "注：本方案涉及多个部门，各项任务的责任单位中，排在第一位的为牵头单位，其余为配合单位。"
    items = leaves(read(first_leads_plan(rule)))
    assert items[1].fields.lead_units == ["县司法局"]
