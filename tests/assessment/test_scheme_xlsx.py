"""考核细则 as .xlsx: the template, importing a good and a bad workbook, and export → import changing nothing."""

import datetime
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessment.models import EventRule, GradeBand, RewardRule, Scheme, SchemeCategory, SchemeIndicator
from assessment.scheme_xlsx import export_scheme
from responsibility.models import Category, ResponsibilityItem
from tests.assessment.pages import aurl, browsers_for, form_data
from tests.assessment.scenario import event, rule, scheme_for
from tests.browser import messages, plain_text, text

D = Decimal
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def browsers(cast):
    return browsers_for(cast)


def workbook(sheets: dict[str, list[list]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(browser, scheme, data: bytes, name="考核细则.xlsx"):
    file = SimpleUploadedFile(name, data, content_type=XLSX)
    return browser.submit(aurl("scheme_import", scheme.pk), {"file": file}, follow=True)


def problems(page) -> list[tuple[str, str, str]]:
    """The import page's problems: (sheet, row, message)."""
    table = re.search(r'<table class="list problems">.*?<tbody>(.*?)</tbody>', text(page), re.S)
    assert table, "no problems on the page"
    return [
        tuple(re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S))
        for row in re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S)
    ]


def reported(page, sheet: str, row: int, words: str) -> bool:
    return any(s == sheet and r == str(row) and words in m for s, r, m in problems(page))


def open_book(response) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(response.content))


def snapshot(scheme: Scheme) -> dict:
    """Everything the workbook carries, by value."""
    scheme = Scheme.objects.get(pk=scheme.pk)
    categories = [
        (
            c.name,
            c.points,
            c.plan_category_id,
            [
                (i.name, i.points, i.criteria, sorted(i.items.values_list("pk", flat=True)), *counting(i))
                for i in c.indicators.all()
            ],
        )
        for c in scheme.categories.order_by("order", "id")
    ]
    settings = [getattr(scheme, f) for f in ("title", "plan_id", "closes_on", "full_score", "not_done", "late_points")]
    settings += [getattr(scheme, f) for f in ("late_period", "late_cap", "return_points", "return_cap")]
    settings += [scheme.cooperation_points]
    settings += [getattr(scheme, f) for f in ("indicator_share", "bonus_cap", "excellent_quota", "tie_break")]
    return {
        "settings": settings,
        "categories": categories,
        "grades": sorted(scheme.grade_bands.values_list("name", "min_score")),
        "rules": sorted(
            (r.kind, r.name, r.level, r.points, r.cap, r.category.name if r.category else "", r.veto)
            for r in scheme.event_rules.select_related("category")
        ),
        "rewards": sorted(
            (r.subject, r.grade, str(r.event_rule or ""), r.action, r.factor) for r in scheme.reward_rules.all()
        ),
    }


def counting(indicator: SchemeIndicator) -> tuple:
    """The method and a ratio or per-count indicator's rule, with whom it applies to."""
    named = sorted(indicator.units.values_list("name", flat=True))
    rule = (indicator.source, indicator.target, indicator.step, indicator.floor, indicator.scorer_id)
    return (indicator.method, *rule, indicator.applies_to, indicator.unit_kind, named)


@pytest.fixture
def items(cast):
    """Three items of the cast's category under a heading, so that numbers repeat: 一、1. and 二、1."""
    first = ResponsibilityItem.objects.create(plan=cast.plan, number="一、", title="制度建设", is_heading=True)
    second = ResponsibilityItem.objects.create(
        plan=cast.plan, number="二、", title="法律服务", is_heading=True, order=2
    )
    a = cast.item("完善内部制度建设", number="1.", parent=first)
    b = cast.item("健全法律顾问制度", number="2.", parent=first)
    c = cast.item("开展法律咨询", number="1.", parent=second)
    return a, b, c


GOOD = {
    "考核细则": [
        ["类别", "类别分值", "考核指标", "指标分值", "评分标准", "对应事项编号"],
        ["依法全面履行政府职能", 12, "制度建设", 7, "按时完成得满分", "一、1.\n健全法律顾问制度"],
        ["", "", "法律服务", 5, "按季度通报", "二、1."],
        ["其他工作", 88, "", "", "", ""],
    ],
    "等次": [["等次", "最低分"], ["优秀", 90], ["合格", 60], ["不合格", 0]],
    "加减分": [
        ["类型", "名称", "级别", "每次分值", "累计上限", "所属类别", "否决效果"],
        ["加分", "通报表扬", "市级", 1, 3, "", ""],
        ["扣分", "通报批评", "", 2, 0, "依法全面履行政府职能", ""],
        ["一票否决", "重大事故", "", "", "", "", "定为最低等次"],
    ],
    "奖惩": [
        ["对象", "等次", "加减分规则", "奖惩措施", "奖金系数"],
        ["单位", "优秀", "", "绩效奖金系数", 1.2],
        ["单位", "", "通报批评", "约谈", ""],
    ],
}


def empty_scheme(cast) -> Scheme:
    Category.objects.create(plan=cast.plan, name="其他工作", order=2)
    return Scheme.objects.create(organisation=cast.street, year=2020, title="2020年度考核细则")


# --- the template -------------------------------------------------------------------------------------


def test_the_template_has_every_sheet_with_its_columns_and_the_instructions(cast, browsers):
    response = browsers["office"].get(aurl("scheme_template"))
    assert response["Content-Type"].startswith(XLSX)
    book = open_book(response)
    assert book.sheetnames == ["基本设置", "考核细则", "考核分组", "等次", "加减分", "奖惩", "填写说明"]
    header = [cell.value for cell in book["考核细则"][1]]
    assert header == [
        "类别",
        "类别分值",
        "考核指标",
        "指标分值",
        "评分标准",
        "对应事项编号",
        "对应清单类别",
        "评分方式",
        "适用单位",
        "数据来源",
        "目标值",
        "每次扣分",
        "最低得分",
        "评分责任单位",
    ]
    explained = {
        row[1]: row[2] for row in book["填写说明"].iter_rows(min_row=2, values_only=True) if row[0] == "考核细则"
    }
    # The same words as the scheme page's (each field's help text): one text per rule, not two that drift.
    page = plain_text(browsers["office"].get(aurl("scheme", scheme_for(cast).pk)))
    for column, field in [
        ("评分方式", "method"),
        ("适用单位", "applies_to"),
        ("数据来源", "source"),
        ("目标值", "target"),
        ("每次扣分", "step"),
        ("最低得分", "floor"),
        ("评分责任单位", "scorer"),
    ]:
        words = str(SchemeIndicator._meta.get_field(field).help_text)
        assert explained[column].startswith(words), column
        assert words in page, column
    assert [row for row in book["等次"].iter_rows(min_row=2, values_only=True)] == [
        ("优秀", 90, None),
        ("良好", 80, None),
        ("合格", 60, None),
        ("不合格", 0, None),
    ]
    assert [cell.value for cell in book["考核分组"][1]] == ["分组", "单位类型", "指定单位", "优秀比例上限（%）"]
    assert [cell.value for cell in book["等次"][1]] == ["等次", "最低分", "分组"]


def test_the_template_filled_in_imports(cast, browsers, items):
    scheme = empty_scheme(cast)
    book = open_book(browsers["office"].get(aurl("scheme_template")))
    book["考核细则"].append(["依法全面履行政府职能", 100, "制度建设", 100, "", "一、1."])
    out = io.BytesIO()
    book.save(out)
    page = upload(browsers["office"], scheme, out.getvalue())
    assert any("已导入" in m for m in messages(page)), plain_text(page)[:2000]
    assert scheme.categories.get().indicators.get().items.get() == items[0]
    assert scheme.grade_bands.count() == 4


# --- a good workbook -------------------------------------------------------------------------------------


def test_a_good_workbook_makes_the_whole_scheme(cast, browsers, items):
    scheme = empty_scheme(cast)
    first, second, third = items
    page = upload(browsers["assessor"], scheme, workbook(GOOD))

    assert page.redirect_chain[-1] == (aurl("scheme", scheme.pk), 302)
    assert any(
        "已导入：类别 2 个、考核指标 2 个、等次 3 个、加减分规则 3 条、奖惩规则 2 条" in m for m in messages(page)
    )
    own, other = scheme.categories.order_by("order")
    assert (own.name, own.points, other.name, other.points) == ("依法全面履行政府职能", D(12), "其他工作", D(88))
    building, service = own.indicators.order_by("order")
    assert (building.name, building.points, building.criteria) == ("制度建设", D(7), "按时完成得满分")
    assert set(building.items.all()) == {first, second}
    assert (service.criteria, list(service.items.all())) == ("按季度通报", [third])
    assert not other.indicators.exists()
    praise, criticism, veto = (scheme.event_rules.get(name=n) for n in ("通报表扬", "通报批评", "重大事故"))
    assert (praise.kind, praise.level, praise.points, praise.cap) == ("bonus", "city", D(1), D(3))
    assert (criticism.kind, criticism.category) == ("deduction", own)
    assert (veto.kind, veto.veto) == ("veto", "fail")
    factor, talk = scheme.reward_rules.order_by("id")
    assert (factor.grade, factor.action, factor.factor) == ("优秀", "bonus_factor", D("1.2"))
    assert (talk.event_rule, talk.action) == (criticism, "talk")


def test_importing_keeps_the_rows_events_point_at(cast, browsers, items):
    scheme = empty_scheme(cast)
    upload(browsers["office"], scheme, workbook(GOOD))
    criticism = scheme.event_rules.get(name="通报批评")
    event(scheme, criticism, datetime.date(2020, 4, 1), cast.assessor, unit=cast.justice)
    changed = {**GOOD, "加减分": [*GOOD["加减分"][:2], ["扣分", "通报批评", "", 3, 9, "", ""], GOOD["加减分"][3]]}
    upload(browsers["office"], scheme, workbook(changed))
    criticism.refresh_from_db()
    assert (criticism.points, criticism.cap, criticism.category) == (D(3), D(9), None)
    assert criticism.events.count() == 1


# --- a bad workbook ------------------------------------------------------------------------------------------


def test_bad_rows_are_reported_with_sheet_and_row_and_nothing_is_saved(cast, browsers, items):
    scheme = scheme_for(cast)
    before = snapshot(scheme)
    bad = {
        **GOOD,
        "考核细则": [
            *GOOD["考核细则"][:3],
            ["其他工作", "八十八", "", "", "", ""],
            ["依法全面履行政府职能", 12, "普法", 2, "", "1."],
        ],
        "加减分": [*GOOD["加减分"], ["一票否决", "拒不整改", "", "", "", "", ""]],
    }
    page = upload(browsers["office"], scheme, workbook(bad))

    assert page.status_code == 200
    assert reported(page, "考核细则", 4, "“类别分值”填写有误（八十八）"), problems(page)
    assert reported(page, "考核细则", 5, "“1.”对应 2 个事项"), problems(page)
    assert reported(page, "加减分", 5, "一票否决项须选择否决效果"), problems(page)
    assert len(problems(page)) == 3
    assert "未导入任何内容" in plain_text(page)
    assert snapshot(scheme) == before


def test_an_unknown_item_a_stray_column_and_a_missing_sheet_are_reported(cast, browsers, items):
    scheme = empty_scheme(cast)
    rows = [["类别", "类别分值", "考核指标", "对应事项编号", "说明"], ["依法全面履行政府职能", 12, "指标", "9."]]
    page = upload(browsers["office"], scheme, workbook({"考核细则": rows}))
    assert reported(page, "考核细则", 1, "无法识别的列“说明”"), problems(page)
    assert reported(page, "考核细则", 2, "找不到事项“9.”"), problems(page)
    assert not scheme.categories.exists()

    page = upload(browsers["office"], scheme, workbook({"等次": GOOD["等次"]}))
    assert "缺少“考核细则”工作表" in plain_text(page)
    assert not scheme.grade_bands.exists()


def test_an_item_of_another_category_is_refused(cast, browsers, items):
    scheme = empty_scheme(cast)
    elsewhere = cast.item("其他事项", number="9.")
    ResponsibilityItem.objects.filter(pk=elsewhere.pk).update(category=Category.objects.get(name="其他工作"))
    rows = [["类别", "类别分值", "考核指标", "对应事项编号"], ["依法全面履行政府职能", 12, "指标", "9."]]
    page = upload(browsers["office"], scheme, workbook({"考核细则": rows}))
    assert reported(page, "考核细则", 2, "不属于类别“依法全面履行政府职能”"), problems(page)
    assert not scheme.categories.exists()


def test_a_rule_that_has_events_is_not_removed_by_an_import(cast, browsers, items):
    scheme = scheme_for(cast)
    criticism = rule(scheme, EventRule.Kind.DEDUCTION, "通报批评", 2)
    event(scheme, criticism, datetime.date(2020, 4, 1), cast.assessor, unit=cast.justice)
    before = snapshot(scheme)
    page = upload(
        browsers["office"], scheme, workbook({**GOOD, "加减分": GOOD["加减分"][:2], "奖惩": GOOD["奖惩"][:2]})
    )
    assert [(sheet, message[:11]) for sheet, _row, message in problems(page)] == [("加减分", "表格中没有“通报批评”")]
    assert snapshot(scheme) == before


def test_a_file_that_is_not_a_workbook_is_refused(cast, browsers):
    scheme = scheme_for(cast)
    page = upload(browsers["office"], scheme, "一、制度建设".encode(), name="细则.txt")
    assert "请上传 Excel 工作簿" in plain_text(page)
    page = upload(browsers["office"], scheme, b"PK\x03\x04broken", name="细则.xlsx")
    assert "已损坏" in plain_text(page)


# --- round trip ------------------------------------------------------------------------------------------------


def full_scheme(cast, items) -> Scheme:
    scheme = scheme_for(
        cast,
        bonus_cap=D("2.5"),
        cooperation_points=D("0.5"),
        excellent_quota=15,
        tie_break=Scheme.TieBreak.DEDUCTIONS,
    )
    scheme.plan, scheme.closes_on = cast.plan, datetime.date(2021, 1, 15)
    scheme.save()
    own = scheme.categories.get(order=1)
    own.plan_category = cast.category
    own.save()
    building = SchemeIndicator.objects.create(category=own, name="制度建设", points=D("7.5"), criteria="多行\n标准")
    building.items.set(items[:2])
    formula = SchemeIndicator.objects.create(category=own, name="=SUM(A1:A3)", points=D("4.5"), order=2)
    formula.items.set(items[2:])
    other = scheme.categories.get(order=2)
    Method, Source = SchemeIndicator.Method, SchemeIndicator.Source
    SchemeIndicator.objects.create(
        category=other,
        name="事项完成率",
        points=D(8),
        method=Method.RATIO,
        source=Source.DONE_PERCENT,
        target=D("90.5"),
        scorer=cast.office_unit,
    )
    SchemeIndicator.objects.create(
        category=other, name="逾期扣分", points=D(5), method=Method.PER_COUNT, source=Source.LATE_ITEMS, step=D("0.5")
    )
    SchemeIndicator.objects.create(
        category=other,
        name="进度报送",
        points=D(3),
        method=Method.PER_COUNT,
        source=Source.MISSED_REPORTS,  # 每少报一次扣0.5分，扣完为止
        step=D("0.5"),
        order=4,
    )
    SchemeIndicator.objects.create(
        category=other,
        name="信息报送",
        points=D(3),
        method=Method.PER_COUNT,
        source=Source.ENTERED,
        step=D(1),
        floor=D("0.5"),
        scorer=cast.justice,
        applies_to=SchemeIndicator.AppliesTo.KIND,
        unit_kind="community",
        order=3,
    )
    praise = rule(scheme, EventRule.Kind.BONUS, "通报表扬", "0.5", level=EventRule.Level.PROVINCIAL, cap=D(2))
    rule(scheme, EventRule.Kind.DEDUCTION, "约谈", 1, category=own)
    rule(scheme, EventRule.Kind.VETO, "约谈", 0, veto=EventRule.Veto.NO_TOP)
    RewardRule.objects.create(scheme=scheme, event_rule=praise, action=RewardRule.Action.COMMENDATION)
    RewardRule.objects.create(scheme=scheme, grade="不合格", subject="person", action=RewardRule.Action.TALK)
    return scheme


def test_export_then_import_changes_nothing(cast, browsers, items):
    scheme = full_scheme(cast, items)
    before = snapshot(scheme)
    ids = (
        sorted(SchemeCategory.objects.values_list("pk", flat=True)),
        sorted(EventRule.objects.values_list("pk", flat=True)),
    )
    exported = browsers["committee"].get(aurl("scheme_export", scheme.pk))
    assert exported["Content-Type"].startswith(XLSX)

    page = upload(browsers["office"], scheme, exported.content)

    assert any("已导入" in m for m in messages(page)), plain_text(page)[:2000]
    assert snapshot(scheme) == before
    assert (
        sorted(SchemeCategory.objects.values_list("pk", flat=True)),
        sorted(EventRule.objects.values_list("pk", flat=True)),
    ) == ids


def test_the_export_imported_into_an_empty_scheme_gives_the_same_scheme(cast, browsers, items):
    scheme = full_scheme(cast, items)
    before, data = snapshot(scheme), export_scheme(scheme)
    scheme.delete()
    copy = Scheme.objects.create(organisation=cast.street, year=2020, title="空")
    page = upload(browsers["office"], copy, data)
    assert any("已导入" in m for m in messages(page)), plain_text(page)[:2000]
    assert snapshot(copy) == before


def test_formula_looking_text_is_exported_as_text(cast, items):
    scheme = full_scheme(cast, items)
    book = openpyxl.load_workbook(io.BytesIO(export_scheme(scheme)))
    cells = [cell for row in book["考核细则"].iter_rows() for cell in row if cell.value == "=SUM(A1:A3)"]
    assert cells and all(cell.data_type == "s" and cell.quotePrefix for cell in cells)


def test_items_are_written_by_the_shortest_name_that_finds_them(cast, items):
    scheme = full_scheme(cast, items)
    book = openpyxl.load_workbook(io.BytesIO(export_scheme(scheme)))
    written = [row[5] for row in book["考核细则"].iter_rows(min_row=2, values_only=True) if row[2] and row[5]]
    assert written == ["一、1.\n一、2.", "二、1."]
    assert GradeBand.objects.filter(scheme=scheme).count() == 4


# --- the closing day ---------------------------------------------------------------------------------------


def closing_day_row(book: openpyxl.Workbook):
    return next(row for row in book["基本设置"].iter_rows(min_row=2) if row[0].value == "计分截止日期")


def settings_book(day) -> bytes:
    """A good workbook whose 基本设置 sheet has only the closing day."""
    return workbook({"基本设置": [["项目", "内容"], ["名称", "2020年度考核细则"], ["计分截止日期", day]], **GOOD})


def test_the_template_shows_the_closing_day_empty_with_a_hint(cast, browsers):
    book = open_book(browsers["office"].get(aurl("scheme_template")))
    label, value = closing_day_row(book)
    assert value.value is None
    assert "留空则为当年12月31日" in value.comment.text and "2020-12-31" in value.comment.text
    assert value.number_format == "yyyy-mm-dd"
    help_rows = list(book["填写说明"].iter_rows(min_row=2, values_only=True))
    assert any(row[:2] == ("基本设置", "计分截止日期") and "2020年12月31日" in row[2] for row in help_rows)


def test_the_export_writes_the_closing_day_as_a_date_cell_and_reads_it_back(cast, browsers, items):
    scheme = full_scheme(cast, items)
    book = openpyxl.load_workbook(io.BytesIO(export_scheme(scheme)))
    label, value = closing_day_row(book)
    assert value.is_date and value.value == datetime.datetime(2021, 1, 15)
    value.value = datetime.date(2020, 12, 20)  # the office moves it in Excel
    out = io.BytesIO()
    book.save(out)

    page = upload(browsers["office"], scheme, out.getvalue())

    assert any("已导入" in m for m in messages(page)), plain_text(page)[:2000]
    scheme.refresh_from_db()
    assert scheme.closes_on == datetime.date(2020, 12, 20)
    assert scheme.reckoning_day() == datetime.date(2020, 12, 20)


@pytest.mark.parametrize(
    "day",
    ["2020-12-31", "2020年12月31日", "2020/12/31", " 2020 年 12 月 31 日 ", "２０２０／１２／３１", "2020-12-31 "],
)
def test_the_closing_day_may_be_written_as_text(cast, browsers, items, day):
    scheme = empty_scheme(cast)
    page = upload(browsers["office"], scheme, settings_book(day))
    assert any("已导入" in m for m in messages(page)), plain_text(page)[:2000]
    scheme.refresh_from_db()
    assert scheme.closes_on == datetime.date(2020, 12, 31)


def test_a_closing_day_after_the_year_is_taken_as_the_scheme_page_takes_it(cast, browsers, items):
    scheme = empty_scheme(cast)
    upload(browsers["office"], scheme, settings_book("2021-1-5"))
    scheme.refresh_from_db()
    assert scheme.closes_on == datetime.date(2021, 1, 5)


@pytest.mark.parametrize(
    ("day", "words"),
    [
        ("2020-02-30", "“计分截止日期”填写有误（2020-02-30）：不是有效的日期"),
        ("2020-13-01", "“计分截止日期”填写有误（2020-13-01）：不是有效的日期"),
        ("年底", "“计分截止日期”填写有误（年底）：请写成日期"),
        ("2020-12/31", "“计分截止日期”填写有误（2020-12/31）：请写成日期"),
        (44196, "“计分截止日期”填写有误（44196）：请写成日期"),
    ],
)
def test_a_bad_closing_day_is_reported_with_its_row_and_nothing_is_saved(cast, browsers, items, day, words):
    scheme = scheme_for(cast, closes_on=datetime.date(2020, 12, 20))
    before = snapshot(scheme)
    page = upload(browsers["office"], scheme, settings_book(day))
    assert page.status_code == 200
    assert reported(page, "基本设置", 3, words), problems(page)
    assert len(problems(page)) == 1
    assert "未导入任何内容" in plain_text(page)
    assert snapshot(scheme) == before


def test_an_empty_closing_day_clears_it_as_the_scheme_page_does_and_a_missing_row_keeps_it(cast, browsers, items):
    scheme = scheme_for(cast, closes_on=datetime.date(2020, 12, 20))
    page = upload(browsers["office"], scheme, workbook({"基本设置": [["项目", "内容"], ["满分", 100]], **GOOD}))
    assert any("已导入" in m for m in messages(page)), plain_text(page)[:2000]
    scheme.refresh_from_db()
    assert scheme.closes_on == datetime.date(2020, 12, 20)

    page = upload(browsers["office"], scheme, settings_book(None))
    assert any("已导入" in m for m in messages(page)), plain_text(page)[:2000]
    scheme.refresh_from_db()
    assert scheme.closes_on is None
    assert scheme.reckoning_day() == datetime.date(2020, 12, 31)

    # The scheme page does the same with its emptied field.
    Scheme.objects.filter(pk=scheme.pk).update(closes_on=datetime.date(2020, 12, 20))
    data = form_data(browsers["office"].get(aurl("scheme", scheme.pk)))
    browsers["office"].submit(aurl("scheme", scheme.pk), {**data, "scheme-closes_on": ""})
    scheme.refresh_from_db()
    assert scheme.closes_on is None


@pytest.mark.parametrize(("written", "level"), [("县级", "county"), ("乡镇级", "township"), ("街道级", "subdistrict")])
def test_the_local_levels_are_read_from_the_workbook(cast, browsers, items, written, level):
    scheme = empty_scheme(cast)
    rules = [GOOD["加减分"][0], ["加分", "通报表扬", written, 1, 3, "", ""], *GOOD["加减分"][2:]]
    sheets = {**GOOD, "加减分": rules}
    upload(browsers["assessor"], scheme, workbook(sheets))
    assert scheme.event_rules.get(name="通报表扬").level == level


def test_an_assessed_indicator_comes_and_goes_through_the_workbook(cast, browsers, items):
    from assessment.models import SchemeIndicator

    scheme = empty_scheme(cast)
    rules = [
        [*GOOD["考核细则"][0], "评分方式"],
        [*GOOD["考核细则"][1], ""],
        ["", "", "工作质量", 0, "考核组0–5分评定", "", "考核组评定"],
        *GOOD["考核细则"][2:],
    ]
    upload(browsers["assessor"], scheme, workbook({**GOOD, "考核细则": rules}))
    quality = SchemeIndicator.objects.get(category__scheme=scheme, name="工作质量")
    assert quality.method == SchemeIndicator.Method.ASSESSED
    exported = browsers["assessor"].get(aurl("scheme_export", scheme.pk))
    SchemeIndicator.objects.filter(pk=quality.pk).update(method=SchemeIndicator.Method.ITEMS)
    upload(browsers["assessor"], scheme, exported.content)  # the export says 考核组评定 and brings it back
    quality.refresh_from_db()
    assert quality.method == SchemeIndicator.Method.ASSESSED


def test_an_assessed_indicator_with_items_is_refused_with_its_row(cast, browsers, items):
    scheme = empty_scheme(cast)
    rules = [[*GOOD["考核细则"][0], "评分方式"], [*GOOD["考核细则"][1], "考核组评定"], *GOOD["考核细则"][2:]]
    page = upload(browsers["assessor"], scheme, workbook({**GOOD, "考核细则": rules}))
    assert any("考核组评定的指标不对应事项" in message for _sheet, _row, message in problems(page))
    assert not scheme.categories.exists()


def test_a_rules_ratio_is_read_and_a_bad_one_reported_with_its_row(cast, browsers, items):
    scheme = empty_scheme(cast)
    header = [*GOOD["加减分"][0], "折算比例（%）"]
    good = {**GOOD, "加减分": [header, [*GOOD["加减分"][1], 50], *GOOD["加减分"][2:]]}
    upload(browsers["assessor"], scheme, workbook(good))
    assert scheme.event_rules.get(name="通报表扬").ratio == 50
    assert scheme.event_rules.get(name="通报批评").ratio == 100  # left empty: as the points say
    bad = {**GOOD, "加减分": [header, [*GOOD["加减分"][1], "一半"], *GOOD["加减分"][2:]]}
    page = upload(browsers["assessor"], scheme, workbook(bad))
    assert [(sheet, row) for sheet, row, _m in problems(page)] == [("加减分", "2")]
    assert scheme.event_rules.get(name="通报表扬").ratio == 50  # nothing saved


def test_an_assessed_indicators_units_come_and_go_through_the_workbook(cast, browsers, items):
    from assessment.models import SchemeIndicator

    scheme = empty_scheme(cast)
    head = [*GOOD["考核细则"][0], "评分方式", "适用单位"]
    rows = [
        head,
        [*GOOD["考核细则"][1], "", ""],
        ["", "", "社区工作", 0, "", "", "考核组评定", "社区"],
        ["", "", "法律服务质量", 0, "", "", "考核组评定", "司法所、兴科社区"],
        *GOOD["考核细则"][2:],
    ]
    upload(browsers["assessor"], scheme, workbook({**GOOD, "考核细则": rows}))
    community = SchemeIndicator.objects.get(category__scheme=scheme, name="社区工作")
    named = SchemeIndicator.objects.get(category__scheme=scheme, name="法律服务质量")
    assert (community.applies_to, community.unit_kind) == ("kind", "community")
    assert (named.applies_to, {u.name for u in named.units.all()}) == ("named", {"司法所", "兴科社区"})
    exported = browsers["assessor"].get(aurl("scheme_export", scheme.pk)).content
    named.units.clear()
    upload(browsers["assessor"], scheme, exported)
    assert {u.name for u in named.units.all()} == {"司法所", "兴科社区"}

    bad_row = ["", "", "X", 0, "", "", "考核组评定", "外单位"]
    bad = [head, [*GOOD["考核细则"][1], "", ""], bad_row, *GOOD["考核细则"][2:]]
    page = upload(browsers["assessor"], scheme, workbook({**GOOD, "考核细则": bad}))
    assert any("“外单位”不是本单位的单位或单位类型" in m for _s, _r, m in problems(page))


def test_a_deduction_under_an_indicator_comes_and_goes_through_the_workbook(cast, browsers, items):
    scheme = empty_scheme(cast)
    header = [*GOOD["加减分"][0], "折算比例（%）", "取最高分组", "所属指标"]
    criticism = ["扣分", "通报批评", "", 2, 0, "依法全面履行政府职能", "", "", "", "制度建设"]
    good = {**GOOD, "加减分": [header, [*GOOD["加减分"][1], "", "", ""], criticism, [*GOOD["加减分"][3], "", "", ""]]}
    upload(browsers["assessor"], scheme, workbook(good))
    rule = scheme.event_rules.get(name="通报批评")
    assert rule.indicator.name == "制度建设"
    exported = browsers["assessor"].get(aurl("scheme_export", scheme.pk)).content
    type(rule).objects.filter(pk=rule.pk).update(indicator=None)
    upload(browsers["assessor"], scheme, exported)
    rule.refresh_from_db()
    assert rule.indicator.name == "制度建设"

    wrong = [*criticism[:-1], "法律服务X"]
    bad = {**GOOD, "加减分": [header, [*GOOD["加减分"][1], "", "", ""], wrong, [*GOOD["加减分"][3], "", "", ""]]}
    page = upload(browsers["assessor"], scheme, workbook(bad))
    assert any("没有“法律服务X”" in m for _s, _r, m in problems(page))


# --- ratio and per-count indicators ------------------------------------------------------------------------------

COUNT_HEAD = [
    *GOOD["考核细则"][0],
    "对应清单类别",
    "评分方式",
    "适用单位",
    "数据来源",
    "目标值",
    "每次扣分",
    "最低得分",
]
COUNT_HEAD.append("评分责任单位")


def rules_with(*indicator_rows) -> dict:
    """GOOD with the indicator rows (考核指标 onwards) added under 其他工作."""
    rows = [COUNT_HEAD, *GOOD["考核细则"][1:]]
    rows += [["", "", *row] for row in indicator_rows]
    return {**GOOD, "考核细则": rows}


def test_counted_indicators_come_in_with_their_rule_and_an_old_workbook_leaves_none(cast, browsers, items):
    scheme = empty_scheme(cast)
    book = rules_with(
        ["完成率", 8, "", "", "", "按完成比例得分", "", "事项完成率（%）", "", "", "", "党政办"],
        ["逾期", 5, "", "", "", "按次扣分", "社区", "逾期事项数", "", "0.5", 1, ""],
        ["报送", 3, "", "", "", "按完成比例得分", "", "评分单位填报", "100%", "", "", "司法所"],
    )
    page = upload(browsers["office"], scheme, workbook(book))
    assert any("已导入" in m for m in messages(page)), plain_text(page)[:2000]
    rate, late, entered = (
        SchemeIndicator.objects.get(category__scheme=scheme, name=n) for n in ("完成率", "逾期", "报送")
    )
    assert (rate.method, rate.source, rate.target, rate.scorer) == ("ratio", "done_percent", None, cast.office_unit)
    assert (late.method, late.source, late.step, late.floor, late.unit_kind) == (
        "count",
        "late_items",
        D("0.5"),
        1,
        "community",
    )
    assert (entered.source, entered.target, entered.scorer) == ("entered", D(100), cast.justice)
    assert rate.category.name == "其他工作"

    upload(browsers["office"], scheme, workbook(GOOD))  # no rule columns: the indicators of GOOD, rule-less
    for indicator in SchemeIndicator.objects.filter(category__scheme=scheme):
        assert (indicator.method, indicator.source, indicator.target, indicator.step, indicator.floor) == (
            "items",
            "",
            None,
            0,
            0,
        )


def test_counted_indicators_survive_export_then_import(cast, browsers, items):
    scheme = full_scheme(cast, items)
    before = snapshot(scheme)
    exported = browsers["office"].get(aurl("scheme_export", scheme.pk)).content
    SchemeIndicator.objects.filter(category__scheme=scheme, method__in=["ratio", "count"]).update(
        target=None, step=D(7), floor=0, scorer=None
    )
    page = upload(browsers["office"], scheme, exported)
    assert any("已导入" in m for m in messages(page)), plain_text(page)[:2000]
    assert snapshot(scheme) == before
    sheet = openpyxl.load_workbook(io.BytesIO(exported))["考核细则"]
    header = [cell.value for cell in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[2] == "事项完成率")
    written = dict(zip(header, row, strict=False))
    assert (written["数据来源"], written["目标值"], written["评分责任单位"]) == ("事项完成率（%）", 90.5, "党政办")
    assert (written["每次扣分"], written["最低得分"]) == (0, 0)


def test_bad_rule_cells_are_reported_by_row_and_nothing_is_saved(cast, browsers, items):
    from responsibility.models import Unit

    Unit.objects.create(name="外区司法局", kind=Unit.Kind.ORGANISATION)
    scheme = scheme_for(cast)
    before = snapshot(scheme)
    book = rules_with(
        ["无来源", 2, "", "", "", "按次扣分", "", "", "", 1, "", ""],  # row 5
        ["无目标", 2, "", "", "", "按完成比例得分", "", "逾期事项数", "", "", "", ""],  # row 6
        ["多余", 2, "", "", "", "", "", "", "", "0.5", "", ""],  # row 7: 按事项计分 with a step
        ["最低过高", 2, "", "", "", "按次扣分", "", "退回整改次数", "", 1, 3, ""],  # row 8
        ["外单位评分", 2, "", "", "", "按次扣分", "", "退回整改次数", "", 1, "", "外区司法局"],  # row 9
        ["坏数", 2, "", "", "", "按完成比例得分", "", "会办次数", "十", "", "", ""],  # row 10
        ["无步长", 2, "", "", "", "按次扣分", "", "评分单位填报", "", "", "", ""],  # row 11
    )
    page = upload(browsers["office"], scheme, workbook(book))
    assert reported(page, "考核细则", 5, "须选择数据来源"), problems(page)
    assert reported(page, "考核细则", 6, "须填写目标值"), problems(page)
    assert reported(page, "考核细则", 7, "不用“每次扣分”"), problems(page)
    assert reported(page, "考核细则", 8, "最低得分不能高于指标分值"), problems(page)
    assert reported(page, "考核细则", 9, "“外区司法局”不是本单位的单位"), problems(page)
    assert reported(page, "考核细则", 10, "“数据来源”应为"), problems(page)
    assert reported(page, "考核细则", 10, "“目标值”填写有误（十）"), problems(page)
    assert reported(page, "考核细则", 11, "须填写每次扣分"), problems(page)
    assert len(problems(page)) == 8
    assert snapshot(scheme) == before
