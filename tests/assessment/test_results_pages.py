"""The result pages with CSRF checks on, as each person in the cast sees them: versions, ranking,
breakdowns, the export; who may see and do what before and after publishing."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessment import results_export
from assessment.compute import publish
from assessment.models import Assessment, PersonResult, UnitResult
from responsibility.models import ExportJob, Post
from responsibility.tasks import run_export
from tests.assessment.scenario import event, finish, item_for, unit_with_official
from tests.assessment.year import build_year, unit_result, url
from tests.browser import Browser, messages, plain_text, row_texts, text

D = Decimal
ROLES = ["committee", "office", "leader", "official", "official2", "inspector", "assessor", "outsider"]
SEE_ALL = {"committee", "office", "assessor"}


@pytest.fixture
def year(cast):
    return build_year(cast)


@pytest.fixture
def draft(cast, year):
    return year.compute(cast.office)


@pytest.fixture
def published(cast, draft):
    return publish(draft, user=cast.committee)


@pytest.fixture
def browsers(cast):
    return {role: Browser(person) for role, person in cast.roles.items()}


def status(browser, path: str) -> int:
    return browser.get(path).status_code


def official_result(assessment, cast) -> PersonResult:
    return PersonResult.objects.get(assessment=assessment, role="official", post=cast.posts["official"])


# --- who sees what ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_outsider_gets_404_everywhere_and_insiders_open_the_index_and_ranking(cast, draft, browsers, role):
    expected = 404 if role == "outsider" else 200
    for path in [url("index"), url("result", draft.pk), url("export", draft.pk)]:
        assert status(browsers[role], path) == expected, path


def test_anonymous_is_sent_to_log_in(draft):
    response = Browser().get(url("result", draft.pk))
    assert response.status_code == 302 and "/login/" in response["Location"]


DRAFT_UNIT_PAGES = {
    # role: (sees 司法所, sees 兴科社区) before publishing
    "committee": (200, 200),
    "office": (200, 200),
    "assessor": (200, 200),
    "leader": (200, 200),  # leads the items of both units
    "official": (200, 404),
    "official2": (404, 200),
    "inspector": (404, 404),
    "outsider": (404, 404),
}


@pytest.mark.parametrize("role", ROLES)
def test_before_publishing_a_unit_breakdown_is_for_its_own_people_and_those_who_see_all(cast, draft, browsers, role):
    justice, community = DRAFT_UNIT_PAGES[role]
    assert status(browsers[role], url("unit_result", draft.pk, cast.justice.pk)) == justice
    assert status(browsers[role], url("unit_result", draft.pk, cast.community.pk)) == community


@pytest.mark.parametrize("role", ROLES)
def test_after_publishing_every_insider_sees_every_breakdown(cast, published, browsers, role):
    expected = 404 if role == "outsider" else 200
    assert status(browsers[role], url("unit_result", published.pk, cast.justice.pk)) == expected
    assert status(browsers[role], url("unit_result", published.pk, cast.community.pk)) == expected
    person = official_result(published, cast)
    assert status(browsers[role], url("person_result", published.pk, person.pk)) == expected


@pytest.mark.parametrize("role", ROLES)
def test_before_publishing_a_persons_breakdown_is_his_own(cast, draft, browsers, role):
    person = official_result(draft, cast)
    expected = 200 if role in SEE_ALL | {"official"} else 404
    assert status(browsers[role], url("person_result", draft.pk, person.pk)) == expected


def test_a_result_of_another_version_is_not_found_under_this_one(cast, published, browsers):
    other = PersonResult.objects.create(assessment=published, role="official", post=cast.posts["inspector"])
    assert status(browsers["office"], url("person_result", published.pk, other.pk)) == 200
    assert status(browsers["office"], url("person_result", published.pk + 1, other.pk)) == 404


def test_before_publishing_an_official_ranking_holds_his_own_unit_only(cast, draft, browsers):
    page = browsers["official"].get(url("result", draft.pk))
    assert [row.split()[1] for row in row_texts(page)] == ["司法所"]
    assert "您只能看到与您有关的结果" in plain_text(page)
    page = browsers["office"].get(url("result", draft.pk))
    assert [row.split()[1] for row in row_texts(page)] == ["甲单位", "司法所", "兴科社区"]


def test_after_publishing_an_official_sees_the_whole_ranking(cast, published, browsers):
    page = browsers["official2"].get(url("result", published.pk))
    assert [row.split()[1] for row in row_texts(page)] == ["甲单位", "司法所", "兴科社区"]


def test_the_export_holds_what_the_reader_may_see(cast, draft, browsers):
    book = workbook(browsers["official"].get(url("export", draft.pk)))
    assert [r[2] for r in rows(book["单位排名"])] == ["司法所"]
    assert {r[0] for r in rows(book["得分明细"])} == {"司法所", "赵所长（司法所 司法所所长）"}


# --- the ranking ----------------------------------------------------------------------------------------------


def test_the_ranking_shows_rank_totals_grades_and_marks(cast, draft, browsers):
    page = browsers["committee"].get(url("result", draft.pk))
    # 分类小计 (依法全面履行政府职能, 其他工作) and what is listed apart: the rescaling to 100 of the units
    # that carry 12 points only, the events tied to no category.
    assert row_texts(page) == [
        "1 甲单位 1 100.00 0.00 0.00 12.00 — 88.00 100.00 优秀",
        "2 司法所 2 96.40 1.50 0.00 8.40 88.00 1.50 97.90 良好 受优秀比例限制",
        "3 兴科社区 1 40.00 0.00 2.00 4.80 — 33.20 38.00 不合格",
    ]
    html = text(page)
    assert 'style="width:98%"' in html  # 97.9 of 100 points, as a bar
    assert "/static/css/results.css" in html
    assert "<svg" in html and "http" not in html.split("<svg")[1].split("</svg>")[0]


def test_the_grade_distribution_counts_the_bands(cast, draft, browsers):
    page = browsers["committee"].get(url("result", draft.pk))
    chart = text(page).split('id="grades"')[1].split("</svg>")[0]
    assert "优秀</text>" in chart and "1（33%）" in chart
    assert "合格</text>" in chart and "0（0%）" in chart


def test_the_officials_and_leaders_tabs(cast, draft, browsers):
    page = browsers["office"].get(url("result", draft.pk) + "?tab=official")
    names = row_texts(page)
    assert names[0].startswith("1 甲单位负责人（甲单位 负责人）")
    assert names[1].startswith("2 赵所长（司法所 司法所所长）")
    page = browsers["office"].get(url("result", draft.pk) + "?tab=leader")
    assert row_texts(page)[0].startswith("1 张主任（党工委 分管副主任） 4 96.40")
    assert browsers["office"].get(url("result", draft.pk) + "?tab=nobody").status_code == 404


def test_breakdown_opens_down_to_each_item_and_event(cast, draft, browsers):
    page = browsers["official"].get(url("unit_result", draft.pk, cast.justice.pk))
    shown = plain_text(page)
    for line in [
        "依法全面履行政府职能（12分）：应得 10，实得 7 → 8.4",
        "−1：第3项“完善内部制度建设”逾期12天（每周扣0.5分）",
        "−2：退回整改2次",
        "指标达成 1/1，计 2.0",
        "+1：2020年9月8日 通报表扬（市级）（该项累计已达上限，计 0.5 分）",
        "总分：96.4 + 1.5 − 0 = 97.9",
        "优秀名额 50%（共 1 个），排第2，评为良好",
    ]:
        assert line in shown
    html = text(page)
    for item_result in draft.item_results.filter(item__responsible_units=cast.justice):
        assert f'href="/items/{item_result.item_id}/"' in html
    assert f'href="{url("unit_record", cast.justice.pk)}"' in html


def test_person_breakdown_links_to_his_ledger(cast, draft, browsers):
    person = official_result(draft, cast)
    page = browsers["official"].get(url("person_result", draft.pk, person.pk))
    assert "赵所长（司法所 司法所所长）" in plain_text(page)
    assert f'href="{url("person_record", cast.official.pk)}"' in text(page)
    page = browsers["assessor"].get(url("person_result", draft.pk, person.pk))
    assert f'href="{url("person_record", cast.official.pk)}"' in text(page)


def test_ledger_link_is_left_out_for_a_unit_the_reader_may_not_see_the_ledger_of(cast, published, browsers):
    page = browsers["official2"].get(url("unit_result", published.pk, cast.justice.pk))
    assert page.status_code == 200
    assert url("unit_record", cast.justice.pk) not in text(page)


# --- compute, publish, new version ----------------------------------------------------------------------------


COMPUTE = {"office": 302, "assessor": 302, "outsider": 404}
PUBLISH = {"office": 302, "committee": 302, "outsider": 404}


@pytest.mark.parametrize("role", ROLES)
def test_compute_is_for_the_office_and_assessors(cast, year, browsers, role):
    response = browsers[role].submit(url("compute", year.scheme.pk), {}, form_page=url("index"))
    assert response.status_code == COMPUTE.get(role, 403)
    assert Assessment.objects.filter(scheme=year.scheme).exists() == (response.status_code == 302)


@pytest.mark.parametrize("role", ROLES)
def test_publish_is_for_the_office_and_the_committee(cast, draft, browsers, role):
    response = browsers[role].submit(url("publish", draft.pk), {"confirm": "on"}, form_page=url("index"))
    assert response.status_code == PUBLISH.get(role, 403)
    draft.refresh_from_db()
    assert draft.is_published == (response.status_code == 302)


def test_publishing_needs_the_confirmation_ticked(cast, draft, browsers):
    page = browsers["committee"].submit(url("publish", draft.pk), {}, follow=True)
    assert "请勾选确认后再发布。" in messages(page)
    draft.refresh_from_db()
    assert not draft.is_published


def test_the_draft_page_offers_recompute_and_publish_by_right(cast, draft, browsers):
    office = text(browsers["office"].get(url("result", draft.pk)))
    assert 'id="recompute"' in office and 'id="publish"' in office and "data-confirm" in office
    committee = text(browsers["committee"].get(url("result", draft.pk)))
    assert 'id="recompute"' not in committee and 'id="publish"' in committee
    official = text(browsers["official"].get(url("result", draft.pk)))
    assert 'id="recompute"' not in official and 'id="publish"' not in official


def test_compute_publish_then_a_new_version_with_its_reason(cast, year, browsers):
    office = browsers["office"]
    page = office.submit(url("compute", year.scheme.pk), {}, form_page=url("index"), follow=True)
    first = Assessment.objects.get(scheme=year.scheme)
    assert "已计算《2020年度法治建设考核细则》第 1 版。" in messages(page)
    assert page.redirect_chain[-1][0] == url("result", first.pk)

    page = office.submit(url("publish", first.pk), {"confirm": "on"}, follow=True)
    assert "已发布第 1 版，并提出奖惩建议。" in messages(page)
    assert 'id="new-version"' in text(page) and 'id="publish"' not in text(page)

    compute_url, first_page = url("compute", year.scheme.pk), url("result", first.pk)
    page = office.submit(compute_url, {"reason": "  "}, form_page=first_page, follow=True)
    assert "结果已发布，重新计算须说明变更原因。" in messages(page)
    assert Assessment.objects.filter(scheme=year.scheme).count() == 1

    # A commendation recorded late lifts 兴科社区 (38 → 39) in the new version only.
    event(year.scheme, year.commendation, datetime.date(2020, 11, 2), cast.assessor, unit=cast.community)
    reason = "补录兴科社区11月通报表扬"
    page = office.submit(compute_url, {"reason": reason}, form_page=first_page, follow=True)
    second = Assessment.objects.get(scheme=year.scheme, version=2)
    assert page.redirect_chain[-1][0] == url("result", second.pk)
    assert second.reason == reason and not second.is_published
    shown = plain_text(page)
    assert reason in shown
    assert "与第 1 版相比，1 行的总分或等次有变化（已标出）。" in shown
    assert row_texts(page)[2] == "3 兴科社区 1 40.00 1.00 2.00 4.80 — 34.20 39.00 不合格 38.00 不合格"
    assert text(page).count('class="changed"') == 1

    old = browsers["official2"].get(url("result", first.pk))
    assert old.status_code == 200
    assert row_texts(old)[2] == "3 兴科社区 1 40.00 0.00 2.00 4.80 — 33.20 38.00 不合格"
    index = plain_text(office.get(url("index")))
    assert "第 2 版 待发布" in index and "第 1 版 已发布" in index and reason in index


def test_recomputing_a_draft_keeps_its_version(cast, draft, browsers):
    browsers["assessor"].submit(url("compute", draft.scheme_id), {}, form_page=url("result", draft.pk))
    assert list(Assessment.objects.filter(scheme=draft.scheme_id).values_list("version", flat=True)) == [1]


def test_a_scheme_error_is_shown_not_raised(cast, year, browsers):
    from assessment.models import Scheme

    Scheme.objects.filter(pk=year.scheme.pk).update(plan=None, year=2031)  # no published plan that year
    page = browsers["office"].submit(url("compute", year.scheme.pk), {}, form_page=url("index"), follow=True)
    assert "本单位本年度没有已发布的工作要点，无法计分。" in messages(page)


def test_a_scheme_without_grades_ranks_and_says_it_grades_nobody(cast, year, browsers):
    year.scheme.grade_bands.all().delete()
    browsers["office"].submit(url("compute", year.scheme.pk), {}, form_page=url("index"), follow=True)
    assessment = year.scheme.assessments.order_by("-version").first()
    rows = list(assessment.unit_results.order_by("order").values_list("rank", "grade"))
    assert [grade for _rank, grade in rows] == [""] * len(rows) and rows[0][0] == 1
    page = plain_text(browsers["office"].get(url("result", assessment.pk)))
    assert "未设等次：只排名次，不评等次" in page and "未设等次" in page


# --- the export ------------------------------------------------------------------------------------------------


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    return openpyxl.load_workbook(io.BytesIO(response.content))


def rows(sheet) -> list[tuple]:
    return [r for r in sheet.iter_rows(min_row=3, values_only=True)]


def test_export_has_the_ranking_and_the_same_breakdown_lines(cast, draft, browsers):
    book = workbook(browsers["committee"].get(url("export", draft.pk)))
    assert book.sheetnames == ["单位排名", "责任人排名", "牵头领导排名", "得分明细"]
    ranking = rows(book["单位排名"])
    assert [r[:9] for r in ranking] == [
        (1, 1, "甲单位", 1, 100, 0, 0, 100, "优秀"),
        (2, 2, "司法所", 2, 96.4, 1.5, 0, 97.9, "良好"),
        (3, 3, "兴科社区", 1, 40, 0, 2, 38, "不合格"),
    ]
    assert ranking[1][9] == "受优秀比例限制"
    lines = rows(book["得分明细"])
    justice = [(r[1], r[4], r[5]) for r in lines if r[0] == "司法所"]
    assert ("明细", "−1：第3项“完善内部制度建设”逾期12天（每周扣0.5分）", -1) in justice
    assert ("加减分", "+1：2020年9月8日 通报表扬（市级）（该项累计已达上限，计 0.5 分）", 0.5) in justice
    assert ("总分", "总分：96.4 + 1.5 − 0 = 97.9", 97.9) in justice
    page = plain_text(browsers["committee"].get(url("unit_result", draft.pk, cast.justice.pk)))
    for _who, _what, _category, _item, sentence, _points in [r for r in lines if r[0] == "司法所"]:
        assert sentence in page
    people = {r[0] for r in lines} - {"甲单位", "司法所", "兴科社区"}
    assert "张主任（党工委 分管副主任）" in people


def test_export_text_never_becomes_a_formula(cast, year, browsers):
    unit, post = unit_with_official(cast, '=HYPERLINK("http://x")', 20)
    finish(item_for(cast, unit, post, title="=1+1", number="8."), datetime.date(2020, 6, 1))
    assessment = year.compute(cast.office)
    book = workbook(browsers["office"].get(url("export", assessment.pk)))
    cells = [c for row in book["单位排名"].iter_rows(min_row=3) for c in row if c.value == '=HYPERLINK("http://x")']
    assert cells and all(c.data_type == "s" for c in cells)
    plus = [c for row in book["得分明细"].iter_rows(min_row=3) for c in row if str(c.value).startswith("+1：")]
    assert plus and all(c.data_type == "s" for c in plus)
    item = [c for row in book["得分明细"].iter_rows(min_row=3) for c in row if c.value == "第8项“=1+1”"]
    assert item and all(c.data_type == "s" for c in item)


def job_file(job) -> openpyxl.Workbook:
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE, job.error
    with job.file.open("rb") as handle:
        return openpyxl.load_workbook(io.BytesIO(handle.read()))


def every_row(book) -> dict[str, list[tuple]]:
    return {name: rows(book[name]) for name in book.sheetnames}


@pytest.mark.parametrize("role", ["office", "official"])
def test_a_big_export_is_a_job_on_my_exports_with_the_same_rows_as_the_small_one(
    cast, draft, browsers, settings, tmp_path, django_capture_on_commit_callbacks, role
):
    at_once = every_row(workbook(browsers[role].get(url("export", draft.pk))))
    settings.EXPORT_INLINE_MAX_ROWS = 0
    settings.EXPORT_ROOT = tmp_path / "exports"
    with django_capture_on_commit_callbacks(execute=True):
        response = browsers[role].get(url("export", draft.pk))
    assert response.status_code == 302 and response["Location"] == reverse("exports:list")
    job = ExportJob.objects.get(owner=cast.roles[role], kind="results")
    assert job.title == f"{draft.scheme} 第1版（{draft.get_status_display()}）"
    assert every_row(job_file(job)) == at_once
    assert job.rows_done == sum(len(found) for found in at_once.values())
    assert "正在后台生成" in " ".join(messages(browsers[role].get(reverse("exports:list"))))


def test_a_results_job_whose_owner_lost_the_right_fails_saying_why(
    cast, draft, browsers, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.EXPORT_INLINE_MAX_ROWS = 0
    settings.EXPORT_ROOT = tmp_path / "exports"
    browsers["official"].get(url("export", draft.pk))  # queued; its worker has not run yet
    job = ExportJob.objects.get(owner=cast.official, kind="results")
    Post.objects.filter(holder=cast.official).update(holder=None)
    run_export(job.pk)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED
    assert job.error == "你已没有查看考核结果的权限。"
    assert not job.file


# --- queries -----------------------------------------------------------------------------------------------------


def add_units(cast, year, n: int, start: int) -> None:
    for i in range(n):
        unit, post = unit_with_official(cast, f"单位{start + i}", start + i)
        for j in range(3):
            finish(item_for(cast, unit, post, title=f"事项{j}", number=f"{j + 1}."), datetime.date(2020, 7, 20))
        event(year.scheme, year.commendation, datetime.date(2020, 3, 1), cast.assessor, unit=unit)


def count_queries(browser, path: str) -> int:
    browser.get(path)  # warm: the session, the user's rights
    with CaptureQueriesContext(connection) as queries:
        assert browser.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("tab", ["units", "official", "leader"])
def test_the_ranking_costs_the_same_queries_for_more_rows(cast, year, browsers, django_assert_num_queries, tab):
    office = browsers["office"]
    few = count_queries(office, url("result", year.compute(cast.office).pk) + f"?tab={tab}")
    add_units(cast, year, 6, 30)
    path = url("result", year.compute(cast.office).pk) + f"?tab={tab}"
    office.get(path)
    with django_assert_num_queries(few):
        office.get(path)


def test_the_ranking_with_a_previous_version_costs_the_same_queries_for_more_rows(
    cast, year, browsers, django_assert_num_queries
):
    office = browsers["office"]
    publish(year.compute(cast.office), user=cast.committee)
    few = count_queries(office, url("result", year.compute(cast.office, reason="复核").pk))
    Assessment.objects.filter(scheme=year.scheme, version=2).delete()
    add_units(cast, year, 6, 30)
    path = url("result", year.compute(cast.office, reason="复核").pk)
    office.get(path)
    with django_assert_num_queries(few):
        office.get(path)


def test_a_breakdown_costs_the_same_queries_for_more_items_and_events(cast, year, browsers, django_assert_num_queries):
    official = browsers["official"]
    assessment = year.compute(cast.office)
    few = count_queries(official, url("unit_result", assessment.pk, cast.justice.pk))
    for j in range(8):
        item = item_for(cast, cast.justice, cast.posts["official"], title=f"新增事项{j}", number=f"{10 + j}.")
        finish(item, datetime.date(2020, 8, 1), returns=1)
        event(year.scheme, year.criticism, datetime.date(2020, 4, 1 + j), cast.assessor, unit=cast.justice)
    assessment = year.compute(cast.office)
    assert unit_result(assessment, cast.justice).items == 10
    path = url("unit_result", assessment.pk, cast.justice.pk)
    official.get(path)
    with django_assert_num_queries(few):
        official.get(path)


def test_the_export_explained_a_few_at_a_time_has_the_lines_explained_at_once(cast, draft, browsers, monkeypatch):
    monkeypatch.setattr(results_export, "EXPLAINED_AT_ONCE", 10_000)
    at_once = every_row(workbook(browsers["committee"].get(url("export", draft.pk))))
    monkeypatch.setattr(results_export, "EXPLAINED_AT_ONCE", 1)
    one_by_one = every_row(workbook(browsers["committee"].get(url("export", draft.pk))))
    assert one_by_one == at_once
    assert len(at_once["得分明细"]) > 20


def test_the_export_costs_the_same_queries_for_more_rows(cast, year, browsers):
    office = browsers["office"]
    few = count_queries(office, url("export", year.compute(cast.office).pk))
    add_units(cast, year, 6, 30)
    assert count_queries(office, url("export", year.compute(cast.office).pk)) == few


def test_unit_results_are_totals_of_the_hand_computed_year(cast, draft):
    totals = dict(UnitResult.objects.filter(assessment=draft).values_list("unit__name", "total"))
    assert totals == {"甲单位": D(100), "司法所": D("97.9"), "兴科社区": D(38)}


def test_the_ranking_states_its_quota_and_tie_break_and_links_the_annual_report(cast, draft, browsers):
    page = plain_text(browsers["office"].get(url("result", draft.pk)))
    assert "优秀比例上限50%" in page
    assert "同分排序总分相同时，事项得分高者优先，再看扣分少者，再按单位排序" in page
    report = f"/assessment/annual-report/{draft.scheme.scored_plan().pk}.docx"
    assert report in browsers["office"].get(url("result", draft.pk)).content.decode()
    assert report not in browsers["official"].get(url("result", draft.pk)).content.decode()


def test_the_item_page_shows_its_year_end_score_to_whom_may_read_the_version(cast, year, draft, browsers):
    from responsibility.permissions import sync_item_permissions

    late = year.items["late"]
    sync_item_permissions(late)  # the scenario writes facts directly; the flow would have granted these
    page = plain_text(browsers["office"].get(f"/items/{late.pk}/"))
    assert "年度考核计分" in page and "第3项“完善内部制度建设”：分值 10，得" in page
    assert "逾期12天（每周扣0.5分）" in page and "退回整改2次" in page
    # The official sees his item, but not a draft's score; once published he does.
    before = browsers["official"].get(f"/items/{late.pk}/")
    assert before.status_code == 200 and "年度考核计分" not in plain_text(before)
    publish(draft, user=cast.committee)
    assert "逾期12天（每周扣0.5分）" in plain_text(browsers["official"].get(f"/items/{late.pk}/"))
