"""The shape the fifty-sixth held-out set (d472) showed the importer did not follow, in made-up words: a
目标责任书 that names its 乙方 only inside its preface's sentence ("区人民政府（甲方）与某镇人民政府（乙方）签订本
责任书"), not on a line "乙方：…" of its own. 乙方 signs for every target under its headings as it does when a
line names it, so its targets stay items (not guidance) and the book reads as a plan."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing import shape
from tests.responsibility.importing.made import branches, leaves, readers

YEAR = 2025
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
TEXT_FORMS = [as_txt, as_paste, as_docx]


def book(title: str, preface: str, targets: list[str], tasks: list[str]) -> str:
    return "\n".join(
        [
            title,
            "",
            preface,
            "",
            "一、责任目标",
            *targets,
            "",
            "二、主要任务",
            *tasks,
            "",
            "三、考核奖惩",
            "甲方年底对乙方进行考核，考核结果纳入年度综合考核。",
            "",
            "四、附则",
            "本责任书一式两份，甲乙双方各执一份，自签订之日起生效。",
            "",
            "甲方：白沙区人民政府　　　　乙方：南湖镇人民政府",
            "2025年3月1日",
        ]
    )


TARGETS = [
    "（一）年内完成老旧供水管网改造15公里。",
    "（二）全年农村集中供水率达到98%以上。",
]
TASKS = [
    "（一）推进水源地保护。8月底前完成水源地围网建设。",
    "（二）加强供水安全巡查。10月底前完成全镇供水设施排查。",
    "（三）做好应急供水准备。6月底前完成应急预案修订。",
]
PREFACE = "为保障农村供水安全，白沙区人民政府（甲方）与南湖镇人民政府（乙方）签订本目标责任书。"


@pytest.mark.parametrize("read", TEXT_FORMS)
@pytest.mark.parametrize(
    "preface",
    [PREFACE, "经研究，白沙区人民政府（以下简称甲方）与南湖镇人民政府（以下简称乙方）签订本责任书。"],
    ids=["bracketed", "hereinafter"],
)
def test_the_party_b_a_preface_names_in_its_sentence_answers_for_every_target(read, preface):
    plan = read(book("白沙区2025年度农村供水保障目标责任书", preface, TARGETS, TASKS))
    assert [heading.title for heading in branches(plan)] == ["责任目标", "主要任务"]
    items = leaves(plan)
    assert [item.fields.responsible_units for item in items] == [["南湖镇人民政府"]] * 5
    assert [item.fields.deadline for item in items] == [
        D(2025, 12, 31),
        D(2025, 12, 31),
        D(2025, 8, 31),
        D(2025, 10, 31),
        D(2025, 6, 30),
    ]
    assert [section.node.title for section in plan.guidance] == ["考核奖惩", "附则"]
    assert shape.check(plan).looks_like_plan


@pytest.mark.parametrize(
    "preface",
    ["为做好校园安全工作，城南小学（甲方）与学生家长王明（乙方）签订本安全责任书。", "甲方：城南小学\n乙方：王明"],
    ids=["in-a-sentence", "on-a-line"],
)
def test_a_person_who_pledges_answers_for_nothing(preface):
    # The opposite fact: a 承诺书 whose 乙方 is a person, not a unit under obligation.
    plan = as_txt(book("城南小学2025年学生安全责任书", preface, TARGETS, TASKS))
    assert all(item.fields.responsible_units == [] for item in leaves(plan))


def test_the_parties_of_a_contract_answer_for_nothing():
    # The opposite fact: a 合同's 甲方 and 乙方 (a company) sign no targets of a plan.
    preface = "白沙区水务局（甲方）与清泉供水有限公司（乙方）经协商一致，签订本合同。"
    plan = as_txt(book("白沙区2025年农村供水管网维护服务合同", preface, TARGETS, TASKS))
    assert all(item.fields.responsible_units == [] for item in leaves(plan))


def test_the_units_an_item_names_win_over_the_party_of_the_preface():
    # The opposite fact: an item that names its own unit keeps it; the others are 乙方's.
    tasks = [*TASKS[:2], "（三）做好应急供水准备。6月底前完成应急预案修订。（责任单位：镇应急办）"]
    plan = as_txt(book("白沙区2025年度农村供水保障目标责任书", PREFACE, TARGETS, tasks))
    assert [item.fields.responsible_units for item in leaves(plan)] == [["南湖镇人民政府"]] * 4 + [["镇应急办"]]


def test_a_target_section_of_one_paragraph_stays_guidance():
    # The opposite fact: 一、总体目标 in prose is guidance, no entry for 乙方; the tasks are 乙方's.
    text = book("白沙区2025年度农村供水保障目标责任书", PREFACE, [], TASKS).replace(
        "一、责任目标\n", "一、总体目标\n全面提升农村供水保障水平，确保全年不发生重大供水安全事故。\n"
    )
    plan = as_txt(text)
    assert [section.node.title for section in plan.guidance][:1] == ["总体目标"]
    assert [item.fields.responsible_units for item in leaves(plan)] == [["南湖镇人民政府"]] * 3
