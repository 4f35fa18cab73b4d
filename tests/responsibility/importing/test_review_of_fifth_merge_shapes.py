"""Near-misses a review of the fifth session's merge found in its new rules, each beside the shape the rule was
made for: a doubled tilde between digits, groups a work is shared out in, a report of work done sent upward, and
a year label before the plan's year."""

import datetime

from responsibility.importing import fields, headers, text


def test_a_doubled_tilde_between_digits_is_a_range_not_a_strikethrough():
    lines = ["（一）开展技能培训。每期培训3~~5天。", "牵头单位：县人社局", "（二）举办技能大赛。参赛选手50~~100人。"]
    assert text.without_struck(lines) == lines
    assert text.without_struck(["每季度培训2~~3次，每次50~~100人"]) == ["每季度培训2~~3次，每次50~~100人"]


def test_struck_text_is_still_deleted():
    # The opposite: a struck figure, a struck unit, each before what replaced it (d525).
    assert text.without_struck(["完成改造~~30组~~ 40组"]) == ["完成改造 40组"]
    assert text.without_struck(["牵头：~~街道社会事务办~~ 街道经济发展办"]) == ["牵头： 街道经济发展办"]
    assert text.without_struck(["~~30~~ 40组"]) == [" 40组"]


def test_groups_a_work_is_shared_out_in_are_no_target():
    for sentence in ("分3组开展督导检查", "抽调人员分成3组", "督查组分为4组，由县领导带队", "编为2组轮流值守"):
        assert fields.find_indicators(sentence) == [], sentence


def test_sets_of_a_thing_are_still_counted():
    # The opposite: 组 counting things made or installed (f63b's measure).
    found = fields.find_indicators("新建智能快递柜40组")
    assert [(indicator.value, indicator.unit) for indicator in found] == [(40, "组")]


def test_a_report_of_work_done_sent_upward_is_no_plan_sent():
    title = "关于报送《青溪县2023年度巡察整改落实情况》的报告"
    assert not headers.is_sending(title)
    assert headers.sent_name(title) != "青溪县2023年度巡察整改落实情况"
    for title in ("关于上报《2024年工作总结》的报告", "关于呈报《安全生产自查报告》的请示"):
        assert not headers.is_sending(title), title


def test_a_plan_sent_upward_is_still_sent():
    # The opposite: a 报告 that submits a plan gives the plan's name (f65, d539).
    title = "关于报送《青溪县2025年农村人居环境整治工作方案》的报告"
    assert headers.is_sending(title)
    assert headers.sent_name(title) == "青溪县2025年农村人居环境整治工作方案"


def test_a_year_label_before_the_plan_s_year_is_no_stage():
    assert fields.find_dates("2022年：清理垃圾800吨。", 2024) == []


def test_a_year_label_of_the_plan_s_years_is_a_stage():
    # The opposite: a three-year plan's stage lines (f65, d543).
    assert fields.find_dates("2025年：建成智慧水务平台。", 2024) == [datetime.date(2025, 12, 31)]
    assert fields.find_dates("2024年：完成改造。", 2024) == [datetime.date(2024, 12, 31)]
