"""The shapes of the sixty-third held-out set (d523, d527) the importer did not follow, in made-up words, one
section per cause: a closing 责任分工 written per unit, each unit's line naming the items it leads, is responsible
for or cooperates on by their numbers (县民政局：牵头第1、2项；负责第4项), runs of numbers (第1—3项) among them; a
task whose last clause says it goes on (此项工作长期坚持); a notice "关于印发X的通知" with no 《》 whose plan's own
title line X ends in no word of a document's kind (…重点任务及分工); and each item followed by its own small table
of two rows, a header of the field labels it uses over one row of their values ('/' for none), as tab or spaced
text, as Word tables and as their PDF."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing.parse import parse
from responsibility.importing.readers import read
from tests.responsibility.importing.made import leaves, official_docx, official_pdf, readers

YEAR = 2026
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
TEXT_FORMS = [as_txt, as_paste, as_docx]


def _titles(plan) -> list[str]:
    return [node.title for node, _depth in plan.walk()]


# --- a 责任分工 written per unit, by the items' numbers --------------------------------------------------

ITEMS = [
    "（一）设施建设",
    "1.新建社区食堂。新建社区食堂6个，2026年9月底前完成。",
    "2.改造老旧电梯。完成老旧电梯改造40部，2026年10月底前完成。",
    "3.建设养老驿站。建成街道养老驿站5个，2026年11月底前完成。",
    "（二）服务提升",
    "4.开展助老培训。培训护理人员300人次，2026年8月底前完成。",
    "5.完善探访关爱。建立独居老人探访台账，2026年6月底前完成。",
]


def per_unit_plan(division: list[str]) -> str:
    """A 工作方案 whose items 1.–5. name no units, then ``division`` under 二、责任分工, then 三、工作要求."""
    return "\n".join(
        [
            "某区2026年养老服务提升重点任务",
            "一、重点任务",
            *ITEMS,
            "二、责任分工",
            *division,
            "三、工作要求",
            "各单位要加强协作，按时报送进展情况。",
        ]
    )


PER_UNIT = [
    "区民政局：牵头第1、3、5项；负责第4项。",
    "区住建局：牵头第2项；配合第1项。",
    "区财政局：配合第1—3项。",
    "区人社局：牵头第4项；协助第5项。",
    "各街道办事处：负责第1、3、5项。",
    "　　牵头单位负责统筹推进，负责单位承担具体任务，配合单位按职责做好协同。",
]


@pytest.mark.parametrize("read", TEXT_FORMS)
def test_a_division_written_per_unit_gives_each_item_its_units_in_their_roles(read):
    plan = read(per_unit_plan(PER_UNIT))
    items = leaves(plan)
    assert [item.number for item in items] == ["1.", "2.", "3.", "4.", "5."]
    leads = [["区民政局"], ["区住建局"], ["区民政局"], ["区人社局"], ["区民政局"]]
    assert [item.fields.lead_units for item in items] == leads
    assert [item.fields.responsible_units for item in items] == [
        ["各街道办事处"],
        [],
        ["各街道办事处"],
        ["区民政局"],
        ["各街道办事处"],
    ]
    # Two units' lines name item 1 as cooperating: both cooperate; 第1—3项 runs through 2.
    assert [item.fields.cooperating_units for item in items] == [
        ["区住建局", "区财政局"],
        ["区财政局"],
        ["区财政局"],
        [],
        ["区人社局"],
    ]
    assert items[0].fields.deadline == D(2026, 9, 30)  # the item's own date stays
    assert "责任分工" not in _titles(plan)  # its caption is neither an item nor a part of the plan
    assert "责任分工" not in [section.node.title for section in plan.guidance]


def test_a_run_of_numbers_written_with_zhi_names_every_item_between():
    plan = as_txt(per_unit_plan(["区民政局：牵头第1至5项。", "区财政局：参与第2项至第4项。"]))
    items = leaves(plan)
    assert [item.fields.lead_units for item in items] == [["区民政局"]] * 5
    assert [item.fields.cooperating_units for item in items] == [[], ["区财政局"], ["区财政局"], ["区财政局"], []]


def test_a_unit_line_naming_a_number_no_item_has_gives_nothing():
    # The opposite: item 9 is none of the items above, so the line assigns nothing (it is no division of theirs).
    plan = as_txt(per_unit_plan(["区民政局：牵头第1、9项。"]))
    assert [item.fields.lead_units for item in leaves(plan)[:5]] == [[], [], [], [], []]


def test_unit_lines_of_duties_with_no_item_numbers_give_the_items_nothing():
    # The opposite: a 责任分工 per unit that says what each does in words, no item's number, assigns no item.
    plan = as_txt(per_unit_plan(["区民政局：负责统筹协调全区养老服务工作。", "区财政局：负责落实资金保障。"]))
    items = leaves(plan)
    assert [item.number for item in items][:5] == ["1.", "2.", "3.", "4.", "5."]
    assert all(not item.fields.lead_units and not item.fields.responsible_units for item in items[:5])


def test_a_numbered_list_under_the_division_that_is_no_unit_line_stays_as_it_was():
    # The opposite: "1.区民政局负责…" lines number the division's own paragraphs: no item is assigned by them.
    division = ["（一）区民政局负责统筹推进各项任务。", "（二）区财政局负责资金保障。"]
    plan = as_txt(per_unit_plan(division))
    items = [item for item in leaves(plan) if item.number.endswith(".")]
    assert [item.fields.lead_units for item in items] == [[], [], [], [], []]
    assert [item.fields.responsible_units for item in items] == [[], [], [], [], []]


def test_the_paragraph_form_reads_a_run_of_numbers_too():
    plan = as_txt(per_unit_plan(["第1—3项由区民政局牵头，区财政局配合；第4、5项由区人社局负责。"]))
    items = leaves(plan)
    assert [item.fields.lead_units for item in items] == [["区民政局"]] * 3 + [[], []]
    assert [item.fields.responsible_units for item in items] == [[], [], [], ["区人社局"], ["区人社局"]]


# --- a task's last clause saying it goes on ---------------------------------------------------------


def _with_item_five(text: str):
    items = [*ITEMS[:-1], text]
    return leaves(as_txt(per_unit_plan(PER_UNIT[:1]).replace(ITEMS[-1], items[-1])))[-1]


def test_this_work_kept_up_long_term_goes_on():
    item = _with_item_five("5.完善探访关爱。按月开展探访，全年探访不少于1200人次，此项工作长期坚持。")
    assert item.fields.ongoing and item.fields.deadline is None


def test_the_same_said_in_a_sentence_of_its_own_goes_on():
    item = _with_item_five("5.完善探访关爱。按月开展入户探访。该项工作常态化开展。")
    assert item.fields.ongoing


def test_a_going_on_word_said_of_others_is_no_deadline():
    # The opposite: the clause says the elders keep something up, not that the task goes on.
    item = _with_item_five("5.完善探访关爱。建立探访台账，引导老人长期坚持。")
    assert not item.fields.ongoing and item.fields.deadline is None


def test_a_dated_task_that_also_goes_on_is_due_by_its_date():
    item = _with_item_five("5.完善探访关爱。建立探访台账，2026年6月底前完成，此项工作长期坚持。")
    assert item.fields.deadline == D(2026, 6, 30) and not item.fields.ongoing


# --- a notice's 关于印发X的通知 with no 《》 over the plan's own title line X ------------------------------

PLAN_NAME = "某区2026年养老服务提升重点任务及分工"


def notice(sentence: str, own_title: bool = True) -> str:
    return "\n".join(
        [
            "某区人民政府办公室",
            f"关于印发{PLAN_NAME}的通知",
            "某政办发〔2026〕8号",
            "",
            "各街道办事处，区政府有关部门：",
            sentence,
            "",
            "某区人民政府办公室",
            "2026年3月2日",
            "",
            *([PLAN_NAME] if own_title else []),
            "一、重点任务",
            *ITEMS,
        ]
    )


SENTENCES = [f"　　现将{PLAN_NAME}印发给你们，请认真贯彻落实。", f"　　现将《{PLAN_NAME}》印发给你们。"]


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize("read", TEXT_FORMS)
def test_the_plans_own_title_line_repeating_what_the_notice_sends_is_the_title(read, sentence):
    plan = read(notice(sentence))
    assert plan.title == PLAN_NAME
    assert [item.number for item in leaves(plan)] == ["1.", "2.", "3.", "4.", "5."]


def test_with_no_line_repeating_it_the_notice_keeps_its_own_title():
    # The opposite: no title line of the plan's own, and the name ends in no word of a document's kind.
    plan = as_txt(notice("　　现将有关任务印发给你们，请认真贯彻落实。", own_title=False))
    assert plan.title == f"关于印发{PLAN_NAME}的通知"


# --- each item followed by its own two-row field table -------------------------------------------------

CARDS = [
    ["牵头单位", "责任单位", "配合单位", "完成时限"],
    ["镇农业服务中心", "各村（社区）", "/", "2026年4月30日"],
    ["责任单位", "完成时限"],
    ["镇执法队", "长期坚持"],
    ["牵头单位", "配合单位", "完成时限"],
    ["镇经济发展办", "镇财政所、镇农业服务中心", "2026年9月30日"],
]


def carded_lines(separator: str = "\t") -> list[str]:
    rows = [separator.join(row) for row in CARDS]
    return [
        "某镇2026年秸秆禁烧工作方案",
        "一、重点任务",
        "（一）落实网格责任。以村为单位划定禁烧网格，签订责任书。",
        *rows[0:2],
        "（二）开展巡查值守。实行24小时巡查值守，发现火点及时扑灭。",
        *rows[2:4],
        "（三）培育收储主体。新建秸秆收储点3个。",
        *rows[4:6],
        "二、保障措施",
        "（一）加强组织领导。成立工作专班。",
    ]


def _assert_carded(plan) -> None:
    items = leaves(plan)
    assert [item.title for item in items] == ["落实网格责任", "开展巡查值守", "培育收储主体"]
    assert [item.fields.lead_units for item in items] == [["镇农业服务中心"], [], ["镇经济发展办"]]
    assert [item.fields.responsible_units for item in items] == [["各村（社区）"], ["镇执法队"], []]
    assert [item.fields.cooperating_units for item in items] == [[], [], ["镇财政所", "镇农业服务中心"]]
    assert items[0].fields.deadline == D(2026, 4, 30) and items[2].fields.deadline == D(2026, 9, 30)
    assert items[1].fields.ongoing
    titles = _titles(plan)
    assert not any("牵头单位" in title or "镇执法队" in title for title in titles)  # no table row is an item


@pytest.mark.parametrize("read", TEXT_FORMS)
def test_a_two_row_field_table_under_each_item_gives_it_its_fields(read):
    _assert_carded(read("\n".join(carded_lines())))


def test_the_same_tables_set_out_with_spaces():
    _assert_carded(as_txt("\n".join(carded_lines("    "))))


def _official(lines: list[str]) -> tuple[list[str], list[list[list[str]]]]:
    """The paragraphs with "<table>" where each two-row table stands, and the tables, as Word sets them."""
    paragraphs, tables = [], []
    for line in lines:
        if "\t" in line and tables and paragraphs[-1] == "<table>" and len(tables[-1]) == 1:
            tables[-1].append(line.split("\t"))
        elif "\t" in line:
            paragraphs.append("<table>")
            tables.append([line.split("\t")])
        else:
            paragraphs.append(line)
    return paragraphs, tables


def test_the_same_tables_as_word_tables_give_the_items_their_fields():
    paragraphs, tables = _official(carded_lines())
    _assert_carded(parse(read("方案.docx", official_docx(paragraphs, tables=tables, page_numbers=False)), YEAR))


def test_the_same_tables_in_the_pdf_of_the_word_document_give_the_items_their_fields():
    paragraphs, tables = _official(carded_lines())
    _assert_carded(parse(read("方案.pdf", official_pdf(paragraphs, tables=tables, page_numbers=False)), YEAR))


def test_a_field_table_of_several_rows_under_an_item_is_no_card_of_it():
    # The opposite: three rows of values are a list of something, not the one item's fields.
    lines = carded_lines()
    lines[4:4] = ["镇派出所\t各村（社区）\t/\t2026年5月31日", "镇应急办\t各村（社区）\t/\t2026年6月30日"]
    plan = as_txt("\n".join(lines))
    first = leaves(plan)[0]
    assert first.title == "落实网格责任" and first.fields.lead_units == [] and first.fields.deadline is None


def test_a_two_row_table_of_other_labels_gives_the_item_nothing():
    # The opposite: 联系人 | 联系电话 names no field of the item.
    lines = carded_lines()
    lines[3:5] = ["联系人\t联系电话", "王某某\t0571-8888888"]
    first = leaves(as_txt("\n".join(lines)))[0]
    assert first.fields.lead_units == [] and first.fields.responsible_units == [] and first.fields.deadline is None


def test_a_table_of_tasks_under_a_heading_stays_a_table_of_tasks():
    # The opposite: a real table with a 序号 and a task column, many rows, is the heading's list of items.
    plan = as_txt(
        "\n".join(
            [
                "某镇2026年秸秆禁烧工作方案",
                "一、重点任务",
                "序号\t工作任务\t牵头单位\t完成时限",
                "1\t划定禁烧网格\t镇农业服务中心\t2026年4月30日",
                "2\t开展巡查值守\t镇执法队\t长期坚持",
                "3\t新建收储点\t镇经济发展办\t2026年9月30日",
            ]
        )
    )
    items = leaves(plan)
    assert [item.title for item in items] == ["划定禁烧网格", "开展巡查值守", "新建收储点"]
    assert [item.fields.lead_units for item in items] == [["镇农业服务中心"], ["镇执法队"], ["镇经济发展办"]]


def test_a_schedule_line_naming_a_run_of_items_gives_each_its_date():
    undated = [line.split("，2026")[0] + "。" if line[0].isdigit() else line for line in ITEMS]
    text = "\n".join(["某区2026年养老服务提升重点任务", "一、重点任务", *undated, "二、进度安排"])
    plan = as_txt(f"{text}\n（一）2026年9月底前：完成第1—3项任务。\n（二）2026年12月底前：完成第4、5项任务。")
    assert [item.fields.deadline for item in leaves(plan)] == [D(2026, 9, 30)] * 3 + [D(2026, 12, 31)] * 2


def test_a_unit_line_naming_a_heading_over_unnumbered_tasks_gives_nothing():
    # The opposite: the tasks lost their numbers (bullets), so 第1项 is no task's; 一、 is a heading over tasks, no 项.
    bulleted = [f"➤{line.split('.', 1)[1]}" if line[0].isdigit() else line for line in ITEMS]
    plan = as_txt(per_unit_plan(["区民政局：负责第1项。"]).replace("\n".join(ITEMS), "\n".join(bulleted)))
    assert [item.fields.responsible_units for item in leaves(plan)[:5]] == [[], [], [], [], []]
