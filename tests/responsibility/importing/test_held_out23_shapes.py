"""The shapes the twenty-third held-out set (d203–d210) showed the importer did not follow, in made-up
words, one section per cause: a table of proposals handed out to be handled, numbered by its own
提案编号 column and named by its 提案标题 (no 序号, no 工作任务 column); a 交办单's label lines 交办对象 /
办理要求 / 反馈时间; the fields in prose after "此项工作由"; 第N项 with its gap lost; a preface's legend
for unlabelled brackets; a table's place column merged down and its dotted month.day dates; deadlines as
festivals, seasons and months in words in a plan that runs across the new year."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing.festivals import SPRING_FESTIVAL, spring_festival_eve
from responsibility.importing.fields import find_dates, find_indicators, parse_schedule
from responsibility.importing.parse import parse
from responsibility.importing.readers import read
from responsibility.importing.tables import column_key
from tests.responsibility.importing.made import branches, leaves, readers

YEAR = 2026
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


def as_md(text: str):
    return parse(read("分解表.md", text.encode("utf-8")), YEAR)


# --- proposals handed out: their own number and title columns -------------------------------------

PROPOSALS = [
    "# 青河县政协提案办理分工表",
    "",
    "| 提案编号 | 提案标题 | 提案人 | 主办单位 | 协办单位 | 办结时间 |",
    "|---|---|---|---|---|---|",
    "| 第5号 | 关于完善乡村客运班线的提案 | 王青山 | 县交通局 | 县财政局 | 2026年7月31日 |",
    "| 第12号 | 关于加强河道采砂管理的提案 | 赵丽 | 县水利局 |  | 2026年9月30日 |",
]


def test_a_table_of_proposals_numbers_and_names_its_items_by_its_own_columns():
    items = leaves(as_md("\n".join(PROPOSALS)))
    assert [(item.number, item.title) for item in items] == [
        ("第5号", "关于完善乡村客运班线的提案"),
        ("第12号", "关于加强河道采砂管理的提案"),
    ]
    assert items[0].fields.lead_units == ["县交通局"]
    assert items[0].fields.cooperating_units == ["县财政局"]
    assert items[1].fields.deadline.isoformat() == "2026-09-30"


@pytest.mark.parametrize(("header", "key"), [("提案编号", "number"), ("建议题目", "task"), ("议案标题", "task")])
def test_a_proposals_number_and_title_name_columns(header, key):
    assert column_key(header) == key


# Any "…编号" names the number column (the 24th set's rule: "案件编号" too); a phone number does not.
@pytest.mark.parametrize("header", ["联系电话", "整改建议", "标题", "建议"])
def test_other_numbers_and_suggestions_name_no_such_column(header):
    assert column_key(header) not in ("number", "task")


# --- a 交办单: 交办对象 / 办理要求 / 反馈时间 label lines ----------------------------------------------

HANDED_OUT = [
    "东湖区委督查室督办事项清单",
    "",
    "1．推进老旧管网改造",
    "督办对象：区城管局（牵头），区住建局",
    "办理要求：会同区财政局、区审计局制定改造计划，8月底前完成主干管网改造，10月底前全部完工。",
    "反馈时间：7月10日前",
    "",
    "2．整治农贸市场周边秩序",
    "交办对象：区市场监管局",
    "办理要求：持续抓好市场周边环境整治。",
    "反馈时间：每月10日前",
    "",
    "3．核查群众来信反映问题",
    "交办对象：区信访局",
    "反馈时间：6月30日前",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_matter_handed_out_takes_its_units_and_finish_date_from_its_label_lines(read):
    first, second, third = leaves(read("\n".join(HANDED_OUT)))
    assert first.fields.lead_units == ["区城管局"]
    assert first.fields.responsible_units == ["区住建局"]
    assert first.fields.cooperating_units == ["区财政局", "区审计局"]
    assert first.fields.deadline.isoformat() == f"{YEAR}-10-31"
    assert second.fields.responsible_units == ["区市场监管局"] and second.fields.ongoing


@pytest.mark.parametrize("read", ALL_FORMS)
def test_the_date_to_report_back_is_no_deadline(read):
    third = leaves(read("\n".join(HANDED_OUT)))[2]
    assert third.fields.responsible_units == ["区信访局"]
    assert third.fields.deadline is None and not third.fields.ongoing


def test_a_labelled_deadline_is_not_overridden_by_the_requirements_dates():
    plan = as_txt("1．修缮文化站\n责任单位：镇文化站\n完成时限：2026年11月30日\n办理要求：9月底前完成设计。")
    assert leaves(plan)[0].fields.deadline.isoformat() == "2026-11-30"


# --- "此项工作由X牵头，Y配合": the fields in the paragraph's prose ------------------------------------

IN_PROSE = [
    "关于做好2026年社区文化工作的通知",
    "",
    "第一项　建设社区书屋。全年新建社区书屋5个。此项工作由区文旅局牵头，各街道党组织配合，二〇二六年八月底前完成。",
    "",
    "第二项　开展全民阅读活动。此项工作由区图书馆负责，全年持续推进。",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_the_work_named_before_by_gives_its_units_and_date(read):
    first, second = leaves(read("\n".join(IN_PROSE)))
    assert first.fields.lead_units == ["区文旅局"]
    assert first.fields.cooperating_units == ["各街道党组织"]
    assert first.fields.deadline.isoformat() == "2026-08-31"
    assert second.fields.responsible_units == ["区图书馆"] and second.fields.ongoing


def test_a_sentence_of_the_work_and_its_cause_names_no_unit():
    text = "第一项　建设社区书屋。此项工作由于选址未定推迟实施。\n\n第二项　开展全民阅读活动。"
    first = leaves(as_txt(text))[0]
    assert not first.fields.responsible_units and not first.fields.lead_units


def test_all_year_going_on_is_ongoing_and_a_date_after_going_on_ends_it():
    assert parse_schedule("全年持续推进", YEAR).ongoing
    assert parse_schedule("持续推进，6月底前完成", YEAR).deadline.isoformat() == f"{YEAR}-06-30"


# --- 第N项 as a PDF runs it into the first sentence ---------------------------------------------

RUN_TOGETHER = [
    "关于做好2026年社区文化工作的通知",
    "",
    "第一项建设社区书屋。全年新建社区书屋5个。",
    "第二项开展全民阅读活动。每季度举办一次读书会。",
]


def test_counters_run_into_a_short_first_sentence_number_items():
    assert [(item.number, item.title) for item in leaves(as_txt("\n".join(RUN_TOGETHER)))] == [
        ("第一项", "建设社区书屋"),
        ("第二项", "开展全民阅读活动"),
    ]


def test_a_sentence_that_starts_with_the_first_counter_alone_numbers_nothing():
    lines = ["一、文化工作", "", "第一项任务完成后，转入第二阶段。", "做好总结。"]
    assert [item.title for item in leaves(as_txt("\n".join(lines)))] == ["文化工作"]


# --- a legend in the preface says what an unlabelled bracket's parts are -------------------------

LEGEND = [
    "平湖县2026年项目攻坚任务清单",
    "",
    "各项任务后括号内依次为责任单位/配合单位/完成时限，无配合单位的以“—”表示，下同。",
    "",
    "1．建成城北污水泵站。（县水务局/县住建局、县财政局/2026年9月底前）",
    "2．完成农村公路安防工程。（县交通局/—/2026年11月底前）",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_legend_labels_each_part_of_the_items_brackets(read):
    first, second = leaves(read("\n".join(LEGEND)))
    assert first.fields.responsible_units == ["县水务局"]
    assert first.fields.cooperating_units == ["县住建局", "县财政局"]
    assert first.fields.deadline.isoformat() == "2026-09-30"
    assert second.fields.responsible_units == ["县交通局"] and not second.fields.cooperating_units


def test_without_a_legend_a_slashed_bracket_names_no_cooperating_unit():
    first = leaves(as_txt("\n".join(line for line in LEGEND if "括号内" not in line)))[0]
    assert not first.fields.cooperating_units


# --- a place merged down over its projects, dotted month.day dates --------------------------------

PLACES = [
    "# 东湖区2026年农村饮水工程安排表",
    "",
    "| 序号 | 实施地点 | 工程名称 | 投资（万元） | 开工时间 | 完成时间 | 责任单位 |",
    "|---|---|---|---|---|---|---|",
    "| 1 | 柳林镇 | 新建集中供水站 | 120 | 3.1 | 9.30 | 区水务局 |",
    "| 2 |  | 改造入户管网 | 80 | 4.10 | 10.15 | 区水务局 |",
    "| 3 | 石门乡 | 更换净水设备 | 45 | 5.6 | 8.20 | 区供水公司 |",
    "| 合计 |  |  | 245 |  |  |  |",
]


def test_a_place_merged_down_is_no_heading_and_its_dotted_dates_are_dates():
    plan = as_md("\n".join(PLACES))
    assert not branches(plan)
    items = leaves(plan)
    assert [item.title for item in items] == ["新建集中供水站", "改造入户管网", "更换净水设备"]
    assert [item.fields.deadline.isoformat() for item in items] == ["2026-09-30", "2026-10-15", "2026-08-20"]


def test_a_kind_merged_down_is_still_a_heading():
    renamed = {"实施地点": "工程类别", "柳林镇": "供水", "石门乡": "净水"}
    kinds = []
    for line in PLACES:
        for old, new in renamed.items():
            line = line.replace(old, new)
        kinds.append(line)
    assert [heading.title for heading in branches(as_md("\n".join(kinds)))] == ["供水", "净水"]


# --- festivals, seasons and months in words, across the new year ---------------------------------

ACROSS = [
    "桃源乡2026—2027年冬春林业生产实施方案",
    "",
    "一、总体要求",
    "",
    "本省每年5月1日入汛，各项工程须在入汛前完工。",
    "",
    "二、重点任务",
    "",
    "（一）林道修缮。对全乡15条林道进行平整加固，春节前全部完工。",
    "责任单位：乡林业站",
    "",
    "（二）苗圃扩建。新建苗圃30亩，汛期前完成。",
    "责任单位：乡农技站",
    "",
    "（三）护林防火巡查。十一月中旬前完成巡查队伍组建。",
    "责任单位：乡林业站",
    "",
    "（四）夏季病虫害防治。“三夏”期间组织统防统治。",
    "责任单位：乡农技站",
    "",
    "（五）造林验收。四月份组织乡级验收。",
    "责任单位：乡林业站",
    "",
    "桃源乡人民政府",
    "2026年10月20日",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_festivals_seasons_and_months_in_words_fall_across_the_new_year(read):
    deadlines = [item.fields.deadline.isoformat() for item in leaves(read("\n".join(ACROSS)))]
    assert deadlines == ["2027-02-05", "2027-04-30", "2026-11-20", "2027-06-30", "2027-04-30"]


def test_in_a_plan_of_one_year_an_undated_day_stays_in_its_year():
    within = [line.replace("2026—2027年", "2026年").replace("2026年10月20日", "2026年1月8日") for line in ACROSS]
    deadlines = [item.fields.deadline.isoformat() for item in leaves(as_txt("\n".join(within)))]
    assert deadlines == ["2026-02-16", "2026-04-30", "2026-11-20", "2026-06-30", "2026-04-30"]


def test_before_the_flood_season_names_no_day_where_the_plan_does_not_say_when_it_begins():
    untold = [line for line in ACROSS if "入汛" not in line]
    assert leaves(as_txt("\n".join(untold)))[1].fields.deadline is None


@pytest.mark.parametrize("sentence", ["五月份以来持续开展管护。", "研究部署5月份护林工作。"])
def test_a_month_since_which_or_whose_work_is_meant_is_no_deadline(sentence):
    assert leaves(as_txt(f"1．巩固造林成果。{sentence}\n责任单位：乡林业站"))[0].fields.deadline is None


def test_the_spring_festival_table_holds_a_late_january_or_february_day_each_year():
    assert all(day.year == year and (1, 21) <= (day.month, day.day) <= (2, 20) for year, day in SPRING_FESTIVAL.items())
    assert spring_festival_eve(2026).isoformat() == "2026-02-16"
    assert find_dates("春节前", 2024) == [datetime.date(2024, 2, 9)]
    assert spring_festival_eve(1990) is None


def test_the_things_work_is_done_on_after_dui_are_its_target():
    assert [(found.value, found.unit) for found in find_indicators("对全乡15条林道进行平整加固")] == [(15, "条")]
    assert find_indicators("对照5项标准进行全面自查") == []
