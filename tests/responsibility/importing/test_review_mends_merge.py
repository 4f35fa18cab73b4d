"""Ordinary text that the 54th and 55th sets' fixes first read wrongly, found by a review of the merge, each
beside the shape its fix was made for: work done already as the work's object (对已建成设施) is still a task to
do; numbers a line sets apart ("62 63 64") are no scan's stray spaces. (The slashed month and day, a date only
under a label or a header of dates, is tested in test_held_out55_table_shapes.py.)"""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing import fields as phrases
from responsibility.importing.document import Line, Source
from responsibility.importing.written import without_stray_spaces
from tests.responsibility.importing.made import readers

from .test_held_out50_shapes import held
from .test_held_out54_schedule_shapes import part

YEAR = 2027
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)


# --- work done already, as the object of work to do ----------------------------------------------------------

SCHEDULE = [
    "青山区住建局2027年工作计划",
    "一、月份工作安排",
    "1月：召开全区住建工作会议。",
    "2月：对已建成设施开展安全检查。",
    "4月：做好已落实资金的拨付工作。",
    "6月：开展汛期安全大检查。",
    "青山区住建局",
]


@pytest.mark.parametrize("form", [as_txt, as_paste, as_docx])
def test_a_months_task_on_what_is_done_already_is_still_a_task(form):
    schedule = part(form("\n".join(SCHEDULE)), "月份工作安排")
    assert [(child.title, child.fields.deadline) for child in schedule.children] == [
        ("召开全区住建工作会议", D(YEAR, 1, 31)),
        ("对已建成设施开展安全检查", D(YEAR, 2, 28)),
        ("做好已落实资金的拨付工作", D(YEAR, 4, 30)),
        ("开展汛期安全大检查", D(YEAR, 6, 30)),
    ]


@pytest.mark.parametrize(
    ("text", "done"),
    [
        ("召开了全区教育工作会议", True),
        ("已完成全部改造任务", True),
        ("项目已经建成投用", True),
        ("对已建成小区开展验收", False),
        ("做好已落实资金的拨付工作", False),
        ("了解群众需求", False),
        ("做到了然于心", False),
    ],
)
def test_done_work_is_said_by_a_verb_of_the_past_not_by_its_object(text, done):
    assert bool(phrases.DONE_WORK_RE.search(text)) is done


MINUTES = [
    "白石县人民政府常务会议纪要",
    "2027年4月10日，县长主持召开县政府第8次常务会议。现将会议议定事项纪要如下：",
    "一、关于老旧小区改造工作",
    "会议听取了县住建局的汇报。会议要求，县住建局牵头，县城管局配合，6月底前对已建成小区开展验收。",
    "二、关于森林防火工作",
    "会议听取了县林业局的汇报。会议要求，县林业局负责，各乡镇配合，5月31日前完成隐患排查。",
    "三、关于城区停车场建设",
    "会议研究了停车场建设工作。会议要求，县住建局负责，县自然资源局协助，9月底前建成停车场2处。",
]


def test_a_minutes_demand_on_what_is_built_already_gives_its_units():
    given = held(as_txt("\n".join(MINUTES)))
    assert (given["一、"].lead_units, given["一、"].cooperating_units) == (["县住建局"], ["县城管局"])
    assert given["一、"].deadline == D(YEAR, 6, 30)


def test_a_minutes_record_of_work_done_gives_no_units():
    # The opposite: the units did the work already ("…配合，已完成…"), as a 总结 tells.
    done = "会议听取了县住建局的汇报。会议认为，县住建局牵头，县城管局配合，已完成小区验收。"
    lines = [*MINUTES[:3], done, *MINUTES[4:]]
    given = held(as_txt("\n".join(lines)))
    assert not (given["一、"].lead_units or given["一、"].responsible_units)


# --- numbers a line sets apart -------------------------------------------------------------------------------


def source_of(lines: list[str]) -> Source:
    return Source("plan.txt", "txt", [Line(text, number) for number, text in enumerate(lines, 1)])


def test_numbers_a_line_sets_apart_are_no_stray_spaces():
    lines = [
        "某县2026年生态环境保护实施方案",
        "一、主要指标（2024年 2025年 2026年）",
        "森林覆盖率（%） 62 63 64",
        "空气优良天数比率（%） 88 90 92",
        "地表水达标率（%） 95 96 97",
        "污水处理率（%） 93 95 97",
        "二、重点任务",
        "1.开展大气污染防治，PM2.5浓度下降5%。",
    ]
    source = source_of(lines)
    assert without_stray_spaces(source) is source


def test_a_text_layers_spaced_digits_are_closed_up():
    # The opposite: a scan's text layer spaces every digit of its dates.
    lines = [
        "某县市场监管局2 0 2 4年工作安排",
        "一、强化食品安全监管",
        "1.开展食品生产企业风险分级管理，2 0 2 4年1 2月底前完成。",
        "2.完成食品安全监督抽检1 2 0 0批次，2 0 2 4年1 1月底前完成。",
    ]
    closed = without_stray_spaces(source_of(lines))
    assert [block.text for block in closed.blocks][2] == "1.开展食品生产企业风险分级管理，2024年12月底前完成。"
