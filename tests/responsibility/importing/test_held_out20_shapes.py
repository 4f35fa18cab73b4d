"""The shapes the twentieth held-out set (d179–d186) showed the importer did not follow, in made-up
words, one section per cause: a heading over one paragraph of several tasks, every sentence followed by
its own bracket of units (X牵头，Y配合)."""

from __future__ import annotations

import pytest

from tests.responsibility.importing.made import readers

YEAR = 2025
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


def _items(plan):
    return [found for found, _depth in plan.walk() if not found.children]


def _headings(plan):
    return [found for found, _depth in plan.walk() if found.children]


# --- a paragraph of several tasks, each sentence with its own bracket of units ---------------------------

SENTENCES = [
    "青石县2025年文旅融合发展工作要点",
    "",
    "一、丰富文旅产品供给",
    "打造乡村旅游精品线路5条（县文旅局牵头，各乡镇配合）。举办农民丰收节系列活动（县农业农村局牵头，县文旅局、县总工会配合）。"
    "10月底前建成游客集散中心（县住建局牵头，县交通运输局配合）。",
    "二、提升服务质量",
    "开展旅游市场秩序专项整治（县市场监管局牵头，县公安局配合）。培训导游和民宿从业人员300人次（县人社局牵头，县文旅局配合）。",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_paragraph_of_bracketed_sentences_under_a_heading_is_one_item_a_sentence(read):
    plan = read("\n".join(SENTENCES))
    assert [heading.title for heading in _headings(plan)] == ["丰富文旅产品供给", "提升服务质量"]
    items = _items(plan)
    assert [item.title for item in items] == [
        "打造乡村旅游精品线路5条",
        "举办农民丰收节系列活动",
        "10月底前建成游客集散中心",
        "开展旅游市场秩序专项整治",
        "培训导游和民宿从业人员300人次",
    ]
    assert items[1].fields.lead_units == ["县农业农村局"]
    assert items[1].fields.cooperating_units == ["县文旅局", "县总工会"]
    assert items[2].fields.deadline.isoformat() == "2025-10-31"
    assert items[0].fields.deadline is None


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_paragraph_whose_sentences_do_not_all_name_units_stays_the_items_text(read):
    # The opposite fact: one bracket in a paragraph of several sentences is one task's, described.
    lines = [
        "青石县2025年文旅融合发展工作要点",
        "",
        "一、丰富文旅产品供给",
        "1．打造乡村旅游精品线路",
        "全年打造精品线路5条。串联沿线景区和民宿（县文旅局牵头，各乡镇配合）。",
        "2．举办农民丰收节",
        "举办系列活动（县农业农村局负责）。",
    ]
    plan = read("\n".join(lines))
    items = _items(plan)
    assert [item.title for item in items] == ["打造乡村旅游精品线路", "举办农民丰收节"]
    assert items[0].fields.lead_units == ["县文旅局"]
