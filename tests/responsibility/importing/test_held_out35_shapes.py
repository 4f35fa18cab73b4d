"""The shapes the thirty-fifth held-out set (d299–d306) showed the importer did not follow, in made-up
words, one section per cause: unnumbered items under a heading that each open with their deadline and
a colon ("9月底前：完成…"), their units in brackets at the end."""

from __future__ import annotations

import datetime

import pytest

from tests.responsibility.importing.made import leaves, readers

YEAR = 2025
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


# --- unnumbered items that open with their deadline and a colon --------------------------------------

DATED_LEADS = [
    "东湖街道2025年背街小巷整治工作安排",
    "",
    "各社区、街道各科室：",
    "现将背街小巷整治工作安排如下：",
    "",
    "一、摸底排查",
    "4月15日前：逐条登记辖区背街小巷，建立台账不少于30条。（城管科、各社区）",
    "二、集中整治",
    "6月底前：清理乱堆乱放和违章搭建。（城管科，配合：执法中队）",
    "9月30日前：完成路面修补和照明安装。（建设科）",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_lines_that_open_with_their_deadline_under_a_heading_are_items(read):
    plan = read("\n".join(DATED_LEADS))
    items = leaves(plan)
    assert [item.title for item in items] == [
        "逐条登记辖区背街小巷，建立台账不少于30条",
        "清理乱堆乱放和违章搭建",
        "完成路面修补和照明安装",
    ]
    assert [item.fields.deadline for item in items] == [D(2025, 4, 15), D(2025, 6, 30), D(2025, 9, 30)]
    assert items[0].fields.responsible_units == ["城管科", "各社区"]
    assert items[1].fields.cooperating_units == ["执法中队"]


def test_a_dated_stage_under_an_item_stays_its_text():
    # The opposite fact: "6月底前：…" after an item's own sentence is a stage of that item, no item.
    plan = as_txt(
        "\n".join(
            [
                "一、重点工作",
                "1.推进背街小巷整治。（牵头单位：城管科）",
                "分两步实施。",
                "6月底前：完成摸底。",
                "9月底前：完成整治。",
            ]
        )
    )
    assert [item.title for item in leaves(plan)] == ["推进背街小巷整治"]
