"""The shapes of the sixty-third held-out set (d526, d528, d529) the importer did not follow, in made-up words.

An event's plan counts its deadlines from the day of the event, its D日 ("D-30前", "D日", "D+3前"), which it names
with its date ("开幕日（D日）为2026年5月17日") or as the day its paragraph dates ("活动定于2026年5月17日举行……以
开幕日为D日"): each code is that day less or plus its days. A code in a plan that names no D日 names no day, and a
grade, a class or a model ("D级", "D类", "D-100型") is no code.

A workbook's date cell that Excel shows as a month alone (a month typed "2026年9月" is stored as its first day and
shown yyyy"年"m"月", mmm-yy or yyyy-mm) is due at that month's end; one shown with its day is that day.

A project table's 合计 row that counts its rows ("合计（6个）") under the header is no item, and a category row
that holds its subtotals, merged across nothing ("一 | 产业类（3个） | | 9000"), heads the rows under it without
its count; an item keeps the count that is its target ("建设口袋公园（3个）")."""

from __future__ import annotations

import datetime
import io

import pytest

from tests.responsibility.importing.made import branches, leaves, readers, table_readers

YEAR = 2026
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
FORMS = table_readers(YEAR)


# --- countdown codes from the plan's D日 ---------------------------------------------------------------

TASKS = [
    "三、任务分工",
    "1.完成场地布置。搭建主舞台和展位60个。（牵头单位：区文旅局；完成时限：D-10前）",
    "2.实施交通疏导。活动当日对周边道路实施分段管控。（牵头单位：区公安分局；完成时限：D日）",
    "3.完成场地清理。撤除临时设施，恢复道路通行。（牵头单位：区城管局；完成时限：D+2前）",
]
DUE = [D(2026, 5, 7), D(2026, 5, 17), D(2026, 5, 19)]


def event_plan(overview: str, tasks: list[str] = TASKS) -> str:
    return "\n".join(
        ["某区2026年美食文化节服务保障工作方案", "一、活动概况", overview, "二、组织机构", "成立服务保障指挥部。"]
        + tasks
        + ["某区美食文化节指挥部办公室", "2026年4月1日"]
    )


def deadlines(plan) -> list[datetime.date | None]:
    return [item.fields.deadline for item in leaves(plan)]


def task_deadlines(plan) -> list[datetime.date | None]:
    """The deadlines of the items of 三、任务分工, the overview's paragraph aside."""
    (tasks,) = [heading for heading in branches(plan) if heading.title == "任务分工"]
    return [item.fields.deadline for item in tasks.children]


@pytest.mark.parametrize("form", [as_txt, as_paste, as_docx])
@pytest.mark.parametrize(
    "overview",
    [
        "美食文化节开幕日（D日）为2026年5月17日，为期3天。",
        "美食文化节以开幕日为D日（2026年5月17日），为期3天。",
        "美食文化节将于2026年5月17日（D日）开幕，为期3天。",
        "时间节点按倒计时安排，D日：5月17日。",
    ],
)
def test_countdown_codes_count_from_the_d_day_the_plan_dates(form, overview):
    assert task_deadlines(form(event_plan(overview))) == DUE


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_countdown_codes_count_from_the_day_the_paragraph_naming_the_d_day_dates(form):
    overview = "美食文化节定于2026年5月17日（星期日）在滨江广场开幕。本方案以开幕日为D日，D-N为开幕日前第N天。"
    assert task_deadlines(form(event_plan(overview))) == DUE


def test_a_countdown_code_in_the_item_s_own_sentence_is_its_deadline():
    overview = "以2026年5月17日为D日。"
    tasks = ["三、任务分工", "1.完成场地布置。搭建主舞台和展位60个，D-10前完成。", "2.做好宣传。发布活动公告。"]
    assert task_deadlines(as_txt(event_plan(overview, tasks))) == [D(2026, 5, 7), None]


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_countdown_codes_in_a_plan_that_names_no_d_day_name_no_day(form):
    # The opposite: the overview dates the event, but never says it is the D日.
    overview = "美食文化节定于2026年5月17日（星期日）在滨江广场开幕，为期3天。"
    assert task_deadlines(form(event_plan(overview))) == [None, None, None]


def test_a_paragraph_that_dates_two_days_names_no_d_day():
    # The opposite: which of the two days is the 开幕日 the paragraph does not say.
    overview = "美食文化节定于2026年5月17日开幕，5月10日前完成报名。本方案以开幕日为D日。"
    assert task_deadlines(as_txt(event_plan(overview))) == [None, None, None]


def test_a_grade_a_class_or_a_model_is_no_countdown_code():
    # The opposite: with the D日 dated, "D级", "D类" and "D-100型" name no day.
    overview = "美食文化节开幕日（D日）为2026年5月17日。"
    tasks = [
        "三、任务分工",
        "1.排查D级危房。对沿线房屋开展安全鉴定。",
        "2.整治D类场所。规范沿街商户经营。",
        "3.配置设备。采购D-100型发电机2台。",
    ]
    assert task_deadlines(as_txt(event_plan(overview, tasks))) == [None, None, None]


# --- a month alone in an Excel date cell -------------------------------------------------------------

MONTH_FORMATS = ['yyyy"年"m"月"', "mmm-yy", "yyyy-mm", '[$-804]yyyy"年"m"月";@']


def dated_workbook(number_format: str) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["某县2026年质量提升重点任务清单"])
    sheet.append(["序号", "重点任务", "责任股室", "完成时限"])
    sheet.append([1, "开展计量器具检定", "计量股", datetime.datetime(2026, 9, 1)])
    sheet.append([2, "推进标准制修订", "标准化股", datetime.datetime(2026, 2, 1)])
    for row in (3, 4):
        sheet.cell(row=row, column=4).number_format = number_format
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def as_xlsx(data: bytes):
    from responsibility.importing.parse import parse
    from responsibility.importing.readers import read

    return parse(read("清单.xlsx", data), YEAR)


@pytest.mark.parametrize("number_format", MONTH_FORMATS)
def test_a_date_cell_shown_as_a_month_alone_is_due_at_the_month_s_end(number_format):
    assert deadlines(as_xlsx(dated_workbook(number_format))) == [D(2026, 9, 30), D(2026, 2, 28)]


@pytest.mark.parametrize("number_format", ["yyyy/m/d", "yyyy-mm-dd", 'yyyy"年"m"月"d"日"', 'm"月"d"日"', "General"])
def test_a_date_cell_shown_with_its_day_is_that_day(number_format):
    # The opposite: the first of the month shown as such is the first.
    assert deadlines(as_xlsx(dated_workbook(number_format))) == [D(2026, 9, 1), D(2026, 2, 1)]


def test_a_date_cell_shown_as_a_year_alone_reads_as_that_year():
    from responsibility.importing.xlsx import cell_text

    assert cell_text(datetime.datetime(2026, 1, 1), 'yyyy"年"') == "2026年"
    assert cell_text(datetime.datetime(2026, 9, 1, 8, 30), "yyyy-mm-dd hh:mm") == "2026年9月1日 08:30"


# --- a 合计 row and category rows holding subtotals ---------------------------------------------------

HEADER = ["序号", "项目名称", "总投资", "年度计划投资", "责任单位", "计划完成时间"]
PROJECTS = [
    HEADER,
    ["", "合计（4个）", "15000", "6000", "", ""],
    ["一", "产业类（2个）", "9000", "4000", "", ""],
    ["1", "建设冷链物流中心", "5000", "2500", "镇经济发展办", "2026年10月"],
    ["2", "改造提升茶叶加工厂", "4000", "1500", "镇农业服务中心", "2026年12月"],
    ["二", "民生类（2个）", "6000", "2000", "", ""],
    ["3", "改扩建卫生院门诊楼", "4000", "1200", "镇卫生院", "2026年11月"],
    ["4", "建设口袋公园（3个）", "2000", "800", "镇规划建设办", "2026年9月"],
]


@pytest.mark.parametrize("form", ["xlsx", "paste"])
def test_a_category_row_holding_its_subtotals_heads_its_rows_without_its_count(form):
    plan = FORMS[form]([["白沙镇2026年重点项目投资计划表", "", "", "", "", ""], *PROJECTS])
    assert [(heading.number, heading.title) for heading in branches(plan)] == [("一", "产业类"), ("二", "民生类")]


@pytest.mark.parametrize("form", ["xlsx", "paste"])
@pytest.mark.parametrize("total", ["合计（4个）", "总计(共4项)", "小计：4个项目"])
def test_a_total_row_that_counts_its_rows_is_no_item(form, total):
    rows = [list(row) for row in PROJECTS]
    rows[1][1] = total
    plan = FORMS[form]([["白沙镇2026年重点项目投资计划表", "", "", "", "", ""], *rows])
    assert [item.number for item in leaves(plan)] == ["1", "2", "3", "4"]


@pytest.mark.parametrize("form", ["xlsx", "paste"])
def test_an_item_keeps_the_count_that_is_its_target(form):
    # The opposite: a row with nothing under it is an item, and its "（3个）" says how many it builds.
    plan = FORMS[form]([["白沙镇2026年重点项目投资计划表", "", "", "", "", ""], *PROJECTS])
    assert leaves(plan)[-1].title == "建设口袋公园（3个）"
