"""The importer's last readings (``responsibility/importing/fallback.py``): shapes no rule knows, read
instead of refused, each beside the opposite fact that keeps it from reading what is not there.

A table whose header words are none the importer knows, lines that open with a symbol it does not
know as a list's mark, a draft with a line number before every line and no blank line among them."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing.document import ImportRejected
from responsibility.importing.parse import parse
from responsibility.importing.readers import read
from responsibility.importing.shape import check
from tests.responsibility.importing.made import leaves, official_docx, readers, table_readers

YEAR = 2025
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
by_table = table_readers(YEAR)


def _warnings(plan) -> str:
    return "\n".join(warning.message for warning in plan.warnings)


# --- a table whose header names nothing the importer knows -------------------------------------------

UNKNOWN_HEADER = [
    ["东湖区2025年民生实事推进表"],
    ["代码", "实事名目", "主抓单位", "协同单位", "截止日期"],
    ["1", "推进老旧小区改造，完成加装电梯20部", "区住建局", "各街道", "2025年6月30日"],
    ["2", "新建口袋公园5处，提升群众休闲空间", "区城管局", "区自然资源局", "2025年9月30日"],
    ["3", "开展背街小巷整治，清理乱堆乱放", "区城管局", "各街道", "2025年12月31日"],
]


def _docx_table(rows):
    return parse(read("清单.docx", official_docx([rows[0][0], "<table>"], table=rows[1:])), YEAR)


@pytest.mark.parametrize("read_rows", [by_table["xlsx"], by_table["paste"], _docx_table])
def test_a_table_under_unknown_header_words_is_read_by_its_words_and_cells(read_rows):
    plan = read_rows(UNKNOWN_HEADER)
    items = leaves(plan)
    assert [item.title for item in items] == [
        "推进老旧小区改造，完成加装电梯20部",
        "新建口袋公园5处，提升群众休闲空间",
        "开展背街小巷整治，清理乱堆乱放",
    ]
    assert [item.fields.lead_units for item in items] == [["区住建局"], ["区城管局"], ["区城管局"]]
    assert [item.fields.cooperating_units for item in items] == [["各街道"], ["区自然资源局"], ["各街道"]]
    assert [item.fields.deadline for item in items] == [D(2025, 6, 30), D(2025, 9, 30), D(2025, 12, 31)]
    said = _warnings(plan)
    assert "“实事名目”列作为“工作任务”（按列中内容）" in said
    assert "“主抓单位”列作为“牵头单位”（按表头用词）" in said
    assert check(plan).looks_like_plan


def test_columns_named_for_nothing_are_known_by_their_cells():
    rows = [
        ["甲", "乙", "丙"],
        ["完成全区燃气管道隐患排查整治", "区住建局、区应急局", "2025年6月30日"],
        ["建成智慧停车平台并接入全部公共泊位", "区交通局", "2025年10月31日"],
    ]
    items = leaves(by_table["paste"](rows))
    assert [item.fields.responsible_units for item in items] == [["区住建局", "区应急局"], ["区交通局"]]
    assert [item.fields.deadline for item in items] == [D(2025, 6, 30), D(2025, 10, 31)]


def test_a_table_of_something_else_is_still_refused():
    # The opposite fact: a list of people and telephones has no column of tasks.
    rows = [
        ["姓名", "职务", "工作单位", "联系电话"],
        ["王某", "科长", "区住建局", "13800000001"],
        ["李某", "副科长", "区城管局", "13800000002"],
        ["赵某", "干事", "区交通局", "13800000003"],
    ]
    with pytest.raises(ImportRejected):
        by_table["xlsx"](rows)


def test_a_table_of_tasks_without_units_or_dates_is_still_refused():
    # The opposite fact: long sentences alone, no column says who or by when, are not read as a plan's table.
    rows = [
        ["甲", "乙"],
        ["一", "全区经济运行总体平稳，主要指标好于预期"],
        ["二", "城乡居民收入持续增长，民生保障不断加强"],
        ["三", "生态环境质量明显改善，空气优良天数增加"],
    ]
    with pytest.raises(ImportRejected):
        by_table["xlsx"](rows)


def test_a_known_header_says_nothing_of_guessing():
    rows = [
        ["序号", "工作任务", "牵头单位", "完成时限"],
        ["1", "推进老旧小区改造，完成加装电梯20部", "区住建局", "2025年6月30日"],
        ["2", "新建口袋公园5处，提升群众休闲空间", "区城管局", "2025年9月30日"],
    ]
    plan = by_table["xlsx"](rows)
    assert len(leaves(plan)) == 2
    assert "已推断各列" not in _warnings(plan)
    assert "按列中内容读取" not in _warnings(plan)  # nor of the cells' vote (column_votes)


SPACED = [
    "东湖区2025年民生实事推进表",
    "",
    "代码    实事名目                              主抓单位      截止日期",
    "1       推进老旧小区改造，完成加装电梯20部    区住建局      2025年6月30日",
    "2       新建口袋公园5处，提升群众休闲空间     区城管局      2025年9月30日",
    "3       开展背街小巷整治，清理乱堆乱放        区城管局      2025年12月31日",
]


@pytest.mark.parametrize("read_text", [as_txt, as_paste])
def test_a_text_table_aligned_by_spaces_under_unknown_words_is_read(read_text):
    plan = read_text("\n".join(SPACED))
    items = leaves(plan)
    assert [item.title for item in items] == [row[1] for row in UNKNOWN_HEADER[2:]]
    assert [item.fields.deadline for item in items] == [D(2025, 6, 30), D(2025, 9, 30), D(2025, 12, 31)]
    assert "已推断各列" in _warnings(plan)


def test_lines_with_wide_gaps_and_no_column_of_units_or_dates_stay_text():
    # The opposite fact: a poem-like layout of words apart by spaces is no table of tasks.
    lines = [
        "一、总体要求",
        "坚持    人民至上    生命至上",
        "统筹    发展安全    两件大事",
        "筑牢    安全防线    守住底线",
        "（一）开展安全隐患排查整治。（区应急局）",
    ]
    plan = as_txt("\n".join(lines))
    assert [item.title for item in leaves(plan)] == ["开展安全隐患排查整治"]
    assert "已推断各列" not in _warnings(plan)


# --- lines that open with a mark the importer does not know ------------------------------------------

TITLES = ["推进老旧小区改造，完成加装电梯20部", "新建口袋公园5处", "开展背街小巷整治"]
ARROWS = [
    "西湖区2025年重点工作安排",
    "",
    "一、民生保障",
    "→ 推进老旧小区改造，完成加装电梯20部。（区住建局）",
    "→ 新建口袋公园5处。（区城管局）",
    "二、城市管理",
    "→ 开展背街小巷整治。（区城管局，6月底前）",
]


@pytest.mark.parametrize("read_text", [as_txt, as_paste, as_docx])
def test_a_symbol_that_opens_several_lines_marks_a_list(read_text):
    plan = read_text("\n".join(ARROWS))
    items = leaves(plan)
    assert [item.title for item in items] == TITLES
    assert [item.number for item in items] == ["", "", ""]
    assert items[2].fields.deadline == D(2025, 6, 30)
    assert "“→”" in _warnings(plan) and "列表标记" in _warnings(plan)


def test_a_symbol_that_opens_one_line_is_a_word_of_it():
    # The opposite fact: an arrow once is a line's own; no item is made of it, nothing is said.
    lines = [*ARROWS[:4], "二、城市管理", "1.开展背街小巷整治。（区城管局）"]
    plan = as_txt("\n".join(lines))
    assert [item.title for item in leaves(plan)] == ["民生保障", "开展背街小巷整治"]
    assert "列表标记" not in _warnings(plan)


MARKED_LEVELS = [
    "城南社区2025年民生服务工作要点",
    "",
    "⇒做好人口和健康服务",
    "»落实生育服务登记制度。（社区居委会负责，6月底前完成）",
    "»做好流动人口服务管理。（社区警务室负责）",
    "⇒提升养老服务水平",
    "»建设社区日间照料中心。（社区居委会负责）",
]


@pytest.mark.parametrize("read_text", [as_txt, as_paste, as_docx])
def test_marks_with_no_number_above_them_number_their_own_levels(read_text):
    plan = read_text("\n".join(MARKED_LEVELS))
    assert [root.title for root in plan.roots] == ["做好人口和健康服务", "提升养老服务水平"]
    assert [[item.title for item in root.children] for root in plan.roots] == [
        ["落实生育服务登记制度", "做好流动人口服务管理"],
        ["建设社区日间照料中心"],
    ]
    assert leaves(plan)[0].fields.deadline == D(2025, 6, 30)
    assert "“»”、“⇒”" in _warnings(plan)


# --- a line number before every line, no blank line among them --------------------------------------

NUMBERED_DRAFT = [
    "西湖区2025年重点工作安排（征求意见稿）",
    "各街道、区直各部门：",
    "现将2025年重点工作安排如下。",
    "一、民生保障",
    "1.推进老旧小区改造，完成加装电梯20部。（区住建局）",
    "2.新建口袋公园5处。（区城管局）",
    "二、城市管理",
    "3.开展背街小巷整治。（区城管局，6月底前）",
]


@pytest.mark.parametrize("read_text", [as_txt, as_paste, as_docx])
def test_line_numbers_before_every_line_are_taken_off(read_text):
    numbered = [f"{number} {line}" for number, line in enumerate(NUMBERED_DRAFT, 1)]
    plan = read_text("\n".join(numbered))
    assert [root.number for root in plan.roots] == ["一、", "二、"]
    assert [item.title for item in leaves(plan)] == TITLES
    assert "行号" in _warnings(plan)


def test_a_list_numbered_one_by_one_keeps_its_numbers():
    # The opposite fact: "1、…", "2、…" before every line and no list number after them is the list itself.
    lines = [
        "1、推进老旧小区改造，完成加装电梯20部。（区住建局）",
        "2、新建口袋公园5处。（区城管局）",
        "3、开展背街小巷整治。（区城管局）",
        "4、建成智慧停车平台。（区交通局）",
        "5、完成燃气管道隐患排查。（区住建局）",
        "6、新增公共泊位300个。（区交通局）",
    ]
    plan = as_txt("\n".join(lines))
    assert [item.number for item in leaves(plan)] == ["1、", "2、", "3、", "4、", "5、", "6、"]
    assert "行号" not in _warnings(plan)


# --- what is not a plan stays so ---------------------------------------------------------------------


def test_a_letter_with_arrows_is_still_not_a_plan():
    text = "\n".join(
        [
            "关于召开全区安全生产工作会议的通知",
            "各街道、区直各部门：",
            "定于3月5日召开全区安全生产工作会议，现将有关事项通知如下：",
            "→ 会议时间：3月5日上午9时",
            "→ 会议地点：区政府三楼会议室",
            "→ 参会人员：各单位主要负责同志",
            "区政府办公室",
            "2025年3月1日",
        ]
    )
    try:
        plan = as_txt(text)
    except ImportRejected:
        return
    assert not check(plan).looks_like_plan


# --- a 序号 under a word the table parser does not know ----------------------------------------------


def _counted(first: str, numbers: list[str]):
    rows = [
        [first, "工作任务", "牵头单位", "完成时限"],
        [numbers[0], "推进老旧小区改造，完成加装电梯20部", "区住建局", "2025年6月30日"],
        [numbers[1], "新建口袋公园5处，提升群众休闲空间", "区城管局", "2025年9月30日"],
        [numbers[2], "开展背街小巷整治，清理乱堆乱放", "区城管局", "2025年12月31日"],
    ]
    return leaves(by_table["paste"](rows))


def test_a_column_that_counts_up_is_the_number_whatever_its_header():
    assert [item.number for item in _counted("栏码", ["1", "2", "3"])] == ["1", "2", "3"]


def test_a_column_of_figures_that_do_not_count_up_is_no_number():
    # The opposite fact: scores beside each task are no 序号.
    items = _counted("栏码", ["10", "5", "20"])
    assert [item.number for item in items] != ["10", "5", "20"]
    assert len(items) == 3


# --- a table's group row whose empty cells' tabs were trimmed ---------------------------------------

GROUPED_ROWS = [
    "序号\t工作任务\t牵头单位\t完成时限",
    "一、甲类事项",
    "1\t推进老旧小区改造，完成加装电梯20部\t区住建局\t2025年6月30日",
    "2\t新建口袋公园5处，提升群众休闲空间\t区城管局",
    "二、乙类事项",
    "3\t开展背街小巷整治，清理乱堆乱放\t区城管局\t2025年12月31日",
]


@pytest.mark.parametrize("read_text", [as_txt, as_paste])
def test_a_group_row_without_its_tabs_stays_in_its_table(read_text):
    plan = read_text("\n".join(GROUPED_ROWS))
    assert [root.title for root in plan.roots] == ["甲类事项", "乙类事项"]
    assert [[item.number for item in root.children] for root in plan.roots] == [["1", "2"], ["3"]]
    assert leaves(plan)[1].fields.lead_units == ["区城管局"]


def test_a_sentence_between_rows_is_no_group_row():
    # The opposite fact: a numbered sentence among the rows is the text's, not a row heading a group.
    lines = [*GROUPED_ROWS[:4], "二、以上事项于年底前报送完成情况，并抄送区政府办。", *GROUPED_ROWS[5:]]
    plan = as_txt("\n".join(lines))
    assert "甲类事项" in [root.title for root in plan.roots]
    assert not any(root.title == "乙类事项" for root in plan.roots)


# --- line numbers carried into a table's first cells ------------------------------------------------

LINED_TABLE = [
    ["4 序号", "工作任务", "牵头单位", "完成时限"],
    ["5 1", "推进老旧小区改造，完成加装电梯20部", "区住建局", "2025年6月30日"],
    ["6 2", "新建口袋公园5处，提升群众休闲空间", "区城管局", "2025年9月30日"],
    ["7 3", "开展背街小巷整治，清理乱堆乱放", "区城管局", "2025年12月31日"],
]


def test_line_numbers_in_a_tables_first_cells_are_taken_off():
    # Text copied with its line numbers, its tab lines made a table in Word: each row's number stays in
    # its first cell, counting on from the paragraphs above.
    paragraphs = ["1 东湖区2025年民生实事推进表", "2", "3 一、城市建设", "<table>", "8", "9 二、附则"]
    plan = parse(read("清单.docx", official_docx(paragraphs, table=LINED_TABLE)), YEAR)
    assert [item.number for item in leaves(plan)] == ["1", "2", "3"]
    assert leaves(plan)[0].fields.lead_units == ["区住建局"]


def test_a_table_numbered_apart_from_numbered_lines_keeps_its_numbers():
    # The opposite fact: Word's own line numbers skip its tables; the rows keep their 序号.
    rows = [[cell.split(" ")[-1] for cell in row[:1]] + row[1:] for row in LINED_TABLE]
    paragraphs = [
        "1 东湖区2025年民生实事推进表",
        "2",
        "3 一、城市建设",
        "<table>",
        "4",
        "5 二、附则",
        "6 本表自印发之日起施行。",
    ]
    plan = parse(read("清单.docx", official_docx(paragraphs, table=rows)), YEAR)
    assert [item.number for item in leaves(plan)] == ["1", "2", "3"]
    assert [root.number for root in plan.roots][:1] == ["一、"]


def test_a_counting_column_right_of_a_group_column_is_the_number():
    rows = [
        ["领域", "栏码", "工作任务", "牵头单位", "完成时限"],
        ["城建", "1", "推进老旧小区改造，完成加装电梯20部", "区住建局", "2025年6月30日"],
        ["城建", "2", "新建口袋公园5处，提升群众休闲空间", "区城管局", "2025年9月30日"],
        ["环境", "3", "开展背街小巷整治，清理乱堆乱放", "区城管局", "2025年12月31日"],
    ]
    assert [item.number for item in leaves(by_table["paste"](rows))] == ["1", "2", "3"]
