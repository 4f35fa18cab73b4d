"""Excel: workbooks read as tables, plans written as a responsibility list, and back again unchanged."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from responsibility.importing import xlsx
from responsibility.importing.document import ImportRejected, Table
from responsibility.importing.fields import parse_cadence
from responsibility.importing.tables import parse_table
from responsibility.models import Category, Indicator, Post, ResponsibilityItem
from responsibility.models.plan import ItemStatus, Milestone, ReportCadence, outline


def workbook_bytes(*sheets, merges=(), hidden=()):
    """A workbook with one sheet per (name, rows); ``merges`` are ranges on the first sheet."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets:
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
        if name in hidden:
            sheet.sheet_state = "hidden"
    for merged in merges:
        book.worksheets[0].merge_cells(merged)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read(*rows, merges=()):
    source = xlsx.read_workbook("清单.xlsx", workbook_bytes(("Sheet1", rows), merges=merges))
    return source.blocks[0].rows


# --- reading --------------------------------------------------------------------------------------


def test_each_visible_sheet_with_text_is_a_table_named_after_it():
    data = workbook_bytes(
        ("责任清单", [["序号", "工作任务"], [1, "普法"]]),
        ("空表", []),
        ("下拉选项", [["司法所"], ["党政办"]]),
        ("说明", [["填表说明"]]),
        hidden=("下拉选项",),
    )
    source = xlsx.read_workbook("清单.xlsx", data)
    assert source.kind == "xlsx"
    assert [(table.sheet, table.line) for table in source.blocks] == [("责任清单", 1), ("说明", 1)]
    assert source.blocks[0].rows == [["序号", "工作任务"], ["1", "普法"]]


def test_a_date_cell_reads_as_an_office_writes_a_date():
    rows = read(
        [datetime.date(2020, 12, 31), datetime.datetime(2021, 3, 5, 0, 0), datetime.datetime(2021, 3, 5, 9, 30)]
    )
    assert rows == [["2020年12月31日", "2021年3月5日", "2021年3月5日 09:30"]]


def test_numbers_read_as_excel_shows_them():
    book = openpyxl.Workbook()
    book.active.append([30.0, 2.5, 0.1 + 0.2, 7, 0.95, True])
    book.active["E1"].number_format = "0%"
    out = io.BytesIO()
    book.save(out)
    rows = xlsx.read_workbook("清单.xlsx", out.getvalue()).blocks[0].rows
    assert rows == [["30", "2.5", "0.3", "7", "95%", "TRUE"]]


def test_rows_keep_the_numbers_excel_shows_and_the_table_its_shape():
    rows = read([], ["", "序号", "工作任务"], [], ["", "1", "普法", None])
    assert rows == [["", "", ""], ["", "序号", "工作任务"], ["", "", ""], ["", "1", "普法"]]


def test_a_vertical_merge_holds_for_every_row_it_spans():
    rows = read(
        ["序号", "工作任务", "牵头单位"],
        ["1", "普法", "司法所"],
        ["2", "调解", None],
        ["3", "信访", None],
        merges=["C2:C4"],
    )
    assert [row[2] for row in rows[1:]] == ["司法所", "司法所", "司法所"]


def test_a_horizontal_merge_keeps_its_text_once_in_its_first_column():
    rows = read(["回兴街道2021年工作要点责任分解表", None, None], ["序号", "工作任务", "牵头单位"], merges=["A1:C1"])
    assert rows[0] == ["回兴街道2021年工作要点责任分解表", "", ""]


def test_a_task_merged_over_two_rows_is_one_item_with_both_rows_cells():
    rows = read(
        ["序号", "工作任务", "责任单位"],
        ["1", "开展普法", "兴科社区"],
        [None, None, "回兴社区"],
        merges=["A2:A3", "B2:B3"],
    )
    roots, not_understood, _, _ = parse_table(xlsx.Table(rows=rows, line=1), 2021)
    assert [(node.title, node.fields.responsible_units) for node in roots] == [("开展普法", ["兴科社区", "回兴社区"])]
    assert not not_understood


def test_a_large_workbook_is_streamed_and_keeps_merged_text_once(monkeypatch):
    monkeypatch.setattr(xlsx, "FULL_LOAD_LIMIT", 0)
    rows = read(["序号", "工作任务", "牵头单位"], ["1", "普法", "司法所"], ["2", "调解", None], merges=["C2:C3"])
    assert rows == [["序号", "工作任务", "牵头单位"], ["1", "普法", "司法所"], ["2", "调解", ""]]


def test_a_corrupt_workbook_is_rejected_in_chinese():
    with pytest.raises(ImportRejected) as caught:
        xlsx.read_workbook("清单.xlsx", b"PK\x03\x04 not really a workbook")
    assert caught.value.message == "文件“清单.xlsx”已损坏，无法读取（不是有效的 Excel 工作簿）。"


def test_a_sheet_with_a_title_row_parses_into_nested_items():
    rows = read(
        ["回兴街道2021年工作要点责任分解表", None, None, None],
        ["序号", "工作任务", "牵头单位", "完成时限"],
        ["一", "依法行政", None, None],
        [1, "推行权力清单", "司法所", datetime.date(2021, 6, 30)],
        merges=["A1:D1"],
    )
    roots, _, _, titles = parse_table(xlsx.Table(rows=rows, line=1), 2021)
    item = roots[0].children[0]
    assert titles == ["回兴街道2021年工作要点责任分解表"]
    assert (item.number, item.title, item.line) == ("1", "推行权力清单", 4)
    assert item.fields.deadline == datetime.date(2021, 6, 30)


# --- writing ----------------------------------------------------------------------------------------

HEADER = ["序号", "工作任务", "工作目标/指标", "牵头领导", "牵头单位", "责任单位", "配合单位", "责任人"]
HEADER += ["完成时限", "汇报频次", "分值", "当前状态", "类别", "具体内容"]


def sheet_of(data, data_only=True):
    return openpyxl.load_workbook(io.BytesIO(data), data_only=data_only).active


def item(cast, title, parent=None, order=0, **kwargs):
    return ResponsibilityItem.objects.create(plan=cast.plan, parent=parent, order=order, title=title, **kwargs)


def test_the_export_has_a_title_row_and_the_standard_header(cast):
    item(cast, "推行权力清单", number="1.")
    sheet = sheet_of(xlsx.export_plan(cast.plan))
    assert sheet["A1"].value == "回兴街道2020年法治建设工作要点"
    assert [cell.value for cell in sheet[2]] == HEADER
    assert [sheet["A3"].value, sheet["B3"].value] == ["1.", "推行权力清单"]


def test_the_export_is_laid_out_for_printing(cast):
    item(cast, "推行权力清单", number="1.")
    sheet = sheet_of(xlsx.export_plan(cast.plan))
    assert sheet.freeze_panes == "C3"
    assert sheet.print_title_rows == "$2:$2"
    assert sheet.page_setup.orientation == "landscape"
    assert "A1:N1" in {str(merged) for merged in sheet.merged_cells.ranges}
    assert sheet["B3"].alignment.wrap_text and sheet["A2"].font.b
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["A"].width


FORMULAS = ["=SUM(A1)", "+1", "-2", "@x", "=cmd|' /C calc'!A0"]


def test_formula_like_text_is_written_as_quoted_text(cast):
    for order, text in enumerate(FORMULAS):
        item(cast, text, number=f"{order + 1}.", order=order, content=text, target=text)
    sheet = sheet_of(xlsx.export_plan(cast.plan), data_only=False)
    for row, text in enumerate(FORMULAS, start=3):
        for column in ("B", "C", "N"):
            cell = sheet[f"{column}{row}"]
            assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)


def test_formula_like_text_comes_back_unchanged(cast):
    category = Category.objects.create(plan=cast.plan, name="@类别")
    for order, text in enumerate(FORMULAS):
        item(cast, text, number=f"{order + 1}.", order=order, content=text, target=text, category=category)
    source = xlsx.read_workbook("清单.xlsx", xlsx.export_plan(cast.plan))
    roots, _, _, _ = parse_table(source.blocks[0], 2020)
    assert [(n.title, "\n".join(n.content), n.fields.target, n.category) for n in roots] == [
        (text, text, text, "@类别") for text in FORMULAS
    ]


def test_an_item_without_indicators_says_so_when_its_target_names_numbers(cast):
    item(cast, "开展普法", number="1.", target="开展普法活动不少于30场次")
    sheet = sheet_of(xlsx.export_plan(cast.plan))
    assert sheet["C3"].value == "开展普法活动不少于30场次\n指标：无"


def test_the_deadline_keeps_the_plans_words_when_they_say_the_same(cast):
    same = item(cast, "甲", deadline=datetime.date(2020, 12, 31), deadline_text="2020年12月底前")
    other = item(cast, "乙", deadline=datetime.date(2020, 11, 30), deadline_text="2020年12月底前")
    two = item(cast, "丙", deadline=datetime.date(2020, 12, 31), deadline_text="6月底前完成方案，12月底前推开")
    assert xlsx.deadline_line(same, 2020) == "2020年12月底前"
    assert xlsx.deadline_line(other, 2020) == "2020年11月30日"
    assert xlsx.deadline_line(two, 2020) == "2020年12月31日"


@pytest.mark.parametrize("cadence", list(ReportCadence))
@pytest.mark.parametrize("day", [None, 25])
def test_a_cadence_cell_reads_back_as_the_cadence(cadence, day):
    expected = (cadence.value, None if cadence == ReportCadence.NONE else day)
    assert parse_cadence(xlsx.cadence_cell(cadence, day)) == expected


def _plan_with_items(cast, count):
    units = [cast.justice, cast.community]
    for number in range(1, count + 1):
        found = item(
            cast,
            f"事项{number}",
            number=f"{number}.",
            order=number,
            lead_unit=cast.justice,
            lead_leader_post=cast.posts["leader"],
            responsible_post=cast.posts["official"],
            category=cast.category,
        )
        found.responsible_units.set(units)
        found.cooperating_units.set([cast.office_unit])
        Indicator.objects.create(item=found, name="普法活动", unit="场次", target_value=Decimal(30))
        Milestone.objects.create(item=found, due=datetime.date(2020, 6, 30), title="完成初稿")


def _export_queries(plan):
    with CaptureQueriesContext(connection) as queries:
        xlsx.export_plan(plan)
    return len(queries)


def test_the_export_queries_do_not_grow_with_the_items(cast):
    _plan_with_items(cast, 20)
    twenty = _export_queries(cast.plan)
    ResponsibilityItem.objects.filter(plan=cast.plan).delete()
    _plan_with_items(cast, 40)
    assert _export_queries(cast.plan) == twenty <= 9


# --- the round trip --------------------------------------------------------------------------------------


@pytest.fixture
def full_plan(cast):
    """Every field the export writes, on headings and items of three levels."""
    plan = cast.plan
    second = Category.objects.create(plan=plan, name="完善依法行政制度体系", order=2)
    vacant = Post.objects.create(unit=cast.community, title="综治专干", role=Post.Role.OFFICIAL)
    part = item(cast, "依法全面履行政府职能", number="一、", order=1, category=cast.category)
    section = item(cast, "深化行政审批制度改革", parent=part, number="（一）", order=1, category=cast.category)
    first = item(
        cast,
        "推行权力清单制度",
        parent=section,
        number="1.",
        order=1,
        category=cast.category,
        target="全年开展普法活动不少于30场次，群众投诉率控制在0.5%以内",
        content="第一段\n\n第三段",
        lead_leader_post=cast.posts["leader"],
        lead_unit=cast.justice,
        responsible_post=cast.posts["official"],
        deadline=datetime.date(2020, 12, 31),
        deadline_text="2020年12月底前",
        report_cadence=ReportCadence.MONTHLY,
        report_day=25,
        points=Decimal("5.5"),
        status=ItemStatus.IN_PROGRESS,
    )
    first.responsible_units.set([cast.justice, cast.community])
    first.cooperating_units.set([cast.office_unit])
    Indicator.objects.create(item=first, name="普法活动", unit="场次", target_value=Decimal(30))
    Indicator.objects.create(
        item=first, name="群众投诉率", unit="%", comparator=Indicator.Comparator.AT_MOST, target_value=Decimal("0.5")
    )
    Milestone.objects.create(item=first, due=datetime.date(2020, 6, 30), title="完成初稿", expected_percent=50)
    Milestone.objects.create(item=first, due=datetime.date(2020, 9, 30), title="征求意见")
    second_item = item(
        cast,
        "公开办事指南",
        parent=section,
        number="2.",
        order=2,
        category=cast.category,
        target="开展活动不少于3次",
        responsible_post=vacant,
        ongoing=True,
        report_cadence=ReportCadence.QUARTERLY,
        points=Decimal(10),
    )
    second_item.responsible_units.set([cast.community])
    item(
        cast,
        "优化政务服务",
        parent=part,
        number="（二）",
        order=2,
        category=second,
        deadline_text="按上级要求",
        report_cadence=ReportCadence.PER_STAGE,
        report_day=10,
    )
    item(
        cast,
        "完善制度体系",
        number="二、",
        order=2,
        deadline=datetime.date(2020, 6, 30),
        report_cadence=ReportCadence.NONE,
    )
    return plan


def _expected(item):
    """What the import must say of ``item``, in the import's terms."""

    def person(post):
        return [post.holder.full_name if post.holder else post.title] if post else []

    expected = {
        "number": item.number,
        "title": item.title,
        "content": item.content,
        "target": item.target,
        "indicators": [(i.name, i.comparator, i.target_value, i.unit) for i in item.indicators.all()],
        "lead_leaders": person(item.lead_leader_post),
        "lead_units": [item.lead_unit.name] if item.lead_unit else [],
        "responsible_units": [unit.name for unit in item.responsible_units.all()],
        "cooperating_units": [unit.name for unit in item.cooperating_units.all()],
        "persons": person(item.responsible_post),
        "deadline": item.deadline,
        "ongoing": item.ongoing,
        "milestones": [(m.due, m.title, m.expected_percent) for m in item.milestones.all()],
        "points": item.points,
        "category": item.category.name if item.category else "",
    }
    if not item.is_heading:
        expected["cadence"] = (item.report_cadence, item.report_day)
    return expected


def _read_back(node):
    fields = node.fields
    percents = getattr(node, "milestone_percents", {})
    read = {
        "number": node.number,
        "title": node.title,
        "content": "\n".join(node.content),
        "target": fields.target,
        "indicators": [(i.name, i.comparator, i.value, i.unit) for i in node.indicators],
        "lead_leaders": fields.lead_leaders,
        "lead_units": fields.lead_units,
        "responsible_units": fields.responsible_units,
        "cooperating_units": fields.cooperating_units,
        "persons": fields.persons,
        "deadline": fields.deadline,
        "ongoing": fields.ongoing,
        "milestones": [(due, title, percents.get((due, title), 0)) for due, title in fields.milestones],
        "points": fields.points or Decimal(0),
        "category": node.category,
    }
    if not node.children:
        read["cadence"] = (fields.cadence, fields.report_day)
    return read


def test_a_plan_exported_and_imported_again_is_unchanged(full_plan):
    source = xlsx.read_workbook("清单.xlsx", xlsx.export_plan(full_plan))
    roots, not_understood, warnings, titles = parse_table(source.blocks[0], full_plan.year)
    assert (not_understood, warnings, titles) == ([], [], [full_plan.title])
    nodes = [node for root in roots for node, _depth in root.walk()]
    items = [row.item for row in outline(full_plan.items.all())]
    assert [node.title for node in nodes] == [item.title for item in items]
    for node, item in zip(nodes, items, strict=True):
        assert _read_back(node) == _expected(item), item.title


def test_the_round_trip_keeps_the_tree(full_plan):
    source = xlsx.read_workbook("清单.xlsx", xlsx.export_plan(full_plan))
    roots, _, _, _ = parse_table(source.blocks[0], full_plan.year)
    shape = [("  " * depth) + node.number for root in roots for node, depth in root.walk()]
    assert shape == ["一、", "  （一）", "    1.", "    2.", "  （二）", "二、"]


def test_the_export_says_where_each_item_stands_and_the_import_ignores_it(full_plan):
    data = xlsx.export_plan(full_plan)
    sheet = sheet_of(data)
    assert [sheet[f"L{row}"].value for row in range(3, 9)] == [None, None, "办理中", "草稿", "草稿", "草稿"]
    roots, _, _, _ = parse_table(xlsx.read_workbook("清单.xlsx", data).blocks[0], 2020)
    assert "当前状态：办理中" in roots[0].children[0].children[0].assignment_text


def test_the_round_trip_writes_the_agreed_cell_formats(full_plan):
    sheet = sheet_of(xlsx.export_plan(full_plan))
    assert sheet["C5"].value == (
        "全年开展普法活动不少于30场次，群众投诉率控制在0.5%以内\n指标：普法活动 ≥ 30场次\n指标：群众投诉率 ≤ 0.5%"
    )
    assert sheet["I5"].value == "2020年12月底前\n节点：2020年6月30日 完成初稿（50%）\n节点：2020年9月30日 征求意见"
    assert [sheet[f"J{row}"].value for row in range(5, 9)] == [
        "每月25日前",
        "每季度",
        "按阶段，每阶段末10日前",
        "不定期",
    ]
    assert [sheet["D5"].value, sheet["H5"].value, sheet["H6"].value] == ["张主任", "赵所长", "综治专干"]
    assert [sheet["F5"].value, sheet["K5"].value, sheet["K6"].value] == ["司法所、兴科社区", 5.5, 10]
    assert [sheet["I6"].value, sheet["I8"].value] == ["长期坚持", "2020年6月30日"]


def test_an_exported_plan_imports_through_the_whole_pipeline_unchanged(full_plan, cast):
    from responsibility.importing.run import import_plan, parse_upload

    parsed = parse_upload("清单.xlsx", xlsx.export_plan(full_plan), full_plan.year)
    copy, _summary = import_plan(parsed, cast.street, full_plan.year)
    before = [_db_row(row.item) for row in outline(full_plan.items.all())]
    after = [_db_row(row.item) for row in outline(copy.items.all())]
    diffs = [(b["title"], k, b[k], a[k]) for a, b in zip(after, before, strict=True) for k in b if a[k] != b[k]]
    assert diffs == []


def _db_row(item):
    row = _expected(item)
    row["cadence"] = (item.report_cadence, item.report_day) if not item.is_heading else None
    return row


def test_a_plan_without_items_exports_its_title_and_header(cast):
    sheet = sheet_of(xlsx.export_plan(cast.plan))
    assert [cell.value for cell in sheet[2]] == HEADER
    assert sheet.max_row == 2


def test_control_characters_excel_forbids_are_left_out(cast):
    item(cast, "推行\x0b权力\x07清单", number="1.", content="第一段\r\n第二段")
    sheet = sheet_of(xlsx.export_plan(cast.plan))
    assert (sheet["B3"].value, sheet["N3"].value) == ("推行权力清单", "第一段\n第二段")


def test_a_workbook_without_a_task_column_is_refused_naming_it():
    from openpyxl import Workbook

    from responsibility.importing.document import ImportRejected
    from responsibility.importing.run import parse_upload

    book = Workbook()
    book.active.append(["序号", "任务说明", "牵头单位"])
    book.active.append(["1", "推进依法行政", "司法所"])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(ImportRejected, match="缺少“工作任务”列"):
        parse_upload("清单.xlsx", out.getvalue(), 2021)


def test_a_category_merged_down_beside_the_tasks_heads_them():
    rows = read(
        ["序号", "重点工作", "具体任务", "牵头科室", "配合科室"],
        [1, "基层党建", "建立党员积分管理制度", "党建办", "各社区"],
        [2, None, "开展主题党日活动不少于12次", "党建办", "—"],
        [3, "城乡环境", "拆除违章建筑", "执法中队", "各村"],
        [4, None, "新建公厕2座", "城建办", "无"],
        merges=["B2:B3", "B4:B5"],
    )
    roots, not_understood, _warnings, _titles = parse_table(Table(rows=rows, line=1), 2024)
    assert not_understood == []
    assert [(node.title, [child.number + child.title for child in node.children]) for node in roots] == [
        ("基层党建", ["1建立党员积分管理制度", "2开展主题党日活动不少于12次"]),
        ("城乡环境", ["3拆除违章建筑", "4新建公厕2座"]),
    ]
    assert [child.fields.cooperating_units for node in roots for child in node.children] == [
        ["各社区"],
        [],
        ["各村"],
        [],
    ]
