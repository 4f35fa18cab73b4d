"""The shapes the forty-sixth held-out set (d387–d394) showed the importer did not follow, in made-up
words, one section per cause: a node date written with a middle dot and quoted (确保“6·30”前完成); a
quarter-by-quarter 季度安排 whose last quarter is the deadline; a 督办函 whose addressee answers for its
items; a 调研提纲, no plan; where an office sits (“（设在…）”) and 按属地负责 after a unit list; a standard's
dotted clause codes picked out, none under another it does not extend; a 存在问题 column under a header the
parser does not know, and the year of the 制表日期 over it; things counted and the state they are to run in
(12个规范运行)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from responsibility.importing.fields import find_indicators
from responsibility.importing.shape import check
from tests.responsibility.importing.made import branches, leaves, md_reader, readers, table_readers

YEAR = 2025
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]
as_md = md_reader(YEAR)
TABLE_FORMS = table_readers(YEAR)


# --- a node date with a middle dot --------------------------------------------------------------------

NODE_DATE = [
    "河口镇2025年人居环境整治方案",
    "",
    "一、村庄清洁",
    "⑴清理沟渠淤泥。（责任单位：镇农办；完成时限：确保“6·30”前完成）",
    "⑵拆除废弃棚舍。（责任单位：镇城建办；完成时限：2025年9月30日前）",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_quoted_node_date_with_a_middle_dot_is_the_deadline(read):
    items = leaves(read("\n".join(NODE_DATE)))
    assert [item.title for item in items] == ["清理沟渠淤泥", "拆除废弃棚舍"]
    assert [item.fields.deadline for item in items] == [D(2025, 6, 30), D(2025, 9, 30)]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_dotted_day_named_for_an_event_is_no_deadline(read):
    # The opposite fact: "“5·12”防灾减灾日" names a day the work marks, no date to finish by.
    lines = [*NODE_DATE[:3], "⑴围绕“5·12”防灾减灾日开展宣传。（责任单位：镇应急办）"]
    (item,) = leaves(read("\n".join(lines)))
    assert item.fields.deadline is None


# --- quarter by quarter -------------------------------------------------------------------------------

QUARTERS = [
    "# 城南区2025年重点工作任务",
    "",
    "## 一、基础设施",
    "",
    "### 1. 新建充电桩200个。",
    "",
    "- 牵头单位：区发改局；配合单位：各街道",
    "- 季度安排：一季度完成选址；二季度建成80个；四季度全部建成",
    "",
    "### 2. 整合部门机房。",
    "",
    "- 牵头单位：区数据局",
    "- 季度安排：一季度摸底；三季度前全部完成",
    "",
    "### 3. 开展网络安全检查。",
    "",
    "- 牵头单位：区委网信办",
    "- 季度安排：每季度检查一轮，长期坚持",
]


def test_the_last_quarter_of_a_quarterly_schedule_is_the_deadline():
    items = leaves(as_md("\n".join(QUARTERS)))
    assert [item.fields.deadline for item in items] == [D(2025, 12, 31), D(2025, 9, 30), None]
    assert [item.fields.ongoing for item in items] == [False, False, True]
    assert items[0].fields.lead_units == ["区发改局"]


def test_a_deadline_label_beside_the_quarters_is_kept():
    # The opposite fact: an item's own 完成时限 stands; its quarters are stages, not a second deadline.
    lines = [*QUARTERS[:7], "- 完成时限：2025年10月31日前", QUARTERS[7]]
    (item,) = leaves(as_md("\n".join(lines)))
    assert item.fields.deadline == D(2025, 10, 31)


# --- a 督办函 to one unit -------------------------------------------------------------------------------

URGING = [
    "城东区人民政府督查室",
    "",
    "城政督函〔2025〕9号",
    "",
    "关于加快推进重点民生项目的督办函",
    "",
    "青山街道办事处：",
    "",
    "经督查，你街道承担的部分项目进度滞后。现将有关事项督办如下：",
    "",
    "1.加快雨污分流改造。请于2025年9月30日前完成改造。",
    "",
    "2.抓紧建设社区食堂。请于2025年10月31日前建成投用。",
    "",
    "3.做好公园提升收尾。请于2025年8月31日前完成。",
    "",
    "城东区人民政府督查室",
    "2025年7月1日",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_the_addressee_of_an_urging_letter_answers_for_its_items(read):
    plan = read("\n".join(URGING))
    items = leaves(plan)
    assert [item.fields.responsible_units for item in items] == [["青山街道办事处"]] * 3
    assert [item.fields.deadline for item in items] == [D(2025, 9, 30), D(2025, 10, 31), D(2025, 8, 31)]
    assert check(plan).looks_like_plan


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_notice_to_many_units_gives_its_items_none(read):
    # The opposite fact: a notice to every 街道 and department names no one unit that answers for all.
    lines = [*URGING[:4], "关于加快推进重点民生项目的通知", "", "各街道办事处、区直各部门：", *URGING[7:]]
    assert all(item.fields.responsible_units == [] for item in leaves(read("\n".join(lines))))


# --- a 调研提纲 -----------------------------------------------------------------------------------------

OUTLINE = [
    "北湖区人大常委会农业农村工作委员会",
    "",
    "关于全区农村养老服务情况的专题调研提纲",
    "",
    "根据区人大常委会2026年度工作要点，拟开展专题调研。现将调研提纲印发如下：",
    "",
    "一、调研内容",
    "1.农村养老服务设施布局情况。",
    "2.农村养老服务资金投入情况。",
    "3.农村养老服务队伍建设情况。",
    "4.存在的主要困难和问题。",
    "二、有关要求",
    "1.请区民政局准备书面汇报材料，于2026年4月10日前报送农工委。",
    "2.请各镇配合做好实地察看安排。",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_survey_outline_is_not_a_plan(read):
    shape = check(read("\n".join(OUTLINE)))
    assert not shape.looks_like_plan
    assert any("提纲" in text for text in shape.missing)


def test_the_same_parts_under_a_plans_title_look_like_a_plan():
    # The opposite fact: under a 方案's title, tasks with their units and dates are a plan.
    lines = [
        "北湖区2026年农村养老服务提升方案",
        "",
        *(
            f"{n}.{task}（责任单位：区民政局；完成时限：2026年{n + 5}月底前）"
            for n, task in enumerate(["新建养老服务站", "培训护理员", "改造敬老院", "建设助餐点", "开展巡访"], 1)
        ),
    ]
    assert check(as_txt("\n".join(lines))).looks_like_plan


# --- where an office sits, and 按属地负责 ----------------------------------------------------------------

SEATED = [
    "河西县2025年创建卫生县城工作方案",
    "",
    "一、环境整治",
    "1.整治背街小巷。",
    "牵头单位：县创卫办（设在县卫健局）",
    "责任单位：县城管局、县住建局，各镇（街道）按属地负责",
    "完成时限：2025年8月31日",
    "2.规范早夜市管理。",
    "牵头单位：县市场监管局",
    "责任单位：县商务局，城关镇、东关街道按属地负责",
    "完成时限：2025年9月30日",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_where_an_office_sits_and_by_locality_are_no_part_of_a_units_name(read):
    items = leaves(read("\n".join(SEATED)))
    assert [item.fields.lead_units for item in items] == [["县创卫办"], ["县市场监管局"]]
    assert [item.fields.responsible_units for item in items] == [
        ["县城管局", "县住建局", "各镇（街道）"],
        ["县商务局", "城关镇", "东关街道"],
    ]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_bracket_that_names_the_unit_stays_in_its_name(read):
    # The opposite fact: "司法所（法律服务所）" and "各镇（街道）" are the units' own names, bracket and all.
    lines = [*SEATED[:4], "牵头单位：司法所（法律服务所）", "责任单位：各镇（街道）", SEATED[6]]
    (item,) = leaves(read("\n".join(lines)))
    assert item.fields.lead_units == ["司法所（法律服务所）"]
    assert item.fields.responsible_units == ["各镇（街道）"]


# --- a standard's clause codes -------------------------------------------------------------------------

CODES = [
    ["条款号", "标准条款", "存在问题", "整改措施", "责任科室", "完成时间"],
    ["2.3.1", "门诊预约诊疗制度健全", "预约就诊率偏低", "推广分时段预约，预约就诊率达到60%以上", "门诊部", "2025年6月"],
    ["2.5.4.2", "检验危急值及时报告", "危急值报告登记不全", "完善危急值登记系统", "检验科", "2025年7月"],
    ["3.2.1", "护理分级落实到位", "分级护理巡视记录缺项", "开展分级护理专项检查", "护理部、各病区", "2025年8月"],
]


@pytest.mark.parametrize("form", sorted(TABLE_FORMS))
def test_clause_codes_none_of_which_extends_another_are_items_side_by_side(form):
    plan = TABLE_FORMS[form](CODES)
    items = leaves(plan)
    assert branches(plan) == []
    assert [item.number.strip("．.") for item in items] == ["2.3.1", "2.5.4.2", "3.2.1"]
    assert [item.title for item in items] == ["预约就诊率偏低", "危急值报告登记不全", "分级护理巡视记录缺项"]
    assert [item.fields.responsible_units for item in items] == [["门诊部"], ["检验科"], ["护理部", "各病区"]]
    assert [item.fields.deadline for item in items] == [D(2025, 6, 30), D(2025, 7, 31), D(2025, 8, 31)]


@pytest.mark.parametrize("form", sorted(TABLE_FORMS))
def test_the_date_a_sheet_was_drawn_up_gives_its_year(form):
    # Imported under 2025, the sheet drawn up in 2024: the importer says the two years differ.
    maker = "制表：医务科　　　　制表日期：2024年4月28日"
    rows = [["县医院整改任务表", "", "", "", "", ""], [maker, "", "", "", "", ""]]
    plan = TABLE_FORMS[form]([*rows, *CODES])
    assert any("2024" in warning.message and "2025" in warning.message for warning in plan.warnings)
    assert [item.title for item in leaves(plan)][:1] == ["预约就诊率偏低"]


@pytest.mark.parametrize("form", sorted(TABLE_FORMS))
def test_a_makers_line_with_no_date_gives_no_year(form):
    # The opposite fact: "制表：医务科" alone names who made the sheet, no year.
    rows = [["县医院整改任务表", "", "", "", "", ""], ["制表：医务科", "", "", "", "", ""]]
    plan = TABLE_FORMS[form]([*rows, *CODES])
    assert not any("2024" in warning.message for warning in plan.warnings)


@pytest.mark.parametrize("form", sorted(TABLE_FORMS))
def test_clause_codes_picked_out_of_a_standard_skip_no_count(form):
    plan = TABLE_FORMS[form](CODES)
    assert not [warning for warning in plan.warnings if "编号不连续" in warning.message]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_decimal_skipped_within_its_clause_is_a_gap(read):
    # The opposite fact: "1.4" after "1.2" under the same "1" leaves 1.3 out.
    lines = [
        "东城区2025年营商环境提升方案",
        "",
        "1.1 优化审批服务（牵头单位：区政务服务局；完成时限：2025年6月底前）",
        "1.2 提升监管效能（牵头单位：区市场监管局；完成时限：2025年9月底前）",
        "1.4 加强要素保障（牵头单位：区自然资源局；完成时限：2025年12月底前）",
    ]
    plan = read("\n".join(lines))
    assert [warning.text for warning in plan.warnings if "编号不连续" in warning.message] == ["1.4"]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_code_goes_under_the_code_it_extends(read):
    # The opposite fact: "1.2.1" under "1.2" is a clause of it, as a plan numbered by decimals nests.
    lines = [
        "东城区2025年营商环境提升方案",
        "",
        "1.1 优化审批服务（牵头单位：区政务服务局；完成时限：2025年6月底前）",
        "1.2 提升监管效能",
        "1.2.1 推行非现场监管（牵头单位：区市场监管局；完成时限：2025年9月底前）",
        "1.2.2 开展信用分级分类（牵头单位：区发改局；完成时限：2025年10月底前）",
        "1.3 加强要素保障（牵头单位：区自然资源局；完成时限：2025年12月底前）",
    ]
    plan = read("\n".join(lines))
    assert [heading.title for heading in branches(plan)] == ["提升监管效能"]
    assert [item.title for item in leaves(plan)] == [
        "优化审批服务",
        "推行非现场监管",
        "开展信用分级分类",
        "加强要素保障",
    ]


@pytest.mark.parametrize("form", sorted(TABLE_FORMS))
def test_a_problems_column_right_of_the_units_is_no_title(form):
    # The opposite fact: a 存在问题 written after who answers and by when is what held the clause back.
    rows = [
        ["条款号", "标准条款", "整改措施", "责任科室", "完成时间", "存在问题"],
        *([row[0], row[1], row[3], row[4], row[5], row[2]] for row in CODES[1:]),
    ]
    items = leaves(TABLE_FORMS[form](rows))
    assert [item.title for item in items] == ["门诊预约诊疗制度健全", "检验危急值及时报告", "护理分级落实到位"]


# --- things counted and the state they are to run in ---------------------------------------------------


def test_a_count_before_the_state_the_things_are_to_run_in_is_a_target():
    (found,) = find_indicators("村级便民服务点15个规范运行")
    assert (found.value, found.unit, found.comparator) == (Decimal(15), "个", "gte")


def test_a_count_of_things_that_run_unqualified_is_no_target():
    # The opposite fact: "现有站点12个运行" tells how things are; no state is aimed at.
    assert find_indicators("现有站点12个运行") == []
