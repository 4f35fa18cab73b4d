"""A task page says why the task is there: the send-back reason, the rectification points."""

from tests.browser import Browser, text, url
from tests.workflow.drive import do, find_task, in_days, item_at


def test_the_rectify_page_shows_the_points_and_their_deadline(cast):
    item = item_at(cast, "verify")
    do(
        cast.inspector,
        item,
        "verify",
        decision="return",
        rectification_points="补充 12 名人员的注销台账",
        rectification_deadline=in_days(10),
    )
    page = text(Browser(cast.official).get(url("task", find_task(item, "rectify").pk)))
    assert "退回整改" in page and "补充 12 名人员的注销台账" in page and "整改时限" in page


def test_the_redeploy_page_after_a_send_back_shows_the_reason(cast):
    item = item_at(cast, "accept")
    do(cast.official, item, "accept", decision="send_back", reason="本所不承担该项工作，应由平安办牵头")
    page = text(Browser(cast.office).get(url("task", find_task(item, "redeploy").pk)))
    assert "应由平安办牵头" in page
