"""Ordinary text the review of the merge found read wrongly and left for later, in made-up words, one section per
cause, each beside its opposite that must not change: a month schedule's line led by a range of months
("7月—8月：", "12月—次年1月：") or by part of a month ("3月中下旬："); a month's task split inside its quotation marks,
or given the month's end though it names its own date; a 纪要's sentence of last year's work read as an assignment;
and a unit's name that carries the modal of its predicate ("各部门要全力配合")."""

from __future__ import annotations

import datetime
import re

import pytest

from responsibility.importing import fields as phrases
from tests.responsibility.importing.made import md_reader, readers

from .test_held_out50_shapes import held
from .test_held_out54_schedule_shapes import part

YEAR = 2026
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
as_md = md_reader(YEAR)
TEXT_FORMS = [as_txt, as_paste, as_docx, as_md]


def schedule_of(lines: list[str], form=as_paste) -> list[tuple[str, datetime.date | None]]:
    """The tasks and deadlines of the 月份工作安排 of a plan whose schedule is ``lines``."""
    plan = form("\n".join(["青山区文旅局2026年工作计划", "一、月份工作安排", *lines, "青山区文旅局"]))
    return [(child.title, child.fields.deadline) for child in part(plan, "月份工作安排").children]


# --- a month schedule's line led by a range of months or a part of a month ---------------------------------


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_line_led_by_a_range_of_months_is_a_task_due_by_its_last_months_end(form):
    lines = [
        "1月：召开全区文旅工作会议。",
        "3月中下旬：举办春季文化旅游节。",
        "7月—8月：开展暑期文化惠民演出。",
        "11月至12月：开展年度目标考核。",
        "12月—次年1月：做好元旦春节文旅市场保障。",
    ]
    assert schedule_of(lines, form) == [
        ("召开全区文旅工作会议", D(YEAR, 1, 31)),
        ("举办春季文化旅游节", D(YEAR, 3, 31)),
        ("开展暑期文化惠民演出", D(YEAR, 8, 31)),
        ("开展年度目标考核", D(YEAR, 12, 31)),
        ("做好元旦春节文旅市场保障", D(YEAR + 1, 1, 31)),
    ]


def test_a_range_of_months_in_an_items_text_stays_its_text():
    # The opposite: under a numbered item, a dated line is a stage of its work, not an item of its own.
    plan = as_paste(
        "\n".join(
            [
                "青山区文旅局2026年工作计划",
                "一、重点工作",
                "1.办好暑期文化惠民活动。",
                "7月—8月：开展惠民演出20场。",
            ]
        )
    )
    item = plan.roots[0].children[0]
    assert (item.title, item.children, item.content) == ("办好暑期文化惠民活动", [], ["7月—8月：开展惠民演出20场。"])


def test_the_next_year_names_a_month_after_the_plans_year():
    assert phrases.find_dates("次年1月底前", YEAR) == [D(YEAR + 1, 1, 31)]
    assert phrases.find_dates("翌年3月", YEAR) == [D(YEAR + 1, 3, 31)]


def test_a_month_without_a_year_is_of_the_plans_year():
    # The opposite: "1月底前" and "明年1月底前" (明年 counts from the day it was written) stay in the plan's year.
    assert phrases.find_dates("1月底前", YEAR) == [D(YEAR, 1, 31)]
    assert phrases.find_dates("明年1月底前", YEAR) == [D(YEAR, 1, 31)]


# --- a month's tasks: quotation marks, and a date of their own ---------------------------------------------


def test_a_months_tasks_are_not_split_inside_quotation_marks():
    lines = ["5月：开展文明旅游宣传，做到“进景区入酒店；全面覆盖”；组织导游培训。"]
    assert schedule_of(lines) == [
        ("开展文明旅游宣传，做到“进景区入酒店；全面覆盖”", D(YEAR, 5, 31)),
        ("组织导游培训", D(YEAR, 5, 31)),
    ]
    assert phrases.split_outside_brackets(re.compile(r"[；;]"), "评选「最美；最好」；开展活动") == [
        "评选「最美；最好」",
        "开展活动",
    ]


def test_a_months_tasks_outside_quotation_marks_are_split_as_before():
    # The opposite: a line without quotation marks, or with a pair closed before the "；", splits at each "；".
    lines = ["5月：开展“文明旅游”宣传；组织导游培训。"]
    assert schedule_of(lines) == [("开展“文明旅游”宣传", D(YEAR, 5, 31)), ("组织导游培训", D(YEAR, 5, 31))]
    units = phrases.split_outside_brackets(re.compile(r"[、]"), "各县（市、区）、县文旅局")
    assert units == ["各县（市、区）", "县文旅局"]


def test_a_months_task_with_its_own_date_keeps_it():
    lines = [
        "5月：15日前印发旅游节方案；组织导游培训。",
        "6月：开展汛期景区安全检查；6月20日前形成检查报告。",
    ]
    assert schedule_of(lines) == [
        ("15日前印发旅游节方案", D(YEAR, 5, 15)),
        ("组织导游培训", D(YEAR, 5, 31)),
        ("开展汛期景区安全检查", D(YEAR, 6, 30)),
        ("6月20日前形成检查报告", D(YEAR, 6, 20)),
    ]


def test_a_months_task_without_a_date_of_its_own_is_due_by_the_months_end():
    # The opposite: "全年" is the span of the work named, no date; "15场" counts, no day.
    lines = ["1月：部署全年重点工作；召开全区文旅工作会议。", "8月：开展惠民演出15场。"]
    assert schedule_of(lines) == [
        ("部署全年重点工作", D(YEAR, 1, 31)),
        ("召开全区文旅工作会议", D(YEAR, 1, 31)),
        ("开展惠民演出15场", D(YEAR, 8, 31)),
    ]


# --- a 纪要's sentence of last year's work ------------------------------------------------------------------

MINUTES = [
    "白石县人民政府常务会议纪要",
    "2026年4月10日，县长主持召开县政府第8次常务会议。现将会议议定事项纪要如下：",
    "一、关于项目资金争取工作",
    "会议听取了县发改局的汇报。{}",
    "二、关于森林防火工作",
    "会议听取了县林业局的汇报。会议要求，县林业局负责，各乡镇配合，5月31日前完成隐患排查。",
]


@pytest.mark.parametrize(
    "sentence",
    [
        "2025年县发改局牵头，县财政局配合，争取中央资金1.2亿元。",
        "去年县发改局牵头，县财政局配合，争取中央资金1.2亿元。",
        "今年以来县发改局牵头，县财政局配合，争取上级资金3000万元。",
        "近年来县发改局负责，累计争取中央资金5亿元。",
    ],
)
def test_a_minutes_sentence_of_work_in_the_past_gives_no_units(sentence):
    lines = [*MINUTES[:3], MINUTES[3].format(sentence), *MINUTES[4:]]
    given = held(as_txt("\n".join(lines)))
    assert not (given["一、"].lead_units or given["一、"].responsible_units or given["一、"].cooperating_units)
    assert (given["二、"].responsible_units, given["二、"].cooperating_units) == (["县林业局"], ["各乡镇"])


def test_a_minutes_demand_gives_its_units():
    # The opposite: the meeting asks the same units for this year's work.
    sentence = "会议要求，县发改局牵头，县财政局配合，争取中央资金1.2亿元。"
    lines = [*MINUTES[:3], MINUTES[3].format(sentence), *MINUTES[4:]]
    given = held(as_txt("\n".join(lines)))
    assert (given["一、"].lead_units, given["一、"].cooperating_units) == (["县发改局"], ["县财政局"])


PLAN = ["白石县2026年重点工作计划", "一、项目建设"]


def test_an_items_sentence_of_work_in_the_past_gives_no_units():
    plan = as_paste("\n".join([*PLAN, "1.争取上级资金。去年县发改局负责组织申报。"]))
    fields = plan.roots[0].children[0].fields
    assert not (fields.lead_units or fields.responsible_units)


def test_an_items_sentence_of_this_years_work_gives_its_units():
    # The opposite: the same sentence without the time gone by.
    plan = as_paste("\n".join([*PLAN, "1.争取上级资金。县发改局负责组织申报。"]))
    fields = plan.roots[0].children[0].fields
    assert fields.responsible_units == ["县发改局"]


@pytest.mark.parametrize(
    ("clause", "gone_by"),
    [("2025年县发改局牵头", True), ("去年", True), ("今年以来", True), ("2026年6月底前", False), ("2026年底前", False)],
)
def test_a_year_alone_is_time_gone_by_a_date_is_not(clause, gone_by):
    assert bool(phrases.PAST_OPENING_RE.match(clause)) is gone_by


# --- the modal that opens the predicate after the units ----------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "lead", "responsible", "cooperating"),
    [
        ("会议强调，县发改局负责，各部门要全力配合，6月底前完成招商项目签约。", [], ["县发改局"], ["各部门"]),
        ("会议要求，县应急局牵头，相关单位要积极配合，5月底前完成隐患整治。", ["县应急局"], [], ["相关单位"]),
        ("会议明确，县应急局牵头，各乡镇需按属地负责，5月底前完成隐患整治。", ["县应急局"], ["各乡镇"], []),
    ],
)
def test_the_modal_after_a_units_name_is_no_part_of_it(sentence, lead, responsible, cooperating):
    lines = [*MINUTES[:3], MINUTES[3].format(sentence), *MINUTES[4:]]
    given = held(as_txt("\n".join(lines)))["一、"]
    assert (given.lead_units, given.responsible_units, given.cooperating_units) == (lead, responsible, cooperating)


def test_a_units_name_that_holds_a_modals_character_keeps_it():
    # The opposite: 应 of 应急 and of 供应 is a word of the name.
    names = phrases.read_names("县应急管理局牵头，县粮食供应站配合", "responsible_units").by_role
    assert names == {"lead_units": ["县应急管理局"], "cooperating_units": ["县粮食供应站"]}
