"""扣分制 with a floor, 黄牌 (a deduction with a veto's effect), and the total read by category (分类小计).

The scheme of scenario.py: 依法全面履行政府职能 12 points, 其他工作 88; 0.5 per started week late; each
item worth 10 and due 2020-06-30 unless said otherwise. By hand:

- 甲社区 carries both categories: 第1项 (依法…) done 12 days late, 9 of 10 → 12 × 9/10 = 10.8 (loses
  1.2); 第2项 (其他工作, due at the year's end) not done, at 50 % → 5 of 10 → 88 × 5/10 = 44 (loses 44).
  扣分制: 100 − 1.2 − 44 = 54.8, as 加分制 (it carries everything). A criticism −2 → 52.8: under a
  floor of 60, 60.
- 乙社区 carries 依法… only: 第3项 done 12 days late → 10.8 of 12. 扣分制: 100 − 1.2 = 98.8 (其他工作,
  with nothing to score for it, loses nothing); 加分制: 10.8 × 100/12 = 90.
"""

import datetime
import io
from decimal import Decimal as D

import openpyxl
import pytest

from assessment.compute import compute, publish
from assessment.explain import explain_people, explain_unit, explain_units, subtotals_of
from assessment.models import (
    EventResult,
    EventRule,
    PersonResult,
    RewardProposal,
    RewardRule,
    Scheme,
    SchemeIndicator,
    UnitResult,
)
from responsibility.models import Category, ResponsibilityItem
from tests.assessment.pages import aurl, browsers_for, form_data
from tests.assessment.scenario import event, finish, item_for, report, rule, scheme_for, unit_with_official
from tests.assessment.test_scheme_xlsx import GOOD, problems, reported, upload, workbook
from tests.browser import messages, plain_text, row_texts

pytestmark = pytest.mark.django_db
YEAR_END = datetime.date(2020, 12, 31)


def day(month: int, d: int) -> datetime.date:
    return datetime.date(2020, month, d)


def in_other_category(item) -> None:
    ResponsibilityItem.objects.filter(pk=item.pk).update(category=Category.objects.get(plan=item.plan, name="其他工作"))


def two_units(cast, **scheme_kwargs):
    """The module's two units and their items (see the docstring); 甲 has a criticism of 2."""
    scheme = scheme_for(cast, **scheme_kwargs)
    first, first_post = unit_with_official(cast, "甲社区", 10)
    second, second_post = unit_with_official(cast, "乙社区", 11)
    finish(item_for(cast, first, first_post, title="第一项", number="1."), day(7, 12))
    behind = item_for(cast, first, first_post, title="第二项", number="2.", deadline=YEAR_END)
    in_other_category(behind)
    report(behind, 50, day(5, 1), first_post.holder)
    finish(item_for(cast, second, second_post, title="第三项", number="3."), day(7, 12))
    criticism = rule(scheme, EventRule.Kind.DEDUCTION, "通报批评", 2)
    event(scheme, criticism, day(8, 1), cast.assessor, unit=first)
    return scheme, (first, first_post), (second, second_post)


def unit_row(assessment, unit) -> UnitResult:
    return UnitResult.objects.get(assessment=assessment, unit=unit)


def official_row(assessment, post) -> PersonResult:
    return PersonResult.objects.get(assessment=assessment, post=post, role=PersonResult.Role.OFFICIAL)


# --- 扣分制 -------------------------------------------------------------------------------------------------


def test_deductive_takes_what_each_carried_category_lost_from_the_full_score(cast):
    scheme, (first, first_post), (second, second_post) = two_units(cast, method=Scheme.Method.DEDUCTIVE)
    assessment = compute(scheme, as_of=YEAR_END)
    a, b = unit_row(assessment, first), unit_row(assessment, second)
    assert (a.base, a.deduction, a.total, a.floored) == (D("54.8"), D(2), D("52.8"), False)
    # 其他工作 has nothing to score for 乙社区: it loses nothing there (加分制 would rescale 10.8 to 90).
    assert (b.base, b.total, b.floored) == (D("98.8"), D("98.8"), False)
    # The officials carry the same items: the same bases (the unit's criticism is the unit's alone).
    assert (official_row(assessment, first_post).base, official_row(assessment, second_post).base) == (
        D("54.8"),
        D("98.8"),
    )


def test_additive_stays_as_it_was_and_ignores_the_floor(cast):
    scheme, (first, _post), (second, _post2) = two_units(cast, floor=D(60))
    assessment = compute(scheme, as_of=YEAR_END)
    a, b = unit_row(assessment, first), unit_row(assessment, second)
    assert (a.base, a.total, a.floored) == (D("54.8"), D("52.8"), False)
    assert (b.base, b.total) == (D(90), D(90))
    page = plain_text(browsers_for(cast)["committee"].get(aurl("scheme", scheme.pk)))
    assert "最低分加分制下不适用（填写的 60 分不起作用，总分不低于 0 分）" in page


def test_under_deductive_a_total_below_the_floor_counts_as_the_floor_for_units_and_people(cast):
    scheme, (first, first_post), (second, _post) = two_units(cast, method=Scheme.Method.DEDUCTIVE, floor=D(60))
    warning = rule(scheme, EventRule.Kind.DEDUCTION, "个人问责", 10)
    event(scheme, warning, day(9, 1), cast.assessor, person=first_post.holder)
    assessment = compute(scheme, as_of=YEAR_END)
    a = unit_row(assessment, first)
    assert (a.base, a.deduction, a.total, a.floored) == (D("54.8"), D(2), D(60), True)
    assert (unit_row(assessment, second).total, unit_row(assessment, second).floored) == (D("98.8"), False)
    official = official_row(assessment, first_post)
    assert (official.base, official.deduction, official.total, official.floored) == (D("54.8"), D(10), D(60), True)
    page = plain_text(browsers_for(cast)["committee"].get(aurl("scheme", scheme.pk)))
    assert "计分方式扣分制：从满分扣减" in page and "最低分总分不低于 60 分" in page


def test_under_deductive_a_category_with_nothing_to_score_loses_nothing(cast):
    """依法… is all 考核组评定 (12 points, not yet scored for the unit) and the unit's item in it has no
    points of its own: it weighs 0, so the category has nothing to score for the unit."""
    scheme = scheme_for(cast, method=Scheme.Method.DEDUCTIVE)
    category = scheme.categories.get(order=1)
    SchemeIndicator.objects.create(category=category, name="工作质量", points=D(12), method="assessed")
    unit, post = unit_with_official(cast, "甲社区", 10)
    finish(item_for(cast, unit, post, points=D(0)), day(6, 1))
    assessment = compute(scheme, as_of=YEAR_END)
    assert unit_row(assessment, unit).base == D(100)
    Scheme.objects.filter(pk=scheme.pk).update(method=Scheme.Method.ADDITIVE)
    scheme.refresh_from_db()
    assert unit_row(compute(scheme, as_of=YEAR_END), unit).base == D(0)  # 加分制: 0 of what it carries


def test_deductive_explains_the_base_as_lost_and_the_floor(cast):
    scheme, (first, _post), (second, _post2) = two_units(cast, method=Scheme.Method.DEDUCTIVE, floor=D(60))
    assessment = compute(scheme, as_of=YEAR_END)
    explanation = explain_unit(assessment, unit_row(assessment, first))
    assert explanation.base.text == "满分 100，各类别共失 45.2 分，事项得分 54.8"
    assert [c.line.text for c in explanation.categories] == [
        "依法全面履行政府职能（12分）：应得 10，实得 9 → 10.8，失 1.2 分",
        "其他工作（88分）：应得 10，实得 5 → 44.0，失 44 分",
    ]
    assert explanation.total.text == "总分：54.8 + 0 − 2 = 60.0（按最低分 60 计）"
    assert explanation.subtotals.apart[-1].text == "按最低分 60 计"
    assert explanation.subtotals.apart[-1].points == D("7.2")
    other = explain_unit(assessment, unit_row(assessment, second))
    assert other.base.text == "满分 100，各类别共失 1.2 分，事项得分 98.8"
    assert [b.line.text for b in other.subtotals.categories] == [
        "依法全面履行政府职能（12分）：应得 10，实得 9 → 10.8，失 1.2 分",
        "其他工作（88分）：无计分事项，不扣分",
    ]
    assert other.total.text == "总分：98.8 + 0 − 0 = 98.8"


# --- 黄牌 ------------------------------------------------------------------------------------------------------


def units_at(cast, scheme, percents: list[int]):
    """Units whose one item (10 points, due at the year's end) earns ``percent`` % of 12 → that base."""
    units = []
    for n, percent in enumerate(percents):
        unit, post = unit_with_official(cast, f"单位{n}", 20 + n)
        item = item_for(cast, unit, post, title=f"事项{n}", deadline=YEAR_END)
        report(item, percent, day(5, 1), cast.official)
        units.append(unit)
    return units


def yellow_card(scheme, **kw) -> EventRule:
    kw.setdefault("veto", EventRule.Veto.NO_TOP)
    return rule(scheme, EventRule.Kind.DEDUCTION, "黄牌警告", D("0.5"), **kw)


def test_a_yellow_card_deducts_its_points_and_bars_the_top_grade(cast):
    scheme = scheme_for(cast, excellent_quota=100)
    carded, free = units_at(cast, scheme, [100, 95])
    event(scheme, yellow_card(scheme), day(3, 1), cast.assessor, unit=carded)
    assessment = compute(scheme, as_of=YEAR_END)
    row = unit_row(assessment, carded)
    assert (row.deduction, row.total, row.veto, row.grade) == (D("0.5"), D("99.5"), "no_top", "良好")
    assert unit_row(assessment, free).grade == "优秀"  # 95, nothing against it
    explanation = explain_unit(assessment, row)
    assert [e.line.text for e in explanation.events] == ["−0.5：2020年3月1日 黄牌警告，并不得评为优秀"]
    assert explanation.grade[0].text == "黄牌警告（不得评为优秀），评为良好"


def test_a_yellow_card_past_its_cap_deducts_nothing_more_but_still_bars_the_top_grade(cast):
    scheme = scheme_for(cast, excellent_quota=100)
    (carded,) = units_at(cast, scheme, [100])
    card = yellow_card(scheme, cap=D("0.5"))
    event(scheme, card, day(3, 1), cast.assessor, unit=carded)
    event(scheme, card, day(4, 1), cast.assessor, unit=carded)
    assessment = compute(scheme, as_of=YEAR_END)
    applied = list(EventResult.objects.filter(assessment=assessment).values_list("applied", "limited_by"))
    assert applied == [(D("-0.5"), ""), (D(0), "rule_cap")]
    row = unit_row(assessment, carded)
    assert (row.deduction, row.veto, row.grade) == (D("0.5"), "no_top", "良好")


@pytest.mark.parametrize("card_first", [True, False])
def test_a_failing_veto_outweighs_a_yellow_card_in_either_order(cast, card_first):
    scheme = scheme_for(cast, excellent_quota=100)
    (unit,) = units_at(cast, scheme, [100])
    fail = rule(scheme, EventRule.Kind.VETO, "重大安全事故", veto=EventRule.Veto.FAIL)
    card, veto = (day(3, 1), day(4, 1)) if card_first else (day(4, 1), day(3, 1))
    event(scheme, yellow_card(scheme), card, cast.assessor, unit=unit)
    event(scheme, fail, veto, cast.assessor, unit=unit)
    row = unit_row(compute(scheme, as_of=YEAR_END), unit)
    assert (row.deduction, row.veto, row.grade) == (D("0.5"), "fail", "不合格")


def test_a_deduction_that_fails_the_unit_outweighs_a_later_no_top_veto(cast):
    scheme = scheme_for(cast, excellent_quota=100)
    (unit,) = units_at(cast, scheme, [100])
    no_top = rule(scheme, EventRule.Kind.VETO, "信访积案", veto=EventRule.Veto.NO_TOP)
    event(scheme, yellow_card(scheme, veto=EventRule.Veto.FAIL), day(3, 1), cast.assessor, unit=unit)
    event(scheme, no_top, day(4, 1), cast.assessor, unit=unit)
    assessment = compute(scheme, as_of=YEAR_END)
    row = unit_row(assessment, unit)
    assert (row.total, row.veto, row.grade) == (D("99.5"), "fail", "不合格")
    assert explain_unit(assessment, row).grade[0].text == "黄牌警告（定为最低等次），评为不合格"


def test_a_plain_deduction_bars_nothing(cast):
    scheme = scheme_for(cast, excellent_quota=100)
    (unit,) = units_at(cast, scheme, [100])
    event(scheme, rule(scheme, EventRule.Kind.DEDUCTION, "通报批评", D("0.5")), day(3, 1), cast.assessor, unit=unit)
    row = unit_row(compute(scheme, as_of=YEAR_END), unit)
    assert (row.total, row.veto, row.grade) == (D("99.5"), "", "优秀")


def test_a_yellow_card_on_a_person_and_the_reward_it_triggers(cast):
    scheme = scheme_for(cast, excellent_quota=100)
    (unit,) = units_at(cast, scheme, [100])
    card = yellow_card(scheme)
    RewardRule.objects.create(scheme=scheme, event_rule=card, action=RewardRule.Action.TALK)
    RewardRule.objects.create(
        scheme=scheme, subject=RewardRule.Subject.PERSON, event_rule=card, action=RewardRule.Action.CRITICISM
    )
    post = unit.posts.get()
    event(scheme, card, day(3, 1), cast.assessor, unit=unit, person=post.holder)
    assessment = compute(scheme, as_of=YEAR_END)
    official = official_row(assessment, post)
    assert (official.deduction, official.veto, official.grade) == (D("0.5"), "no_top", "良好")
    publish(assessment, user=cast.committee)
    proposals = set(RewardProposal.objects.filter(assessment=assessment).values_list("action", "unit", "person"))
    assert proposals == {("talk", unit.pk, None), ("criticism", None, post.holder_id)}


def test_the_events_page_says_a_yellow_card_deducts_and_bars(cast):
    scheme = scheme_for(cast)
    event(scheme, yellow_card(scheme), day(3, 1), cast.assessor, unit=cast.justice)
    event(scheme, rule(scheme, EventRule.Kind.DEDUCTION, "通报批评", 2), day(3, 2), cast.assessor, unit=cast.justice)
    rows = row_texts(browsers_for(cast)["office"].get(aurl("events", scheme.pk)))
    assert "扣 0.5 分，并不得评为优秀" in rows[1] and "黄牌警告" in rows[1]
    assert " −2 " in rows[0] and "并" not in rows[0]


def test_the_editor_takes_a_deduction_with_a_veto_and_refuses_a_bonus_with_one(cast):
    scheme = scheme_for(cast)
    office = browsers_for(cast)["office"]
    data = form_data(office.get(aurl("scheme", scheme.pk)))
    card = {"rules-0-kind": "deduction", "rules-0-name": "黄牌警告", "rules-0-points": "0.5", "rules-0-cap": "0"}
    page = office.submit(aurl("scheme", scheme.pk), {**data, **card, "rules-0-veto": "no_top"}, follow=True)
    assert any("已保存" in m for m in messages(page))
    saved = scheme.event_rules.get()
    assert (saved.kind, saved.points, saved.veto) == ("deduction", D("0.5"), "no_top")
    data = form_data(office.get(aurl("scheme", scheme.pk)))
    data.update({"rules-1-kind": "bonus", "rules-1-name": "表扬", "rules-1-points": "1", "rules-1-cap": "0"})
    page = office.submit(aurl("scheme", scheme.pk), {**data, "rules-1-veto": "no_top"})
    assert "加分项不能有否决效果。" in plain_text(page)
    assert scheme.event_rules.count() == 1


CATEGORIES = [["类别", "类别分值"], ["依法全面履行政府职能", 12], ["其他工作", 88]]


def test_the_workbook_takes_a_deduction_with_a_veto_and_gives_it_back(cast):
    scheme = scheme_for(cast)
    office = browsers_for(cast)["office"]
    rows = [*GOOD["加减分"], ["扣分", "黄牌警告", "", 0.5, 0, "", "不得评为最高等次"]]
    page = upload(office, scheme, workbook({"考核细则": CATEGORIES, "加减分": rows}))
    assert any("已导入" in m for m in messages(page)), plain_text(page)[:2000]
    card = scheme.event_rules.get(name="黄牌警告")
    assert (card.kind, card.points, card.veto) == ("deduction", D("0.5"), "no_top")
    exported = office.get(aurl("scheme_export", scheme.pk))
    again = upload(office, scheme, exported.content)
    assert any("已导入" in m for m in messages(again))
    assert scheme.event_rules.get(name="黄牌警告").veto == "no_top"
    bonus = ["加分", "表扬", "", 1, 0, "", "定为最低等次"]
    bad = upload(office, scheme, workbook({"考核细则": CATEGORIES, "加减分": [*GOOD["加减分"], bonus]}))
    assert reported(bad, "加减分", 5, "加分项不能有否决效果"), problems(bad)


def test_the_workbook_reads_the_method_by_its_name(cast):
    scheme = scheme_for(cast)
    settings = [["项目", "内容"], ["计分方式", "扣分制"], ["最低分", 60]]
    page = upload(browsers_for(cast)["office"], scheme, workbook({"基本设置": settings, "考核细则": CATEGORIES}))
    assert any("已导入" in m for m in messages(page)), plain_text(page)[:2000]
    scheme.refresh_from_db()
    assert (scheme.method, scheme.floor) == ("deductive", D(60))


# --- 分类小计 ----------------------------------------------------------------------------------------------------


def assert_lines_add_up(explanation) -> None:
    lines = explanation.subtotals.lines()
    assert sum(line.points for line in lines) == explanation.subject.total, [(x.text, x.points) for x in lines]


def subtotal_year(cast, **scheme_kwargs):
    """two_units, with a criticism tied to 依法… (capped by its 12 points), one tied to an indicator of
    其他工作 only (counted in 其他工作), a praise tied to nothing, and a third unit whose deductions take
    it below 0."""
    scheme, first, second = two_units(cast, **scheme_kwargs)
    own, other = scheme.categories.order_by("order")
    indicator = SchemeIndicator.objects.create(category=other, name="安全生产", points=D(3))
    tied = rule(scheme, EventRule.Kind.DEDUCTION, "类别通报", 5, category=own)
    by_indicator = rule(scheme, EventRule.Kind.DEDUCTION, "指标通报", 2, indicator=indicator)
    praise = rule(scheme, EventRule.Kind.BONUS, "通报表扬", 1)
    for month in (3, 4, 5):
        event(scheme, tied, day(month, 1), cast.assessor, unit=second[0])  # 5 + 5 + 2 (its cap: 12)
    event(scheme, by_indicator, day(6, 1), cast.assessor, unit=first[0])
    event(scheme, praise, day(6, 2), cast.assessor, unit=second[0])
    third, third_post = unit_with_official(cast, "丙社区", 12)
    item = item_for(cast, third, third_post, title="第四项", number="4.", deadline=YEAR_END)
    report(item, 10, day(5, 1), third_post.holder)  # 1 of 10 → 1.2 of 12
    heavy = rule(scheme, EventRule.Kind.DEDUCTION, "问责", 80)
    event(scheme, heavy, day(7, 1), cast.assessor, unit=third)
    return scheme, own, other, (first, second, (third, third_post))


@pytest.mark.parametrize("method", Scheme.Method.values)
def test_the_subtotal_lines_add_up_to_every_total(cast, method):
    scheme, own, other, units = subtotal_year(cast, method=method, floor=D(60))
    assessment = compute(scheme, as_of=YEAR_END)
    results = UnitResult.objects.filter(assessment=assessment).select_related("unit")
    explanations = explain_units(assessment, results)
    assert len(explanations) == 3
    for explanation in explanations:
        assert_lines_add_up(explanation)
    people = PersonResult.objects.filter(assessment=assessment).select_related("post__unit", "person")
    for explanation in explain_people(assessment, people):
        assert_lines_add_up(explanation)
    by_name = {e.name: e for e in explanations}
    second = by_name["乙社区"].subtotals
    # Capped at the category's 12 points, the three criticisms count in the category they are tied to.
    assert [line.points for line in second.categories[0].tied] == [D(-5), D(-5), D(-2)]
    assert second.of(own.pk) == D("-1.2")  # 10.8 − 12
    third = by_name["丙社区"]
    if method == Scheme.Method.DEDUCTIVE:
        assert third.subject.floored and third.subtotals.apart[-1].text == "按最低分 60 计"
        assert second.of(other.pk) == D(88)  # not carried: loses nothing
    else:
        assert third.subject.total == D(0) and third.subtotals.apart[-1].text == "总分不低于 0 分"
        assert second.of(other.pk) is None  # not carried: not counted


@pytest.mark.parametrize("method", Scheme.Method.values)
def test_the_ranking_sums_what_the_breakdown_says(cast, method):
    """The ranking's 分类小计 (``subtotals_of``: points, no sentences) are those of every breakdown's
    category lines, carried or not, with what is tied to them."""
    scheme, own, other, units = subtotal_year(cast, method=method, floor=D(60))
    assessment = compute(scheme, as_of=YEAR_END)
    results = list(UnitResult.objects.filter(assessment=assessment).select_related("unit"))
    categories = subtotals_of(assessment, results)
    for result, explanation in zip(results, explain_units(assessment, results), strict=True):
        blocks = explanation.subtotals.categories
        assert [b.own for b in blocks] == [b.line.points for b in blocks]
        assert [b.points for b in blocks] == [b.subtotal.points for b in blocks]
        by_category = {b.category.pk: b.subtotal.points for b in blocks}
        assert result.subtotals == [by_category.get(c.pk) for c in categories]
        assert result.rest == sum((line.points for line in explanation.subtotals.apart), D(0)).quantize(D("0.01"))


def test_a_deduction_tied_to_no_category_is_counted_in_none_and_one_by_indicator_in_its_category(cast):
    scheme, own, other, ((first, _post), _second, _third) = subtotal_year(cast, method=Scheme.Method.DEDUCTIVE)
    assessment = compute(scheme, as_of=YEAR_END)
    subtotals = explain_unit(assessment, unit_row(assessment, first)).subtotals
    by_category = {block.category.name: [line.text for line in block.tied] for block in subtotals.categories}
    # The criticism of 甲社区 has no category: apart; the indicator's is in 其他工作, though its rule names no category.
    assert by_category == {"依法全面履行政府职能": [], "其他工作": ["−2：2020年6月1日 指标通报"]}
    assert [line.text for line in subtotals.apart] == ["−2：2020年8月1日 通报批评"]
    assert subtotals.of(other.pk) == D(42)  # 44 − 2


def test_the_pages_show_the_subtotals_that_add_up(cast):
    scheme, own, other, (_first, (second, _post), _third) = subtotal_year(cast, method=Scheme.Method.DEDUCTIVE)
    assessment = compute(scheme, as_of=YEAR_END)
    office = browsers_for(cast)["office"]
    page = plain_text(office.get(aurl("unit_result", assessment.pk, second.pk)))
    for line in ("依法全面履行政府职能小计", "其他工作（88分）：无计分事项，不扣分", "+1：2020年6月2日 通报表扬"):
        assert line in page
    ranking = row_texts(office.get(aurl("result", assessment.pk)))
    # 乙社区: 98.8 base − 12 tied to 依法… + 1 apart = 87.8: 依法… −1.2, 其他工作 88, apart +1.
    assert "乙社区 1 98.80 1.00 12.00 -1.20 88.00 1.00 87.80" in " ".join(ranking)


def test_the_export_carries_the_subtotal_columns_and_lines(cast):
    scheme, own, other, (_first, (second, _post), _third) = subtotal_year(cast, method=Scheme.Method.DEDUCTIVE)
    assessment = compute(scheme, as_of=YEAR_END)
    response = browsers_for(cast)["office"].get(aurl("export", assessment.pk))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book["单位排名"]
    header = [cell.value for cell in sheet[2]]
    assert header[-3:] == ["依法全面履行政府职能小计", "其他工作小计", "另列"]
    rows = {row[2]: row for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert rows["乙社区"][-3:] == (-1.2, 88, 1)
    for row in rows.values():  # the subtotals and what is apart add up to the total (column 8)
        assert round(sum(value or 0 for value in row[-3:]), 2) == row[7]
    lines = [r for r in book["得分明细"].iter_rows(min_row=3, values_only=True) if r[:2] == ("乙社区", "分类小计")]
    assert round(sum(r[5] for r in lines), 2) == rows["乙社区"][7] == 87.8
