"""Markdown's emphasis in text that is not a .md file, in made-up words (the 70th held-out set's d580).

An online editor's Markdown export saved as .txt or pasted keeps its marks: a heading's words in bold inside its
heading marks ("## **二、重点任务**") are the heading, and a numbered item whose title sentence is bold
("1. **摸清底数。** 以…") is the item, its title without the marks, read as the .md file is. Beside each, the
near-miss left alone: bold words further in a line (as test_held_out11_shapes has them), a lone "*" a legend names
as a mark after a unit, a blank to fill in ("____"), and a bold name that opens a paragraph, an item of its own.
"""

from __future__ import annotations

import datetime

import pytest

from tests.responsibility.importing.made import md_reader, readers

from .test_held_out_shapes import tree

YEAR = 2026
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
as_md = md_reader(YEAR)
TEXT_FORMS = [as_txt, as_paste]


EXPORT = [
    "# 青石社区2026年屋顶绿化工作方案",
    "",
    "&emsp;&emsp;为改善社区人居环境，制定本方案。",
    "",
    "## **一、工作目标**",
    "",
    "&emsp;&emsp;全年完成屋顶绿化12处，新增绿化面积不少于3000平方米。",
    "",
    "## **二、主要任务**",
    "",
    "1. **排查可绿化屋顶。** 逐栋核查屋面承重和防水情况，建立台账。（责任单位：社区规划办；配合单位：物业服务站；"
    "完成时间：2026年4月30日前）",
    "",
    "2. **组织种植施工。** 选用耐旱植物，分批完成种植。（责任单位：社区环境办；配合单位：物业服务站；"
    "完成时间：2026年9月底前）",
    "",
    "3. **做好日常养护。** 建立养护队伍，定期浇灌修剪。（责任单位：社区环境办；完成时间：长期坚持）",
    "",
    "## **三、保障措施**",
    "",
    "&emsp;&emsp;社区成立工作专班，每月调度一次。",
]


def items(plan) -> list[tuple[str, str, list[str], list[str]]]:
    return [
        (leaf.number, leaf.title, leaf.fields.responsible_units, leaf.fields.cooperating_units)
        for leaf in plan.leaves()
    ]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_an_editors_markdown_export_read_as_text_is_read_as_its_md_file(form):
    plan = form("\n".join(EXPORT))
    assert tree(plan) == tree(as_md("\n".join(EXPORT)))
    assert [line.split("|")[1] for line in tree(plan)] == ["主要任务", "排查可绿化屋顶", "组织种植施工", "做好日常养护"]
    assert items(plan) == [
        ("1.", "排查可绿化屋顶", ["社区规划办"], ["物业服务站"]),
        ("2.", "组织种植施工", ["社区环境办"], ["物业服务站"]),
        ("3.", "做好日常养护", ["社区环境办"], []),
    ]
    assert [section.node.title for section in plan.guidance] == ["工作目标", "保障措施"]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_bold_words_further_in_an_items_line_stay_as_written(form):
    line = "1. 完成屋顶绿化，重点做好**防水**检查。（完成时间：2026年9月底前）"
    plan = form("\n".join(["二、主要任务", line]))
    assert "**防水**" in "".join([plan.leaves()[0].title, *plan.leaves()[0].content])


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_lone_star_a_legend_names_after_a_unit_is_still_a_mark(form):
    plan = form(
        "\n".join(
            [
                "二、主要任务",
                "注：带*的单位为牵头单位。",
                "1. 完成屋顶绿化12处。（责任单位：社区环境办*、物业服务站；完成时间：2026年9月底前）",
            ]
        )
    )
    fields = plan.leaves()[0].fields
    assert fields.lead_units == ["社区环境办"]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_blank_to_fill_in_keeps_its_underscores(form):
    plan = form("\n".join(["二、主要任务", "1. 完成屋顶绿化____处。（责任单位：社区环境办；完成时间：2026年9月底前）"]))
    assert "____" in plan.leaves()[0].title


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_bold_name_opening_a_paragraph_is_still_an_item_of_its_own(form):
    lines = [
        "二、主要任务",
        "**推进屋顶绿化：**完成屋顶绿化12处。（责任单位：社区环境办；完成时间：2026年9月底前）",
        "**做好日常养护：**建立养护队伍。（责任单位：物业服务站；完成时间：长期坚持）",
    ]
    assert [leaf.title for leaf in form("\n".join(lines)).leaves()] == [
        leaf.title for leaf in as_md("\n".join(lines)).leaves()
    ]
