"""The shapes the forty-third held-out set (d363–d370) showed the importer did not follow, in made-up
words, one section per cause: unit columns of two tiers of government side by side (市级牵头部门 |
区级牵头单位 | 区级配合单位); Markdown's bold numbers and backslash line breaks in text that is not a .md
file; a 转发 notice whose own numbered opinions are the plan, the forwarded notice in full after them;
a 督办 office beside 承办 and 协办 on an item's line; the plan's task list as an attachment of its own
after the plan ("附件2" / "X任务清单" after "X实施方案")."""

from __future__ import annotations

import datetime

import pytest

from tests.responsibility.importing.made import leaves, readers, table_readers

YEAR = 2026
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]
TABLE_FORMS = ["xlsx", "paste"]


# --- unit columns of two tiers -----------------------------------------------------------------------

TWO_TIERS = [
    ["序号", "重点任务", "省级牵头部门", "县级牵头单位", "县级配合单位", "完成时限"],
    ["1", "新建乡村物流站点20个", "省商务厅", "县商务局", "县交通运输局、各乡镇", "2026年9月底前"],
    ["2", "改造农贸市场3个", "省市场监管局", "县市场监管局", "县住建局", "2026年11月底前"],
]


@pytest.mark.parametrize("form", TABLE_FORMS)
def test_the_most_local_tier_of_unit_columns_is_the_assignment(form):
    items = leaves(table_readers(YEAR)[form](TWO_TIERS))
    assert [item.title for item in items] == ["新建乡村物流站点20个", "改造农贸市场3个"]
    assert [item.fields.lead_units for item in items] == [["县商务局"], ["县市场监管局"]]
    assert items[0].fields.cooperating_units == ["县交通运输局", "各乡镇"]
    assert all("省商务厅" not in item.fields.responsible_units for item in items)
    assert items[1].fields.deadline == D(2026, 11, 30)


@pytest.mark.parametrize("form", TABLE_FORMS)
def test_a_unit_column_of_one_tier_keeps_its_role(form):
    # The opposite fact: a tier named on one column alone is that column's units, whatever the tier.
    rows = [
        ["序号", "重点任务", "市级牵头部门", "配合单位", "完成时限"],
        ["1", "新建乡村物流站点20个", "市商务局", "县交通运输局", "2026年9月底前"],
    ]
    (item,) = leaves(table_readers(YEAR)[form](rows))
    assert item.fields.lead_units == ["市商务局"]
    assert item.fields.cooperating_units == ["县交通运输局"]


# --- Markdown's bold numbers and hard breaks in text -------------------------------------------------

BOLD_NUMBERS = [
    "北岗镇2026年重点工作任务分解",
    "",
    "## 一、产业发展",
    "",
    "**1.** 新建高标准农田3000亩。\\",
    "牵头单位：镇农业服务中心\\",
    "配合单位：各村\\",
    "完成时限：2026年10月底",
    "",
    "**2.** 培育家庭农场12家。\\",
    "牵头单位：镇经济发展办\\",
    "完成时限：2026年12月底",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_bold_numbers_and_backslash_breaks_are_markup_in_text(read):
    items = leaves(read("\n".join(BOLD_NUMBERS)))
    assert [item.title for item in items] == ["新建高标准农田3000亩", "培育家庭农场12家"]
    assert items[0].fields.lead_units == ["镇农业服务中心"]
    assert items[0].fields.cooperating_units == ["各村"]
    assert [item.fields.deadline for item in items] == [D(2026, 10, 31), D(2026, 12, 31)]


def test_one_line_ending_in_a_backslash_keeps_it():
    # The opposite fact: a single backslash at a line's end is no sign of Markdown.
    plan = as_txt("一、产业发展\n1.整理共享目录D:\\资料\\\n2.完成台账归档。（牵头单位：镇党政办）")
    items = leaves(plan)
    assert items[0].title.endswith("\\")


# --- a 转发 notice with its own opinions, the forwarded notice in full after them --------------------

FORWARDING = [
    "东岭县人民政府办公室",
    "关于转发《省农业农村厅关于做好春季动物防疫工作的通知》的通知",
    "东政办发〔2026〕7号",
    "",
    "各乡镇人民政府，县直各有关单位：",
    "现将《省农业农村厅关于做好春季动物防疫工作的通知》转发给你们，结合我县实际，提出以下意见。",
    "1.开展春季集中免疫。4月30日前完成应免畜禽免疫。（县农业农村局牵头，各乡镇配合）",
    "2.加强检疫监管。5月31日前完成屠宰场检查。（县畜牧站牵头，县市场监管局配合）",
    "",
    "东岭县人民政府办公室",
    "2026年3月10日",
    "",
    "省农业农村厅关于做好春季动物防疫工作的通知",
    "农发〔2026〕15号",
    "各市县农业农村部门：",
    "现就有关事项通知如下：",
    "一、压实防疫责任",
    "各地要落实属地管理责任。",
    "二、做好物资保障",
    "各地要储备防疫物资。",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_forwarding_notice_with_its_own_items_is_the_plan(read):
    plan = read("\n".join(FORWARDING))
    assert plan.title == "关于转发《省农业农村厅关于做好春季动物防疫工作的通知》的通知"
    items = leaves(plan)
    assert [item.title for item in items] == ["开展春季集中免疫", "加强检疫监管"]
    assert [root.title for root in plan.roots] == ["开展春季集中免疫", "加强检疫监管"]
    assert [section.node.number + section.node.title for section in plan.guidance] == [
        "一、压实防疫责任",
        "二、做好物资保障",
    ]


def test_a_sending_notice_still_takes_its_attachment_as_the_plan():
    # The opposite fact: "关于印发《X》的通知" with no items of its own, X after it: X is the plan.
    lines = [
        "东岭县人民政府办公室",
        "关于印发《东岭县2026年春季动物防疫工作方案》的通知",
        "各乡镇人民政府：",
        "现将《东岭县2026年春季动物防疫工作方案》印发给你们，请认真贯彻执行。",
        "东岭县人民政府办公室",
        "2026年3月10日",
        "东岭县2026年春季动物防疫工作方案",
        "一、重点任务",
        "1.开展春季集中免疫。（县农业农村局牵头）",
    ]
    plan = as_txt("\n".join(lines))
    assert plan.title == "东岭县2026年春季动物防疫工作方案"
    assert [item.title for item in leaves(plan)] == ["开展春季集中免疫"]
    assert not plan.guidance


# --- a 督办 office on an item's line ------------------------------------------------------------------

SUPERVISED = [
    "关于农贸市场改造的专题会议纪要",
    "一、关于市场改造",
    "（一）完成施工招标。4月底前完成。",
    "承办：县商务局　协办：城关街道　督办：县政府督查室　时限：2026年4月30日",
    "（二）落实改造资金。",
    "承办：县财政局　督办：县政府督查室　时限：2026年6月30日",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_supervising_office_is_no_unit_of_the_item(read):
    items = leaves(read("\n".join(SUPERVISED)))
    assert [item.fields.responsible_units for item in items] == [["县商务局"], ["县财政局"]]
    assert items[0].fields.cooperating_units == ["城关街道"]
    assert [item.fields.deadline for item in items] == [D(2026, 4, 30), D(2026, 6, 30)]


def test_a_label_run_on_after_a_streets_name_still_parts_it():
    # As a PDF's text runs "城关街道协办：…" together; the opposite fact: "渠道协办" is no unit's end.
    items = leaves(as_txt("一、市场改造\n1.完成招标。\n承办：城关街道协办：县商务局　时限：2026年4月30日"))
    assert items[0].fields.responsible_units == ["城关街道"]
    assert items[0].fields.cooperating_units == ["县商务局"]


# --- the plan's task list as an attachment of its own ------------------------------------------------


def _with_attachments(second_title: str) -> str:
    return "\n".join(
        [
            "中共北岗县委办公室",
            "关于印发《北岗县2026年乡村振兴实施方案》的通知",
            "各乡镇党委，县直各单位：",
            "现将《北岗县2026年乡村振兴实施方案》印发给你们，请认真贯彻落实。",
            "附件：1.北岗县2026年乡村振兴实施方案",
            f"　　　2.{second_title}",
            "中共北岗县委办公室",
            "2026年3月1日",
            "附件1",
            "北岗县2026年乡村振兴实施方案",
            "一、总体要求",
            "坚持农业农村优先发展。",
            "二、主要任务",
            "实施两项重点任务，牵头单位和完成时间详见附件2。",
            "附件2",
            second_title,
            "序号\t具体任务\t牵头单位\t完成时间",
            "1\t新建村级物流站点20个\t县商务局\t2026年9月",
            "2\t改造农村公路30公里\t县交通运输局\t2026年11月",
        ]
    )


@pytest.mark.parametrize("read", [as_txt, as_paste])
def test_the_plans_own_task_list_attached_holds_its_items_at_the_top(read):
    plan = read(_with_attachments("北岗县2026年乡村振兴任务清单"))
    items = leaves(plan)
    assert [item.title for item in items] == ["新建村级物流站点20个", "改造农村公路30公里"]
    assert all(item in plan.roots for item in items)
    assert [item.fields.lead_units for item in items] == [["县商务局"], ["县交通运输局"]]
    assert {section.node.title for section in plan.guidance} >= {"总体要求", "主要任务"}


def test_an_attachment_of_another_name_stays_a_part():
    # The opposite fact: an attachment that is not the plan's task list keeps its title over its rows.
    plan = as_txt(_with_attachments("北岗县2026年物流站点建设明细表"))
    assert any(root.number == "附件2" for root in plan.roots)
