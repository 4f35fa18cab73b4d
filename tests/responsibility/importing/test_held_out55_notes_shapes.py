"""The shapes the fifty-fifth held-out set's d460 and d465 showed the importer did not follow, in made-up words:
fields given once per note in a notes list at the end, to the items that end with the note's mark ("…10个。〔注1〕" …
"〔注1〕牵头单位：X；配合单位：Y；完成时限：…"); a noticeboard checklist whose items open with a box and a number
("□ 1. …") and whose fields stand under each in a line behind an arrow ("→ 负责：X　配合：Y　时间：8/31"), its dates
a month and a day in the plan's year."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing.fields import parted_short_labels
from tests.responsibility.importing.made import readers
from tests.responsibility.importing.test_held_out53_reference_shapes import tasks

YEAR = 2026
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
TEXT_FORMS = [as_txt, as_paste, as_docx]


# --- fields given by note marks, the notes listed at the end ------------------------------------------------


def noted(first: str, second: str) -> list[str]:
    """A plan whose items end with the marks ``first`` and ``second`` and whose notes, opening with them, give
    their fields."""
    return [
        "青溪区2026年营商环境提升任务",
        "一、重点任务",
        f"1.新增集成办事场景10个。{first}",
        f"2.压缩企业开办时间至1个工作日。{first}",
        f"3.新建便民服务站20个。{second}",
        "二、保障措施",
        "各单位要加强组织领导，确保任务落实。",
        "注释：",
        f"{first}牵头单位：区政务服务中心；配合单位：区市场监管局、区税务局；完成时限：2026年6月30日前。",
        f"{second}牵头单位：区住建局；责任单位：各街道办事处；完成时限：2026年12月31日前。",
    ]


@pytest.mark.parametrize("form", TEXT_FORMS)
@pytest.mark.parametrize(
    "marks", [("〔注1〕", "〔注2〕"), ("[注1]", "[注2]"), ("注1", "注2"), ("①", "②"), ("[1]", "[2]")]
)
def test_items_take_the_fields_of_the_notes_whose_marks_they_end_with(form, marks):
    plan = form("\n".join(noted(*marks)))
    given = tasks(plan)
    assert sorted(given) == ["压缩企业开办时间至1个工作日", "新增集成办事场景10个", "新建便民服务站20个"]
    for title in ("新增集成办事场景10个", "压缩企业开办时间至1个工作日"):
        fields = given[title].fields
        assert (fields.lead_units, fields.cooperating_units, fields.deadline) == (
            ["区政务服务中心"],
            ["区市场监管局", "区税务局"],
            D(2026, 6, 30),
        )
    fields = given["新建便民服务站20个"].fields
    assert (fields.lead_units, fields.responsible_units, fields.deadline) == (
        ["区住建局"],
        ["各街道办事处"],
        D(2026, 12, 31),
    )
    # The notes are no section's text: 二、保障措施 is guidance with its own sentence and the caption only.
    assert [section.node.title for section in plan.guidance] == ["保障措施"]
    assert not any("牵头单位" in text for text in plan.guidance[0].node.content)


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_remark_after_the_items_whose_marks_they_do_not_carry_stays_a_remark(form):
    """No item ends with a mark: "注：" is a remark under the list, no fields for any item."""
    lines = [
        "青溪区2026年营商环境提升任务",
        "一、重点任务",
        "1.新增集成办事场景10个。",
        "2.新建便民服务站20个。",
        "注：牵头单位：区政务服务中心；完成时限：2026年6月30日前。",
    ]
    given = tasks(form("\n".join(lines)))
    assert given["新增集成办事场景10个"].fields.lead_units == []
    assert given["新增集成办事场景10个"].fields.deadline is None


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_note_that_says_other_words_than_fields_gives_nothing(form):
    lines = noted("〔注1〕", "〔注2〕")
    lines[-1] = "〔注2〕便民服务站含社区党群服务中心内设站点。"
    given = tasks(form("\n".join(lines)))
    assert given["新建便民服务站20个"].fields.lead_units == []
    assert given["新建便民服务站20个"].fields.deadline is None
    assert given["新增集成办事场景10个"].fields.lead_units == ["区政务服务中心"]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_mark_no_note_opens_with_changes_nothing(form):
    lines = noted("〔注1〕", "〔注2〕")
    lines[2] = "1.新增集成办事场景10个。〔注5〕"
    given = tasks(form("\n".join(lines)))
    node = next(node for title, node in given.items() if title.startswith("新增集成办事场景10个"))
    assert node.fields.lead_units == []
    assert given["压缩企业开办时间至1个工作日"].fields.lead_units == ["区政务服务中心"]


# --- a noticeboard checklist: boxed numbered items, arrow lines of fields, month/day dates ------------------------

CHECKLIST = [
    "东湖社区2026年下半年工作计划",
    "（张贴于社区公示栏，完成一项勾选一项）",
    "【一】党建引领",
    "□ 1. 开展“党员进楼栋”活动，报到率达到100%。",
    "　　→ 负责：社区党委　配合：各网格党支部　时间：8/31",
    "□ 2. 组织主题党日活动。",
    "　　→ 负责：社区党委　时间：7/1",
    "【二】环境整治",
    "□ 3. 完成老旧楼院楼道清理12栋。",
    "　　▶ 负责：物业服务站　配合：各网格员　时间：10/31",
]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_boxed_items_take_the_fields_of_the_arrow_lines_under_them(form):
    plan = form("\n".join(CHECKLIST))
    assert [root.number for root in plan.roots] == ["【一】", "【二】"]
    given = tasks(plan)
    assert sorted(given) == ["完成老旧楼院楼道清理12栋", "开展“党员进楼栋”活动，报到率达到100%", "组织主题党日活动"]
    first = given["开展“党员进楼栋”活动，报到率达到100%"].fields
    assert (first.responsible_units, first.cooperating_units, first.deadline) == (
        ["社区党委"],
        ["各网格党支部"],
        D(2026, 8, 31),
    )
    assert given["组织主题党日活动"].fields.deadline == D(2026, 7, 1)
    assert given["完成老旧楼院楼道清理12栋"].fields.cooperating_units == ["各网格员"]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_an_arrow_inside_a_sentence_and_a_form_s_boxes_are_no_fields_nor_items(form):
    lines = [
        "东湖社区2026年下半年工作计划",
        "【一】为民服务",
        "□ 1. 优化办事流程，推行申请→受理→办结一站式服务。",
        "□ 2. 完成困难家庭走访的1/2。",
        "是否已公示：是□　否□",
    ]
    given = tasks(form("\n".join(lines)))
    assert sorted(given) == ["优化办事流程，推行申请→受理→办结一站式服务", "完成困难家庭走访的1/2"]
    assert given["优化办事流程，推行申请→受理→办结一站式服务"].fields.responsible_units == []
    assert given["完成困难家庭走访的1/2"].fields.deadline is None


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_an_arrow_line_whose_spaces_a_pdf_lost_gives_each_short_label_its_value(form):
    lines = [*CHECKLIST[:4], "→ 负责：社区卫生服务站配合：民政专干时间：9/30"]
    fields = tasks(form("\n".join(lines)))["开展“党员进楼栋”活动，报到率达到100%"].fields
    assert (fields.responsible_units, fields.cooperating_units, fields.deadline) == (
        ["社区卫生服务站"],
        ["民政专干"],
        D(2026, 9, 30),
    )


def test_short_labels_are_set_apart_only_on_a_line_that_opens_with_one():
    assert parted_short_labels("负责：民政专干时间：9/30") == "负责：民政专干\u3000时间：9/30"
    assert parted_short_labels("开展志愿服务，服务时间：每周六") == "开展志愿服务，服务时间：每周六"
