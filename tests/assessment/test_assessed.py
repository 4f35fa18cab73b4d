"""考核组评定: an indicator the assessors score for each unit, with a reason, counted in its category."""

from __future__ import annotations

import datetime
from decimal import Decimal as D

import pytest

from assessment.compute import compute, insert_rows
from assessment.explain import explain_unit, unscored_assessed
from assessment.models import AssessedResult, IndicatorScore, SchemeCategory, SchemeIndicator, UnitResult
from responsibility.models import Assignment
from tests.assessment.pages import aurl
from tests.assessment.scenario import finish, item_for, scheme_for, split, unit_with_official
from tests.browser import Browser, messages, plain_text, text

YEAR_END = datetime.date(2020, 12, 31)
Role = Assignment.Role


@pytest.fixture
def scene(cast):
    """Two units, each with one done item worth its category's other 8 points; the category (12
    points) has a 工作质量 indicator of 4 points scored by the assessors."""
    scheme = scheme_for(cast)
    own = SchemeCategory.objects.get(scheme=scheme, name=cast.category.name)
    quality = SchemeIndicator.objects.create(
        category=own, name="工作质量", points=D(4), method=SchemeIndicator.Method.ASSESSED, criteria="0–4 分"
    )
    units = []
    for n in range(2):
        unit, post = unit_with_official(cast, f"{'甲乙'[n]}单位", 10 + n)
        item = item_for(cast, title=f"事项{n}", number=f"{n + 1}.")
        split(item, (unit, post, Role.LEAD))
        finish(item, claimed=datetime.date(2020, 6, 1))
        units.append(unit)
    return scheme, quality, units


def score_page(cast, scheme, data, role="assessor"):
    return Browser(cast.roles[role]).submit(aurl("assessed", scheme.pk), data, follow=True)


def test_the_assessor_scores_each_unit_with_a_reason_and_it_counts_in_the_category(cast, scene):
    scheme, quality, (a, b) = scene
    page = score_page(
        cast,
        scheme,
        {
            f"s{quality.pk}-{a.pk}-points": "3",
            f"s{quality.pk}-{a.pk}-reason": "台账规范，创新不足",
            f"s{quality.pk}-{b.pk}-points": "4",
            f"s{quality.pk}-{b.pk}-reason": "全年无差错",
        },
    )
    assert any("已保存评分，2 处有变动" in m for m in messages(page))
    assessment = compute(scheme, as_of=YEAR_END)
    ra, rb = (UnitResult.objects.get(assessment=assessment, unit=u) for u in (a, b))
    # Category 12 points: the item 8 (done) + 工作质量 3 or 4 of 4 → 11/12 and 12/12 of the category.
    assert rb.base > ra.base
    lines = " ".join(line.text for c in explain_unit(assessment, ra).categories for i in c.items for line in i.lines)
    assert "考核组评定 3/4：台账规范，创新不足" in lines
    assert AssessedResult.objects.filter(assessment=assessment).count() == 2
    # The unit's breakdown page shows the indicator's line beside its items: an item links to its
    # page, the indicator (no item of its own) does not.
    page = Browser(cast.assessor).get(aurl("unit_result", assessment.pk, a.pk))
    assert page.status_code == 200
    assert "考核组评定 3/4：台账规范，创新不足" in plain_text(page)
    assert text(page).count("查看事项办理过程") == 1


def test_a_score_above_the_indicator_or_without_a_reason_saves_nothing(cast, scene):
    scheme, quality, (a, b) = scene
    page = score_page(
        cast,
        scheme,
        {
            f"s{quality.pk}-{a.pk}-points": "5",
            f"s{quality.pk}-{a.pk}-reason": "超出",
            f"s{quality.pk}-{b.pk}-points": "2",
            f"s{quality.pk}-{b.pk}-reason": "",
        },
    )
    text = plain_text(page)
    assert "本次未保存任何评分" in text and "评分须写明理由" in text
    assert not IndicatorScore.objects.exists()


def test_an_unscored_unit_does_not_count_the_indicator_and_the_results_say_so(cast, scene):
    scheme, quality, (a, b) = scene
    IndicatorScore.objects.create(indicator=quality, unit=a, points=D(2), reason="一般", scored_by=cast.assessor)
    assessment = compute(scheme, as_of=YEAR_END)
    assert unscored_assessed(assessment) == 1  # 乙单位
    page = plain_text(Browser(cast.committee).get(aurl("result", assessment.pk)))
    assert "有 1 处单位的评定指标尚未评分" in page


SCORERS = {"assessor", "office"}  # the rights to record events: the assessors and the office


@pytest.mark.parametrize(
    "role", ["committee", "office", "leader", "official", "official2", "inspector", "assessor", "outsider"]
)
def test_who_may_open_and_post_the_scoring_page(cast, scene, role):
    scheme, quality, (a, _b) = scene
    status = 200 if role in SCORERS else 404 if role == "outsider" else 403
    assert Browser(cast.roles[role]).get(aurl("assessed", scheme.pk)).status_code == status
    data = {f"s{quality.pk}-{a.pk}-points": "3", f"s{quality.pk}-{a.pk}-reason": "好"}
    answer = Browser(cast.roles[role]).submit(aurl("assessed", scheme.pk), data)
    assert answer.status_code == (302 if role in SCORERS else status)
    assert IndicatorScore.objects.exists() is (role in SCORERS)


def test_an_assessed_indicator_takes_no_items_on_the_scheme_page(cast, scene):
    from assessment.forms import IndicatorForm

    scheme, quality, _units = scene
    item = item_for(cast, title="某事项", number="9.")
    form = IndicatorForm(
        {"name": "工作质量", "points": "4", "method": "assessed", "criteria": "", "order": "0", "items": [item.pk]},
        instance=quality,
        item_choices=[(item.pk, str(item))],
    )
    assert not form.is_valid() and "不对应事项" in " ".join(form.errors["items"])


def test_an_indicator_for_one_kind_of_unit_is_scored_and_owed_for_those_units_only(cast, scene):
    from responsibility.models import Unit

    scheme, quality, (a, b) = scene
    Unit.objects.filter(pk=b.pk).update(kind=Unit.Kind.COMMUNITY)
    SchemeIndicator.objects.filter(pk=quality.pk).update(
        applies_to=SchemeIndicator.AppliesTo.KIND, unit_kind=Unit.Kind.COMMUNITY
    )
    page = plain_text(Browser(cast.assessor).get(aurl("assessed", scheme.pk)))
    assert "乙单位" in page and "甲单位" not in page  # only the 社区 is scored on it
    IndicatorScore.objects.create(indicator=quality, unit=a, points=D(1), reason="旧分", scored_by=cast.assessor)
    assessment = compute(scheme, as_of=YEAR_END)
    assert not AssessedResult.objects.filter(assessment=assessment, unit=a).exists()  # not its indicator
    assert unscored_assessed(assessment) == 1  # 乙单位 is owed, 甲单位 is not


def test_an_indicator_for_named_units_needs_them(cast, scene):
    from assessment.forms import IndicatorForm

    scheme, quality, (a, _b) = scene
    data = {
        "name": "工作质量",
        "points": "4",
        "method": "assessed",
        "applies_to": "named",
        "criteria": "",
        "order": "0",
    }
    form = IndicatorForm(data, instance=quality, item_choices=[])
    assert not form.is_valid() and form.errors["units"]
    form = IndicatorForm({**data, "units": [a.pk]}, instance=quality, item_choices=[])
    assert form.is_valid(), form.errors
    form.save()
    assert [u.name for u in quality.applicable([a, _b])] == ["甲单位"]


def test_plain_rows_store_what_bulk_create_stores_in_the_same_order(cast, scene):
    """The year's per-unit indicator rows go in as plain rows (``insert_rows``, bench/README.md): the
    same values, NULLs, decimals and text as ``bulk_create`` of the same rows, their ids in order."""
    scheme, quality, (a, b) = scene
    assessment = compute(scheme, as_of=YEAR_END)
    names = ["assessment", "indicator", "category", "unit", "possible", "earned", "value", "target", "reason"]
    rows = [
        (assessment.pk, quality.pk, quality.category_id, b.pk, D("4.00"), D("2.35"), None, None, "全年无差错"),
        (assessment.pk, quality.pk, quality.category_id, a.pk, D(4), D("1.10"), D("7.5"), D(10), ""),
    ]
    fields = ["unit_id", "possible", "earned", "value", "target", "reason"]

    def stored():
        found = AssessedResult.objects.filter(assessment=assessment).order_by("id").values_list(*fields)
        return list(found)

    AssessedResult.objects.filter(assessment=assessment).delete()
    attnames = [AssessedResult._meta.get_field(name).attname for name in names]
    AssessedResult.objects.bulk_create([AssessedResult(**dict(zip(attnames, row, strict=True))) for row in rows])
    expected = stored()
    AssessedResult.objects.filter(assessment=assessment).delete()
    insert_rows(AssessedResult, names, rows)

    assert stored() == expected
    assert [row[0] for row in expected] == [b.pk, a.pk]
