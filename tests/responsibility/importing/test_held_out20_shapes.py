"""The shapes the twentieth held-out set (d179–d186) showed the importer did not follow, in made-up
words, one section per cause: a heading over one paragraph of several tasks, every sentence followed by
its own bracket of units (X牵头，Y配合); a unit's own 任务书 stating its unit once at the top (责任单位：X) for
every item that names none, and deadlines in words inside an item's text (上半年完成, 三季度末前, 年中前,
年底前); half years as a ledger writes them (H1, H2) and 年中 as deadlines; an item opening with its unit
and a colon, then 牵头 or 负责 ("X：牵头推进…，Y、Z配合，…前完成", a 责任清单's "X：负责…"); a line of labels
and values lined up by runs of spaces, no colons ("牵头领导  X      责任单位  Y      完成时限  Z")."""

from __future__ import annotations

import pytest

from responsibility.importing.fields import parse_schedule
from tests.responsibility.importing.made import readers

YEAR = 2025
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


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
    assert [node.title for node in plan.nodes() if node.children] == ["丰富文旅产品供给", "提升服务质量"]
    items = plan.leaves()
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
    items = plan.leaves()
    assert [item.title for item in items] == ["打造乡村旅游精品线路", "举办农民丰收节"]
    assert items[0].fields.lead_units == ["县文旅局"]


# --- a unit's own task book: its unit once at the top, deadlines in words inside the items -----------------

OWN_BOOK = [
    "青石县统计局2025年度重点工作任务书",
    "",
    "责任单位：县统计局",
    "分管领导：周立新",
    "",
    "一、统计调查",
    "1．完成经济普查数据审核。全年审核普查表5000份，上半年完成。",
    "2．开展住户收支调查。全年调查住户600户，三季度末前完成年度抽样。",
    "二、统计服务",
    "1．编印统计年鉴。年中前印发。",
    "2．开展统计法治宣传。年底前完成。",
    "3．发布季度经济运行分析。与县发改局共同发布（县发改局负责）。",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_the_unit_stated_once_at_the_top_answers_for_the_items_that_name_none(read):
    items = read("\n".join(OWN_BOOK)).leaves()
    assert [item.fields.responsible_units for item in items] == [["县统计局"]] * 4 + [["县发改局"]]
    # The person under it is the whole book's, not a unit.
    assert all("周立新" not in item.fields.responsible_units for item in items)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_deadline_in_words_inside_an_item_is_its_deadline(read):
    items = read("\n".join(OWN_BOOK)).leaves()
    assert [item.fields.deadline and item.fields.deadline.isoformat() for item in items] == [
        "2025-06-30",
        "2025-09-30",
        "2025-06-30",
        "2025-12-31",
        None,
    ]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_period_named_in_an_item_that_is_not_when_it_is_due_is_no_deadline(read):
    # The opposite facts: a period compared with, a span (全年), a unit line inside the body.
    lines = [
        "青石县统计局2025年度重点工作任务书",
        "",
        "一、统计调查",
        "1．提高数据质量。差错率比上半年下降10%，全年审核普查表5000份。",
        "2．开展住户收支调查。",
        "责任单位：县统计局调查队",
        "3．编印统计年鉴。",
    ]
    items = read("\n".join(lines)).leaves()
    assert [item.fields.deadline for item in items] == [None, None, None]
    assert [item.fields.responsible_units for item in items] == [[], ["县统计局调查队"], []]


# --- H1, H2 and 年中 as deadlines ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("H1", "2025-06-30"),
        ("2026年H2", "2026-12-31"),
        ("h1前", "2025-06-30"),
        ("年中", "2025-06-30"),
        ("年中前", "2025-06-30"),
    ],
)
def test_a_half_year_code_or_mid_year_is_due_at_the_half_years_end(text, due):
    assert parse_schedule(text, YEAR).deadline.isoformat() == due


@pytest.mark.parametrize("text", ["一年中", "CH1通道", "H12"])
def test_words_that_only_contain_those_letters_or_characters_are_no_deadline(text):
    # The opposite facts: "一年中" is "in a year", CH1 and H12 are codes.
    assert parse_schedule(text, YEAR).deadline is None


# --- an item opening with its unit and a colon: "X：牵头推进…，Y配合，…前完成", "X：负责…" ----------------------

UNIT_COLON = [
    "青石县2025年教育重点工作分工",
    "",
    "一、校园安全",
    "（一）县教育局：牵头推进校园安全标准化建设，全年创建示范学校10个，县公安局、县应急局配合，2025年9月30日前完成。",
    "（二）县卫健局：牵头开展健康副校长配备工作，2025年6月30日前完成。",
    "二、责任清单",
    "1．镇安监办：负责企业安全生产日常检查",
    "2．镇派出所：负责校园周边治安巡逻",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_unit_colon_item_cut_by_a_page_goes_on_in_the_next_line(read):
    lines = [*UNIT_COLON[:5], "（三）县财政局：牵头落实校园安全经费保", "障，2025年12月31日前完成。"]
    items = read("\n".join(lines)).leaves()
    assert items[2].title == "落实校园安全经费保障"
    assert items[2].fields.deadline.isoformat() == "2025-12-31"


@pytest.mark.parametrize("read", ALL_FORMS)
def test_an_item_opening_with_its_lead_unit_and_a_colon_takes_the_unit_as_lead(read):
    items = read("\n".join(UNIT_COLON)).leaves()
    assert [item.title for item in items] == [
        "推进校园安全标准化建设，全年创建示范学校10个",
        "开展健康副校长配备工作",
        "负责企业安全生产日常检查",
        "负责校园周边治安巡逻",
    ]
    assert [item.fields.lead_units for item in items] == [["县教育局"], ["县卫健局"], [], []]
    assert items[0].fields.cooperating_units == ["县公安局", "县应急局"]
    assert [item.fields.deadline and item.fields.deadline.isoformat() for item in items[:2]] == [
        "2025-09-30",
        "2025-06-30",
    ]
    assert [item.fields.responsible_units for item in items] == [[], [], ["镇安监办"], ["镇派出所"]]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_colon_after_words_that_name_no_unit_is_no_assignment(read):
    # The opposite fact: "工作要求：牵头单位要…" opens with a name of a part, not a unit.
    lines = [
        "青石县2025年教育重点工作分工",
        "",
        "一、校园安全",
        "（一）县教育局：牵头推进校园安全标准化建设，2025年9月30日前完成。",
        "（二）工作要求：牵头单位要主动协调，配合单位要积极支持。",
    ]
    items = read("\n".join(lines)).leaves()
    assert items[1].fields.lead_units == [] and items[1].fields.responsible_units == []
    assert items[1].title.startswith("工作要求")


# --- labels and values lined up by runs of spaces, no colons ----------------------------------------------

SPACED = [
    "青山区2026年背街小巷整治任务安排",
    "",
    "一、街巷整治",
    "1．整治背街小巷。全年整治背街小巷30条。",
    "",
    "分管领导  王明远      责任单位  区城管局、各街道      完成时限  2026年10月31日",
    "",
    "2．规范店招店牌。规范店招店牌500块。",
    "",
    "牵头单位\u3000区市场监管局\u3000\u3000配合单位\u3000区城管局\u3000\u3000完成时限\u30002026年6月30日",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_labels_and_values_lined_up_by_spaces_are_the_items_fields(read):
    items = read("\n".join(SPACED)).leaves()
    assert [item.title for item in items] == ["整治背街小巷", "规范店招店牌"]
    assert items[0].fields.responsible_units == ["区城管局", "各街道"]
    assert items[0].fields.deadline.isoformat() == "2026-10-31"
    assert items[1].fields.lead_units == ["区市场监管局"]
    assert items[1].fields.cooperating_units == ["区城管局"]
    assert items[1].fields.deadline.isoformat() == "2026-06-30"


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_line_spaced_out_that_is_not_labels_and_values_stays_text(read):
    # The opposite facts: words spaced out, a label among them, but no label before every value; a
    # sentence that opens with a label's words.
    lines = [
        *SPACED[:4],
        "",
        "重点区域  老城片区      责任单位  区城管局",
        "工作目标明确责任单位落实到位，确保按期完成。",
    ]
    items = read("\n".join(lines)).leaves()
    assert items[0].fields.responsible_units == [] and items[0].fields.target == ""


@pytest.mark.parametrize("read", ALL_FORMS)
def test_labels_and_values_run_together_as_a_pdf_loses_their_spaces_are_the_items_fields(read):
    lines = [*SPACED[:4], "分管领导王明远责任单位区城管局、各街道完成时限2026年10月31日"]
    items = read("\n".join(lines)).leaves()
    assert items[0].fields.responsible_units == ["区城管局", "各街道"]
    assert items[0].fields.deadline.isoformat() == "2026-10-31"
