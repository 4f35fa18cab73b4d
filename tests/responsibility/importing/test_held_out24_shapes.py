"""The shapes the twenty-fourth held-out set (d211–d218) showed the importer did not follow, in made-up
words, one section per cause: a chat copied out, tasks opening with @mentions and a clause of roles
("请X牵头，…，Y配合，…前完成"), replies after it; soft line breaks (U+2028, a vertical tab) inside an item's
paragraph; a 党组织 column and a column "X编号" in a workbook's header; bold field labels under a
Markdown heading; a heading naming a phase and the date it ends by in brackets."""

from __future__ import annotations

import pytest

from tests.responsibility.importing.made import branches, leaves, md_reader, readers, table_readers

YEAR = 2026
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


as_md = md_reader(YEAR)
TABLE_FORMS = table_readers(YEAR)


# --- a chat copied out: @mentions, a clause of roles, replies after it -----------------------------

CHAT = [
    "青河镇防疫工作群",
    "",
    "2026年5月6日 下午3:10",
    "镇党政办-周强：",
    "@所有人 现将本周重点工作安排如下：",
    "1.@镇卫生院 刘军 请镇卫生院牵头，完成重点人群疫苗接种摸底，各村委会配合，5月10日前完成。",
    "2.@各村委会 请各村委会负责，组织开展环境卫生整治，每月至少开展2次，长期坚持。",
    "",
    "2026年5月6日 下午3:15",
    "镇卫生院-刘军：",
    "收到",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_chat_task_opening_with_mentions_and_its_roles_has_them_as_fields(read):
    items = leaves(read("\n".join(CHAT)))
    assert [item.title for item in items] == ["完成重点人群疫苗接种摸底", "组织开展环境卫生整治，每月至少开展2次"]
    assert items[0].fields.lead_units == ["镇卫生院"]
    assert items[0].fields.cooperating_units == ["各村委会"]
    assert items[0].fields.deadline.isoformat() == "2026-05-10"
    assert items[1].fields.responsible_units == ["各村委会"] and items[1].fields.ongoing


@pytest.mark.parametrize("read", ALL_FORMS)
def test_the_replies_after_a_chat_time_line_are_no_items_text(read):
    items = leaves(read("\n".join(CHAT)))
    assert not any("收到" in text for text in items[-1].content)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_an_opening_clause_without_a_unit_stays_the_task(read):
    # The opposite fact: "主要领导负责，…" names no unit: the task is the whole sentence.
    lines = ["青河镇2026年安全生产工作要点", "", "一、压实责任", "1.主要领导负责，亲自部署安全生产大检查。"]
    items = leaves(read("\n".join(lines)))
    assert items[0].title.startswith("主要领导负责")
    assert not items[0].fields.responsible_units


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_date_and_time_inside_a_task_is_its_text(read):
    # The opposite fact: a time in a sentence is no chat's time line; the text goes on.
    lines = [
        "青河镇2026年会务安排",
        "",
        "一、会议筹备",
        "1.筹备全镇工作会议，责任单位：镇党政办",
        "会议定于5月6日 下午3:10召开。",
    ]
    items = leaves(read("\n".join(lines)))
    assert any("召开" in text for text in items[0].content)


# --- soft line breaks inside an item's paragraph ---------------------------------------------------

SOFT = [
    "青河镇2026年河道治理方案",
    "",
    "一、重点任务",
    "（一）清理河道垃圾。\u2028牵头单位：镇水利站\u2028配合单位：各村委会\u2028完成时限：2026年6月30日前",
    "（二）修复受损堤岸。\x0b责任单位：镇规划建设办\x0b完成时限：2026年9月底前",
]


@pytest.mark.parametrize("read", [as_txt, as_paste])
def test_fields_after_soft_line_breaks_are_read_as_lines_of_their_own(read):
    items = leaves(read("\n".join(SOFT)))
    assert [item.title for item in items] == ["清理河道垃圾", "修复受损堤岸"]
    assert items[0].fields.lead_units == ["镇水利站"]
    assert items[0].fields.cooperating_units == ["各村委会"]
    assert items[1].fields.responsible_units == ["镇规划建设办"]
    assert items[1].fields.deadline.isoformat() == "2026-09-30"


@pytest.mark.parametrize("read", [as_txt, as_paste])
def test_a_soft_line_break_keeps_the_line_number_an_editor_shows(read):
    # The opposite fact: the parts of a line are not counted as lines; the next item keeps its number.
    items = leaves(read("\n".join(SOFT)))
    assert [item.line for item in items] == [4, 5]


# --- bold field labels under a Markdown heading ----------------------------------------------------

BOLD = [
    "# 青河镇2026年第三季度重点工作",
    "",
    "## 一、产业发展",
    "",
    "### 1. 建成农产品冷链仓储中心",
    "",
    "**责任单位**：镇经发办  ",
    "**协办单位**：镇财政所、各村委会  ",
    "**完成时限**：2026年9月30日",
    "",
    "### 2. 举办特色农产品展销会",
    "",
    "**责任单位：**镇农业服务中心  ",
    "**完成时限：**长期坚持",
]


@pytest.mark.parametrize("read", [*ALL_FORMS, as_md])
def test_a_bold_field_label_is_read_as_the_label(read):
    items = leaves(read("\n".join(BOLD)))
    assert [item.title for item in items] == ["建成农产品冷链仓储中心", "举办特色农产品展销会"]
    assert items[0].fields.responsible_units == ["镇经发办"]
    assert items[0].fields.cooperating_units == ["镇财政所", "各村委会"]
    assert items[0].fields.deadline.isoformat() == "2026-09-30"
    assert items[1].fields.responsible_units == ["镇农业服务中心"] and items[1].fields.ongoing


@pytest.mark.parametrize("read", [as_md, as_txt])
def test_a_bold_name_of_a_task_is_no_label(read):
    # The opposite fact: "**整治背街小巷：**…" names the task in bold: an item of its own, named so.
    lines = [
        "# 青河镇2026年工作要点",
        "",
        "## 一、城乡建设",
        "",
        "**整治背街小巷：**完成12条街巷改造（责任单位：镇城建办）",
    ]
    items = leaves(read("\n".join(lines)))
    assert items[0].title.startswith("整治背街小巷")
    assert items[0].fields.responsible_units == ["镇城建办"]


# --- a heading naming a phase and the date it ends by ---------------------------------------------

PHASES = [
    "青河镇2026年秸秆禁烧工作方案",
    "",
    "一、宣传发动（3月20日前）",
    "（一）张贴禁烧通告。各村张贴通告不少于10份。（责任单位：镇宣传办）",
    "（二）签订禁烧承诺书。（责任单位：各村委会；时限：3月10日前）",
    "二、集中巡查（4月1日至6月30日）",
    "（一）开展网格化巡查。（责任单位：镇综合执法队）",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_phase_heading_gives_its_bracketed_end_date_to_the_items_under_it(read):
    plan = read("\n".join(PHASES))
    headings = branches(plan)
    assert [heading.title for heading in headings] == ["宣传发动", "集中巡查"]
    assert [heading.fields.deadline.isoformat() for heading in headings] == ["2026-03-20", "2026-06-30"]
    assert leaves(plan)[1].fields.deadline.isoformat() == "2026-03-10"


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_heading_bracket_of_years_stays_its_title(read):
    # The opposite fact: "（2026-2028年）" names a span of years, no month: the heading's own words.
    lines = [
        "青河镇乡村振兴三年行动方案",
        "",
        "一、三年攻坚（2026-2028年）",
        "（一）新建村级综合服务站。（责任单位：镇民政办）",
    ]
    heading = branches(read("\n".join(lines)))[0]
    assert heading.title == "三年攻坚（2026-2028年）"
    assert heading.fields.deadline is None


# --- a workbook's header: a column "X编号", a 党组织 column ----------------------------------------

MOTIONS = [
    ["青河区2026年政协提案办理分解表", "", "", ""],
    ["提案编号", "提案名称", "主办单位", "办结期限"],
    ["第012号", "关于完善社区养老服务的提案", "区民政局", "2026-06-30"],
    ["第031号", "关于加强校园周边交通管理的提案", "区公安分局", "2026-07-31"],
]


@pytest.mark.parametrize("form", TABLE_FORMS.values(), ids=TABLE_FORMS.keys())
def test_a_column_named_for_what_it_numbers_is_the_numbering(form):
    items = leaves(form(MOTIONS))
    assert [item.title for item in items] == ["关于完善社区养老服务的提案", "关于加强校园周边交通管理的提案"]
    assert items[0].fields.lead_units == ["区民政局"]
    assert items[1].fields.deadline.isoformat() == "2026-07-31"


@pytest.mark.parametrize("form", TABLE_FORMS.values(), ids=TABLE_FORMS.keys())
def test_beside_a_serial_number_a_code_column_is_no_task(form):
    # The opposite fact: with a 序号 first, "案件编号" holds codes, the task is the column of words after it.
    rows = [
        ["序号", "案件编号", "案件名称", "责任单位", "办结时限"],
        ["1", "XF2026-011", "小区违建投诉", "镇综合执法队", "2026-05-31"],
        ["2", "XF2026-017", "道路积水投诉", "镇规划建设办", "2026-06-30"],
    ]
    items = leaves(form(rows))
    assert [item.title for item in items] == ["小区违建投诉", "道路积水投诉"]
    assert items[0].fields.responsible_units == ["镇综合执法队"]


@pytest.mark.parametrize("form", TABLE_FORMS.values(), ids=TABLE_FORMS.keys())
def test_a_party_organisation_column_is_the_responsible_unit(form):
    rows = [
        ["序号", "党支部", "项目名称", "完成时限"],
        ["1", "青河村党支部", "建设村史馆", "2026年9月"],
        ["2", "机关党支部", "开展结对帮扶", "2026年11月"],
    ]
    items = leaves(form(rows))
    assert [item.fields.responsible_units for item in items] == [["青河村党支部"], ["机关党支部"]]
    assert items[0].fields.deadline.isoformat() == "2026-09-30"


@pytest.mark.parametrize("form", TABLE_FORMS.values(), ids=TABLE_FORMS.keys())
def test_a_party_secretary_column_is_no_unit(form):
    # The opposite fact: "党组织书记" names a person; the units are the 责任单位 column's.
    rows = [
        ["序号", "项目名称", "党组织书记", "责任单位", "完成时限"],
        ["1", "建设村史馆", "王海", "青河村委会", "2026年9月"],
        ["2", "开展结对帮扶", "李娟", "镇党政办", "2026年11月"],
    ]
    items = leaves(form(rows))
    assert [item.fields.responsible_units for item in items] == [["青河村委会"], ["镇党政办"]]
