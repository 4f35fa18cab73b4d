"""The shapes the fifteenth held-out set (d139–d146) showed the importer did not follow, in made-up
words, one section per cause: a table drawn with box-drawing rules (┌─┬─┐ │ ├─┼─┤ └─┴─┘) whose
cells wrap their text over the lines of a row; a system's export comma-separated (CSV) with its field
codes beside the columns' names ("DUE_DATE 完成时限"); a month and day in figures before 前 ("6.30前");
paragraphs opening with a lone dash under bold names without numbers, a XX目标 part of prose, the eve of
a fixed holiday ("国庆节前"); tasks run into one paragraph ("一要…（X牵头…）；二要…"); a planned cost beside
a "建设内容及规模" column; Excel's serial number in a deadline cell."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from responsibility.importing.document import Table
from responsibility.importing.fields import find_dates, find_indicators
from responsibility.importing.numbering import match
from responsibility.importing.parse import account
from responsibility.importing.tables import column_key, parse_table
from tests.responsibility.importing.made import readers

from .test_held_out_shapes import tree

YEAR = 2024
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


def _items(plan):
    return [found for found, _depth in plan.walk() if not found.children]


# --- a box-drawn table whose cells wrap over the lines of a row -----------------------------------------

BOXED = "\n".join(
    [
        "某县2024年校园周边安全整治交办单",
        "",
        "现将整治事项交办如下：",
        "┌──┬──────────────┬──────────┬────────┐",
        "│编号│整治事项                    │责任单位            │完成时限        │",
        "├──┼──────────────┼──────────┼────────┤",
        "│1 │清理校园周边流动摊点。全县共│县市场监管局（牵头）│2024年9月1日前  │",
        "│  │涉及学校38所。              │县城管局            │                │",
        "├──┼──────────────┼──────────┼────────┤",
        "│2 │在校门口设置交通隔离护栏，新│县公安局            │开学前          │",
        "│  │装护栏不少于900米。         │                    │（2024年8月25日 │",
        "│  │                            │                    │前）            │",
        "└──┴──────────────┴──────────┴────────┘",
        "",
        "请各单位按时报送整治情况。",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_box_drawn_table_joins_each_cell_over_its_lines(read):
    plan = read(BOXED)
    assert tree(plan) == ["1|清理校园周边流动摊点", "2|在校门口设置交通隔离护栏，新装护栏不少于900米"]
    first, second = _items(plan)
    # A line the cell's text ends short of its width ended there: one unit per line.
    assert first.fields.lead_units == ["县市场监管局"]
    assert first.fields.responsible_units == ["县城管局"]
    assert first.fields.deadline == datetime.date(2024, 9, 1)
    assert second.fields.responsible_units == ["县公安局"]
    assert second.fields.deadline == datetime.date(2024, 8, 25)
    assert [(found.value, found.unit) for found in second.indicators] == [(900, "米")]


RULED_UNDER_HEADER = "\n".join(
    [
        "某街道2024年为民办实事项目",
        "",
        "┌──┬──────────────┬──────────┐",
        "│序号│项目名称                    │责任科室            │",
        "├──┼──────────────┼──────────┤",
        "│1 │改造老旧小区供水管网，惠及居│城建科              │",
        "│  │民1200户。                  │                    │",
        "│2 │新建社区食堂2处。           │民政科              │",
        "└──┴──────────────┴──────────┘",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_box_drawn_table_ruled_under_its_header_only_starts_a_row_at_a_number(read):
    plan = read(RULED_UNDER_HEADER)
    assert tree(plan) == ["1|改造老旧小区供水管网，惠及居民1200户", "2|新建社区食堂2处"]
    first, second = _items(plan)
    assert first.fields.responsible_units == ["城建科"]
    assert second.fields.responsible_units == ["民政科"]


FRAMED_NOTE = "\n".join(
    [
        "某乡2024年森林防火工作要点",
        "",
        "┌────────────────────┐",
        "│温馨提示：进山入林，严禁携带火种。      │",
        "└────────────────────┘",
        "",
        "一、加强火源管控",
        "1.在进山路口设立检查站12个。责任单位：乡林业站；完成时限：2024年3月31日前。",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_framed_note_that_names_no_columns_stays_text(read):
    """The opposite: a box around a sentence is no table; the items after it are read as before."""
    plan = read(FRAMED_NOTE)
    assert tree(plan) == ["一、|加强火源管控", "  1.|在进山路口设立检查站12个"]
    assert _items(plan)[0].fields.responsible_units == ["乡林业站"]


# --- a system's export, comma-separated, its columns named with field codes -------------------------------

EXPORTED = "\n".join(
    [
        "某县2024年民生实事推进台账",
        "导出时间：2024-02-01 10:00:00",
        "ID,ITEM_NAME 事项名称,OWNER 责任单位,HELPER 配合单位,DEADLINE 完成时限",
        '1,"新建城乡公交候车亭，新建候车亭不少于40个。",县交通运输局,"县城管局,各乡镇",2024/10/31',
        "2,改造农村危房。改造危房120户。,县住建局,,2024.08",
        '3,"开展适龄妇女两癌筛查，筛查率达到90%。",县卫健局,县妇联,9.30前',
        "共3条记录",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_comma_separated_export_is_a_table(read):
    plan = read(EXPORTED)
    assert [found.title for found in _items(plan)] == [
        "新建城乡公交候车亭，新建候车亭不少于40个",
        "改造农村危房",
        "开展适龄妇女两癌筛查，筛查率达到90%",
    ]
    first, second, third = _items(plan)
    assert first.fields.responsible_units == ["县交通运输局"]
    assert first.fields.cooperating_units == ["县城管局", "各乡镇"]
    assert first.fields.deadline == datetime.date(2024, 10, 31)
    assert second.fields.deadline == datetime.date(2024, 8, 31)
    assert third.fields.cooperating_units == ["县妇联"]
    assert third.fields.deadline == datetime.date(2024, 9, 30)


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("OWNER 责任单位", "responsible_units"),
        ("责任单位 OWNER", "responsible_units"),
        ("DEADLINE完成时限", "deadline"),
        # The opposite: a code alone, or Latin letters that are part of the name, name no column here.
        ("OWNER", None),
        ("AI应用", None),
    ],
)
def test_a_field_code_beside_a_column_name_leaves_the_name(header, key):
    assert column_key(header) == key


COMMAS_IN_PROSE = "\n".join(
    [
        "某镇2024年文化惠民工作要点",
        "",
        "一、丰富群众文化生活",
        "1.举办广场舞、合唱、戏曲等展演活动,全年不少于12场。责任单位：镇文化站；完成时限：2024年12月31日前。",
        "2.建设农家书屋3个,配齐图书。责任单位：镇文化站；完成时限：2024年6月30日前。",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_lines_with_commas_that_name_no_columns_stay_text(read):
    """The opposite: an ASCII comma in a sentence makes no table."""
    plan = read(COMMAS_IN_PROSE)
    assert tree(plan) == [
        "一、|丰富群众文化生活",
        "  1.|举办广场舞、合唱、戏曲等展演活动,全年不少于12场",
        "  2.|建设农家书屋3个,配齐图书",
    ]


# --- a month and day in figures before 前 ---------------------------------------------------------------------


def test_a_month_and_day_in_figures_before_qian_is_a_date():
    assert find_dates("9.30前", 2024) == [datetime.date(2024, 9, 30)]
    assert find_dates("11/15以前完成", 2024) == [datetime.date(2024, 11, 15)]


@pytest.mark.parametrize("text", ["投入6.30万元前", "增长3.5%", "9.30", "版本2.10.5前"])
def test_a_decimal_or_a_bare_month_day_is_no_such_date(text):
    """The opposite: a decimal, figures not before 前, or part of a longer dotted number name no date."""
    assert find_dates(text, 2024) == []


# --- paragraphs each opening with a lone dash, under bold names with no number ------------------------------

DASHED = "\n".join(
    [
        "# 某区2024年河湖长制工作方案",
        "",
        "为加强河湖管理保护，制定本方案。",
        "",
        "**管护目标**",
        "",
        "全区河湖水质稳定达标，群众满意度达到90%以上。",
        "",
        "**河道保洁**",
        "",
        "— 开展河道垃圾清捞，清捞河道不少于30公里。责任单位：区水务局；完成时限：五一前。",
        "",
        "— 整治入河排污口。牵头单位：区生态环境分局；责任单位：各街道；完成时限：2024年8月底前。",
        "",
        "**岸线管理**",
        "",
        "— 清理河道管理范围内违法建筑。责任单位：区城管局；完成时限：国庆节前。",
        "",
        "**工作要求**",
        "",
        "各单位要明确专人负责，按月报送进展情况。",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_dashed_paragraphs_under_bold_names_are_items_under_headings(read):
    plan = read(DASHED)
    assert tree(plan) == [
        "|河道保洁",
        "  |开展河道垃圾清捞，清捞河道不少于30公里",
        "  |整治入河排污口",
        "|岸线管理",
        "  |清理河道管理范围内违法建筑",
    ]
    first, second, third = _items(plan)
    assert first.fields.responsible_units == ["区水务局"]
    assert first.fields.deadline == datetime.date(2024, 4, 30)
    assert second.fields.lead_units == ["区生态环境分局"]
    assert third.fields.deadline == datetime.date(2024, 9, 30)
    assert [section.node.title for section in plan.guidance] == ["管护目标", "工作要求"]


QUOTED_DASHES = "\n".join(
    [
        "某镇2024年安全生产工作要点",
        "",
        "人民至上、生命至上。",
        "——摘自某次会议讲话",
        "——摘自某份文件",
        "",
        "一、开展隐患排查",
        "1.排查企业隐患。责任单位：镇安监办；完成时限：2024年5月31日前。",
        "— 此处一个破折号开头的段落，只有一个。",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_double_dashes_and_a_lone_dashed_line_are_no_list(read):
    """The opposite: "——" before a source is no bullet, nor is one dash opening a single paragraph."""
    plan = read(QUOTED_DASHES)
    assert tree(plan) == ["一、|开展隐患排查", "  1.|排查企业隐患"]


def test_the_eve_of_a_fixed_holiday_is_a_date():
    assert find_dates("国庆节前", 2024) == [datetime.date(2024, 9, 30)]
    assert find_dates("2025年五一前完成", 2024) == [datetime.date(2025, 4, 30)]


@pytest.mark.parametrize("text", ["中秋节前", "国庆节期间"])
def test_a_moving_holiday_or_no_eve_is_no_such_date(text):
    """The opposite: a lunar holiday's eve (but 春节's, from its table since the twenty-third set), or a
    holiday's days rather than its eve, name no date. (元旦前 does since the thirty-fourth set: the coming
    元旦, the plan year's last day.)"""
    assert find_dates(text, 2024) == []


PAGE_NUMBERS_BETWEEN_DASHES = "\n".join(
    [
        "某镇2024年农业工作要点",
        "",
        "一、稳定粮食生产",
        "1.完成粮食播种面积2万亩。责任单位：镇农业站；完成时限：2024年6月30日前。",
        "— 1 —",
        "2.推广良种良法。责任单位：镇农业站；完成时限：2024年9月30日前。",
        "— 2 —",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_page_numbers_between_dashes_are_no_list(read):
    """The opposite: "— 1 —", "— 2 —" at the foot of pages are no dashed paragraphs."""
    plan = read(PAGE_NUMBERS_BETWEEN_DASHES)
    assert tree(plan) == ["一、|稳定粮食生产", "  1.|完成粮食播种面积2万亩", "  2.|推广良种良法"]


# --- tasks run into one paragraph: "要抓好以下工作：一要…（X牵头…）；二要…（Y负责…）" ----------------------------

RUN_IN = "\n".join(
    [
        "某县人民政府办公室关于做好2024年秋冬季造林绿化工作的通知",
        "",
        "各乡镇人民政府，县直各部门：",
        "为做好今年秋冬季造林绿化工作，现就有关事项通知如下。",
        "",
        "一、扩大造林面积",
        "各乡镇要压实责任，要抓好以下工作：一要完成人工造林，全县造林不少于5000亩（县林业局牵头，各乡镇人民政府负责，"
        "11月30日前完成）；二要开展义务植树，做到应植尽植（县绿化委员会办公室负责，国庆节前完成）。",
        "",
        "二、提高造林质量",
        "要抓好以下工作：一要把好苗木质量关（县林业局牵头，县市场监管局配合，10月20日前完成）；"
        "二要落实管护责任（县林木种苗合作社负责，长期坚持）。",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_tasks_run_into_a_paragraph_are_items(read):
    plan = read(RUN_IN)
    assert tree(plan) == [
        "一、|扩大造林面积",
        "  一要|完成人工造林，全县造林不少于5000亩",
        "  二要|开展义务植树，做到应植尽植",
        "二、|提高造林质量",
        "  一要|把好苗木质量关",
        "  二要|落实管护责任",
    ]
    first, second, third, fourth = _items(plan)
    assert first.fields.lead_units == ["县林业局"]
    assert first.fields.responsible_units == ["各乡镇人民政府"]
    assert first.fields.deadline == datetime.date(2024, 11, 30)
    assert second.fields.deadline == datetime.date(2024, 9, 30)
    assert third.fields.cooperating_units == ["县市场监管局"]
    assert third.fields.deadline == datetime.date(2024, 10, 20)
    # A 合作社 is a unit: its bracket is the item's assignment.
    assert fourth.fields.responsible_units == ["县林木种苗合作社"] and fourth.fields.ongoing


RUN_IN_POINTS = "\n".join(
    [
        "某县2024年安全生产工作要点",
        "",
        "一、上年工作回顾",
        "去年主要存在以下问题：一是隐患排查不够深入；二是执法检查覆盖面不够。",
        "二、今年重点任务",
        "1.开展隐患排查整治。责任单位：县应急管理局；完成时限：2024年6月30日前。",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_points_run_into_a_paragraph_that_name_nobody_stay_its_text(read):
    """The opposite: "一是…；二是…" listing problems, no bracket saying who does them, is no item."""
    plan = read(RUN_IN_POINTS)
    assert "  一是|隐患排查不够深入" not in tree(plan)
    assert [found.title for found in _items(plan)] == ["开展隐患排查整治"]


# --- a project's planned cost beside what it builds and how much ----------------------------------------------


def _project_indicators(cost_header: str) -> list[list[tuple]]:
    rows = [
        ["序号", "项目名称", "建设内容及规模", cost_header, "实施单位", "完成时间"],
        ["1", "敬老院改扩建", "新建护理用房3000平方米，增加床位80张", "2500", "县民政局", "2024年11月"],
        ["2", "农贸市场改造", "改造摊位120个", "800", "县商务局", "2024年8月"],
    ]
    roots, _, _, _ = parse_table(Table(rows=rows, line=1, merges_filled=True), YEAR)
    return [[(found.value, found.unit) for found in root.indicators] for root in roots]


def test_a_planned_cost_named_for_no_year_beside_sizes_is_no_target():
    assert _project_indicators("计划投资（万元）") == [[(3000, "平方米"), (80, "张")], [(120, "个")]]


def test_a_years_planned_money_beside_sizes_is_still_its_target():
    """The opposite: "2024年计划投资" is the year's target, as it was."""
    assert _project_indicators("2024年计划投资（万元）") == [[(2500, "万元")], [(800, "万元")]]


# --- a workbook's date cell that lost its format: Excel's serial number ---------------------------------------


def _deadlines(cells: list[str]) -> list:
    rows = [["序号", "工作任务", "责任单位", "完成时限"]]
    rows += [[str(number), f"完成第{number}项工作。", "县文旅局", cell] for number, cell in enumerate(cells, 1)]
    roots, _, _, _ = parse_table(Table(rows=rows, line=1, merges_filled=True), YEAR)
    return [root.fields.deadline for root in roots]


def test_excels_serial_number_in_a_deadline_cell_is_its_date():
    assert _deadlines(["45473", "45565.0"]) == [datetime.date(2024, 6, 30), datetime.date(2024, 9, 30)]


def test_a_small_number_in_a_deadline_cell_is_no_serial_date():
    """The opposite: "10" (a month as some write it) or a year is not read as days since 1899."""
    assert datetime.date(1900, 1, 9) not in _deadlines(["10", "2024"])
    assert _deadlines(["2024年10月"]) == [datetime.date(2024, 10, 31)]


# --- full-width letters and digits throughout; points lettered a．b． under an item --------------------------

FULL_WIDTH = "\n".join(
    [
        "某镇２０２４年平安建设工作方案",
        "",
        "一、工作目标",
        "全镇群众安全感达到９５％以上。",
        "二、重点任务",
        "１）完善技防设施。",
        "ａ．新增高清监控探头６０个；",
        "ｂ．建成ＡＩ人脸识别卡口２处。",
        "责任单位：镇综治中心；完成时限：２０２４年９月３０日前。",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_full_width_letters_and_digits_read_as_ascii_and_lettered_points_are_items(read):
    plan = read(FULL_WIDTH)
    assert tree(plan) == [
        "二、|重点任务",
        "  1）|完善技防设施",
        "    a．|新增高清监控探头60个",
        "    b．|建成AI人脸识别卡口2处",
    ]
    first, second = _items(plan)
    # The assignment after the points is their item's, which they share (``_owner_of_assignment``).
    owner = next(found for found, _depth in plan.walk() if found.number == "1）")
    assert owner.fields.responsible_units == ["镇综治中心"]
    assert owner.fields.deadline == datetime.date(2024, 9, 30)
    assert [(found.value, found.unit) for found in first.indicators] == [(60, "个")]
    assert [(found.value, found.unit) for found in second.indicators] == [(2, "处")]


def test_a_capital_or_a_latin_word_is_no_lettered_point():
    """The opposite: "A." before words, or a Latin word with its stop, number nothing."""
    assert match("A.加强…") is None
    assert match("e.g.如下") is None
    assert match("WiFi覆盖") is None


# --- a leading group "由…主要负责同志任组长" in a guidance part ----------------------------------------------------

LEADING_GROUP = "\n".join(
    [
        "某乡2024年人居环境整治方案",
        "",
        "一、整治任务",
        "1.清理村庄垃圾。责任单位：乡环卫所；完成时限：2024年5月31日前。",
        "二、保障措施",
        "成立由乡党委主要负责同志任组长的整治工作领导小组，统筹推进各项工作。{more}",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_leading_group_of_responsible_comrades_is_no_assignment(read):
    plan = read(LEADING_GROUP.format(more=""))
    assert [section.node.title for section in plan.guidance] == ["保障措施"]
    assert [found.title for found in _items(plan)] == ["清理村庄垃圾"]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_guidance_part_that_names_who_does_the_work_stays_work(read):
    """The opposite: "由乡财政所负责" under 保障措施 names a unit answering for work."""
    plan = read(LEADING_GROUP.format(more="整治经费由乡财政所负责统筹。"))
    assert plan.guidance == []


# --- a Latin word or a code after what a figure counts ends its noun ----------------------------------


@pytest.mark.parametrize(
    "text, figure",
    [
        ("在4个便民服务站实现WiFi免费覆盖", (4, "个")),
        ("在12个主要交通路口安装AI识别探头", (12, "个")),
        ("新建2个5G基站", (2, "个")),
        ("完成6个PPP项目入库", (6, "个")),
    ],
)
def test_a_latin_word_after_the_counted_noun_ends_it(text, figure):
    assert [(found.value, found.unit) for found in find_indicators(text)] == [figure]


@pytest.mark.parametrize(
    "text", ["于2026年3月底前完成改造", "2026年6月30日前完成", "每月10日前报送", "持续3个月5个阶段"]
)
def test_a_date_or_a_span_before_a_digit_is_no_figure(text):
    assert find_indicators(text) == []


def test_two_figures_joined_by_and_stay_two_targets_beside_a_code():
    found = find_indicators("城乡居民收入分别增长6%和7.5%，新建2个5G基站")
    assert [(item.value, item.unit) for item in found] == [(6, "%"), (Decimal("7.5"), "%"), (2, "个")]


def test_a_line_break_after_a_quote_opened_inside_a_csv_cell_stops_nothing():
    """OCR or a hand lost the comma before a quoted cell that goes on over a line: the record cannot be
    read as CSV quoting says, and is read as written, every word kept."""
    text = "\n".join(
        [
            "某局2026年重点任务台账",
            "",
            "序号,工作任务,牵头科室,配合科室,完成时限",
            "1,压缩审批时限,审批科,信息科,2026/6/30",
            '2,推行帮办代办"区民政局,区人',
            '社局",2026/9/30',
            "3,优化窗口服务,政务科,,2026/12/31",
        ]
    )
    plan = as_paste(text)
    assert [found.title for found in _items(plan)][::2] == ["压缩审批时限", "优化窗口服务"]
    kept = account(plan)
    assert "区人" in kept and "社局" in kept
