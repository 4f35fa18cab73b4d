"""Every cast role against every endpoint, on an item waiting for its official's report.

The same rights as the pages: an item you may not see is 404, an action you may not take on an
item you see is 403, and the outsider sees nothing at all.
"""

import pytest

from responsibility.models import Evidence
from tests.api.helpers import pdf, post_report, report_data, url
from tests.workflow.drive import do, item_at
from workflow.models import Notification

ROLES = ["committee", "office", "leader", "official", "official2", "inspector", "assessor", "outsider"]
SEES = {"committee", "office", "leader", "official", "inspector", "assessor"}
REPORTS = {"official"}


def expected(role: str, allowed: set[str], success: int) -> int:
    if role not in SEES:
        return 404
    return success if role in allowed else 403


@pytest.fixture
def item(cast):
    return item_at(cast, "work")


@pytest.mark.parametrize("role", ROLES)
def test_item_detail(cast, api, item, role):
    assert api(role).get(url("item", item.pk)).status_code == expected(role, SEES, 200)


@pytest.mark.parametrize("role", ROLES)
def test_item_list(cast, api, item, role):
    response = api(role).get(url("items"))

    assert response.status_code == 200
    ids = [row["id"] for row in response.json()["results"]]
    assert ids == ([item.pk] if role in SEES else [])


@pytest.mark.parametrize("role", ROLES)
def test_report(cast, api, item, role, media):
    response = post_report(api(role), item)

    assert response.status_code == expected(role, REPORTS, 201), response.json()
    assert item.reports.count() == (1 if role in REPORTS else 0)


@pytest.mark.parametrize("role", ROLES)
def test_claim(cast, api, item, role, media):
    response = post_report(api(role), item, {"narrative": "全年完成"}, name="claim")

    assert response.status_code == expected(role, REPORTS, 201), response.json()


@pytest.mark.parametrize("role", ROLES)
def test_extension(cast, api, item, role):
    data = {"new_deadline": "2031-06-30", "narrative": "受疫情影响，需延期"}

    response = api(role).post(url("extension", item.pk), data, format="json")

    assert response.status_code == expected(role, REPORTS, 201), response.json()
    item.refresh_from_db()
    assert item.status == ("extension_requested" if role in REPORTS else "in_progress")


@pytest.mark.parametrize("role", ROLES)
def test_rectification(cast, api, role, media):
    returned = item_at(cast, "rectify")

    response = api(role).post(url("rectification", returned.pk), {"narrative": "已整改"}, format="multipart")

    assert response.status_code == expected(role, REPORTS, 201), response.json()
    returned.refresh_from_db()
    assert returned.status == ("claimed" if role in REPORTS else "rectifying")


@pytest.mark.parametrize("role", ROLES)
def test_evidence_download(cast, api, item, role, media):
    do(cast.official, item, "work", files={"evidence": [pdf()]}, **report_data(action="report"))
    evidence = Evidence.objects.get()

    response = api(role).get(url("evidence", evidence.pk))

    assert response.status_code == expected(role, SEES, 200)
    if response.status_code == 200:
        assert b"".join(response.streaming_content) == b"%PDF-1.4 evidence"


@pytest.mark.parametrize("role", ROLES)
def test_my_tasks(cast, api, item, role):
    response = api(role).get(url("tasks"))

    assert response.status_code == 200
    steps = [(row["step"], row["item"]["id"]) for row in response.json()]
    assert steps == ([("work", item.pk)] if role == "official" else [])


@pytest.mark.parametrize("role", ROLES)
def test_notifications_are_each_ones_own(cast, api, role):
    mine = Notification.objects.create(recipient=cast.roles[role], kind="task", title="我的")
    others = [
        Notification.objects.create(recipient=person, kind="task", title="别人的")
        for name, person in cast.roles.items()
        if name != role
    ]
    client = api(role)

    assert [row["id"] for row in client.get(url("notifications")).json()["results"]] == [mine.pk]
    assert client.get(url("unread_count")).json() == {"unread": 1}
    assert client.post(url("read", others[0].pk)).status_code == 404
    assert client.post(url("read", mine.pk)).status_code == 200
    assert client.post(url("read_all")).json() == {"marked": 0}
    assert all(Notification.objects.get(pk=n.pk).read_at is None for n in others)


def test_a_heading_is_not_listed(cast, api, item):
    from responsibility.models import ResponsibilityItem

    heading = ResponsibilityItem.objects.create(plan=cast.plan, number="一、", title="主要举措")
    item.parent = heading
    item.save()

    ids = [row["id"] for row in api("office").get(url("items")).json()["results"]]

    assert ids == [item.pk]


def test_an_unknown_item_is_404_like_one_you_may_not_see(cast, api, item):
    hidden = api("outsider").get(url("item", item.pk))
    missing = api("outsider").get(url("item", item.pk + 1000))

    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
