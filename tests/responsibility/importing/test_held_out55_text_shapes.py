"""The text shapes of the fifty-fifth held-out set (d461, d462) the importer did not follow, in made-up
words, one section per cause: a scan's text layer with stray spaces between its characters ("县 市场监管局
食 品生产股", "2 0 2 4 年 1 2 月"); a plan written in Chinese and English, each heading, label and name with
its translation after it and each sentence with its translation on the next line."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing.document import Line, Source
from responsibility.importing.written import without_stray_spaces, without_translations
from tests.responsibility.importing.made import md_reader, readers

from .test_held_out50_shapes import held

YEAR = 2026
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
as_md = md_reader(YEAR)
TEXT_FORMS = [as_txt, as_paste, as_docx]


def source_of(lines: list[str]) -> Source:
    return Source(name="计划.txt", kind="txt", blocks=[Line(text, number) for number, text in enumerate(lines, 1)])


# --- a scan's text layer: stray spaces between characters ---------------------------------------------

SPACED = [
    "青 山 镇 应 急 管 理 办 公 室",
    "青山镇2026年 安全生产 重点 工作 安排",
    "一 、 强 化 隐 患 排 查 治 理",
    "（一 ）开 展 危化品企业 专 项检查 ，检查企业 不少于 40 家。 （责任 单位： 镇 应急办 安 全监管股；"
    "完成 时 限：202 6 年 5月 底前）",
    "（ 二 ） 开 展 森 林 防 火 巡 查 ， 巡 查 不 少 于 2 0 0 次 。 （ 牵 头 单 位 ： 镇 林 业 站 ； "
    "配 合 单 位 ： 各 村 委 会 ； 完 成 时 限 ： 2 0 2 6 年 1 1 月 底 前 ）",
    "— 1 —",
    "二、 提 升 应 急 处 置 能 力",
    "（一）组织 应急演练1 2 次。（责任单位：镇应急 办；完成时限：2026 年10月 底前）",
]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_text_layer_with_stray_spaces_throughout_is_read_as_if_they_were_not_there(form):
    plan = form("\n".join(SPACED))
    assert [root.title for root in plan.roots] == ["强化隐患排查治理", "提升应急处置能力"]
    leaves = plan.leaves()
    assert [leaf.title for leaf in leaves] == [
        "开展危化品企业专项检查，检查企业不少于40家",
        "开展森林防火巡查，巡查不少于200次",
        "组织应急演练12次",
    ]
    assert [leaf.fields.responsible_units or leaf.fields.lead_units for leaf in leaves] == [
        ["镇应急办安全监管股"], ["镇林业站"], ["镇应急办"],
    ]  # fmt: skip
    assert leaves[1].fields.cooperating_units == ["各村委会"]
    assert [leaf.fields.deadline for leaf in leaves] == [D(2026, 5, 31), D(2026, 11, 30), D(2026, 10, 31)]
    assert [(i.value, i.unit) for i in leaves[1].indicators] == [(200, "次")]


def test_numbers_spaced_digit_by_digit_are_read_whole_where_the_chinese_lost_its_spaces():
    # A PDF's own spacing drops the gaps between Chinese characters and keeps those between digits.
    lines = [
        "一、强化隐患排查治理",
        "（一）开展森林防火巡查，巡查不少于2 0 0次。（责任单位：镇林业站；完成时限：2 0 2 6年1 1月底前）",
        "（二）排查出租房屋1 500间。（责任单位：各村委会；完成时限：202 6年9月底前）",
        "（三）投诉按时办结率达到9 8%以上。（责任单位：镇1 2 3 4 5热线分中心；完成时限：2 0 2 6年1 2月底前）",
    ]
    leaves = as_txt("\n".join(lines)).leaves()
    assert [leaf.fields.deadline for leaf in leaves] == [D(2026, 11, 30), D(2026, 9, 30), D(2026, 12, 31)]
    assert [[(i.value, i.unit) for i in leaf.indicators] for leaf in leaves] == [
        [(200, "次")],
        [(1500, "间")],
        [(98, "%")],
    ]
    assert leaves[2].fields.responsible_units == ["镇12345热线分中心"]


def test_a_typed_plan_with_a_spaced_title_and_letterhead_keeps_its_spaces():
    lines = [
        "县 委 办",
        "通  知",
        "一、重点任务",
        "（一）完成道路硬化 12 公里。（责任单位：县交通局、县住建局 2026年6月底前）",
        "（二）新建 口袋公园 3个。（责任单位：县住建局；完成时限：2026年9月底前）",
        "（三）改造老旧小区12个。（责任单位：县住建局；完成时限：2026年10月底前）",
    ]
    source = source_of(lines)
    assert without_stray_spaces(source) is source


def test_a_space_between_a_unit_list_and_a_number_in_a_typed_plan_stays():
    lines = [
        "县交通运输局2026年重点工作安排",
        "一、重点任务",
        "（一）完成农村公路提质改造 120 公里。（责任单位：县公路中心、各乡镇 2 个片区；完成时限：2026年6月底前）",
        "（二）新建港湾式停靠站20个。（牵头单位：县运输中心；完成时限：2026年9月底前）",
    ]
    assert without_stray_spaces(source_of(lines)).blocks[2].text == lines[2]
    leaf = as_txt("\n".join(lines)).leaves()[0]
    assert leaf.title == "完成农村公路提质改造 120 公里"
    assert [(i.value, i.unit) for i in leaf.indicators] == [(120, "公里")]


# --- a bilingual plan: each line in Chinese, then in English -----------------------------------------

BILINGUAL = [
    "# 滨江新区2026年对外开放重点任务",
    "# Key Tasks of Binjiang New Area for Opening Up in 2026",
    "",
    "## 一、提升外贸发展质量 I. Improving Foreign Trade",
    "",
    "1. 培育跨境电商企业20家。",
    "   Foster 20 cross-border e-commerce enterprises.",
    "   - 牵头单位 Lead unit：商务局 Commerce Bureau",
    "   - 配合单位 Cooperating units：海关办事处 Customs Office；税务分局 Tax Branch",
    "   - 完成时限 / Deadline: 2026年9月30日 September 30, 2026",
    "",
    "2. 建成5G智慧港口APP，推进PPP项目落地。",
    "   Build a 5G smart port APP and land PPP projects.",
    "   - 责任单位 Responsible unit：港口管理局 Port Authority",
    "   - 完成时限 Deadline：长期坚持 Ongoing",
    "",
    "## 二、保障措施 II. Safeguards",
    "",
    "建立月度调度机制。",
    "A monthly scheduling mechanism will be set up.",
]


@pytest.mark.parametrize("form", [as_md, *TEXT_FORMS])
def test_a_bilingual_plan_is_read_in_its_chinese(form):
    plan = form("\n".join(BILINGUAL))
    assert plan.title == "滨江新区2026年对外开放重点任务"
    assert [root.title for root in plan.roots] == ["提升外贸发展质量"]
    assert [section.node.title for section in plan.guidance] == ["保障措施"]
    given = held(plan)
    assert given["1."].lead_units == ["商务局"]
    assert given["1."].cooperating_units == ["海关办事处", "税务分局"]
    assert given["1."].deadline == D(2026, 9, 30)
    assert given["2."].responsible_units == ["港口管理局"]
    assert given["2."].ongoing


def test_a_bilingual_plan_with_an_editors_line_numbers_loses_the_numbers_before_its_translation():
    # The English lines hold line numbers too: they are read off first, or the count has gaps.
    plan = as_paste("\n".join(f"{number} {line}".rstrip() for number, line in enumerate(BILINGUAL, 1)))
    assert [root.title for root in plan.roots] == ["提升外贸发展质量"]
    assert held(plan)["1."].lead_units == ["商务局"]


def test_latin_words_inside_the_chinese_of_a_bilingual_plan_stay():
    titles = [leaf.title for leaf in as_md("\n".join(BILINGUAL)).leaves()]
    assert titles == ["培育跨境电商企业20家", "建成5G智慧港口APP，推进PPP项目落地"]
    lines = ["一、重点任务 I. Key Tasks", "1．使用Python开发外资项目库 Build a project database", *BILINGUAL[3:]]
    assert without_translations(source_of(lines)).blocks[1].text == "1．使用Python开发外资项目库"


def test_a_translation_that_wrapped_onto_the_next_line_is_left_out_and_the_chinese_joined():
    # As a PDF's lines come: the translation after a name runs over to the next line, a name after it.
    lines = [
        *BILINGUAL[:7],
        "-牵头单位Lead unit：商务局Commerce",
        "Bureau",
        "-配合单位Cooperating units：海关办事处Customs",
        "Office；税务分局Tax Branch",
        "-完成时限Deadline：2026年9月30日September 30, 2026",
    ]
    given = held(as_txt("\n".join(lines)))
    assert given["1."].lead_units == ["商务局"]
    assert given["1."].cooperating_units == ["海关办事处", "税务分局"]


def test_a_plan_with_an_english_word_now_and_then_keeps_it():
    lines = [
        "无障碍浏览 | 长者模式 | English",
        "一、数字政府建设",
        "1．上线政务服务APP，推广Wi-Fi全覆盖。",
        "2．建设5G基站300个。责任单位：区大数据局；完成时限：2026年6月底前",
        "3．开展Excel数据治理培训。Training",
    ]
    source = source_of(lines)
    assert without_translations(source) is source
