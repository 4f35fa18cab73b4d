"""The shapes the third held-out set (d41–d50) showed the importer did not follow, in made-up words:
a category column before 序号 written on its group's first row only; prose parts of a plan under
names of their own (a 责任书's aim, how it is judged, when it holds) beside its numbered tasks; points
written after a heading; a deadline column named by any act with 时限 or 期限; a unit with a list
inside its brackets; an item's long first sentence; a unit merged down over two rows of a table
copied as text; a meeting's minutes with numbered demands; counts in 类 and targets in a
措施 column."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from responsibility.importing.document import Table
from responsibility.importing.parse import parse
from responsibility.importing.readers import read, read_pasted
from responsibility.importing.shape import check
from responsibility.importing.tables import column_key, parse_table
from tests.responsibility.importing.made import readers

YEAR = 2025
D = datetime.date


as_txt, as_paste, as_docx = readers(YEAR)


ALL_FORMS = [as_txt, as_paste, as_docx]


def tree(plan) -> list[str]:
    return [("  " * depth) + f"{node.number}|{node.title}" for node, depth in plan.walk()]


def node(plan, number: str):
    return next(found for found, _depth in plan.walk() if found.number == number)


def tab_table(rows: list[list[str]]) -> str:
    return "\n".join("\t".join(row) for row in rows)


def pipe_table(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    return "\n".join([*lines, *("| " + " | ".join(row) + " |" for row in rows[1:])])


# --- a category column before 序号, on its group's first row only ----------------------------------

CATEGORY_FIRST = [
    ["板块", "序号", "年度任务", "主办部门", "完成时限"],
    ["人居环境", "1", "改造农村户厕300户", "镇建设办", "9月底前"],
    ["", "2", "清理河塘沟渠12处", "镇水务站", "6月底前"],
    ["民生保障", "3", "新建幸福食堂2个", "镇民政办", "10月底前"],
    ["", "4", "开展技能培训20期", "镇社保所", "年底前"],
    ["", "5", "修缮敬老院1所", "镇民政办", "11月底前"],
]
CATEGORY_OUTLINE = [
    "|人居环境",
    "  1|改造农村户厕300户",
    "  2|清理河塘沟渠12处",
    "|民生保障",
    "  3|新建幸福食堂2个",
    "  4|开展技能培训20期",
    "  5|修缮敬老院1所",
]
TITLE_LINE = "某镇2025年民生实事任务表"


@pytest.mark.parametrize(
    "source",
    [
        lambda: read("任务.md", (TITLE_LINE + "\n\n" + pipe_table(CATEGORY_FIRST)).encode()),
        lambda: read("任务.txt", (TITLE_LINE + "\n\n" + pipe_table(CATEGORY_FIRST)).encode("gb18030")),
        lambda: read_pasted(TITLE_LINE + "\n" + tab_table(CATEGORY_FIRST)),
        lambda: read("任务.txt", (TITLE_LINE + "\n" + tab_table(CATEGORY_FIRST)).encode()),
    ],
    ids=["md", "txt-pipes", "paste-tabs", "txt-tabs"],
)
def test_a_category_before_the_number_written_on_its_first_row_heads_its_group(source):
    plan = parse(source(), YEAR)
    assert tree(plan) == CATEGORY_OUTLINE
    assert node(plan, "4").fields.lead_units == ["镇社保所"]
    assert node(plan, "2").fields.deadline == D(YEAR, 6, 30)


# --- prose parts under names of their own ------------------------------------------------------------

PLEDGE = """某社区2025年消防安全目标责任状
一、工作目标
全年不发生亡人火灾事故，火灾起数同比下降。
二、工作任务
（一）隐患整治
1.开展出租屋消防检查，全年不少于4轮。
2.清理楼道堆放杂物，整改率达到100%。
（二）宣传培训
3.组织居民消防演练，每半年一次。
三、兑现办法
年终由街道组织验收，验收结果与评优评先挂钩。
四、其他说明
本责任状自签订之日起生效，一式两份，双方各执一份。
"""


@pytest.mark.parametrize("form", ALL_FORMS)
def test_prose_parts_beside_numbered_tasks_are_guidance_whatever_their_names(form):
    plan = form(PLEDGE)
    assert tree(plan) == [
        "二、|工作任务",
        "  （一）|隐患整治",
        "    1.|开展出租屋消防检查，全年不少于4轮",
        "    2.|清理楼道堆放杂物，整改率达到100%",
        "  （二）|宣传培训",
        "    3.|组织居民消防演练，每半年一次",
    ]
    assert [(section.node.number, section.node.title) for section in plan.guidance] == [
        ("一、", "工作目标"),
        ("三、", "兑现办法"),
        ("四、", "其他说明"),
    ]
    assert plan.guidance[2].node.content == ["本责任状自签订之日起生效，一式两份，双方各执一份。"]


@pytest.mark.parametrize(
    "last",
    [
        "四、完成上级交办的其他工作。",  # a task written as a sentence, not a part's name
        "四、其他事务\n责任单位：社区居委会；完成时限：年底前",  # a part that names who does it
        "四、其他事务\n由社区居委会牵头，12月底前完成。",
        "四、落实网格巡查。每周巡查一次，发现问题及时上报。",  # title and text on one line: an item
        "四、重点任务\n持续开展消防宣传进楼栋、进家庭活动，提高居民防火意识。",  # named for the work
        "四、演练地点\n社区文化广场。",  # a place, not a paragraph
        "四、推进智慧消防\n坚持科技赋能，在老旧小区加装独立式烟感报警器，提升早期预警能力。",  # a task's name
    ],
)
def test_a_part_that_is_work_stays_an_item_beside_the_numbered_tasks(last):
    text = PLEDGE.split("三、兑现办法")[0] + last + "\n"
    plan = as_paste(text)
    assert any(root.number == "四、" for root in plan.roots)
    assert all(section.node.number != "四、" for section in plan.guidance)


def test_a_notices_own_points_beside_its_attachments_are_no_guidance_of_their_parts():
    """Prose parts are set apart beside parts of their own numbering that hold tasks, not beside the
    attachments a notice sends (those are read as parts of the plan)."""
    text = """某街道关于做好2025年消防工作的通知
各社区：
一、提高认识
各社区要把消防安全工作摆上重要议事日程，切实抓紧抓好。
附件：消防工作任务清单
某街道办事处
2025年1月6日
附件
消防工作任务清单
1.开展出租屋消防检查。
责任单位：各社区
2.组织消防演练。
责任单位：安监办
"""
    plan = as_paste(text)
    assert plan.roots[0].number == "一、"
    assert plan.guidance == []


def test_prose_parts_with_no_numbered_tasks_beside_them_stay_items():
    """Only headings with prose under them, no numbered task anywhere: what such a paper is, its
    parts are what there is to review."""
    text = """某村2025年重点工作安排
一、产业增收
扩大蔬菜种植面积，办好农产品展销活动。
二、环境整治
开展村庄清洁行动，做好垃圾分类。
三、基层治理
完善村规民约，调解邻里纠纷。
"""
    plan = as_paste(text)
    assert [root.title for root in plan.roots] == ["产业增收", "环境整治", "基层治理"]
    assert plan.guidance == []


# --- points after a heading --------------------------------------------------------------------------

SCORED = """某单位2025年安全生产考核细则
一、考核内容
（一）责任落实（20分）
1.主要负责人每季度研究安全工作一次。（10分）
2.签订全员安全责任书。（10分）
（二）教育培训（满分 30 分）
3.组织全员培训不少于2次（30分）
"""


@pytest.mark.parametrize("form", ALL_FORMS)
def test_points_written_after_a_heading_or_an_item_are_its_points_not_its_words(form):
    plan = form(SCORED)
    assert tree(plan) == [
        "一、|考核内容",
        "  （一）|责任落实",
        "    1.|主要负责人每季度研究安全工作一次",
        "    2.|签订全员安全责任书",
        "  （二）|教育培训",
        "    3.|组织全员培训不少于2次",
    ]
    assert node(plan, "（一）").fields.points == Decimal(20)
    assert node(plan, "（二）").fields.points == Decimal(30)
    assert node(plan, "1.").fields.points == Decimal(10)
    assert node(plan, "1.").content == []
    assert node(plan, "3.").fields.points == Decimal(30)
    assert node(plan, "一、").fields.points is None


def test_a_bracket_of_points_inside_a_title_is_left_where_it_is():
    plan = as_paste("某单位2025年考核细则\n一、考核内容\n1.得分（10分）以上的单位予以通报表扬。\n")
    assert node(plan, "1.").title == "得分（10分）以上的单位予以通报表扬"
    assert node(plan, "1.").fields.points is None


# --- a deadline column under a name of its own --------------------------------------------------------


@pytest.mark.parametrize("header", ["整改时限", "办结期限", "整改完成时间", "任务完成期限", "销号时间", "完成日期"])
def test_any_act_with_its_time_limit_names_the_deadline_column(header):
    assert column_key(header) == "deadline"
    rows = [["序号", "问题清单", "整改措施", "责任科室", header], ["1", "台账不全", "补齐台账", "办公室", "8月31日前"]]
    plan = as_paste("某局2025年问题整改清单\n" + tab_table(rows))
    assert node(plan, "1").fields.deadline == D(YEAR, 8, 31)


@pytest.mark.parametrize("header", ["开始时间", "发布日期", "报送时间", "报送期限", "时间节点", "起止时间"])
def test_times_that_are_not_when_the_work_is_due_are_no_deadline_column(header):
    assert column_key(header) != "deadline"


def test_the_measures_column_of_a_rectification_list_gives_the_targets():
    rows = [
        ["序号", "存在问题", "整改措施", "责任单位", "整改时限"],
        ["1", "试点推进慢", "新增试点单位3家，年底前全覆盖。", "业务科", "12月底前"],
    ]
    plan = as_paste("某局2025年问题整改清单\n" + tab_table(rows))
    item = node(plan, "1")
    assert item.title == "试点推进慢"
    assert "新增试点单位3家，年底前全覆盖。" in item.content
    assert [(indicator.value, indicator.unit) for indicator in item.indicators] == [(Decimal(3), "家")]


# --- a unit with a list inside its brackets --------------------------------------------------------


@pytest.mark.parametrize("form", ALL_FORMS)
def test_a_list_inside_a_units_brackets_is_part_of_its_name(form):
    text = """某市2025年重点任务
一、重点工作
1.推进便民服务。
牵头单位：市政务办；配合单位：各县（市、区）政府、市直各部门；完成时限：10月底前
2.建设乡镇（街道）综合服务中心。
责任单位：各乡镇（街道，开发区），市民政局
"""
    plan = form(text)
    assert node(plan, "1.").fields.cooperating_units == ["各县（市、区）政府", "市直各部门"]
    assert node(plan, "2.").fields.responsible_units == ["各乡镇（街道，开发区）", "市民政局"]


def test_a_bracket_left_open_does_not_swallow_the_names_after_it():
    from responsibility.importing.fields import split_names

    assert split_names("各村（社区、综治办") == ["各村（社区", "综治办"]


# --- an item's long first sentence -------------------------------------------------------------------


@pytest.mark.parametrize("form", ALL_FORMS)
def test_an_items_first_sentence_is_its_title_commas_and_all(form):
    sentence = "实施“强链”行动，围绕装备制造、食品加工两条产业链开展招商，新引进千万元以上项目12个"
    assert len(sentence) > 40
    plan = form(f"某区2025年工作要点\n一、发展经济\n1.壮大实体经济。\n（1）{sentence}。\n（2）新增规上企业5家。\n")
    assert node(plan, "（1）").title == sentence
    assert node(plan, "（1）").content == []


def test_a_first_sentence_longer_than_a_title_can_be_is_cut_at_a_comma():
    clauses = ["围绕产业链上下游开展精准招商引资活动" + str(n) for n in range(8)]
    sentence = "，".join(clauses)
    assert len(sentence) > 100
    plan = as_paste(f"某区2025年工作要点\n一、发展经济\n1.{sentence}。\n")
    item = node(plan, "1.")
    assert len(item.title) <= 100 and sentence.startswith(item.title)
    assert "".join([item.title, "，", *item.content]) == sentence + "。"


# --- a unit merged down over rows of a table copied as text -------------------------------------------

UNITS_FIRST = [
    ["序号", "责任单位", "工作任务", "完成时限", "分管领导"],
    ["1", "区城管局", "整治占道经营", "6月底前", "张明"],
    ["2", "", "规范户外广告", "9月底前", "张明"],
    ["3", "区住建局", "改造背街小巷", "10月底前", "李华"],
    ["4", "区水务局", "疏浚排水管网", "5月底前", "李华"],
    ["5", "区园林局", "新建口袋公园", "年底前", "王强"],
]


@pytest.mark.parametrize(
    "source",
    [
        lambda text: read_pasted(text),
        lambda text: read("分解表.txt", text.encode("gb18030")),
    ],
    ids=["paste", "txt"],
)
def test_a_unit_merged_down_in_a_table_copied_as_text_holds_for_the_rows_it_spans(source):
    plan = parse(source("某区2025年城市管理任务分解表\n" + tab_table(UNITS_FIRST)), YEAR)
    assert node(plan, "2").fields.responsible_units == ["区城管局"]
    assert node(plan, "3").fields.responsible_units == ["区住建局"]
    warnings = [problem.message for problem in plan.warnings if "合并单元格" in problem.message]
    assert len(warnings) == 1 and "区城管局" in warnings[0] and "责任单位" in warnings[0]


def _blank_stays(rows: list[list[str]], number: str = "2") -> None:
    plan = as_paste("某区2025年城市管理任务分解表\n" + tab_table(rows))
    item = node(plan, number)
    assert item.fields.responsible_units == [] and item.fields.lead_units == []
    assert not any("合并单元格" in problem.message for problem in plan.warnings)


def test_a_blank_unit_right_of_the_task_is_no_merge():
    _blank_stays([[row[0], row[2], row[1], *row[3:]] for row in UNITS_FIRST])


def test_a_blank_unit_in_a_row_written_short_is_no_merge():
    rows = [list(row) for row in UNITS_FIRST]
    rows[2][3] = ""  # no deadline either: the row was left unfinished
    _blank_stays(rows)


def test_blank_units_on_many_rows_mean_no_unit():
    rows = [list(row) for row in UNITS_FIRST]
    for row in rows[2:5]:
        row[1] = ""
    _blank_stays(rows)


def test_a_blank_unit_under_a_category_row_is_no_merge():
    rows = [UNITS_FIRST[0], ["一、市容", "", "", "", ""], UNITS_FIRST[1], ["二、设施", "", "", "", ""]]
    rows += [["2", "", "规范户外广告", "9月底前", "张明"], *UNITS_FIRST[3:]]
    _blank_stays(rows)


def test_a_workbook_says_where_its_cells_are_merged_so_a_blank_cell_there_stays_blank():
    book = openpyxl.Workbook()
    sheet = book.active
    for row in UNITS_FIRST:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    plan = parse(read("分解表.xlsx", out.getvalue()), YEAR)
    assert node(plan, "2").fields.responsible_units == []
    assert not any("合并单元格" in problem.message for problem in plan.warnings)


def test_a_table_without_merge_information_carries_only_where_its_rows_show_the_merge():
    roots = parse_table(Table(rows=UNITS_FIRST, line=1), YEAR)[0]
    assert roots[1].fields.responsible_units == ["区城管局"]
    merged = parse_table(Table(rows=UNITS_FIRST, line=1, merges_filled=True), YEAR)[0]
    assert merged[1].fields.responsible_units == []


# --- a meeting's minutes --------------------------------------------------------------------------------

MINUTES = """某县人民政府专题会议纪要
〔2025〕第3次

2025年3月2日，副县长主持召开专题会议，研究春耕生产工作。纪要如下：
一、关于春耕备耕工作
会议要求：
1.县农业农村局要牵头做好农资供应保障，3月底前完成农资市场检查。
2.各乡镇要组织农技人员下村指导，确保不误农时。
3.县气象局要及时发布农业气象信息。
二、关于高标准农田建设
会议同意由县农业农村局牵头推进高标准农田建设，年底前完成建设任务。

出席：县政府有关领导
"""


@pytest.mark.parametrize("form", ALL_FORMS)
def test_a_meetings_minutes_with_numbered_demands_is_said_not_to_be_a_plan(form):
    shape = check(form(MINUTES))
    assert not shape.looks_like_plan
    assert any("纪要" in reason for reason in shape.missing)


def test_a_plan_drawn_up_after_a_meeting_still_looks_like_a_plan():
    text = MINUTES.replace("某县人民政府专题会议纪要", "某县2025年春耕生产工作方案").replace("〔2025〕第3次", "")
    text += "4.县财政局要落实春耕资金。\n5.县供销社要保障化肥供应。\n"
    assert check(as_paste(text)).looks_like_plan


# --- counts in 类, 种 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "value", "unit"),
    [
        ("新增电子证照不少于30类", "新增电子证照", 30, "类"),
        ("推出特色产品5种", "推出特色产品", 5, "种"),
        ("累计建成5G基站800个", "累计建成5G基站", 800, "个"),
    ],
)
def test_counts_in_kinds_are_indicators(text, name, value, unit):
    plan = as_paste(f"某市2025年重点任务\n一、重点工作\n1.{text}。\n")
    [indicator] = node(plan, "1.").indicators
    assert (indicator.name, indicator.value, indicator.unit, indicator.comparator) == (
        name,
        Decimal(value),
        unit,
        "gte",
    )
