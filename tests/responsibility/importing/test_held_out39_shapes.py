"""The shapes the thirty-ninth held-out set (d331–d338) showed the importer did not follow, in made-up
words, one section per cause: items numbered by hyphen codes ("1-1 ", "2-1 ") under their （一）; a
closing 保障措施 whose note explains a quoted mark ("注：标注“（牵头）”的为牵头单位"); a 整改 list whose
problem column ("问题表现") follows a column of where each problem came from; a ledger's node to reach
next beside the column of the date it is due ("下步推进节点 | 节点时间")."""

from __future__ import annotations

import datetime

import pytest

from tests.responsibility.importing.made import leaves, readers, table_readers

YEAR = 2024
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]
TABLE_FORMS = table_readers(YEAR)


# --- items numbered by hyphen codes under their （一） ----------------------------------------------

HYPHEN_CODES = [
    "青山镇2024年文旅融合工作要点",
    "",
    "一、重点工作",
    "（一）景区提质",
    "1-1 完成古镇游客中心改造，新增停车位200个。（文旅办牵头，建设办配合；8月底前）",
    "1-2 开发研学线路不少于5条。（文旅办牵头；年底前）",
    "（二）活动引流",
    "2-1 举办油菜花节等节会活动3场。（宣传办牵头，各村配合；10月底前）",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_lines_numbered_by_hyphen_codes_are_items_under_their_heading(read):
    items = leaves(read("\n".join(HYPHEN_CODES)))
    assert [(item.number, item.title) for item in items] == [
        ("1-1", "完成古镇游客中心改造，新增停车位200个"),
        ("1-2", "开发研学线路不少于5条"),
        ("2-1", "举办油菜花节等节会活动3场"),
    ]
    assert [item.fields.lead_units for item in items] == [["文旅办"], ["文旅办"], ["宣传办"]]
    assert items[0].fields.cooperating_units == ["建设办"]
    assert [item.fields.deadline for item in items] == [D(2024, 8, 31), D(2024, 12, 31), D(2024, 10, 31)]


def test_hyphen_codes_whose_gap_a_pdf_dropped_are_items_where_due():
    # A PDF's text drops the gap after the code ("1-1完成…"): the code is still the number due next.
    items = leaves(as_txt("\n".join(line.replace(" ", "", 1) if line[:1].isdigit() else line for line in HYPHEN_CODES)))
    assert [(item.number, item.title) for item in items] == [
        ("1-1", "完成古镇游客中心改造，新增停车位200个"),
        ("1-2", "开发研学线路不少于5条"),
        ("2-1", "举办油菜花节等节会活动3场"),
    ]


def test_a_range_of_months_opening_a_line_is_no_hyphen_code():
    # The opposite fact: "1-3 月份…" under an item says when, in the item's text; it numbers nothing.
    plan = as_txt(
        "\n".join(
            [
                "一、重点工作",
                "1.开展古镇环境整治。（建设办牵头；6月底前）",
                "1-3 月份完成摸底，4-6 月份集中整治。",
                "2-4月完成验收。",
            ]
        )
    )
    items = leaves(plan)
    assert [item.title for item in items] == ["开展古镇环境整治"]
    assert "1-3 月份完成摸底，4-6 月份集中整治。" in items[0].content
    assert "2-4月完成验收。" in items[0].content


# --- a closing 保障措施 whose note explains a quoted mark --------------------------------------------

NOTED_MARK = [
    "青山镇2024年人居环境整治方案",
    "",
    "一、整治任务",
    "1.清理河塘垃圾。责任单位：农业办（牵头）、各村；完成时限：2024年6月底前。",
    "2.改造农村厕所300户。责任单位：各村、建设办（牵头）；完成时限：2024年10月底前。",
    "二、保障措施",
    "（一）加强统筹。镇整治办每月调度一次，协调解决难题。",
    "（二）严格督查。将整治成效纳入村级年度考核。",
    "注：标注“（牵头）”的为牵头单位，其余为责任单位。",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_note_explaining_a_quoted_mark_leaves_a_closing_part_guidance(read):
    plan = read("\n".join(NOTED_MARK))
    assert [f"{section.node.number}{section.node.title}" for section in plan.guidance] == ["二、保障措施"]
    assert [item.title for item in leaves(plan)] == ["清理河塘垃圾", "改造农村厕所300户"]


def test_a_part_under_a_guidance_name_that_brackets_its_lead_stays_work():
    # The opposite fact: "（农业办牵头）" names a unit to track, not a mark spoken of: the part is work.
    plan = as_txt("\n".join([*NOTED_MARK[:6], "（一）建立长效管护机制。（农业办牵头）", "（二）严格督查。"]))
    assert plan.guidance == []
    assert "建立长效管护机制" in [item.title for item in leaves(plan)]


# --- a 整改 list whose problem column follows a column of where each problem came from ----------------

SOURCED_PROBLEMS = [
    ["序号", "问题来源", "问题表现", "整改措施", "责任科室", "整改时限"],
    ["1", "自我检视", "窗口服务意识不强，群众等候时间长", "推行预约办理", "服务科", "2024年9月30日"],
    ["2", "走访调研", "惠企政策宣传不到位", "编印政策汇编", "政策科", "2024年11月30日"],
]


@pytest.mark.parametrize("form", sorted(TABLE_FORMS))
def test_a_problem_column_after_a_source_column_is_the_items_title(form):
    items = leaves(TABLE_FORMS[form](SOURCED_PROBLEMS))
    assert [item.title for item in items] == ["窗口服务意识不强，群众等候时间长", "惠企政策宣传不到位"]
    assert [item.fields.responsible_units for item in items] == [["服务科"], ["政策科"]]
    assert [item.fields.deadline for item in items] == [D(2024, 9, 30), D(2024, 11, 30)]


@pytest.mark.parametrize("form", sorted(TABLE_FORMS))
def test_a_task_column_before_a_problems_column_stays_the_title(form):
    # The opposite fact: a 工作任务 column names the item; the 存在问题 beside it is what held it back.
    rows = [
        ["序号", "工作任务", "责任科室", "完成时限", "存在问题"],
        ["1", "完成窗口改造", "服务科", "2024年9月30日", "资金未到位"],
        ["2", "编印政策汇编", "政策科", "2024年11月30日", "无"],
    ]
    assert [item.title for item in leaves(TABLE_FORMS[form](rows))] == ["完成窗口改造", "编印政策汇编"]


@pytest.mark.parametrize("form", sorted(TABLE_FORMS))
def test_a_problems_column_after_who_and_when_is_no_title(form):
    # The opposite fact: a 存在问题 column after the units and the date is what held an unnamed task back.
    rows = [
        ["序号", "民生实事", "责任科室", "完成时限", "存在问题"],
        ["1", "完成窗口改造", "服务科", "2024年9月30日", "资金未到位"],
        ["2", "编印政策汇编", "政策科", "2024年11月30日", "稿件待审"],
    ]
    assert [item.title for item in leaves(TABLE_FORMS[form](rows))] == ["完成窗口改造", "编印政策汇编"]


# --- a ledger's next node beside the column of the date it is due ------------------------------------

NODES = [
    ["序号", "项目名称", "责任部门", "下步推进节点", "节点时间"],
    ["1", "物流园二期项目", "招商局", "完成桩基施工", "2024/6/30"],
    ["2", "冷链仓储中心项目", "招商局、建设局", "引进冷链企业12家", "2024/9/15"],
]


@pytest.mark.parametrize("form", sorted(TABLE_FORMS))
def test_the_nodes_time_column_is_the_deadline_and_the_node_the_work(form):
    items = leaves(TABLE_FORMS[form](NODES))
    assert [item.title for item in items] == ["物流园二期项目", "冷链仓储中心项目"]
    assert [item.fields.deadline for item in items] == [D(2024, 6, 30), D(2024, 9, 15)]
    assert [(indicator.value, indicator.unit) for indicator in items[1].indicators] == [(12, "家")]
    assert "完成桩基施工" in items[0].content


@pytest.mark.parametrize("form", sorted(TABLE_FORMS))
def test_a_lone_node_column_stays_the_schedule(form):
    # The opposite fact: one 时间节点 column of dated stages is the item's schedule, its last date the deadline.
    rows = [
        ["序号", "项目名称", "责任部门", "时间节点"],
        ["1", "物流园二期项目", "招商局", "3月底前完成设计；6月底前完成桩基"],
    ]
    items = leaves(TABLE_FORMS[form](rows))
    assert [date for date, _stage in items[0].fields.milestones] == [D(2024, 3, 31), D(2024, 6, 30)]
    assert items[0].fields.deadline == D(2024, 6, 30)
