"""The workspace (工作台) at /: each role's sections through the test client, as the user sees them."""

from __future__ import annotations

import datetime
import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.compute import publish
from responsibility.models import Category, ItemStatus, Post, Rag, ResponsibilityItem, Unit
from tests.assessment.year import build_year
from tests.browser import Browser, plain_text, text
from tests.workflow.drive import do, find_task, item_at, set_deadline
from tests.workspace.page import block, block_text, ids, table_rows
from workflow import lights, summary
from workflow.models import LightCount

HOME = "/"
SECTIONS = {"ws-committee", "ws-office", "ws-leader", "ws-official", "ws-inspector", "ws-assessor"}
SEEN = {
    "committee": {"ws-committee"},
    "office": {"ws-office"},
    "leader": {"ws-leader"},
    "official": {"ws-official"},
    "official2": {"ws-official"},
    "inspector": {"ws-inspector"},
    "assessor": {"ws-assessor"},
    "outsider": set(),
}


def test_the_workspace_is_the_home_page_and_the_task_list_moved_to_tasks(cast):
    assert reverse("workflow:home") == HOME
    assert reverse("workflow:my_tasks") == "/tasks/"


def test_logging_in_lands_on_the_workspace(cast):
    browser = Browser()
    response = browser.submit(reverse("login"), {"username": "official", "password": "luoshi-test-pass"})
    assert response.status_code == 302 and response["Location"] == HOME


@pytest.mark.parametrize("role", list(SEEN))
def test_each_role_sees_the_sections_of_its_posts_and_no_other(cast, browsers, role):
    page = browsers[role].get(HOME)
    assert page.status_code == 200
    assert "<h1>工作台</h1>" in text(page)
    assert ids(page) & SECTIONS == SEEN[role]


def test_someone_holding_two_posts_sees_the_sections_of_both(cast, browsers):
    Post.objects.create(unit=cast.committee_unit, title="组长", role=Post.Role.LEADER, holder=cast.committee)
    assert ids(browsers["committee"].get(HOME)) & SECTIONS == {"ws-committee", "ws-leader"}


def test_the_outsider_gets_an_empty_workspace_without_anyone_elses_data(cast, browsers):
    item = item_at(cast, "work", title="保密的事项")
    page = browsers["outsider"].get(HOME)
    assert "workspace-empty" in ids(page)
    assert "保密的事项" not in text(page) and f"/items/{item.pk}/" not in text(page)
    assert "赵所长" not in text(page)


def test_a_login_without_a_post_gets_no_assessment_or_item_data(cast, browsers):
    build_year(cast)
    page = browsers["outsider"].get(HOME)
    assert "考核排名" not in text(page) and "司法所" not in plain_text(page)


# --- the committee ------------------------------------------------------------------------------------------


def due_in(item, days: int) -> ResponsibilityItem:
    """The item and its one unit's part due in ``days`` (an official's task shows his unit's date)."""
    set_deadline(item, timezone.localdate() + datetime.timedelta(days=days))
    return item


def lit(cast, title: str, rag: str, **kwargs) -> ResponsibilityItem:
    item = item_at(cast, "work", title=title, **kwargs)
    ResponsibilityItem.objects.filter(pk=item.pk).update(rag=rag)
    return item


def test_the_committee_sees_completion_and_lights_by_category_and_unit(cast, browsers):
    lit(cast, "红灯事项", Rag.RED)
    lit(cast, "黄灯事项", Rag.YELLOW)
    lit(cast, "绿灯事项", Rag.GREEN)
    closed = item_at(cast, "work", title="已办结事项")
    ResponsibilityItem.objects.filter(pk=closed.pk).update(status=ItemStatus.CLOSED, rag="", percent_done=100)
    page = browsers["committee"].get(HOME)
    # category, items, closed, completion, mean progress, red, yellow, green
    assert table_rows(page, "committee-categories") == [["依法全面履行政府职能", "4", "1", "25%", "25%", "1", "1", "1"]]
    assert table_rows(page, "committee-units") == [["司法所", "4", "1", "25%", "25%", "1", "1", "1"]]
    assert "共 4 项，已办结 1 项（25%）" in plain_text(page)


def test_the_committee_sees_each_category_and_lead_unit_on_a_line_of_its_own_in_their_order(cast, browsers):
    # One grouped query counts both tables: each line must still hold only its own group's items.
    earlier = Category.objects.create(plan=cast.plan, name="完善依法行政制度体系", order=0, points=Decimal(8))
    Unit.objects.filter(pk=cast.justice.pk).update(order=5)
    Unit.objects.filter(pk=cast.community.pk).update(order=1)
    lit(cast, "红灯事项", Rag.RED)
    moved = lit(cast, "黄灯事项", Rag.YELLOW)
    ResponsibilityItem.objects.filter(pk=moved.pk).update(category=earlier, lead_unit=cast.community, percent_done=50)
    loose = lit(cast, "绿灯事项", Rag.GREEN)
    ResponsibilityItem.objects.filter(pk=loose.pk).update(category=None, percent_done=30)
    page = browsers["committee"].get(HOME)
    # category, items, closed, completion, mean progress, red, yellow, green; no category last
    assert table_rows(page, "committee-categories") == [
        ["完善依法行政制度体系", "1", "0", "0%", "50%", "0", "1", "0"],
        ["依法全面履行政府职能", "1", "0", "0%", "0%", "1", "0", "0"],
        ["—", "1", "0", "0%", "30%", "0", "0", "1"],
    ]
    assert table_rows(page, "committee-units") == [
        ["兴科社区", "1", "0", "0%", "50%", "0", "1", "0"],
        ["司法所", "2", "0", "0%", "15%", "1", "0", "1"],
    ]


def test_the_committee_trend_shows_the_numbers_of_the_light_history(cast, browsers):
    today = timezone.localdate()
    start, _end = summary.bounds(*summary.quarter_of(today))
    red, green = lit(cast, "红灯事项", Rag.RED), lit(cast, "绿灯事项", Rag.GREEN)
    days = sorted({start, start + datetime.timedelta(days=1), today} - {d for d in [today] if d < start})
    for n, day in enumerate(d for d in days if d <= today):
        ResponsibilityItem.objects.filter(pk=green.pk).update(rag=Rag.YELLOW if n % 2 else Rag.GREEN)
        lights.record(day)
    ResponsibilityItem.objects.filter(pk=red.pk).update(rag=Rag.GREEN)  # today's state, not the history
    expected = lights.series(cast.plan, start, today)
    assert expected and LightCount.objects.exists()

    rows = table_rows(browsers["committee"].get(HOME), "committee-trend")
    assert [row[1:] for row in rows] == [[str(p.red), str(p.yellow), str(p.green), str(p.total)] for p in expected]
    assert [row[0] for row in rows] == [f"{p.day.year}年{p.day.month}月{p.day.day}日" for p in expected]


def test_the_committee_trend_is_charted_from_our_own_static_files(cast, browsers):
    lit(cast, "红灯事项", Rag.RED)
    lights.record(timezone.localdate())
    page = text(browsers["committee"].get(HOME))
    assert 'id="trend-chart"' in page and 'id="categories-chart"' in page
    assert "/static/vendor/chart.js/chart.umd.js" in page and "/static/js/workspace_charts.js" in page
    assert "cdn" not in page.lower() and "https://" not in re.sub(r'href="https://[^"]*"', "", page)
    data = re.search(r'<script id="committee-trend-data" type="application/json">(.*?)</script>', page, re.S)
    assert json.loads(data.group(1))["series"][0] == {"key": "red", "label": "红灯", "data": [1]}


def test_the_committee_sees_the_latest_results_and_what_waits_for_its_decision(cast, browsers):
    year = build_year(cast)
    draft = year.compute(cast.office)
    page = browsers["committee"].get(HOME)
    ranking = table_rows(page, "committee-ranking")
    assert [row[1] for row in ranking][:1] and "待发布" in block_text(page, "committee-ranking")
    assert f'href="{reverse("assessment:result", args=[draft.pk])}"' in block(page, "committee-decisions")
    assert "第1版考核结果待发布" in block_text(page, "committee-decisions")

    published = publish(draft, user=cast.committee)
    page = browsers["committee"].get(HOME)
    decisions = block_text(page, "committee-decisions")
    assert "待发布" not in decisions and "项奖惩建议待审定" in decisions
    assert f'href="{reverse("assessment:rewards", args=[published.pk])}"' in block(page, "committee-decisions")
    assert "已发布" in block_text(page, "committee-ranking")


# --- the office -------------------------------------------------------------------------------------------------


def test_the_office_sees_plans_items_to_deploy_extensions_and_send_backs(cast, browsers):
    to_deploy = item_at(cast, "deploy", title="待部署的事项")
    extension = item_at(cast, "decide_extension", title="申请延期的事项")
    sent_back = item_at(cast, "accept", title="被退回的事项")
    do(cast.official, sent_back, "accept", decision="send_back", reason="不属于本单位职责")
    page = browsers["office"].get(HOME)
    assert cast.plan.title in block_text(page, "office-plans")
    assert "待部署的事项" in block_text(page, "office-deploy")
    assert "被退回的事项" not in block_text(page, "office-deploy")
    assert "申请延期的事项" in block_text(page, "office-extensions")
    # The unit's send-back waits at 重新交办 (redeploy), linked from the section.
    redeploy_link = reverse("workflow:task", args=[find_task(sent_back, "redeploy").pk])
    assert f'href="{redeploy_link}"' in block(page, "office-sent-back")
    deploy_link = reverse("workflow:task", args=[find_task(to_deploy, "deploy").pk])
    assert f'href="{deploy_link}"' in block(page, "office-deploy")
    assert extension.title in plain_text(page)


# --- the lead leader ------------------------------------------------------------------------------------------


def test_the_lead_leader_sees_his_items_their_status_and_what_is_late(cast, browsers):
    late = due_in(item_at(cast, "work", title="逾期的事项"), -12)
    due_in(item_at(cast, "work", title="按期的事项"), 3)
    page = browsers["leader"].get(HOME)
    assert "按期的事项" in block_text(page, "leader-items") and "逾期的事项" in block_text(page, "leader-items")
    assert "剩余3天" in block_text(page, "leader-items")
    assert "逾期的事项" in block_text(page, "leader-late") and "按期的事项" not in block_text(page, "leader-late")
    assert "逾期12天" in block_text(page, "leader-late")
    assert "办理中 2" in block_text(page, "leader-status")
    assert late.pk


# --- the responsible official ----------------------------------------------------------------------------


def test_the_official_sees_his_tasks_by_due_date_with_days_left(cast, browsers):
    later = due_in(item_at(cast, "work", title="年底的事项"), 30)
    sooner = due_in(item_at(cast, "accept", title="下周的事项"), 5)
    overdue = due_in(item_at(cast, "work", title="逾期的事项"), -2)
    page = browsers["official"].get(HOME)
    tasks = block(page, "official-tasks")
    assert tasks.index("逾期的事项") < tasks.index("下周的事项") < tasks.index("年底的事项")
    shown = block_text(page, "official-tasks")
    assert "逾期2天" in shown and "剩余5天" in shown and "剩余30天" in shown
    report_link = reverse("workflow:task", args=[find_task(later, "work").pk])
    assert f'href="{report_link}">进度反馈</a>' in tasks
    assert sooner.pk and overdue.pk
    assert "official-tasks" in ids(browsers["official2"].get(HOME))
    assert "年底的事项" not in text(browsers["official2"].get(HOME))


def test_the_progress_report_form_works_on_a_phone(cast, browsers):
    item = item_at(cast, "work")
    page = text(browsers["official"].get(reverse("workflow:task", args=[find_task(item, "work").pk])))
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in page
    assert 'enctype="multipart/form-data"' in page and 'type="file"' in page and "multiple" in page
    assert '<label for="id_narrative">工作进展' in page and '<label for="id_evidence">佐证材料' in page


# --- the inspector and the assessor ---------------------------------------------------------------------


def test_the_inspector_sees_the_board_summary_and_the_verification_queue(cast, browsers):
    lit(cast, "红灯事项", Rag.RED)
    claimed = item_at(cast, "verify", title="待核验的事项")
    page = browsers["inspector"].get(HOME)
    board = block_text(page, "inspector-board")
    assert "红灯 1" in board and "红灯事项" in board and "在办 2 项" in board
    assert f'href="{reverse("workflow:board")}"' in block(page, "inspector-board")
    assert "待核验的事项" in block_text(page, "inspector-verify")
    assert reverse("workflow:task", args=[find_task(claimed, "verify").pk]) in block(page, "inspector-verify")


def test_the_assessor_sees_items_to_score_events_to_record_and_the_years_results(cast, browsers):
    year = build_year(cast)
    draft = year.compute(cast.office)
    scored = item_at(cast, "assess", title="待评分的事项")
    page = browsers["assessor"].get(HOME)
    assert "待评分的事项" in block_text(page, "assessor-score")
    assert reverse("workflow:task", args=[find_task(scored, "assess").pk]) in block(page, "assessor-score")
    assert reverse("assessment:events", args=[year.scheme.pk]) in block(page, "assessor-events")
    assert "已登记 3 项" in block_text(page, "assessor-events")
    assert reverse("assessment:result", args=[draft.pk]) in block(page, "assessor-results")


# --- what it costs -------------------------------------------------------------------------------------------

# The office's lists of steps (部署交办, 延期申请, 退回) read part by part (its own tasks and the
# office's pool, each off its own index): a query more for each list that is not empty.
CAPS = {
    "committee": 25,
    "office": 18,
    "leader": 14,
    "official": 14,
    "inspector": 15,
    "assessor": 17,
    "outsider": 7,
}


def count_queries(browser) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    browser.get(HOME)  # warm-up: ContentType and permission caches
    with CaptureQueriesContext(connection) as ctx:
        assert browser.get(HOME).status_code == 200
    return len(ctx)


def a_few(cast, n: int, today) -> None:
    for i in range(n):
        for step in ("deploy", "decide_extension", "verify", "assess"):
            due_in(item_at(cast, step, title=f"{step}{i}"), -i)
        lit(cast, f"红灯{i}", Rag.RED)
    lights.record(today)


@pytest.mark.parametrize("role", list(CAPS))
def test_the_workspace_costs_the_same_for_few_and_many_items(cast, browsers, role, django_assert_max_num_queries):
    build_year(cast).compute(cast.office)
    today = timezone.localdate()
    a_few(cast, 1, today)
    few = count_queries(browsers[role])
    a_few(cast, 6, today)
    many = count_queries(browsers[role])
    assert few == many
    with django_assert_max_num_queries(CAPS[role]):
        browsers[role].get(HOME)


def test_the_offices_lists_read_its_own_tasks_and_the_pool_apart(cast, browsers):
    """Each list's first rows are read off each part's index (its held tasks; the free deploy steps
    of its plans): asked as one OR, the whole pool was read and sorted to show eight."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    older, newer = (item_at(cast, "deploy", title=title) for title in ("先到的事项", "后到的事项"))
    browsers["office"].get(HOME)
    with CaptureQueriesContext(connection) as ctx:
        page = browsers["office"].get(HOME)
    listed = [q["sql"] for q in ctx if (q["sql"] or "").startswith('SELECT "viewflow_task"."id"')]
    held, free = f'"viewflow_task"."owner_id" = {cast.office.pk}', '"viewflow_task"."owner_id" IS NULL'
    assert listed and not [sql for sql in listed if held in sql and free in sql]
    shown = block_text(page, "office-deploy")
    assert shown.index("先到的事项") < shown.index("后到的事项")
