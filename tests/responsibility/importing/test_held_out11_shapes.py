"""The shapes the eleventh held-out set (d107–d114) showed the importer did not follow, in made-up
words, one section per cause: headings written in Markdown's bold in text that is not Markdown, with
each item's labels on lines a list's dash marks; a scheme whose tasks are in its attachment, the stages
of the work and a pointer to the list before it; who does it and by when in an item's last sentence
("由X牵头，Y配合，5月15日前完成"); a batch of 交办单, small tables of keys and values; a workbook whose
numbered 重点工作 is merged down over its tasks, each task the first sentence of a "具体任务及目标" cell,
and such a group going on over a PDF's page, a number kept whole at the end of a cell's line."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest

from responsibility.importing.document import Line, Source, Table
from responsibility.importing.layout import Frame, TextLine, paragraphs
from responsibility.importing.parse import parse
from responsibility.importing.readers import read, read_pasted
from tests.responsibility.importing.made import readers

from .test_held_out_shapes import tab_table, tree
from .test_pdf import _over_pages

YEAR = 2023
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


def _items(plan):
    return [found for found, _depth in plan.walk() if not found.children]


def _headings(plan):
    return [found.number + found.title for found, _depth in plan.walk() if found.children]


# --- bold lines as headings, labels on dashed lines under the items ----------------------------------

BOLD = "\n".join(
    [
        "某街道2023年绿化工作要点",
        "",
        "今年街道绿化工作以增绿提质为主线，推进各项任务。",
        "",
        "**一、扩大绿地面积**",
        "",
        "1. 新建街角游园。新建游园4处。",
        "   - 责任科室：园林科",
        "   - 完成时限：2023年9月底前",
        "2. 补植行道树。补植行道树300株。",
        "   - 牵头科室：园林科",
        "   - 配合单位：甲社区、乙社区",
        "",
        "__二、提升管养水平__",
        "",
        "1. 开展绿地巡查。每周巡查不少于2次。",
        "   - 责任科室：养护所",
        "   - 完成时限：长期坚持",
    ]
)


@pytest.mark.parametrize("form", ALL_FORMS)
def test_a_line_wholly_in_bold_marks_is_a_heading_without_its_marks(form):
    plan = form(BOLD)
    assert _headings(plan) == ["一、扩大绿地面积", "二、提升管养水平"]
    assert [item.title for item in _items(plan)] == ["新建街角游园", "补植行道树", "开展绿地巡查"]


@pytest.mark.parametrize("form", ALL_FORMS)
def test_labels_on_dashed_lines_are_the_items_and_leave_no_dash_behind(form):
    plan = form(BOLD)
    first, second, third = _items(plan)
    assert first.fields.responsible_units == ["园林科"]
    assert first.fields.deadline == D(2023, 9, 30)
    assert second.fields.lead_units == ["园林科"]
    assert second.fields.cooperating_units == ["甲社区", "乙社区"]
    assert third.fields.responsible_units == ["养护所"]
    assert "-" not in "".join(first.content + second.content + third.content)


def test_a_dash_run_into_the_label_as_a_pdf_copies_it_is_a_list_mark_too():
    plan = as_txt(BOLD.replace("   - ", "-"))
    first, second, _third = _items(plan)
    assert first.fields.responsible_units == ["园林科"]
    assert second.fields.cooperating_units == ["甲社区", "乙社区"]


def test_bold_words_inside_a_line_and_a_dash_before_prose_stay_text():
    plan = as_txt(BOLD.replace("   - 完成时限：长期坚持", "   - 重点做好**汛期**巡查。"))
    third = _items(plan)[-1]
    assert "重点做好**汛期**巡查。" in "".join(third.content)


# --- a scheme whose tasks are in its attachment: the prose parts before it ---------------------------

SCHEME = "\n".join(
    [
        "某县2023年惠民项目实施方案",
        "",
        "为办好群众关心的实事，制定本方案。",
        "",
        "一、总体要求",
        "坚持量力而行，确保项目全部按期完成。",
        "二、项目安排",
        "今年共安排惠民项目2件，名称、目标和责任单位详见附件1。各牵头单位要于4月10日前报送推进计划。",
        "三、实施步骤",
        "（一）部署启动阶段（2023年4月底前）。各单位细化推进计划，落实资金。",
        "（二）推进落实阶段（2023年5月至11月）。各单位按照节点推进，县惠民办每月通报。",
        "",
        "附件1",
        "",
        "某县2023年惠民项目清单",
        "",
        "序号\t项目名称\t年度目标\t责任单位\t完成时限",
        "1\t改造农村公路\t改造农村公路30公里\t县交通局\t10月底前",
        "2\t新建托育园\t新建托育园2所\t县卫健局\t年底前",
    ]
)


@pytest.mark.parametrize("form", ALL_FORMS)
def test_the_stages_of_the_work_and_a_pointer_to_the_attached_list_are_guidance(form):
    plan = form(SCHEME)
    assert [item.title for item in _items(plan)] == ["改造农村公路", "新建托育园"]
    assert [section.node.title for section in plan.guidance] == ["总体要求", "项目安排", "实施步骤"]


def test_stages_that_name_who_does_them_stay_work():
    plan = as_txt(SCHEME.replace("落实资金。", "落实资金。（县财政局牵头）"))
    assert "实施步骤" not in [section.node.title for section in plan.guidance]
    assert "部署启动阶段（2023年4月底前）" in [item.title for item in _items(plan)]


def test_a_part_pointing_to_an_attachment_the_plan_does_not_hold_stays_work():
    plan = as_txt(SCHEME.split("\n附件1")[0] + "\n四、推进项目\n（一）改造农村公路。（责任单位：县交通局）")
    assert "项目安排" not in [section.node.title for section in plan.guidance]


def test_a_part_pointing_to_an_attachment_that_names_its_unit_stays_work():
    plan = as_txt(SCHEME.replace("报送推进计划。", "报送推进计划。（责任单位：县发改局）"))
    assert "项目安排" not in [section.node.title for section in plan.guidance]


# --- who does it and by when, in the item's last sentence ---------------------------------------------

PROSE_ASSIGNED = "\n".join(
    [
        "某镇2023年河塘整治方案",
        "",
        "为改善农村水环境，制定本方案。",
        "",
        "一、主要任务",
        "(1)清理河塘淤泥。全镇清淤河塘20口。由镇水务站牵头，镇农办、各村配合，6月15日前完成。",
        "(2)设立警示标牌。在危险水域设立标牌40块。由镇安监办负责，长期坚持。",
        "(3)开展群众评议。由群众代表对整治效果打分。",
    ]
)


@pytest.mark.parametrize("form", ALL_FORMS)
def test_a_last_sentence_giving_units_their_roles_and_a_date_assigns_the_item(form):
    first, second, third = _items(form(PROSE_ASSIGNED))
    assert (first.fields.lead_units, first.fields.cooperating_units) == (["镇水务站"], ["镇农办", "各村"])
    assert first.fields.deadline == D(2023, 6, 15)
    assert "由镇水务站" not in "".join(first.content)
    assert (second.fields.responsible_units, second.fields.ongoing) == (["镇安监办"], True)


def test_a_last_sentence_with_by_that_names_no_unit_in_a_role_stays_text():
    third = _items(as_txt(PROSE_ASSIGNED))[-1]
    assert third.fields.is_empty()
    assert third.title == "开展群众评议"
    assert "由群众代表对整治效果打分" in "".join(third.content)


def test_a_sentence_with_by_before_the_last_stays_text():
    plan = as_txt(PROSE_ASSIGNED.replace("由镇安监办负责，长期坚持。", "由镇安监办负责，长期坚持。标牌须醒目耐用。"))
    second = _items(plan)[1]
    assert second.fields.is_empty()


# --- a batch of 交办单: small tables of keys and values, one item each ---------------------------------

FORMS = "\n".join(
    [
        "某县2023年第二批督办事项交办单",
        "",
        "编号\tDB-07\t交办日期\t2023年4月2日",
        "交办事项\t修缮城南老街排水沟。\t\t",
        "办理要求\t修缮排水沟1.2公里。\t\t",
        "承办单位\t县市政所\t协办单位\t城南街道",
        "办结时限\t2023年7月底前\t联系人\t甲某",
        "",
        "编号\tDB-08\t交办日期\t2023年4月2日",
        "交办事项\t增设夜间公交班次。\t\t",
        "办理要求\t增开夜班线路3条。\t\t",
        "承办单位\t县公交公司\t协办单位\t—",
        "办结时限\t长期坚持\t联系人\t乙某",
    ]
)


@pytest.mark.parametrize("form", ALL_FORMS)
def test_each_form_of_keys_and_values_is_one_item(form):
    first, second = _items(form(FORMS))
    assert (first.title.rstrip("。"), second.title.rstrip("。")) == ("修缮城南老街排水沟", "增设夜间公交班次")
    assert (first.fields.responsible_units, first.fields.cooperating_units) == (["县市政所"], ["城南街道"])
    assert first.fields.deadline == D(2023, 7, 31)
    assert (second.fields.responsible_units, second.fields.cooperating_units) == (["县公交公司"], [])
    assert second.fields.ongoing
    assert "交办日期：2023年4月2日" in "".join(first.content)


NOTICE = "\n".join(
    [
        "某县督查室",
        "关于交办2023年第二批督办事项的通知",
        "",
        "各有关单位：",
        "现将第二批督办事项交办给你们，请认真办理。",
        "",
        "附件：某县2023年第二批督办事项交办单",
        "",
        "某县督查室",
        "2023年4月2日",
        "",
        "附件",
        "",
    ]
)


@pytest.mark.parametrize("form", ALL_FORMS)
def test_a_batch_of_forms_sent_by_a_notice_is_named_by_its_own_title(form):
    plan = form(NOTICE + FORMS)
    assert plan.title == "某县2023年第二批督办事项交办单"
    assert len(_items(plan)) == 2


def test_a_form_set_over_two_pages_is_read_once_its_first_row_repeated_and_a_key_cut():
    # As a PDF of a Word table gives it: the first row repeated at the head of the next page, and
    # "交办事项" cut by the page break into "交办" and "事项".
    rows = [line.split("\t") for line in FORMS.split("\n")[2:7]]
    first_page = [rows[0], ["交办", "修缮城南老街排水沟。", "", ""]]
    second_page = [rows[0], ["事项", "", "", ""], *rows[2:]]
    lines = [Line("某县2023年第二批督办事项交办单", 1), Table(first_page, 2), Table(second_page, 4)]
    plan = parse(Source("交办单.pdf", "pdf", lines), YEAR)
    (item,) = _items(plan)
    assert item.title.rstrip("。") == "修缮城南老街排水沟"
    assert item.fields.responsible_units == ["县市政所"]


# As a scan of such a batch reads: the first row repeated at the next page's head with its date's key
# read "交办日其", a key with a character read as a mark ("交办=期"), one read one character off
# ("承力单位" for 承办单位), and the issue date's key read as a real label ("交付日期", a deadline).
SCANNED_FORMS = [
    [
        ["编号", "DB-07", "交付日期", "2023年4月2日"],
        ["交办事项", "修缮城南老街排水沟。", "", ""],
        ["承力单位", "县市政所", "协办单位", "城南街道"],
    ],
    [
        ["编号", "DB-07", "交办日其", "2023年4月2日"],
        ["办结时限", "2023年7月底前", "联系人", "甲某"],
        ["编号", "DB-08", "交办=期", "2023年4月2日"],
        ["交办事项", "增设夜间公交班次。", "", ""],
        ["承办单位", "县公交公司", "协办单位", "一"],
        ["办结时限", "长期坚持", "联系人", "乙某"],
    ],
]


def _scanned_forms(pages: list[list[list[str]]]) -> list:
    blocks = [Line("某县2023年第二批督办事项交办单", 1), *(Table(rows, 2 + n * 10) for n, rows in enumerate(pages))]
    return _items(parse(Source("交办单.pdf", "pdf", blocks), YEAR))


def test_a_batch_of_forms_read_off_a_scan_is_one_item_a_form_despite_its_misread_keys():
    first, second = _scanned_forms(SCANNED_FORMS)
    assert (first.title.rstrip("。"), second.title.rstrip("。")) == ("修缮城南老街排水沟", "增设夜间公交班次")
    assert (first.fields.responsible_units, first.fields.cooperating_units) == (["县市政所"], ["城南街道"])
    assert first.fields.deadline == D(2023, 7, 31)  # 办结时限, which every form has, not 交付日期
    assert (second.fields.responsible_units, second.fields.cooperating_units) == (["县公交公司"], [])
    assert second.fields.ongoing


def test_the_next_forms_first_row_at_a_pages_head_is_no_repeat():
    first_page, second_page = SCANNED_FORMS
    # the second page opens with the next form (its own 编号), not the first form's row repeated
    pages = [[*first_page, second_page[1]], second_page[2:]]
    assert len(_scanned_forms(pages)) == 2


def test_a_key_one_character_off_two_keys_the_form_lacks_stays_unknown():
    first_page, second_page = SCANNED_FORMS
    # "办办单位" could be 承办单位 or 主办单位 once both stand in the other form: it names neither
    first_page = [*first_page[:2], ["办办单位", "县市政所", "协办单位", "城南街道"]]
    pages = [first_page, [*second_page[:4], ["承办单位", "县公交公司", "主办单位", "县交通局"], *second_page[5:]]]
    first, _second = _scanned_forms(pages)
    assert (first.fields.responsible_units, first.fields.lead_units) == ([], [])
    assert first.fields.cooperating_units == ["城南街道"]


def test_a_form_keeps_its_only_deadline_under_a_key_fewer_forms_give():
    first_page, second_page = SCANNED_FORMS
    # the first form's date under a key no column knows; its deadline as 完成时限, the second's as 办结时限
    first_page = [["编号", "DB-07", "交办日期", "2023年4月2日"], *first_page[1:]]
    rows = [row if row[0] != "办结时限" or "7月" not in row[1] else ["完成时限", *row[1:]] for row in second_page]
    first, _second = _scanned_forms([first_page, rows])
    assert first.fields.deadline == D(2023, 7, 31)


def test_a_table_of_keys_and_values_that_assigns_no_task_is_no_item():
    contacts = "\n".join(
        [
            "某县督查联络表",
            "",
            "一、联络人",
            "单位\t县市政所\t联系人\t甲某",
            "电话\t1234567\t邮箱\tx@y.z",
            "二、说明",
            "按时报送。",
        ]
    )
    plan = as_txt(contacts)
    assert [item.title for item in _items(plan)] == ["联络人", "说明"]


# --- numbered 重点工作 merged down over unnumbered tasks, under category rows ----------------------------

WORK = [
    ["某区2023年重点任务分解表", "", "", "", "", ""],
    ["序号", "重点工作", "具体任务及目标", "牵头单位", "责任单位", "完成时限"],
    ["一、壮大产业", "", "", "", "", ""],
    ["1", "培育龙头企业", "扶持骨干企业扩产。新增产值20亿元。", "区经信局", "区财政局", "2023年10月底前"],
    ["", "", "引进配套项目。引进项目不少于6个。", "", "区商务局", "年底前"],
    ["2", "优化营商环境", "压缩审批时限。审批时限压缩30%。", "区政务中心", "区市场监管局", "2023年6月底前"],
    ["二、改善民生", "", "", "", "", ""],
    ["3", "办好民生实事", "新建社区食堂。新建社区食堂8个。", "区民政局", "各街道", "2023年9月底前"],
    ["", "", "改造背街小巷。改造背街小巷15条。", "区住建局", "各街道", "年底前"],
]
# Merged as an office merges them: the title and the category rows across, 序号, 重点工作 and the lead
# unit of group 1 down over its tasks.
WORK_MERGES = ["A1:F1", "A3:F3", "A4:A5", "B4:B5", "D4:D5", "A7:F7", "A8:A9", "B8:B9"]


def _work_book(rows: list[list[str]], merges: list[str]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append([int(cell) if cell.isdigit() else cell for cell in row])
    for merged in merges:
        sheet.merge_cells(merged)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


WORK_FORMS = {
    "xlsx": lambda rows: parse(read("任务.xlsx", _work_book(rows, WORK_MERGES)), YEAR),
    "paste": lambda rows: parse(read_pasted(tab_table(rows)), YEAR),
}


@pytest.mark.parametrize("form", WORK_FORMS.values(), ids=WORK_FORMS.keys())
def test_a_numbered_work_merged_down_over_its_tasks_is_a_heading_under_its_category(form):
    plan = form(WORK)
    assert [line.replace("。", "") for line in tree(plan)] == [
        "一、|壮大产业",
        "  1|培育龙头企业",
        "    |扶持骨干企业扩产",
        "    |引进配套项目",
        "  2|优化营商环境",
        "    |压缩审批时限",
        "二、|改善民生",
        "  3|办好民生实事",
        "    |新建社区食堂",
        "    |改造背街小巷",
    ]
    second = _items(plan)[1]
    assert second.fields.lead_units == ["区经信局"]
    assert second.fields.responsible_units == ["区商务局"]
    assert [(indicator.value, indicator.unit) for indicator in second.indicators] == [(6, "个")]


def test_a_column_of_tasks_and_targets_beside_the_task_column_it_does_not_group_stays_the_target():
    rows = [
        ["序号", "重点工作", "任务及目标", "责任单位", "完成时限"],
        ["1", "培育龙头企业", "新增产值20亿元", "区经信局", "2023年10月底前"],
        ["2", "优化营商环境", "审批时限压缩30%", "区政务中心", "2023年6月底前"],
    ]
    plan = parse(read_pasted(tab_table(rows)), YEAR)
    assert tree(plan) == ["1|培育龙头企业", "2|优化营商环境"]
    assert [(indicator.value, indicator.unit) for indicator in _items(plan)[0].indicators] == [(20, "亿元")]


# --- such a group going on over a PDF's page ------------------------------------------------------------

GROUP_HEADER = ["序号", "重点工作", "具体任务及目标", "牵头单位", "责任单位", "完成时限"]


def test_a_group_merged_down_over_the_page_gives_its_next_row_whole_not_glued_to_the_last():
    # On the new page the cells merged down over the group (序号, 重点工作, the lead unit) go on blank.
    rows = _over_pages(
        [
            GROUP_HEADER,
            ["1", "培育龙头企业", "扶持骨干企业扩产。新增产值20亿元。", "区经信局", "区财政局", "2023年10月底前"],
            ["1", "培育龙头企业", "引进配套项目。引进项目不少于6个。", "区经信局", "区商务局", "年底前"],
        ],
        [
            GROUP_HEADER,
            ["", "", "建设产业园区。建成标准厂房5万平方米。", "", "区住建局", "2023年9月底前"],
            ["2", "优化营商环境", "压缩审批时限。审批时限压缩30%。", "区政务中心", "区市场监管局", "2023年6月底前"],
        ],
    )
    assert rows[3] == [
        "1",
        "培育龙头企业",
        "建设产业园区。建成标准厂房5万平方米。",
        "区经信局",
        "区住建局",
        "2023年9月底前",
    ]
    assert [row[0] for row in rows[1:]] == ["1", "1", "1", "2"]


def test_a_row_cut_in_its_long_cell_by_the_page_is_still_joined_inside_a_group():
    rows = _over_pages(
        [
            GROUP_HEADER,
            ["1", "培育龙头企业", "扶持骨干企业扩产。新增产值20亿元。", "区经信局", "区财政局", "2023年10月底前"],
            ["1", "培育龙头企业", "引进配套项目。引进项目", "区经信局", "区商务局", "年底前"],
        ],
        [GROUP_HEADER, ["", "", "不少于6个。", "", "", ""]],
    )
    assert rows[1:] == [
        ["1", "培育龙头企业", "扶持骨干企业扩产。新增产值20亿元。", "区经信局", "区财政局", "2023年10月底前"],
        ["1", "培育龙头企业", "引进配套项目。引进项目不少于6个。", "区经信局", "区商务局", "年底前"],
    ]


@pytest.mark.parametrize(
    ("above", "below", "found"),
    [
        ("覆盖率达到", "85%。", ["覆盖率达到85%。"]),
        ("助餐点覆盖率", "≥80%。", ["助餐点覆盖率≥80%。"]),
        ("完成改造任务。", "2024年起转入常态管护。", ["完成改造任务。", "2024年起转入常态管护。"]),
    ],
)
def test_a_number_that_did_not_fit_the_rest_of_a_cells_line_goes_on_with_it(above, below, found):
    # 10 pt characters in a cell 100 pt wide: the line above ends 2.5 characters short of its edge.
    lines = [TextLine(above, 0, 75, 0, 10), TextLine(below, 0, 10 * len(below), 14, 24)]
    assert paragraphs(lines, Frame(0, 100)) == found


def test_a_row_the_page_cut_in_every_cell_is_still_joined():
    rows = _over_pages(
        [
            GROUP_HEADER,
            ["1", "培育龙头企业", "扶持骨干企业扩产。新增产值20亿元。", "区经信局", "区财政局", "2023年10月底前"],
            ["2", "优化营商环境", "压缩审批时限。审批", "区政务", "区市场", "2023年6"],
        ],
        [GROUP_HEADER, ["", "", "时限压缩30%。", "中心", "监管局", "月底前"]],
    )
    assert rows[2] == [
        "2",
        "优化营商环境",
        "压缩审批时限。审批时限压缩30%。",
        "区政务中心",
        "区市场监管局",
        "2023年6月底前",
    ]


def test_a_unit_whose_name_holds_one_is_still_a_unit():
    first_page, second_page = SCANNED_FORMS
    rows = [[*row[:3], "县一中"] if row[0] == "承办单位" else row for row in second_page]
    _first, second = _scanned_forms([first_page, rows])
    assert second.fields.cooperating_units == ["县一中"]
