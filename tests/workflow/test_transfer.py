"""转办 inside a unit: the unit's official passes its part to a colleague's post and takes it back;
the open steps and the right to take them follow, and the unit's timeline says so."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.utils.datastructures import MultiValueDict

from responsibility import permissions
from responsibility.models import Assignment, ItemEvent, Post
from tests.api.conftest import token_client
from tests.api.helpers import post_report
from tests.api.helpers import url as api_url
from tests.browser import Browser, plain_text, url
from tests.cast import person
from tests.workflow.drive import do_each
from tests.workflow.test_units import do_unit, two_unit_item, unit_tasks
from workflow import services
from workflow.models import Notification

Kind = ItemEvent.Kind
REPORT = {"action": "report", "period": "2030-03", "percent_done": "30", "narrative": "已开展排查"}


@pytest.fixture
def deputy(cast):
    """A colleague of the 司法所's official: 司法所副所长, 孔副所长."""
    return Post.objects.create(
        unit=cast.justice, title="司法所副所长", role=Post.Role.OFFICIAL, holder=person("deputy", "孔副所长")
    )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def item(cast):
    """An item of 司法所 (official) and 兴科社区 (official2), both at 办理反馈."""
    item = two_unit_item(cast)
    do_each(item, "accept", decision="accept")
    return item


@pytest.fixture
def api(cast):
    return lambda role: token_client(cast.roles[role])


def page_of(item) -> str:
    return url("item", item.pk)


def justice(item) -> Assignment:
    return item.assignments.select_related("post").get(unit__name="司法所")


def test_the_open_work_goes_to_the_colleague_who_completes_it(cast, item, deputy):
    services.transfer(justice(item), cast.official, deputy, "请孔副所长牵头办理")

    assert unit_tasks(item, "work")["司法所"].owner.username == "deputy"
    do_unit(deputy.holder, item, "work", "司法所", **REPORT)
    assert justice(item).percent_done == 30 and item.reports.get().author == deputy.holder
    assert unit_tasks(item, "work")["兴科社区"].owner == cast.official2  # the other unit's part stays


def test_a_part_not_yet_accepted_goes_with_its_accept_step(cast, deputy):
    item = two_unit_item(cast)

    services.transfer(justice(item), cast.official, deputy)

    do_unit(deputy.holder, item, "accept", "司法所", decision="accept")
    assert justice(item).status == "in_progress"


def test_the_official_who_passed_it_on_can_no_longer_act(cast, item, deputy, media):
    services.transfer(justice(item), cast.official, deputy)
    task = unit_tasks(item, "work")["司法所"]

    assert Browser(cast.official).get(url("task", task.pk)).status_code == 403
    with pytest.raises(services.TaskUnavailable):  # the colleague holds it now
        services.complete(cast.official, task.pk, REPORT, MultiValueDict())
    assert post_report(token_client(cast.official), item).status_code == 403
    assert not item.reports.exists()


def test_the_rights_follow_the_part(cast, item, deputy):
    services.transfer(justice(item), cast.official, deputy)

    assert permissions.acts_for(deputy.holder, justice(item))
    assert not permissions.acts_for(cast.official, justice(item))
    assert permissions.can(deputy.holder, permissions.REPORT, item)

    services.transfer(justice(item), cast.official, None)

    assert permissions.acts_for(cast.official, justice(item))
    assert not permissions.acts_for(deputy.holder, justice(item))


def test_taking_it_back_returns_the_work(cast, item, deputy):
    services.transfer(justice(item), cast.official, deputy)

    part = services.transfer(justice(item), cast.official, None, "本人回岗")

    assert part.post == cast.posts["official"]
    assert unit_tasks(item, "work")["司法所"].owner == cast.official
    do_unit(cast.official, item, "work", "司法所", **REPORT)
    assert justice(item).percent_done == 30


def test_the_colleague_may_hand_it_back(cast, item, deputy):
    services.transfer(justice(item), cast.official, deputy)

    services.transfer(justice(item), deputy.holder, None)

    assert justice(item).post == cast.posts["official"]


def test_the_timeline_shows_the_transfer_and_the_taking_back(cast, item, deputy):
    services.transfer(justice(item), cast.official, deputy, "请孔副所长牵头办理")
    services.transfer(justice(item), cast.official, None)

    events = list(item.events.filter(kind__in=[Kind.TRANSFERRED, Kind.TRANSFERRED_BACK]).order_by("id"))
    assert [(e.kind, e.actor, e.assignment.unit.name) for e in events] == [
        (Kind.TRANSFERRED, cast.official, "司法所"),
        (Kind.TRANSFERRED_BACK, cast.official, "司法所"),
    ]
    assert events[0].data == {
        "from_post": cast.posts["official"].pk,
        "to_post": deputy.pk,
        "home_post": cast.posts["official"].pk,
    }
    page = plain_text(Browser(cast.committee).get(url("item", item.pk)))
    assert "司法所：司法所所长（赵所长） 转办给 司法所副所长（孔副所长）" in page and "请孔副所长牵头办理" in page
    assert "收回转办" in page and "司法所：由 司法所副所长（孔副所长） 交回 司法所所长（赵所长）" in page


def test_the_colleague_is_told(cast, item, deputy):
    services.transfer(justice(item), cast.official, deputy, "请牵头办理")

    notice = Notification.objects.get(recipient=deputy.holder)
    assert notice.title.startswith("转办：") and "司法所" in notice.title and notice.body == "请牵头办理"


def test_a_post_of_another_unit_is_refused_in_words(cast, item):
    with pytest.raises(services.TransferRefused, match="只能转办给本单位（司法所）的岗位，“社区主任”不属于本单位"):
        services.transfer(justice(item), cast.official, cast.posts["official2"])

    assert justice(item).post == cast.posts["official"]
    assert not item.events.filter(kind=Kind.TRANSFERRED).exists()


def test_a_vacant_post_is_refused(cast, item):
    empty = Post.objects.create(unit=cast.justice, title="司法所科员", role=Post.Role.OFFICIAL)

    with pytest.raises(services.TransferRefused, match="暂无在岗人员"):
        services.transfer(justice(item), cast.official, empty)


def test_nothing_to_take_back_is_said_so(cast, item):
    with pytest.raises(services.TransferRefused, match="未转办"):
        services.transfer(justice(item), cast.official, None)


def test_a_finished_part_stays_where_it_is(cast, item, deputy):
    do_unit(cast.official, item, "work", "司法所", action="claim", period="2030-06", percent_done="100", narrative="完")
    do_unit(cast.inspector, item, "verify", "司法所", decision="pass", comments="材料齐全")

    with pytest.raises(services.TaskUnavailable, match="不能转办"):
        services.transfer(justice(item), cast.official, deputy)


def test_another_units_official_may_not_transfer_it(cast, item, deputy):
    with pytest.raises(PermissionDenied):
        services.transfer(justice(item), cast.official2, deputy)


def test_the_office_may_transfer_it(cast, item, deputy):
    services.transfer(justice(item), cast.office, deputy, "所长外出学习")

    assert unit_tasks(item, "work")["司法所"].owner == deputy.holder


def test_an_office_redeploy_ends_the_loan(cast, deputy):
    """A part sent back by the colleague and handed over again by the office is no longer lent."""
    item = two_unit_item(cast)
    services.transfer(justice(item), cast.official, deputy)
    do_unit(deputy.holder, item, "accept", "司法所", decision="send_back", reason="应由社区承办")
    do_unit(cast.office, item, "redeploy", "司法所", post=deputy.pk, note="请副所长承办")

    assert services.home_post_id(justice(item)) is None
    with pytest.raises(services.TransferRefused, match="未转办"):
        services.transfer(justice(item), cast.office, None)


# --- the page: a 转办 form on the 承办单位 card ------------------------------------------------------


def test_the_holder_sees_the_transfer_form_with_his_colleagues_posts(cast, item, deputy):
    page = Browser(cast.official).get(url("item", item.pk)).content.decode()
    others = Browser(cast.official2).get(url("item", item.pk)).content.decode()

    part = justice(item)
    assert f'action="{url("transfer", item.pk, part.pk)}"' in page and "司法所副所长 · 孔副所长" in page
    assert f'action="{url("transfer", item.pk, part.pk)}"' not in others


def test_the_colleague_is_offered_to_hand_it_back(cast, item, deputy):
    services.transfer(justice(item), cast.official, deputy)

    page = Browser(deputy.holder).get(url("item", item.pk)).content.decode()

    assert f'action="{url("take_back", item.pk, justice(item).pk)}"' in page and "交回司法所所长" in page
    assert "司法所所长 · 赵所长" not in page  # the home post has its own button, not a place in the list


def test_transferring_and_taking_back_by_the_page(cast, item, deputy):
    part = justice(item)
    browser = Browser(cast.official)

    response = browser.submit(
        url("transfer", item.pk, part.pk), {"post": deputy.pk, "note": "请办理"}, form_page=page_of(item)
    )

    assert response.status_code == 302 and response["Location"].endswith("#units")
    assert unit_tasks(item, "work")["司法所"].owner == deputy.holder
    page = browser.get(url("item", item.pk)).content.decode()
    assert "已转办给 司法所副所长（孔副所长）" in page and "由司法所所长 赵所长转办" in page
    assert f'action="{url("take_back", item.pk, part.pk)}"' in page

    browser.submit(url("take_back", item.pk, part.pk), form_page=page_of(item))

    assert unit_tasks(item, "work")["司法所"].owner == cast.official
    assert "已收回转办" in browser.get(url("item", item.pk)).content.decode()


def test_the_page_refuses_a_post_of_another_unit_in_words(cast, item):
    browser = Browser(cast.official)

    browser.submit(
        url("transfer", item.pk, justice(item).pk), {"post": cast.posts["official2"].pk}, form_page=page_of(item)
    )

    assert "只能转办给本单位（司法所）的岗位" in browser.get(url("item", item.pk)).content.decode()
    assert justice(item).post == cast.posts["official"]


@pytest.mark.parametrize(("role", "status"), [("outsider", 404), ("official2", 403), ("inspector", 403)])
def test_the_page_lets_only_the_units_official_transfer(cast, item, deputy, role, status):
    browser = Browser(cast.roles[role])

    response = browser.submit(url("transfer", item.pk, justice(item).pk), {"post": deputy.pk}, form_page=page_of(item))

    assert response.status_code == status
    assert justice(item).post == cast.posts["official"]


# --- the API: POST /api/items/<id>/transfer/ -----------------------------------------------------------


def test_the_api_transfers_the_callers_own_part_and_takes_it_back(cast, item, deputy):
    client = token_client(cast.official)

    body = client.post(api_url("transfer", item.pk), {"post": deputy.pk, "note": "请办理"}, format="json").json()

    assert body["assignment"]["unit"]["name"] == "司法所"
    assert body["assignment"]["post"]["holder"]["name"] == "孔副所长"
    assert body["assignment"]["home_post"]["title"] == "司法所所长"
    assert token_client(deputy.holder).get(api_url("item", item.pk)).json()["actions"]["report"] is True

    back = client.post(api_url("transfer", item.pk), {}, format="json")

    assert back.status_code == 200 and back.json()["assignment"]["home_post"] is None
    assert unit_tasks(item, "work")["司法所"].owner == cast.official


def test_the_api_refuses_a_post_of_another_unit_as_a_400(cast, api, item):
    response = api("official").post(api_url("transfer", item.pk), {"post": cast.posts["official2"].pk}, format="json")

    assert response.status_code == 400
    assert "只能转办给本单位" in response.json()["fields"]["post"][0]


@pytest.mark.parametrize(("role", "status"), [("outsider", 404), ("official2", 403), ("leader", 403)])
def test_the_api_lets_only_the_units_official_transfer(cast, api, item, deputy, role, status):
    data = {"post": deputy.pk, "unit": cast.justice.pk}

    response = api(role).post(api_url("transfer", item.pk), data, format="json")

    assert response.status_code == status
    assert justice(item).post == cast.posts["official"]


def test_the_office_names_the_unit(cast, api, item, deputy):
    response = api("office").post(api_url("transfer", item.pk), {"post": deputy.pk}, format="json")
    assert response.status_code == 403  # the office holds no unit's part: it says which

    data = {"post": deputy.pk, "unit": cast.justice.pk}
    assert api("office").post(api_url("transfer", item.pk), data, format="json").status_code == 200
    assert justice(item).post == deputy


# --- at the same moment, on the real PostgreSQL ------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))
def test_a_report_and_a_transfer_at_once_leave_the_work_with_the_colleague(cast_committed, attempt):
    """Whichever takes the item's process lock first, the unit's next work step ends with the colleague
    and there is exactly one: a report first is followed by its new task, moved; a transfer first
    leaves the report to fail (the task is no longer the official's)."""
    import threading

    from django.db import connections

    cast = cast_committed
    deputy = Post.objects.create(
        unit=cast.justice, title="司法所副所长", role=Post.Role.OFFICIAL, holder=person("deputy", "孔副所长")
    )
    item = two_unit_item(cast)
    do_each(item, "accept", decision="accept")
    work = unit_tasks(item, "work")["司法所"]
    barrier, outcomes = threading.Barrier(2), {}

    def run(name, action):
        try:
            barrier.wait()
            action()
            outcomes[name] = "done"
        except services.TaskUnavailable as exc:
            outcomes[name] = str(exc)
        finally:
            connections.close_all()

    def report():
        services.complete(cast.official, work.pk, REPORT, {})

    def transfer():
        services.transfer(justice(item), cast.official, deputy)

    threads = [
        threading.Thread(target=run, args=(name, action))
        for name, action in [("report", report), ("transfer", transfer)]
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    holder = deputy.holder if outcomes["transfer"] == "done" else cast.official  # else the lock stayed busy
    open_work = [t for t in services.active_task_for_item(item) if t.data.get("assignment") == justice(item).pk]
    assert [(t.flow_task.name, t.owner_id) for t in open_work] == [("work", holder.pk)], outcomes
    assert "done" in outcomes.values(), outcomes
    assert item.reports.count() == (1 if outcomes["report"] == "done" else 0), outcomes
