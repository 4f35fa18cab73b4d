"""The shapes of the fifty-seventh held-out set (d477, d481) the importer did not follow, in made-up words, one
section per cause: a paginated copy's running header (the organ and a keeping mark such as 内部资料) atop every
page, its first glued before the plan's title; a task export's group lines ("任务分组：…（共3项）") over the
blocks of its tasks, read as no heading."""

from __future__ import annotations

import pytest

from responsibility.importing.headers import is_marking
from responsibility.importing.parse import account
from tests.responsibility.importing.made import branches, leaves, readers

YEAR = 2025
as_txt, as_paste, as_docx = readers(YEAR)
TEXT_FORMS = [as_txt, as_paste, as_docx]


# --- a running header atop each page ------------------------------------------------------------------

HEADER = "青山县住房和城乡建设局　　　　　　　　　　2025年度工作文件"
TITLE = ["青山县住房和城乡建设局", "2025年城镇燃气安全整治工作要点"]
PAGED = [
    HEADER,
    *TITLE,
    "一、排查整治燃气隐患",
    "（一）排查老旧燃气管道。全面排查城区老旧管道，排查率达到100%。（责任单位：燃气管理股；完成时限：2025年6月底）",
    "（二）整治餐饮场所用气。对餐饮场所开展全覆盖检查，整改问题",
    "— 1 —",
    HEADER,
    "隐患不少于300处。（责任单位：燃气管理股；完成时限：2025年9月底）",
    "二、提升应急处置能力",
    "（一）组织燃气事故应急演练4次。（责任单位：安全监管股；完成时限：2025年11月底）",
    "— 2 —",
    HEADER,
    "（二）建立抢险队伍。（责任单位：县燃气公司；完成时限：2025年5月底）",
]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_header_repeated_atop_each_page_is_no_part_of_the_title(form):
    plan = form("\n".join(PAGED))
    assert plan.title == "青山县住房和城乡建设局2025年城镇燃气安全整治工作要点"
    assert [root.title for root in plan.roots] == ["排查整治燃气隐患", "提升应急处置能力"]
    assert leaves(plan)[1].content == ["对餐饮场所开展全覆盖检查，整改问题隐患不少于300处。"]
    assert all("工作文件" not in text for leaf in leaves(plan) for text in leaf.content)
    assert [problem.line for problem in plan.not_understood if problem.text == HEADER] != []


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_plan_that_prints_its_own_name_atop_every_page_keeps_it_as_its_title(form):
    # The opposite fact: the running line is the title itself; its first copy stays the title.
    name = "青山县2025年城镇燃气安全整治工作要点"
    text = "\n".join([name, *PAGED[3:6], "— 1 —", name, *PAGED[8:11], "— 2 —", name, PAGED[-1]])
    plan = form(text)
    assert plan.title == name
    assert [root.title for root in plan.roots] == ["排查整治燃气隐患", "提升应急处置能力"]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_paragraph_atop_two_pages_and_said_elsewhere_too_is_kept(form):
    # The opposite fact: a line that stands atop pages and elsewhere too is the text's, not the page's.
    said = "各股室要压实责任，按月报送进展。"
    text = "\n".join([*TITLE, *PAGED[3:5], said, "— 1 —", said, PAGED[9], PAGED[10], "— 2 —", said, PAGED[-1]])
    plan = form(text)
    assert plan.title == "青山县住房和城乡建设局2025年城镇燃气安全整治工作要点"
    assert [problem.text for problem in plan.not_understood if problem.text == said] == []
    assert account(plan).count(said) == 3


@pytest.mark.parametrize("mark", ["内部资料　注意保存", "秘密★1年", "青山县住房和城乡建设局　　　　　　内部资料"])
@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_keeping_mark_above_the_title_is_no_part_of_it(form, mark):
    plan = form("\n".join([mark, *TITLE, *PAGED[3:5]]))
    assert plan.title == "青山县住房和城乡建设局2025年城镇燃气安全整治工作要点"
    assert plan.headers["preamble"] == mark


NOTICE = [
    "青山县人民政府办公室",
    "关于印发青山县2025年城镇燃气安全整治工作要点的通知",
    "各乡镇人民政府，县政府各部门：",
    "现将《青山县2025年城镇燃气安全整治工作要点》印发给你们，请认真贯彻执行。",
    *PAGED[3:5],
]


@pytest.mark.parametrize("above", [[], ["内部资料"]])
@pytest.mark.parametrize("form", TEXT_FORMS)
def test_an_organs_line_over_guanyu_stays_the_notices_sender_under_a_keeping_mark_or_none(form, above):
    plan = form("\n".join([*above, *NOTICE]))
    assert plan.headers["title"] == "青山县人民政府办公室关于印发青山县2025年城镇燃气安全整治工作要点的通知"
    assert plan.title == "青山县2025年城镇燃气安全整治工作要点"


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_title_set_on_two_lines_is_still_one_title(form):
    plan = form("\n".join([*TITLE, *PAGED[3:5]]))
    assert plan.title == "青山县住房和城乡建设局2025年城镇燃气安全整治工作要点"


@pytest.mark.parametrize(
    ("text", "marking"),
    [
        ("内部资料　注意保存", True),
        ("内部资料注意保存", True),
        ("机密★10年", True),
        ("某市自然资源局\t内部资料", True),
        ("保守国家秘密", False),  # a line that says something
        ("某局内部资料汇编", False),  # a name
        ("加强内部资料管理　注意保存", False),
    ],
)
def test_a_keeping_mark_is_its_marks_with_at_most_the_organ_set_apart(text, marking):
    assert is_marking(text) is marking


# --- a task export's group lines -----------------------------------------------------------------------

RULE = "-" * 28


def task(number: str, name: str, lead: str, due: str, extra: tuple[str, ...] = ()) -> list[str]:
    return [RULE, f"任务编号：QS-{number}", f"任务名称：{name}", f"牵头部门：{lead}", *extra, f"完成时间：{due}"]


def export(first: str = "项目分组：城市更新（共2项）", second: str = "项目分组：生态环境（共1项）", extra=()) -> str:
    return "\n".join(
        [
            "青山县住房和城乡建设局2025年重点任务",
            "（导出自：县协同办公平台　导出时间：2025-01-08）",
            first,
            *task("01", "完成老旧小区改造12个", "城建股", "2025-10-31", extra),
            *task("02", "新建口袋公园3个", "园林中心", "2025-06-30", extra),
            RULE,
            second,
            *task("03", "治理黑臭水体2条", "市政股", "2025-09-30", extra),
            RULE,
            "共3项任务",
        ]
    )


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_group_line_over_an_exports_task_blocks_heads_them(form):
    plan = form(export())
    assert [(root.title, [child.title for child in root.children]) for root in plan.roots] == [
        ("城市更新", ["完成老旧小区改造12个", "新建口袋公园3个"]),
        ("生态环境", ["治理黑臭水体2条"]),
    ]
    assert plan.roots[0].children[1].fields.lead_units == ["园林中心"]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_group_lines_without_a_count_head_their_blocks_where_their_label_comes_again(form):
    plan = form(export("类别：城市更新", "类别：生态环境"))
    assert [root.title for root in branches(plan)] == ["城市更新", "生态环境"]


LIST_TITLE = "青山县2025年民生实事任务清单"
ITEMS = [
    "1. 完成老旧小区改造12个。（牵头单位：县住建局；完成时限：2025年10月底）",
    "2. 新建口袋公园3个。（牵头单位：县园林中心；完成时限：2025年6月底）",
    "1. 治理黑臭水体2条。（牵头单位：县市政中心；完成时限：2025年9月底）",
]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_group_line_over_numbered_items_heads_them(form):
    plan = form("\n".join([LIST_TITLE, "专项：城市更新（共2项）", *ITEMS[:2], "专项：生态环境（共1项）", ITEMS[2]]))
    assert [(root.title, len(root.children)) for root in plan.roots] == [("城市更新", 2), ("生态环境", 1)]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_group_field_in_a_tasks_own_block_is_no_heading(form):
    # The opposite fact: "所属分组：…" inside each task's block is one of its fields.
    plan = form(export(extra=("所属分组：城市更新",)))
    assert [root.title for root in branches(plan)] == ["城市更新", "生态环境"]
    assert all(not leaf.children for leaf in leaves(plan))
    assert len(leaves(plan)) == 3


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_category_field_under_each_numbered_item_is_no_heading(form):
    # The opposite fact: "类别：一般" comes again under each item, over the next item's number, not over a "1.".
    lines = [
        LIST_TITLE,
        "一、城市更新",
        ITEMS[0],
        "类别：重点",
        ITEMS[1],
        "类别：一般",
        "二、生态环境",
        ITEMS[2],
        "类别：一般",
    ]
    plan = form("\n".join(lines))
    assert [(root.title, len(root.children)) for root in plan.roots] == [("城市更新", 2), ("生态环境", 1)]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_count_alone_over_numbered_items_is_no_heading(form):
    plan = form("\n".join([LIST_TITLE, "共2项", *ITEMS[:2]]))
    assert branches(plan) == []
    assert [leaf.title for leaf in leaves(plan)] == ["完成老旧小区改造12个", "新建口袋公园3个"]
