"""Storage and bandwidth written in Latin letters ("不少于10TB", "达到1000Mbps") are a target's measure, as 吨 and
千瓦 are; letters that go on ("3TBC模式") name something and count nothing. In made-up words."""

from __future__ import annotations

from decimal import Decimal

import pytest

from responsibility.importing import fields


@pytest.mark.parametrize(
    ("text", "value", "unit", "comparator"),
    [
        ("建成镇级数字档案室，存储档案数据不少于20TB", "20", "TB", "gte"),
        ("新增政务云存储空间500GB", "500", "GB", "gte"),
        ("村级宽带接入速率达到1000Mbps", "1000", "Mbps", "gte"),
        ("单个附件大小控制在50MB以内", "50", "MB", "lte"),
    ],
)
def test_storage_and_bandwidth_in_latin_letters_are_a_measure(text, value, unit, comparator):
    (indicator,) = fields.find_indicators(text)
    assert (indicator.value, indicator.unit, indicator.comparator) == (Decimal(value), unit, comparator)


@pytest.mark.parametrize("text", ["推广3TBC种植模式", "引进2GBT检测设备型号", "新建5G基站"])
def test_letters_that_go_on_or_stand_alone_count_no_storage(text):
    assert all(indicator.unit not in {"TB", "GB", "MB"} for indicator in fields.find_indicators(text))
