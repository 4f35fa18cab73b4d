"""A 目标责任书's 乙方 answers for every entry of it, scored or not (the lead's decision on d46, after the review of
the third session): a book that gives its entries points ("（一）组织领导（15分）", "…一次。（5分）"), or only one
points note under 考核奖惩 ("每起扣5分（5分）"), still has 乙方 as the responsible unit of each target, and its target
section stays a part of tasks, not guidance. In such a book a duty kept all year ("全年不间断…", "全年常态化…") goes
on, where "全年完成…" is due at the year's end. And a preface that names each party in brackets after it ("甲方（区安
委会）与乙方（红星街道办事处）签订…") names 乙方 as well as "X（甲方）与Y（乙方）" does; "乙方（盖章）：" is no name."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing import fields, shape
from responsibility.importing.parse import pledging_party
from tests.responsibility.importing.made import branches, leaves, readers
from tests.responsibility.importing.test_held_out56_pledge_shapes import PREFACE, TARGETS, TASKS, book

YEAR = 2025
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
TEXT_FORMS = [as_txt, as_paste, as_docx]

PARTY = "南湖镇人民政府"
TITLE = "白沙区2025年度农村供水保障目标责任书"
ASSESSED = "甲方年底对乙方进行考核，考核结果纳入年度综合考核。"
SIGNED = ["甲方（盖章）：白沙区人民政府　　　　乙方（盖章）：南湖镇人民政府", "2025年3月1日"]


def pledge(targets: list[str] = TARGETS, tasks: list[str] = TASKS, preface: str = PREFACE) -> str:
    """The 56th set's 目标责任书 (``book``): a preface naming the parties, 一、责任目标, 二、主要任务, 三、考核奖惩
    and 四、附则 in prose, the parties at its foot."""
    return book(TITLE, preface, targets, tasks)


# --- 1. a points note does not take 乙方 from the targets --------------------------------------------------


@pytest.mark.parametrize("read", TEXT_FORMS)
def test_a_points_note_under_the_assessment_leaves_the_targets_to_party_b(read):
    # The review's case: one note "每起扣5分（5分）" under 考核奖惩 took 乙方 from every target, and 一、责任目标,
    # then no unit's, went to guidance.
    scored = f"1.{ASSESSED}\n2.发生供水安全事故的，每起扣5分（5分）。"
    plan = read(pledge().replace(ASSESSED, scored))
    headings = {heading.title: heading for heading in branches(plan)}
    assert [item.fields.responsible_units for item in headings["责任目标"].children] == [[PARTY]] * 2
    assert [item.fields.responsible_units for item in headings["主要任务"].children] == [[PARTY]] * 3
    assert "责任目标" not in [section.node.title for section in plan.guidance]
    assert shape.check(plan).looks_like_plan


@pytest.mark.parametrize("read", TEXT_FORMS)
def test_a_book_that_scores_its_entries_by_points_gives_them_party_b(read):
    # d46's shape: headings with their points, entries each closing on theirs; 乙方 does each, scored or not.
    text = "\n".join(
        [
            "南湖镇2025年度安全生产目标管理责任书",
            "",
            "为落实安全生产责任制，区安全生产委员会（以下简称甲方）与南湖镇人民政府（以下简称乙方）签订本责任书。",
            "",
            "一、考核内容及分值",
            "（一）组织领导（15分）",
            "1.镇党委、镇政府每季度至少专题研究一次安全生产工作。（5分）",
            "2.配齐专职安全监管人员不少于5名。（10分）",
            "（二）隐患排查治理（20分）",
            "3.一般隐患整改率达到100%。（20分）",
            "",
            "二、附则",
            "本责任书自签订之日起生效。",
            "",
            *SIGNED,
        ]
    )
    plan = read(text)
    items = leaves(plan)
    assert [item.fields.points for item in items] == [5, 10, 20]
    assert [item.fields.responsible_units for item in items] == [[PARTY]] * 3
    assert [item.fields.deadline for item in items] == [None] * 3


def test_an_assessment_scheme_that_scores_by_points_with_no_party_b_gives_no_unit():
    # The opposite: a 考核细则 scoring by points names no 乙方, so no one signs for its entries.
    text = "\n".join(
        [
            "白沙区2025年度安全生产工作考核细则",
            "",
            "为做好年度安全生产工作考核，制定本细则。",
            "",
            "一、组织领导（15分）",
            "1.每季度至少专题研究一次安全生产工作。（5分）",
            "2.配齐专职安全监管人员不少于5名。（10分）",
            "二、隐患排查治理（20分）",
            "3.一般隐患整改率达到100%。（20分）",
        ]
    )
    items = leaves(as_txt(text))
    assert [item.fields.points for item in items] == [5, 10, 20]
    assert [item.fields.responsible_units for item in items] == [[], [], []]


def test_scored_entries_that_name_their_own_units_keep_them():
    # The opposite: an entry of a scored 责任书 that names its unit keeps it; the others are 乙方's.
    tasks = [
        "（一）8月底前完成水源地围网建设。（10分）",
        "（二）10月底前完成全镇供水设施排查。（责任单位：镇水利站）（10分）",
    ]
    items = leaves(as_txt(pledge(tasks=tasks)))
    assert [item.fields.points for item in items[2:]] == [10, 10]
    assert [item.fields.responsible_units for item in items] == [[PARTY]] * 3 + [["镇水利站"]]


# --- 2. a duty kept all year goes on ----------------------------------------------------------------------


@pytest.mark.parametrize("read", TEXT_FORMS)
def test_a_pledged_duty_kept_all_year_goes_on(read):
    targets = [
        "（一）全年不间断开展供水管网巡查，发现问题及时处置。",
        "（二）全年常态化开展水质检测。",
        "（三）建立供水应急抢修队伍，全年不间断值守。",
    ]
    items = leaves(read(pledge(targets)))[:3]
    assert [(item.fields.deadline, item.fields.ongoing) for item in items] == [(None, True)] * 3
    assert [item.fields.responsible_units for item in items] == [[PARTY]] * 3


def test_a_pledged_target_to_be_met_within_the_year_is_due_at_its_end():
    # The opposite: "全年完成…", "年内…" and "…，全年不发生…" are the year's targets, due at its end.
    targets = [
        "（一）全年完成老旧供水管网改造15公里。",
        "（二）年内建成村级供水站3座。",
        "（三）加强巡查，全年不发生供水安全事故。",
    ]
    items = leaves(as_txt(pledge(targets)))[:3]
    assert [(item.fields.deadline, item.fields.ongoing) for item in items] == [(D(2025, 12, 31), False)] * 3


# --- 3. the party named in brackets after 甲方/乙方 -----------------------------------------------------------


@pytest.mark.parametrize("read", TEXT_FORMS)
@pytest.mark.parametrize("joined", ["与", "和"])
def test_the_party_named_in_brackets_after_party_b_answers_for_the_targets(read, joined):
    preface = f"为保障农村供水安全，甲方（白沙区人民政府）{joined}乙方（南湖镇人民政府）签订本目标责任书。"
    plan = read(pledge(preface=preface))
    assert [heading.title for heading in branches(plan)] == ["责任目标", "主要任务"]
    assert [item.fields.responsible_units for item in leaves(plan)] == [[PARTY]] * 5
    assert shape.check(plan).looks_like_plan


def test_a_seal_s_place_after_party_b_is_no_name():
    # The opposite: "乙方（盖章）：" marks where 乙方 seals; 盖章 names no party, nor does the signature line.
    assert pledging_party("甲方（盖章）：白沙区人民政府　　　　乙方（盖章）：南湖镇人民政府") == ""
    assert pledging_party("甲方（盖章）与乙方（签字）") == ""
    preface = "为保障农村供水安全，经甲乙双方协商，签订本目标责任书。"
    plan = as_txt(pledge(preface=preface).replace("甲方：白沙区人民政府　　　　乙方：南湖镇人民政府", SIGNED[0]))
    assert all(item.fields.responsible_units == [] for item in leaves(plan))


def test_a_dated_task_that_keeps_something_going_is_due_by_its_date():
    # The opposite of a duty kept all year: 不间断 of what the finished work keeps going (供电, 值守) says nothing
    # of when the task itself is done (a review of the fourth session's merge).
    assert fields.parse_schedule("2026年6月底前完成改造，确保不间断供电", 2026).deadline == D(2026, 6, 30)
    assert fields.parse_schedule("2026年7月底前完成，汛期不间断值守", 2026).deadline == D(2026, 7, 31)
