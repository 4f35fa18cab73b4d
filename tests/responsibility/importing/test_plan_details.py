"""The frame as the office meets it: the plan named by its own title line, the title, 文号 and year
corrected on their own page, and a document that is not a work plan said to be one that is not."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from responsibility.importing.headers import doc_number_of
from responsibility.models import Milestone, PlanImport, WorkPlan
from tests.browser import Browser, field_errors, messages, plain_text

ROLES = ["committee", "office", "leader", "official", "official2", "inspector", "assessor", "outsider"]

PORTAL_NOTICE = """来源：某街道办事处网站　浏览次数：88
【字体：大 中 小】【打印本页】
索 引 号：11500-2024-0102
文  号：某街办发〔2024〕11号
公开方式：主动公开
某街道办事处关于印发
某街道2024年城市管理工作要点
的通知
各社区、街道各科室：
现将《某街道2024年城市管理工作要点》印发给你们，请认真抓好落实。
附件：某街道2024年城市管理工作要点
某街道办事处
2024年3月2日
附件
某街道2024年城市管理工作要点
一、市容环境整治
1.整治占道经营。
责任单位：城管办
完成时限：6月底前
2.清理违规广告牌。
责任单位：城管办
时间节点：3月底前摸排，2024年9月30日前完成
"""

MEETING_NOTICE = """关于召开2024年第一季度安全例会的通知
各社区、各科室：
现将有关事项通知如下：
一、会议时间
4月2日上午9:00
二、会议地点
街道二楼会议室
三、参会人员
各社区主任。
某街道办事处
2024年3月28日
"""


def import_text(cast, capture, text, year=2024):
    browser = Browser(cast.office)
    form = {"organisation": cast.street.pk, "year": year, "title": "", "text": text}
    with capture(execute=True):
        browser.submit(reverse("plans:import"), form)
    job = PlanImport.objects.latest("id")
    assert job.status == PlanImport.Status.DONE, job.message
    return browser, job.plan


@pytest.fixture
def draft(cast, django_capture_on_commit_callbacks):
    return import_text(cast, django_capture_on_commit_callbacks, PORTAL_NOTICE)


def details(plan):
    return reverse("plans:plan_edit", args=[plan.pk])


def test_the_review_names_the_plan_by_its_own_title_and_shows_its_frame(draft):
    browser, plan = draft
    assert plan.title == "某街道2024年城市管理工作要点"
    page = plain_text(browser.get(reverse("plans:review", args=[plan.pk])))
    assert "某街道2024年城市管理工作要点 · 2024 年度 · 文号：某街办发〔2024〕11号 修改标题、文号和年度" in page
    assert "某街道办事处关于印发某街道2024年城市管理工作要点的通知" in page
    assert "索引号：11500-2024-0102" in page and "附件：某街道2024年城市管理工作要点" in page
    assert "网页上的栏目文字" in page and "来源：某街道办事处网站" in page
    assert "这份文件看起来不像工作要点" not in page
    assert [item.title for item in plan.items.order_by("order")] == ["市容环境整治", "整治占道经营", "清理违规广告牌"]


def test_the_office_corrects_the_title_doc_number_and_year(draft):
    browser, plan = draft
    form = {"title": " 某街道2025年城市管理 工作要点 ", "doc_number": "某街办发〔2025〕3号", "year": 2025}
    response = browser.submit(details(plan), form, follow=True)
    plan.refresh_from_db()
    assert (plan.title, plan.year) == ("某街道2025年城市管理 工作要点", 2025)
    assert plan.headers["doc_number"] == "某街办发〔2025〕3号"
    assert plan.headers["index"].startswith("索引号：11500-2024-0102")  # what the portal said stays
    assert messages(response) == [
        "已保存《某街道2025年城市管理 工作要点》的标题、文号和年度。",
        "2 个原文未写年份的完成时限或时间节点已改到 2025 年。",
    ]
    # "6月底前" and "3月底前摸排" were read in the year given at import; "2024年9月30日前" names its own.
    street = plan.items.get(title="整治占道经营")
    signs = plan.items.get(title="清理违规广告牌")
    assert street.deadline == street.due_by == datetime.date(2025, 6, 30)
    assert signs.deadline == datetime.date(2024, 9, 30)
    dues = list(Milestone.objects.filter(item=signs).order_by("title").values_list("title", "due"))
    assert dues == [("2024年9月30日前完成", datetime.date(2024, 9, 30)), ("3月底前摸排", datetime.date(2025, 3, 31))]


def test_the_form_shows_what_the_import_read(draft):
    browser, plan = draft
    html = browser.get(details(plan)).content.decode()
    assert 'value="某街道2024年城市管理工作要点"' in html
    assert 'value="某街办发〔2024〕11号"' in html  # from the portal's 文号 row
    assert 'value="2024"' in html


def test_an_empty_doc_number_is_kept_empty(draft):
    browser, plan = draft
    browser.submit(details(plan), {"title": plan.title, "doc_number": "", "year": 2024})
    plan.refresh_from_db()
    assert doc_number_of(plan.headers) == ""
    page = plain_text(browser.get(reverse("plans:review", args=[plan.pk])))
    assert "2024 年度 修改标题" in page


@pytest.mark.parametrize(
    ("form", "field", "error"),
    [
        ({"title": "", "doc_number": "", "year": 2024}, "title", "这个字段是必填项。"),
        ({"title": "某要点", "doc_number": "", "year": 1999}, "year", "确保该值大于或等于2000。"),
        ({"title": "某要点", "doc_number": "", "year": "二〇二四"}, "year", "输入整数。"),
    ],
)
def test_bad_values_are_refused_and_nothing_changes(draft, form, field, error):
    browser, plan = draft
    response = browser.submit(details(plan), form)
    assert response.status_code == 200 and field_errors(response, field) == [error]
    plan.refresh_from_db()
    assert (plan.title, plan.year) == ("某街道2024年城市管理工作要点", 2024)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_office_corrects_a_draft(cast, draft, role):
    _browser, plan = draft
    browser = Browser(cast.roles[role])
    expected_page, expected_post = (200, 302) if role == "office" else (404, 404)
    assert browser.get(details(plan)).status_code == expected_page
    response = browser.submit(details(plan), {"title": "改了", "doc_number": "", "year": 2030})
    assert response.status_code == expected_post
    plan.refresh_from_db()
    assert (plan.title == "改了") == (role == "office")


@pytest.mark.parametrize("role", ROLES)
def test_the_link_is_shown_to_those_who_may_follow_it(cast, draft, role):
    _browser, plan = draft
    response = Browser(cast.roles[role]).get(reverse("plans:review", args=[plan.pk]))
    if role in ("office", "committee"):
        assert ("修改标题、文号和年度" in plain_text(response)) == (role == "office")
    else:
        assert response.status_code == 404


def test_a_published_plan_keeps_its_title(draft):
    browser, plan = draft
    WorkPlan.objects.filter(pk=plan.pk).update(status=WorkPlan.Status.PUBLISHED)
    response = browser.get(details(plan))
    assert "工作要点已发布，标题、文号和年度不能再修改；办结与延期规则仍可调整。" in plain_text(response)
    browser.submit(details(plan), {"title": "改了", "doc_number": "", "year": 2030})
    plan.refresh_from_db()
    assert (plan.title, plan.year) == ("某街道2024年城市管理工作要点", 2024)


def test_a_year_other_than_the_titles_is_pointed_out_and_corrected(cast, django_capture_on_commit_callbacks):
    browser, plan = import_text(cast, django_capture_on_commit_callbacks, PORTAL_NOTICE, year=2025)
    review = reverse("plans:review", args=[plan.pk])
    warning = (
        "标题写的是 2024 年，导入时选择的是 2025 年：未写年份的时限按 2025 年计算。"
        "如有误，请在“修改标题、文号和年度”中更正。"
    )
    assert warning in plain_text(browser.get(review))
    assert plan.items.get(title="整治占道经营").deadline == datetime.date(2025, 6, 30)
    browser.submit(details(plan), {"title": plan.title, "doc_number": "某街办发〔2024〕11号", "year": 2024})
    assert plan.items.get(title="整治占道经营").deadline == datetime.date(2024, 6, 30)
    assert WorkPlan.objects.get(pk=plan.pk).year == 2024


def test_a_document_that_is_not_a_plan_imports_and_says_why(cast, django_capture_on_commit_callbacks):
    browser, plan = import_text(cast, django_capture_on_commit_callbacks, MEETING_NOTICE)
    page = plain_text(browser.get(reverse("plans:review", args=[plan.pk])))
    assert "这份文件看起来不像工作要点" in page
    assert "编号的任务只有 3 项（工作要点通常有 5 项以上）" in page
    assert "没有写明责任单位、牵头单位或责任人" in page and "没有写明完成时限" in page
    assert "已找到：标题写明了年度" in page
    assert plan.items.count() == 3  # imported all the same, for the office to decide


def test_the_command_says_so_too(cast, tmp_path):
    path = tmp_path / "会议通知.txt"
    path.write_text(MEETING_NOTICE, encoding="utf-8")
    out = io.StringIO()
    call_command("import_workplan", str(path), "--org", "回兴街道", "--year", "2024", "--dry-run", stdout=out)
    assert "这份文件看起来不像工作要点：编号的任务只有 3 项" in out.getvalue()


EVENT_NOTICE = """关于举办2024年社区邻里节活动的通知
各社区、各网格：
为增进邻里感情，定于2024年6月举办社区邻里节。现将有关事项通知如下：
一、活动时间
6月15日至6月16日。
二、活动地点
各社区文化广场。
三、活动内容
1.百家宴；
2.邻里才艺展示；
3.旧物交换集市；
4.亲子运动会。
四、报名方式
请于6月5日前报送参加人数。
某街道办事处
2024年5月20日
"""


def test_an_event_notice_with_many_parts_and_dates_is_flagged_for_its_title(cast, django_capture_on_commit_callbacks):
    browser, plan = import_text(cast, django_capture_on_commit_callbacks, EVENT_NOTICE)
    page = plain_text(browser.get(reverse("plans:review", args=[plan.pk])))
    assert "这份文件看起来不像工作要点" in page
    assert "标题“关于举办2024年社区邻里节活动的通知”是一份通知（如会议通知）" in page
    assert "没有写明责任单位、牵头单位或责任人" in page
    assert "有 7 项编号的任务" in page and "写明了完成时限" in page
