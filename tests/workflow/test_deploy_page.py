"""The office confirms an item's quantitative indicators and milestones on the deploy page."""

import datetime
from decimal import Decimal

import pytest

from responsibility.models import Indicator, ItemEvent, ItemStatus, Milestone
from tests.browser import Browser, field_errors, messages, plain_text, status_shown, text, timeline, url
from tests.workflow.drive import deploy_data, find_task, item_at

pytestmark = pytest.mark.usefixtures("media")


@pytest.fixture
def office(cast):
    return Browser.log_in(cast.office)


def deploy_url(item) -> str:
    return url("task", find_task(item, "deploy").pk)


def add_row(data: dict, prefix: str, **fields) -> dict:
    """``data`` with one more (new) row in the table ``prefix``."""
    index = data[f"{prefix}-TOTAL_FORMS"]
    data = {**data, f"{prefix}-TOTAL_FORMS": index + 1}
    data.update({f"{prefix}-{index}-{name}": value for name, value in fields.items()})
    return data


def row_index(data: dict, prefix: str, pk: int) -> int:
    return next(
        int(key.split("-")[1])
        for key, value in data.items()
        if key.endswith("-id") and value == pk and key.startswith(prefix)
    )


def milestone(item, due: str, title: str, percent: int) -> Milestone:
    return Milestone.objects.create(
        item=item, due=datetime.date.fromisoformat(due), title=title, expected_percent=percent
    )


def test_the_deploy_page_shows_the_indicator_and_milestone_tables(cast, office):
    item = item_at(cast, "deploy")
    milestone(item, "2020-06-30", "上半年完成过半", 50)
    page = office.get(deploy_url(item))
    assert page.status_code == 200
    shown = plain_text(page)
    for label in ["量化指标", "指标名称", "计量单位", "比较", "目标值", "时间节点", "节点任务", "应达进度", "删除"]:
        assert label in shown, label
    html = text(page)
    assert 'name="indicators-TOTAL_FORMS"' in html and 'name="milestones-TOTAL_FORMS"' in html
    assert 'name="indicators-0-name" value="法律咨询"' in html
    assert 'name="milestones-0-title" value="上半年完成过半"' in html
    assert 'name="milestones-1-title"' not in html, "no empty rows: they are added on demand"
    assert 'data-add-row="milestones"' in html and 'name="milestones-__prefix__-title"' in html


def test_the_office_adds_edits_and_deletes_rows_when_deploying(cast, office):
    item = item_at(cast, "deploy")
    consultations = item.indicators.get()
    aid = Indicator.objects.create(item=item, name="法律援助", unit="起", target_value=Decimal(8))
    half = milestone(item, "2020-06-30", "上半年完成过半", 50)
    dropped = milestone(item, "2020-03-31", "一季度启动", 10)

    data = deploy_data(cast, item, note="请按季度报送")
    data[f"indicators-{row_index(data, 'indicators', consultations.pk)}-target_value"] = "213"
    data[f"indicators-{row_index(data, 'indicators', aid.pk)}-DELETE"] = "on"
    data[f"milestones-{row_index(data, 'milestones', dropped.pk)}-DELETE"] = "on"
    data = add_row(data, "indicators", name="普法活动", unit="场次", comparator="gte", target_value="30")
    data = add_row(data, "milestones", due="2020-12-31", title="全年完成", expected_percent="100")
    page = office.submit(deploy_url(item), data, follow=True)

    assert page.redirect_chain[-1] == (url("item", item.pk), 302)
    assert "已提交：部署交办" in messages(page)
    assert status_shown(page) == "待签收"
    shown = plain_text(page)
    assert "法律咨询 ≥ 213起" in shown
    assert "普法活动 ≥ 30场次" in shown
    assert "法律援助" not in shown
    assert "上半年完成过半（应达进度 50%）" in shown
    assert "全年完成（应达进度 100%）" in shown
    assert "一季度启动" not in shown
    assert timeline(page).count("部署交办") == 1
    assert item.events.filter(kind=ItemEvent.Kind.DEPLOYED).count() == 1

    assert [(i.name, i.target_value) for i in item.indicators.order_by("id")] == [
        ("法律咨询", Decimal(213)),
        ("普法活动", Decimal(30)),
    ]
    assert [(m.title, m.expected_percent) for m in item.milestones.all()] == [("上半年完成过半", 50), ("全年完成", 100)]
    assert item.milestones.get(title="上半年完成过半").pk == half.pk


def assert_refused(page, item, name: str, error: str) -> None:
    """The page comes back with ``error`` under the input ``name``; nothing was deployed."""
    assert page.status_code == 200
    assert error in field_errors(page, name), field_errors(page, name)
    item.refresh_from_db()
    assert item.status == ItemStatus.DEPLOYING
    assert not item.events.filter(kind=ItemEvent.Kind.DEPLOYED).exists()
    find_task(item, "deploy")


def test_a_percent_over_100_is_shown_under_the_field(cast, office):
    item = item_at(cast, "deploy")
    data = add_row(deploy_data(cast, item), "milestones", due="2020-06-30", title="上半年", expected_percent="120")
    page = office.submit(deploy_url(item), data)
    assert_refused(page, item, "milestones-0-expected_percent", "应达进度须在 0 到 100 之间。")
    assert not item.milestones.exists()


def test_expected_progress_may_not_fall_from_one_milestone_to_the_next(cast, office):
    item = item_at(cast, "deploy")
    milestone(item, "2020-06-30", "上半年", 60)
    data = add_row(deploy_data(cast, item), "milestones", due="2020-09-30", title="三季度", expected_percent="40")
    page = office.submit(deploy_url(item), data)
    assert_refused(page, item, "milestones-1-expected_percent", "应达进度不能低于更早时间节点的 60%。")
    assert field_errors(page, "milestones-0-expected_percent") == []
    assert item.milestones.count() == 1

    # Fixed on the same page, it goes through.
    data["milestones-1-expected_percent"] = "75"
    page = office.submit(deploy_url(item), data, follow=True)
    assert "已提交：部署交办" in messages(page)
    assert [m.expected_percent for m in item.milestones.all()] == [60, 75]


def test_milestones_lie_between_the_plan_year_and_the_deadline(cast, office):
    item = item_at(cast, "deploy")
    data = deploy_data(cast, item, deadline="2020-12-31")
    data = add_row(data, "milestones", due="2019-12-31", title="提前", expected_percent="10")
    data = add_row(data, "milestones", due="2021-01-15", title="超期", expected_percent="100")
    page = office.submit(deploy_url(item), data)
    assert_refused(page, item, "milestones-0-due", "时间节点不能早于工作要点年度（2020年）。")
    assert field_errors(page, "milestones-1-due") == ["时间节点不能晚于完成时限（2020年12月31日）。"]


def test_an_ongoing_items_milestones_stay_in_the_plan_year(cast, office):
    item = item_at(cast, "deploy")
    data = deploy_data(cast, item, deadline="", ongoing="on")
    data = add_row(data, "milestones", due="2021-03-31", title="明年一季度", expected_percent="30")
    page = office.submit(deploy_url(item), data)
    assert_refused(page, item, "milestones-0-due", "长期坚持的事项，时间节点须在工作要点年度（2020年）内。")


def test_an_indicator_target_may_not_be_negative(cast, office):
    item = item_at(cast, "deploy")
    data = deploy_data(cast, item)
    data["indicators-0-target_value"] = "-5"
    page = office.submit(deploy_url(item), data)
    assert_refused(page, item, "indicators-0-target_value", "目标值不能为负数。")
    assert item.indicators.get().target_value == Decimal(200)


def test_a_new_row_needs_its_required_fields(cast, office):
    item = item_at(cast, "deploy")
    data = add_row(deploy_data(cast, item), "milestones", title="只有名称", expected_percent="20")
    page = office.submit(deploy_url(item), data)
    assert_refused(page, item, "milestones-0-due", "这个字段是必填项。")


def test_dates_are_shown_as_a_browser_date_field_reads_them(cast, office):
    """A date field shows nothing for "2030/12/31": saving the page untouched would erase the date."""
    item = item_at(cast, "deploy")
    milestone(item, "2030-06-30", "完成初稿", 50)
    html = text(office.get(deploy_url(item)))
    assert 'type="date"' in html
    assert 'value="2030-12-31"' in html and 'value="2030-06-30"' in html
    assert "2030/12/31" not in html
