"""The life of an item through the pages, with CSRF checks on, as each person in the cast sees it."""

import hashlib
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from responsibility.models import Evidence, ItemStatus, Person, Post
from tests.browser import Browser, field_errors, messages, status_shown, text, timeline, timeline_notes, url
from tests.cast import PASSWORD
from tests.workflow.drive import deploy_data, find_task, in_days, item_at
from workflow import services
from workflow.models import Notification

pytestmark = pytest.mark.usefixtures("media")

PDF = "%PDF-1.4\n2020年法律咨询台账：接待咨询 80 起\n%%EOF\n".encode()


def task_url(browser, item) -> str:
    """The 办理 link of the item's row on the user's my-tasks page."""
    page = browser.get(url("my_tasks"))
    assert page.status_code == 200
    for row in re.findall(r"<tr>(.*?)</tr>", text(page), re.S):
        if f'href="{url("item", item.pk)}"' in row:
            return re.search(r'href="(/tasks/\d+/)"', row).group(1)
    raise AssertionError(f"{browser.user} has no task for {item} on the my-tasks page")


def assert_item_page(page, item, *, message: str, status: str, last_event: str) -> None:
    assert page.redirect_chain[-1] == (url("item", item.pk), 302)
    assert message in messages(page)
    assert status_shown(page) == status
    assert timeline(page)[-1] == last_event


def evidence_file(name="法律咨询台账.pdf", content=PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def report(indicator, value: str, **extra) -> dict:
    data = {"action": "report", "period": "2020-03", "percent_done": "40", "narrative": "已接待咨询 80 起"}
    data[f"indicator_{indicator.pk}"] = value
    return {**data, **extra}


@pytest.fixture
def browsers(cast):
    return {role: Browser.log_in(person) for role, person in cast.roles.items()}


def test_an_item_lives_its_whole_life_through_the_pages(cast, browsers):
    office, official, inspector, assessor = (browsers[r] for r in ["office", "official", "inspector", "assessor"])
    item = cast.item()
    services.launch(item, cast.office)
    indicator = item.indicators.get()

    page = office.submit(task_url(office, item), deploy_data(cast, item, note="请按季度报送"), follow=True)
    assert_item_page(page, item, message="已提交：部署交办", status="待签收", last_event="部署交办")

    page = official.submit(task_url(official, item), {"decision": "accept"}, follow=True)
    assert_item_page(page, item, message="已提交：签收", status="办理中", last_event="签收")

    data = report(indicator, "80", evidence=evidence_file())
    page = official.submit(task_url(official, item), data, follow=True)
    assert_item_page(page, item, message="已提交：办理反馈", status="办理中", last_event="进度反馈")
    assert "法律咨询：80起" in text(page)
    assert "法律咨询台账.pdf" in text(page)
    assert "40%" in text(page)

    data = report(indicator, "213", action="claim", period="2020-12", narrative="全年接待咨询 213 起")
    page = official.submit(task_url(official, item), data, follow=True)
    assert_item_page(page, item, message="已提交：办理反馈", status="待核验", last_event="申请办结")
    assert "法律咨询：213起" in text(page)

    data = {"decision": "return", "rectification_points": "补充咨询登记台账", "rectification_deadline": in_days(10)}
    page = inspector.submit(task_url(inspector, item), data, follow=True)
    assert_item_page(page, item, message="已提交：督查核验", status="整改中", last_event="退回整改")
    assert "整改要求：补充咨询登记台账" in text(page)

    page = official.submit(task_url(official, item), {"narrative": "已补充登记台账"}, follow=True)
    assert_item_page(page, item, message="已提交：整改", status="待核验", last_event="整改完成")

    page = inspector.submit(task_url(inspector, item), {"decision": "pass", "comments": "材料齐全"}, follow=True)
    assert_item_page(page, item, message="已提交：督查核验", status="待考核", last_event="核验通过")

    page = assessor.submit(task_url(assessor, item), {"quality": "8", "comment": "工作扎实"}, follow=True)
    assert_item_page(page, item, message="已提交：考核评分", status="已办结销号", last_event="考核评分")
    assert "考核得分" in text(page)
    assert timeline(page) == [
        "创建",
        "部署交办",
        "签收",
        "进度反馈",
        "申请办结",
        "退回整改",
        "整改完成",
        "核验通过",
        "考核评分",
    ]
    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSED
    assert not services.active_task_for_item(item).exists()


def test_the_office_sees_a_new_item_as_a_free_task_to_deploy(cast, browsers):
    item = item_at(cast, "deploy")
    page = browsers["office"].get(url("my_tasks"))
    assert "部署交办" in text(page) and "（本岗位人员均可办理）" in text(page)
    assert url("item", item.pk) in text(page)


def test_the_task_page_shows_the_step_and_the_item(cast, browsers):
    item = item_at(cast, "accept")
    page = browsers["official"].get(url("task", find_task(item, "accept").pk))
    assert page.status_code == 200
    assert "<h1>签收</h1>" in text(page)
    assert "完善内部制度建设" in text(page) and "2030年12月31日" in text(page)


# Send back (退回) and re-deploy.


def test_an_official_sends_an_item_back_and_the_office_deploys_it_again(cast, browsers):
    office, official = browsers["office"], browsers["official"]
    item = item_at(cast, "accept")

    data = {"decision": "send_back", "reason": "本事项应由兴科社区承办"}
    page = official.submit(task_url(official, item), data, follow=True)
    assert_item_page(page, item, message="已提交：签收", status="被退回待重新部署", last_event="退回")
    assert "本事项应由兴科社区承办" in timeline_notes(page)

    data = {"post": cast.posts["official"].pk, "note": "已核实，仍由司法所承办"}
    page = office.submit(task_url(office, item), data, follow=True)
    assert_item_page(page, item, message="已提交：重新交办", status="待签收", last_event="部署交办")

    page = official.submit(task_url(official, item), {"decision": "accept"}, follow=True)
    assert_item_page(page, item, message="已提交：签收", status="办理中", last_event="签收")
    assert timeline(page) == ["创建", "部署交办", "退回", "部署交办", "签收"]


# Extension (延期申请).


def request_extension(browser, item, new_deadline="2031-06-30"):
    data = {
        "action": "extension",
        "period": "2020-06",
        "percent_done": "50",
        "narrative": "受场地改造影响，需延期",
        "new_deadline": new_deadline,
    }
    return browser.submit(task_url(browser, item), data, follow=True)


def test_an_approved_extension_moves_the_deadline_and_keeps_the_original(cast, browsers):
    office, official = browsers["office"], browsers["official"]
    item = item_at(cast, "work")

    page = request_extension(official, item)
    assert_item_page(page, item, message="已提交：办理反馈", status="延期审批中", last_event="申请延期")

    decide = task_url(office, item)
    form = office.get(decide)
    assert "延期审批" in text(form)
    assert "2031年6月30日" in text(form), "the office must see the date it is asked to approve"
    assert "受场地改造影响，需延期" in text(form)

    page = office.submit(decide, {"decision": "approve", "comment": "同意延期"}, follow=True)
    assert_item_page(page, item, message="已提交：延期审批", status="办理中", last_event="同意延期")
    assert "2031年6月30日" in text(page)
    assert "原定 2030年12月31日" in text(page)
    item.refresh_from_db()
    assert str(item.deadline) == "2031-06-30"
    assert str(item.original_deadline) == "2030-12-31"
    assert find_task(item, "work").owner == cast.official


def test_a_refused_extension_keeps_the_deadline(cast, browsers):
    office, official = browsers["office"], browsers["official"]
    item = item_at(cast, "work")
    request_extension(official, item)

    page = office.submit(task_url(office, item), {"decision": "refuse", "comment": "请按期完成"}, follow=True)
    assert_item_page(page, item, message="已提交：延期审批", status="办理中", last_event="不同意延期")
    assert "请按期完成" in timeline_notes(page)
    assert "原定" not in text(page)
    item.refresh_from_db()
    assert str(item.deadline) == "2030-12-31"


# Form errors, shown next to their field, in Chinese.


def test_sending_back_without_a_reason_shows_the_error_under_the_reason(cast, browsers):
    item = item_at(cast, "accept")
    page = browsers["official"].submit(task_url(browsers["official"], item), {"decision": "send_back", "reason": " "})
    assert page.status_code == 200
    assert field_errors(page, "reason") == ["退回时必须说明理由。"]
    assert field_errors(page, "decision") == []
    item.refresh_from_db()
    assert item.status == ItemStatus.ACCEPTING


def test_returning_without_rectification_points_or_deadline_shows_both_errors(cast, browsers):
    item = item_at(cast, "verify")
    page = browsers["inspector"].submit(task_url(browsers["inspector"], item), {"decision": "return"})
    assert page.status_code == 200
    assert field_errors(page, "rectification_points") == ["退回整改须写明整改要求。"]
    assert field_errors(page, "rectification_deadline") == ["退回整改须给出整改时限。"]
    item.refresh_from_db()
    assert item.status == ItemStatus.CLAIMED


def test_a_rectification_deadline_in_the_past_is_refused(cast, browsers):
    item = item_at(cast, "verify")
    data = {"decision": "return", "rectification_points": "补充台账", "rectification_deadline": in_days(-1)}
    page = browsers["inspector"].submit(task_url(browsers["inspector"], item), data)
    assert field_errors(page, "rectification_deadline") == ["整改时限不能早于今天。"]


def test_a_report_without_a_narrative_says_the_field_is_required_in_chinese(cast, browsers):
    item = item_at(cast, "work")
    data = {"action": "report", "period": "2020-03", "percent_done": "40"}
    page = browsers["official"].submit(task_url(browsers["official"], item), data)
    assert page.status_code == 200
    assert field_errors(page, "narrative") == ["这个字段是必填项。"]
    assert item.reports.count() == 0


def test_an_extension_to_an_earlier_date_is_refused(cast, browsers):
    item = item_at(cast, "work")
    page = request_extension(browsers["official"], item, new_deadline="2030-06-30")
    assert field_errors(page, "new_deadline") == ["新的完成时限须晚于现有时限。"]
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS


def test_deploying_without_a_deadline_asks_for_one(cast, browsers):
    item = item_at(cast, "deploy")
    page = browsers["office"].submit(task_url(browsers["office"], item), deploy_data(cast, item, deadline=""))
    assert field_errors(page, "deadline") == ["请填写完成时限，或勾选“长期坚持”。"]


# Evidence (佐证材料).


@pytest.fixture
def reported(cast, browsers):
    """An item with one progress report carrying one evidence file, reported through the page."""
    item = item_at(cast, "work")
    data = report(item.indicators.get(), "80", evidence=evidence_file())
    browsers["official"].submit(task_url(browsers["official"], item), data)
    return item, Evidence.objects.get(report__item=item)


def test_the_evidence_fingerprint_is_stored_and_shown(reported, browsers):
    item, evidence = reported
    assert evidence.sha256 == hashlib.sha256(PDF).hexdigest()
    assert evidence.size == len(PDF)
    assert evidence.original_name == "法律咨询台账.pdf"
    page = browsers["committee"].get(url("item", item.pk))
    # Plain words on the page, the whole fingerprint one click away (not a raw string beside the name).
    assert "文件校验码（核对文件是否被改动）</summary><code>SHA-256 " + evidence.sha256 + "</code>" in text(page)
    assert f"SHA-256 {evidence.sha256[:16]}…" not in text(page)
    assert f'href="{url("evidence", evidence.pk)}"' in text(page)


@pytest.mark.parametrize("role", ["official", "office", "committee", "leader", "inspector", "assessor"])
def test_those_who_see_the_item_download_its_evidence(reported, browsers, role):
    _item, evidence = reported
    response = browsers[role].get(url("evidence", evidence.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]


@pytest.mark.parametrize("role", ["official2", "outsider"])
def test_evidence_of_an_item_one_may_not_see_is_not_found(reported, browsers, role):
    _item, evidence = reported
    assert browsers[role].get(url("evidence", evidence.pk)).status_code == 404


def test_evidence_is_for_logged_in_people_only(reported):
    _item, evidence = reported
    response = Browser().get(url("evidence", evidence.pk))
    assert response.status_code == 302 and response["Location"].startswith("/login/")


# Urge (催办) and notifications.


def test_an_inspector_urges_and_the_official_is_notified(cast, browsers, django_capture_on_commit_callbacks):
    inspector, official = browsers["inspector"], browsers["official"]
    item = item_at(cast, "work")
    assert "发送催办" in text(inspector.get(url("item", item.pk)))

    with django_capture_on_commit_callbacks(execute=True):
        page = inspector.submit(
            url("urge", item.pk), {"note": "请于本周五前报送进度"}, form_page=url("item", item.pk), follow=True
        )
    assert_item_page(page, item, message="已催办，责任人将收到通知。", status="办理中", last_event="催办")
    assert "请于本周五前报送进度" in timeline_notes(page)

    notification = Notification.objects.get(recipient=cast.official, kind=Notification.Kind.URGE)
    assert notification.item == item
    assert notification.delivered_at is not None
    assert notification.read_at is None

    page = official.get(url("notifications"))
    assert f"催办：{item}" in text(page)
    assert "请于本周五前报送进度" in text(page)
    assert '<span class="badge">2</span>' in text(page)  # and the 交办 of the item, shown with it

    read = url("notification_read", notification.pk)
    deployed = Notification.objects.get(recipient=cast.official, kind=Notification.Kind.DEPLOYED)
    page = official.submit(read, {"also": [deployed.pk]}, form_page=url("notifications"), follow=True)
    assert page.redirect_chain[-1] == (url("item", item.pk), 302)
    assert 'class="badge"' not in text(page)
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_urging_without_a_note_says_what_is_missing(cast, browsers):
    item = item_at(cast, "work")
    page = browsers["inspector"].submit(url("urge", item.pk), {"note": ""}, form_page=url("item", item.pk), follow=True)
    assert "请填写催办内容。" in messages(page)
    assert "催办" not in timeline(page)
    assert not Notification.objects.filter(kind=Notification.Kind.URGE).exists()


def test_a_closed_item_is_not_urged(cast, browsers):
    item = item_at(cast, "assess")
    browsers["assessor"].submit(task_url(browsers["assessor"], item), {"quality": "8"})
    page = browsers["inspector"].get(url("item", item.pk))
    assert "发送催办" not in text(page)
    page = browsers["inspector"].submit(url("urge", item.pk), {"note": "催一下"}, follow=True)
    assert "该事项已办结，无需催办。" in messages(page)
    assert not Notification.objects.filter(kind=Notification.Kind.URGE).exists()


def test_one_cannot_mark_another_persons_notification_read(cast, browsers):
    item = item_at(cast, "work")
    services.urge(item, cast.inspector, "请报送")
    notification = Notification.objects.get(kind=Notification.Kind.URGE)
    response = browsers["official2"].submit(url("notification_read", notification.pk), form_page=url("notifications"))
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


# Submitting twice.


def test_a_second_submit_of_a_finished_task_says_so_instead_of_failing(cast, browsers):
    official = browsers["official"]
    item = item_at(cast, "accept")
    task_page = task_url(official, item)
    official.submit(task_page, {"decision": "accept"})

    page = official.submit(task_page, {"decision": "send_back", "reason": "重复提交"}, follow=True)
    assert page.status_code == 200
    assert_item_page(page, item, message="该任务已办理完毕。", status="办理中", last_event="签收")
    assert timeline(page).count("签收") == 1


def test_a_task_finished_by_a_colleague_says_so_to_the_other_clerk(cast, browsers):
    clerk2 = Person.objects.create_user("office2", password=PASSWORD, full_name="陈文员")
    Post.objects.create(unit=cast.office_unit, title="法治办干事2", role=Post.Role.OFFICE, holder=clerk2)
    item = item_at(cast, "deploy")
    first, second = browsers["office"], Browser.log_in(clerk2)
    deploy = task_url(first, item)
    second.get(deploy)

    first.submit(deploy, deploy_data(cast, item))
    page = second.submit(deploy, deploy_data(cast, item), follow=True)
    assert_item_page(page, item, message="该任务已办理完毕。", status="待签收", last_event="部署交办")
    assert timeline(page).count("部署交办") == 1
