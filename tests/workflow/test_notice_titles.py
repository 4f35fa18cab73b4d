"""A notice about an item of a long title (a title may hold 300 characters, a notice's 200) is
stored, its title cut with a mark that says so, whichever door made it."""

import datetime

from tests.workflow.drive import item_at
from workflow import services
from workflow.models import Notification, notice_title
from workflow.supervision import sweep

LONG = "推进老旧小区改造" * 37  # 296 characters


def test_a_short_title_is_kept_whole():
    assert notice_title("催办：更新改造") == "催办：更新改造"
    assert notice_title("字" * 200) == "字" * 200


def test_a_long_title_is_cut_to_the_column_with_a_mark():
    title = notice_title("字" * 201)
    assert len(title) == 200
    assert title.endswith("…")


def test_an_urge_about_an_item_of_a_long_title_is_stored(cast):
    item = item_at(cast, "work", title=LONG)
    [notice] = services.urge(item, cast.inspector, "请于周五前报送")
    notice.refresh_from_db()
    assert len(notice.title) == 200
    assert notice.title.startswith("催办：") and notice.title.endswith("…")


def test_the_sweeps_notices_about_a_long_title_are_cut_alike(cast):
    item = cast.item(deadline=datetime.date(2021, 1, 31), title=LONG)
    item.status = "in_progress"
    item.save()
    sweep(datetime.date(2021, 2, 2))
    titles = list(Notification.objects.filter(kind="overdue").values_list("title", flat=True))
    assert titles
    assert all(len(title) == 200 and title.endswith("…") for title in titles)
