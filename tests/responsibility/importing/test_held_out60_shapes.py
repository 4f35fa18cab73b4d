"""The shapes of the sixtieth held-out set (d500, d503, d505) the importer did not follow, in made-up words, one
section per cause: a deadline's label of 时限 or 期限 after an act the label families do not list (“化解时限：”,
“处置期限：”) ends the field before it, on a line of labels parted by full-width spaces or run together as a PDF
runs them; the first of two counts in one clause, the things counted made into those of the second (“将全县
36条巡河线路划分为52个网格段”); a pasted table's blank 牵头单位 beside a filled 责任单位 is no cell merged down."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from responsibility.importing.fields import find_indicators
from tests.responsibility.importing.made import readers, table_readers

from .test_held_out_shapes import node

YEAR = 2024
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
TEXT_FORMS = [as_txt, as_paste, as_docx]
TABLE_FORMS = table_readers(YEAR)


# --- a deadline's label after an act the families do not list ----------------------------------------------


def cases(field_lines: list[str]) -> str:
    """A 督办 notice whose cases each have one line of labels under them."""
    lines = ["青川县矛盾纠纷化解工作督办通知", "一、督办事项"]
    for number, (title, fields) in enumerate(zip(CASE_TITLES, field_lines, strict=True), start=1):
        lines += [f"{number}.{title}。群众多次反映，至今未解决。", fields]
    return "\n".join(lines)


CASE_TITLES = ["东湖小区供暖不达标问题", "石桥村土地流转纠纷问题", "某物流公司拖欠运费问题"]
SPACED = [
    "包案领导：钱立新　责任单位：县住建局　配合单位：县热力公司、县市场监管局　化解时限：2024年11月30日前",
    "包案领导：吴海燕　责任单位：石桥镇人民政府　配合单位：县农业农村局　处置期限：2024年8月31日前",
    "包案领导：钱立新　责任单位：县交通运输局　配合单位：县人社局　答复时限：2024年7月15日前",
]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_deadline_label_after_any_act_ends_the_field_before_it(form):
    items = form(cases(SPACED)).leaves()
    assert [item.fields.cooperating_units for item in items] == [
        ["县热力公司", "县市场监管局"],
        ["县农业农村局"],
        ["县人社局"],
    ]
    assert [item.fields.deadline for item in items] == [D(2024, 11, 30), D(2024, 8, 31), D(2024, 7, 15)]


def test_such_a_label_run_into_the_units_name_before_it_still_ends_the_field():
    # As a PDF gives the line, its spaces lost: the act opens a word right after the unit's name (局, 府).
    glued = [line.replace("\u3000", "") for line in SPACED]
    items = as_txt(cases(glued)).leaves()
    assert items[0].fields.cooperating_units == ["县热力公司", "县市场监管局"]
    assert items[1].fields.cooperating_units == ["县农业农村局"]
    assert [item.fields.deadline for item in items] == [D(2024, 11, 30), D(2024, 8, 31), D(2024, 7, 15)]


def test_a_units_name_before_a_bare_time_limit_label_is_kept_whole():
    # The opposite: 时限 alone after a unit's name; its last two characters are no act of a label.
    items = as_txt(cases([line.replace("　化解时限", "时限") for line in SPACED[:1]] + SPACED[1:])).leaves()
    assert items[0].fields.cooperating_units == ["县热力公司", "县市场监管局"]
    assert items[0].fields.deadline == D(2024, 11, 30)


def test_a_units_name_ending_as_a_unit_does_before_a_bare_time_limit_label_is_kept_whole():
    # "县委编办时限：" as a PDF runs it together: 编办 ends as a unit's name does, no act of a label.
    lines = [SPACED[0].replace("县热力公司、县市场监管局　化解时限", "县委编办时限"), *SPACED[1:]]
    items = as_txt(cases(lines)).leaves()
    assert items[0].fields.cooperating_units == ["县委编办"]
    assert items[0].fields.deadline == D(2024, 11, 30)


def test_a_units_name_holding_such_an_act_is_kept_whole():
    lines = [SPACED[0].replace("县热力公司", "县矛盾纠纷化解中心"), *SPACED[1:]]
    items = as_paste(cases(lines)).leaves()
    assert items[0].fields.cooperating_units == ["县矛盾纠纷化解中心", "县市场监管局"]
    assert items[0].fields.deadline == D(2024, 11, 30)


def test_time_limit_words_in_a_sentence_are_no_label():
    lines = [SPACED[0].replace("化解时限：2024年11月30日前", "按时限要求化解到位"), *SPACED[1:]]
    item = as_paste(cases(lines)).leaves()[0]
    assert item.fields.cooperating_units[0] == "县热力公司"
    assert item.fields.deadline is None


# --- the first of two counts in one clause --------------------------------------------------------------


def counts(text: str) -> list[tuple[Decimal, str]]:
    return [(indicator.value, indicator.unit) for indicator in find_indicators(text, "任务")]


def test_things_counted_that_are_made_into_the_next_figures_are_counted_too():
    assert counts("将全县36条巡河线路划分为52个网格段，每段明确巡查人员。") == [
        (Decimal(36), "条"),
        (Decimal(52), "个"),
    ]
    assert counts("把全镇12个村划分为30个网格。") == [(Decimal(12), "个"), (Decimal(30), "个")]


def test_a_figure_the_work_starts_from_is_no_target():
    # The opposites: the time a procedure took before it was cut, and two figures of one target joined by 和.
    assert counts("审批时限由45个工作日压缩为15个工作日。") == [(Decimal(15), "个工作日")]
    assert counts("城乡居民人均可支配收入分别增长5.5%和7%。") == [(Decimal("5.5"), "%"), (Decimal(7), "%")]


def test_things_counted_before_a_figure_of_no_work_are_no_target():
    # 合并 is no work the plan sets: neither count is a target, as before.
    assert counts("将3个村合并为1个社区。") == []


# --- a blank 牵头单位 beside a filled 责任单位, pasted -------------------------------------------------------

LEAD_AND_RESPONSIBLE = [
    ["序号", "重点任务", "牵头单位", "责任单位", "配合单位", "完成时限"],
    ["1", "开展参保数据比对", "区人社局", "区社保中心", "区公安分局", "2024年3月底前"],
    ["2", "推进学生集中参保", "", "区教育局", "区社保中心", "2024年12月底前"],
    ["3", "推动灵活就业人员参保", "区人社局", "各街道办事处", "区税务局", "2024年12月底前"],
    ["4", "落实困难群众资助", "区人社局", "区社保中心", "区民政局", "长期坚持"],
    ["5", "动态调整资助名单", "", "区社保中心", "区民政局", "长期坚持"],
    ["6", "优化线上缴费渠道", "区人社局", "区社保中心", "区税务局", "2024年6月底前"],
    ["7", "开展参保政策宣传", "区人社局", "各街道办事处", "区融媒体中心", "2024年9月底前"],
]


@pytest.mark.parametrize("form", ["paste", "xlsx"])
def test_a_blank_lead_unit_beside_a_filled_responsible_unit_is_no_merge(form):
    plan = TABLE_FORMS[form](LEAD_AND_RESPONSIBLE)
    assert node(plan, "2").fields.lead_units == [] and node(plan, "2").fields.responsible_units == ["区教育局"]
    assert node(plan, "5").fields.lead_units == []
    assert not any("合并单元格" in problem.message for problem in plan.warnings)


def test_a_row_blank_in_both_unit_columns_beside_its_helpers_was_merged_down():
    # The opposite: the row names who helps and no unit at all, so both cells were merged down from above.
    rows = [list(row) for row in LEAD_AND_RESPONSIBLE]
    rows[2][3] = ""
    plan = TABLE_FORMS["paste"](rows)
    assert node(plan, "2").fields.lead_units == ["区人社局"]
    assert node(plan, "2").fields.responsible_units == ["区社保中心"]
    assert any("合并单元格" in problem.message for problem in plan.warnings)
