"""The shapes the fourth held-out set (d51–d60) showed the importer did not follow, in made-up words:
months and quarters as headings without numbers; a heading's count （3项）; a 文号's year in any of the
brackets offices type; a part saying what a plan covers (适用范围, 考核对象); two figures of one target
joined by 和; a short label run on after a unit's name; a category merged across a sheet whose first
column is not the 序号; a task cell's first sentence as its title; a 责任单位 merged down beside its
配合单位 in a table copied as text; a PDF table's category row at the top of a page."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from responsibility.importing import fields as phrases
from responsibility.importing.headers import is_doc_number
from responsibility.importing.parse import parse
from responsibility.importing.pdf import _broken_row
from responsibility.importing.readers import read, read_pasted

from .test_held_out_shapes import ALL_FORMS, as_paste, as_txt, node, tab_table, tree

YEAR = 2025
D = datetime.date


# --- months and quarters as headings ----------------------------------------------------------------

MONTHS = """某村2025年工作安排

为抓好全年工作，按月安排如下：

三月份
①组织植树护绿活动。（责任人：甲某）
②开展春季防火宣传。（责任人：乙某）
4—5月
①完成道路硬化工程。硬化道路2公里。
第三季度
①开展汛期巡查。
十一至十二月份：
①做好年终考评。（完成时间：2025年12月15日）
"""


@pytest.mark.parametrize("form", ALL_FORMS)
def test_month_and_quarter_lines_over_numbered_items_are_headings_due_at_their_end(form):
    plan = form(MONTHS)
    assert tree(plan) == [
        "|三月份",
        "  ①|组织植树护绿活动",
        "  ②|开展春季防火宣传",
        "|4—5月",
        "  ①|完成道路硬化工程",
        "|第三季度",
        "  ①|开展汛期巡查",
        "|十一至十二月份",
        "  ①|做好年终考评",
    ]
    headings = [root.fields.deadline for root in plan.roots]
    assert headings == [D(2025, 3, 31), D(2025, 5, 31), D(2025, 9, 30), D(2025, 12, 31)]
    # An item's own deadline is its own; the heading's holds only for those without one.
    assert plan.roots[3].children[0].fields.deadline == D(2025, 12, 15)
    assert plan.roots[0].children[1].fields.deadline is None
    assert not plan.warnings or all("编号不连续" not in problem.message for problem in plan.warnings)


def test_a_month_line_with_no_numbered_item_under_it_stays_text():
    plan = as_txt("某村2025年工作安排\n\n一、抓好春耕\n做好备耕工作，时间安排在\n三月份\n全村统一组织。\n")
    assert tree(plan) == ["一、|抓好春耕"]
    assert "三月份" in "".join(plan.roots[0].content)


def test_a_february_heading_ends_on_the_years_last_day_of_february():
    plan = parse(read_pasted("某村2024年工作安排\n\n二月份\n①组织元宵活动。\n"), 2024)
    assert plan.roots[0].fields.deadline == D(2024, 2, 29)


# --- a heading's count -------------------------------------------------------------------------------


@pytest.mark.parametrize("count", ["（3项）", "(共2项)", "（5条）", "（三项）"])
def test_a_headings_count_of_its_entries_is_no_word_of_its_title(count):
    plan = as_txt(f"某区2025年民生实事\n\n一、城市建设{count}\n1.新建公园2个。\n2.改造道路3条。\n")
    assert plan.roots[0].title == "城市建设"
    assert count.strip() in plan.roots[0].assignment_text


def test_a_count_that_is_the_whole_title_stays():
    plan = as_txt("某区2025年民生实事\n\n一、（3项）\n1.新建公园2个。\n")
    assert plan.roots[0].title == "（3项）"


# --- a 文号's brackets -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number", ["某发﹝2025﹞4号", "某发〔2025〕4号", "某发［2025］4号", "某发[2025]4号", "某发〖2025〗4号"]
)
def test_a_doc_numbers_year_in_any_bracket_is_read(number):
    assert is_doc_number(number)


def test_a_doc_number_with_small_brackets_goes_to_the_headers():
    plan = as_txt(
        "某县人民政府办公室\n关于印发某县2025年工作要点的通知\n\n某政办发﹝2025﹞12号\n\n一、抓好生产\n1.开展检查。\n"
    )
    assert plan.headers.get("doc_number") == "某政办发﹝2025﹞12号"


# --- a part saying what the plan covers --------------------------------------------------------------

SCOPE = """某区2025年专项治理方案

一、适用范围
全区各街道辖区内的商业街区、农贸市场、城中村和老旧小区周边道路。

二、考核对象
各街道办事处。

三、治理任务
1.清理占道经营。责任单位：区城管局；完成时限：6月底前。
2.规范车辆停放。责任单位：区交警大队；完成时限：9月底前。
"""


@pytest.mark.parametrize("form", ALL_FORMS)
def test_a_part_naming_the_plans_scope_or_whom_it_judges_is_guidance(form):
    plan = form(SCOPE)
    assert [f"{s.node.number}{s.node.title}" for s in plan.guidance] == ["一、适用范围", "二、考核对象"]
    assert tree(plan) == ["三、|治理任务", "  1.|清理占道经营", "  2.|规范车辆停放"]


def test_a_scope_part_that_assigns_work_stays_an_item():
    plan = as_txt(SCOPE.replace("各街道办事处。", "各街道办事处。责任单位：区考评办；完成时限：12月底前。"))
    assert [f"{s.node.number}{s.node.title}" for s in plan.guidance] == ["一、适用范围"]
    assert node(plan, "二、").fields.deadline == D(2025, 12, 31)


# --- two figures of one target ------------------------------------------------------------------------


def test_two_figures_joined_by_he_are_two_indicators_of_the_same_target():
    found = phrases.find_indicators("城乡低保标准分别提高6%和9.5%")
    assert [(i.name, i.value, i.unit) for i in found] == [
        ("城乡低保标准分别提高", Decimal("6"), "%"),
        ("城乡低保标准分别提高", Decimal("9.5"), "%"),
    ]


def test_a_figure_followed_by_he_and_words_is_still_one_figure():
    found = phrases.find_indicators("培训农民500人次和致富带头人")
    assert [(i.value, i.unit) for i in found] == [(Decimal("500"), "人次")]


# --- a short label run on after a unit's name -----------------------------------------------------------


def test_labels_run_together_after_unit_names_each_start_their_list():
    found = phrases.extract("主办：市文旅局协办：市财政局、市公安局时限：2025年6月", YEAR)
    assert found.fields.lead_units == ["市文旅局"]
    assert found.fields.cooperating_units == ["市财政局", "市公安局"]
    assert found.fields.deadline == D(2025, 6, 30)


def test_a_short_label_inside_a_word_is_still_no_label():
    found = phrases.extract("加强工作时间：管理", YEAR)
    assert found.fields.is_empty()


# --- a sheet whose first column is not the 序号 ---------------------------------------------------------

LEADERS_FIRST = [
    ["某县2025年重点任务分解表", "", "", "", ""],
    ["分管县领导", "序号", "工作任务", "责任单位", "完成时限"],
    ["一、抓项目", "", "", "", ""],
    ["甲某", "1", "推进园区建设。新建标准厂房5万平方米。", "县工信局", "2025年10月"],
    ["", "2", "做好项目储备", "县发改局", "2025年6月"],
    ["二、惠民生", "", "", "", ""],
    ["乙某", "3", "改造农村危房。完成改造120户。", "县住建局", "2025年9月"],
]


def leaders_first_workbook() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in LEADERS_FIRST:
        sheet.append(row)
    for merged in ("A1:E1", "A3:E3", "A4:A5", "A6:E6"):
        sheet.merge_cells(merged)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "source",
    [
        lambda: read("分解表.xlsx", leaders_first_workbook()),
        lambda: read_pasted(tab_table(LEADERS_FIRST)),
    ],
    ids=["xlsx", "paste"],
)
def test_a_category_merged_across_a_leader_column_is_a_heading_and_a_task_cells_first_sentence_its_title(source):
    plan = parse(source(), YEAR)
    assert tree(plan) == [
        "一、|抓项目",
        "  1|推进园区建设",
        "  2|做好项目储备",
        "二、|惠民生",
        "  3|改造农村危房",
    ]
    first = node(plan, "1")
    assert first.content[0] == "新建标准厂房5万平方米。"
    assert [(i.value, i.unit) for i in first.indicators] == [(Decimal("5"), "万平方米")]
    assert first.fields.lead_units + first.fields.responsible_units == ["县工信局"]


def test_a_leaders_name_alone_in_the_first_column_is_no_heading():
    rows = [LEADERS_FIRST[1], ["丙某", "", "", "", ""], *LEADERS_FIRST[3:5]]
    plan = parse(read_pasted(tab_table(rows)), YEAR)
    assert [n.title for n, _depth in plan.walk()] == ["推进园区建设", "做好项目储备"]


# --- a 责任单位 right of the task, merged down, copied as text ------------------------------------------

HELPED = [
    ["序号", "工作任务", "责任单位", "配合单位", "完成时限"],
    ["1", "整治河道", "县水利局", "各乡镇", "6月底前"],
    ["2", "清理岸线垃圾", "", "县环卫所", "7月底前"],
    ["3", "修复堤防", "县应急局", "县水利局", "9月底前"],
    ["4", "建设湿地公园", "县林业局", "县财政局", "10月底前"],
    ["5", "开展巡河", "", "", "年底前"],
    ["6", "治理入河排污口", "县生态环境分局", "县水利局", "11月底前"],
    ["7", "建立河长制台账", "县河长办", "各乡镇", "3月底前"],
]


def test_a_unit_right_of_the_task_blank_beside_its_helpers_was_merged_down():
    plan = as_paste("某县2025年河道治理任务分解表\n" + tab_table(HELPED))
    assert node(plan, "2").fields.responsible_units == ["县水利局"]
    assert any("合并单元格" in problem.message and "县水利局" in problem.message for problem in plan.warnings)
    # No helpers named: nothing says a unit was merged there, the blank stays.
    assert node(plan, "5").fields.responsible_units == []


# --- a PDF table's category row at the top of a page -----------------------------------------------------


def test_a_category_row_at_the_top_of_a_page_is_its_own_row():
    above = [
        ["分管领导", "序号", "工作任务", "责任单位"],
        ["甲某", "1", "推进园区建设", "县工信局"],
        ["甲某", "2", "做好项目储备", "县发改局"],
    ]
    assert not _broken_row(above, ["二、惠民生", "", "", ""])
    assert _broken_row(above, ["", "", "储备库", ""])


def test_a_row_cut_by_the_page_is_found_past_a_category_column_written_once():
    above = [
        ["一级指标", "二级指标", "分值", "评分标准"],
        ["组织领导", "责任落实", "10", "签订责任书"],
        ["", "隐患整改", "15", "整改率达到100%，一般隐患整改率不"],
    ]
    assert _broken_row(above, ["", "", "", "低于95%，每低1个百分点扣1分。"])
