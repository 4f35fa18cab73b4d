"""The shapes the twenty-fifth held-out set (d219–d226) showed the importer did not follow, in made-up
words, one section per cause, each beside what must stay as it was: circled numbers running past ⑳
(㉑ …); Chinese numerals with a closing bracket alone ("一）") as sub-headings; a field's label in
Markdown's bold in text that is not a .md file; an item whose sentence opens with a month run into its
number ("1.6月底前完成…"); headings that only say when their items are due ("一、6月底前完成（2项）",
"三、长期坚持"); a 责任清单 by post with a "分管单位：" line under each post; a meeting count bounded by
至少 as a target ("每半年至少召开1次推进会"; "每月召开1次例会" without a bound stays a routine); and a
挂图作战 workbook whose month columns hold each month's node text."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from responsibility.importing.document import Table
from responsibility.importing.fields import find_indicators
from responsibility.importing.numbering import match
from responsibility.importing.tables import parse_table
from tests.responsibility.importing.made import branches, leaves, readers

YEAR = 2026
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


def plan_of(*lines: str) -> str:
    return "\n".join(["红旗镇2026年农业农村工作要点", "", *lines, "", "红旗镇人民政府", "2026年1月8日"])


# --- circled numbers past ⑳ -----------------------------------------------------------------------

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒"


def test_circled_numbers_past_twenty_number_items():
    assert [match(f"{mark}开展巡河").value for mark in ("⑳", "㉑", "㉟", "㊱", "㊿")] == [20, 21, 35, 36, 50]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_items_numbered_past_twenty_keep_their_own_fields(read):
    point = "{mark}修缮第{index}号灌渠。责任单位：水利站；完成时限：2026年6月底前。"
    points = [point.format(mark=mark, index=index) for index, mark in enumerate(CIRCLED, 1)]
    points[-1] = "㉒组织秋季植树活动。牵头单位：林业站；完成时限：2026年11月底前。"
    plan = read(plan_of("一、水利建设", *points))
    items = leaves(plan)
    assert len(items) == 22
    assert items[19].fields.responsible_units == ["水利站"] and items[19].fields.deadline.month == 6
    assert items[21].title == "组织秋季植树活动" and items[21].fields.lead_units == ["林业站"]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_circled_number_inside_a_sentence_does_not_split_it(read):
    plan = read(
        plan_of("一、水利建设", "①修缮灌渠，按图㉑所示位置施工。责任单位：水利站。", "②疏浚塘堰。责任单位：各村。")
    )
    assert [item.title for item in leaves(plan)] == ["修缮灌渠，按图㉑所示位置施工", "疏浚塘堰"]


# --- "一）" sub-headings ------------------------------------------------------------------------------

HALF_BRACKETED = plan_of(
    "一、产业发展",
    "一）壮大特色种植",
    "1）新建蔬菜大棚50个。责任单位：农业服务中心；完成时限：2026年9月底前",
    "2）推广稻虾共养。责任单位：水产站",
    "二）做强农产品加工",
    "1）引进加工企业2家。责任单位：招商办",
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_chinese_numeral_with_a_closing_bracket_alone_is_a_sub_heading(read):
    plan = read(HALF_BRACKETED)
    assert [heading.title for heading in branches(plan)] == ["产业发展", "壮大特色种植", "做强农产品加工"]
    assert [item.title for item in leaves(plan)] == ["新建蔬菜大棚50个", "推广稻虾共养", "引进加工企业2家"]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_half_bracketed_numerals_inside_an_item_stay_its_text(read):
    plan = read(
        plan_of("一、产业发展", "1）落实一）二）两类补贴。责任单位：财政所", "2）推广稻虾共养。责任单位：水产站")
    )
    assert [item.title for item in leaves(plan)] == ["落实一）二）两类补贴", "推广稻虾共养"]


# --- bold labels outside .md -------------------------------------------------------------------------


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_labels_markdown_bold_outside_markdown_is_markup(read):
    plan = read(
        plan_of(
            "一、人居环境",
            "1.开展村庄清洁行动。**牵头**：环卫所；**配合：**各行政村；**时限**：2026年10月底前",
            "2.改造农村户厕300座。**责任**：卫健办；**时限**：长期坚持",
        )
    )
    first, second = leaves(plan)
    assert first.fields.lead_units == ["环卫所"] and first.fields.cooperating_units == ["各行政村"]
    assert first.fields.deadline == datetime.date(2026, 10, 31)
    assert second.fields.responsible_units == ["卫健办"] and second.fields.ongoing


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_bold_name_that_is_no_label_still_names_its_item(read):
    plan = read(plan_of("一、人居环境", "**整治沟渠塘堰：**清理淤泥杂物，年底前完成（责任单位：水利站）"))
    (item,) = leaves(plan)
    assert item.title == "整治沟渠塘堰" and item.fields.responsible_units == ["水利站"]


# --- a month run into the item's number ------------------------------------------------------------

MONTH_FIRST = plan_of(
    "一、重点任务",
    "1.6月底前完成春播备耕物资储备。（农业服务中心）",
    "2.建成冷链仓储中心1座。（商务办牵头，供销社配合）",
    "3.12月底前完成土地确权档案整理。（经管站）",
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_an_item_whose_sentence_opens_with_a_month_is_numbered_by_the_digit_before_it(read):
    items = leaves(read(MONTH_FIRST))
    assert [(item.number, item.title) for item in items] == [
        ("1.", "6月底前完成春播备耕物资储备"),
        ("2.", "建成冷链仓储中心1座"),
        ("3.", "12月底前完成土地确权档案整理"),
    ]
    assert items[0].fields.responsible_units == ["农业服务中心"] and items[0].fields.deadline.month == 6
    assert items[1].fields.lead_units == ["商务办"] and items[1].fields.cooperating_units == ["供销社"]
    assert items[2].fields.responsible_units == ["经管站"] and items[2].fields.deadline.month == 12


def test_a_decimal_before_a_month_out_of_turn_is_no_number():
    assert match("1.5万亩高标准农田") is None
    found = match("2.5月份完成")
    assert found.style == "arabic" and not found.certain  # believed only where 2 is due next


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_by_date_inside_an_items_sentence_is_its_deadline(read):
    plan = read(plan_of("一、重点任务", "1.推动闲置校舍改造为养老服务站，年底前完成主体工程。（民政办）"))
    assert leaves(plan)[0].fields.deadline == datetime.date(2026, 12, 31)


# --- headings that say when their items are due -------------------------------------------------------

BY_DEADLINE = plan_of(
    "一、6月底前完成（2项）",
    "1.召开全镇农业工作会议。责任单位：党政办",
    "2.完成春耕备耕。责任单位：农业服务中心；完成时限：2026年4月底前",
    "二、年底前完成（1项）",
    "1.建成农产品展销中心。责任单位：商务办",
    "三、长期坚持（1项）",
    "1.开展秸秆禁烧巡查。责任单位：环保站",
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_heading_that_only_names_a_deadline_gives_it_to_its_items(read):
    plan = read(BY_DEADLINE)
    assert [heading.title for heading in branches(plan)] == ["6月底前完成", "年底前完成", "长期坚持"]
    first, second, third, fourth = leaves(plan)
    assert first.fields.deadline is None  # it inherits when the plan is built
    headings = branches(plan)
    assert headings[0].fields.deadline == datetime.date(2026, 6, 30)
    assert second.fields.deadline == datetime.date(2026, 4, 30)  # its own stays
    assert headings[1].fields.deadline == datetime.date(2026, 12, 31)
    assert headings[2].fields.ongoing and headings[2].fields.deadline is None
    assert third.title == "建成农产品展销中心" and fourth.title == "开展秸秆禁烧巡查"


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_heading_that_names_more_than_a_deadline_gives_none(read):
    plan = read(
        plan_of(
            "一、上半年工作回顾",
            "1.召开全镇农业工作会议。责任单位：党政办",
            "二、6月底前完成村道硬化",
            "1.硬化东村村道3公里。责任单位：交通站",
        )
    )
    for heading in branches(plan):
        assert heading.fields.deadline is None and not heading.fields.ongoing


# --- a 责任清单 by post: the units in each post's charge ------------------------------------------------

BY_POST = plan_of(
    "一、镇长",
    "分管部门：党政办、财政所",
    "1.主持镇政府全面工作。",
    "2.保障工作经费。",
    "二、分管农业副镇长",
    "分管单位：农业服务中心",
    "1.负责农业生产安全。",
    "三、纪委书记",
    "1.监督落实责任。",
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_the_units_in_a_posts_charge_answer_for_its_duties(read):
    plan = read(BY_POST)
    headings = branches(plan)
    assert headings[0].fields.responsible_units == ["党政办", "财政所"]
    assert headings[1].fields.responsible_units == ["农业服务中心"]
    assert headings[2].fields.responsible_units == []  # a post that names none gives none


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_leader_in_charge_is_still_a_leader_not_a_unit(read):
    plan = read(plan_of("一、粮食生产", "1.落实耕地保护。分管领导：王五；责任单位：自然资源所"))
    (item,) = leaves(plan)
    assert item.fields.lead_leaders == ["王五"] and item.fields.responsible_units == ["自然资源所"]


# --- meetings to hold as a target ------------------------------------------------------------------


def test_meetings_to_hold_are_a_target():
    (found,) = find_indicators("每半年至少召开1次推进会，研究解决问题")
    assert (found.value, found.unit, found.comparator) == (Decimal("1"), "次", "gte")


def test_a_meeting_held_at_a_cadence_without_a_bound_is_no_target():
    assert find_indicators("每月召开1次推进会，研究解决问题") == []
    assert find_indicators("召开专题会议研究部署秋冬季防火工作") == []


# --- a 挂图作战 workbook: each month's node in its cell --------------------------------------------------

MONTHS = [f"{month}月" for month in range(1, 7)]


def _schedule(*rows: list[str]) -> list:
    roots, _problems, _headers, _lines = parse_table(
        Table(rows=[["序号", "重点任务", *MONTHS, "责任单位"], *rows], line=1), YEAR
    )
    return roots


def test_the_last_month_holding_a_node_is_the_deadline():
    first, second = _schedule(
        ["1", "建设智慧农业平台", "完成选址", "", "招标", "", "上线运行", "", "农业服务中心"],
        ["2", "整治村容村貌", "动态清零", "动态清零", "动态清零", "动态清零", "动态清零", "动态清零", "各村"],
    )
    assert first.fields.deadline == datetime.date(YEAR, 5, 31)
    assert second.fields.deadline == datetime.date(YEAR, 6, 30)


def test_months_that_say_nothing_or_hold_figures_give_no_deadline():
    first, second = _schedule(
        ["1", "建设智慧农业平台", "/", "—", "", "", "", "", "农业服务中心"],
        ["2", "修补村道", "20", "30", "40", "", "", "", "交通站"],
    )
    assert first.fields.deadline is None and second.fields.deadline is None
