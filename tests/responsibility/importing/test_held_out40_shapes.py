"""The shapes the fortieth held-out set (d339–d346) showed the importer did not follow, in made-up
words, one section per cause: a two-column key-value table (task card) under each task, or one that
names its task under a bold label (任务一); a table column of units and deadline joined (责任单位及完成时限);
a pasted workbook whose header cell is broken over two lines by a rule (第一个为牵头单位); units as the
subjects of a notice's sentences ("X会同Y，…", "；Y配合做好…"); the organ's line over 关于… under a 文号."""

from __future__ import annotations

import datetime

import pytest

from tests.responsibility.importing.made import leaves, md_reader, readers, table_readers

YEAR = 2026
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
as_md = md_reader(YEAR)
TEXT_FORMS = [as_txt, as_paste, as_docx]


# --- a task card under each task: its rows are the task's fields ---------------------------------------

CARDS = [
    "# 青溪县2026年河道保洁重点任务",
    "",
    "## 一、河道清理",
    "",
    "### 1. 清理主河道漂浮物",
    "",
    "对主河道开展全面清漂，清理河段不少于20公里。",
    "",
    "| 项目 | 内容 |",
    "| --- | --- |",
    "| 牵头单位 | 县水务局 |",
    "| 配合单位 | 各乡镇、县城管局 |",
    "| 完成时间 | 2026年5月20日 |",
    "",
    "### 2. 整治河岸垃圾点",
    "",
    "组织沿河村居清理河岸垃圾堆放点。",
    "",
    "| 项目 | 内容 |",
    "| --- | --- |",
    "| 牵头单位 | 各乡镇 |",
    "| 完成时间 | 2026年6月30日 |",
]


@pytest.mark.parametrize("read", [as_md, as_txt])
def test_a_key_value_table_under_a_task_gives_it_its_fields(read):
    plan = read("\n".join(CARDS))
    items = leaves(plan)
    assert [item.title for item in items] == ["清理主河道漂浮物", "整治河岸垃圾点"]
    assert [item.fields.lead_units for item in items] == [["县水务局"], ["各乡镇"]]
    assert items[0].fields.cooperating_units == ["各乡镇", "县城管局"]
    # "组织沿河村居…" is the work, no unit: the card names who does it.
    assert items[1].fields.responsible_units == []
    assert [item.fields.deadline for item in items] == [D(2026, 5, 20), D(2026, 6, 30)]
    assert not plan.not_understood


def test_a_two_column_table_of_other_keys_is_no_task_card():
    # The opposite fact: a table whose rows name no field ("河长 | 张三", "河段长度 | 12公里") gives no field.
    lines = [*CARDS[:8], "| 项目 | 内容 |", "| --- | --- |", "| 河段名称 | 青溪 |", "| 河段长度 | 12公里 |"]
    plan = as_md("\n".join(lines))
    assert not leaves(plan)[0].fields.lead_units
    assert leaves(plan)[0].fields.deadline is None
    assert plan.not_understood


def test_a_task_card_leaves_the_units_a_task_names_itself():
    # The opposite fact: the task's own bracket names its lead; the card adds only what it lacks.
    lines = [*CARDS[:6], "对主河道开展全面清漂（县河长办牵头）。", *CARDS[7:13]]
    item = leaves(as_md("\n".join(lines)))[0]
    assert item.fields.lead_units == ["县河长办"]
    assert item.fields.deadline == D(2026, 5, 20)


LABELLED_CARDS = [
    "# 白石镇2026年重点工作任务书",
    "",
    "## 一、产业发展",
    "",
    "**任务一**",
    "",
    "| 项目 | 内容 |",
    "| --- | --- |",
    "| 任务名称 | 建设茶叶加工中心 |",
    "| 工作目标 | 建成加工车间2个 |",
    "| 牵头单位 | 经发办 |",
    "| 配合单位 | 财政所 |",
    "| 完成时限 | 2026年9月30日 |",
    "",
    "**任务二**",
    "",
    "| 项目 | 内容 |",
    "| --- | --- |",
    "| 任务名称 | 培育家庭农场 |",
    "| 牵头单位 | 农业服务中心 |",
    "| 责任单位 | 各村 |",
    "| 完成时限 | 2026年11月30日 |",
]


@pytest.mark.parametrize("read", [as_md, as_txt])
def test_task_cards_under_their_labels_are_items_numbered_by_the_label(read):
    plan = read("\n".join(LABELLED_CARDS))
    items = leaves(plan)
    assert [(item.number, item.title) for item in items] == [("任务一", "建设茶叶加工中心"), ("任务二", "培育家庭农场")]
    assert [item.fields.lead_units for item in items] == [["经发办"], ["农业服务中心"]]
    assert items[0].fields.cooperating_units == ["财政所"]
    assert items[1].fields.responsible_units == ["各村"]
    assert [item.fields.deadline for item in items] == [D(2026, 9, 30), D(2026, 11, 30)]
    assert [root.title for root in plan.roots] == ["产业发展"]


# --- one column of units and deadline ------------------------------------------------------------------

JOINED = [
    "东岭县2026年扬尘治理工作方案",
    "",
    "一、重点任务",
    "序号\t工作任务\t责任单位及完成时限",
    "1\t开展工地扬尘专项检查\t县住建局牵头，县城管局配合；2026年6月30日前",
    "2\t完成渣土车密闭改造\t县交通局；2026年8月31日前",
]


@pytest.mark.parametrize("read", TEXT_FORMS)
def test_a_column_of_units_and_deadline_gives_both(read):
    items = leaves(read("\n".join(JOINED)))
    assert [item.fields.lead_units for item in items] == [["县住建局"], []]
    assert [item.fields.cooperating_units for item in items] == [["县城管局"], []]
    assert [item.fields.responsible_units for item in items] == [[], ["县交通局"]]
    assert [item.fields.deadline for item in items] == [D(2026, 6, 30), D(2026, 8, 31)]


def test_a_deadline_column_alone_stays_a_deadline():
    # The opposite fact: "完成时限" names no units; its cell is the deadline only.
    lines = [*JOINED[:3], "序号\t工作任务\t责任单位\t完成时限", "1\t开展工地扬尘专项检查\t县住建局\t2026年6月30日前"]
    item = leaves(as_txt("\n".join(lines)))[0]
    assert item.fields.responsible_units == ["县住建局"]
    assert item.fields.deadline == D(2026, 6, 30)


# --- a pasted workbook whose header cell holds a rule on a second line ---------------------------------

RULED = [
    ["西河区2026年防汛任务清单", "", "", ""],
    ["序号", "工作任务", "责任单位\n（第一个为牵头单位）", "完成时限"],
    ["1", "加固堤防险段", "区水务局\n区财政局", "二季度末"],
    ["2", "修订转移预案", "区应急局\n区水务局\n各街道", "第一季度"],
]


def _pasted_unquoted(rows: list[list[str]]):
    """The rows as a copy that does not quote a cell holding line breaks: each break cuts the row."""
    from responsibility.importing.parse import parse
    from responsibility.importing.readers import read_pasted

    return parse(read_pasted("\n".join("\t".join(row) for row in rows)), YEAR)


@pytest.mark.parametrize("read", [table_readers(YEAR)["xlsx"], _pasted_unquoted])
def test_units_one_a_line_under_a_first_leads_header_rule(read):
    items = leaves(read(RULED))
    assert [item.title for item in items] == ["加固堤防险段", "修订转移预案"]
    assert [item.fields.lead_units for item in items] == [["区水务局"], ["区应急局"]]
    assert [item.fields.cooperating_units for item in items] == [["区财政局"], ["区水务局", "各街道"]]
    assert [item.fields.deadline for item in items] == [D(2026, 6, 30), D(2026, 3, 31)]


def test_without_the_rule_every_unit_of_the_cell_is_responsible():
    # The opposite fact: a header that states no rule leaves the units all responsible.
    rows = [RULED[0], ["序号", "工作任务", "责任单位", "完成时限"], *RULED[2:]]
    items = leaves(_pasted_unquoted(rows))
    assert [item.title for item in items] == ["加固堤防险段", "修订转移预案"]
    assert items[0].fields.responsible_units == ["区水务局", "区财政局"]
    assert not items[0].fields.lead_units


def test_a_pasted_two_row_header_stays_two_rows():
    # The opposite fact: a second header row that opens with empty cells under 序号 and 工作任务 groups the
    # columns above it; it is no part of a header cell cut by a line break.
    rows = [
        ["西河区2026年防汛任务分解表", "", "", "", "", ""],
        ["序号", "工作任务", "责任分工", "", "", "完成时限"],
        ["", "", "牵头领导", "牵头单位", "配合单位", ""],
        ["一、工程建设", "", "", "", "", ""],
        ["1", "加固堤防险段", "王某", "区水务局", "区财政局", "6月30日前"],
        ["2", "修订转移预案", "李某", "区应急局", "各街道", "3月31日前"],
    ]
    items = leaves(_pasted_unquoted(rows))
    assert [item.title for item in items] == ["加固堤防险段", "修订转移预案"]
    assert [item.fields.lead_units for item in items] == [["区水务局"], ["区应急局"]]
    assert [item.fields.cooperating_units for item in items] == [["区财政局"], ["各街道"]]
    assert [item.fields.deadline for item in items] == [D(2026, 6, 30), D(2026, 3, 31)]


# --- units as the subjects of a notice's sentences -----------------------------------------------------

SUBJECTS = [
    "北坪区应急管理局关于做好2026年森林防火工作的通知",
    "",
    "一、重点工作",
    "（一）排查林区隐患。区林业局会同区应急管理局，对全区林区逐一排查，4月10日前完成。",
    "（二）加强火源管控。区公安分局要加强野外用火巡查，3月31日前完成；各街道配合做好入山登记。",
]


@pytest.mark.parametrize("read", TEXT_FORMS)
def test_units_as_sentence_subjects_with_together_and_a_later_cooperating_clause(read):
    items = leaves(read("\n".join(SUBJECTS)))
    assert items[0].fields.lead_units == ["区林业局"]
    assert items[0].fields.cooperating_units == ["区应急管理局"]
    assert items[0].fields.responsible_units == []
    assert items[1].fields.responsible_units == ["区公安分局"]
    assert items[1].fields.cooperating_units == ["各街道"]


def test_a_clause_that_asks_for_cooperation_names_no_unit():
    # The opposite fact: "各方要密切配合" opens with no unit's name: no cooperating unit.
    lines = [*SUBJECTS[:4], "（二）加强火源管控。区公安分局要加强野外用火巡查，3月31日前完成；各方要密切配合。"]
    item = leaves(as_txt("\n".join(lines)))[1]
    assert item.fields.responsible_units == ["区公安分局"]
    assert item.fields.cooperating_units == []


# --- the organ's line over 关于… under the 版头 and 文号 ---------------------------------------------


def _notice(head: list[str]) -> list[str]:
    return [
        *head,
        "",
        "各街道：",
        "现就有关事项通知如下：",
        "一、重点工作",
        "（一）排查林区隐患。区林业局负责，4月10日前完成。",
    ]


def test_the_organ_line_under_a_doc_number_begins_the_title():
    lines = _notice(
        [
            "北坪区森林防火指挥部办公室文件",
            "",
            "北森防办〔2026〕3号",
            "",
            "北坪区森林防火指挥部办公室",
            "关于做好春季森林防火工作的通知",
        ]
    )
    assert as_txt("\n".join(lines)).title == "北坪区森林防火指挥部办公室关于做好春季森林防火工作的通知"


def test_the_organ_line_at_the_top_over_about_is_no_word_of_the_title():
    # The opposite fact: the organ's line that opens the paper, over 关于… and above the 文号, is its masthead.
    lines = _notice(["北坪区森林防火指挥部办公室", "关于做好春季森林防火工作的通知", "北森防办〔2026〕3号"])
    assert as_txt("\n".join(lines)).title == "关于做好春季森林防火工作的通知"
