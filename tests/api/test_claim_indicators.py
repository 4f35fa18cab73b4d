"""The API's claim and rectification keep the plan's rule that a claim states every indicator
(claim_needs_indicator_values), through the same forms as the page (tests/workflow/test_claim_indicators.py)."""

import json

import pytest

from responsibility.models import Indicator, ItemStatus, WorkPlan
from tests.api.helpers import post_report, url
from tests.workflow.drive import item_at
from tests.workflow.test_claim_indicators import AIDED, CONSULTED

pytestmark = pytest.mark.usefixtures("media")


def needs_values(cast, on: bool = True) -> None:
    WorkPlan.objects.filter(pk=cast.plan.pk).update(claim_needs_indicator_values=on)


def claim(client, item, values: dict):
    data = {"narrative": "全年接待咨询 213 起", "indicator_values": json.dumps(values)}
    return post_report(client, item, data, name="claim")


def rectify(client, item, values: dict):
    data = {"narrative": "已补充台账", "indicator_values": json.dumps(values)}
    return client.post(url("rectification", item.pk), data, format="multipart")


@pytest.fixture
def item(cast):
    item = item_at(cast, "work")
    Indicator.objects.create(item=item, name="法律援助", unit="起", target_value=8)
    return item


def ids(item) -> tuple[str, str]:
    return str(item.indicators.get(name="法律咨询").pk), str(item.indicators.get(name="法律援助").pk)


def test_a_claim_with_a_blank_indicator_is_refused_naming_it(cast, api, item):
    needs_values(cast)
    consulted, aided = ids(item)

    response = claim(api("official"), item, {aided: "9"})

    assert response.status_code == 400
    assert response.json()["fields"]["indicator_values"] == {consulted: [CONSULTED]}
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS and not item.reports.exists()

    response = claim(api("official"), item, {})
    assert response.json()["fields"]["indicator_values"] == {consulted: [CONSULTED], aided: [AIDED]}


def test_a_claim_with_every_indicator_goes_to_verification(cast, api, item):
    needs_values(cast)
    consulted, aided = ids(item)

    response = claim(api("official"), item, {consulted: "213", aided: "9"})

    assert response.status_code == 201, response.json()
    assert response.json()["item"]["status"] == "claimed"
    assert len(response.json()["report"]["indicator_values"]) == 2


def test_a_plan_that_does_not_ask_takes_a_claim_with_blank_indicators(cast, api, item):
    needs_values(cast, on=False)

    response = claim(api("official"), item, {})

    assert response.status_code == 201, response.json()


def test_a_rectification_with_a_blank_indicator_is_refused_where_the_plan_asks(cast, api):
    item = item_at(cast, "rectify")
    consulted = str(item.indicators.get().pk)
    needs_values(cast)

    response = rectify(api("official"), item, {})

    assert response.status_code == 400
    assert response.json()["fields"]["indicator_values"] == {consulted: [CONSULTED]}
    assert rectify(api("official"), item, {consulted: "213"}).status_code == 201
