"""The shapes of the sixty-sixth held-out set (d548–d553) the importer did not follow, in made-up words: a bureau's
sections named 股 and a mass body's named 部室 as the label of who answers ("责任股：综合股", "（责任部室：宣传部）"
closing a heading for all its items), read as labels so that only the name after them is the unit; a label no office
writes as one ("股东：", "部室建设：") is left a sentence."""

from __future__ import annotations

import pytest

from tests.responsibility.importing.made import md_reader, readers

YEAR = 2027
as_txt, as_paste, as_docx = readers(YEAR)
as_md = md_reader(YEAR)
FORMS = [as_txt, as_paste, as_docx]


def responsible(parsed) -> list[list[str]]:
    return [item.fields.responsible_units for item in parsed.leaves()]


def heading_plan(label: str) -> str:
    return "\n".join(
        [
            "某县总工会2027年工作要点",
            "2027年，县总工会将紧扣中心工作，团结动员广大职工建功立业。",
            f"一、加强思想引领，凝聚职工力量（{label}：组织部）",
            "1.开展职工宣讲活动，全年宣讲不少于20场。",
            "2.选树劳模工匠典型10名。（完成时间：9月底前）",
            f"二、维护职工权益，构建和谐关系（{label}：保障部）",
            "1.开展职工法律援助服务。",
            "2.推进集体协商，覆盖企业100家。（配合单位：县人社局）",
        ]
    )


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("label", ["责任部室", "牵头部室", "责任股室", "责任股"])
def test_a_headings_bracket_with_a_sections_label_gives_its_items_the_name_alone(form, label):
    parsed = form(heading_plan(label))
    units = [root.fields.responsible_units or root.fields.lead_units for root in parsed.roots]
    assert units == [["组织部"], ["保障部"]]
    assert [root.title for root in parsed.roots] == ["加强思想引领，凝聚职工力量", "维护职工权益，构建和谐关系"]


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_a_headings_bracket_with_no_label_stays_in_its_title(form):
    # The opposite: a bracket that is part of the heading's words is no unit.
    text = (
        heading_plan("责任部室").replace("（责任部室：组织部）", "（含部室建设）").replace("（责任部室：保障部）", "")
    )
    parsed = form(text)
    assert [root.fields.responsible_units for root in parsed.roots] == [[], []]
    assert parsed.roots[0].title.endswith("（含部室建设）")


def field_line_plan(label: str) -> str:
    return "\n".join(
        [
            "# 某区统计局2027年统计工作要点",
            "## 一、夯实统计基础",
            "1. 开展基层统计人员业务培训",
            f"   - {label}：办公室；配合单位：各街道",
            "2. 做好名录库更新维护",
            f"   - {label}：综合股、调查股",
        ]
    )


@pytest.mark.parametrize("label", ["责任股", "牵头股", "责任股室"])
def test_a_nested_field_line_with_a_sections_label_names_the_unit(label):
    parsed = as_md(field_line_plan(label))
    units = [item.fields.responsible_units or item.fields.lead_units for item in parsed.leaves()]
    assert units == [["办公室"], ["综合股", "调查股"]]
    assert parsed.leaves()[0].fields.cooperating_units == ["各街道"]


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_a_word_ending_in_gu_before_a_colon_is_no_label(form):
    # The opposite: 股东 / 入股 before a colon are words of the sentence, not a section's label.
    text = "\n".join(
        [
            "某镇2027年集体经济发展工作要点",
            "一、壮大村级集体经济",
            "1.规范村集体股份合作社运行，入股：以土地经营权入股的农户不少于200户。",
            "2.完善分红制度。股东：按章程分红。",
        ]
    )
    assert responsible(form(text)) == [[], []]
