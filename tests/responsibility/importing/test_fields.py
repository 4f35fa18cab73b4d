"""Assignment phrases, dates, cadences and indicators as plans write them."""

import datetime
from decimal import Decimal

import pytest

from responsibility.importing.fields import (
    chinese_number,
    extract,
    find_indicators,
    parse_cadence,
    parse_schedule,
    split_names,
)

D = datetime.date


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("各街道、区直各部门；司法所", ["各街道", "区直各部门", "司法所"]),
        ("司法所（法律服务所）、综治中心", ["司法所（法律服务所）", "综治中心"]),
        ("党政办/法治办，平安办", ["党政办/法治办", "平安办"]),
        ("司法所 综治办　平安办", ["司法所", "综治办", "平安办"]),
        ("司法所、司法所", ["司法所"]),
    ],
)
def test_names_split_on_list_punctuation(text, names):
    assert split_names(text) == names


@pytest.mark.parametrize(
    ("text", "deadline", "ongoing"),
    [
        ("2020年12月底前", D(2020, 12, 31), False),
        ("6月底前", D(2021, 6, 30), False),
        ("年底前", D(2021, 12, 31), False),
        ("2021年3月15日前", D(2021, 3, 15), False),
        ("二〇二一年十月底", D(2021, 10, 31), False),
        ("上半年", D(2021, 6, 30), False),
        ("第三季度", D(2021, 9, 30), False),
        ("2021-11-30", D(2021, 11, 30), False),
        ("长期坚持", None, True),
        ("每季度", None, True),
        ("3月底前完成方案，9月底前完成评估", D(2021, 9, 30), False),
    ],
)
def test_date_phrases_become_deadlines(text, deadline, ongoing):
    schedule = parse_schedule(text, 2021)
    assert (schedule.deadline, schedule.ongoing) == (deadline, ongoing)


@pytest.mark.parametrize(
    ("text", "cadence"),
    [
        ("每月25日前", ("monthly", 25)),
        ("每季度", ("quarterly", None)),
        ("季度", ("quarterly", None)),
        ("按阶段", ("per_stage", None)),
        ("第三季度", ("", None)),
        ("不定期", ("none", None)),
    ],
)
def test_cadences(text, cadence):
    assert parse_cadence(text) == cadence


def test_bracketed_assignments_are_taken_out_of_the_text():
    found = extract("推进依法决策（牵头领导：张三；责任单位：司法所、综治办；完成时限：2020年12月底前）", None)
    assert found.rest == "推进依法决策"
    assert (found.fields.lead_leaders, found.fields.responsible_units) == (["张三"], ["司法所", "综治办"])
    assert found.fields.deadline == D(2020, 12, 31)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("开展普法活动不少于30场次", ("开展普法活动", Decimal(30), "场次", "gte")),
        ("群众满意度达到99%", ("群众满意度", Decimal(99), "%", "gte")),
        ("发放宣传资料4700份", ("发放宣传资料", Decimal(4700), "份", "gte")),
        ("行政复议纠错率控制在5%以内", ("行政复议纠错率", Decimal(5), "%", "lte")),
    ],
)
def test_numeric_targets(text, expected):
    found = find_indicators(text)
    assert [(i.name, i.value, i.unit, i.comparator) for i in found] == [expected]


@pytest.mark.parametrize("text", ["2020 年，在区委", "安排 331 名企业复工复产指导员", "第3项", "1.5万元"])
def test_years_ordinals_and_descriptive_counts_are_not_targets(text):
    assert find_indicators(text) == []


def test_chinese_numbers():
    assert [chinese_number(t) for t in ["一", "十", "十二", "二十", "二十三", "一百零五", "12"]] == [
        1,
        10,
        12,
        20,
        23,
        105,
        12,
    ]
