"""Each endpoint costs the same number of queries for one row as for many.

Measured after a warm-up request (ContentType and permission caches fill once per process); the
caps are today's counts, so an endpoint that starts costing more fails here first.
"""

import pytest

from responsibility.models import ResponsibilityItem
from tests.api.helpers import pdf, report_data, url
from tests.browser import queries
from tests.workflow.drive import do, item_at
from workflow.models import Notification


def heading(cast):
    part = ResponsibilityItem.objects.create(plan=cast.plan, number="一、", title="主要举措和成效")
    return ResponsibilityItem.objects.create(plan=cast.plan, parent=part, number="（一）", title="依法全面履行政府职能")


def working(cast, n: int):
    parent = heading(cast) if n else None
    return [item_at(cast, "work", title=f"事项{i}", number=f"{i}.", parent=parent) for i in range(n)]


@pytest.mark.parametrize("role, cap", [("official", 8), ("office", 10)])
def test_item_list_is_flat(cast, api, role, cap, django_assert_max_num_queries):
    client = api(role)
    working(cast, 1)
    few = queries(client, url("items"))
    working(cast, 6)
    many = queries(client, url("items"))

    assert few == many
    with django_assert_max_num_queries(cap):
        client.get(url("items"))


def test_my_tasks_is_flat(cast, api, django_assert_max_num_queries):
    client = api("official")
    working(cast, 1)
    few = queries(client, url("tasks"))
    working(cast, 6)
    many = queries(client, url("tasks"))

    assert few == many
    # The units whose parts the tasks are: one query; the pager counts the tasks: one query.
    with django_assert_max_num_queries(9):
        client.get(url("tasks"))


def test_item_detail_is_flat_in_reports_files_and_events(cast, api, media, django_assert_max_num_queries):
    client = api("official")
    item = item_at(cast, "work")
    do(cast.official, item, "work", files={"evidence": [pdf()]}, **report_data(action="report"))
    few = queries(client, url("item", item.pk))
    for i in range(5):
        files = {"evidence": [pdf(f"{i}-{j}.pdf") for j in range(3)]}
        indicator = {f"indicator_{item.indicators.get().pk}": str(i)}
        do(cast.official, item, "work", files=files, **report_data(action="report", **indicator))
    many = queries(client, url("item", item.pk))

    assert few == many
    with django_assert_max_num_queries(22):
        client.get(url("item", item.pk))


def test_notifications_are_flat(cast, api, django_assert_max_num_queries):
    client = api("official")
    item = item_at(cast, "work")
    Notification.objects.create(recipient=cast.official, item=item, kind="urge", title="催办")
    few = queries(client, url("notifications"))
    for i in range(20):
        Notification.objects.create(recipient=cast.official, item=item, kind="urge", title=f"催办{i}")
    many = queries(client, url("notifications"))

    assert few == many
    with django_assert_max_num_queries(3):
        client.get(url("notifications"))


def test_notifications_filtered_by_kind_are_flat(cast, api, django_assert_max_num_queries):
    client = api("official")
    item = item_at(cast, "work")
    path = url("notifications") + "?kind=urge&unread=true"
    Notification.objects.create(recipient=cast.official, item=item, kind="urge", title="催办")
    few = queries(client, path)
    for i in range(20):
        Notification.objects.create(recipient=cast.official, item=item, kind="urge", title=f"催办{i}")
    assert few == queries(client, path)
    with django_assert_max_num_queries(3):
        assert client.get(path).json()["count"] == 21
