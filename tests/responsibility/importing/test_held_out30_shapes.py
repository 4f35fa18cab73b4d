"""The shapes the thirtieth held-out set (d259–d266) showed the importer did not follow, in made-up
words, one section per cause: items closed by two unlabelled lenticular brackets, the offices and the
time ("…。【办公室、工会】【2025年5月底】"), with a school's times (全学年, 每学期, 第一学期末); a 分办 table
whose column names the units and their shares ("责任单位及分解目标"), a line "单位：目标" per unit, in one
cell or in sub-rows under the task, each sub-row with its own date (the item is done by the latest); a
PDF cell of such lines that its layout would join; a community grid's duty list answered for by persons
(网格长, 网格员), not units."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing.fields import extract, parse_schedule
from responsibility.importing.layout import TextLine, unit_shares
from responsibility.importing.shape import check
from tests.responsibility.importing.made import leaves, readers, table_readers

YEAR = 2025
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]
TABLE_FORMS = table_readers(YEAR)


# --- unlabelled lenticular brackets closing an item: who, then when ---------------------------------

BRACKETS = [
    "城西小学2025学年度工作要点",
    "",
    "一、师资建设",
    "（一）开展新教师跟岗培训，培训教师不少于12人。【人事处、工会】【2025年11月底】",
    "（二）组织校本教研活动。【教研室】【每学期】",
    "二、后勤保障",
    "（一）更新教室照明设备。【后勤处】【第一学期末】",
    "（二）做好校园绿化养护。【后勤处】【全学年】",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_closing_brackets_give_the_offices_and_the_time(read):
    items = leaves(read("\n".join(BRACKETS)))
    assert [item.title for item in items][0] == "开展新教师跟岗培训，培训教师不少于12人"
    assert items[0].fields.responsible_units == ["人事处", "工会"]
    assert items[0].fields.deadline == datetime.date(2025, 11, 30)
    assert items[1].fields.responsible_units == ["教研室"] and items[1].fields.ongoing
    assert items[2].fields.deadline == datetime.date(2026, 1, 31)
    assert items[3].fields.ongoing


def test_a_closing_bracket_of_other_words_leaves_them_unread():
    # The opposite fact: "【新增】" is a mark, not a unit or a time: no bracket of the pair is taken.
    found = extract("更新教室照明设备。【后勤处】【新增】", YEAR)
    assert found.fields.responsible_units == [] and found.rest.endswith("【新增】")


def test_a_bracket_before_the_task_is_no_closing_bracket():
    # The opposite fact: "【后勤处】更新…" names its units first, and no time follows the task.
    found = extract("【后勤处】更新教室照明设备。", YEAR)
    assert found.fields.responsible_units == ["后勤处"] and found.fields.deadline is None


def test_a_school_term_ends_in_the_year_after_the_plans():
    assert parse_schedule("第二学期末", YEAR).deadline == datetime.date(2026, 7, 31)
    assert parse_schedule("上学期末前", YEAR).deadline == datetime.date(2026, 1, 31)


def test_a_term_without_its_end_is_no_date():
    # The opposite fact: "第一学期" alone says when the work is done, not by when.
    assert parse_schedule("第一学期", YEAR).deadline is None


# --- 分办: units and their shares in one column -----------------------------------------------------

SHARES_IN_A_CELL = [
    ["序号", "工作任务", "责任单位及分解目标", "完成时限"],
    ["1", "整治河道", "镇水利站：清淤河道8公里\n各村：落实河道保洁", "2025年6月30日"],
    ["2", "开展控辍保学", "镇教育办：劝返学生12人", "2025年9月30日"],
]


@pytest.mark.parametrize("form", TABLE_FORMS.values(), ids=TABLE_FORMS.keys())
def test_a_units_and_shares_cell_names_each_unit_and_its_target(form):
    items = leaves(form(SHARES_IN_A_CELL))
    assert [item.title for item in items] == ["整治河道", "开展控辍保学"]
    assert items[0].fields.responsible_units == ["镇水利站", "各村"]
    assert [(i.value, i.unit) for i in items[0].indicators] == [(8, "公里")]
    assert items[1].fields.responsible_units == ["镇教育办"]


@pytest.mark.parametrize("form", TABLE_FORMS.values(), ids=TABLE_FORMS.keys())
def test_a_goal_column_of_colon_lines_names_no_unit(form):
    # The opposite fact: under "工作目标" a line "城区：…" is a target's place, not a unit doing it.
    rows = [
        ["序号", "工作任务", "责任单位", "工作目标", "完成时限"],
        ["1", "推进垃圾分类", "镇环卫所", "城区：覆盖率达到95%", "2025年6月30日"],
    ]
    items = leaves(form(rows))
    assert items[0].fields.responsible_units == ["镇环卫所"]


SHARES_IN_SUB_ROWS = [
    "序号\t工作任务\t责任单位及分解目标\t完成时限",
    "1\t整治河道",
    "\t\t各村：落实河道保洁\t2025年8月底前",
    "\t\t镇水利站：清淤河道8公里\t2025年6月底前",
    "2\t开展控辍保学",
    "\t\t镇教育办：劝返学生12人\t2025年9月底前",
]


@pytest.mark.parametrize("read", [as_txt, as_paste])
def test_sub_rows_of_shares_make_one_item_done_by_the_latest_date(read):
    items = leaves(read("\n".join(SHARES_IN_SUB_ROWS)))
    assert [item.title for item in items] == ["整治河道", "开展控辍保学"]
    assert items[0].fields.responsible_units == ["各村", "镇水利站"]
    assert items[0].fields.deadline == datetime.date(2025, 8, 31)
    assert items[1].fields.deadline == datetime.date(2025, 9, 30)


@pytest.mark.parametrize("read", [as_txt, as_paste])
def test_stage_rows_in_order_end_on_the_last_stage(read):
    # The opposite fact kept: stages in order still end on the last one's date.
    rows = [
        "序号\t工作任务\t阶段目标\t责任单位\t完成时限",
        "1\t建设污水管网\t完成设计\t镇规划建设办\t2025年3月底前",
        "\t\t完成铺设\t镇规划建设办\t2025年10月底前",
    ]
    items = leaves(read("\n".join(rows)))
    assert items[0].fields.deadline == datetime.date(2025, 10, 31)


# --- a PDF cell of one line per unit's share ---------------------------------------------------------


def _lines(*texts: str) -> list[TextLine]:
    return [TextLine(text, 0, 120, 14 * index, 14 * index + 10) for index, text in enumerate(texts)]


def test_a_cells_share_lines_stay_apart():
    lines = _lines("镇水利站：清淤河道8", "公里", "各村：落实河道保洁")
    assert unit_shares(lines) == ["镇水利站：清淤河道8公里", "各村：落实河道保洁"]


def test_a_cell_with_one_share_or_a_sentence_first_is_no_list_of_shares():
    # The opposite fact: one share, or a sentence before the colon lines, is read as the cell's text.
    assert unit_shares(_lines("镇水利站：清淤河道8", "公里")) is None
    assert unit_shares(_lines("清淤河道8公里，", "各村：落实保洁", "镇水利站：验收")) is None


# --- a grid's duty list, answered for by persons ------------------------------------------------------

GRID = [
    "柳岸社区2025年网格工作任务清单",
    "",
    "一、第一网格（柳岸小区1—6栋）",
    "网格长：周明　网格员：吴芳",
    "1.每季度开展独居老人走访不少于1次。完成时限：长期坚持",
    "2.完成楼道杂物清理。完成时限：2025年5月31日",
    "二、第二网格（沿河商铺）",
    "网格长：郑强",
    "1.完成商铺燃气安全检查20户。完成时限：2025年7月31日",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_grid_list_answered_for_by_persons_is_a_plan(read):
    assert check(read("\n".join(GRID))).looks_like_plan


def test_a_short_list_answered_for_by_no_one_is_still_no_plan():
    # The opposite fact: without the grid's persons, three tasks and no one answerable read as a notice.
    lines = [line for line in GRID if not line.startswith("网格长")]
    assert not check(as_txt("\n".join(lines))).looks_like_plan
