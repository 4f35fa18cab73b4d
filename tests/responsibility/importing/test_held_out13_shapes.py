"""The shapes the thirteenth held-out set (d123–d130) showed the importer did not follow, in made-up
words, one section per cause: a plan spanning two years ("2024—2025年"); a checklist whose entries
stand behind boxes to tick (drawn "□", "☑", or typed as Markdown's task list "- [ ]"), under headings
marked with a bullet ("▲ 名称"); labels parted by a vertical bar ("牵头：X｜时限：Y") after a dash;
a quarter written "Q3" and channels counted in 路; headings and items numbered by a word and its
ordinal ("专项一：", "任务三："); a plan's 总体目标 that dates its aims."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing.layout import TableBox
from responsibility.importing.parse import parse
from responsibility.importing.pdf import _append_rows
from responsibility.importing.readers import read, read_pasted
from tests.responsibility.importing.made import readers

from .test_held_out_shapes import tree

YEAR = 2024
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


def as_md(text: str):
    return parse(read("清单.md", text.encode("utf-8")), YEAR)


def _items(plan):
    return [found for found, _depth in plan.walk() if not found.children]


def _unyeared(text: str):
    """``text`` parsed with no year chosen: the importer takes the title's."""
    return parse(read_pasted(text), None)


# --- a plan spanning two years is the plan of its first ----------------------------------------------

SPAN = "某镇{span}人居环境整治实施方案\n\n1．清理沟渠。责任单位：水利站；完成时限：6月底前。"


@pytest.mark.parametrize("span", ["2024—2025年", "2024-2025年", "2024～25年", "（2024—2025年）", "2024年至2025年"])
def test_a_plan_spanning_two_years_is_the_plan_of_its_first(span):
    plan = _unyeared(SPAN.format(span=span))
    (item,) = _items(plan)
    assert item.fields.deadline == datetime.date(2024, 6, 30)


def test_a_plan_of_one_year_keeps_that_year():
    plan = _unyeared(SPAN.format(span="2025年"))
    assert _items(plan)[0].fields.deadline == datetime.date(2025, 6, 30)


def test_a_plan_chosen_for_another_year_than_its_first_says_so():
    plan = parse(read_pasted(SPAN.format(span="2024—2025年")), 2025)
    assert any("标题写的是 2024 年" in warning.message for warning in plan.warnings)


# --- a checklist: boxes to tick, headings marked by a bullet ----------------------------------------

CHECKLIST = "\n".join(
    [
        "某村2024年美丽庭院创建任务清单",
        "",
        "请各组对照清单逐项推进，完成一项勾选一项。",
        "",
        "▲ 庭院整治",
        "",
        "□ 拆除房前屋后违章棚舍。责任单位：村建设组　完成时限：2024年5月底前",
        "",
        "☑ 清运积存垃圾。清运垃圾30车。责任单位：保洁队　配合单位：各村民小组　完成时限：长期坚持",
        "",
        "▲ 绿化美化",
        "",
        "□ 补种庭院果树。补种果树200株。责任单位：林业员　完成时限：2024年4月15日前",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_boxes_to_tick_mark_items_under_headings_marked_by_a_bullet(read):
    plan = read(CHECKLIST)
    assert tree(plan) == [
        "|庭院整治",
        "  |拆除房前屋后违章棚舍",
        "  |清运积存垃圾",
        "|绿化美化",
        "  |补种庭院果树",
    ]
    first, second, third = _items(plan)
    assert first.fields.responsible_units == ["村建设组"]
    assert second.fields.cooperating_units == ["各村民小组"] and second.fields.ongoing
    assert third.fields.deadline == datetime.date(2024, 4, 15)
    assert [(found.value, found.unit) for found in third.indicators] == [(200, "株")]


def test_a_line_of_boxes_is_a_choice_not_an_entry():
    lines = ["某村2024年工作安排", "", "一、修缮礼堂", "1．更换屋顶瓦片。", "是否完成：□是　□否", "□是　□否"]
    plan = as_txt("\n".join([*lines, "二、硬化道路", "1．铺设村道。"]))
    assert tree(plan) == ["一、|修缮礼堂", "  1．|更换屋顶瓦片", "二、|硬化道路", "  1．|铺设村道"]


def test_a_bullet_before_sentences_still_marks_items_not_headings():
    plan = as_txt(
        "某村2024年工作安排\n\n一、修缮礼堂\n◆更换屋顶瓦片。责任单位：村建设组\n◆粉刷外墙。责任单位：村建设组\n"
        "二、硬化道路\n◆铺设村道。责任单位：交通员"
    )
    assert tree(plan) == ["一、|修缮礼堂", "  |更换屋顶瓦片", "  |粉刷外墙", "二、|硬化道路", "  |铺设村道"]


TASK_LIST = "\n".join(
    [
        "# 某社区2024年智慧社区建设清单",
        "",
        "## 一、设施建设",
        "",
        "- [ ] 安装智能门禁。覆盖小区出入口不少于12路。—— 牵头：物业科｜配合：各网格｜时限：2024年Q3",
        "- [x] 更新消防栓。—— 牵头：安全员｜时限：2024年2月底前",
        "",
        "## 二、服务提升",
        "",
        "- [ ] 开通线上议事厅。—— 责任：党群办｜时限：长期坚持",
    ]
)


@pytest.mark.parametrize("read", [as_md, *ALL_FORMS])
def test_a_markdown_task_list_marks_items_ticked_or_not(read):
    plan = read(TASK_LIST)
    assert tree(plan) == ["一、|设施建设", "  |安装智能门禁", "  |更新消防栓", "二、|服务提升", "  |开通线上议事厅"]
    first, second, third = _items(plan)
    assert first.fields.lead_units == ["物业科"] and first.fields.cooperating_units == ["各网格"]
    assert first.fields.deadline == datetime.date(2024, 9, 30)
    assert [(found.value, found.unit) for found in first.indicators] == [(12, "路")]
    assert second.fields.deadline == datetime.date(2024, 2, 29)
    assert third.fields.responsible_units == ["党群办"] and third.fields.ongoing
    assert not any("—" in text or "｜" in text for item in (first, second, third) for text in item.content)


def test_a_task_list_as_a_pdf_keeps_it_without_spaces():
    """A PDF's text loses the spaces: "-[]安装…——牵头：物业科"."""
    plan = as_txt(TASK_LIST.replace("- [ ] ", "-[]").replace("- [x] ", "-[x]").replace("—— ", "——"))
    assert [item.title for item in _items(plan)] == ["安装智能门禁", "更新消防栓", "开通线上议事厅"]
    assert _items(plan)[0].fields.lead_units == ["物业科"]


def test_a_dash_inside_the_task_stays_its_words():
    plan = as_txt("某村2024年工作安排\n\n1．开展清洁行动——清理河道垃圾。责任单位：保洁队")
    (item,) = _items(plan)
    assert item.title == "开展清洁行动——清理河道垃圾"
    assert item.fields.responsible_units == ["保洁队"]


# --- labels after a dash, parted by a bar; a quarter written Q3; channels counted in 路 ---------------


@pytest.mark.parametrize("dash", ["—— ", "——"])
def test_labels_after_a_dash_parted_by_bars_assign_the_item(dash):
    labels = "牵头：综治员｜配合：各组｜时限：2024年6月底前"
    plan = as_txt(f"某村2024年工作安排\n\n1．安装监控。新增探头不少于8路。{dash}{labels}")
    (item,) = _items(plan)
    assert item.fields.lead_units == ["综治员"] and item.fields.cooperating_units == ["各组"]
    assert item.fields.deadline == datetime.date(2024, 6, 30)
    assert item.content == ["新增探头不少于8路。"]
    assert [(found.value, found.unit, found.comparator) for found in item.indicators] == [(8, "路", "gte")]


def test_a_quarter_written_q_and_its_number_is_due_at_its_end():
    plan = as_txt("某村2024年工作安排\n\n1．修缮礼堂。完成时限：2024年Q2\n2．硬化道路。完成时限：Q4")
    assert [item.fields.deadline for item in _items(plan)] == [datetime.date(2024, 6, 30), datetime.date(2024, 12, 31)]


def test_a_q_inside_a_word_is_no_quarter():
    plan = as_txt("某村2024年工作安排\n\n1．升级QQ3群管理。责任单位：党群办")
    assert _items(plan)[0].fields.deadline is None


# --- headings and items numbered by a word and its ordinal ------------------------------------------

ORDINALS = "\n".join(
    [
        "某县2024年节水型社会建设任务",
        "",
        "板块一：农业节水",
        "",
        "事项一：推广喷灌滴灌",
        "目标：新增高效节水灌溉面积5000亩。",
        "牵头：县水利局",
        "配合：各乡镇",
        "时限：2024年10月底前",
        "",
        "事项二：整治渠系渗漏",
        "牵头：县水利局",
        "时限：2024年6月底前",
        "",
        "板块二：城镇节水",
        "",
        "事项三：改造老旧供水管网",
        "牵头：县住建局",
        "时限：长期坚持",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_word_and_its_ordinal_number_headings_and_items(read):
    plan = read(ORDINALS)
    assert tree(plan) == [
        "板块一|农业节水",
        "  事项一|推广喷灌滴灌",
        "  事项二|整治渠系渗漏",
        "板块二|城镇节水",
        "  事项三|改造老旧供水管网",
    ]
    first, second, third = _items(plan)
    assert first.fields.lead_units == ["县水利局"] and first.fields.cooperating_units == ["各乡镇"]
    assert [(found.value, found.unit) for found in first.indicators] == [(5000, "亩")]
    assert second.fields.deadline == datetime.date(2024, 6, 30)
    assert third.fields.ongoing


@pytest.mark.parametrize(
    "line", ["星期一：召开例会", "统一：按标准执行", "全市统一：按标准执行", "第一：加强领导", "其一：加强领导"]
)
def test_a_weekday_or_a_word_ending_in_a_numeral_numbers_nothing(line):
    from responsibility.importing.numbering import match

    assert match(line) is None


# --- a 总体目标 that dates its aims is guidance --------------------------------------------------------

GOALS = "\n".join(
    [
        "某县2024—2025年农村改厕实施方案",
        "",
        "1. 总体目标",
        "",
        "全县完成农村户厕改造5000户，其中2024年完成3000户，2025年底前实现应改尽改。",
        "",
        "2. 主要任务",
        "",
        "2.1 开展摸底排查。建立改厕台账。",
        "责任单位：县农业农村局",
        "完成时限：2024年4月底前",
        "",
        "2.2 实施改厕工程。完成改厕3000户。",
        "责任单位：各乡镇",
        "完成时限：2024年11月底前",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_general_goal_that_dates_its_aims_is_guidance(read):
    plan = read(GOALS)
    assert [section.node.title for section in plan.guidance] == ["总体目标"]
    assert tree(plan) == ["2.|主要任务", "  2.1|开展摸底排查", "  2.2|实施改厕工程"]


def test_a_goal_that_names_who_does_it_stays_work():
    plan = as_txt(GOALS.replace("应改尽改。", "应改尽改。责任单位：县农业农村局"))
    assert not plan.guidance
    assert tree(plan)[0] == "1.|总体目标"


def test_tasks_named_as_goals_and_tasks_with_dates_stay_work():
    plan = as_txt(GOALS.replace("总体目标", "目标任务"))
    assert not plan.guidance


# --- a PDF's page cut a row between the two lines of its wrapped number ----------------------------

LEDGER_HEADER = ["序号", "工作任务", "责任单位", "责任人", "完成时限"]


def _ledger_page(last: list[str], first: list[str]) -> list[list[str]]:
    table = TableBox(rows=[LEDGER_HEADER, ["2-1", "修路。", "交通站", "甲某", "6月底前"], last], top=0, bottom=0)
    _append_rows(table, [first, ["2-3", "建桥。", "水利站", "丙某", "年底前"]])
    return table.rows[2:]


def test_a_number_cut_after_its_hyphen_goes_on_at_the_top_of_the_next_page():
    rows = _ledger_page(["2-", "铺设村道。", "交通站", "乙", "9月底前"], ["2", "铺设3公里。", "", "某", ""])
    assert [row[0].replace(" ", "") for row in rows] == ["2-2", "2-3"]
    assert rows[0][1] == "铺设村道。铺设3公里。"


def test_a_whole_number_at_the_foot_and_a_number_at_the_top_are_two_rows():
    rows = _ledger_page(
        ["2-2", "铺设村道。", "交通站", "乙某", "9月底前"], ["3", "绿化村庄。", "林业站", "丁某", "年底前"]
    )
    assert [row[0] for row in rows] == ["2-2", "3", "2-3"]
