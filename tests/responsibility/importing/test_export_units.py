"""The responsibility list's units per role in the export, its second sheet (分办表, one row per unit
doing an item), and the round trip of both through the import."""

import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from responsibility.importing import xlsx
from responsibility.importing.document import ImportRejected
from responsibility.importing.run import import_plan, parse_upload
from responsibility.models import Assignment, ItemStatus, Post, ResponsibilityItem
from tests.browser import Browser
from tests.cast import person
from tests.workflow.drive import deploy_data, do, item_at
from tests.workflow.test_units import two_unit_item

PARTS_HEADER = ["序号", "工作任务", "承办单位", "承办角色", "责任人", "完成时限", "状态", "完成进度", "逾期天数"]


def sheets(data: bytes) -> dict[str, list[list]]:
    book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    return {sheet.title: [[cell.value for cell in row] for row in sheet.iter_rows()] for sheet in book.worksheets}


def list_row(data: bytes, title: str) -> dict[str, str]:
    """The 责任清单 row of the item ``title``, by header."""
    rows = sheets(data)["责任清单"]
    header = rows[1]
    row = next(row for row in rows[2:] if row[1] == title)
    return dict(zip(header, row, strict=True))


def parts(data: bytes) -> list[list]:
    rows = sheets(data)["分办表"]
    assert rows[1] == PARTS_HEADER
    return rows[2:]


@pytest.fixture
def office_head(cast):
    """党政办's own 责任人, for it to cooperate on deployed items."""
    return Post.objects.create(
        unit=cast.office_unit, title="党政办主任", role=Post.Role.OFFICIAL, holder=person("official4", "郑主任")
    )


@pytest.fixture
def draft(cast):
    """An imported-looking draft item: 司法所 leads, 兴科社区 and the group 各社区 are responsible, 党政办
    cooperates, and one name is still to be matched."""
    cast.plan.status = cast.plan.Status.DRAFT
    cast.plan.save()
    item = ResponsibilityItem.objects.create(
        plan=cast.plan,
        number="1.",
        title="推进依法决策",
        lead_unit=cast.justice,
        responsible_post=cast.posts["official2"],
        deadline=datetime.date(2020, 6, 30),
        unit_groups={"responsible_units": ["各社区"]},
        unresolved={"cooperating_units": ["某协会"]},
    )
    item.responsible_units.set([cast.community])
    item.cooperating_units.set([cast.office_unit])
    return item


def test_a_draft_exports_its_units_and_group_words_as_written(draft):
    row = list_row(xlsx.export_plan(draft.plan), "推进依法决策")
    assert (row["牵头单位"], row["责任单位"], row["配合单位"]) == ("司法所", "兴科社区、各社区", "党政办、某协会")


def test_a_deployed_item_exports_the_units_it_was_handed_to_in_their_roles(cast):
    item = item_at(cast, "deploy")
    # 司法所 is both lead and responsible on the form: it is handed the item once, as its lead.
    data = deploy_data(cast, item, responsible_units=[cast.justice.pk, cast.community.pk])
    do(cast.office, item, "deploy", **data)
    assert set(item.responsible_units.all()) == {cast.justice, cast.community}
    row = list_row(xlsx.export_plan(cast.plan), item.title)
    assert (row["牵头单位"], row["责任单位"], row["配合单位"]) == ("司法所", "兴科社区", None)


def test_the_second_sheet_lists_one_row_per_assignment(cast, office_head):
    item = two_unit_item(cast, cooperating_units=[cast.office_unit.pk])
    assert parts(xlsx.export_plan(cast.plan)) == [
        ["1.", item.title, "司法所", "牵头", "赵所长", "2030年12月31日", "待签收", "0%", None],
        ["1.", item.title, "兴科社区", "责任", "钱主任", "2030年12月31日", "待签收", "0%", None],
        ["1.", item.title, "党政办", "配合", "郑主任", "2030年12月31日", "办理中", "0%", None],
    ]


def test_the_second_sheet_shows_each_units_own_progress_and_days_overdue(cast):
    item = two_unit_item(cast)
    late = item.assignments.get(unit=cast.community)
    late.deadline, late.percent_done = datetime.date.today() - datetime.timedelta(days=12), 40
    late.save()
    rows = {row[2]: row for row in parts(xlsx.export_plan(cast.plan))}
    assert rows["兴科社区"][5:] == [xlsx.format_date(late.deadline), "待签收", "40%", 12]
    assert rows["司法所"][7:] == ["0%", None]


def test_a_draft_item_lists_its_named_units_and_groups_as_drafts(draft):
    assert parts(xlsx.export_plan(draft.plan)) == [
        ["1.", "推进依法决策", "司法所", "牵头", None, "2020年6月30日", "草稿", None, None],
        ["1.", "推进依法决策", "兴科社区", "责任", "钱主任", "2020年6月30日", "草稿", None, None],
        ["1.", "推进依法决策", "各社区", "责任", None, "2020年6月30日", "草稿", None, None],
        ["1.", "推进依法决策", "党政办", "配合", None, "2020年6月30日", "草稿", None, None],
        ["1.", "推进依法决策", "某协会", "配合", None, "2020年6月30日", "草稿", None, None],
    ]


def test_headings_have_no_rows_on_the_second_sheet(cast, draft):
    heading = ResponsibilityItem.objects.create(plan=cast.plan, number="一、", title="依法行政", order=0)
    draft.parent = heading
    draft.save()
    assert [row[0] for row in parts(xlsx.export_plan(cast.plan))] == ["一、1."] * 5


def test_the_export_page_gives_both_sheets(cast, draft):
    from django.urls import reverse

    response = Browser(cast.office).get(reverse("plans:export", args=[draft.plan_id]))
    assert response.status_code == 200
    assert list(sheets(response.content)) == ["责任清单", "分办表"]


def _export_queries(plan) -> int:
    with CaptureQueriesContext(connection) as queries:
        xlsx.export_plan(plan)
    return len(queries)


def test_the_export_reads_the_assignments_in_one_query_for_any_number(cast):
    for number in range(1, 4):
        item = cast.item(f"事项{number}", number=f"{number}.", order=number)
        Assignment.objects.create(item=item, unit=cast.justice, role=Assignment.Role.LEAD, post=cast.posts["official"])
    three = _export_queries(cast.plan)
    for item in ResponsibilityItem.objects.filter(plan=cast.plan):
        Assignment.objects.create(item=item, unit=cast.community, post=cast.posts["official2"])
    assert _export_queries(cast.plan) == three <= 9


# --- the round trip ------------------------------------------------------------------------------------


def units_per_role(item: ResponsibilityItem) -> dict[str, set[str]]:
    """The units an item is (or will be) handed to, by role: its assignments' once deployed, else the
    units and group words it names."""
    return {field: set(names) for field, names in xlsx.units_by_role(item).items()}


def reimported(cast, data: bytes):
    parsed = parse_upload("清单.xlsx", data, cast.plan.year)
    plan, summary = import_plan(parsed, cast.street, cast.plan.year)
    return plan, summary


def test_a_draft_with_groups_comes_back_with_the_same_units_per_role(cast, draft):
    plan, _summary = reimported(cast, xlsx.export_plan(draft.plan))
    copy = plan.items.get()
    assert units_per_role(copy) == units_per_role(draft)
    assert copy.unit_groups == {"responsible_units": ["各社区"]}
    assert copy.unresolved == {"cooperating_units": ["某协会"]}


def test_a_deployed_plan_comes_back_with_its_units_per_role_and_no_extra_items(cast, office_head):
    one = two_unit_item(cast, cooperating_units=[cast.office_unit.pk])
    other = item_at(cast, "deploy", title="推进依法决策", number="2.", order=2)
    do(cast.office, other, "deploy", **deploy_data(cast, other))
    plan, summary = reimported(cast, xlsx.export_plan(cast.plan))

    copies = {copy.title: copy for copy in plan.items.all()}
    assert len(copies) == 2 == summary["items"]  # the 分办表's three rows made no items
    first = copies[one.title]
    expected = {"lead_units": {"司法所"}, "responsible_units": {"兴科社区"}, "cooperating_units": {"党政办"}}
    assert units_per_role(one) == expected
    assert units_per_role(first) == expected
    assert first.status == ItemStatus.DRAFT and first.unit_groups == {}


def test_the_import_says_it_set_the_second_sheet_aside(cast, draft):
    _plan, summary = reimported(cast, xlsx.export_plan(draft.plan))
    assert [w["message"] for w in summary["warnings"]] == [
        "“分办表”是分办表，未重复导入：各事项的单位按责任清单的牵头、责任、配合单位列导入。"
    ]


def test_the_review_shows_the_list_rows_alone_as_the_source(cast, draft):
    plan, _summary = reimported(cast, xlsx.export_plan(draft.plan))
    assert "承办角色" not in plan.source_text and "推进依法决策" in plan.source_text


def test_the_second_sheet_alone_is_refused_with_the_reason(draft):
    book = openpyxl.load_workbook(io.BytesIO(xlsx.export_plan(draft.plan)))
    book.remove(book["责任清单"])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(ImportRejected, match="不能单独导入"):
        parse_upload("分办表.xlsx", out.getvalue(), 2020)
