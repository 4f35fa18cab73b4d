"""Decomposition tables: headers in their many wordings, rows nested by 序号, cells into fields."""

import datetime
import re
from decimal import Decimal

import pytest

from responsibility.importing.document import ImportRejected, Table
from responsibility.importing.tables import (
    check_header,
    find_header,
    format_indicator,
    format_milestone,
    looks_like_responsibility_table,
    parse_indicator_line,
    parse_milestone_line,
    parse_table,
)

HEADER = ["序号", "工作任务", "工作目标", "牵头领导", "牵头单位", "责任单位", "完成时限", "汇报频次", "分值"]


def table(*rows, line=1):
    return Table(rows=[list(row) for row in rows], line=line)


def row(**cells):
    """A row under HEADER, by column name."""
    return [cells.get(name, "") for name in HEADER]


def parse(*rows, year=2021):
    return parse_table(table(HEADER, *rows), year)


def only(roots):
    assert len(roots) == 1
    return roots[0]


def outline(roots):
    out = []

    def walk(nodes, depth):
        for node in nodes:
            out.append("  " * depth + node.number + node.title)
            walk(node.children, depth + 1)

    walk(roots, 0)
    return out


# --- the header -------------------------------------------------------------------------------------


def test_the_header_is_found_under_a_title_row():
    rows = [["回兴街道2021年工作要点责任分解表", "", ""], ["序号", "工作任务", "牵头单位"], ["1", "普法", "司法所"]]
    assert find_header(rows) == (1, {"number": 0, "title": 1, "lead_units": 2})


def test_title_rows_above_the_header_are_returned_as_header_lines():
    rows = [["回兴街道2021年工作要点责任分解表", ""], ["", "（2021年3月）"], ["序号", "工作任务"], ["1", "普法"]]
    roots, _, _, header_lines = parse_table(table(*rows), 2021)
    assert header_lines == ["回兴街道2021年工作要点责任分解表", "（2021年3月）"]
    assert only(roots).title == "普法"


def test_header_synonyms_match_with_stray_spaces_line_breaks_and_full_width_slashes():
    header = ["序 号", "重点\n任务", "工作目标／指标要求", "分管 领导", "牵头部门", "责任部门", "协办单位"]
    header += ["具体责任人", "完成\n时间", "报送频次", "分数（分）", "目标类型", " 状态 ", "工作措施"]
    _, columns = find_header([header])
    assert list(columns) == [
        "number",
        "title",
        "target",
        "lead_leaders",
        "lead_units",
        "responsible_units",
        "cooperating_units",
        "persons",
        "deadline",
        "cadence",
        "points",
        "target_kind",
        "status",
        "content",
    ]


def test_a_row_naming_only_one_column_is_not_a_header():
    assert find_header([["工作任务", "说明"], ["1", "普法"]]) is None


def test_the_header_is_looked_for_in_the_first_ten_rows_only():
    rows = [[f"说明{n}"] for n in range(10)] + [["序号", "工作任务"]]
    assert find_header(rows) is None


def test_a_table_without_a_task_column_is_rejected_naming_it():
    with pytest.raises(ImportRejected) as caught:
        parse_table(table(["序号", "牵头单位", "完成时限"], ["1", "司法所", "6月底前"]), 2021)
    message = caught.value.message
    assert "缺少“工作任务”列" in message
    assert "第 1 行表头为：序号、牵头单位、完成时限" in message
    assert "应包括：序号、工作任务" in message
    assert "序号”" not in message.split("。")[0]


def test_a_table_without_any_header_is_rejected_naming_both_required_columns():
    with pytest.raises(ImportRejected) as caught:
        parse_table(table(["", ""], ["普法", "司法所"]), 2021)
    assert "缺少“序号”、“工作任务”列" in caught.value.message
    assert "第 2 行表头为：普法、司法所" in caught.value.message
    assert caught.value.line == 2


def test_a_two_row_header_takes_its_columns_from_both_rows():
    rows = [
        ["序号", "工作任务", "责任分工", "", "完成时限"],
        ["", "", "牵头领导", "牵头单位", ""],
        ["1", "普法", "张三", "司法所", "6月底前"],
    ]
    roots, _, _, header_lines = parse_table(table(*rows), 2021)
    node = only(roots)
    assert (node.fields.lead_leaders, node.fields.lead_units) == (["张三"], ["司法所"])
    assert node.fields.deadline == datetime.date(2021, 6, 30)
    assert header_lines == ["责任分工"]


def test_a_decomposition_table_is_recognised_and_a_key_value_table_is_not():
    assert looks_like_responsibility_table(table(["序号", "工作任务", "牵头单位"], ["1", "普法", "司法所"]))
    assert not looks_like_responsibility_table(table(["文号", "渝北回兴发〔2021〕1号"], ["牵头单位", "司法所"]))
    assert not looks_like_responsibility_table(table(["序号", "牵头单位"], ["1", "司法所"]))
    assert not looks_like_responsibility_table(table(["工作任务", "牵头单位"], ["普法", "司法所"]))


# --- rows and nesting ----------------------------------------------------------------------------------


def test_rows_nest_by_the_style_of_their_number():
    roots, _, warnings, _ = parse(
        row(序号="一", 工作任务="依法全面履行政府职能"),
        row(序号="（一）", 工作任务="深化改革"),
        row(序号="1", 工作任务="推行权力清单"),
        row(序号="1.1", 工作任务="梳理事项"),
        row(序号="2", 工作任务="公开清单"),
        row(序号="（二）", 工作任务="优化服务"),
        row(序号="二", 工作任务="完善制度体系"),
    )
    assert outline(roots) == [
        "一依法全面履行政府职能",
        "  （一）深化改革",
        "    1推行权力清单",
        "      1.1梳理事项",
        "    2公开清单",
        "  （二）优化服务",
        "二完善制度体系",
    ]
    assert [node.level for node in (roots[0], roots[0].children[0])] == [1, 2]
    assert not warnings


def test_a_number_out_of_order_is_warned_about():
    _, _, warnings, _ = parse(row(序号="1", 工作任务="甲"), row(序号="3", 工作任务="乙"))
    assert [(w.line, w.text) for w in warnings] == [(3, "3")]


def test_a_node_line_is_the_row_number_excel_shows():
    roots, _, _, _ = parse_table(
        table(["标题"], HEADER, row(序号="1", 工作任务="甲"), [""] * 9, row(序号="2", 工作任务="乙")), 2021
    )
    assert [node.line for node in roots] == [3, 5]


def test_entirely_empty_rows_are_skipped():
    roots, not_understood, _, _ = parse([""] * 9, ["  "] * 9, row(序号="1", 工作任务="甲"))
    assert len(roots) == 1 and not not_understood


def test_a_heading_merged_across_the_row_has_its_text_in_the_number_cell():
    roots, _, _, _ = parse(row(序号="一、依法全面履行政府职能"), row(序号="1", 工作任务="推行权力清单"))
    heading = only(roots)
    assert (heading.number, heading.title) == ("一、", "依法全面履行政府职能")
    assert [child.title for child in heading.children] == ["推行权力清单"]


def test_a_number_written_in_the_task_cell_counts_as_the_rows_number():
    roots, _, _, _ = parse(row(工作任务="一、党的建设"), row(工作任务="（一）加强组织领导"))
    assert outline(roots) == ["一、党的建设", "  （一）加强组织领导"]


def test_an_unnumbered_row_goes_under_a_heading_row():
    roots, _, _, _ = parse(row(序号="一", 工作任务="依法行政"), row(工作任务="推行权力清单", 牵头单位="司法所"))
    assert outline(roots) == ["一依法行政", "  推行权力清单"]
    assert roots[0].children[0].level == 0


def test_an_unnumbered_row_after_an_item_goes_beside_it():
    roots, _, _, _ = parse(
        row(序号="一", 工作任务="依法行政"),
        row(序号="1", 工作任务="推行权力清单", 牵头单位="司法所"),
        row(工作任务="公开办事指南", 牵头单位="党政办"),
        row(序号="2", 工作任务="规范执法"),
    )
    assert outline(roots) == ["一依法行政", "  1推行权力清单", "  公开办事指南", "  2规范执法"]


def test_unnumbered_rows_before_any_number_are_at_the_top():
    roots, _, _, _ = parse(row(工作任务="甲", 牵头单位="司法所"), row(工作任务="乙", 牵头单位="司法所"))
    assert outline(roots) == ["甲", "乙"]


def test_an_unrecognised_number_is_kept_and_warned_about():
    roots, _, warnings, _ = parse(row(序号="A-1", 工作任务="甲"))
    assert (only(roots).number, only(roots).level) == ("A-1", 0)
    assert "A-1" in warnings[0].message and warnings[0].line == 2


def test_a_row_with_text_but_no_task_is_not_understood_with_its_row_number():
    roots, not_understood, _, _ = parse(row(序号="1", 工作任务="甲"), row(牵头单位="司法所", 完成时限="6月底前"))
    assert len(roots) == 1
    problem = only(not_understood)
    assert problem.line == 3
    assert "司法所" in problem.text and "6月底前" in problem.text
    assert "第 3 行" in problem.message


def test_a_row_repeating_the_number_and_task_above_continues_that_item():
    # What a vertical merge over 序号 and 工作任务 looks like once the workbook reader has filled it down.
    roots, _, warnings, _ = parse(
        row(序号="1", 工作任务="开展普法", 牵头单位="司法所", 责任单位="兴科社区", 工作目标="进社区"),
        row(序号="1", 工作任务="开展普法", 牵头单位="司法所", 责任单位="回兴社区", 工作目标="进校园"),
    )
    node = only(roots)
    assert node.fields.lead_units == ["司法所"]
    assert node.fields.responsible_units == ["兴科社区", "回兴社区"]
    assert node.fields.target == "进社区\n进校园"
    assert not warnings


# --- cells -------------------------------------------------------------------------------------------


def test_cells_fill_the_fields_of_their_column():
    node = only(
        parse(
            row(
                序号="1",
                工作任务="开展法治宣传",
                牵头领导="张三",
                牵头单位="司法所",
                责任单位="兴科社区、回兴社区；党政办",
                完成时限="6月底前",
                汇报频次="每月25日前",
                分值="5分",
            )
        )[0]
    )
    fields = node.fields
    assert fields.lead_leaders == ["张三"]
    assert fields.lead_units == ["司法所"]
    assert fields.responsible_units == ["兴科社区", "回兴社区", "党政办"]
    assert (fields.deadline, fields.deadline_text, fields.ongoing) == (datetime.date(2021, 6, 30), "6月底前", False)
    assert (fields.cadence, fields.report_day) == ("monthly", 25)
    assert fields.points == Decimal(5)


def test_each_applied_cell_is_kept_as_the_phrase_its_field_was_read_from():
    node = only(parse(row(序号="1", 工作任务="甲", 牵头单位="司法所", 完成时限="长期坚持"))[0])
    assert node.assignment_text == ["牵头单位：司法所", "完成时限：长期坚持"]
    assert node.fields.ongoing


def test_category_target_kind_and_content_columns():
    header = ["序号", "工作任务", "目标类型", "类别", "具体内容"]
    roots, _, _, _ = parse_table(table(header, ["1", "甲", "A", "依法行政", "第一段\n第二段"]), 2021)
    node = only(roots)
    assert (node.fields.target_kind, node.category) == ("A", "依法行政")
    assert node.content == ["第一段\n第二段"]


def test_a_column_with_no_field_is_kept_in_the_content_under_its_header():
    roots, _, _, _ = parse_table(table(["序号", "工作任务", "备注"], ["1", "甲", "上级考核事项"]), 2021)
    assert only(roots).content == ["备注：上级考核事项"]


def test_the_status_column_is_kept_as_text_but_not_applied():
    roots, _, _, _ = parse_table(table(["序号", "工作任务", "当前状态"], ["1", "甲", "已办结销号"]), 2021)
    assert only(roots).assignment_text == ["当前状态：已办结销号"]


def test_a_second_line_in_the_task_cell_is_content():
    roots, _, _, _ = parse(row(序号="1", 工作任务="开展普法\n全年不少于30场"))
    assert (only(roots).title, only(roots).content) == ("开展普法", ["全年不少于30场"])


def test_an_assignment_in_brackets_in_the_task_cell_is_taken_out():
    roots, _, _, _ = parse(row(序号="1", 工作任务="开展普法（责任单位：司法所）"))
    assert only(roots).title == "开展普法"
    assert only(roots).fields.responsible_units == ["司法所"]


def test_points_that_are_not_a_number_are_warned_about():
    roots, _, warnings, _ = parse(row(序号="1", 工作任务="甲", 分值="按实际"))
    assert only(roots).fields.points is None
    assert "按实际" in warnings[0].message


def test_an_unknown_cadence_is_warned_about():
    _, _, warnings, _ = parse(row(序号="1", 工作任务="甲", 汇报频次="随时"))
    assert "随时" in warnings[0].message


def test_indicators_are_found_in_a_free_target_text():
    node = only(parse(row(序号="1", 工作任务="甲", 工作目标="全年开展普法活动不少于30场次"))[0])
    assert node.fields.target == "全年开展普法活动不少于30场次"
    assert [(i.value, i.unit, i.comparator) for i in node.indicators] == [(Decimal(30), "场次", "gte")]


def test_indicator_lines_are_read_exactly_and_the_text_is_not_searched_again():
    target = "全年开展普法活动不少于30场次\n指标：普法活动 ≥ 30场次\n指标：投诉率 ≤ 0.5%"
    node = only(parse(row(序号="1", 工作任务="甲", 工作目标=target))[0])
    assert node.fields.target == "全年开展普法活动不少于30场次"
    assert [(i.name, i.comparator, i.value, i.unit) for i in node.indicators] == [
        ("普法活动", "gte", Decimal(30), "场次"),
        ("投诉率", "lte", Decimal("0.5"), "%"),
    ]


def test_no_indicators_when_the_table_says_so():
    node = only(parse(row(序号="1", 工作任务="甲", 工作目标="开展活动不少于30场次\n指标：无"))[0])
    assert node.indicators == [] and node.fields.target == "开展活动不少于30场次"


def test_milestone_lines_under_the_deadline_are_read_exactly():
    cell = "2021年12月31日\n节点：2021年6月30日 完成初稿（50%）\n节点：2021年9月30日 征求意见"
    node = only(parse(row(序号="1", 工作任务="甲", 完成时限=cell))[0])
    assert node.fields.deadline == datetime.date(2021, 12, 31)
    assert node.fields.milestones == [
        (datetime.date(2021, 6, 30), "完成初稿"),
        (datetime.date(2021, 9, 30), "征求意见"),
    ]
    assert node.milestone_percents == {(datetime.date(2021, 6, 30), "完成初稿"): 50}


def test_milestone_and_indicator_lines_read_back_what_they_were_written_from():
    for title, percent in [("完成初稿", 50), ("完成初稿", 0), ("达标（90%）", 0), ("", 0)]:
        line = format_milestone(datetime.date(2021, 6, 30), title, percent)
        due, read_title, read_percent = parse_milestone_line(line)
        assert (due, read_title, read_percent or 0) == (datetime.date(2021, 6, 30), title, percent)
    for name, comparator, value, unit in [
        ("普法 活动", "gte", Decimal("30.00"), "场次"),
        ("=x", "lte", Decimal(0), ""),
    ]:
        found = parse_indicator_line(format_indicator(name, comparator, value, unit))
        assert (found.name, found.comparator, found.value, found.unit) == (name, comparator, value, unit)


def test_every_cell_text_ends_up_somewhere():
    rows = [
        ["回兴街道2021年工作要点责任分解表", "", "", "", ""],
        ["序号", "工作任务", "牵头单位", "备注", "当前状态"],
        ["一、依法行政", "", "", "", ""],
        ["1", "推行清单（配合单位：党政办）", "司法所", "重点", "办理中"],
        ["", "", "兴科社区", "", ""],
        ["", "公开指南", "", "", ""],
    ]
    roots, not_understood, _, header_lines = parse_table(table(*rows), 2021)
    kept = list(header_lines) + [problem.text for problem in not_understood]
    for node, _depth in (pair for root in roots for pair in root.walk()):
        kept += [node.number, node.title, *node.content, *node.assignment_text]
    words = set(re.findall(r"\w+", "\n".join(kept)))
    for cell in (cell for r in rows[:1] + rows[2:] for cell in r if cell):
        assert set(re.findall(r"\w+", cell)) <= words, cell


def test_a_note_merged_across_the_foot_of_the_table_is_not_an_item():
    roots, not_understood, warnings, _ = parse(row(序号="1", 工作任务="甲"), row(序号="注：本表由党政办负责解释"))
    assert len(roots) == 1 and not warnings
    assert only(not_understood).text == "注：本表由党政办负责解释"


def test_check_header_refuses_a_table_parse_table_cannot_read():
    check_header(table(["序号", "工作任务"]))
    with pytest.raises(ImportRejected, match="缺少“序号”列"):
        check_header(table(["标题"], ["工作任务", "牵头单位"]))


# --- header wordings -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("序号", "number"),
        ("编 号", "number"),
        ("NO.", "number"),
        ("工作任务", "title"),
        ("任务内容", "title"),
        ("重点任务", "title"),
        ("重点工作任务", "title"),
        ("工作内容", "title"),
        ("具体任务", "title"),
        ("具体指标", "title"),
        ("指标名称", "title"),
        ("考核内容", "title"),
        ("牵头单位", "lead_units"),
        ("牵头科室", "lead_units"),
        ("主办部门", "lead_units"),
        ("牵头（责任）单位", "lead_units"),
        ("责任单位", "responsible_units"),
        ("责任部门", "responsible_units"),
        ("承办处室", "responsible_units"),
        ("落实单位", "responsible_units"),
        ("责任主体", "responsible_units"),
        ("配合单位", "cooperating_units"),
        ("协同部门", "cooperating_units"),
        ("参与科室", "cooperating_units"),
        ("分管领导", "lead_leaders"),
        ("包抓领导", "lead_leaders"),
        ("牵头领导/分管领导", "lead_leaders"),
        ("负责人", "persons"),
        ("完成时限", "deadline"),
        ("完成\n期限", "deadline"),
        ("截止时间", "deadline"),
        ("时间要求", "deadline"),
        ("时间节点", "milestones"),
        ("完成时限及时间节点", "milestones"),
        ("推进计划", "milestones"),
        ("报送时间", "cadence"),
        ("调度频次", "cadence"),
        ("分值", "points"),
        ("权重", "points"),
        ("分值（分）", "points"),
        ("标准分", "points"),
        ("评分标准", "scoring"),
        ("考核标准", "scoring"),
        ("计分方法", "scoring"),
        ("考核内容及评分标准", "scoring"),
        ("目标值", "target"),
        ("年度目标", "target"),
        ("预期目标", "target"),
        ("工作目标及指标要求", "target"),
        ("计量单位", "measure"),
        ("工作措施", "content"),
        ("推进举措", "content"),
    ],
)
def test_a_column_is_known_by_the_general_form_of_its_header(header, key):
    _index, columns = find_header([["序号" if key != "number" else "工作任务", header]])
    assert columns[key] == 1


@pytest.mark.parametrize("header", ["备注", "进展情况", "完成情况", "成文日期", "说明", "当前进度"])
def test_other_headers_name_no_column(header):
    assert find_header([["工作任务", header]]) is None


# --- indicator systems: 一级指标 | 二级指标 | 三级指标 ---------------------------------------------------------


SYSTEM = ["一级指标", "二级指标", "序号", "三级指标", "分值", "评分标准", "责任单位"]


def system(*rows, header=SYSTEM, year=2024):
    return parse_table(table(header, *rows), year)


def test_an_indicator_system_nests_its_items_under_the_first_and_second_levels():
    roots, not_understood, warnings, _ = system(
        ["组织领导", "责任落实", "1", "主要负责人述法", "4", "未述法扣4分", "党建办"],
        ["组织领导", "责任落实", "2", "专题研究法治工作", "3", "少一次扣1分", "党建办"],
        ["组织领导", "学法用法", "3", "集中学法", "3", "", "组织办"],
        ["依法决策", "合法性审查", "4", "重大决策审查全覆盖", "10", "", "司法所"],
    )
    assert outline(roots) == [
        "组织领导",
        "  责任落实",
        "    1主要负责人述法",
        "    2专题研究法治工作",
        "  学法用法",
        "    3集中学法",
        "依法决策",
        "  合法性审查",
        "    4重大决策审查全覆盖",
    ]
    assert not not_understood and not warnings
    first = roots[0].children[0].children[0]
    assert (first.fields.points, first.fields.responsible_units) == (Decimal(4), ["党建办"])
    assert first.content == ["评分标准：未述法扣4分"]


def test_a_blank_level_cell_repeats_the_heading_above():
    roots, _, _, _ = system(
        ["基层治理", "网格管理", "1", "网格员配齐", "2", "", ""],
        ["", "", "2", "网格事件办结", "2", "", ""],
        ["", "平安建设", "3", "矛盾纠纷排查", "3", "", ""],
        ["", "", "4", "重点人员管控", "3", "", ""],
    )
    assert outline(roots) == [
        "基层治理",
        "  网格管理",
        "    1网格员配齐",
        "    2网格事件办结",
        "  平安建设",
        "    3矛盾纠纷排查",
        "    4重点人员管控",
    ]


def test_the_same_second_level_under_another_first_level_is_a_new_heading():
    roots, _, _, _ = system(
        ["党的建设", "制度建设", "1", "完善议事规则", "", "", ""],
        ["经济发展", "制度建设", "2", "出台扶持办法", "", "", ""],
    )
    assert outline(roots) == [
        "党的建设",
        "  制度建设",
        "    1完善议事规则",
        "经济发展",
        "  制度建设",
        "    2出台扶持办法",
    ]


def test_a_new_first_level_with_a_blank_second_level_takes_the_items_itself():
    roots, _, _, _ = system(
        ["法治宣传", "普法阵地", "1", "建设法治广场", "", "", ""],
        ["依法行政", "", "2", "规范执法程序", "", "", ""],
        ["", "", "3", "落实行政执法三项制度", "", "", ""],
        ["", "执法监督", "4", "开展案卷评查", "", "", ""],
    )
    assert outline(roots) == [
        "法治宣传",
        "  普法阵地",
        "    1建设法治广场",
        "依法行政",
        "  2规范执法程序",
        "  3落实行政执法三项制度",
        "  执法监督",
        "    4开展案卷评查",
    ]


def test_points_written_after_a_heading_are_its_points():
    roots, _, _, _ = system(
        ["一、依法全面履行政府职能（20分）", "（一）权责清单（8分）", "1", "动态调整权责清单", "8", "", ""],
    )
    heading, sub = roots[0], roots[0].children[0]
    assert (heading.number, heading.title, heading.fields.points) == ("一、", "依法全面履行政府职能", Decimal(20))
    assert (sub.number, sub.title, sub.fields.points) == ("（一）", "权责清单", Decimal(8))
    assert heading.assignment_text == ["（20分）"]


def test_a_row_with_a_heading_and_no_item_gives_the_heading_its_cells():
    roots, not_understood, _, _ = system(
        ["营商环境", "", "", "", "15", "综合评价", "经发办"],
        ["", "审批服务", "1", "压缩审批时限", "5", "", ""],
    )
    heading = roots[0]
    assert (heading.title, heading.fields.points, heading.fields.responsible_units) == ("营商环境", 15, ["经发办"])
    assert heading.content == ["评分标准：综合评价"]
    assert outline(roots) == ["营商环境", "  审批服务", "    1压缩审批时限"]
    assert not not_understood


def test_without_a_serial_number_the_items_of_an_indicator_system_are_read_unnumbered():
    header = ["一级指标", "二级指标", "三级指标", "权重", "考核标准"]
    roots, _, _, _ = system(
        ["生态环境", "大气治理", "空气优良天数比例达到85%", "6", "每低1个百分点扣1分"],
        ["", "", "裸土覆盖率100%", "4", ""],
        ["", "水环境", "河长巡河不少于24次", "5", ""],
        header=header,
    )
    assert outline(roots) == [
        "生态环境",
        "  大气治理",
        "    空气优良天数比例达到85%",
        "    裸土覆盖率100%",
        "  水环境",
        "    河长巡河不少于24次",
    ]
    items = [node for node in roots[0].children[0].children + roots[0].children[1].children]
    assert [(i.indicators[0].name, i.indicators[0].value) for i in items] == [
        ("空气优良天数比例", Decimal(85)),
        ("裸土覆盖率", Decimal(100)),
        ("河长巡河", Decimal(24)),
    ]
    assert [i.fields.points for i in items] == [Decimal(6), Decimal(4), Decimal(5)]


def test_the_deepest_level_is_the_item_when_no_column_names_the_task():
    header = ["一级指标", "二级指标", "分值", "考核内容"]
    roots, _, _, _ = system(["党建引领", "支部标准化建设", "5", "达标率达到100%"], header=header)
    item = roots[0].children[0]
    assert (item.title, item.fields.points) == ("支部标准化建设", Decimal(5))
    assert item.content == ["考核内容：达标率达到100%"]


def test_a_task_column_wins_over_the_levels_and_a_level_right_of_it_is_text():
    header = ["考核类别", "重点任务", "三级指标", "责任单位"]
    roots, _, _, _ = system(["民生实事", "改造老旧小区", "完成改造15个小区", "城建办"], header=header)
    assert outline(roots) == ["民生实事", "  改造老旧小区"]
    assert roots[0].children[0].content == ["三级指标：完成改造15个小区"]


def test_a_serial_number_merged_over_a_group_numbers_the_heading():
    header = ["序号", "考核项目", "考核内容", "分值", "评分标准"]
    roots, _, warnings, _ = system(
        ["一", "组织领导", "成立领导小组", "2", "未成立不得分"],
        ["一", "组织领导", "制定年度计划", "2", ""],
        ["一", "组织领导", "按时报送总结", "1", ""],
        ["二", "制度建设", "完善议事规则", "3", ""],
        header=header,
    )
    assert outline(roots) == [
        "一组织领导",
        "  成立领导小组",
        "  制定年度计划",
        "  按时报送总结",
        "二制度建设",
        "  完善议事规则",
    ]
    assert not warnings


def test_a_target_value_with_its_measure_becomes_the_items_indicator():
    header = ["序号", "指标名称", "计量单位", "目标值", "责任单位"]
    roots, _, _, _ = system(
        ["1", "城镇新增就业", "人", "≥1200", "社保所"],
        ["2", "城镇调查失业率", "%", "5.5以内", "社保所"],
        ["3", "居民收入增长", "%", "6%左右", "经发办"],
        ["4", "规上工业增加值增长", "%", "上级下达指标", "经发办"],
        ["5", "固定资产投资增长", "%", "5%-6%", "招商办等相关单位"],
        header=header,
    )
    found = [[(i.name, i.value, i.unit, i.comparator) for i in node.indicators] for node in roots]
    assert found == [
        [("城镇新增就业", Decimal(1200), "人", "gte")],
        [("城镇调查失业率", Decimal("5.5"), "%", "lte")],
        [("居民收入增长", Decimal(6), "%", "gte")],
        [],
        [("固定资产投资增长", Decimal(5), "%", "gte")],
    ]
    assert roots[3].fields.target == "上级下达指标"
    assert roots[4].indicators[0].range_text == "5%-6%"
    assert roots[4].fields.responsible_units == ["招商办"] and roots[4].fields.open_ended == ["招商办等相关单位"]


def test_a_note_at_the_foot_of_an_indicator_system_is_no_heading():
    roots, not_understood, _, _ = system(
        ["组织领导", "责任落实", "1", "述法", "4", "", ""],
        ["注：加分项另行计算", "", "", "", "", "", ""],
    )
    assert outline(roots) == ["组织领导", "  责任落实", "    1述法"]
    assert only(not_understood).text == "注：加分项另行计算"


def test_no_cell_of_an_indicator_system_is_lost():
    rows = [
        ["一、组织保障（15分）", "领导责任", "1", "主要负责人履职", "5", "未履职扣5分", "党政办，各社区分别负责"],
        ["", "", "2", "年度述法", "5", "未述法不得分", "宣传办等相关单位"],
        ["二、矛盾化解", "诉源治理", "3", "调解成功率达到95%", "10", "每低1个百分点扣1分", "司法所牵头，各社区配合"],
        ["注：本表由党政办负责解释", "", "", "", "", "", ""],
    ]
    roots, not_understood, _, header_lines = system(*rows)
    kept = [*header_lines, *(problem.text for problem in not_understood)]
    for node, _depth in (pair for root in roots for pair in root.walk()):
        kept += [node.number, node.title, *node.content, *node.assignment_text]
    words = set(re.findall(r"\w+", "\n".join(kept)))
    for cell in (cell for row in rows for cell in row if cell):
        assert set(re.findall(r"\w+", cell)) <= words, cell


@pytest.mark.parametrize(
    "header",
    [
        ["一级指标", "二级指标", "序号", "三级指标"],
        ["一级指标", "二级指标", "三级指标", "分值"],
        ["序号", "一级指标", "二级指标", "三级指标", "评分标准"],
        ["考核项目", "考核内容", "评分标准"],
        ["工作任务", "分值", "牵头单位"],
    ],
)
def test_tables_without_or_with_a_serial_number_that_are_plans(header):
    assert looks_like_responsibility_table(table(header, ["甲"] * len(header)))


@pytest.mark.parametrize(
    "header",
    [["工作任务", "牵头单位"], ["一级指标", "说明"], ["文号", "成文日期"], ["指标", "目标值"]],
)
def test_tables_that_are_not_plans(header):
    assert not looks_like_responsibility_table(table(header, ["甲"] * len(header)))


def test_a_header_over_two_rows_names_the_levels_in_its_lower_row():
    rows = [
        ["考核指标", "", "", "分值", "评分标准"],
        ["一级指标", "二级指标", "三级指标", "", ""],
        ["安全生产", "隐患排查", "开展隐患排查不少于12次", "5", "每少1次扣0.5分"],
    ]
    roots, not_understood, _, header_lines = parse_table(table(*rows), 2024)
    assert outline(roots) == ["安全生产", "  隐患排查", "    开展隐患排查不少于12次"]
    item = roots[0].children[0].children[0]
    assert (item.fields.points, item.content) == (Decimal(5), ["评分标准：每少1次扣0.5分"])
    assert header_lines == ["考核指标"] and not not_understood


def test_a_word_header_merged_down_over_two_rows_is_one_header():
    # Word gives a vertically merged cell's text in every row it spans.
    rows = [
        ["序号", "考核指标", "", "", "分值"],
        ["序号", "一级指标", "二级指标", "三级指标", "分值"],
        ["1", "安全生产", "隐患排查", "开展隐患排查", "5"],
    ]
    roots, _, _, header_lines = parse_table(table(*rows), 2024)
    assert outline(roots) == ["安全生产", "  隐患排查", "    1开展隐患排查"]
    assert header_lines == ["考核指标"]


# --- a category column merged down beside the task column ------------------------------------------

CATEGORY_HEADER = ["序号", "主要工作", "工作事项", "牵头部门", "配合部门"]


def test_a_task_column_merged_down_over_another_is_a_heading_of_its_rows():
    # As Excel, Word and PDF readers give a vertical merge: its text on every row it spans.
    found = parse_table(
        table(
            CATEGORY_HEADER,
            ["1", "生态环境治理", "清理河道垃圾", "水务站", "各村"],
            ["2", "生态环境治理", "整治散乱污企业", "环保所", ""],
            ["3", "产业升级", "培育规上企业2家", "经发办", "/"],
        ),
        2023,
    )[0]
    assert outline(found) == ["生态环境治理", "  1清理河道垃圾", "  2整治散乱污企业", "产业升级", "  3培育规上企业2家"]
    assert found[0].children[0].fields.lead_units == ["水务站"]


def test_a_category_column_left_blank_under_its_merge_opens_headings_too():
    # As pasted text gives the same merge: the text in the first row only.
    header = ["编号", "重点工作", "具体任务", "责任单位", "完成时间"]
    found, not_understood, _warnings, _titles = parse_table(
        table(
            header,
            ["1", "文明城市创建", "背街小巷环境整治", "城管办", "6月底前"],
            ["2", "", "公益广告全覆盖", "宣传办", "9月底前"],
            ["3", "", "志愿服务常态化", "团委", "长期"],
            ["4", "安全生产", "开展消防隐患排查", "应急办", "4月底前"],
        ),
        2024,
    )
    assert not_understood == []
    assert outline(found) == [
        "文明城市创建",
        "  1背街小巷环境整治",
        "  2公益广告全覆盖",
        "  3志愿服务常态化",
        "安全生产",
        "  4开展消防隐患排查",
    ]
    assert [node.number for node in found] == ["", ""]


def test_two_task_columns_with_a_text_of_their_own_on_every_row_keep_the_first_as_the_task():
    # Nothing merged: "重点任务 | 工作内容" are the item and its description.
    header = ["序号", "重点任务", "工作内容", "牵头单位"]
    found = parse_table(
        table(
            header,
            ["1", "深化放管服改革", "压减审批时限", "政务办"],
            ["2", "优化营商环境", "推行告知承诺制", "司法所"],
        ),
        2024,
    )[0]
    assert outline(found) == ["1深化放管服改革", "2优化营商环境"]
    assert found[0].content == ["工作内容：压减审批时限"]


def test_a_row_repeating_both_task_columns_still_continues_its_item():
    found = parse_table(
        table(
            CATEGORY_HEADER,
            ["1", "生态环境治理", "清理河道垃圾", "水务站", "各村"],
            ["1", "生态环境治理", "清理河道垃圾", "", "林业站"],
            ["2", "生态环境治理", "植树造林", "林业站", ""],
        ),
        2023,
    )[0]
    assert outline(found) == ["生态环境治理", "  1清理河道垃圾", "  2植树造林"]
    assert found[0].children[0].fields.cooperating_units == ["各村", "林业站"]


# --- cells that say there is nothing ---------------------------------------------------------------


@pytest.mark.parametrize("nothing", ["/", "／", "—", "——", "-", "无", "（无）", "暂无", "不涉及"])
def test_a_cell_saying_nothing_gives_no_unit_and_no_deadline(nothing):
    [node] = parse(row(序号="1", 工作任务="建设口袋公园", 牵头单位="城建办", 责任单位=nothing, 完成时限=nothing))[0]
    assert node.fields.lead_units == ["城建办"]
    assert node.fields.responsible_units == []
    assert node.fields.deadline is None and not node.fields.ongoing
    assert f"责任单位：{nothing}" in node.assignment_text


def test_a_unit_whose_name_starts_with_a_nothing_word_is_kept():
    [node] = parse(row(序号="1", 工作任务="招商引资", 责任单位="无锡商会联络处"))[0]
    assert node.fields.responsible_units == ["无锡商会联络处"]


@pytest.mark.parametrize("word", ["民生实事", "改革举措", "攻坚项目", "实事项目"])
def test_the_unnamed_column_after_the_number_is_the_task_when_the_header_says_who_and_when(word):
    found, columns = find_header([["序号", word, "牵头单位", "完成时限"]])
    assert columns == {"number": 0, "title": 1, "lead_units": 2, "deadline": 3}


def test_an_unnamed_column_is_no_task_without_columns_saying_who_and_when():
    assert find_header([["序号", "民生实事", "备注"]]) is None


@pytest.mark.parametrize("header", ["建设内容及目标", "目标及要求", "绩效指标值", "年度目标任务"])
def test_a_header_naming_a_goal_or_a_measure_is_the_target(header):
    assert find_header([["序号", "工作任务", header]])[1]["target"] == 2


# --- targets stated in the scoring rules of an indicator system -------------------------------------


def test_an_indicator_system_takes_its_targets_from_the_scoring_rules_not_their_deductions():
    header = ["序号", "考核内容", "分值", "考核标准"]
    first, second = parse_table(
        table(
            header,
            ["1", "禁毒宣传", "5", "开展禁毒宣传活动不少于8场次，每少1场扣0.5分。"],
            ["2", "消防安全", "5", "火灾隐患整改率达到98%以上，未达到的不得分。"],
        ),
        2024,
    )[0]
    assert [(i.value, i.unit, i.comparator) for i in first.indicators] == [(Decimal(8), "场次", "gte")]
    assert [(i.value, i.unit) for i in second.indicators] == [(Decimal(98), "%")]
    assert "考核标准：开展禁毒宣传活动不少于8场次，每少1场扣0.5分。" in first.content


def test_a_target_column_beside_the_scoring_rules_holds_the_targets():
    header = ["序号", "考核内容", "目标值", "评分标准"]
    [node] = parse_table(table(header, ["1", "植树造林", "新增造林500亩", "完成率不低于90%得满分"]), 2024)[0]
    assert [(i.value, i.unit) for i in node.indicators] == [(Decimal(500), "亩")]


# --- rows that sum up or explain the table ---------------------------------------------------------


@pytest.mark.parametrize("label", ["合计", "总 计", "小计：", "合计（100分）", "共计"])
def test_a_summary_row_is_not_an_item_whichever_column_holds_it(label):
    roots, not_understood, _, _ = parse(row(序号="1", 工作任务="甲", 分值="60"), row(序号=label, 分值="60"))
    assert outline(roots) == ["1甲"]
    assert only(not_understood).text == f"{label} | 60"
    roots, not_understood, _, _ = parse(row(序号="1", 工作任务="甲"), row(工作任务=label, 分值="60"))
    assert outline(roots) == ["1甲"] and "合计行" in only(not_understood).message


def test_a_subtotal_under_a_group_of_an_indicator_system_is_no_item():
    roots, not_understood, _, _ = system(
        ["组织领导", "责任落实", "1", "述法", "4", "", ""],
        ["小计", "", "", "", "4", "", ""],
        ["依法行政", "制度建设", "2", "规范性文件备案", "6", "", ""],
    )
    assert outline(roots) == ["组织领导", "  责任落实", "    1述法", "依法行政", "  制度建设", "    2规范性文件备案"]
    assert only(not_understood).text == "小计 | 4"


def test_a_task_that_only_begins_with_a_summary_word_is_an_item():
    roots, not_understood, _, _ = parse(row(序号="1", 工作任务="合计收缴罚没款"), row(序号="2", 工作任务="总计划编制"))
    assert outline(roots) == ["1合计收缴罚没款", "2总计划编制"] and not not_understood


@pytest.mark.parametrize("label", ["备注", "备 注", "说明："])
def test_a_note_label_with_its_note_in_the_next_cell_is_not_an_item(label):
    roots, not_understood, _, _ = parse(row(序号="1", 工作任务="甲"), row(序号=label, 工作任务="本表由党政办负责解释"))
    assert outline(roots) == ["1甲"]
    assert only(not_understood).text == f"{label} | 本表由党政办负责解释"
