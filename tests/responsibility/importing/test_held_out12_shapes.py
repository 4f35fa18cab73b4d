"""The shapes the twelfth held-out set (d115–d122) showed the importer did not follow, in made-up
words, one section per cause: a list of agreed matters whose numbered rows are grouped under rows of
one cell naming the meeting that agreed them; items numbered in square brackets ("【1】") with label lines;
a workbook of problems to put right whose two-row header has its other columns merged down over both rows;
a schedule that ticks the months an item is worked on, the last tick its deadline; an item's closing
bracket of units in their roles that names a 人民政府 and how the work is paced ("分季度推进"); an
interpretation of a plan (政策解读), which tells of the plan and is none."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing.parse import parse
from responsibility.importing.readers import read, read_pasted
from responsibility.importing.shape import check
from tests.responsibility.importing.made import readers

from .test_held_out11_shapes import _work_book
from .test_held_out_shapes import tab_table, tree

YEAR = 2023
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


def _items(plan):
    return [found for found, _depth in plan.walk() if not found.children]


# --- one-cell group rows (a meeting) over the numbered rows they group -------------------------------

MEETING_HEADER = ["序号", "议定事项", "责任人", "承办单位", "办理时限"]
PLANTING = ["1", "研究春季植树安排", "甲某", "林业站", "2023年3月底前"]
DREDGING = ["2", "部署河塘清淤", "乙某", "水利站", "2023年4月底前"]


def _matters(*rows: list[str]) -> str:
    return "\n".join(["某镇2023年镇务会议议定事项督办清单", "", tab_table([MEETING_HEADER, *rows]), ""])


GROUPED = _matters(
    ["镇务会第3次会议（2023年2月6日）", "", "", "", ""],
    PLANTING,
    DREDGING,
    ["镇务会第4次会议（2023年3月8日）", "", "", "", ""],
    ["3", "研究集市改造", "丙某", "城建办", "2023年6月底前"],
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_one_cell_group_rows_head_the_numbered_rows_under_them(read):
    plan = read(GROUPED)
    assert tree(plan) == [
        "|镇务会第3次会议（2023年2月6日）",
        "  1|研究春季植树安排",
        "  2|部署河塘清淤",
        "|镇务会第4次会议（2023年3月8日）",
        "  3|研究集市改造",
    ]
    assert [item.fields.deadline.month for item in _items(plan)] == [3, 4, 6]
    assert not plan.warnings


FOOT_LINE = _matters(PLANTING, DREDGING, ["镇党政办汇总", "", "", "", ""])


def test_a_lone_one_cell_row_under_the_last_item_heads_nothing():
    plan = as_txt(FOOT_LINE)
    assert tree(plan) == ["1|研究春季植树安排", "2|部署河塘清淤"]


# --- items numbered in square brackets, label lines under each -------------------------------------

SQUARE = "\n".join(
    [
        "某村2023年为民办实事项目",
        "",
        "经村民代表会议票决，确定实事项目3件。",
        "",
        "【1】修缮村文化礼堂。举办乡村音乐节1届。",
        "责任单位：村委会",
        "完成时间：2023年6月底前",
        "",
        "【2】硬化机耕道路。硬化道路3公里。",
        "责任单位：村委会",
        "协办单位：农机合作社",
        "完成时间：2023年10月",
        "",
        "［3］更换路灯。更换路灯40盏。",
        "责任单位：村电工组",
        "完成时间：年内",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_numbers_in_square_brackets_number_items(read):
    plan = read(SQUARE)
    assert tree(plan) == ["【1】|修缮村文化礼堂", "【2】|硬化机耕道路", "［3］|更换路灯"]
    first, second, third = _items(plan)
    assert first.fields.responsible_units == ["村委会"]
    assert second.fields.cooperating_units == ["农机合作社"]
    assert [item.fields.deadline.month for item in (first, second, third)] == [6, 10, 12]
    assert [(found.value, found.unit) for found in first.indicators] == [(1, "届")]


def test_a_document_number_in_square_brackets_numbers_nothing():
    plan = as_txt("某村2023年工作安排\n\n【2023】12号文件要求：\n1. 修缮村文化礼堂。\n2. 硬化机耕道路。")
    assert [found.number for found, _depth in plan.walk()] == ["1.", "2."]


# --- a two-row header whose cells merged down are filled into the lower row ---------------------------

PROBLEMS = [
    ["某站2023年检查反馈问题整改清单", "", "", "", "", ""],
    ["序号", "发现问题", "整改办法", "整改责任", "", "整改时限"],
    ["", "", "", "分管领导", "责任科室", ""],
    ["1", "台账登记不全", "补齐台账", "甲某", "综合科", "2023年5月底前"],
    ["2", "巡查记录缺失", "建立巡查日志", "乙某", "业务科", "2023年6月底前"],
]
PROBLEM_MERGES = ["A1:F1", "A2:A3", "B2:B3", "C2:C3", "D2:E2", "F2:F3"]
PROBLEM_FORMS = {
    "xlsx": lambda rows: parse(read("清单.xlsx", _work_book(rows, PROBLEM_MERGES)), YEAR),
    "paste": lambda rows: parse(read_pasted(tab_table(rows)), YEAR),
}


@pytest.mark.parametrize("form", PROBLEM_FORMS.values(), ids=PROBLEM_FORMS.keys())
def test_a_two_row_header_with_cells_merged_down_names_the_problem_column_the_task(form):
    plan = form(PROBLEMS)
    assert tree(plan) == ["1|台账登记不全", "2|巡查记录缺失"]
    first, second = _items(plan)
    assert first.fields.responsible_units == ["综合科"]
    assert second.fields.deadline.month == 6
    assert any("补齐台账" in text for text in first.content)


def test_a_first_row_that_repeats_a_header_cell_is_still_an_item():
    rows = [
        ["序号", "工作任务", "责任单位", "完成时限"],
        ["1", "修缮礼堂", "责任单位", "2023年6月底前"],
        ["2", "硬化道路", "村委会", "2023年9月底前"],
    ]
    plan = parse(read("清单.xlsx", _work_book(rows, [])), YEAR)
    assert tree(plan) == ["1|修缮礼堂", "2|硬化道路"]


# --- a schedule of months ticked, the last tick the deadline -----------------------------------------

TICKS = "\n".join(
    [
        "某村2023年重点工作推进表",
        "",
        tab_table(
            [
                ["序号", "工作任务", "责任单位", "3月", "4月", "5月", "6月"],
                ["1", "清理沟渠", "村委会", "√", "√", "", ""],
                ["2", "修补村道", "村委会", "", "√", "√", "√"],
                ["3", "发放农资", "合作社", "", "", "", ""],
            ]
        ),
        "",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_the_last_month_ticked_is_the_deadline(read):
    plan = read(TICKS)
    deadlines = [item.fields.deadline for item in _items(plan)]
    assert deadlines == [datetime.date(2023, 4, 30), datetime.date(2023, 6, 30), None]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_v_alone_in_a_month_column_ticks_it(read):
    plan = read(TICKS.replace("√", "V"))
    assert [item.fields.deadline for item in _items(plan)] == [
        datetime.date(2023, 4, 30),
        datetime.date(2023, 6, 30),
        None,
    ]


def test_a_v_in_a_longer_text_of_a_month_column_ticks_nothing():
    plan = as_txt(TICKS.replace("√", "VIP"))
    assert [item.fields.deadline for item in _items(plan)] == [None, None, None]


def test_a_written_deadline_wins_over_ticks_and_monthly_numbers_tick_nothing():
    plan = as_txt(
        tab_table(
            [
                ["序号", "工作任务", "责任单位", "完成时限", "3月", "4月", "5月"],
                ["1", "清理沟渠", "村委会", "2023年9月底前", "√", "√", ""],
                ["2", "修补村道", "村委会", "", "20", "30", "40"],
            ]
        )
    )
    assert [item.fields.deadline for item in _items(plan)] == [datetime.date(2023, 9, 30), None]


# --- a closing bracket with a 人民政府 and the work's pace -------------------------------------------


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_closing_bracket_naming_a_government_and_a_pace_assigns_the_item(read):
    plan = read(
        "某县2023年工作方案\n\n1．新建农贸市场。新建市场2个。（县商务局牵头，各镇人民政府配合，分季度推进，2023年10月底前完成）"
    )
    (item,) = _items(plan)
    assert item.title == "新建农贸市场"
    assert item.fields.lead_units == ["县商务局"]
    assert item.fields.cooperating_units == ["各镇人民政府"]
    assert item.fields.deadline == datetime.date(2023, 10, 31)


def test_a_bracket_of_what_a_government_does_is_no_assignment():
    plan = as_txt("某县2023年工作方案\n\n1．完善考核办法。（加强对各镇人民政府的考核，分季度推进）")
    (item,) = _items(plan)
    assert item.fields.lead_units == [] and item.fields.cooperating_units == []
    assert item.fields.responsible_units == []


# --- an interpretation of a plan is no plan ----------------------------------------------------------

INTERPRETATION = "\n".join(
    [
        "《某县2023年农业重点任务清单》解读",
        "",
        "近日，县政府办公室印发了《某县2023年农业重点任务清单》，现解读如下。",
        "",
        "一、出台背景",
        "去年全县粮食产量稳中有升。",
        "二、主要内容",
        "清单共4个方面20项任务。",
        "三、责任分工",
        "县农业农村局牵头推进种业振兴，各乡镇负责本地任务。",
        "四、解读机关",
        "解读人：县农业农村局",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_an_interpretation_of_a_plan_is_no_plan(read):
    shape = check(read(INTERPRETATION))
    assert not shape.looks_like_plan
    assert any("政策解读" in text for text in shape.missing)


def test_a_plan_for_the_work_of_interpreting_is_a_plan():
    text = "\n".join(
        [
            "某县2023年政策解读工作要点",
            "",
            *(
                f"{number}．{task}。（县司法局牵头，2023年{month}月底前完成）"
                for number, task, month in [
                    (1, "编写解读手册", 3),
                    (2, "开展解读宣讲", 5),
                    (3, "录制解读视频", 6),
                    (4, "更新网站专栏", 8),
                    (5, "汇编常见问答", 10),
                ]
            ),
        ]
    )
    assert check(as_txt(text)).looks_like_plan
