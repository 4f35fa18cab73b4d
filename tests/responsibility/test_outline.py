"""Items nest (一、 →（一）→ 1.): an item with children is a heading, and every item knows its place."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from responsibility.models import ResponsibilityItem, attach_ancestors, outline


def heading(cast, number: str, title: str, parent=None, order: int = 0) -> ResponsibilityItem:
    return ResponsibilityItem.objects.create(plan=cast.plan, parent=parent, number=number, title=title, order=order)


@pytest.fixture
def part(cast):
    return heading(cast, "一、", "2020 年推进法治政府建设的主要举措和成效", order=1)


@pytest.fixture
def section(cast, part):
    return heading(cast, "（一）", "依法全面履行政府职能情况", parent=part, order=2)


def fresh(item) -> ResponsibilityItem:
    return ResponsibilityItem.objects.get(pk=item.pk)


def test_an_item_becomes_a_heading_when_it_gets_a_child(cast, part):
    assert not fresh(part).is_heading
    child = cast.item(parent=part)
    assert fresh(part).is_heading
    assert child.parent.is_heading  # the parent in memory is told too
    assert not fresh(child).is_heading


def test_a_heading_becomes_an_item_again_when_its_last_child_goes(cast, part, section):
    other = heading(cast, "二、", "存在的不足")
    leaf = cast.item(parent=section)
    leaf.parent = other
    leaf.save()
    assert not fresh(section).is_heading and fresh(other).is_heading
    fresh(leaf).delete()
    assert not fresh(other).is_heading
    assert fresh(part).is_heading  # still has the section


def test_saving_a_few_fields_does_not_touch_the_headings(cast, section):
    leaf = fresh(cast.item(parent=section))
    leaf.percent_done = 40
    with CaptureQueriesContext(connection) as ctx:
        leaf.save(update_fields=["percent_done"])
        leaf.save()
    assert len(ctx) == 2


def test_an_item_knows_its_full_number_and_path(cast, section):
    leaf = cast.item("完善内部制度建设", parent=section, number="1.")
    leaf = ResponsibilityItem.objects.select_related("parent__parent__parent").get(pk=leaf.pk)
    assert leaf.full_number == "一、（一）1."
    assert leaf.path_titles == ["一、2020 年推进法治政府建设的主要举措和成效", "（一）依法全面履行政府职能情况"]
    assert leaf.breadcrumb == "一、2020 年推进法治… › （一）依法全面履行政府职能情况"
    assert fresh(section).breadcrumb == "一、2020 年推进法治政府建设的主要举措和成效"
    assert fresh(section).full_number == "一、（一）"


def test_an_item_at_the_top_has_no_path(cast):
    item = cast.item(number="1.")
    assert (item.ancestors, item.breadcrumb, item.full_number) == ([], "", "1.")


def test_ancestors_of_many_items_cost_one_query(cast, section, django_assert_num_queries):
    leaves = [cast.item(f"事项{i}", parent=section, number=f"{i}.") for i in range(5)]
    leaves = list(ResponsibilityItem.objects.filter(pk__in=[leaf.pk for leaf in leaves]))
    with django_assert_num_queries(1):
        attach_ancestors(leaves)
        assert {leaf.breadcrumb for leaf in leaves} == {"一、2020 年推进法治… › （一）依法全面履行政府职能情况"}


def test_items_at_the_top_need_no_query_for_their_ancestors(cast, django_assert_num_queries):
    items = [cast.item(f"事项{i}") for i in range(3)]
    with django_assert_num_queries(0):
        attach_ancestors(items)
        assert [item.ancestors for item in items] == [[], [], []]


def test_the_outline_puts_each_heading_once_above_its_items_in_plan_order(cast, part, section):
    second = heading(cast, "（二）", "完善依法行政制度体系情况", parent=part, order=5)
    # Created out of order: the outline follows ``order``, not creation.
    b1 = cast.item("牵头抓好组织建设", parent=second, number="1.", order=6)
    a2 = cast.item("保障地方经济发展", parent=section, number="2.", order=4)
    a1 = cast.item("完善内部制度建设", parent=section, number="1.", order=3)
    top = cast.item("未归类事项", number="", order=9)
    rows = outline([b1, a2, a1, top])
    assert [(row.depth, str(row.item)) for row in rows] == [
        (0, "一、2020 年推进法治政府建设的主要举措和成效"),
        (1, "（一）依法全面履行政府职能情况"),
        (2, "1.完善内部制度建设"),
        (2, "2.保障地方经济发展"),
        (1, "（二）完善依法行政制度体系情况"),
        (2, "1.牵头抓好组织建设"),
        (0, "未归类事项"),
    ]


def test_the_outline_shows_only_the_headings_above_the_given_items(cast, part, section):
    second = heading(cast, "（二）", "完善依法行政制度体系情况", parent=part, order=5)
    cast.item("完善内部制度建设", parent=section, number="1.", order=3)
    mine = cast.item("牵头抓好组织建设", parent=second, number="1.", order=6)
    assert [str(row.item) for row in outline([mine])] == [
        "一、2020 年推进法治政府建设的主要举措和成效",
        "（二）完善依法行政制度体系情况",
        "1.牵头抓好组织建设",
    ]
