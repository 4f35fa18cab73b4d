"""The shapes the sixth held-out set (d67–d74) showed the importer did not follow, in made-up words:
a portal's metadata copied one cell a line (label line, value line) above the notice's own 文号; a
one-paragraph 组织保障 that tells every unit to report by a date; a table copied from Excel whose
leader, lead unit and deadline were merged down inside a 类别 group."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from responsibility.importing.document import Table
from responsibility.importing.headers import doc_number_of
from responsibility.importing.tables import parse_table
from responsibility.models import PlanImport
from tests.browser import Browser, plain_text
from tests.responsibility.importing.made import readers

from .test_held_out_shapes import tab_table, tree

YEAR = 2022
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


# --- a portal's metadata one cell a line ---------------------------------------------------------

PORTAL = "\n".join(
    [
        "某县人民政府",
        "首页　>　政务公开　>　规划计划",
        "索引号：",
        "000111222/2022-00031",
        "发布机构：",
        "某县人民政府办公室",
        "生成日期：",
        "2022-03-02",
        "文　　号：",
        "{portal_number}",
        "是否有效：",
        "是",
        "某县人民政府办公室关于印发某县2022年政务服务工作要点的通知",
        "{own_number}",
        "各乡镇人民政府，县直各单位：",
        "现将《某县2022年政务服务工作要点》印发给你们，请认真贯彻执行。",
        "某县人民政府办公室",
        "2022年3月1日",
        "某县2022年政务服务工作要点",
        "一、优化审批服务",
        "（一）推行帮办代办。",
        "牵头单位：县政务服务中心　　完成时限：2022年6月底前",
        "（二）压缩办理时限。",
        "牵头单位：县行政审批局　　完成时限：2022年9月底前",
        "二、强化工作要求",
        "各乡镇、县直各单位要明确专人负责，于2022年11月30日前将本单位工作情况报县政务服务中心。",
    ]
)


@pytest.mark.parametrize("form", ALL_FORMS)
def test_the_same_number_in_the_metadata_and_the_notice_is_one_doc_number(form):
    plan = form(PORTAL.format(portal_number="某政办发〔2022〕4号", own_number="某政办发〔2022〕4号"))
    assert plan.headers["doc_number"] == "某政办发〔2022〕4号"
    assert doc_number_of(plan.headers) == "某政办发〔2022〕4号"


@pytest.mark.parametrize("form", ALL_FORMS)
def test_each_metadata_value_on_the_line_under_its_label_is_that_labels(form):
    plan = form(PORTAL.format(portal_number="某政办发〔2022〕4号", own_number="某政办发〔2022〕4号"))
    index = dict(line.split("：", 1) for line in plan.headers["index"].split("\n"))
    assert index == {
        "索引号": "000111222/2022-00031",
        "发布机构": "某县人民政府办公室",
        "生成日期": "2022-03-02",
        "文号": "某政办发〔2022〕4号",
        "是否有效": "是",
    }
    assert plan.headers["addressee"] == "各乡镇人民政府，县直各单位"
    assert plan.headers["plan_title"] == "某县2022年政务服务工作要点"


@pytest.mark.parametrize("form", ALL_FORMS)
def test_the_notices_own_number_wins_over_a_different_one_in_the_metadata(form):
    """The notice's own 文号 line is the paper itself; a portal's 文号 cell may be mistyped or name
    the notice that forwards it. The portal's stays in the index data, where the office sees it."""
    plan = form(PORTAL.format(portal_number="某政办函〔2022〕7号", own_number="某政办发〔2022〕4号"))
    assert doc_number_of(plan.headers) == "某政办发〔2022〕4号"
    assert "文号：某政办函〔2022〕7号" in plan.headers["index"].split("\n")


@pytest.mark.parametrize("form", ALL_FORMS)
def test_the_metadata_number_is_kept_when_the_notice_has_no_number_line(form):
    text = PORTAL.format(portal_number="某政办发〔2022〕4号", own_number="")
    plan = form(text.replace("\n\n", "\n"))
    assert "doc_number" not in plan.headers
    assert doc_number_of(plan.headers) == "某政办发〔2022〕4号"


def test_an_empty_number_row_does_not_take_the_title_under_it():
    text = "\n".join(["文　　号：", "某县2022年政务服务工作要点", "一、优化审批服务", "（一）推行帮办代办。"])
    plan = as_paste(text)
    assert doc_number_of(plan.headers) == ""
    assert plan.headers["title"] == "某县2022年政务服务工作要点"


def test_the_same_number_line_twice_is_one_number_and_two_numbers_stay_two():
    body = "\n某县2022年政务服务工作要点\n一、优化审批服务\n（一）推行帮办代办。\n"
    assert as_paste("某政办发〔2022〕4号\n某政办发〔2022〕4号" + body).headers["doc_number"] == "某政办发〔2022〕4号"
    two = as_paste("某政办发〔2022〕4号\n某政办发〔2022〕5号" + body).headers["doc_number"]
    assert two == "某政办发〔2022〕4号\n某政办发〔2022〕5号"


# --- a guidance part that tells every unit to report by a date ----------------------------------


@pytest.mark.parametrize("form", ALL_FORMS)
def test_an_exhortation_to_every_unit_is_guidance_despite_its_reporting_date(form):
    plan = form(PORTAL.format(portal_number="某政办发〔2022〕4号", own_number="某政办发〔2022〕4号"))
    assert [f"{s.node.number}{s.node.title}" for s in plan.guidance] == ["二、强化工作要求"]
    assert tree(plan) == ["一、|优化审批服务", "  （一）|推行帮办代办", "  （二）|压缩办理时限"]


PLAN = "\n".join(
    [
        "某县2022年政务服务工作要点",
        "一、优化审批服务",
        "（一）推行帮办代办。",
        "牵头单位：县政务服务中心　　完成时限：2022年6月底前",
        "二、{heading}",
        "{text}",
    ]
)


@pytest.mark.parametrize(
    "heading, text",
    [
        # Named for the work, not as guidance: a task for every unit with a date.
        ("开展窗口作风整治", "各乡镇、县直各单位要于2022年6月底前完成窗口作风自查，形成整改清单。"),
        # A guidance name, but one unit is told, by a date: its task.
        ("组织保障", "县政务服务中心要于2022年11月30日前将全县工作情况报县政府，并做好年度总结。"),
        # A guidance name, addressed to all, but someone leads it.
        ("组织保障", "各乡镇、县直各单位要于2022年11月30日前完成自查（县政务服务中心牵头），形成报告。"),
        # A guidance name, addressed to all, with labels: work.
        ("工作要求", "各乡镇、县直各单位要按时报送工作情况。\n责任单位：县政务服务中心　　完成时限：2022年11月底前"),
    ],
)
def test_a_task_with_a_date_stays_an_item(heading, text):
    plan = as_paste(PLAN.format(heading=heading, text=text))
    assert plan.guidance == []
    assert [f"{root.number}{root.title}" for root in plan.roots] == ["一、优化审批服务", f"二、{heading}"]


def test_an_exhortation_of_two_paragraphs_with_a_date_stays_an_item():
    text = "各乡镇、县直各单位要高度重视，明确专人负责。\n各乡镇要于2022年11月30日前将工作情况报县政府。"
    plan = as_paste(PLAN.format(heading="组织保障", text=text))
    assert plan.guidance == []


def test_an_exhortation_without_a_date_is_guidance_as_before():
    plan = as_paste(
        PLAN.format(heading="组织保障", text="各乡镇、县直各单位要高度重视，明确专人负责，确保各项任务落到实处。")
    )
    assert [f"{s.node.number}{s.node.title}" for s in plan.guidance] == ["二、组织保障"]


# --- a table copied from Excel, leader, lead unit and deadline merged down inside a 类别 ----------------

HEADER = ["类别", "序号", "重点任务", "责任领导", "牵头单位", "配合单位", "完成时限"]
MERGED = [
    "某县2022年重点工作任务分解表",
    tab_table(
        [
            HEADER,
            ["优化营商环境", "1", "推行帮办代办", "赵甲", "县政务服务中心", "县行政审批局", "2022年6月底前"],
            ["", "2", "压缩办理时限", "", "县行政审批局", "", ""],
            ["", "3", "开展窗口评议", "钱乙", "县政务服务中心", "各乡镇", "2022年9月底前"],
            ["扩大有效投资", "4", "推进项目审批", "孙丙", "", "县发展改革局", "2022年10月底前"],
            ["", "5", "盘活存量资产", "孙丙", "", "", "2022年12月底前"],
            ["", "6", "开展招商引资", "孙丙", "县商务局", "各乡镇", "2022年12月底前"],
        ]
    ),
]


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_a_blank_under_a_merged_cell_inside_a_group_is_the_cell_above(form):
    plan = form("\n".join(MERGED))
    items = {item.number: item for item, _depth in plan.walk() if item.number}
    assert items["2"].fields.lead_leaders == ["赵甲"]
    assert items["2"].fields.deadline == D(2022, 6, 30)
    assert items["2"].fields.lead_units == ["县行政审批局"]
    assert items["5"].fields.lead_units == []  # the group's first row names no lead: nothing to carry
    messages = [problem.message for problem in plan.warnings]
    assert any("第" in message and "“完成时限”为空" in message and "2022年6月底前" in message for message in messages)


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_a_blank_cooperating_unit_inside_a_group_is_none(form):
    plan = form("\n".join(MERGED))
    items = {item.number: item for item, _depth in plan.walk() if item.number}
    assert items["2"].fields.cooperating_units == []
    assert items["5"].fields.cooperating_units == []


def test_a_blank_on_a_groups_first_row_is_not_the_previous_groups():
    rows = [
        HEADER,
        ["优化营商环境", "1", "推行帮办代办", "赵甲", "县政务服务中心", "", "2022年6月底前"],
        ["", "2", "压缩办理时限", "赵甲", "县行政审批局", "", "2022年6月底前"],
        ["扩大有效投资", "3", "推进项目审批", "孙丙", "县发展改革局", "", ""],
        ["", "4", "盘活存量资产", "孙丙", "县财政局", "", "2022年12月底前"],
    ]
    roots, _, warnings, _ = parse_table(Table(rows=rows, line=1), YEAR)
    items = {item.number: item for root in roots for item in root.children}
    assert items["3"].fields.deadline is None
    assert warnings == []


def test_without_a_group_column_a_blank_deadline_is_no_deadline():
    rows = [
        ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
        ["1", "推行帮办代办", "县政务服务中心", "", "2022年6月底前"],
        ["2", "压缩办理时限", "县行政审批局", "", ""],
        ["3", "开展窗口评议", "县政务服务中心", "", "2022年9月底前"],
    ]
    roots, _, _, _ = parse_table(Table(rows=rows, line=1), YEAR)
    assert [root.fields.deadline for root in roots] == [D(2022, 6, 30), None, D(2022, 9, 30)]


def test_a_table_whose_merges_are_filled_keeps_its_blanks():
    """A workbook or a Word table repeats a merged cell's text on each row it covers: a blank there
    was left blank."""
    rows = [line.split("\t") for line in MERGED[1].split("\n")]
    roots, _, warnings, _ = parse_table(Table(rows=rows, line=1, merges_filled=True), YEAR)
    items = {item.number: item for root in roots for item in root.children}
    assert items["2"].fields.deadline is None
    assert items["2"].fields.lead_leaders == []
    assert warnings == []


# --- through the import page -------------------------------------------------------------------------


def test_a_pasted_portal_page_imports_with_one_number_and_its_exhortation_as_guidance(
    cast, django_capture_on_commit_callbacks
):
    text = PORTAL.format(portal_number="某政办发〔2022〕4号", own_number="某政办发〔2022〕4号")
    browser = Browser(cast.office)
    form = {"organisation": cast.street.pk, "year": YEAR, "title": "", "text": text}
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.submit(reverse("plans:import"), form)
    assert response.status_code == 302, plain_text(response)
    job = PlanImport.objects.get()
    assert job.status == PlanImport.Status.DONE, job.message
    plan = job.plan
    assert doc_number_of(plan.headers) == "某政办发〔2022〕4号"
    assert [section.title for section in plan.guidance.all()] == ["强化工作要求"]
    assert sorted(item.title for item in plan.items.filter(is_heading=False)) == ["压缩办理时限", "推行帮办代办"]
