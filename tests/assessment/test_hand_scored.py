"""The hand-scored year (``hand_scored.py``): a complete 100-point scheme configured through its
workbook alone, scores entered on the scoring page by the office and by the 评分责任单位, events
recorded on the event page, and ``manage.py score_year --json`` giving what was worked out by hand."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from assessment.explain import explain_units
from assessment.models import Assessment, EventRule, Scheme, SchemeIndicator, UnitResult
from responsibility.models import Assignment, Category, Post, ResponsibilityItem, Unit
from tests.assessment import hand_scored as hand
from tests.assessment.pages import aurl, form_data
from tests.assessment.scenario import finish, item_for, report, split
from tests.browser import Browser, messages, plain_text
from tests.cast import person

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook() -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in hand.SHEETS.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append([None if cell == "" else cell for cell in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def units_of(cast) -> dict[str, tuple[Unit, Post]]:
    """The six units with an official each; 党政办 is the street's own office, which also scores 信息报送."""
    found = {}
    for order, (name, (kind, _items)) in enumerate(hand.UNITS.items(), start=40):
        unit = Unit.objects.filter(name=name, parent=cast.street).first()
        if unit is None:
            unit = Unit.objects.create(name=name, parent=cast.street, kind=kind, order=order)
        holder = person(f"hand{order}", f"{name}责任人")
        found[name] = (unit, Post.objects.create(unit=unit, title="责任人", role=Post.Role.OFFICIAL, holder=holder))
    return found


def items_of(cast, units) -> None:
    own = Category.objects.create(plan=cast.plan, name="个性指标", order=5)
    for n, (name, (_kind, items)) in enumerate(hand.UNITS.items()):
        unit, post = units[name]
        for m, (title, claimed, returns, percent) in enumerate(items):
            item = item_for(cast, title=f"{name}{title}事项", number=f"{n * 2 + m + 10}.")
            ResponsibilityItem.objects.filter(pk=item.pk).update(category=own, points=Decimal(30))
            (part,) = split(item, (unit, post, Assignment.Role.LEAD), deadline=hand.DUE)
            if claimed:
                finish(item, claimed, returns=returns, assignment=part)
            else:
                report(item, percent, hand.DUE.replace(month=9), post.holder, assignment=part)


def enter_scores(scheme, units, office: Browser) -> None:
    indicators = {i.name: i for i in SchemeIndicator.objects.filter(category__scheme=scheme)}

    def row(indicator: str, unit: str, **fields) -> dict:
        prefix = f"s{indicators[indicator].pk}-{units[unit][0].pk}"
        return {f"{prefix}-{name}": value for name, value in fields.items()}

    def save(browser: Browser, data: dict) -> None:
        shown = form_data(browser.get(aurl("assessed", scheme.pk)))
        page = browser.submit(aurl("assessed", scheme.pk), {**shown, **data}, follow=True)
        assert any("已保存评分" in m for m in messages(page)), messages(page)

    typed = {}
    for name in hand.UNITS:
        typed.update(row("组织领导", name, points=hand.ASSESSED[name], reason="考核组评定"))
        typed.update(row("满意度测评", name, value=hand.SATISFACTION[name], reason="满意度测评"))
    save(office, typed)
    # 信息报送 is 党政办's to score: its member enters every unit's number.
    sent = {}
    for name in hand.UNITS:
        sent.update(row("信息报送", name, value=hand.REPORTS_SENT[name], reason="按实际报送篇数"))
    save(Browser(units["党政办"][1].holder), sent)


def record_events(scheme, units, office: Browser) -> None:
    rules = {(r.name, r.get_level_display() if r.level else ""): r for r in EventRule.objects.filter(scheme=scheme)}
    for unit, name, level, day, quantity, amount in hand.EVENTS:
        data = {
            "rule": rules[(name, level)].pk,
            "unit": units[unit][0].pk,
            "occurred_on": day.isoformat(),
            "quantity": quantity,
            "amount": amount or "",
            "description": f"{unit}{name}",
            "evidence": SimpleUploadedFile(f"{unit}{name}.pdf", b"%PDF-1.4\n", content_type="application/pdf"),
        }
        page = office.submit(aurl("event_new", scheme.pk), data, follow=True)
        assert any("已登记" in m for m in messages(page)), (page.status_code, plain_text(page)[:1500])


@pytest.fixture
def year(cast):
    # The plan's year first (its units and items), then the scheme: created bare, configured by its workbook.
    units = units_of(cast)
    items_of(cast, units)
    office = Browser(cast.roles["office"])
    scheme = Scheme.objects.create(organisation=cast.street, year=2020, title="待导入")
    upload = SimpleUploadedFile("2020年度考核细则.xlsx", workbook(), content_type=XLSX)
    page = office.submit(aurl("scheme_import", scheme.pk), {"file": upload}, follow=True)
    assert any("已导入" in m for m in messages(page)), page.content.decode()[:3000]
    enter_scores(scheme, units, office)
    record_events(scheme, units, office)
    return scheme, units


def score_year() -> dict:
    out = io.StringIO()
    call_command("score_year", "--org", "回兴街道", "--year", "2020", "--json", stdout=out)
    return json.loads(out.getvalue())


def test_score_year_gives_the_hand_scores_and_grades_of_every_unit(year):
    summary = score_year()
    rows = {row["unit"]: row for row in summary["units"]}
    assert set(rows) == set(hand.EXPECTED)
    for name, (common, own, base, bonus, deduction, total, group, grade, rank) in hand.EXPECTED.items():
        row = rows[name]
        got = (row["base"], row["bonus"], row["deduction"], row["total"], row["group"], row["grade"], row["rank"])
        assert got == (float(base), float(bonus), float(deduction), float(total), group, grade, rank), name
        categories = {c["category"]: c["points"] for c in row["categories"]}
        assert categories == {"共性指标": float(common), "个性指标": float(own)}, name


def test_the_breakdown_lines_add_up_to_the_totals_and_the_category_subtotals(year):
    score_year()
    assessment = Assessment.objects.get(scheme=year[0])
    results = UnitResult.objects.filter(assessment=assessment).select_related("unit")
    for explanation in explain_units(assessment, results):
        name = explanation.subject.unit.name
        subtotals = explanation.subtotals
        lines = subtotals.lines()
        assert sum(line.points for line in lines) == explanation.subject.total, name
        common, own, apart = hand.SUBTOTALS[name]
        assert [block.subtotal.points for block in subtotals.categories] == [common, own], name
        assert sum(line.points for line in subtotals.apart) == apart, name
