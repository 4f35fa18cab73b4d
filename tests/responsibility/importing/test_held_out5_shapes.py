"""The shapes the fifth held-out set (d61–d66) showed the importer did not follow, in made-up words:
a tab table under each numbered heading with its header repeated and its 序号 running on, the task
in a column named as measures are (具体措施); 主责单位 as the responsible unit; a bracket of unit
names with no verb ending an item; a prose-only 保障措施 and a 附表 with its title on the marker's
line after it; a PDF table whose two header rows the next page repeats cut to one line."""

from __future__ import annotations

import datetime
import io

import pytest

from responsibility.importing import fields as phrases
from responsibility.importing.document import Table
from responsibility.importing.layout import TableBox
from responsibility.importing.parse import parse
from responsibility.importing.pdf import _append_rows
from responsibility.importing.readers import read
from responsibility.importing.tables import column_key, parse_table
from tests.responsibility.importing.made import convert, need_libreoffice, readers

from .test_held_out_shapes import node, tab_table, tree

YEAR = 2024
D = datetime.date

as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


# --- a tab table under each numbered heading, the header repeated -------------------------------------

HEADER = ["序号", "具体措施", "责任单位", "完成时限"]
SECTIONED = "\n".join(
    [
        "某县2024年优化服务若干举措",
        "",
        "为进一步方便群众办事，制定本举措。",
        "",
        "一、便民服务",
        tab_table(
            [
                HEADER,
                ["1", "推行预约办理。全年预约办件不少于300件。", "县服务中心、县信息中心", "2024年5月底前"],
                ["2", "设立帮办窗口", "县服务中心，各乡镇", "每季度"],
            ]
        ),
        "二、监管执法",
        tab_table(
            [
                HEADER,
                ["3", "推行轻微免罚。", "县司法局牵头，县市场局配合", "长期坚持"],
                ["4", "开展联合检查。", "县市场局及县应急局", "2024年第三季度"],
            ]
        ),
        "",
        "说明：各单位每月底前报送进展。",
    ]
)


@pytest.mark.parametrize("form", ALL_FORMS)
def test_each_headings_own_table_gives_its_rows_as_items_under_it(form):
    plan = form(SECTIONED)
    assert tree(plan) == [
        "一、|便民服务",
        "  1|推行预约办理",
        "  2|设立帮办窗口",
        "二、|监管执法",
        "  3|推行轻微免罚",
        "  4|开展联合检查",
    ]
    assert node(plan, "1").fields.responsible_units == ["县服务中心", "县信息中心"]
    assert node(plan, "1").fields.deadline == D(2024, 5, 31)
    assert [(i.value, i.unit, i.comparator) for i in node(plan, "1").indicators] == [(300, "件", "gte")]
    assert (node(plan, "3").fields.lead_units, node(plan, "3").fields.cooperating_units) == (["县司法局"], ["县市场局"])
    assert node(plan, "4").fields.responsible_units == ["县市场局", "县应急局"]
    assert node(plan, "4").fields.deadline == D(2024, 9, 30)


@pytest.mark.parametrize("form", ALL_FORMS)
def test_a_recurring_or_standing_deadline_in_a_table_is_ongoing_not_a_date(form):
    plan = form(SECTIONED)
    for number in ("2", "3"):
        assert (node(plan, number).fields.deadline, node(plan, number).fields.ongoing) == (None, True)


@pytest.mark.parametrize("form", ALL_FORMS)
def test_row_numbers_running_on_from_the_table_before_are_in_sequence(form):
    plan = form(SECTIONED)
    assert not any("编号不连续" in problem.message for problem in plan.warnings)
    assert not plan.not_understood


def test_a_table_restarting_its_numbers_out_of_order_is_still_told():
    text = SECTIONED.replace("\n3\t", "\n7\t")
    plan = as_txt(text)
    assert any("编号不连续" in problem.message and "7" in problem.message for problem in plan.warnings)


@pytest.mark.parametrize("header", ["具体措施", "主要内容", "工作措施"])
def test_a_measures_column_is_the_task_where_no_column_names_one(header):
    rows = [["序号", header, "责任单位", "完成时限"], ["1", "修缮村道。硬化路面2公里。", "镇交通站", "6月底前"]]
    [item] = parse_table(Table(rows=rows, line=1), YEAR)[0]
    assert (item.number, item.title, item.content) == ("1", "修缮村道", ["硬化路面2公里。"])


def test_a_measures_column_beside_a_task_column_stays_the_items_content():
    rows = [["序号", "工作任务", "具体措施", "责任单位"], ["1", "修缮村道", "硬化路面2公里。", "镇交通站"]]
    [item] = parse_table(Table(rows=rows, line=1), YEAR)[0]
    assert item.title == "修缮村道"
    assert "硬化路面2公里。" in "".join(item.content)


def test_a_measures_column_without_who_or_when_is_no_task_column():
    """Only a header that numbers its rows and says who does them by when has its task unnamed."""
    rows = [["序号", "具体措施", "备注"], ["1", "修缮村道。", ""]]
    with pytest.raises(Exception, match="工作任务"):
        parse_table(Table(rows=rows, line=1), YEAR)


# --- 主责 is the responsible unit ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "responsible", "lead", "cooperating"),
    [
        ("修缮村道。主责单位：镇交通站；配合单位：各村。", ["镇交通站"], [], ["各村"]),
        ("修缮村道。主责部门：镇交通站及各村", ["镇交通站", "各村"], [], []),
        ("修缮村道（主责：镇交通站；协办：各村）", ["镇交通站"], [], ["各村"]),
        ("修缮村道。牵头单位：镇交通站；主责单位：各村。", ["各村"], ["镇交通站"], []),
        ("修缮村道（主办：镇交通站；协办：各村）", [], ["镇交通站"], ["各村"]),
    ],
)
def test_a_main_responsibility_label_names_the_responsible_units(text, responsible, lead, cooperating):
    found = phrases.extract(text, YEAR).fields
    assert (found.responsible_units, found.lead_units, found.cooperating_units) == (responsible, lead, cooperating)


@pytest.mark.parametrize("header", ["主责单位", "主责部门", "主责科室", "主责"])
def test_a_main_responsibility_column_is_the_responsible_units(header):
    assert column_key(header) == "responsible_units"


@pytest.mark.parametrize("form", ALL_FORMS)
def test_main_responsibility_after_an_item_gives_its_responsible_units(form):
    plan = form(
        "某镇2024年工作方案\n\n一、产业发展\n1.培育特色产业。责任领导：甲某；主责单位：农业站及各村；完成时限：2024年10月底\n"
    )
    item = node(plan, "1.")
    assert (item.fields.responsible_units, item.fields.lead_units) == (["农业站", "各村"], [])
    assert item.fields.deadline == D(2024, 10, 31)


# --- a bracket of unit names ending an item ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "units", "deadline"),
    [
        ("开展志愿服务活动。（团委、妇联及各社区）", ["团委", "妇联", "各社区"], None),
        ("开展志愿服务活动（团委、妇联）。", ["团委", "妇联"], None),
        ("开展志愿服务活动。（团委，2024年6月底前）", ["团委"], D(2024, 6, 30)),
        ("开展志愿服务活动。（团委等相关单位）", ["团委"], None),
    ],
)
def test_a_bracket_listing_only_units_at_the_end_names_the_responsible_units(text, units, deadline):
    found = phrases.extract(text, YEAR)
    assert (found.fields.responsible_units, found.fields.lead_units, found.fields.deadline) == (units, [], deadline)
    assert found.rest.rstrip("。") == "开展志愿服务活动"


def test_a_unit_bracket_with_a_lead_verb_still_gives_the_lead():
    found = phrases.extract("开展志愿服务活动。（团委牵头，妇联、各社区）", YEAR).fields
    assert (found.lead_units, found.responsible_units) == (["团委"], ["妇联", "各社区"])


@pytest.mark.parametrize(
    "text",
    [
        "配合单位：区水利局、各镇（街道）",  # the bracket is part of the last unit's name
        "建设便民服务中心（站）",  # one character: no unit's name
        "开展巡查（含各社区）",  # it narrows the task
        "（各社区）开展巡查工作",  # not at the end
        "开展巡查（2024年修订）",  # no unit
    ],
)
def test_a_bracket_that_is_no_list_of_units_stays_where_it_is(text):
    found = phrases.extract(text, YEAR)
    assert [phrase for phrase in found.phrases if phrase.startswith(("（", "("))] == []
    assert found.fields.responsible_units == []


def test_a_bracket_after_a_units_name_keeps_the_name_whole():
    found = phrases.extract("改造老旧小区。配合单位：区水利局、各镇（街道）", YEAR).fields
    assert found.cooperating_units == ["区水利局", "各镇（街道）"]
    assert found.responsible_units == []


@pytest.mark.parametrize("form", ALL_FORMS)
def test_an_items_closing_bracket_of_units_in_a_plan(form):
    plan = form(
        "某街道2024年党建工作要点\n\n一、宣传工作\n（一）做好文明实践工作。常态化开展志愿服务。（宣传办、文明办及各社区党委）\n"
    )
    item = node(plan, "（一）")
    assert item.fields.responsible_units == ["宣传办", "文明办", "各社区党委"]
    assert item.title == "做好文明实践工作"
    assert "宣传办" not in "".join(item.content)


# --- a prose-only 保障措施 and a 附表 after it ----------------------------------------------------

ANNEXED = "\n".join(
    [
        "某区2024年村庄整治方案",
        "",
        "一、重点任务",
        "（一）改造农村户厕。新建户厕500户。责任单位：区农业局；完成时限：2024年10月底前。",
        "（二）治理生活污水。责任单位：区环境局；完成时限：2024年11月底前。",
        "",
        "二、保障措施",
        "（一）加强组织领导。区整治工作领导小组统筹推进全区工作，各镇要成立相应专班。",
        "（二）严格督查考核。将整治工作纳入年度考核，对工作滞后的镇进行通报。",
        "",
        "{marker}",
        "",
        tab_table(
            [
                ["序号", "项目名称", "建设内容", "责任部门", "完成时间"],
                ["1", "甲镇污水站改造", "日处理能力提升至300吨", "甲镇人民政府", "2024年8月"],
                ["2", "乙村公厕建设", "新建公厕2座", "区农业局", "2024年9月"],
            ]
        ),
    ]
)


@pytest.mark.parametrize("form", ALL_FORMS)
@pytest.mark.parametrize(
    "marker",
    ["附表：2024年村庄整治重点项目计划表", "附表1：2024年村庄整治重点项目计划表", "附表\n2024年村庄整治重点项目计划表"],
)
def test_an_annex_table_after_prose_measures_is_a_part_and_the_measures_are_guidance(form, marker):
    plan = form(ANNEXED.format(marker=marker))
    assert [f"{s.node.number}{s.node.title}" for s in plan.guidance] == ["二、保障措施"]
    assert tree(plan)[:3] == ["一、|重点任务", "  （一）|改造农村户厕", "  （二）|治理生活污水"]
    annex = plan.roots[-1]
    assert annex.number.startswith("附表")
    assert annex.title == "2024年村庄整治重点项目计划表"
    assert [f"{item.number}|{item.title}" for item in annex.children] == ["1|甲镇污水站改造", "2|乙村公厕建设"]
    assert annex.children[0].fields.responsible_units == ["甲镇人民政府"]
    assert annex.children[0].fields.deadline == D(2024, 8, 31)
    measures = plan.guidance[0].node
    assert "附表" not in "".join(part for child in measures.children for part in child.content)


def test_an_annex_mentioned_inside_an_item_that_goes_on_stays_the_items_text():
    plan = as_txt(
        "某区2024年村庄整治方案\n\n一、重点任务\n（一）开展摸底调查。附表：农户情况登记表\n"
        "按户登记，月底前汇总。\n（二）治理生活污水。\n"
    )
    assert tree(plan) == ["一、|重点任务", "  （一）|开展摸底调查", "  （二）|治理生活污水"]


# --- a PDF table with two header rows over several pages --------------------------------------------

TWO_ROW_HEADER = [
    ["序号", "主要任务", "责任主体", "", "完成时限", "分管区领导"],
    ["", "", "牵头单位", "配合单位", "", ""],
]


def test_a_header_the_page_cuts_to_one_line_is_no_row_and_its_spilled_words_no_text():
    """What LibreOffice draws when a two-row header is repeated on the next page: the upper row one
    line high ("完成" of 完成时限, "分管" of 分管区领导), the rest of its words over the rows under it."""
    table = TableBox(
        rows=[
            *TWO_ROW_HEADER,
            ["一、城市建设", "", "", "", "", ""],
            ["1", "修路", "区交", "区财政局，", "2024年", "甲某"],
        ],
        top=0,
        bottom=0,
    )
    page = [
        ["序号", "主要任务", "责任主体", "", "完成", "分管"],
        ["", "", "通局", "区应急局", "时限第三季度", "区领导"],
        ["2", "建桥", "区建设局", "区水利局", "年底前", "乙某"],
    ]
    _append_rows(table, page)
    assert table.rows[2:] == [
        ["一、城市建设", "", "", "", "", ""],
        ["1", "修路", "区交通局", "区财政局，区应急局", "2024年第三季度", "甲某"],
        ["2", "建桥", "区建设局", "区水利局", "年底前", "乙某"],
    ]


def test_spilled_header_words_over_a_heading_row_merged_across_are_dropped_from_its_end():
    table = TableBox(rows=[*TWO_ROW_HEADER, ["1", "修路", "区交通局", "", "6月底前", "甲某"]], top=0, bottom=0)
    page = [
        ["序号", "主要任务", "责任主体", "", "完成", "分管"],
        ["", "", "", "", "时限", "区领"],
        ["二、乡村振兴\t导", "", "", "", "", ""],
        ["2", "建桥", "区建设局", "", "年底前", "乙某"],
    ]
    _append_rows(table, page)
    assert table.rows[3:] == [["二、乡村振兴", "", "", "", "", ""], ["2", "建桥", "区建设局", "", "年底前", "乙某"]]


@pytest.mark.parametrize("repeated", [TWO_ROW_HEADER, TWO_ROW_HEADER[:1]])
def test_a_header_repeated_whole_on_the_next_page_is_dropped(repeated):
    table = TableBox(rows=[*TWO_ROW_HEADER, ["1", "修路", "区交通局", "", "6月底前", "甲某"]], top=0, bottom=0)
    _append_rows(table, [*repeated, ["2", "建桥", "区建设局", "", "年底前", "乙某"]])
    assert [row[0] for row in table.rows[2:]] == ["1", "2"]


def test_a_first_row_that_only_starts_like_the_header_is_a_row():
    table = TableBox(rows=[*TWO_ROW_HEADER, ["1", "修路", "区交通局", "", "6月底前", "甲某"]], top=0, bottom=0)
    _append_rows(table, [["序号", "主要", "", "", "", ""], ["2", "建桥", "区建设局", "", "年底前", "乙某"]])
    assert len(table.rows) == 5


def test_a_pdf_of_a_table_with_two_header_rows_over_pages_gives_only_its_tasks():
    from tests.responsibility.importing.corpus.render import _word_document, _word_table

    need_libreoffice()
    tasks = [
        [
            f"{n}",
            f"推进第{n}项城市更新工作。完成改造任务{n}处，惠及居民{n}千户。",
            "区住房和城乡建设局",
            "区财政局，各街道办事处",
            "2024年第三季度",
            "某某",
        ]
        for n in range(1, 16)
    ]
    rows = [*TWO_ROW_HEADER, ["一、城市更新", "", "", "", "", ""], *tasks]
    document = _word_document()
    document.add_paragraph("某区2024年城市更新任务清单")
    _word_table(document, rows, ["A2:A3", "B2:B3", "C2:D2", "E2:E3", "F2:F3", "A4:F4"], 1)
    out = io.BytesIO()
    document.save(out)
    plan = parse(read("清单.pdf", convert(out.getvalue(), ".docx", "pdf")), YEAR)
    [heading] = plan.roots
    assert [item.number for item in heading.children] == [str(n) for n in range(1, 16)]
    for item in heading.children:
        assert item.fields.lead_units == ["区住房和城乡建设局"]
        assert item.fields.cooperating_units == ["区财政局", "各街道办事处"]
        assert item.fields.deadline == D(2024, 9, 30)


def test_an_annex_tables_numbers_start_afresh_and_do_not_run_on_from_the_plans_tables():
    annex = tab_table(
        [["序号", "项目名称", "责任部门", "完成时间"], ["5", "甲镇污水站改造", "甲镇人民政府", "2024年8月"]]
    )
    plan = as_txt(f"{SECTIONED}\n\n附表：2024年重点项目计划表\n\n{annex}\n")
    assert plan.roots[-1].title == "2024年重点项目计划表"
    assert any("编号不连续" in problem.message and "“5”" in problem.message for problem in plan.warnings)
