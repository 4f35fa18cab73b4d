"""The breakdown lines: the hand-computed year of tests/assessment/year.py, written out and added up."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessment.explain import explain_people, explain_unit, explain_units, item_label, num, score, signed
from assessment.models import EventRule, PersonResult, UnitResult
from tests.assessment.scenario import event, finish, item_for, rule, unit_with_official
from tests.assessment.year import build_year, unit_result

D = Decimal
CENT = D("0.01")


@pytest.fixture
def year(cast):
    return build_year(cast)


@pytest.fixture
def assessment(cast, year):
    return year.compute(cast.office)


def texts(explanation) -> list[str]:
    return [text for _what, _category, _item, text, _points in explanation.rows()]


def assert_adds_up(explanation, scheme) -> None:
    """Every sum on the page is the sum of the lines shown under it."""
    subject = explanation.subject
    for category in explanation.categories:
        result = category.result
        for item in category.items:
            assert sum(line.points for line in item.lines) == item.result.earned, item.label
        assert sum(item.result.earned for item in category.items) == result.earned
        assert sum(item.result.weight for item in category.items) == result.possible
        expected = (result.category.points * result.earned / result.possible).quantize(CENT, ROUND_HALF_UP)
        assert category.line.points == result.points == expected
    carried = sum(c.result.category.points for c in explanation.categories)
    summed = sum(c.line.points for c in explanation.categories)
    if carried:
        assert explanation.base.points == (summed * scheme.full_score / carried).quantize(CENT, ROUND_HALF_UP)
    assert explanation.base.points == subject.base
    events = [e.line.points for e in explanation.events] + [line.points for line in explanation.cooperating]
    assert sum(p for p in events if p > 0) == subject.bonus
    assert -sum(p for p in events if p < 0) == subject.deduction
    assert explanation.total.points == subject.total == max(subject.base + sum(events), D(0))


def test_every_unit_and_person_adds_up(cast, year, assessment):
    units = UnitResult.objects.filter(assessment=assessment).select_related("unit")
    people = PersonResult.objects.filter(assessment=assessment).select_related("post__unit", "person")
    explanations = [*explain_units(assessment, units), *explain_people(assessment, people)]
    assert len(explanations) == 3 + 4
    for explanation in explanations:
        assert_adds_up(explanation, year.scheme)


def test_a_late_and_returned_item_reads_as_its_deductions(cast, year, assessment):
    lines = texts(explain_unit(assessment, unit_result(assessment, cast.justice)))
    assert "依法全面履行政府职能（12分）：应得 10，实得 7 → 8.4" in lines
    assert "第3项“完善内部制度建设”：分值 10，得 7.0" in lines
    assert "已办结，计 10.0" in lines
    assert "−1：第3项“完善内部制度建设”逾期12天（每周扣0.5分）" in lines
    assert "−2：退回整改2次" in lines


def test_indicators_and_the_completed_share_are_two_lines(cast, year, assessment):
    lines = texts(explain_unit(assessment, unit_result(assessment, cast.justice)))
    assert "已办结，完成部分（分值的 80%）计 8.0" in lines
    assert "指标达成 1/1，计 2.0" in lines


def test_events_show_the_cap(cast, year, assessment):
    explanation = explain_unit(assessment, unit_result(assessment, cast.justice))
    assert [e.line.text for e in explanation.events] == [
        "+1：2020年5月3日 通报表扬（市级）",
        "+1：2020年9月8日 通报表扬（市级）（该项累计已达上限，计 0.5 分）",
    ]
    assert [e.line.points for e in explanation.events] == [D(1), D("0.5")]
    assert explanation.events[0].description == "法律援助获市表扬"
    assert explanation.total.text == "总分：96.4 + 1.5 − 0 = 97.9"


def test_the_quota_line_names_the_quota_and_the_place(cast, year, assessment):
    explanation = explain_unit(assessment, unit_result(assessment, cast.justice))
    assert [line.text for line in explanation.grade] == [
        "优秀名额 50%（共 1 个），排第2，评为良好",
        "排名第2（共 3 个）",
    ]


def test_a_unit_with_fewer_categories_is_rescaled_to_the_full_score(cast, year, assessment):
    explanation = explain_unit(assessment, unit_result(assessment, cast.community))
    assert explanation.base.text == "承担 1 个类别（合计 12 分），按满分 100 折算：4.8 × 100 ÷ 12 = 40.0"
    assert "截至2020年12月31日未完成，按当时进度40%计 4.0" in texts(explanation)
    assert [e.line.text for e in explanation.events] == ["−2：2020年8月1日 通报批评"]
    assert explanation.total.text == "总分：40.0 + 0 − 2 = 38.0"
    assert explanation.grade[0].text == "总分 38.0，评为不合格"


def test_a_tie_beyond_the_quota_names_both_places(cast, year):
    year.scheme.excellent_quota = 34
    year.scheme.save()
    twin, twin_post = unit_with_official(cast, "乙单位", 10)
    finish(item_for(cast, twin, twin_post, title="同分事项", number="7."), datetime.date(2020, 6, 1))
    assessment = year.compute(cast.office)
    limited = UnitResult.objects.select_related("unit").get(assessment=assessment, total=D(100), quota_limited=True)
    assert limited.unit == twin  # same total and base; 甲单位 comes first in the units' order
    explanation = explain_unit(assessment, limited)
    assert explanation.grade[0].text == "优秀名额 34%（共 1 个），总分并列第1，按同分规则排第2，评为良好"


def test_a_veto_decides_the_grade_and_says_why(cast, year):
    veto = rule(year.scheme, EventRule.Kind.VETO, "发生重大安全责任事故", veto=EventRule.Veto.FAIL)
    event(year.scheme, veto, datetime.date(2020, 10, 1), cast.assessor, unit=year.other, text="安全事故")
    assessment = year.compute(cast.office)
    explanation = explain_unit(assessment, unit_result(assessment, year.other))
    assert [e.line.text for e in explanation.events] == ["一票否决：2020年10月1日 发生重大安全责任事故（定为最低等次）"]
    assert explanation.events[0].line.points == 0
    assert explanation.grade[0].text == "一票否决（定为最低等次），评为不合格"
    assert_adds_up(explanation, year.scheme)


def test_deductions_beyond_an_items_points_leave_it_at_zero(cast, year):
    year.scheme.return_points = D(5)
    year.scheme.save()
    assessment = year.compute(cast.office)
    explanation = explain_unit(assessment, unit_result(assessment, cast.justice))
    late = explanation.categories[0].items[0]
    assert [line.text for line in late.lines] == [
        "已办结，计 10.0",
        "−1：第3项“完善内部制度建设”逾期12天（每周扣0.5分）",
        "−10：退回整改2次",
        "扣分超过所得，该项计 0 分",
    ]
    assert [line.points for line in late.lines] == [D(10), D(-1), D(-10), D(1)]
    assert late.result.earned == 0
    assert_adds_up(explanation, year.scheme)


def test_a_capped_return_deduction_says_so(cast, year):
    year.scheme.return_cap = D("1.5")
    year.scheme.save()
    assessment = year.compute(cast.office)
    lines = texts(explain_unit(assessment, unit_result(assessment, cast.justice)))
    assert "−1.5：退回整改2次（每次扣1分，已达扣分上限）" in lines


def test_explaining_many_units_costs_the_same_queries_as_one(cast, year, assessment):
    results = list(UnitResult.objects.filter(assessment=assessment).select_related("unit"))
    with CaptureQueriesContext(connection) as one:
        explain_units(assessment, results[:1])
    with CaptureQueriesContext(connection) as all_of_them:
        explain_units(assessment, results)
    # With the assessed indicators (考核组评定): one query; the scheme's categories (分类小计): one.
    assert len(all_of_them) == len(one) <= 9


@pytest.mark.parametrize(
    ("value", "as_num", "as_score", "as_signed"),
    [
        (D("10.00"), "10", "10.0", "+10"),
        (D("0.50"), "0.5", "0.5", "+0.5"),
        (D("-2.00"), "-2", "-2.0", "−2"),
        (D("7.80"), "7.8", "7.8", "+7.8"),
        (D("13.25"), "13.25", "13.25", "+13.25"),
        (D(0), "0", "0.0", "0"),
    ],
)
def test_numbers_are_written_as_people_write_them(value, as_num, as_score, as_signed):
    assert (num(value), score(value), signed(value)) == (as_num, as_score, as_signed)


def test_item_labels_count_plain_numbers_only(cast):
    assert item_label(cast.item("完善内部制度建设", number="3.")) == "第3项“完善内部制度建设”"
    assert item_label(cast.item("法治政府", number="（一）")) == "（一）“法治政府”"
    assert item_label(cast.item("无编号", number="")) == "“无编号”"


def test_an_item_not_done_after_its_deadline_is_late_until_the_day_of_reckoning(cast, year, assessment):
    from responsibility.models import ResponsibilityItem

    ResponsibilityItem.objects.filter(pk=year.items["behind"].pk).update(deadline=datetime.date(2020, 11, 30))
    again = year.compute(cast.assessor, as_of=datetime.date(2020, 12, 31))
    lines = texts(explain_unit(again, unit_result(again, cast.community)))
    assert "−2.5：第4项“开展法治宣传”逾期未完成，计至2020年12月31日逾期31天（每周扣0.5分）" in lines


def test_a_version_is_explained_by_the_rules_it_was_computed_with(cast, year, assessment):
    from assessment.models import Scheme

    before = texts(explain_unit(assessment, unit_result(assessment, cast.justice)))
    Scheme.objects.filter(pk=year.scheme.pk).update(late_points=D(3), late_period=Scheme.LatePeriod.DAY)
    year.scheme.grade_bands.filter(name="优秀").update(min_score=D(99))
    assessment.refresh_from_db()
    assert texts(explain_unit(assessment, unit_result(assessment, cast.justice))) == before


def test_two_sections_numbered_alike_are_told_apart_by_their_full_number(cast):
    from assessment.compute import compute
    from responsibility.models import attach_ancestors
    from tests.assessment.scenario import scheme_for

    part = cast.item("法治政府建设", number="一、", is_heading=True, with_indicator=False)
    first = cast.item("依法履职", number="（一）", parent=part, is_heading=True, with_indicator=False)
    second = cast.item("制度体系", number="（二）", parent=part, is_heading=True, with_indicator=False)
    unit, post = unit_with_official(cast, "甲社区", 10)
    a = item_for(cast, unit, post, title="完善内部制度建设", number="1.", parent=first)
    b = item_for(cast, unit, post, title="健全法律顾问制度", number="1.", parent=second)
    finish(a, claimed=datetime.date(2020, 6, 1))
    finish(b, claimed=datetime.date(2020, 6, 1))
    attach_ancestors([a])
    assert item_label(a) == "一、（一）1.“完善内部制度建设”"  # its headings read with it
    assessment = compute(scheme_for(cast), as_of=datetime.date(2020, 12, 31))

    lines = " ".join(texts(explain_unit(assessment, unit_result(assessment, unit))))

    assert "一、（一）1.“完善内部制度建设”" in lines and "一、（二）1.“健全法律顾问制度”" in lines
    assert "第1项" not in lines
