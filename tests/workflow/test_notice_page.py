"""The 通知 page: one's own notices by kind and read state, shown grouped as they were sent, 全部已读."""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlencode

import pytest
import time_machine

from tests.browser import Browser, field_errors, messages, plain_text, queries, text, url
from tests.workflow.drive import item_at
from tests.workflow.test_queries import NOTIFICATIONS_CAP
from workflow import services
from workflow.models import Notification

T0 = datetime.datetime(2030, 3, 4, 9, 0, tzinfo=datetime.UTC)


def at(seconds: float):
    return time_machine.travel(T0 + datetime.timedelta(seconds=seconds), tick=False)


@pytest.fixture
def official(cast):
    return Browser(cast.official)


@pytest.fixture
def item(cast, settings):
    settings.NOTIFY_MERGE_SECONDS = 120
    with at(-86400):
        return item_at(cast, "work")  # its 交办 the day before


def urge(cast, item, note: str, seconds: float) -> Notification:
    with at(seconds):
        [notice] = services.urge(item, cast.inspector, note)
    return notice


def listed(browser, params: dict):
    return browser.get(url("notifications") + "?" + urlencode(params))


def entries(page) -> list[str]:
    """The top-level entries of the list as plain text, newest first."""
    block = re.search(r'<ul class="notices">(.*)</ul>', text(page), re.S).group(1)
    return [plain_text_of(chunk) for chunk in re.split(r'\n  <li class="', block)[1:]]


def plain_text_of(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment.split(">", 1)[1])).strip()


def test_notices_about_one_item_within_the_window_are_shown_together(cast, item, official):
    urge(cast, item, "请报送进度", 0)
    urge(cast, item, "今天务必报送", 60)
    urge(cast, item, "明天上午前报送", 300)
    shown = entries(official.get(url("notifications")))
    assert len(shown) == 3
    assert shown[0].startswith(f"催办 催办：{item}") and "明天上午前报送" in shown[0]
    assert shown[1].startswith(f"关于“{item}”的2条通知")
    assert "请报送进度" in shown[1] and "今天务必报送" in shown[1]
    assert shown[2].startswith(f"交办 交办：“{item}”，请签收")


def test_reading_a_group_reads_each_of_its_notices_and_opens_the_item(cast, item, official):
    first, second = urge(cast, item, "请报送进度", 0), urge(cast, item, "今天务必报送", 60)
    page = official.get(url("notifications"))
    form = re.search(rf'action="{url("notification_read", second.pk)}">(.*?)</form>', text(page), re.S).group(1)
    also = re.findall(r'name="also" value="(\d+)"', form)
    assert sorted(map(int, also)) == sorted([first.pk, second.pk])
    response = official.submit(url("notification_read", second.pk), {"also": also}, form_page=url("notifications"))
    assert response["Location"] == url("item", item.pk)
    assert Notification.objects.filter(recipient=cast.official, read_at__isnull=True).count() == 1  # the 交办


def test_read_also_never_reads_another_persons_notice(cast, item, official):
    mine = urge(cast, item, "请报送进度", 0)
    theirs = Notification.objects.create(recipient=cast.official2, kind="urge", title="别人的")
    official.submit(url("notification_read", mine.pk), {"also": [theirs.pk]}, form_page=url("notifications"))
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_list_filters_by_kind_and_read_state(cast, item, official):
    urge(cast, item, "请报送进度", 0)
    page = listed(official, {"kind": "urge"})
    assert "请报送进度" in plain_text(page) and "请签收" not in plain_text(page)
    page = listed(official, {"kind": "deployed"})
    assert "请报送进度" not in plain_text(page) and "请签收" in plain_text(page)
    Notification.objects.filter(kind="deployed").update(read_at=T0)
    unread = plain_text(listed(official, {"state": "unread"}))
    read = plain_text(listed(official, {"state": "read"}))
    assert "请报送进度" in unread and "请签收" not in unread
    assert "请报送进度" not in read and "请签收" in read
    assert "没有符合条件的通知。" in plain_text(listed(official, {"kind": "closed"}))


def test_a_wrong_kind_is_shown_with_its_error_and_left_out(cast, item, official):
    urge(cast, item, "请报送进度", 0)
    page = listed(official, {"kind": "nonsense", "state": "unread"})
    assert page.status_code == 200 and field_errors(page, "kind")
    assert "请报送进度" in plain_text(page) and "请签收" in plain_text(page)


def test_read_all_reads_every_notice_of_mine_and_nobody_elses(cast, item, official):
    urge(cast, item, "请报送进度", 0)
    theirs = Notification.objects.create(recipient=cast.official2, kind="urge", title="别人的")
    page = official.submit(url("notification_read_all"), form_page=url("notifications"), follow=True)
    assert "已将 2 条通知标为已读。" in messages(page)
    assert not Notification.objects.filter(recipient=cast.official, read_at__isnull=True).exists()
    assert 'class="badge"' not in text(page)
    theirs.refresh_from_db()
    assert theirs.read_at is None
    page = official.submit(url("notification_read_all"), form_page=url("notifications"), follow=True)
    assert "已将 0 条通知标为已读。" in messages(page)


def test_read_all_on_a_kind_reads_that_kind_only(cast, item, official):
    urge(cast, item, "请报送进度", 0)
    page = listed(official, {"kind": "urge"})
    assert "本类全部已读" in plain_text(page)
    response = official.submit(
        url("notification_read_all"), {"kind": "urge"}, form_page=url("notifications") + "?kind=urge"
    )
    assert response["Location"] == url("notifications") + "?kind=urge"
    unread = Notification.objects.filter(recipient=cast.official, read_at__isnull=True)
    assert list(unread.values_list("kind", flat=True)) == ["deployed"]


def test_read_all_with_a_wrong_kind_reads_everything(cast, item, official):
    official.submit(url("notification_read_all"), {"kind": "nonsense"}, form_page=url("notifications"))
    assert not Notification.objects.filter(recipient=cast.official, read_at__isnull=True).exists()


def test_read_all_is_a_post(cast, official):
    assert official.get(url("notification_read_all")).status_code == 405


def test_an_outsider_has_an_empty_list_and_reads_nothing_of_others(cast, item):
    outsider = Browser(cast.outsider)
    assert "暂无通知。" in plain_text(outsider.get(url("notifications")))
    outsider.submit(url("notification_read_all"), form_page=url("notifications"))
    assert Notification.objects.filter(read_at__isnull=True).count() == Notification.objects.count()


def test_the_list_pages_by_fifty(cast, official):
    for i in range(55):
        Notification.objects.create(recipient=cast.official, kind="summary", title=f"季度汇报{i}")
    first = official.get(url("notifications"))
    assert "第 1 / 2 页，共 55 项" in plain_text(first)
    assert "季度汇报54" in plain_text(first) and "季度汇报4 " not in plain_text(first) + " "
    assert "季度汇报0" in plain_text(listed(official, {"page": 2}))


def test_a_filtered_list_costs_the_same_for_2_and_20_notices(cast, official, django_assert_max_num_queries):
    item = item_at(cast, "work")
    for i in range(2):
        services.urge(item, cast.inspector, f"催办{i}")
    path = url("notifications") + "?kind=urge&state=unread"
    few = queries(official, path)
    for i in range(18):
        services.urge(item, cast.inspector, f"再次催办{i}")
    assert few == queries(official, path)
    with django_assert_max_num_queries(NOTIFICATIONS_CAP):
        official.get(path)


def test_the_badge_is_exact_up_to_99_unread_and_says_99_plus_above(cast, official):
    def badge() -> str | None:
        found = re.search(r'<span class="badge">([^<]*)</span>', text(official.get(url("notifications"))))
        return found and found.group(1)

    unread = Notification.objects.filter(recipient=cast.official, read_at__isnull=True)
    missing = 99 - unread.count()
    Notification.objects.bulk_create(
        Notification(recipient=cast.official, kind=Notification.Kind.TASK, title=f"待办{n}") for n in range(missing)
    )
    assert badge() == "99"
    Notification.objects.create(recipient=cast.official, kind=Notification.Kind.TASK, title="第一百条")
    assert badge() == "99+"
    Notification.objects.filter(pk=unread.first().pk).update(read_at=T0)
    assert badge() == "99"
