"""The shapes the eighteenth held-out set (d163–d170) showed the importer did not follow, in made-up
words, one section per cause: entries numbered by a Chinese ordinal and a counter (第一件, 第二项), each
a title line, a detail paragraph and a field line."""

from __future__ import annotations

import pytest

from tests.responsibility.importing.made import readers

YEAR = 2027
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


def _items(plan):
    return [found for found, _depth in plan.walk() if not found.children]


# --- 第一件 … 第N件: an ordinal with a counter is a number ---------------------------------------------

COUNTED = [
    "临江县2027年八项惠民工程",
    "",
    "经县人大常委会审议，县政府今年集中办好以下惠民工程。",
    "",
    "{0}　改造农村公路",
    "　　改造提升农村公路120公里，新建错车道40处。",
    "　　牵头单位：县交通运输局　　责任单位：各乡镇人民政府　　完成时限：2027年10月31日",
    "",
    "{1}　建设社区食堂",
    "　　新建社区食堂15个，服务老年人不少于3000人。",
    "　　牵头单位：县民政局　　责任单位：县财政局、各街道办事处　　完成时限：2027年12月31日",
    "",
    "{2}　更新城区路灯",
    "　　更换节能路灯2600盏。",
    "　　牵头单位：县城管局　　完成时限：2027年9月30日",
]


@pytest.mark.parametrize("read", ALL_FORMS)
@pytest.mark.parametrize("counter", ["件", "项"])
def test_an_ordinal_with_a_counter_numbers_the_items(read, counter):
    numbers = [f"第{word}{counter}" for word in "一二三"]
    plan = read("\n".join(COUNTED).format(*numbers))
    items = _items(plan)
    assert [item.number for item in items] == numbers
    assert [item.title for item in items] == ["改造农村公路", "建设社区食堂", "更新城区路灯"]
    assert items[0].fields.lead_units == ["县交通运输局"]
    assert items[1].fields.responsible_units == ["县财政局", "各街道办事处"]
    assert str(items[2].fields.deadline) == "2027-09-30"


@pytest.mark.parametrize("read", ALL_FORMS)
def test_an_ordinal_with_a_counter_inside_a_sentence_numbers_nothing(read):
    # The opposite: "第一项工作是…" is a sentence about the first task, not its number.
    text = "\n".join(
        [
            "临江县2027年重点工作安排",
            "",
            "一、改造农村公路",
            "第一项工作是改造提升农村公路120公里。由县交通运输局负责，2027年10月31日前完成。",
            "二、建设社区食堂",
            "第二件事是新建社区食堂15个。由县民政局负责，2027年12月31日前完成。",
        ]
    )
    items = _items(read(text))
    assert [item.number for item in items] == ["一、", "二、"]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_an_ordinal_with_a_counter_run_into_its_title_numbers_the_items(read):
    # A PDF drops the full-width space: "第一件改造农村公路".
    text = "\n".join(COUNTED).format("第一件", "第二件", "第三件").replace("件　", "件")
    items = _items(read(text))
    assert [item.title for item in items] == ["改造农村公路", "建设社区食堂", "更新城区路灯"]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_first_ordinal_run_into_a_title_without_a_second_is_no_number(read):
    # The opposite: nothing counts on from "第一项重点工作", it is a line of the heading's text.
    text = "\n".join(
        [
            "临江县2027年重点工作安排",
            "",
            "一、改造农村公路",
            "第一项重点工作",
            "改造提升农村公路120公里。由县交通运输局负责，2027年10月31日前完成。",
            "二、建设社区食堂",
            "新建社区食堂15个。由县民政局负责，2027年12月31日前完成。",
        ]
    )
    items = _items(read(text))
    assert [item.number for item in items] == ["一、", "二、"]
