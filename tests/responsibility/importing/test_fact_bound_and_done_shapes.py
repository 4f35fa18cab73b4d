"""Targets and a lead the review of the sixth session's merge found lost (points 4, 6 and 8), in made-up words.

已 or 去年 tells a past fact only when the verbs right after it govern the figure ("已累计完成投资…", "去年争取资金…");
when a verb of work comes later, after the noun the clause picks out ("已入库项目完成投资…"), it only describes that
noun and the figure is a target. A comparator before 的 bounds the figure only when the figure is a share of the whole
it names ("不超过总课时的30%"); a count after 的 picks out the things below a line, work to do ("对得分低于全区
平均分的4个社区开展约谈"). 了 in a clause that picks out things counted ("完成了选址的9个站点年内开工") tells no work
done: the sentence's units keep their task."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.responsibility.importing.made import leaves, readers

from .test_held_out66_figure_shapes import figures

YEAR = 2026
as_txt, as_paste, as_docx = readers(YEAR)
TEXT_FORMS = [as_txt, as_paste, as_docx]


# --- 已 / 去年 describing the noun, a later verb governing the figure (point 4) -------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("已入库项目完成投资8亿元。", [("gte", Decimal("8"), "亿元")]),
        ("已认定困难群众实现稳定增收600人。", [("gte", Decimal("600"), "人")]),
        ("去年招引企业开工投产9家。", [("gte", Decimal("9"), "家")]),
        ("已搬迁群众转移就业2300人。", [("gte", Decimal("2300"), "人")]),
    ],
)
def test_a_done_clause_that_describes_the_noun_keeps_the_target(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "已开工项目完成投资20亿元。",
        "已登记失业人员实现再就业800人。",
        "去年签约项目开工建设15个。",
        "已脱贫劳动力转移就业1.5万人。",
    ],
)
def test_the_reviewers_done_clauses_keep_their_targets(text):
    assert [comparator for comparator, _, _ in figures(text)] == ["gte"]


@pytest.mark.parametrize(
    "text",
    [
        "已累计完成投资8亿元。",
        "去年招引企业9家。",
        "去年开工建设厂房6栋。",
        "已建成服务站点12个。",
        "上年完成植树3000株。",
        "其中已办结45件。",
    ],
)
def test_a_done_clause_whose_verb_governs_the_figure_is_no_target(text):
    # The opposites: the verbs right after 已 or 去年 (one or a run of them) govern the figure, a fact told.
    assert figures(text) == []


# --- a comparator before 的 picking out things counted (point 6) ----------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("对得分低于全区平均分的4个社区开展约谈", [("gte", Decimal("4"), "个")]),
        ("对缴费人数少于核定标准的15家单位开展专项检查", [("gte", Decimal("15"), "家")]),
        ("对验收得分不足规定分值的6所幼儿园开展整改督导", [("gte", Decimal("6"), "所")]),
    ],
)
def test_a_count_after_a_line_of_comparison_is_work_to_do(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "对考核排名低于全县平均水平的5个乡镇开展约谈",
        "对参保人数少于规定标准的20家企业开展专项督查",
        "对学业质量低于全市平均水平的3所学校开展帮扶",
    ],
)
def test_the_reviewers_counts_after_a_line_are_work_to_do(text):
    assert [comparator for comparator, _, _ in figures(text)] == ["gte"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("实践课时不超过总课时的30%", [("lte", Decimal("30"), "%")]),
        ("宣传经费不低于年度预算的5%", [("gte", Decimal("5"), "%")]),
        ("返工率不高于抽检总量的2‰", [("lte", Decimal("2"), "‰")]),
    ],
)
def test_a_bound_on_a_share_of_a_whole_reads_as_before(text, expected):
    # The opposites: a share of the whole the comparator names is bounded by it.
    assert figures(text) == expected


# --- 了 in a clause that picks out things counted (point 8) --------------------------------------------------------


def town_plan(body: str) -> str:
    return "\n".join(
        [
            "某县2026年美丽乡村建设工作要点",
            "一、重点任务",
            f"4.建设便民驿站。{body}",
            "5.整治村容村貌。清理积存垃圾500吨。",
        ]
    )


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_done_work_picking_out_the_things_counted_keeps_the_lead(form):
    first = leaves(form(town_plan("县商务局牵头，完成了选址的9个站点年内开工建设。")))[0]
    assert first.fields.lead_units == ["县商务局"]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_the_reviewers_relative_clause_keeps_the_lead(form):
    plan = "\n".join(
        [
            "某县2026年乡村振兴工作要点",
            "一、重点任务",
            "6.实施乡村建设。县住建局牵头，完成了规划编制的12个村年内开工建设。",
        ]
    )
    assert leaves(form(plan))[0].fields.lead_units == ["县住建局"]


@pytest.mark.parametrize("form", TEXT_FORMS)
@pytest.mark.parametrize("body", ["县商务局牵头，完成了全县驿站选址。", "县商务局牵头完成了全县的驿站选址。"])
def test_a_sentence_of_work_done_still_gives_no_units(form, body):
    # The opposites: 了 of work done, with or without a 的 that picks out no count.
    first = leaves(form(town_plan(body)))[0]
    assert (first.fields.lead_units, first.fields.responsible_units) == ([], [])
