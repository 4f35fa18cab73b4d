"""Where an item's title ends: the one rule for a paragraph and for a table's task cell."""

import pytest

from responsibility.importing.document import LONG_TITLE
from responsibility.importing.titles import MAX_TITLE, split_title

PARAGRAPH = {}
CELL = {"at_colon": False}


def test_a_paragraph_title_ends_at_a_colon_after_a_lead_and_a_table_cell_keeps_it():
    text = "加强组织领导：各单位要明确分管领导和具体责任人，建立工作台账，按月报送工作进展情况。定期开展督查。"
    assert split_title(text) == (
        "加强组织领导",
        "各单位要明确分管领导和具体责任人，建立工作台账，按月报送工作进展情况。定期开展督查。",
    )
    assert split_title(text, at_colon=False) == (
        "加强组织领导：各单位要明确分管领导和具体责任人，建立工作台账，按月报送工作进展情况",
        "定期开展督查。",
    )


@pytest.mark.parametrize("kind", [PARAGRAPH, CELL])
def test_a_title_drops_its_closing_full_stop(kind):
    assert split_title("加快重点项目建设。", **kind) == ("加快重点项目建设", "")
    assert split_title("加快重点项目建设。全年实施县级重点项目60个以上。", **kind) == (
        "加快重点项目建设",
        "全年实施县级重点项目60个以上。",
    )


@pytest.mark.parametrize("kind", [PARAGRAPH, CELL])
def test_semicolons_join_one_sentences_clauses_and_a_list_items_last_is_dropped(kind):
    assert split_title("推进道路改造；新增停车位300个。", **kind) == ("推进道路改造；新增停车位300个", "")
    assert split_title("推进道路改造；", **kind) == ("推进道路改造", "")


@pytest.mark.parametrize("kind", [PARAGRAPH, CELL])
def test_a_half_width_full_stop_between_chinese_characters_ends_a_title(kind):
    assert split_title("整治占道经营.集中整治马路市场", **kind) == ("整治占道经营", "集中整治马路市场")
    assert split_title("完成投资1.5亿元", **kind) == ("完成投资1.5亿元", "")
    assert split_title("抓紧落实!下一步", **kind) == ("抓紧落实", "下一步")
    assert split_title("=cmd|' /C calc'!A0", **kind) == ("=cmd|' /C calc'!A0", "")


def test_a_long_first_sentence_is_cut_the_same_in_a_paragraph_and_a_cell():
    clauses = ["围绕产业链上下游开展精准招商引资活动" + str(n) for n in range(8)]
    sentence = "，".join(clauses)
    assert len(sentence) > LONG_TITLE
    cut = (clauses[0] + "，" + clauses[1], "，".join(clauses[2:]) + "。下一句。")
    assert split_title(sentence + "。下一句。") == cut
    assert split_title(sentence + "。下一句。", at_colon=False) == cut

    with_semicolon = clauses[0] + "；" + "，".join(clauses[1:]) + "。"
    assert (
        split_title(with_semicolon)
        == split_title(with_semicolon, at_colon=False)
        == (clauses[0], with_semicolon[len(clauses[0]) + 1 :])
    )


@pytest.mark.parametrize("kind", [PARAGRAPH, CELL])
def test_no_title_is_longer_than_the_cap(kind):
    text = "全" * (MAX_TITLE + 50)
    assert split_title(text, **kind) == ("全" * MAX_TITLE, "全" * 50)
