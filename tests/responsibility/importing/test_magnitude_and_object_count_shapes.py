"""Targets the 70th held-out set missed, in made-up words.

A figure with a magnitude and no measure after it ("观展人次达到8万以上") is read in the measure its name ends with
(8 万人次); a name with no measure ("营业额达到8万以上") gives none still. 单位 after 万 before a bound or the clause's
end counts units of a thing ("采集量达到1.5万单位以上"); 单位 running on into a noun is an organ ("联系3万单位职工").
A comparator's count that is the sentence's object, its clause running on past a noun's length to where or how the
work is done ("引导不少于12家商超地下车库在周末向市民免费开放"), is a target; the same count with no comparator
before it, and the clause running on, stays no target.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from .test_held_out66_figure_shapes import figures


@pytest.mark.parametrize(
    "text, expected",
    [
        ("组织市民观展，观展人次达到8万以上。", [("gte", Decimal("8"), "万人次")]),
        ("全年服务户数达到1.2万以上", [("gte", Decimal("1.2"), "万户")]),
        ("线上答题参与人数不少于3万。", [("gte", Decimal("3"), "万人")]),
    ],
)
def test_a_bare_magnitude_takes_the_measure_its_name_ends_with(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize("text", ["商户营业额达到8万以上。", "全年客流稳定在3万左右"])
def test_a_bare_magnitude_with_no_measure_in_its_name_is_no_target(text):
    assert figures(text) == []


def test_units_counted_after_wan_are_a_measure():
    assert figures("全市血浆采集量达到1.5万单位以上。") == [("gte", Decimal("1.5"), "万单位")]


def test_units_as_organs_after_wan_are_no_measure():
    assert figures("走访联系3万单位职工家庭。") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("引导不少于12家商超地下车库在周末和节假日向市民免费开放。", [("gte", Decimal("12"), "家")]),
        ("推动至少6所中小学校体育场地通过预约方式向社区居民有序开放。", [("gte", Decimal("6"), "所")]),
    ],
)
def test_a_bounded_count_that_is_the_object_of_a_long_clause_is_a_target(text, expected):
    assert figures(text) == expected


def test_a_count_with_no_bound_before_a_long_clause_stays_no_target():
    assert figures("协调12家商超地下车库在周末和节假日向市民免费开放。") == []
