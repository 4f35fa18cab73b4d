"""The office weighs a shared item per unit (单位分值), and the year end scores each unit on its points."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from assessment.compute import compute, publish
from assessment.models import ItemResult
from responsibility.models import Assignment
from tests.assessment.scenario import scheme_for, unit_with_official
from tests.browser import Browser, messages, text, url
from tests.workflow.drive import item_at
from tests.workflow.test_units import two_unit_item

pytestmark = pytest.mark.django_db


def fields(item) -> dict[str, int]:
    """The form's field name of each unit's points, by unit name."""
    return {a.unit.name: f"points_{a.pk}" for a in item.assignments.select_related("unit")}


def points(item) -> dict[str, Decimal | None]:
    return {a.unit.name: a.points for a in item.assignments.select_related("unit")}


def test_the_office_sets_each_units_points_on_a_shared_item(cast):
    item = two_unit_item(cast)
    name = fields(item)

    response = Browser(cast.office).submit(
        url("unit_points", item.pk), {name["司法所"]: "5", name["兴科社区"]: "15"}, follow=True
    )

    assert points(item) == {"司法所": Decimal(5), "兴科社区": Decimal(15)}
    assert messages(response) == ["已保存单位分值，2 个单位有变动。"]
    assert response.redirect_chain[-1][0] == f"{url('item', item.pk)}#units"


def test_an_empty_field_gives_the_unit_the_items_points_again(cast):
    item = two_unit_item(cast)
    Assignment.objects.filter(item=item).update(points=Decimal(7))
    name = fields(item)

    Browser(cast.office).submit(url("unit_points", item.pk), {name["司法所"]: "", name["兴科社区"]: "7"})

    assert points(item) == {"司法所": None, "兴科社区": Decimal(7)}


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("0", "单位分值须大于 0；留空则按事项分值计。"),
        ("五分", "请填写数字，如 5 或 7.5。"),
        ("1.255", "单位分值最多两位小数。"),
    ],
)
def test_a_bad_value_is_refused_in_chinese_and_nothing_is_saved(cast, value, error):
    item = two_unit_item(cast)
    name = fields(item)

    response = Browser(cast.office).submit(url("unit_points", item.pk), {name["司法所"]: "5", name["兴科社区"]: value})

    assert response.status_code == 200 and error in text(response)
    assert points(item) == {"司法所": None, "兴科社区": None}


def test_only_the_office_may_weigh_units(cast):
    item = two_unit_item(cast)
    name = fields(item)

    assert Browser(cast.official).submit(url("unit_points", item.pk), {name["司法所"]: "50"}).status_code == 403
    assert Browser(cast.outsider).get(url("unit_points", item.pk)).status_code == 404
    assert points(item) == {"司法所": None, "兴科社区": None}


def test_the_item_page_links_the_office_to_the_units_points_of_a_shared_item_only(cast):
    shared, alone = two_unit_item(cast), item_at(cast, "work")
    link = f'href="{url("unit_points", shared.pk)}"'

    assert link in text(Browser(cast.office).get(url("item", shared.pk)))
    assert link not in text(Browser(cast.official).get(url("item", shared.pk)))
    assert "unit-points" not in text(Browser(cast.office).get(url("item", alone.pk)))


def test_the_page_says_cooperating_units_are_not_scored_on_the_item(cast):
    finance, _post = unit_with_official(cast, "财政所", 20)
    item = two_unit_item(cast, cooperating_units=[finance.pk])

    page = text(Browser(cast.office).get(url("unit_points", item.pk)))

    assert "配合单位（财政所）不按本事项计分" in page
    assert "points_" in page and f"points_{item.assignments.get(unit=finance).pk}" not in page


def test_the_year_end_weighs_each_unit_on_the_points_the_office_set(cast):
    item = two_unit_item(cast)
    name = fields(item)
    Browser(cast.office).submit(url("unit_points", item.pk), {name["司法所"]: "5", name["兴科社区"]: "15"})
    scheme = scheme_for(cast)

    assessment = compute(scheme, as_of=datetime.date(2020, 12, 31))

    weights = {r.unit.name: r.weight for r in ItemResult.objects.filter(assessment=assessment, item=item)}
    assert weights == {"司法所": Decimal(5), "兴科社区": Decimal(15)}
    publish(assessment, user=cast.office)
    page = text(Browser(cast.official).get(url("item", item.pk)))
    assert "（司法所）：分值 5" in page and "（兴科社区）：分值 15" in page
