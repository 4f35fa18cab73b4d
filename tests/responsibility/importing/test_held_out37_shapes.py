"""The shapes the 37th held-out set (d315–d322) showed the importer did not follow, in made-up words, one
section per cause: a unit that oversees the work, labelled beside the others on one line; an item whose
sentence closes on "长期坚持"; an office's line over a title that names its own place; fields behind bars
("｜负责：…｜截止：…"); a column of places and a column counting households in a workbook; a 目标责任书
whose 乙方 signs for every target."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing.parse import parse
from responsibility.importing.readers import read
from tests.responsibility.importing.made import leaves, md_reader, readers, workbook_of

YEAR = 2025
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
as_md = md_reader(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


def _item(plan, opening: str):
    return next(item for item in leaves(plan) if item.title.startswith(opening))


# --- a unit that oversees the work, labelled on the line of the others ----------------------------------

SUPERVISED = [
    "青山区2025年河道保洁责任分工",
    "",
    "一、主要河道",
    "1.清理河面漂浮物，9月30日前完成。",
    "责任单位：区水务局　　配合单位：沿河各镇　　督导单位：区河长办",
    "2.拆除河岸违章搭建。",
    "责任单位：区城管局　　监督单位：区纪委监委",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_supervising_unit_ends_the_field_before_it_and_answers_for_nothing(read):
    plan = read("\n".join(SUPERVISED))
    cleaning, demolition = leaves(plan)
    assert cleaning.fields.responsible_units == ["区水务局"]
    assert cleaning.fields.cooperating_units == ["沿河各镇"]
    assert demolition.fields.responsible_units == ["区城管局"]
    assert not any("区河长办" in name or "纪委" in name for item in leaves(plan) for name in _units(item))


def test_a_unit_listed_among_the_cooperating_ones_still_cooperates():
    # The opposite fact: without its own label, a unit is one more of the list it stands in.
    plan = as_txt("\n".join([*SUPERVISED[:4], "责任单位：区水务局　　配合单位：沿河各镇、区河长办"]))
    assert leaves(plan)[0].fields.cooperating_units == ["沿河各镇", "区河长办"]


def _units(item) -> list[str]:
    fields = item.fields
    return [*fields.lead_units, *fields.responsible_units, *fields.cooperating_units]


# --- an item's sentence that closes on a clause saying the work goes on ---------------------------------

GOING_ON = [
    "青山区2025年市容整治责任分工",
    "",
    "一、街面秩序",
    "1.沿街商铺门前无堆放，店招店牌整洁，常态化开展。",
    "责任单位：区城管局",
    "2.沿街商铺落实门前三包，持续推进市容秩序整治。",
    "责任单位：各街道",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_an_item_that_closes_on_going_on_words_goes_on(read):
    plan = read("\n".join(GOING_ON))
    assert _item(plan, "沿街商铺门前").fields.ongoing
    assert _item(plan, "沿街商铺门前").fields.deadline is None


def test_going_on_with_an_object_is_no_closing_clause():
    # The opposite fact: "持续推进市容秩序整治" names the work, not that the item goes on.
    plan = as_txt("\n".join(GOING_ON))
    assert not _item(plan, "沿街商铺落实").fields.ongoing


# --- an office's line over a title that names its own place --------------------------------------------

OFFICE_OVER_TITLE = [
    "青山区创建国家卫生城市工作领导小组办公室",
    "青山区2025年病媒生物防制责任分工",
    "各街道办事处：",
    "现将分工印发给你们。",
    "一、重点场所",
    "1.农贸市场完成灭鼠，6月底前完成。（责任单位：区市场监管局）",
]


@pytest.mark.parametrize("read", [as_docx, as_paste])
def test_an_office_line_over_a_title_that_names_its_place_is_not_part_of_the_title(read):
    # A .docx keeps no blank line between the two.
    plan = read("\n".join(OFFICE_OVER_TITLE))
    assert plan.title == "青山区2025年病媒生物防制责任分工"


def test_an_office_line_over_a_notice_title_still_begins_it():
    # The opposite fact: over "关于…的通知" the office is the notice's first words.
    lines = ["青山区人民政府办公室", "关于印发青山区2025年病媒生物防制责任分工的通知", *OFFICE_OVER_TITLE[2:]]
    plan = as_docx("\n".join(lines))
    assert plan.headers["title"].startswith("青山区人民政府办公室关于印发")


# --- fields behind bars ---------------------------------------------------------------------------------

BARRED = [
    "青山区城市更新2025年三季度任务清单",
    "",
    "一、片区更新",
    "1.完成东片区更新单元划定 ｜负责：区规划分局｜截止：2025-07-31",
    "2.启动东片区征询意见，签约率达到80%以上｜负责：东门街道｜协同：区住建局、区司法局｜截止：2025-09-20",
]


@pytest.mark.parametrize("read", [*ALL_FORMS, as_md])
def test_fields_behind_bars_are_the_items_fields(read):
    plan = read("\n".join(BARRED))
    zoning, consulting = leaves(plan)
    assert zoning.title == "完成东片区更新单元划定"
    assert zoning.fields.responsible_units == ["区规划分局"]
    assert zoning.fields.deadline == D(2025, 7, 31)
    assert consulting.title == "启动东片区征询意见，签约率达到80%以上"
    assert consulting.fields.responsible_units == ["东门街道"]
    assert consulting.fields.cooperating_units == ["区住建局", "区司法局"]
    assert consulting.fields.deadline == D(2025, 9, 20)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_line_of_fields_parted_by_bars_under_a_lead_sentence(read):
    lines = [
        "一、强化基层组织",
        "1.推进网格党建。全区划分网格300个。",
        "责任单位：区委组织部、区委政法委｜配合单位：各街道｜完成时限：2025年6月底",
    ]
    item = leaves(read("\n".join(lines)))[0]
    assert item.fields.responsible_units == ["区委组织部", "区委政法委"]
    assert item.fields.cooperating_units == ["各街道"]
    assert item.fields.deadline == D(2025, 6, 30)


def test_a_bar_between_words_of_a_task_is_no_field():
    # The opposite fact: a bar with no label after it parts the task's words; the title keeps them.
    lines = ["一、片区更新", "1.整治沿街立面｜拆除违章搭建。（责任单位：区城管局）"]
    item = leaves(as_txt("\n".join(lines)))[0]
    assert item.title == "整治沿街立面｜拆除违章搭建"
    assert item.fields.responsible_units == ["区城管局"]


# --- a workbook with a column of places and a column counting households --------------------------------

HEADER = ["序号", "所在街道", "小区名称", "改造户数（户）", "实施主体", "计划完工时间"]
COMPOUNDS = [
    ["1", "东门街道", "机械厂宿舍", "240", "东门街道办事处", "2025年10月"],
    ["2", "东门街道", "粮站家属院", "96", "区住建局", "2025年9月"],
    ["3", "西湖街道", "电厂小区", "318", "区城投公司", "2025年12月"],
]


def _workbook(header: list[str], rows: list[list[str]]):
    return parse(read("改造计划.xlsx", workbook_of([["青山区2025年老旧小区改造计划表"], header, *rows])), YEAR)


def test_a_column_of_places_repeated_on_each_row_is_no_heading():
    plan = _workbook(HEADER, COMPOUNDS)
    assert [item.title for item in plan.roots] == ["机械厂宿舍", "粮站家属院", "电厂小区"]


def test_a_column_that_counts_in_the_measure_its_header_names_is_the_target():
    plan = _workbook(HEADER, COMPOUNDS)
    assert [[(found.value, found.unit) for found in item.indicators] for item in plan.roots] == [
        [(240, "户")],
        [(96, "户")],
        [(318, "户")],
    ]


def test_a_kind_column_in_runs_still_heads_its_rows_and_a_target_column_stays_the_target():
    # The opposite facts: a 类别 column filled down over its rows opens a heading per kind, and where a
    # column is named for the target, a count beside it is no target.
    header = ["序号", "类别", "小区名称", "改造户数（户）", "改造目标", "实施主体", "计划完工时间"]
    rows = [
        ["1", "整体改造", "机械厂宿舍", "240", "加装电梯4部", "东门街道办事处", "2025年10月"],
        ["2", "整体改造", "粮站家属院", "96", "加装电梯2部", "区住建局", "2025年9月"],
        ["3", "局部改造", "电厂小区", "318", "改造管网3公里", "区城投公司", "2025年12月"],
    ]
    plan = _workbook(header, rows)
    assert [root.title for root in plan.roots] == ["整体改造", "局部改造"]
    assert [(found.value, found.unit) for found in plan.roots[0].children[0].indicators] == [(4, "部")]


# --- an item number followed by the year its sentence opens with ----------------------------------------


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_number_before_a_year_is_the_items_number(read):
    lines = [
        "一、工作目标",
        "1.2025年底前，全区农村生活污水治理率达到60%。（责任单位：区生态环境分局）",
        "2.建成污水处理站5座。（责任单位：区水务局）",
    ]
    first, second = leaves(read("\n".join(lines)))
    assert (first.number, first.fields.deadline) == ("1.", D(2025, 12, 31))
    assert first.title.startswith("2025年底前")
    assert second.number == "2."


# --- a 目标责任书 between 甲方 and 乙方 --------------------------------------------------------------------

PLEDGE = [
    "青山县2025年度农村人居环境整治目标责任书",
    "",
    "甲方：青山县农业农村局",
    "乙方：东岭镇人民政府",
    "",
    "为推进农村人居环境整治，经双方协商，签订本责任书。",
    "",
    "一、责任目标",
    "1.年内完成改厕300户。",
    "2.9月底前建成村级垃圾收集点12个。",
    "",
    "二、工作要求",
    "乙方要明确专人负责，每月5日前向甲方报送工作进展。",
    "",
    "三、附则",
    "本责任书一式两份，自签订之日起生效。",
    "",
    "甲方（盖章）：青山县农业农村局　　　　乙方（盖章）：东岭镇人民政府",
    "负责人（签字）：　　　　　　　　　　　负责人（签字）：",
    "2025年2月10日",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_the_party_that_signs_a_pledge_answers_for_each_target_by_the_years_end(read):
    plan = read("\n".join(PLEDGE))
    toilets, collection = leaves(plan)
    assert toilets.fields.responsible_units == collection.fields.responsible_units == ["东岭镇人民政府"]
    assert (toilets.fields.deadline, collection.fields.deadline) == (D(2025, 12, 31), D(2025, 9, 30))
    assert [section.node.title for section in plan.guidance] == ["工作要求", "附则"]
    assert "负责人（签字）" in plan.headers["signatory"]


def test_a_party_named_above_a_plan_that_is_no_pledge_answers_for_nothing():
    # The opposite fact: "乙方：" above a 工作方案 is not read as the items' unit.
    lines = ["青山县2025年度农村人居环境整治工作方案", *PLEDGE[1:11]]
    plan = as_txt("\n".join(lines))
    assert [item.fields.responsible_units for item in leaves(plan)] == [[], []]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_an_item_that_opens_with_the_year_as_its_span_is_due_at_its_end(read):
    lines = [
        "一、工作目标",
        "1.全年新增城镇就业岗位不少于800个。（责任单位：区人社局）",
        "2.年内建成充电桩120个。（责任单位：区发改局）",
        "3.全年持续开展就业帮扶。（责任单位：各街道）",
    ]
    jobs, chargers, aid = leaves(read("\n".join(lines)))
    assert (jobs.fields.deadline, chargers.fields.deadline) == (D(2025, 12, 31), D(2025, 12, 31))
    # The opposite fact: "全年持续开展" is work through the year, no target due at its end.
    assert aid.fields.deadline is None


def test_a_label_after_a_bar_has_its_colon_back_where_ocr_read_a_semicolon():
    from responsibility.importing import ocr

    read_as = "责任单位:区委组织部、各街道|完成时限; 2025年11月底"
    assert ocr._labelled(read_as) == "责任单位:区委组织部、各街道|完成时限： 2025年11月底"
    # The opposite fact: a bar before words of a sentence changes nothing.
    assert ocr._labelled("整治沿街立面|拆除违章搭建; 6月底前完成") == "整治沿街立面|拆除违章搭建; 6月底前完成"
