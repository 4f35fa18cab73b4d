"""The shapes of the fifty-ninth held-out set (d492, d494) the importer did not follow, in made-up words, one
section per cause: a trailing 分工表 keyed by the items' numbers, its rows repeating their titles, under a plan
whose 保障措施 numbers its own paragraphs （一）（二）（三） (so that "1" could be two entries'); a 清单's blocks
of problem, measure, then a line of units and when apart by spaces, no labels (as a PDF loses the spaces,
glued), and a measure that opens with a verb setting others to work (督促企业…), no unit."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing import fields as phrases
from tests.responsibility.importing.made import leaves, readers

YEAR = 2025
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
TEXT_FORMS = [as_txt, as_paste, as_docx]


# --- a trailing 分工表 keyed by the items' numbers ------------------------------------------------------

TASKS = ["建设社区食堂", "改造老旧电梯", "开展助老培训", "完善养老驿站"]


def plan_with_table(rows: list[str], header: str = "序号\t重点任务\t牵头单位\t配合单位\t完成时限") -> str:
    """A 工作方案 whose items 1.–4. name no units, a 保障措施 of （一）–（三） paragraphs, then ``rows`` under
    a 附件 分工表."""
    return "\n".join(
        [
            "某区2025年养老服务提升工作方案",
            "一、重点任务",
            "（一）补齐服务设施",
            f"1.{TASKS[0]}。新建社区食堂4个。",
            f"2.{TASKS[1]}。完成老旧电梯改造30部。",
            "（二）提升服务质量",
            f"3.{TASKS[2]}。培训护理人员200人次。",
            f"4.{TASKS[3]}。每个街道建成驿站1个。",
            "二、保障措施",
            "（一）加强组织领导。成立工作专班，统筹推进。",
            "（二）强化资金保障。统筹用好各类资金。",
            "（三）严格督促考核。纳入年度目标考核。",
            "附件：重点任务分工表",
            header,
            *rows,
            "某区民政局",
        ]
    )


ROWS = [
    f"1\t{TASKS[0]}\t区民政局\t区住建局、各街道\t2025年9月底前",
    f"2\t{TASKS[1]}\t区住建局\t区市场监管局\t2025年10月底前",
    f"3\t{TASKS[2]}\t区人社局\t\t长期坚持",
    f"4\t{TASKS[3]}\t区民政局\t各街道\t2025年12月底前",
]


@pytest.mark.parametrize("read", TEXT_FORMS)
def test_a_trailing_table_keyed_by_number_gives_the_items_their_fields_beside_a_guidance_list(read):
    # 保障措施's （一）（二）（三） are entries numbered 1–3 too: the rows name the items numbered "1." alike.
    plan = read(plan_with_table(ROWS))
    items = [item for item in leaves(plan) if item.number.endswith(".")]
    assert [item.title for item in items] == TASKS
    assert [item.fields.lead_units for item in items] == [["区民政局"], ["区住建局"], ["区人社局"], ["区民政局"]]
    assert items[0].fields.cooperating_units == ["区住建局", "各街道"]
    assert items[0].fields.deadline == D(2025, 9, 30)
    assert items[2].fields.ongoing and items[2].fields.deadline is None
    titles = [node.title for node, _depth in plan.walk()]
    assert "重点任务分工表" not in titles and not any(title.startswith("1建设") for title in titles)


def test_a_table_keyed_by_some_numbers_gives_those_items_and_leaves_the_rest():
    plan = as_txt(plan_with_table(ROWS[:2]))
    items = [item for item in leaves(plan) if item.number.endswith(".")]
    assert [item.fields.lead_units for item in items] == [["区民政局"], ["区住建局"], [], []]
    assert [item.title for item in items] == TASKS


def test_a_trailing_table_of_other_tasks_stays_its_own_items():
    # The opposite fact: its rows' tasks are none of the items above, so it is a list of its own.
    other = [
        "1\t开展消防演练\t区应急局\t各街道\t2025年6月底前",
        "2\t排查燃气隐患\t区住建局\t区城管局\t2025年8月底前",
    ]
    plan = as_txt(plan_with_table(other))
    items = [item for item in leaves(plan) if item.number.endswith(".")]
    assert [item.fields.lead_units for item in items] == [[], [], [], []]
    assert any(item.title.endswith("开展消防演练") for item in leaves(plan))


# --- a 清单's line of units and when, apart by spaces, no labels -------------------------------------

LIST = "\n".join(
    [
        "某市市场监管局2025年特种设备检查问题整改清单",
        "一、电梯环节",
        "1．部分电梯维保记录不全。",
        "督促企业补齐维保记录，建立电梯维保台账。",
        "特种设备安全监察处、各区市场监管局　　2025年8月31日前",
        "2．部分电梯应急救援电话无人接听。",
        "约谈维保单位，开展应急电话抽查。",
        "特种设备安全监察处牵头，各区市场监管局配合　　长期坚持",
        "3．电梯安全管理员持证率不高。",
        "引导各使用单位开展持证培训，持证率达到100%。",
        "各区市场监管局　　2025年10月31日前",
        "某市市场监督管理局　　2025年6月12日",
    ]
)


@pytest.mark.parametrize("read", TEXT_FORMS)
def test_a_line_of_units_and_when_apart_by_spaces_gives_the_item_its_units(read):
    items = leaves(read(LIST))
    assert [item.fields.responsible_units for item in items] == [
        ["特种设备安全监察处", "各区市场监管局"],
        [],
        ["各区市场监管局"],
    ]
    assert items[1].fields.lead_units == ["特种设备安全监察处"]
    assert items[1].fields.cooperating_units == ["各区市场监管局"]
    assert [item.fields.deadline for item in items] == [D(2025, 8, 31), None, D(2025, 10, 31)]
    assert items[1].fields.ongoing


def test_a_directing_verb_before_its_object_opens_no_subject():
    # "督促企业…", "引导各使用单位…": the object ends as a unit's name does, but the sentence's subject is unsaid.
    assert phrases.split_subject("督促企业补齐维保记录") == ("", "督促企业补齐维保记录")
    assert phrases.split_subject("引导各村开展培训")[0] == ""
    # The opposite fact: a unit as the subject before its verb stays the subject.
    assert phrases.split_subject("区市场监管局加强抽查") == ("区市场监管局负责", "加强抽查")


@pytest.mark.parametrize(
    "line, fields",
    [
        (
            "特种设备安全监察处、各区市场监管局　　2025年8月31日前",
            (["特种设备安全监察处", "各区市场监管局"], D(2025, 8, 31)),
        ),
        (
            "特种设备安全监察处、各区市场监管局2025年8月31日前",
            (["特种设备安全监察处", "各区市场监管局"], D(2025, 8, 31)),
        ),
        ("特种设备安全监察处长期坚持", (["特种设备安全监察处"], None)),
        ("区财政局　　年底前", (["区财政局"], D(2025, 12, 31))),
    ],
)
def test_units_then_when_spaced_or_glued_as_a_pdf_keeps_them(line, fields):
    found = phrases.extract(line, YEAR)
    assert (found.fields.responsible_units, found.fields.deadline) == fields
    assert found.rest == ""


@pytest.mark.parametrize(
    "line",
    [
        "某市市场监督管理局　　2025年6月12日",  # a 落款: the paper's unit and the day it was signed
        "某市市场监督管理局2025年6月12日",
        "建立维保台账　　2025年6月底前",  # work, not units
        "抽查电梯200部　　每季度",
    ],
)
def test_a_signature_or_work_before_spaces_and_a_date_gives_no_units(line):
    found = phrases.extract(line, YEAR)
    assert found.fields.responsible_units == [] and found.fields.deadline is None
    assert found.rest == line


def test_a_line_of_units_and_when_broken_at_its_spaces_is_read_whole():
    # A PDF breaks "X处、Y局　　2025年7月15日前" at its spaces into two lines: still the item's units and date.
    broken = LIST.replace("各区市场监管局　　2025年10月31日前", "安全监察处、各区市场监管局\n2025年10月31日前")
    item = leaves(as_txt(broken))[2]
    assert item.fields.responsible_units == ["安全监察处", "各区市场监管局"]
    assert item.fields.deadline == D(2025, 10, 31)
    assert item.content[0] == "引导各使用单位开展持证培训，持证率达到100%。"


def test_a_sentence_cut_before_its_date_stays_the_items_text():
    # The opposite fact: work cut before its date ("完成" / "2025年10月31日前") is the item's sentence, no units.
    broken = LIST.replace("各区市场监管局　　2025年10月31日前", "组织培训并完成\n2025年10月31日前")
    item = leaves(as_txt(broken))[2]
    assert item.fields.responsible_units == []
    assert item.content[-1].startswith("组织培训并完成2025年10月31日前")


@pytest.mark.parametrize(
    "text",
    [
        "为辖区80岁以上老人建立健康档案，每季度随访1次",  # 区 ends a name, but a task's words go on after the figure
        "举办社区运动会，区文旅体局负责，10月31日前完成",  # a task's sentence: the date after a comma
        "某市自然资源局办公室2024年2月26日印发",  # a 落款: the day the paper was sent out
        "甲方（盖章）：某县城市管理局　　乙方（盖章）：某镇人民政府",
        "研究部署5月份护林工作",  # 署 ends a name, but a month of work follows
    ],
)
def test_a_task_or_a_signature_glued_to_a_date_is_no_line_of_units(text):
    assert phrases.units_then_when(text) == ""
