"""The shapes the seventh held-out set (d75–d82) showed the importer did not follow, in made-up words:
headings without numbers (bold in Word, a bare short line in text) over items numbered afresh, with
guidance parts named the same way; a plan that is one two-column table (任务 | 责任单位) with no 序号,
cut by a page number and its header repeated; a workbook whose targets stand in a "建设内容及规模"
column; a sub-point "①X：Y。" whose colon glosses rather than ends a title; a label typed with a
space inside it ("完成 时限：")."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from responsibility.importing.document import Table
from responsibility.importing.fields import extract, find_indicators
from responsibility.importing.tables import column_key, parse_table
from responsibility.models import PlanImport
from tests.browser import Browser, plain_text
from tests.responsibility.importing.made import readers

from .test_held_out_shapes import tab_table, tree

YEAR = 2023
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


# --- headings without numbers --------------------------------------------------------------------

UNNUMBERED = "\n".join(
    [
        "某镇2023年乡村治理工作计划",
        "",
        "为提升乡村治理水平，结合本镇实际，制定本计划。",
        "",
        "总体目标",
        "到2023年底，全镇村级议事协商制度实现全覆盖，群众满意度达到90%以上。",
        "",
        "完善基层组织",
        "1.健全村民议事会。每个村每季度召开议事会不少于1次。",
        "责任单位：组织办　完成时限：2023年6月底前",
        "2.规范村务公开。推行村务公开栏标准化建设。",
        "责任单位：纪检办",
        "",
        "改善村容村貌",
        "1.整治房前屋后环境。清理垃圾堆放点。",
        "责任单位：环卫所　完成时限：2023年9月底前",
        "2.新建村级公园2个。",
        "责任单位：建设办",
        "",
        "有关要求",
        "各村、各站所要明确专人负责，每月底前报送工作进展。",
    ]
)


@pytest.mark.parametrize("form", ALL_FORMS)
def test_a_short_line_over_items_numbered_afresh_is_a_heading_without_a_number(form):
    plan = form(UNNUMBERED)
    assert tree(plan) == [
        "|完善基层组织",
        "  1.|健全村民议事会",
        "  2.|规范村务公开",
        "|改善村容村貌",
        "  1.|整治房前屋后环境",
        "  2.|新建村级公园2个",
    ]
    items = [node for node, _depth in plan.walk() if not node.children]
    # The heading after an item is not glued to it.
    assert all("改善村容村貌" not in "".join(item.content) for item in items)
    assert items[0].fields.deadline == D(2023, 6, 30)


@pytest.mark.parametrize("form", ALL_FORMS)
def test_unnumbered_guidance_names_over_prose_are_guidance(form):
    plan = form(UNNUMBERED)
    assert [section.node.title for section in plan.guidance] == ["总体目标", "有关要求"]
    assert all("各村、各站所" not in "".join(node.content) for node, _depth in plan.walk())


@pytest.mark.parametrize(
    "line",
    [
        "某镇人民政府",  # a short line over prose that is no guidance name: the frame's, as before
        "深化改革",  # a short line over prose
    ],
)
def test_a_short_line_over_prose_not_named_as_guidance_is_no_heading(line):
    text = "\n".join(
        ["某镇2023年工作要点", line, "为做好今年工作，制定本要点。", "一、完善基层组织", "（一）健全村民议事会。"]
    )
    plan = as_paste(text)
    assert tree(plan) == ["一、|完善基层组织", "  （一）|健全村民议事会"]


@pytest.mark.parametrize(
    "text",
    [
        # The plan's own title over its first item: the title, as before.
        "安全生产工作方案\n1.开展隐患排查。\n2.加强宣传教育。",
        "党建工作\n1.开展隐患排查。\n2.加强宣传教育。",
        # The plan a notice sends, named under the notice: its title.
        "关于印发安全生产工作方案的通知\n各村：\n现将方案印发给你们。\n某镇人民政府\n安全生产工作方案\n"
        "1.开展隐患排查。\n2.加强宣传教育。",
    ],
)
def test_a_title_over_the_first_item_is_no_heading(text):
    plan = as_paste(text)
    assert tree(plan) == ["1.|开展隐患排查", "2.|加强宣传教育"]
    assert plan.title in ("安全生产工作方案", "党建工作")


def test_a_short_line_over_an_item_that_does_not_start_a_numbering_is_no_heading():
    """ "3." after the short line goes on from "2.": the line is the text of the item before it (a
    short sentence without its stop), not a heading."""
    text = "\n".join(
        [
            "某镇2023年工作要点",
            "一、完善基层组织",
            "1.健全村民议事会。",
            "2.规范村务公开",
            "推行公开栏标准化",
            "3.整治房前屋后环境。",
        ]
    )
    plan = as_paste(text)
    assert [node.title for node, _depth in plan.walk() if not node.number] == []


def test_a_short_line_cut_from_an_open_sentence_is_no_heading():
    text = "\n".join(["某镇2023年工作要点", "一、完善基层组织。各村要认真开展", "村级议事", "1.健全村民议事会。"])
    plan = as_paste(text)
    assert all(node.number for node, _depth in plan.walk())


# --- a plan that is one table with no 序号 ----------------------------------------------------------

TASK_TABLE = [
    "某局2023年安全生产重点事项责任分工",
    "",
    "为落实安全生产责任，现将重点事项分工如下。",
    "",
    tab_table(
        [
            ["事项", "责任单位"],
            ["开展隐患排查整治，每季度完成一次全覆盖排查。", "安全科、各站所"],
            ["加强特种设备管理，检验率达到100%。", "设备科"],
            ["落实值班值守制度。", "办公室"],
        ]
    ),
    "",
    "- 2 -",
    "",
    tab_table(
        [
            ["事项", "责任单位"],
            ["开展应急演练，全年不少于2次。", "应急办、各站所"],
            ["加强宣传教育，及时发布安全提示。", "宣传科"],
        ]
    ),
    "",
    "请各责任单位抓好落实。",
]


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_a_document_that_numbers_nothing_has_its_task_and_unit_table_as_items(form):
    plan = form("\n".join(TASK_TABLE))
    assert tree(plan) == [
        "|开展隐患排查整治，每季度完成一次全覆盖排查",
        "|加强特种设备管理，检验率达到100%",
        "|落实值班值守制度",
        "|开展应急演练，全年不少于2次",
        "|加强宣传教育，及时发布安全提示",
    ]
    first = plan.roots[0]
    assert first.fields.responsible_units == ["安全科", "各站所"]
    assert [(i.value, i.unit) for i in plan.roots[3].indicators] == [(2, "次")]


def test_the_same_table_beside_numbered_tasks_is_not_taken_for_a_list():
    """A two-column table beside numbered work may be anything (a contact list, a schedule): as before,
    it is no list of items when the document numbers its tasks."""
    text = "\n".join(
        [
            "某局2023年安全生产工作要点",
            "一、开展隐患排查整治。",
            "责任单位：安全科",
            tab_table([["事项", "责任单位"], ["报送月报。", "办公室"], ["报送年报。", "办公室"]]),
        ]
    )
    plan = as_paste(text)
    assert tree(plan) == ["一、|开展隐患排查整治"]


def test_a_task_cell_wrapped_over_two_rows_of_a_pdf_table_is_one_row():
    rows = [
        ["事项", "责任单位"],
        ["开展隐患排查整治，", "安全科、各站"],
        ["每季度完成一次全覆盖排查。", "所"],
        ["加强特种设备管理，检验率不低于\n95%。", "设备科"],
        ["落实值班值守制度。", "办公室"],
    ]
    roots, _, _, _ = parse_table(Table(rows=rows, line=1), YEAR, unnumbered=True)
    assert [root.title for root in roots] == [
        "开展隐患排查整治，每季度完成一次全覆盖排查",
        "加强特种设备管理，检验率不低于95%",
        "落实值班值守制度",
    ]
    assert roots[0].fields.responsible_units == ["安全科", "各站所"]


def test_rows_of_short_names_are_not_joined():
    """A list of names ends no sentence: no row is taken for the rest of the one above."""
    rows = [["事项", "责任单位"], ["隐患排查整治", "安全科"], ["特种设备管理", "设备科"], ["值班值守", "办公室"]]
    roots, _, _, _ = parse_table(Table(rows=rows, line=1), YEAR, unnumbered=True)
    assert [root.title for root in roots] == ["隐患排查整治", "特种设备管理", "值班值守"]


def test_an_unnumbered_table_through_the_import_page(cast, django_capture_on_commit_callbacks):
    browser = Browser(cast.office)
    form = {"organisation": cast.street.pk, "year": YEAR, "title": "", "text": "\n".join(TASK_TABLE)}
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.submit(reverse("plans:import"), form)
    assert response.status_code == 302, plain_text(response)
    job = PlanImport.objects.get()
    assert job.status == PlanImport.Status.DONE, job.message
    assert job.plan.items.filter(is_heading=False).count() == 5


# --- targets in a "建设内容及规模" column --------------------------------------------------------------


@pytest.mark.parametrize("header", ["建设内容及规模", "工作内容和要求", "实施内容与标准"])
def test_two_names_of_what_is_to_be_done_joined_are_a_content_column(header):
    assert column_key(header) == "content"


def test_the_quantities_of_a_content_and_size_column_are_indicators_and_the_cost_is_not():
    rows = [
        ["序号", "项目名称", "建设内容及规模", "投资额（万元）", "责任单位", "完成时限"],
        ["1", "村道硬化工程", "硬化村组道路12公里", "360", "镇建设办", "2023年10月底前"],
        ["2", "文化广场建设", "新建文化广场3个，安装健身器材不少于30套", "90", "镇文化站", "2023年9月底前"],
    ]
    roots, _, _, _ = parse_table(Table(rows=rows, line=1, merges_filled=True), YEAR)
    assert [[(i.value, i.unit) for i in root.indicators] for root in roots] == [
        [(12, "公里")],
        [(3, "个"), (30, "套")],
    ]
    assert "硬化村组道路12公里" in roots[0].content


# --- a colon that glosses --------------------------------------------------------------------------

SUB_POINTS = "\n".join(
    [
        "某街道2023年网格治理方案",
        "一、重点任务",
        "1.优化网格设置。",
        "（1）调整网格划分。",
        "①老旧小区：以楼栋为单元划分网格。",
        "②新建小区：以物业管理区域为单元划分网格。",
        "责任单位：综治中心；完成时限：2023年5月底前",
        "2.加强组织领导：街道成立工作专班。每月调度一次工作进展。",
    ]
)


@pytest.mark.parametrize("form", ALL_FORMS)
def test_a_short_name_a_colon_and_one_sentence_is_one_title(form):
    plan = form(SUB_POINTS)
    titles = {node.number: node.title for node, _depth in plan.walk()}
    assert titles["①"] == "老旧小区：以楼栋为单元划分网格"
    assert titles["②"] == "新建小区：以物业管理区域为单元划分网格"
    # More than one sentence after the colon: the colon ends the title, as before.
    assert titles["2."] == "加强组织领导"


# --- a label typed with a space inside it ------------------------------------------------------------


@pytest.mark.parametrize("written", ["完成 时限", "完成\u3000时限"])
def test_a_deadline_label_with_a_space_inside_is_the_label(written):
    found = extract(f"新铺设管网4.5公里。（牵头单位：建设办；配合单位：财政所；{written}：2023年11月底前）", YEAR)
    assert found.fields.cooperating_units == ["财政所"]
    assert found.fields.deadline == D(2023, 11, 30)


def test_a_unit_label_with_a_space_inside_is_the_label():
    found = extract("新铺设管网4.5公里。（责任 单位：建设办；配合单位：财政所）", YEAR)
    assert found.fields.responsible_units == ["建设办"]
    assert found.rest == "新铺设管网4.5公里。"


@pytest.mark.parametrize("form", ALL_FORMS)
def test_a_spaced_label_on_its_own_line_is_not_glued_to_the_item(form):
    text = "\n".join(
        [
            "某镇2023年工作要点",
            "一、完善基层组织",
            "（一）健全村民议事会。",
            "责任单位：组织办",
            "完成 时限：2023年9月底前",
        ]
    )
    item = form(text).roots[0].children[0]
    assert item.fields.deadline == D(2023, 9, 30)
    assert "完成" not in "".join(item.content)


# --- what a check found is no target --------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("项目征收进度滞后，未签约的尚有37户。", []),
        ("热线工单按时办结率仅为89%，低于全市平均水平。按时办结率提升到95%以上。", [("gte", 95, "%")]),
        ("入驻企业仅有5家。全年新增入驻企业不少于8家。", [("gte", 8, "家")]),
        # A comparator makes it a target whatever stands before it.
        ("确保现有不少于3个服务点正常运行。", [("gte", 3, "个")]),
    ],
)
def test_a_figure_stating_how_things_are_is_no_indicator(text, expected):
    found = find_indicators(text, "某问题")
    assert [(i.comparator, i.value, i.unit) for i in found] == expected


def test_a_rectification_list_keeps_only_the_measures_targets():
    rows = [
        ["序号", "存在问题", "整改措施", "责任单位", "整改时限"],
        ["1", "小区改造进度滞后，签约率仅为85%。", "逐户做好群众工作，签约率达到100%。", "城建办", "2024年5月底前"],
    ]
    roots, _, _, _ = parse_table(Table(rows=rows, line=1, merges_filled=True), 2024)
    assert [(i.value, i.unit) for i in roots[0].indicators] == [(100, "%")]
