"""The whole life of an item through the flow's service doors."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from responsibility.models import ItemEvent, ItemStatus
from tests.workflow.drive import deploy_data, do, find_task
from workflow import services


def test_it_takes_an_item_from_deploy_to_assessment(cast):
    item = cast.item()
    services.launch(item, cast.office)
    assert item.status == ItemStatus.DEPLOYING

    do(cast.office, item, "deploy", **deploy_data(cast, item))
    assert item.status == ItemStatus.ACCEPTING

    do(cast.official, item, "accept", decision="accept")
    assert item.status == ItemStatus.IN_PROGRESS

    indicator = item.indicators.get()
    do(
        cast.official,
        item,
        "work",
        action="report",
        period="2020-03",
        percent_done="40",
        narrative="已接待咨询 80 起",
        **{f"indicator_{indicator.pk}": "80"},
    )
    assert item.status == ItemStatus.IN_PROGRESS and item.percent_done == 40

    do(
        cast.official,
        item,
        "work",
        action="claim",
        period="2020-12",
        percent_done="90",
        narrative="全年完成",
        **{f"indicator_{indicator.pk}": "213"},
    )
    assert item.status == ItemStatus.CLAIMED and item.percent_done == 100

    do(
        cast.inspector,
        item,
        "verify",
        decision="return",
        rectification_points="补充台账",
        rectification_deadline=(datetime.date.today() + datetime.timedelta(days=10)).isoformat(),
    )
    assert item.status == ItemStatus.RECTIFYING

    do(cast.official, item, "rectify", narrative="已补充台账")
    assert item.status == ItemStatus.CLAIMED

    do(cast.inspector, item, "verify", decision="pass", comments="材料齐全")
    assert item.status == ItemStatus.VERIFIED

    do(cast.assessor, item, "assess", quality="8", comment="较好")
    assert item.status == ItemStatus.CLOSED
    assert item.scores.get().total > 0
    kinds = list(item.events.values_list("kind", flat=True))
    assert kinds == [
        ItemEvent.Kind.CREATED,
        ItemEvent.Kind.DEPLOYED,
        ItemEvent.Kind.ACCEPTED,
        ItemEvent.Kind.REPORTED,
        ItemEvent.Kind.CLAIMED,
        ItemEvent.Kind.RETURNED,
        ItemEvent.Kind.RECTIFIED,
        ItemEvent.Kind.VERIFIED,
        ItemEvent.Kind.ASSESSED,
    ]
    assert not services.active_task_for_item(item).exists()


def test_outsider_cannot_complete_a_task(cast):
    item = cast.item()
    services.launch(item, cast.office)
    with pytest.raises(PermissionDenied):
        services.complete(cast.outsider, find_task(item, "deploy").pk, deploy_data(cast, item), {})
