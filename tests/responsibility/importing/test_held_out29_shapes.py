"""The shapes the twenty-ninth held-out set (d251–d258) showed the importer did not follow, in made-up
words, one section per cause, each beside what must stay as it was: a notice's item whose title is its
first sentence and whose next sentence opens with its units in their roles ("X牵头，Y配合，…" / "X负责，…"
/ "X要…"); deadlines counted from the notice itself ("自本通知印发之日起20日内", "收到本通知后7日内"), due
that many days after the date it is signed; and a report due each month ("每月3日前报送") as a routine."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing.document import Table
from responsibility.importing.tables import parse_table
from tests.responsibility.importing.made import leaves, readers

YEAR = 2025
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


def notice_of(*lines: str) -> str:
    return "\n".join(
        [
            "柳河县人民政府办公室",
            "关于开展校园周边环境整治的通知",
            "",
            "各乡镇人民政府，县直各单位：",
            "现将有关事项通知如下。",
            *lines,
            "",
            "柳河县人民政府办公室",
            "2025年5月10日",
        ]
    )


# --- units in the sentence after the item's title ---------------------------------------------------

UNITS_AFTER_TITLE = notice_of(
    "一、清理校园周边摊点。县城管局牵头，县市场监管局配合，对学校周边流动摊点开展集中清理，8月31日前完成。",
    "二、排查校车安全隐患。县交通运输局负责，县公安局交警大队配合，逐车开展检查。",
    "三、开展安全教育。县教育局牵头，县融媒体中心配合，常态化开展安全知识进课堂活动。",
    "四、报送工作情况。各乡镇、各有关单位要确定一名联络员，每月3日前将上月工作情况报送县教育局。",
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_units_opening_the_sentence_after_the_title_are_the_items_units(read):
    items = leaves(read(UNITS_AFTER_TITLE))
    assert [item.title for item in items] == ["清理校园周边摊点", "排查校车安全隐患", "开展安全教育", "报送工作情况"]
    first, second, third, fourth = (item.fields for item in items)
    assert (first.lead_units, first.cooperating_units) == (["县城管局"], ["县市场监管局"])
    assert first.deadline == datetime.date(2025, 8, 31)
    assert (second.responsible_units, second.cooperating_units) == (["县交通运输局"], ["县公安局交警大队"])
    assert (third.lead_units, third.cooperating_units, third.ongoing) == (["县教育局"], ["县融媒体中心"], True)
    assert (fourth.responsible_units, fourth.ongoing) == (["各乡镇", "各有关单位"], True)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_second_sentence_that_opens_with_no_unit_names_none(read):
    items = leaves(
        read(notice_of("一、清理周边摊点。全县上下要高度重视，加强统筹协调。", "二、排查校车隐患。逐车开展检查。"))
    )
    for item in items:
        assert not (item.fields.lead_units or item.fields.responsible_units or item.fields.cooperating_units)


# --- deadlines counted from the notice ------------------------------------------------------------

RELATIVE = notice_of(
    "一、开展全面摸排。县城管局负责，自本通知印发之日起20日内完成。",
    "二、制定工作方案。各乡镇负责，于收到本通知后7日内报县城管局。",
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_days_from_the_notice_are_counted_from_the_day_it_is_signed(read):
    first, second = (item.fields for item in leaves(read(RELATIVE)))
    assert first.deadline == datetime.date(2025, 5, 30)
    assert second.deadline == datetime.date(2025, 5, 17)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_days_from_another_event_are_no_deadline(read):
    items = leaves(read(notice_of("一、开展复查。县城管局负责，整改完成后20日内组织复查。")))
    assert items[0].fields.deadline is None


# --- a paper titled by its kind alone under the office that sends it ----------------------------------


def slip_of(*head: str) -> str:
    return "\n".join([*head, "", "一、修复城区破损路面", "承办单位：县交通运输局", "办结时限：2025年9月30日"])


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_spaced_kind_of_paper_under_its_office_is_the_title(read):
    assert read(slip_of("临江县人民政府督查室", "交 办 单")).title.replace(" ", "") == "交办单"


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_spaced_kind_of_paper_alone_stays_the_title(read):
    assert read(slip_of("交 办 单")).title.replace(" ", "") == "交办单"


# --- a table set in parts under the plan's title and the part's number ------------------------------

PARTS = [
    "临江县人民政府办公室关于印发临江县2025年道路养护任务清单的通知",
    "",
    "各乡镇人民政府：",
    "现将《临江县2025年道路养护任务清单》印发给你们，请认真落实。",
    "",
    "临江县2025年道路养护任务清单（{}）",
]


@pytest.mark.parametrize("part", ["一", "1"])
def test_a_parts_number_after_the_plans_title_is_no_part_of_it(part):
    text = "\n".join([*PARTS[:-1], PARTS[-1].format(part), "一、修复破损路面。责任单位：县交通运输局。"])
    assert as_txt(text).title == "临江县2025年道路养护任务清单"


def test_an_edition_after_the_plans_title_stays():
    text = "\n".join(
        [*PARTS[:-1], "临江县2025年道路养护任务清单（试行）", "一、修复破损路面。责任单位：县交通运输局。"]
    )
    assert as_txt(text).title == "临江县2025年道路养护任务清单（试行）"


# --- unit cells of circled codes, named by a legend row under the table ----------------------------


def coded_table(legend: str) -> Table:
    rows = [
        ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"],
        ["1", "整治河道3条", "②", "①③", "2025年10月31日"],
        ["2", "新建公厕12座", "③", "②", "2025年12月31日"],
        [legend, "", "", "", ""],
    ]
    return Table(rows=rows, line=1)


def coded_units(legend: str) -> list[tuple[list[str], list[str]]]:
    roots = parse_table(coded_table(legend), YEAR)[0]
    return [(node.fields.lead_units, node.fields.cooperating_units) for node in roots]


def test_circled_codes_in_unit_cells_are_the_units_the_legend_row_names():
    assert coded_units("代码说明：①县水利局 ②县城管局 ③各乡镇") == [
        (["县城管局"], ["县水利局", "各乡镇"]),
        (["各乡镇"], ["县城管局"]),
    ]


def test_circled_codes_stay_when_the_row_under_the_table_names_no_units():
    assert coded_units("①按月调度 ②按季通报 ③年底考核") == [(["②"], ["①③"]), (["③"], ["②"])]


# --- a leader's unit in brackets after the name ------------------------------------------------------

LEADER_POSTS = "\n".join(
    [
        "临江县2025年道路养护工作要点",
        "",
        "一、修复城区破损路面",
        "分管领导：周某（县交通运输局）",
        "责任单位：县公路中心",
        "二、整治道路两侧环境（县城管局）",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_leaders_unit_in_brackets_is_no_unit_of_the_item(read):
    first, second = (item.fields for item in leaves(read(LEADER_POSTS)))
    assert first.responsible_units == ["县公路中心"] and first.lead_leaders == ["周某（县交通运输局）"]
    assert second.responsible_units == ["县城管局"]


# --- a numbered item's first sentence in bold, outside .md ------------------------------------------

BOLD_OPENINGS = "\n".join(
    [
        "临江县2025年道路养护工作要点",
        "",
        "一、道路养护",
        "**1. 修复城区破损路面3万平方米。** 同步完善标志标线。",
        "- 责任单位：县公路中心",
        "**整治道路两侧环境：** 清理占道堆放。",
    ]
)


@pytest.mark.parametrize("read", [as_txt, as_paste])
def test_a_bold_numbered_first_sentence_is_the_items_number_and_title(read):
    (item,) = leaves(read(BOLD_OPENINGS))
    assert (item.number, item.title) == ("1.", "修复城区破损路面3万平方米")
    assert item.fields.responsible_units == ["县公路中心"]
    assert "整治道路两侧环境" not in item.title


# --- a mind map's outline: tasks without numbers, a line of their own words before their labels -----

OUTLINE = [
    ("临江县2025年道路养护重点工作（脑图）", 0),
    ("一、路面修复", 1),
    ("修复城区破损路面", 2),
    ("责任单位：县公路中心", 3),
    ("完成时限：2025年9月底前", 3),
    ("完善道路标志标线", 2),
    ("责任单位：县交警大队", 3),
    ("二、环境整治", 1),
    ("整治道路两侧环境", 2),
    ("目标：清理堆放点40处", 3),
    ("责任单位：县城管局", 3),
    ("完成时限：2025年10月底前", 3),
]


def outline_text() -> str:
    return "\n".join("\t" * depth + text for text, depth in OUTLINE)


@pytest.mark.parametrize("read", [as_txt, as_paste])
def test_a_task_whose_own_words_come_before_its_labels_is_laid_out(read):
    plan = read(outline_text())
    items = leaves(plan)
    assert [item.title for item in items] == ["修复城区破损路面", "完善道路标志标线", "整治道路两侧环境"]
    assert items[2].fields.responsible_units == ["县城管局"] and items[2].fields.deadline.month == 10
    assert plan.title == "临江县2025年道路养护重点工作"


def test_a_line_of_words_over_no_labels_stays_text():
    lines = [*OUTLINE[:8], ("整治道路两侧环境", 2), ("目标：清理堆放点40处", 3), ("做法：分片包干", 3)]
    plan = as_txt("\n".join("\t" * depth + text for text, depth in lines))
    assert [item.title for item in leaves(plan)][0] == "修复城区破损路面"
    assert "整治道路两侧环境" not in [item.title for item in leaves(plan)]


def outline_table(joined: bool = False) -> Table:
    rows = [["", "", "", ""][:depth] + [text] + [""] * (3 - depth) for text, depth in OUTLINE[1:]]
    if joined:  # a PDF's row that holds a task and its first label
        rows[7:9] = [["", "", "整治道路两侧环境", "目标：清理堆放点40处"]]
    return Table(rows=rows, line=2)


@pytest.mark.parametrize("joined", [False, True])
def test_a_table_of_one_cell_a_row_stepping_right_is_an_outline(joined):
    from responsibility.importing.parse import parse
    from responsibility.importing.readers import read_pasted

    source = read_pasted("临江县2025年道路养护重点工作")
    source.blocks = [*source.blocks, outline_table(joined)]
    items = leaves(parse(source, YEAR))
    assert [item.title for item in items] == ["修复城区破损路面", "完善道路标志标线", "整治道路两侧环境"]


def test_a_table_with_rows_of_several_cells_stays_a_table():
    from responsibility.importing.parse import _outlines

    table = Table(rows=[["序号", "任务", "责任单位"], ["1", "修复路面", "县公路中心"], ["", "", "县城管局"]], line=1)
    assert _outlines([table]) == [table]
