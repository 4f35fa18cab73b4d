"""My notifications: the list, the unread count, marking one or all read."""

from tests.api.helpers import url
from tests.workflow.drive import item_at
from workflow import services
from workflow.models import Notification


def test_an_urge_reaches_the_official_through_the_api(cast, api):
    item = item_at(cast, "work")
    services.urge(item, cast.inspector, "请尽快报送季度进展")
    client = api("official")

    rows = client.get(url("notifications"), {"kind": "urge"}).json()["results"]

    assert [(n["kind"], n["kind_label"], n["body"], n["unread"]) for n in rows] == [
        ("urge", "催办", "请尽快报送季度进展", True)
    ]
    assert rows[0]["item_url"].endswith(url("item", item.pk))
    assert client.get(url("unread_count")).json() == {"unread": 2}  # and the 交办 that handed it over


def test_marking_one_read(cast, api):
    notice = Notification.objects.create(recipient=cast.official, kind="task", title="一")
    client = api("official")

    response = client.post(url("read", notice.pk))

    assert response.status_code == 200 and response.json()["unread"] is False
    notice.refresh_from_db()
    assert notice.read_at is not None
    first_read = notice.read_at
    client.post(url("read", notice.pk))
    notice.refresh_from_db()
    assert notice.read_at == first_read  # read once, when it was first read


def test_marking_all_read(cast, api):
    for title in ["一", "二", "三"]:
        Notification.objects.create(recipient=cast.official, kind="task", title=title)
    client = api("official")

    assert client.post(url("read_all")).json() == {"marked": 3}
    assert client.get(url("unread_count")).json() == {"unread": 0}
    assert client.post(url("read_all")).json() == {"marked": 0}


def test_the_list_filters_unread(cast, api):
    read = Notification.objects.create(recipient=cast.official, kind="task", title="已读")
    unread = Notification.objects.create(recipient=cast.official, kind="task", title="未读")
    client = api("official")
    client.post(url("read", read.pk))

    assert [n["id"] for n in client.get(url("notifications"), {"unread": "true"}).json()["results"]] == [unread.pk]
    assert [n["id"] for n in client.get(url("notifications"), {"unread": "false"}).json()["results"]] == [read.pk]
    assert client.get(url("notifications"), {"unread": "perhaps"}).status_code == 400


def test_the_list_is_paginated_newest_first(cast, api):
    notices = [Notification.objects.create(recipient=cast.official, kind="task", title=str(i)) for i in range(5)]

    page = api("official").get(url("notifications"), {"page_size": 2, "page": 2}).json()

    assert page["count"] == 5
    assert [n["id"] for n in page["results"]] == [notices[2].pk, notices[1].pk]


def test_the_list_filters_by_kind(cast, api):
    urge = Notification.objects.create(recipient=cast.official, kind="urge", title="催办")
    Notification.objects.create(recipient=cast.official, kind="deployed", title="交办")
    client = api("official")

    assert [n["id"] for n in client.get(url("notifications"), {"kind": "urge"}).json()["results"]] == [urge.pk]
    assert client.get(url("notifications"), {"kind": "closed"}).json()["count"] == 0
    wrong = client.get(url("notifications"), {"kind": "nonsense"})
    assert wrong.status_code == 400 and "kind" in wrong.json()["fields"]


def test_marking_all_of_one_kind_read(cast, api):
    Notification.objects.create(recipient=cast.official, kind="urge", title="催办")
    deployed = Notification.objects.create(recipient=cast.official, kind="deployed", title="交办")
    Notification.objects.create(recipient=cast.official2, kind="urge", title="别人的")
    client = api("official")

    assert client.post(url("read_all"), {"kind": "urge"}, format="json").json() == {"marked": 1}
    assert [n["id"] for n in client.get(url("notifications"), {"unread": "true"}).json()["results"]] == [deployed.pk]
    assert client.post(url("read_all"), {"kind": "nonsense"}, format="json").status_code == 400
    assert Notification.objects.filter(recipient=cast.official2, read_at__isnull=True).count() == 1


def test_a_step_notice_reaches_the_api_with_its_kind_and_a_published_one_with_its_link(cast, api):
    from django.urls import reverse

    from assessment.compute import publish
    from tests.assessment.year import build_year

    item = item_at(cast, "accept")
    deployed = api("official").get(url("notifications"), {"kind": "deployed"}).json()["results"]
    assert [(n["kind_label"], n["title"], n["link"]) for n in deployed] == [("交办", f"交办：“{item}”，请签收", "")]
    assert deployed[0]["item_url"].endswith(url("item", item.pk))
    draft = build_year(cast).compute(cast.office)
    publish(draft, user=cast.office)
    [published] = api("committee").get(url("notifications"), {"kind": "published"}).json()["results"]
    assert published["link"] == reverse("assessment:result", args=[draft.pk]) and published["item_url"] is None
