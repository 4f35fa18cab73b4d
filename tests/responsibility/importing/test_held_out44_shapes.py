"""The shapes the forty-fourth held-out set (d371–d378) showed the importer did not follow, in made-up
words, one section per cause: an item's number run together with a number its title opens with
("4.12345热线…"); a requirements part (二、有关要求) whose only units are the items' own, spoken of as a group,
and the office that sends the paper; people counted after a verb that staffs a unit ("至少配备1名…"); a 类别
merged down that a PDF's page break cuts ("公共卫" / "生")."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from tests.responsibility.importing.made import leaves, readers

YEAR = 2026
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


# --- an item's number run together with a number its title opens with --------------------------------

HOTLINE = [
    "关于第二季度民生诉求办理情况的督办通知",
    "一、督办事项",
    "1.背街小巷路灯报修积压。要求6月底前修复完毕。",
    "责任单位：区城管局",
    "2.农贸市场油烟投诉集中。要求完成油烟净化设施改造。",
    "责任单位：区市场监管局",
    "3.12315投诉举报响应超时。要求按时响应率达到98%以上。",
    "责任单位：区消费者协会",
    "办结时限：长期坚持",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_an_item_number_run_together_with_a_long_number_opening_its_title_is_the_item(read):
    items = leaves(read("\n".join(HOTLINE)))
    assert [item.number for item in items] == ["1.", "2.", "3."]
    assert items[2].title == "12315投诉举报响应超时"
    assert items[2].fields.responsible_units == ["区消费者协会"]
    assert items[1].fields.responsible_units == ["区市场监管局"]
    assert items[2].fields.ongoing


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_sub_number_or_a_decimal_after_the_item_number_is_no_item(read):
    # The opposite facts: "2.1…" is a sub-number (three digits at most), and "2.3456万吨…" where item 2 is due
    # is a figure with its unit, the text of item 1.
    plan = read("\n".join(["一、重点工作", "1.推进秸秆综合利用。", "2.3456万吨秸秆全部还田。", "2.建设收储中心。"]))
    items = leaves(plan)
    assert [item.title for item in items] == ["推进秸秆综合利用", "建设收储中心"]
    assert "2.3456万吨秸秆全部还田。" in "".join(items[0].content)
    plan = read("\n".join(["一、重点工作", "1.推进秸秆综合利用。", "2.建设收储中心", "2.1完善收储网点布局。"]))
    assert [item.number for item in leaves(plan)] == ["1.", "2.1"]


# --- a requirements part that asks the items' own units and the sending office ------------------------

REQUIREMENTS = [
    "青川县人民政府办公室",
    "关于对重点项目建设滞后事项进行督办的通知",
    "",
    "一、督办事项",
    "1.工业园区污水管网建设滞后。",
    "责任单位：县住建局",
    "办结时限：2026年7月31日前",
    "2.乡镇卫生院改造开工不足。",
    "责任单位：县卫健局",
    "办结时限：2026年9月30日前",
    "二、工作要求",
    "（一）各牵头单位要逐项细化推进计划，于5月10日前将推进计划报县政府办公室。",
    "（二）事项办结后，责任单位要在3个工作日内报送办理结果。县政府办公室将定期通报推进情况。",
    "",
    "青川县人民政府办公室",
    "2026年4月20日",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_requirements_that_ask_the_items_own_units_and_the_sending_office_are_guidance(read):
    plan = read("\n".join(REQUIREMENTS))
    assert [section.node.number + section.node.title for section in plan.guidance] == ["二、工作要求"]
    assert [item.title for item in leaves(plan)] == ["工业园区污水管网建设滞后", "乡镇卫生院改造开工不足"]


def test_requirements_that_name_a_unit_of_their_own_stay_work():
    # The opposite fact: another unit named to act by a date ("县财政局于6月底前拨付…") is a task to track.
    lines = [*REQUIREMENTS[:11], "（一）县财政局于6月底前拨付项目资金。", *REQUIREMENTS[13:]]
    plan = as_txt("\n".join(lines))
    assert plan.guidance == []
    assert "县财政局于6月底前拨付项目资金" in [item.title for item in leaves(plan)]


# --- people counted after a verb that staffs a unit -------------------------------------------------

STAFFING = [
    "某区2026年社区治理工作要点",
    "一、重点任务",
    "1.配强社区工作力量。每个社区至少配备1名专职网格管理服务人员。",
    "2.开展法律服务进社区。组织3名执业律师开展法律咨询服务。",
    "3.加强巡查力量。每个小区配备2名专职网格员开展夜间巡查。",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_people_counted_after_a_staffing_verb_are_the_target(read):
    items = leaves(read("\n".join(STAFFING)))
    assert [(found.value, found.unit, found.comparator) for found in items[0].indicators] == [(Decimal(1), "名", "gte")]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_people_who_do_the_work_are_no_target(read):
    # The opposite facts: the lawyers counted are who does the work, not what it is to achieve, and so are
    # people given to a unit with their work after them ("配备2名专职网格员开展夜间巡查").
    items = leaves(read("\n".join(STAFFING)))
    assert items[1].indicators == []
    assert all(found.unit != "名" for found in items[2].indicators)


# --- a category merged down that a PDF's page break cuts --------------------------------------------

LEDGER_HEADER = ["类别", "序号", "工作任务", "责任科室"]


def _column(texts: list[str], top: float) -> list:
    """A narrow column's cell as a PDF draws it: a character a line, 16 points high at a pitch of 28."""
    from responsibility.importing.layout import TextLine

    return [TextLine(text, 88, 104, top + 28 * n, top + 28 * n + 16) for n, text in enumerate(texts)]


def _ledger_over_two_pages(category: list[str], foot: float, rest: str, then: str) -> list[list[str]]:
    """Rows 1–2 under 医疗服务 and row 3 under ``category`` on the first page, the table's foot at ``foot``; rows
    4–5 on the next page under ``rest`` (merged down over both), ``then`` their 类别 written again."""
    from responsibility.importing.layout import Page, TableBox, join
    from responsibility.importing.pdf import _join_tables

    first = TableBox(
        rows=[
            LEDGER_HEADER,
            ["医疗服务", "1", "推进分级诊疗", "医政科"],
            ["医疗服务", "2", "改善就医体验", "医政科"],
            [join(_column(category, 445)), "3", "做好家庭医生签约", "基层科"],
        ],
        top=128,
        bottom=foot,
        x0=85,
        x1=696,
        lines=[[[], [], [], []], [[], [], [], []], [[], [], [], []], [_column(category, 445), [], [], []]],
    )
    second = TableBox(
        rows=[LEDGER_HEADER, [rest, "4", "加强传染病防控", "疾控科"], [then, "5", "开展健康体检", "老龄科"]],
        top=72,
        bottom=326,
        x0=85,
        x1=696,
    )
    pages = [Page(number=n, width=792, height=612, items=[table]) for n, table in enumerate([first, second], start=1)]
    _join_tables(pages)
    return pages[0].items[0].rows


def test_a_category_the_page_break_cuts_is_joined_over_both_pages():
    rows = _ledger_over_two_pages(["公", "共", "卫"], 523, "生", "生")
    assert [row[0] for row in rows[3:]] == ["公共卫生", "公共卫生", "公共卫生"]


@pytest.mark.parametrize(
    ("category", "foot"),
    [
        (["公", "共", "卫"], 560),  # its text stops short of the table's foot: a name of its own
        (["公", "共", "。"], 523),  # it ended a sentence
    ],
)
def test_a_category_that_is_whole_on_its_page_keeps_its_name(category, foot):
    # The opposite fact: the next page's 类别 is another group's.
    rows = _ledger_over_two_pages(category, foot, "生", "生")
    assert [row[0] for row in rows[3:]] == ["".join(category), "生", "生"]
