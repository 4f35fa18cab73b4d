"""The scheme pages (考核细则) through the test client with CSRF checks on, as each person in the cast sees them."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from assessment.models import EventRule, GradeBand, RewardRule, Scheme, SchemeCategory
from responsibility.models import Category
from tests.assessment.pages import INSIDERS, MANAGERS, aurl, browsers_for, form_data, query_count
from tests.assessment.scenario import event, rule, scheme_for
from tests.browser import Browser, field_errors, messages, plain_text, text

D = Decimal
ROLES = ["committee", "office", "leader", "official", "official2", "inspector", "assessor", "outsider"]


@pytest.fixture
def browsers(cast):
    return browsers_for(cast)


def expected(role: str, who: set[str]) -> int:
    """200 where the role may; else 404 for the outsider (he may not see the pages at all) and 403 for an
    insider who may see them but not do this."""
    if role in who:
        return 200
    return 404 if role == "outsider" else 403


# --- who may open what --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_each_role_opens_the_scheme_pages_it_may_and_no_others(cast, browsers, role):
    scheme = scheme_for(cast)
    browser = browsers[role]
    assert browser.get(aurl("schemes")).status_code == expected(role, INSIDERS)
    assert browser.get(aurl("scheme", scheme.pk)).status_code == expected(role, INSIDERS)
    assert browser.get(aurl("scheme_export", scheme.pk)).status_code == expected(role, INSIDERS)
    assert browser.get(aurl("scheme_new")).status_code == expected(role, MANAGERS)
    assert browser.get(aurl("scheme_template")).status_code == expected(role, MANAGERS)
    assert browser.get(aurl("scheme_import", scheme.pk)).status_code == expected(role, MANAGERS)


@pytest.mark.parametrize("role", sorted(set(ROLES) - MANAGERS))
def test_who_may_not_manage_cannot_create_change_or_import_by_posting(cast, browsers, role):
    scheme = scheme_for(cast)
    browser = browsers[role]
    data = {"scheme-title": "改过的名称", "scheme-year": "2020"}
    refused = expected(role, set())
    assert browser.submit(aurl("scheme", scheme.pk), data, form_page=aurl("schemes")).status_code == refused
    assert browser.submit(aurl("scheme_new"), data, form_page=aurl("schemes")).status_code == refused
    assert browser.submit(aurl("scheme_import", scheme.pk), {}, form_page=aurl("schemes")).status_code == refused
    scheme.refresh_from_db()
    assert scheme.title == "2020年度法治建设考核细则"
    assert Scheme.objects.count() == 1


def test_an_anonymous_visitor_is_sent_to_log_in(cast):
    response = Browser().get(aurl("schemes"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("role", ROLES)
def test_the_header_links_to_the_schemes_for_insiders_only(cast, browsers, role):
    page = browsers[role].get(reverse("workflow:my_tasks"))
    assert (f'href="{aurl("schemes")}"' in text(page)) == (role in INSIDERS)


def test_only_managers_are_offered_new_and_import(cast, browsers):
    scheme_for(cast)
    for role in INSIDERS:
        page = text(browsers[role].get(aurl("schemes")))
        assert ("新建考核细则" in page) == (role in MANAGERS), role
        assert (aurl("scheme_import", Scheme.objects.get().pk) in page) == (role in MANAGERS), role


def test_an_insider_without_the_right_reads_the_scheme_without_a_form(cast, browsers):
    scheme = scheme_for(cast)
    rule(scheme, EventRule.Kind.BONUS, "通报表扬", 1, level=EventRule.Level.CITY)
    page = browsers["official"].get(aurl("scheme", scheme.pk))
    assert page.status_code == 200
    assert 'name="scheme-title"' not in text(page)
    assert "依法全面履行政府职能" in plain_text(page) and "通报表扬（市级）" in plain_text(page)


# --- the list --------------------------------------------------------------------------------------------


def test_the_list_shows_each_scheme_with_its_total_and_problems(cast, browsers):
    scheme = scheme_for(cast)
    SchemeCategory.objects.filter(scheme=scheme, order=2).update(points=D(80))
    page = plain_text(browsers["committee"].get(aurl("schemes")))
    assert "2020年度法治建设考核细则" in page
    assert "92 / 100" in page
    assert "各类别分值合计 92，与满分 100 不一致。" in page


def test_the_list_reads_a_fixed_number_of_queries_whatever_the_number_of_schemes(
    cast, browsers, django_assert_num_queries
):
    client = browsers["assessor"].client
    scheme_for(cast)
    one = query_count(client, aurl("schemes"))
    for year in (2021, 2022, 2023):
        other = Scheme.objects.create(organisation=cast.street, year=year, title=f"{year}年度考核细则")
        SchemeCategory.objects.create(scheme=other, name="类别一", points=D(100))
        GradeBand.objects.create(scheme=other, name="优秀", min_score=D(90))
        other.categories.get().indicators.create(name="指标", points=D(100))
    with django_assert_num_queries(one):
        client.get(aurl("schemes"))


# --- creating and editing through the pages --------------------------------------------------------------


def test_the_office_creates_a_scheme_with_categories_and_the_suggested_grades(cast, browsers):
    office = browsers["office"]
    data = form_data(office.get(aurl("scheme_new")))
    data.update(
        {
            "scheme-organisation": str(cast.street.pk),
            "scheme-year": "2020",
            "scheme-title": "2020年度法治建设考核细则",
            "scheme-plan": str(cast.plan.pk),
            "scheme-bonus_cap": "3",
            "scheme-excellent_quota": "30",
            "categories-0-name": "依法全面履行政府职能",
            "categories-0-points": "40",
            "categories-0-order": "1",
            "categories-1-name": "完善依法行政制度体系",
            "categories-1-points": "60",
            "categories-1-order": "2",
        }
    )
    page = office.submit(aurl("scheme_new"), data, follow=True)

    scheme = Scheme.objects.get()
    assert page.redirect_chain[-1] == (aurl("scheme", scheme.pk), 302)
    assert any("已新建" in m for m in messages(page))
    assert (scheme.plan, scheme.bonus_cap, scheme.excellent_quota) == (cast.plan, D(3), 30)
    assert [(c.name, c.points) for c in scheme.categories.all()] == [
        ("依法全面履行政府职能", D(40)),
        ("完善依法行政制度体系", D(60)),
    ]
    assert [(b.name, b.min_score) for b in scheme.grade_bands.all()] == [
        ("优秀", D(90)),
        ("良好", D(80)),
        ("合格", D(60)),
        ("不合格", D(0)),
    ]
    assert scheme.problems() == []


def test_a_suggested_grade_emptied_on_the_new_page_is_not_created(cast, browsers):
    office = browsers["office"]
    data = form_data(office.get(aurl("scheme_new")))
    data.update({"scheme-organisation": str(cast.street.pk), "scheme-title": "细则", "scheme-year": "2020"})
    data.update({"categories-0-name": "类别", "categories-0-points": "100", "categories-0-order": "1"})
    data.update({"grades-3-name": "", "grades-3-min_score": ""})
    office.submit(aurl("scheme_new"), data)
    assert list(GradeBand.objects.values_list("name", flat=True)) == ["优秀", "良好", "合格"]


def test_errors_stand_next_to_their_fields_and_nothing_is_created(cast, browsers):
    office = browsers["office"]
    data = form_data(office.get(aurl("scheme_new")))
    data.update({"scheme-organisation": str(cast.street.pk), "scheme-title": "", "scheme-year": "2020"})
    data.update({"categories-0-name": "类别", "categories-0-points": "-5", "categories-0-order": "1"})
    page = office.submit(aurl("scheme_new"), data)
    assert page.status_code == 200
    assert field_errors(page, "scheme-title")
    assert field_errors(page, "categories-0-points")
    assert not Scheme.objects.exists()


def test_a_second_scheme_for_the_same_organisation_and_year_is_refused(cast, browsers):
    scheme_for(cast)
    office = browsers["office"]
    data = form_data(office.get(aurl("scheme_new")))
    data.update({"scheme-organisation": str(cast.street.pk), "scheme-title": "又一份", "scheme-year": "2020"})
    page = office.submit(aurl("scheme_new"), data)
    assert page.status_code == 200
    assert "已经存在" in plain_text(page) or "already exists" in plain_text(page)
    assert Scheme.objects.count() == 1


def test_a_plan_of_another_year_is_refused(cast, browsers):
    scheme = scheme_for(cast)
    office = browsers["office"]
    data = form_data(office.get(aurl("scheme", scheme.pk)))
    data.update({"scheme-year": "2021", "scheme-plan": str(cast.plan.pk)})
    page = office.submit(aurl("scheme", scheme.pk), data)
    assert field_errors(page, "scheme-plan") == ["所选工作要点不是该单位该年度的。"]


def test_the_assessor_edits_indicators_rules_and_rewards_on_one_page(cast, browsers):
    scheme = scheme_for(cast)
    first = cast.item("完善内部制度建设", number="1.")
    second = cast.item("健全法律顾问制度", number="2.")
    assessor = browsers["assessor"]
    page = assessor.get(aurl("scheme", scheme.pk))
    category = scheme.categories.get(order=1)
    prefix = f"indicators-{category.pk}"
    assert f'value="{first.pk}"' in text(page) and f'value="{second.pk}"' in text(page)

    data = form_data(page)
    data.update(
        {
            f"{prefix}-0-name": "制度建设",
            f"{prefix}-0-points": "12",
            f"{prefix}-0-criteria": "按时完成得满分",
            f"{prefix}-0-order": "1",
            f"{prefix}-0-items": [str(first.pk), str(second.pk)],
            "rules-0-kind": "deduction",
            "rules-0-name": "通报批评",
            "rules-0-points": "2",
            "rules-0-cap": "6",
            "rules-0-category": str(category.pk),
            "rules-0-order": "1",
            "rules-1-kind": "veto",
            "rules-1-name": "重大事故",
            "rules-1-points": "0",
            "rules-1-cap": "0",
            "rules-1-veto": "fail",
            "rules-1-order": "2",
            "rewards-0-subject": "unit",
            "rewards-0-grade": "优秀",
            "rewards-0-action": "bonus_factor",
            "rewards-0-factor": "1.2",
        }
    )
    page = assessor.submit(aurl("scheme", scheme.pk), data, follow=True)

    assert any("已保存" in m for m in messages(page)), plain_text(page)[:3000]
    indicator = category.indicators.get()
    assert (indicator.name, indicator.points, indicator.criteria) == ("制度建设", D(12), "按时完成得满分")
    assert set(indicator.items.all()) == {first, second}
    deduction, veto = scheme.event_rules.order_by("order")
    assert (deduction.kind, deduction.points, deduction.cap, deduction.category) == ("deduction", D(2), D(6), category)
    assert (veto.kind, veto.veto) == ("veto", "fail")
    reward = RewardRule.objects.get()
    assert (reward.grade, reward.action, reward.factor) == ("优秀", "bonus_factor", D("1.2"))


def test_only_the_items_of_the_category_are_offered(cast, browsers):
    scheme = scheme_for(cast)
    inside = cast.item("完善内部制度建设")
    outside = cast.item("其他事项")
    outside.category = Category.objects.get(plan=cast.plan, name="其他工作")
    outside.save()
    category = scheme.categories.get(order=1)
    prefix = f"indicators-{category.pk}"
    page = browsers["office"].get(aurl("scheme", scheme.pk))
    offered = text(page).split(f'name="{prefix}-0-items"')[1].split("</select>")[0]
    assert f'value="{inside.pk}"' in offered and f'value="{outside.pk}"' not in offered

    data = form_data(page)
    data.update({f"{prefix}-0-name": "指标", f"{prefix}-0-points": "12", f"{prefix}-0-items": [str(outside.pk)]})
    page = browsers["office"].submit(aurl("scheme", scheme.pk), data)
    assert field_errors(page, f"{prefix}-0-items")
    assert not category.indicators.exists()


def test_problems_are_shown_as_warnings_on_the_edit_page(cast, browsers):
    scheme = scheme_for(cast)
    SchemeCategory.objects.filter(scheme=scheme, order=2).update(points=D(80))
    page = plain_text(browsers["office"].get(aurl("scheme", scheme.pk)))
    assert "各类别分值合计 92，与满分 100 不一致。" in page
    GradeBand.objects.filter(scheme=scheme).delete()  # grades are optional: not a problem
    assert scheme.problems() == ["各类别分值合计 92，与满分 100 不一致。"]


def test_a_veto_rule_without_its_effect_is_refused_beside_the_field(cast, browsers):
    scheme = scheme_for(cast)
    office = browsers["office"]
    data = form_data(office.get(aurl("scheme", scheme.pk)))
    data.update({"rules-0-kind": "veto", "rules-0-name": "重大事故", "rules-0-points": "0", "rules-0-cap": "0"})
    page = office.submit(aurl("scheme", scheme.pk), data)
    assert field_errors(page, "rules-0-veto") == ["一票否决项须选择否决效果。"]
    assert not scheme.event_rules.exists()


def test_a_rule_with_events_cannot_be_deleted_and_nothing_else_changes(cast, browsers):
    scheme = scheme_for(cast)
    criticism = rule(scheme, EventRule.Kind.DEDUCTION, "通报批评", 2)
    event(scheme, criticism, datetime.date(2020, 5, 1), cast.assessor, unit=cast.justice)
    office = browsers["office"]
    data = form_data(office.get(aurl("scheme", scheme.pk)))
    data.update({"rules-0-DELETE": "on", "scheme-title": "改名"})
    page = office.submit(aurl("scheme", scheme.pk), data)
    assert any("不能删除" in m for m in messages(page))
    assert scheme.event_rules.filter(pk=criticism.pk).exists()
    scheme.refresh_from_db()
    assert scheme.title == "2020年度法治建设考核细则"


def test_deleting_a_category_takes_its_indicators_with_it(cast, browsers):
    scheme = scheme_for(cast)
    category = scheme.categories.get(order=2)
    category.indicators.create(name="指标", points=D(88))
    office = browsers["office"]
    data = form_data(office.get(aurl("scheme", scheme.pk)))
    index = next(k for k, v in data.items() if k.endswith("-id") and v == str(category.pk)).split("-")[1]
    data[f"categories-{index}-DELETE"] = "on"
    page = office.submit(aurl("scheme", scheme.pk), data, follow=True)
    assert any("已保存" in m for m in messages(page))
    assert list(scheme.categories.values_list("name", flat=True)) == ["依法全面履行政府职能"]


@pytest.mark.parametrize("role", ["official", "office", "outsider"])
def test_the_header_link_costs_at_most_one_query(cast, browsers, settings, role):
    client = browsers[role].client
    with_link = query_count(client, reverse("workflow:my_tasks"))
    engine = {**settings.TEMPLATES[0]}
    processors = [p for p in engine["OPTIONS"]["context_processors"] if not p.startswith("assessment.")]
    settings.TEMPLATES = [{**engine, "OPTIONS": {**engine["OPTIONS"], "context_processors": processors}}]
    assert with_link - query_count(client, reverse("workflow:my_tasks")) <= 1


# --- ratio and per-count indicators --------------------------------------------------------------------------


def indicator_row(prefix: str, **fields) -> dict:
    row = {"name": "逾期扣分", "points": "5", "method": "items", "order": "1", "applies_to": "all"}
    row.update(fields)
    return {f"{prefix}-0-{name}": value for name, value in row.items()}


def test_the_office_sets_a_per_count_indicator_with_its_scorer_and_the_page_says_what_blanks_mean(cast, browsers):
    from assessment.models import SchemeIndicator

    scheme = scheme_for(cast)
    category = scheme.categories.get(order=1)
    prefix = f"indicators-{category.pk}"
    office = browsers["office"]
    page = office.get(aurl("scheme", scheme.pk))
    shown = plain_text(page)
    assert "留空或填 0 表示扣完为止" in shown and "留空则由考核办评分或填报" in shown
    offered = text(page).split(f'name="{prefix}-0-scorer"')[1].split("</select>")[0]
    assert f'value="{cast.justice.pk}"' in offered
    data = form_data(page)
    row = indicator_row(prefix, method="count", source="late_items", step="0.5", floor="", scorer=str(cast.justice.pk))
    page = office.submit(aurl("scheme", scheme.pk), {**data, **row}, follow=True)

    assert any("已保存" in m for m in messages(page)), plain_text(page)[:3000]
    saved = SchemeIndicator.objects.get(category=category)
    assert (saved.method, saved.source, saved.step, saved.floor, saved.target) == (
        "count",
        "late_items",
        D("0.5"),
        0,
        None,
    )
    assert saved.scorer == cast.justice
    assert "按次扣分 · 逾期事项数 · 司法所评分" in plain_text(browsers["committee"].get(aurl("scheme", scheme.pk)))


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"method": "count", "step": "1"}, "source", "须选择数据来源"),
        ({"method": "ratio", "source": "late_items"}, "target", "须填写目标值"),
        ({"method": "count", "source": "returns", "step": "0"}, "step", "须填写每次扣分"),
        ({"method": "count", "source": "returns", "step": "1", "floor": "6"}, "floor", "不能高于指标分值"),
        ({"method": "items", "step": "0.5"}, "step", "不用“每次扣分”"),
        ({"method": "assessed", "source": "entered"}, "source", "不用“数据来源”"),
        ({"method": "ratio", "source": "entered", "step": "1"}, "step", "不用“每次扣分”"),
    ],
)
def test_the_editor_refuses_a_rule_the_method_cannot_score_beside_its_field(cast, browsers, fields, field, words):
    scheme = scheme_for(cast)
    category = scheme.categories.get(order=1)
    prefix = f"indicators-{category.pk}"
    office = browsers["office"]
    data = form_data(office.get(aurl("scheme", scheme.pk)))
    page = office.submit(aurl("scheme", scheme.pk), {**data, **indicator_row(prefix, **fields)})
    assert page.status_code == 200
    assert any(words in error for error in field_errors(page, f"{prefix}-0-{field}")), field_errors(
        page, f"{prefix}-0-{field}"
    )
    assert not category.indicators.exists()


def test_a_scorer_outside_the_organisation_is_refused(cast, browsers):
    from responsibility.models import Unit

    elsewhere = Unit.objects.create(name="外区司法局", kind=Unit.Kind.ORGANISATION)
    scheme = scheme_for(cast)
    category = scheme.categories.get(order=1)
    prefix = f"indicators-{category.pk}"
    office = browsers["office"]
    page = office.get(aurl("scheme", scheme.pk))
    assert f'value="{elsewhere.pk}"' not in text(page).split(f'name="{prefix}-0-scorer"')[1].split("</select>")[0]
    row = indicator_row(prefix, method="assessed", scorer=str(elsewhere.pk))
    page = office.submit(aurl("scheme", scheme.pk), {**form_data(page), **row})
    assert field_errors(page, f"{prefix}-0-scorer")
    assert not category.indicators.exists()
