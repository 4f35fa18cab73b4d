"""The shapes the fourteenth held-out set (d131–d138) showed the importer did not follow, in made-up
words, one section per cause: items numbered by one character for a bracketed digit ("⑴", "⑵"); task
codes, a capital letter and a digit ("A1.", "B2.") under Chinese ordinal headings; a unit's name cut by a
hard line break before the next label; the target a task cell states on its second line; a part that
says what the plan covers (实施范围) dating what it covers; and, in the corpus's renderer, a Markdown
table's alignment row written with fewer than three hyphens (":-:") and "<br>" in its cells."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing.numbering import match
from responsibility.importing.parse import parse
from responsibility.importing.readers import read
from tests.responsibility.importing.made import readers

from .test_held_out_shapes import tree

YEAR = 2024
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


def _items(plan):
    return [found for found, _depth in plan.walk() if not found.children]


# --- one character for a bracketed digit numbers items ------------------------------------------------

PARENTHESISED = "\n".join(
    [
        "某镇2024年河道管护任务",
        "",
        "一、关于河道清淤",
        "⑴清理镇区主河道淤泥。清淤长度不少于6公里。责任单位：镇水利站；完成时限：2024年5月31日前。",
        "⑵整治沿河排污口。责任单位：镇环保办；配合单位：各村；完成时限：长期坚持。",
        "二、关于堤防加固",
        "⑴加固北岸堤防。责任单位：镇水利站；完成时限：2024年汛期前（6月15日前）。",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_one_character_for_a_bracketed_digit_numbers_items(read):
    plan = read(PARENTHESISED)
    assert tree(plan) == [
        "一、|关于河道清淤",
        "  ⑴|清理镇区主河道淤泥",
        "  ⑵|整治沿河排污口",
        "二、|关于堤防加固",
        "  ⑴|加固北岸堤防",
    ]
    first, second, third = _items(plan)
    assert first.fields.responsible_units == ["镇水利站"]
    assert first.fields.deadline == datetime.date(2024, 5, 31)
    assert [(found.value, found.unit) for found in first.indicators] == [(6, "公里")]
    assert second.fields.cooperating_units == ["各村"] and second.fields.ongoing
    assert third.fields.deadline == datetime.date(2024, 6, 15)


def test_a_bracketed_digit_character_reads_as_its_value():
    found = match("⑿开展巡河")
    assert (found.style, found.value, found.number, found.rest) == ("parenthesised", 12, "⑿", "开展巡河")


# --- task codes, a letter and a digit, under Chinese ordinal headings ----------------------------------

CODES = "\n".join(
    [
        "某园区2024年重点任务清单",
        "",
        "一、招商引资",
        "A1. 引进制造业项目。全年签约项目10个。",
        "主责单位：招商局；协同单位：经发局；时间节点：2024年11月底前",
        "A2. 举办推介会。",
        "主责单位：招商局；时间节点：持续推进",
        "",
        "二、营商服务",
        "B1. 推行帮办代办。",
        "主责单位：企业服务中心；时间节点：2024年9月30日前",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_letter_and_a_digit_number_items_under_chinese_ordinals(read):
    plan = read(CODES)
    assert tree(plan) == [
        "一、|招商引资",
        "  A1.|引进制造业项目",
        "  A2.|举办推介会",
        "二、|营商服务",
        "  B1.|推行帮办代办",
    ]
    first, second, third = _items(plan)
    assert first.fields.responsible_units == ["招商局"] and first.fields.cooperating_units == ["经发局"]
    assert first.fields.deadline == datetime.date(2024, 11, 30)
    assert second.fields.ongoing
    assert third.fields.deadline == datetime.date(2024, 9, 30)


@pytest.mark.parametrize("line", ["G20峰会筹备工作", "A4纸打印", "B2B平台建设", "A1.5万元"])
def test_a_letter_and_digits_without_a_dot_before_words_number_nothing(line):
    assert match(line) is None


# --- a unit's name cut by a hard line break before the next label ---------------------------------------

WRAPPED = "\n".join(
    [
        "某镇2024年河道管护任务",
        "",
        "一、关于河道清淤",
        "⑴清理镇区主河道淤泥。责任单位：镇",
        "水利站；配合单位：各村；完成时限：2024年5月31日前。",
        "⑵整治沿河排污口。责任单位：镇环保办；配合单位：镇",
        "农业服务中心；完成时限：长期坚持。",
    ]
)


@pytest.mark.parametrize("read", [as_txt, as_paste])
def test_a_units_name_cut_by_a_line_break_goes_on_before_the_next_label(read):
    first, second = _items(read(WRAPPED))
    assert first.fields.responsible_units == ["镇水利站"] and first.fields.cooperating_units == ["各村"]
    assert second.fields.cooperating_units == ["镇农业服务中心"] and second.fields.ongoing


def test_a_finished_name_before_a_line_of_its_own_stays_apart():
    text = "\n".join(["某镇2024年任务", "", "一、关于清淤", "⑴清理河道。责任单位：镇水利站", "加强巡查；每周一次。"])
    (item,) = _items(as_txt(text))
    assert item.fields.responsible_units == ["镇水利站"]
    assert "加强巡查；每周一次。" in item.content


def as_md(text: str):
    return parse(read("清单.md", text.encode("utf-8")), YEAR)


# --- a task cell's later lines state its target ---------------------------------------------------------

CELL_LINES = "\n".join(
    [
        "# 某区2024年背街小巷整治任务分工表",
        "",
        "| 序号 | 任务内容 | 牵头单位 | 完成时限 |",
        "| :-: | --- | --- | --- |",
        "| 1 | 整治背街小巷路面。<br>全年整治小巷不少于40条。 | 区城管局 | 2024年10月31日前 |",
        "| 2 | 规范沿街店招。<br>统一更换破损店招。 | 区城管局 | 2024年8月31日前 |",
    ]
)


def test_a_target_on_the_second_line_of_a_task_cell_is_an_indicator():
    first, second = _items(as_md(CELL_LINES))
    assert [(found.value, found.unit, found.comparator) for found in first.indicators] == [(40, "条", "gte")]
    assert second.indicators == []


# --- a part saying what the plan covers dates what it covers -------------------------------------------

SCOPE = "\n".join(
    [
        "某区2024年背街小巷整治方案",
        "",
        "一、整治范围",
        "整治对象为2010年底前建成、路面破损严重、排水不畅的背街小巷，重点整治主城区范围内的小巷。",
        "二、整治任务",
        "（一）整治路面。责任单位：区城管局；完成时限：2024年10月底前。",
        "（二）疏通排水。责任单位：区水务局；完成时限：2024年6月底前。",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_scope_part_that_dates_what_it_covers_is_guidance(read):
    plan = read(SCOPE)
    assert [section.node.title for section in plan.guidance] == ["整治范围"]
    assert tree(plan)[0] == "二、|整治任务"


def test_a_scope_part_that_names_who_does_it_stays_work():
    text = SCOPE.replace("重点整治主城区范围内的小巷。", "由区城管局牵头，6月底前完成摸排。")
    plan = as_txt(text)
    assert plan.guidance == []
    assert tree(plan)[0].startswith("一、|整治范围")


# --- the corpus's renderer: a Markdown table's alignment row and its cells' line breaks ----------------


@pytest.mark.parametrize("row", ["| :-: | --- |", "|-|-|", "| :- | -: |", "| :---: | :--- |"])
def test_any_run_of_hyphens_per_cell_is_an_alignment_row(row):
    from tests.responsibility.importing.corpus.render import blocks_of_text

    assert blocks_of_text(f"| 序号 | 任务 |\n{row}\n| 1 | 清扫 |") == [[["序号", "任务"], ["1", "清扫"]]]


def test_a_cell_of_words_and_hyphens_is_a_row_and_br_breaks_its_line():
    from tests.responsibility.importing.corpus.render import blocks_of_text

    (table,) = blocks_of_text("| 序号 | 任务 |\n| --- | --- |\n| - | 甲局<br>乙局 |")
    assert table[1] == ["-", "甲局\n乙局"]


# --- week headings with their dates, units first in lenticular brackets, an item's own date ------------

WEEKS = "\n".join(
    [
        "某社区2024年5月份工作安排",
        "",
        "　　现将本月工作安排如下，每周一上午例会通报。",
        "",
        "第一周（5月6日—5月10日）",
        "1.【社区党支部】召开支委会，研究部署本月工作。",
        "2.【社区卫生站、物业中心】开展楼道杂物清理。清理楼道40个。",
        "第二周（5月27日—6月1日）",
        "3.【社区居委会】走访困难家庭。（6月5日前报街道）",
        "第三周",
        "4.【社区居委会】整理台账。",
        "全月",
        "5.【社区网格站】做好日常巡查。",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_week_heading_dates_its_items_by_the_weeks_last_day(read):
    plan = read(WEEKS)
    assert [line for line in tree(plan) if not line.startswith(" ")] == [
        "|第一周（5月6日—5月10日）",
        "|第二周（5月27日—6月1日）",
        "|第三周",
        "|全月",
    ]
    first, second, third, fourth, fifth = _items(plan)
    assert first.title == "召开支委会，研究部署本月工作"
    assert first.fields.responsible_units == ["社区党支部"]
    assert second.fields.responsible_units == ["社区卫生站", "物业中心"]
    weeks = {node.title: node.fields.deadline for node in plan.roots}
    assert weeks["第一周（5月6日—5月10日）"] == datetime.date(2024, 5, 10)
    assert weeks["第二周（5月27日—6月1日）"] == datetime.date(2024, 6, 1)
    assert weeks["第三周"] is None  # of which month, the heading does not say
    assert weeks["全月"] == datetime.date(2024, 5, 31)
    assert third.fields.deadline == datetime.date(2024, 6, 5)  # its own date, not its week's


def test_whole_month_names_no_day_without_a_month_in_the_title():
    plan = as_txt(WEEKS.replace("5月份工作安排", "工作安排"))
    assert {node.title: node.fields.deadline for node in plan.roots}["全月"] is None


@pytest.mark.parametrize("line", ["1.【重点任务】召开支委会。", "1.【牵头单位】社区党支部【完成时限】5月10日前"])
def test_a_bracket_of_words_or_of_a_label_before_the_task_names_no_unit_first(line):
    plan = as_txt("某社区2024年工作安排\n\n　　现将工作安排如下。\n\n一、党建\n" + line)
    (item,) = _items(plan)
    assert item.fields.responsible_units == []


# --- roman numeral headings over blocks of labelled lines, one task each --------------------------------

BLOCKS = "\n".join(
    [
        "某区体育局2024年重点工作任务安排",
        "",
        "　　现将2024年重点工作任务安排如下，各科室按季度报送进展。",
        "",
        "Ⅰ、群众体育",
        "",
        "任务名称：新建社区健身路径。新建健身路径12条。",
        "责任单位：群体科",
        "配合单位：各街道",
        "完成时限：2024年9月30日前",
        "",
        "任务名称：举办全民健身运动会。",
        "责任单位：竞赛中心",
        "完成时限：2024年5月底前完成报名，全年持续推进",
        "",
        "Ⅱ、竞技体育",
        "",
        "任务名称：组建青少年训练队。",
        "责任单位：训练科",
        "完成时限：长期坚持",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_blocks_of_labelled_lines_are_items_under_roman_numeral_headings(read):
    plan = read(BLOCKS)
    assert tree(plan) == [
        "Ⅰ、|群众体育",
        "  |新建社区健身路径",
        "  |举办全民健身运动会",
        "Ⅱ、|竞技体育",
        "  |组建青少年训练队",
    ]
    first, second, third = _items(plan)
    assert first.fields.responsible_units == ["群体科"] and first.fields.cooperating_units == ["各街道"]
    assert first.fields.deadline == datetime.date(2024, 9, 30)
    assert [(found.value, found.unit) for found in first.indicators] == [(12, "条")]
    assert second.fields.ongoing and second.fields.deadline is None
    assert third.fields.ongoing


def test_a_task_name_label_in_prose_opens_no_item():
    text = BLOCKS.replace("任务名称：组建青少年训练队。\n责任单位：训练科", "任务名称：以批复为准。\n另行通知。")
    plan = as_txt(text)
    assert [line for line in tree(plan) if line.startswith("Ⅱ")] == ["Ⅱ、|竞技体育"]
    assert not plan.roots[1].children


@pytest.mark.parametrize(
    ("text", "deadline", "ongoing"),
    [
        ("2024年5月底前完成报名，全年持续推进", None, True),
        ("3月底前完成摸排，长期坚持", None, True),
        ("分季度推进，2024年11月底前完成", datetime.date(2024, 11, 30), False),
        ("持续推进，6月底前完成验收", datetime.date(2024, 6, 30), False),
        ("2024年12月底前", datetime.date(2024, 12, 31), False),
    ],
)
def test_a_schedule_whose_last_stage_goes_on_with_no_date_goes_on(text, deadline, ongoing):
    from responsibility.importing.fields import parse_schedule

    schedule = parse_schedule(text, YEAR)
    assert (schedule.deadline, schedule.ongoing) == (deadline, ongoing)


# --- sums in foreign currencies ------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "unit"), [("实际利用外资2.3亿美元", "亿美元"), ("出口额800万欧元", "万欧元")])
def test_a_sum_in_a_foreign_currency_is_an_indicator(text, unit):
    from responsibility.importing.fields import find_indicators

    (found,) = find_indicators(text, "x")
    assert found.unit == unit


def test_a_word_ending_in_the_currencys_first_character_measures_nothing():
    from responsibility.importing.fields import find_indicators

    assert find_indicators("评选3美好家庭", "x") == []


# --- a notice whose title names no year: the organ on its own line, the year of its 文号 or date -------

UNDATED = "\n".join(
    [
        "中共某镇委员会办公室",
        "关于落实镇党委第8次会议议定事项的通知",
        "某委办〔2023〕6号",
        "",
        "各村党组织：",
        "　　现将议定事项分解如下。",
        "一、关于环境整治",
        "⑴清理河道。责任单位：镇水利站；完成时限：6月底前。",
        "",
        "中共某镇委员会办公室",
        "2023年3月2日",
    ]
)


def _unyeared(text: str):
    from responsibility.importing.readers import read_pasted

    return parse(read_pasted(text), None)


def test_an_organ_over_a_title_starting_with_about_is_no_word_of_the_plans_name():
    plan = _unyeared(UNDATED)
    assert plan.title == "关于落实镇党委第8次会议议定事项的通知"
    assert plan.headers["title"] == "中共某镇委员会办公室关于落实镇党委第8次会议议定事项的通知"


def test_a_title_without_a_year_takes_its_doc_numbers():
    plan = _unyeared(UNDATED)
    assert _items(plan)[0].fields.deadline == datetime.date(2023, 6, 30)
    chosen = parse(read("a.txt", UNDATED.encode()), 2024)
    assert any("文号写的是 2023 年" in warning.message for warning in chosen.warnings)


def test_a_title_without_a_year_or_doc_number_takes_its_dates():
    chosen = parse(read("a.txt", UNDATED.replace("某委办〔2023〕6号", "").encode()), 2024)
    assert any("成文日期是 2023 年" in warning.message for warning in chosen.warnings)


def test_the_titles_own_year_wins_over_the_doc_numbers():
    text = UNDATED.replace("关于落实", "关于落实2022年")
    chosen = parse(read("a.txt", text.encode()), 2024)
    assert any("标题写的是 2022 年" in warning.message for warning in chosen.warnings)


def test_a_title_on_two_lines_not_under_an_organ_stays_whole():
    text = "某镇2023年人居环境\n整治工作方案\n\n　　为改善环境，制定本方案。\n一、关于整治\n⑴清理河道。"
    assert _unyeared(text).title == "某镇2023年人居环境整治工作方案"


# --- ditto marks in a table's cells ----------------------------------------------------------------------


def _tab(rows):
    return "\n".join("\t".join(row) for row in rows)


DITTOS = _tab(
    [
        ["序号", "分管领导", "重点任务", "责任单位", "完成时限"],
        ["1", "李明（副镇长）", "修缮村道。", "镇建设办", "2024年8月31日前"],
        ["2", "〃", "整治沟渠。", "〃", "2024年9月30日前"],
        ["3", "同上", "清理河塘。", "镇水利站", "同上"],
    ]
)


def test_a_ditto_mark_in_a_cell_says_what_the_cell_above_says():
    first, second, third = _items(as_paste(DITTOS))
    assert second.fields.responsible_units == ["镇建设办"]
    assert third.fields.responsible_units == ["镇水利站"]
    assert third.fields.deadline == datetime.date(2024, 9, 30)
    assert "〃" not in " ".join([*second.content, *second.assignment_text])


def test_a_ditto_mark_inside_words_is_no_ditto():
    text = DITTOS.replace("整治沟渠。", "整治“同上”沟渠。")
    _first, second, _third = _items(as_paste(text))
    assert second.title.rstrip("。") == "整治“同上”沟渠"


def test_small_roman_numerals_nest_under_capital_ones():
    text = "\n".join(
        ["某局2024年任务", "", "　　现安排如下。", "Ⅰ、群众体育", "ⅰ、健身设施", "1.新建路径。"]
        + ["ⅱ、赛事活动", "1.举办赛事。"]
    )
    assert tree(as_txt(text)) == [
        "Ⅰ、|群众体育",
        "  ⅰ、|健身设施",
        "    1.|新建路径",
        "  ⅱ、|赛事活动",
        "    1.|举办赛事",
    ]


# --- a semicolon joins one sentence's clauses: an item's title runs to its full stop ------------------

CLAUSES = "\n".join(
    [
        "某镇2024年重点工作",
        "",
        "一、基础设施",
        "1.修缮镇区道路；新建停车场2处。责任单位：镇建设办。",
        "2.疏浚沟渠；清理塘坝12座；加固堤岸。责任单位：镇水利站。",
        "二、民生服务",
        "1.新增托育机位80个；",
        "2.建成老年食堂3个；",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_semicolon_joins_the_clauses_of_an_items_title(read):
    plan = read(CLAUSES)
    assert tree(plan) == [
        "一、|基础设施",
        "  1.|修缮镇区道路；新建停车场2处",
        "  2.|疏浚沟渠；清理塘坝12座；加固堤岸",
        "二、|民生服务",
        "  1.|新增托育机位80个",
        "  2.|建成老年食堂3个",
    ]
    first, second, *_ = _items(plan)
    assert first.fields.responsible_units == ["镇建设办"]
    assert [(found.value, found.unit) for found in first.indicators] == [(2, "处")]
    assert second.fields.responsible_units == ["镇水利站"]


def test_a_first_sentence_longer_than_a_title_ends_at_its_first_semicolon():
    long_clause = "围绕" + "、".join(["镇区主干道", "背街小巷", "农贸市场周边", "学校周边", "医院周边"] * 4)
    text = CLAUSES.replace("修缮镇区道路；新建停车场2处。", f"修缮镇区道路；{long_clause}开展整治。")
    first = _items(as_txt(text))[0]
    assert first.title == "修缮镇区道路"
    assert "开展整治" in " ".join(first.content)


TASK_CELLS = _tab(
    [
        ["序号", "重点任务", "责任单位", "完成时限"],
        ["1", "推进村道硬化；完成硬化里程8公里。", "镇建设办", "2024年10月31日前"],
        ["2", "整治沟渠。完成清淤12条。", "镇水利站", "2024年9月30日前"],
        ["3", "开展安全巡查；", "镇安监站", "2024年6月30日前"],
    ]
)


def test_a_semicolon_joins_the_clauses_of_a_task_cells_title():
    first, second, third = _items(as_paste(TASK_CELLS))
    assert first.title.rstrip("。") == "推进村道硬化；完成硬化里程8公里"
    assert [(found.value, found.unit) for found in first.indicators] == [(8, "公里")]
    assert second.title == "整治沟渠"
    assert third.title == "开展安全巡查"
