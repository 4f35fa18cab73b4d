"""The figures of the sixty-sixth held-out set (d548, d549) the importer did not follow, in made-up words: an amount
followed by all of it to be dealt with ("欠缴资金860万元全部缴库", "足额清收"), and a bounded count whose noun runs up
to a quoted name ("对不少于20家企业开展“回头看”检查"). Both are targets; an amount already dealt with ("已全部缴库")
and a count of who does the work before a quoted name stay none."""

from __future__ import annotations

from decimal import Decimal

import pytest

from responsibility.importing.fields import find_indicators


def figures(text: str) -> list[tuple[str, Decimal, str]]:
    return [(found.comparator, found.value, found.unit) for found in find_indicators(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("应缴未缴土地出让金860万元全部缴库。", [("gte", Decimal("860"), "万元")]),
        ("挤占挪用资金45万元全额归还。", [("gte", Decimal("45"), "万元")]),
        ("历年欠款300万元足额清收", [("gte", Decimal("300"), "万元")]),
    ],
)
def test_an_amount_all_of_which_is_to_be_dealt_with_is_a_target(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize("text", ["应缴未缴土地出让金860万元已全部缴库。", "涉及资金860万元全部为上级补助"])
def test_an_amount_already_dealt_with_or_described_is_no_target(text):
    # The opposite: what was done already, or what the amount consists of, is no aim.
    assert figures(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("全年对不少于20家企业开展“回头看”检查", [("gte", Decimal("20"), "家")]),
        ("发放宣传资料5000份《致农户的一封信》", [("gte", Decimal("5000"), "份")]),
    ],
)
def test_a_bounded_count_before_a_quoted_name_is_a_target(text, expected):
    assert figures(text) == expected


def test_a_count_of_who_does_the_work_before_a_quoted_name_is_none():
    # The opposite: people counted as who does the work, however a quoted name follows.
    assert figures("安排12名企业服务专员开展“一对一”帮扶") == []
