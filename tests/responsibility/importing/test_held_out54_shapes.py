"""The shapes the fifty-fourth held-out set (d451–d458) showed the importer did not follow, in made-up words,
one section per cause: a 纪要's 议定事项 that give their units in the sentences of their prose ("会议要求，由X牵头，
Y配合，…前完成"), a plan to track though one of them names no unit; and an applicant's 一次性告知单 (materials to
hand in, time limits, lines to sign), which is no plan (a cause of the fifty-fifth set, d466)."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing import fields as phrases
from responsibility.importing.shape import check
from tests.responsibility.importing.made import readers

from .test_held_out50_shapes import held

YEAR = 2026
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
TEXT_FORMS = [as_txt, as_paste, as_docx]


# --- units given in the prose of a 纪要's 议定事项 ------------------------------------------------------

MINUTES = [
    "白石县人民政府常务会议纪要",
    "第8次",
    "2026年4月10日，县长主持召开县政府第8次常务会议。现将会议议定事项纪要如下：",
    "一、关于乡镇卫生院改造工作",
    "会议原则同意县卫健局提出的改造方案。会议要求，由县卫健局牵头，县财政局、县住建局配合，抓紧组织施工，"
    "2026年11月底前完成5所卫生院改造。",
    "二、关于森林防火工作",
    "会议听取了县林业局的汇报。会议要求，县林业局、县消防救援大队负责，各乡镇配合，5月31日前完成隐患排查。",
    "三、关于城区停车场建设",
    "会议研究了城区停车场建设工作。会议明确，县住建局负责，县自然资源局协助，9月底前建成停车场2处。",
    "四、关于重点项目推进情况",
    "会议听取了县发改局的汇报。会议要求，各责任单位要倒排工期，县政府督查室要加强跟踪督办。",
]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_minutes_agreed_matters_give_their_units_in_the_sentences_of_their_prose(form):
    plan = form("\n".join(MINUTES))
    given = held(plan)
    assert (given["一、"].lead_units, given["一、"].cooperating_units) == (["县卫健局"], ["县财政局", "县住建局"])
    assert (given["二、"].responsible_units, given["二、"].cooperating_units) == (
        ["县林业局", "县消防救援大队"],
        ["各乡镇"],
    )
    assert (given["三、"].responsible_units, given["三、"].cooperating_units) == (["县住建局"], ["县自然资源局"])
    assert [given[n].deadline for n in ("一、", "二、", "三、")] == [D(2026, 11, 30), D(2026, 5, 31), D(2026, 9, 30)]
    # 四、 only calls on the units responsible to hurry and the 督查室 to follow it up: no unit of its own.
    assert not (given["四、"].responsible_units or given["四、"].lead_units)


def test_minutes_whose_agreed_matters_are_assigned_with_dates_look_like_a_plan():
    assert check(as_txt("\n".join(MINUTES))).looks_like_plan


def test_minutes_that_only_record_what_was_discussed_are_no_plan():
    # The opposite fact: the topics name who reported and what was said, no unit is given work by a date.
    lines = [
        *MINUTES[:3],
        "一、关于乡镇卫生院改造工作",
        "会议听取了县卫健局关于乡镇卫生院改造工作的汇报，对前一阶段工作给予肯定。",
        "二、关于森林防火工作",
        "会议听取了县林业局的汇报。会议认为，今年森林防火形势严峻。",
        "三、关于城区停车场建设",
        "会议研究了城区停车场建设工作，与会人员进行了讨论。",
        "四、关于重点项目推进情况",
        "会议听取了县发改局的汇报。会议要求，各责任单位要倒排工期。",
    ]
    assert not check(as_txt("\n".join(lines))).looks_like_plan


@pytest.mark.parametrize(
    "body",
    [
        # 负责 of people, not of a unit's role.
        "会议听取了县林业局的汇报。会议要求，各乡镇负责同志要亲自抓，5月31日前完成隐患排查。",
        "会议听取了县林业局的汇报。会议要求，各单位主要负责人要靠前指挥，5月31日前完成隐患排查。",
        # 牵头 inside a quotation: the name of a mechanism, not this task's units.
        "会议听取了县林业局的汇报。会议要求，“县林业局牵头、各乡镇配合”的机制要长期坚持，5月31日前完成总结。",
    ],
)
def test_a_role_word_that_gives_no_unit_its_role_is_no_assignment(body):
    fields = phrases.Fields()
    phrases.take_sentence_units(body, YEAR, fields)
    assert not (fields.lead_units or fields.responsible_units or fields.cooperating_units)


def test_units_that_did_the_work_in_a_summing_up_are_no_assignment():
    # The opposite fact: a 总结 tells who did what; its units acted, they are given no task.
    fields = phrases.Fields()
    body = "全年共排查隐患320处。县林业局牵头，各乡镇配合，完成了森林防火隐患排查。"
    phrases.take_sentence_units(body, YEAR, fields)
    assert not (fields.lead_units or fields.responsible_units or fields.cooperating_units)


def test_a_later_sentence_of_an_items_body_may_give_its_units():
    fields = phrases.Fields()
    phrases.take_sentence_units("全年排查隐患320处。县林业局牵头，各乡镇配合，6月底前完成隐患排查。", YEAR, fields)
    assert (fields.lead_units, fields.cooperating_units, fields.deadline) == (["县林业局"], ["各乡镇"], D(2026, 6, 30))


# --- an applicant's 一次性告知单 -----------------------------------------------------------------------

NOTIFICATION = [
    "某区政务服务中心",
    "药品经营许可（变更）一次性告知单",
    "编号：ZW-2026-0007",
    "您申请办理的药品经营许可（变更）事项，现将有关要求一次性告知如下：",
    "一、申请材料",
    "1.药品经营许可变更申请表（原件1份）。",
    "2.营业执照复印件（1份）。",
    "3.变更前后的场所平面图（各1份）。",
    "4.质量管理制度文本（1份）。",
    "5.委托他人办理的，提交授权委托书及受托人身份证明（各1份）。",
    "二、办理时限",
    "法定时限：15个工作日；承诺时限：7个工作日。",
    "告知人（签字）：______　　被告知人（签字）：______",
]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_an_applicants_notification_sheet_is_no_plan(form):
    shape = check(form("\n".join(NOTIFICATION)))
    assert not shape.looks_like_plan
    assert any("告知单" in text for text in shape.missing)


def test_each_copy_to_hand_in_is_no_unit():
    # "（各1份）": one copy of each paper, no "各" of units as "各村" is.
    assert not phrases.is_unit_name("各1份")
    assert not phrases.is_unit_name("各两张")
    assert phrases.is_unit_name("各乡镇")


def test_a_plan_about_telling_applicants_what_to_bring_is_still_a_plan():
    # The opposite fact: a plan whose tasks are 告知 and 材料 is titled as a plan, and is one.
    lines = [
        "某区2026年推行证明事项告知承诺制工作方案",
        "一、主要任务",
        "1.编制一次性告知单，公布申请材料清单。（责任单位：区政务服务中心；完成时限：2026年3月底前）",
        "2.精简申请材料，压缩办理时限。（责任单位：区市场监管局；完成时限：2026年5月底前）",
        "3.推行告知承诺制。（责任单位：区司法局；完成时限：2026年6月底前）",
        "4.建立信用核查机制。（责任单位：区发改局；完成时限：2026年9月底前）",
        "5.开展事中事后核查。（责任单位：区市场监管局；完成时限：2026年12月底前）",
    ]
    assert check(as_txt("\n".join(lines))).looks_like_plan
