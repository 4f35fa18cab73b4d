"""Indicator systems, unit lists with qualifiers and numeric targets through the whole import: a
workbook or a Word table built here, or a pasted text, read, parsed and written as a draft plan."""

import io
import json
from decimal import Decimal

import docx
import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from responsibility.importing.build import build_plan
from responsibility.importing.parse import parse
from responsibility.importing.readers import read_pasted
from responsibility.importing.run import import_plan, parse_upload
from responsibility.models import PlanImport, UnitAlias
from tests.browser import Browser, plain_text

TITLE = "回兴街道2024年法治建设考核指标体系"
HEADER = ["一级指标", "二级指标", "序号", "三级指标", "分值", "评分标准", "责任单位"]
# The cells as an office fills them: the first and second levels written once per group (merged, or
# left blank below), the units with the qualifiers documents add.
ROWS = [
    ["组织保障（12分）", "领导责任", "1", "主要负责人履行推进法治建设第一责任人职责", "4", "未听取汇报扣2分", "党政办"],
    ["", "", "2", "年度述法全覆盖", "4", "每缺1人扣1分", "党政办、组织办等相关部门"],
    ["", "学法用法", "3", "领导班子集中学法不少于4次", "4", "每少1次扣1分", "各科室按职责分工负责"],
    ["矛盾化解（18分）", "诉源治理", "4", "矛盾纠纷调解成功率达到95%以上", "10", "每低1个百分点扣1分",
     "司法所、督查室，各社区按职责分工分别负责"],
    ["", "", "5", "信访积案化解率90%-95%", "8", "", "司法所牵头，兴科社区配合"],
]  # fmt: skip
# Merged ranges in Excel terms: 一级 over rows 3–5 and 6–7, 二级 over rows 3–4 and 6–7.
MERGES = ["A3:A5", "A6:A7", "B3:B4", "B6:B7"]


def workbook(rows=ROWS, merges=MERGES):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([TITLE])
    sheet.merge_cells("A1:G1")
    sheet.append(HEADER)
    for row in rows:
        sheet.append([int(cell) if cell.isdigit() else cell or None for cell in row])
    for merged in merges:
        top = sheet[merged.split(":")[0]].value
        for cell in (cell for line in sheet[merged] for cell in line):
            cell.value = None
        sheet.merge_cells(merged)
        sheet[merged.split(":")[0]].value = top
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def word_document(rows=ROWS, merges=MERGES):
    document = docx.Document()
    document.add_paragraph(TITLE)
    grid = document.add_table(rows=len(rows) + 1, cols=len(HEADER))
    for column, text in enumerate(HEADER):
        grid.cell(0, column).text = text
    for index, row in enumerate(rows, start=1):
        for column, text in enumerate(row):
            grid.cell(index, column).text = text
    for merged in merges:
        # Excel rows 3… are table rows 1…; keep the top cell's text only, as Word does.
        first, last = merged.split(":")
        column, top, bottom = ord(first[0]) - ord("A"), int(first[1:]) - 2, int(last[1:]) - 2
        text = grid.cell(top, column).text
        grid.cell(top, column).merge(grid.cell(bottom, column)).text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


FORMATS = {"指标体系.xlsx": workbook, "指标体系.docx": word_document}


def imported(cast, name, data):
    parsed = parse_upload(name, data, 2024)
    plan, summary = import_plan(parsed, cast.street, 2024)
    return plan, summary


def items(plan):
    out = []
    for item in plan.items.order_by("order"):
        out.append(
            {
                "number": item.number,
                "title": item.title,
                "heading": item.is_heading,
                "parent": item.parent.title if item.parent else None,
                "points": item.points,
                "lead": item.lead_unit.name if item.lead_unit else None,
                "responsible": sorted(unit.name for unit in item.responsible_units.all()),
                "cooperating": sorted(unit.name for unit in item.cooperating_units.all()),
                "groups": item.unit_groups,
                "unknown": item.unresolved,
                "indicators": [(i.name, i.comparator, i.target_value, i.unit) for i in item.indicators.all()],
            }
        )
    return out


def entry(title, heading=False, parent=None, points=0, lead=None, responsible=(), cooperating=(), **extra):
    return {
        "number": extra.get("number", ""),
        "title": title,
        "heading": heading,
        "parent": parent,
        "points": Decimal(points),
        "lead": lead,
        "responsible": sorted(responsible),
        "cooperating": sorted(cooperating),
        "groups": extra.get("groups", {}),
        "unknown": extra.get("unknown", {}),
        "indicators": extra.get("indicators", []),
    }


EXPECTED = [
    entry("组织保障", heading=True, points=12),
    entry("领导责任", heading=True, parent="组织保障"),
    entry("主要负责人履行推进法治建设第一责任人职责", parent="领导责任", points=4, responsible=["党政办"], number="1"),
    entry(
        "年度述法全覆盖",
        parent="领导责任",
        points=4,
        responsible=["党政办"],
        number="2",
        unknown={"responsible_units": ["组织办"]},
    ),
    entry("学法用法", heading=True, parent="组织保障"),
    entry(
        "领导班子集中学法不少于4次",
        parent="学法用法",
        points=4,
        number="3",
        groups={"responsible_units": ["各科室"]},
        indicators=[("领导班子集中学法", "gte", Decimal(4), "次")],
    ),
    entry("矛盾化解", heading=True, points=18),
    entry("诉源治理", heading=True, parent="矛盾化解"),
    entry(
        "矛盾纠纷调解成功率达到95%以上",
        parent="诉源治理",
        points=10,
        responsible=["司法所", "督查室"],
        number="4",
        groups={"responsible_units": ["各社区"]},
        indicators=[("矛盾纠纷调解成功率", "gte", Decimal(95), "%")],
    ),
    entry(
        "信访积案化解率90%-95%",
        parent="诉源治理",
        points=8,
        lead="司法所",
        cooperating=["兴科社区"],
        number="5",
        indicators=[("信访积案化解率", "gte", Decimal(90), "%")],
    ),
]


@pytest.mark.parametrize("name", FORMATS)
def test_an_indicator_system_becomes_headings_and_items(cast, name):
    plan, summary = imported(cast, name, FORMATS[name]())
    assert items(plan) == EXPECTED
    assert list(plan.categories.values_list("name", "points")) == [("组织保障", 12), ("矛盾化解", 18)]
    assert plan.title == TITLE
    assert summary["not_understood"] == []


@pytest.mark.parametrize("name", FORMATS)
def test_the_scoring_rules_stay_in_the_items_content(cast, name):
    plan, _summary = imported(cast, name, FORMATS[name]())
    assert plan.items.get(number="2").content == "评分标准：每缺1人扣1分"
    assert plan.items.get(number="5").content == ""


@pytest.mark.parametrize("name", FORMATS)
def test_a_list_with_deng_and_a_range_are_flagged_for_the_office(cast, name):
    _plan, summary = imported(cast, name, FORMATS[name]())
    messages = [warning["message"] for warning in summary["warnings"]]
    assert "“党政办、组织办等相关部门”写有“等”，可能还有未列出的单位；已按列出的单位导入，请核对。" in messages
    assert "目标“90%-95%”是一个范围，已按下限 90% 计为“不低于”，请核对。" in messages
    assert len(messages) == 2


def test_a_heading_row_merged_across_a_word_table():
    document = docx.Document()
    grid = document.add_table(rows=4, cols=4)
    for column, text in enumerate(["一级指标", "序号", "三级指标", "分值"]):
        grid.cell(0, column).text = text
    grid.cell(1, 0).merge(grid.cell(1, 3)).text = "一、依法全面履行政府职能（20分）"
    for index, cells in ((2, ["", "1", "动态调整权责清单", "10"]), (3, ["", "2", "公开政务服务事项", "10"])):
        for column, text in enumerate(cells):
            grid.cell(index, column).text = text
    out = io.BytesIO()
    document.save(out)
    plan = parse_upload("指标.docx", out.getvalue(), 2024)
    heading = plan.roots[0]
    assert (heading.number, heading.title, heading.fields.points) == ("一、", "依法全面履行政府职能", Decimal(20))
    assert [(child.number, child.title, child.fields.points) for child in heading.children] == [
        ("1", "动态调整权责清单", Decimal(10)),
        ("2", "公开政务服务事项", Decimal(10)),
    ]


def test_a_workbook_whose_levels_are_left_blank_below_reads_as_if_merged(cast):
    plan, _summary = imported(cast, "指标体系.xlsx", workbook(merges=()))
    assert items(plan) == EXPECTED


def test_an_indicator_system_without_serial_numbers_is_imported_not_refused(cast):
    rows = [[cell for index, cell in enumerate(row) if index != 2] for row in ROWS]
    book = openpyxl.Workbook()
    book.active.append([cell for index, cell in enumerate(HEADER) if index != 2])
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    plan, _summary = imported(cast, "无序号.xlsx", out.getvalue())
    titles = [(item.title, item.is_heading) for item in plan.items.order_by("order")]
    assert titles == [(row["title"], row["heading"]) for row in EXPECTED]


# --- pasted text: unit lists and targets -------------------------------------------------------------

TEXT = """回兴街道2024年重点工作任务
一、经济发展
1.稳定经济增长。地区生产总值增长5.5%左右，力争6%。
责任单位：党政办、督查室，各社区按职责分工分别负责
2.扩大有效投资。固定资产投资增长5%～6%。
责任单位：考核组等相关单位
3.培育市场主体。新增市场主体2000户。
责任单位：各科室按职责分工负责
二、民生保障
1.促进就业。新增就业1200人，城镇登记失业率控制在4.5%以内。
牵头单位：司法所；配合单位：兴科社区配合
2.老旧小区改造。完成改造15个小区。
责任单位：由党政办牵头，督查室、兴科社区具体落实
3.消防安全。消防检查不少于300家次。
（责任单位：司法所和督查室；完成时限：2024年12月底前）
4.城镇新增就业（上级下达指标）。
责任单位：司法所
"""


def text_items(cast, text=TEXT):
    plan = build_plan(parse(read_pasted(text), 2024), cast.street, 2024).plan
    return {item.title: item for item in plan.items.filter(is_heading=False)}


def test_qualifiers_after_the_units_are_not_names(cast):
    found = text_items(cast)
    growth = found["稳定经济增长"]
    assert sorted(u.name for u in growth.responsible_units.all()) == ["党政办", "督查室"]
    assert growth.unit_groups == {"responsible_units": ["各社区"]} and growth.unresolved == {}
    assert list(found["扩大有效投资"].responsible_units.all()) == [cast.assessment_unit]
    assert found["培育市场主体"].unit_groups == {"responsible_units": ["各科室"]}
    assert all(not item.unresolved for item in found.values())


def test_a_verb_after_a_unit_gives_it_its_role(cast):
    found = text_items(cast)
    jobs = found["促进就业"]
    assert (jobs.lead_unit, list(jobs.cooperating_units.all())) == (cast.justice, [cast.community])
    estates = found["老旧小区改造"]
    assert estates.lead_unit == cast.office_unit
    assert set(estates.responsible_units.all()) == {cast.inspection, cast.community}
    fire = found["消防安全"]
    assert set(fire.responsible_units.all()) == {cast.justice, cast.inspection}


def test_numeric_targets_become_indicators_with_their_comparator(cast):
    found = text_items(cast)

    def indicators(title):
        return [(i.name, i.comparator, i.target_value, i.unit) for i in found[title].indicators.all()]

    assert indicators("稳定经济增长") == [("地区生产总值增长", "gte", Decimal("5.5"), "%")]
    assert indicators("扩大有效投资") == [("固定资产投资增长", "gte", Decimal(5), "%")]
    assert indicators("培育市场主体") == [("新增市场主体", "gte", Decimal(2000), "户")]
    assert indicators("促进就业") == [
        ("新增就业", "gte", Decimal(1200), "人"),
        ("城镇登记失业率", "lte", Decimal("4.5"), "%"),
    ]
    assert indicators("老旧小区改造") == [("完成改造小区", "gte", Decimal(15), "个")]
    assert indicators("消防安全") == [("消防检查", "gte", Decimal(300), "家次")]
    assert indicators("城镇新增就业（上级下达指标）") == []


def test_the_text_of_a_target_stays_where_it_was_written(cast):
    found = text_items(cast)
    assert found["稳定经济增长"].content == "地区生产总值增长5.5%左右，力争6%。"
    assert found["城镇新增就业（上级下达指标）"].title == "城镇新增就业（上级下达指标）"


def test_a_text_file_is_read_the_same_way(cast):
    parsed = parse_upload("要点.txt", TEXT.encode("utf-8"), 2024)
    warnings = [(problem.line, problem.message) for problem in parsed.warnings]
    assert warnings == [
        (5, "“考核组等相关单位”写有“等”，可能还有未列出的单位；已按列出的单位导入，请核对。"),
        (5, "目标“5%～6%”是一个范围，已按下限 5% 计为“不低于”，请核对。"),
    ]


# --- one office, two names -------------------------------------------------------------------------------

SLASHED = "一、依法行政\n1.推行权力清单。\n责任单位：{units}\n"


def test_two_known_units_joined_by_a_slash_are_both_responsible(cast):
    item = text_items(cast, SLASHED.format(units="党政办/司法所"))["推行权力清单"]
    assert set(item.responsible_units.all()) == {cast.office_unit, cast.justice} and not item.unresolved


def test_a_slash_part_the_organisation_lacks_is_listed_on_its_own(cast):
    item = text_items(cast, SLASHED.format(units="党政办/法治办"))["推行权力清单"]
    assert list(item.responsible_units.all()) == [cast.office_unit]
    assert item.unresolved == {"responsible_units": ["法治办"]}


def test_a_slashed_name_the_organisation_knows_whole_stays_whole(cast):
    UnitAlias.objects.create(unit=cast.office_unit, name="党政办/法治办")
    item = text_items(cast, SLASHED.format(units="党政办/法治办"))["推行权力清单"]
    assert list(item.responsible_units.all()) == [cast.office_unit] and not item.unresolved


# --- through the pages -----------------------------------------------------------------------------------


def test_an_indicator_workbook_uploaded_on_the_import_page_is_reviewed(cast, django_capture_on_commit_callbacks):
    browser = Browser(cast.office)
    form = {"organisation": cast.street.pk, "year": 2024, "title": "", "text": ""}
    form["file"] = SimpleUploadedFile("指标体系.xlsx", workbook())
    with django_capture_on_commit_callbacks(execute=True):
        browser.submit(reverse("plans:import"), form)
    plan = PlanImport.objects.get().plan
    assert plan is not None and plan.items.filter(is_heading=False).count() == 5
    page = plain_text(browser.get(reverse("plans:review", args=[plan.pk])))
    assert "评分标准：每低1个百分点扣1分" in page
    assert "写有“等”，可能还有未列出的单位" in page
    assert "指标：矛盾纠纷调解成功率 ≥ 95%" in page


def test_the_summary_gives_each_entry_its_own_item_though_a_word_tables_rows_share_one_line(cast):
    document = docx.Document()
    rows = [
        ["一级指标", "三级指标", "完成时限"],
        ["平安建设", "排查矛盾纠纷", "2024年3月底前"],
        ["", "整治安全隐患", "2024年6月底前"],
        ["法治宣传", "开展宪法宣传周活动", "2024年12月4日"],
    ]
    grid = document.add_table(rows=len(rows), cols=3)
    for index, row in enumerate(rows):
        for column, text in enumerate(row):
            grid.cell(index, column).text = text
    out = io.BytesIO()
    document.save(out)
    _plan, summary = imported(cast, "无序号.docx", out.getvalue())
    assert [(entry["title"], entry["heading"], entry["deadline"]) for entry in summary["entries"]] == [
        ("平安建设", True, None),
        ("排查矛盾纠纷", False, "2024-03-31"),
        ("整治安全隐患", False, "2024-06-30"),
        ("法治宣传", True, None),
        ("开展宪法宣传周活动", False, "2024-12-04"),
    ]


def test_the_command_imports_an_indicator_workbook(cast, tmp_path):
    path = tmp_path / "指标体系.xlsx"
    path.write_bytes(workbook())
    out = io.StringIO()
    call_command("import_workplan", str(path), "--org", "回兴街道", "--year", "2024", "--json", stdout=out)
    summary = json.loads(out.getvalue())
    assert (summary["headings"], summary["items"]) == (5, 5)
    assert summary["counts_per_level"] == {"1": 2, "2": 3, "3": 5}
    first = summary["entries"][2]
    assert (first["number"], first["title"], first["responsible_units"]) == (
        "1",
        "主要负责人履行推进法治建设第一责任人职责",
        ["党政办"],
    )
    assert {"name": "组织办", "field": "responsible_units"}.items() <= summary["unresolved"][0].items()
