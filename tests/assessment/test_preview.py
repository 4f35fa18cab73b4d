"""试算: a unit's score under the scheme as it stands, computed through ``compute`` and thrown away."""

from __future__ import annotations

import datetime
from decimal import Decimal as D

import pytest

from assessment.models import Assessment, EventRule, UnitResult
from tests.assessment.pages import aurl, browsers_for
from tests.assessment.scenario import event, finish, item_for, rule, scheme_for, unit_with_official
from tests.browser import plain_text

ROLES = ["committee", "office", "leader", "official", "official2", "inspector", "assessor", "outsider"]
COMPUTERS = {"office", "assessor"}


@pytest.fixture
def scene(cast):
    scheme = scheme_for(cast, late_points=D(0), return_points=D(0), indicator_share=0)
    unit, post = unit_with_official(cast, "甲单位", 9)
    done = item_for(cast, unit, post, title="规范执法", number="6.")
    finish(done, datetime.date(2020, 6, 1))
    item_for(cast, cast.community, cast.posts["official2"], title="开展法治宣传", number="4.")
    criticism = rule(scheme, EventRule.Kind.DEDUCTION, "通报批评", 2)
    event(scheme, criticism, datetime.date(2020, 8, 1), cast.assessor, unit=unit, text="台账缺失")
    return scheme, unit


def preview(browser, scheme, unit):
    return browser.get(f"{aurl('scheme_preview', scheme.pk)}?unit={unit.pk}")


@pytest.mark.parametrize("role", ROLES)
def test_who_may_preview(cast, scene, role):
    scheme, unit = scene
    response = preview(browsers_for(cast)[role], scheme, unit)
    expected = 200 if role in COMPUTERS else 404 if role == "outsider" else 403
    assert response.status_code == expected


def test_the_preview_shows_what_a_version_computed_now_would_give_and_keeps_nothing(cast, scene):
    scheme, unit = scene
    page = plain_text(preview(browsers_for(cast)["office"], scheme, unit))
    assert "甲单位：试算结果（不保存）" in page
    # 12 of 12 in its only category, rescaled to 100; the criticism −2.
    assert "−2：2020年8月1日 通报批评" in page
    assert "总分：100.0 + 0 − 2 = 98.0" in page
    assert not Assessment.objects.filter(scheme=scheme).exists()
    assert not UnitResult.objects.exists()


def test_the_preview_changes_no_draft(cast, scene):
    from assessment.compute import compute

    scheme, unit = scene
    draft = compute(scheme, user=cast.office)
    before = list(UnitResult.objects.filter(assessment=draft).values_list("unit_id", "total"))
    rule(scheme, EventRule.Kind.BONUS, "通报表扬", 1)
    event(scheme, scheme.event_rules.get(name="通报表扬"), datetime.date(2020, 9, 1), cast.assessor, unit=unit)
    page = plain_text(preview(browsers_for(cast)["office"], scheme, unit))
    assert "总分：100.0 + 1 − 2 = 99.0" in page  # the bonus counts in the preview …
    assert (
        list(UnitResult.objects.filter(assessment=draft).values_list("unit_id", "total")) == before
    )  # … not in the draft
    assert Assessment.objects.filter(scheme=scheme).count() == 1


def test_a_unit_with_nothing_scored_is_said_not_to_be_ranked(cast, scene):
    scheme, _unit = scene
    page = plain_text(preview(browsers_for(cast)["office"], scheme, cast.justice))
    assert "司法所目前没有计分的事项或指标，不参加排名。" in page


def test_a_unit_of_another_organisation_cannot_be_chosen(cast, scene):
    from responsibility.models import Unit

    scheme, _unit = scene
    elsewhere = Unit.objects.create(name="外街道", kind=Unit.Kind.ORGANISATION)
    stranger = Unit.objects.create(name="外单位", parent=elsewhere)
    page = preview(browsers_for(cast)["office"], scheme, stranger)
    assert page.status_code == 200
    assert "外单位：试算结果" not in plain_text(page)
    assert "选择一个有效的选项" in plain_text(page)


def test_a_scheme_that_cannot_be_computed_says_why(cast, scene):
    from responsibility.models import WorkPlan

    scheme, unit = scene
    WorkPlan.objects.filter(pk=cast.plan.pk).update(status=WorkPlan.Status.DRAFT)
    page = plain_text(preview(browsers_for(cast)["office"], scheme, unit))
    assert "无法计算：本单位本年度没有已发布的工作要点，无法计分。" in page
