"""The demo: `load_demo` builds the 2020 plan through the real flow, and each login sees its share."""

import datetime
import re
from dataclasses import replace
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from guardian.models import GroupObjectPermission
from viewflow.workflow.models import Process

from assessment import demo as assessment_demo
from assessment.models import Assessment, ItemResult, ItemScore
from responsibility import contributions, permissions
from responsibility.importing.parse import parse
from responsibility.importing.readers import read
from responsibility.importing.run import sha256
from responsibility.models import (
    FINISHED_KINDS,
    Category,
    Closing,
    ItemEvent,
    ItemStatus,
    Person,
    PlanImport,
    ResponsibilityItem,
    WorkPlan,
)
from tests.browser import outline_rows, plain_text, row_texts, text
from workflow import demo, services

# Hashing eight passwords with the real hasher would cost seconds; these tests are about access.
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]

WAITING = {
    "committee": set(),
    "office": {
        ("deploy", "认真抓好工作部署，促进法治建设工作见成效"),
        ("deploy", "履行推进法治建设第一责任人职责"),
        ("decide_extension", "全面推行行政执法公示，全过程记录，重大执法决定法治审核"),
    },
    "leader": set(),
    "official": {
        ("accept", "专家，律师风险评估及审查"),
        ("work", "注重通过法治实践提高政府工作人员法治思维和依法行政能力"),
        ("work", "强化法制宣传"),
    },
    "official2": {("rectify", "加强信访工作制度")},
    "inspector": {("verify", "深入开展公共服务站品牌建设")},
    "assessor": {("assess", "切实发挥领导作用，加强党对法治政府建设的领导")},
    "outsider": set(),
}


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """Load the demo once for the module, inside a transaction rolled back at the end."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            out = StringIO()
            call_command("load_demo", "--force", stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def plan(loaded, db):
    return WorkPlan.objects.get(title=demo.PLAN_TITLE)


@pytest.fixture
def login(client, plan):
    def as_(username):
        assert client.login(username=username, password=demo.PASSWORD)
        return client

    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        yield as_


def item(title):
    return ResponsibilityItem.objects.get(title=title)


def test_it_builds_the_plan_with_eight_categories_worth_100_points(plan):
    categories = list(plan.categories.all())
    assert [c.name for c in categories] == [
        "依法全面履行政府职能",
        "完善依法行政制度体系",
        "推进行政决策科学化民主化法治化",
        "坚持严格规范公正文明执法",
        "强化对行政权力的制约和监督",
        "依法有效化解社会矛盾纠纷",
        "全面提高政府工作人员法治思维和依法行政能力",
        "强化组织保障和落实机制",
    ]
    assert sum(c.points for c in categories) == 100
    for category in categories:
        assert sum(i.points for i in category.items.filter(is_heading=False)) == category.points
        # The importer files a heading in the category it names; a heading is never scored.
        assert {h.points for h in category.items.filter(is_heading=True)} <= {Decimal(0)}


def test_it_keeps_the_numbers_as_written_and_titles_from_the_first_sentence(plan):
    first = plan.items.filter(is_heading=False).order_by("order").first()
    assert (first.number, first.title) == ("1.", "完善内部制度建设")
    assert first.content.startswith("完善《回兴街道网络安全管理制度》")
    assert item("专家，律师风险评估及审查").number == "2"


def test_items_end_at_every_stage_of_the_flow(plan):
    statuses = list(plan.items.filter(is_heading=False).values_list("status", flat=True))
    assert statuses.count(ItemStatus.CLOSED) == 8
    for status in [
        ItemStatus.DEPLOYING,
        ItemStatus.ACCEPTING,
        ItemStatus.IN_PROGRESS,
        ItemStatus.EXTENSION_REQUESTED,
        ItemStatus.CLAIMED,
        ItemStatus.RECTIFYING,
        ItemStatus.VERIFIED,
    ]:
        assert status in statuses
    assert [i.title for i in demo.overdue_items(plan)] == ["注重通过法治实践提高政府工作人员法治思维和依法行政能力"]


def test_closed_items_were_assessed_on_2020_facts(plan):
    for closed in plan.items.filter(status=ItemStatus.CLOSED):
        units = closed.assignments.exclude(role="cooperating")
        assert closed.scores.count() == units.count() and all(s.total > 0 for s in closed.scores.all())
        # Each unit finished its part once: a claim, or its part reported to a lead closing for all.
        finished = closed.events.filter(kind__in=FINISHED_KINDS)
        assert finished.count() == units.count() and {c.created_at.year for c in finished} <= {2020, 2021}
    mediation = item("扎实开展人民调解工作")
    scores = list(mediation.scores.select_related("assignment__unit"))
    assert {s.assignment.unit.name for s in scores} == {"司法所", "兴科社区"}
    # Both finished on time (a claim, and the part reported to the lead unit): no line for lateness.
    assert not [line for s in scores for line in s.lines if "逾期" in line["text"]]


def test_each_step_score_is_the_year_ends_score_of_the_same_part(plan):
    """B4: the 考核评分 steps scored by the demo's scheme, as its first computation does."""
    draft = Assessment.objects.get(scheme__plan=plan)
    scores = ItemScore.objects.filter(item__plan=plan).select_related("assignment")
    assert scores.count() > 0
    for step in scores:
        result = ItemResult.objects.get(assessment=draft, assignment=step.assignment)
        assert (step.total, step.max_total) == (result.earned, result.weight), step.item


def test_the_units_of_one_item_finish_at_different_times_and_score_differently(plan):
    economy = item("保障地方经济发展")
    scores = {s.assignment.unit.name: s for s in economy.scores.select_related("assignment__unit")}
    assert set(scores) == {"经济发展办", "公共服务中心"}
    assert not [line for line in scores["经济发展办"].lines if "逾期" in line["text"]]
    assert [line["text"] for line in scores["公共服务中心"].lines if "逾期8天（每周扣0.5分）" in line["text"]]
    assert scores["经济发展办"].total > scores["公共服务中心"].total


def test_one_item_is_closed_by_its_lead_unit_for_both_units(plan):
    mediation = item("扎实开展人民调解工作")
    assert mediation.closing == Closing.LEAD and mediation.status == ItemStatus.CLOSED
    community = mediation.assignments.get(unit__name="兴科社区")
    kinds = list(community.events.order_by("created_at", "id").values_list("kind", flat=True))
    assert kinds[-3:] == [ItemEvent.Kind.HANDED_IN, ItemEvent.Kind.VERIFIED, ItemEvent.Kind.ASSESSED]
    assert community.events.get(kind=ItemEvent.Kind.VERIFIED).note == "随牵头单位汇总办结核验通过"
    scores = {s.assignment.unit.name for s in mediation.scores.select_related("assignment__unit")}
    assert scores == {"司法所", "兴科社区"}


def test_cooperating_units_contribute_one_on_time_and_one_missed(plan):
    publicity = item("强化法制宣传")
    found = {c.assignment.unit.name: c for c in contributions.of(publicity.assignments.select_related("unit", "item"))}
    today = timezone.localdate()
    assert not found["平安办"].missed(today) and found["平安办"].given_on == today - datetime.timedelta(days=20)
    assert found["规划建设环保办"].missed(today - datetime.timedelta(days=1))
    assert found["规划建设环保办"].describe(today) == (
        f"会办逾期10天（时限{date_format(today - datetime.timedelta(days=10))}）"
    )


def test_one_unit_passed_its_part_to_a_colleague(plan):
    mediation = item("扎实开展人民调解工作")
    lead = mediation.assignments.select_related("post__holder").get(role="lead")
    assert lead.post.holder.username == "hx_xu"
    transfer = mediation.events.get(kind=ItemEvent.Kind.TRANSFERRED)
    assert transfer.actor.username == "official" and "许调解员负责" in transfer.note
    assert mediation.events.get(kind=ItemEvent.Kind.CLAIMED).actor.username == "hx_xu"


def test_reports_carry_the_seed_figures_as_indicator_values(plan):
    claim = item("深入开展公共服务站品牌建设").reports.get(kind="completion")
    values = {v.indicator.name: v.value for v in claim.indicator_values.all()}
    assert values == {"法律咨询": Decimal(213), "法律援助": Decimal(10)}
    assert claim.evidence.count() == 1
    publicity = item("强化法制宣传").reports.filter(kind="progress").first()
    assert {v.indicator.name: v.value for v in publicity.indicator_values.all()}["受教育群众"] == 35000


def test_open_work_can_still_be_done_today(plan):
    extension = item("全面推行行政执法公示，全过程记录，重大执法决定法治审核")
    rectifying = item("加强信访工作制度")
    today = timezone.localdate()
    assert extension.deadline >= today
    assert rectifying.verifications.get().rectification_deadline >= today


def test_loading_again_changes_nothing(loaded, plan):
    counts = (ResponsibilityItem.objects.count(), Person.objects.count())
    out = StringIO()
    call_command("load_demo", "--force", stdout=out)
    assert "演示数据已存在" in out.getvalue()
    assert (ResponsibilityItem.objects.count(), Person.objects.count()) == counts
    assert "luoshi2020" in loaded


def test_reset_rebuilds_the_demo(plan):
    titles = sorted(plan.items.values_list("title", flat=True))
    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        call_command("load_demo", "--reset", "--force", stdout=StringIO())
    rebuilt = WorkPlan.objects.get(title=demo.PLAN_TITLE)
    assert rebuilt.pk != plan.pk
    assert sorted(rebuilt.items.values_list("title", flat=True)) == titles
    assert Person.objects.filter(username="official").count() == 1
    assert list(PlanImport.objects.values_list("plan", flat=True)) == [rebuilt.pk]


@override_settings(DEBUG=False)
def test_it_refuses_without_debug_unless_forced(db):
    people = Person.objects.count()
    with pytest.raises(CommandError):
        call_command("load_demo", "--reset", stdout=StringIO())
    assert Person.objects.count() == people


@pytest.mark.parametrize("username", list(WAITING))
def test_each_login_finds_its_tasks_waiting(login, username):
    response = login(username).get(reverse("workflow:my_tasks"))
    assert response.status_code == 200
    waiting = {(row.task.flow_task.name, row.item.title) for row in response.context["rows"]}
    assert waiting == WAITING[username]


@pytest.mark.parametrize("username", [u for u, tasks in WAITING.items() if tasks])
def test_each_waiting_task_opens(login, username):
    client = login(username)
    user = Person.objects.get(username=username)
    for task in services.my_tasks(user):
        assert client.get(reverse("workflow:task", args=[task.pk])).status_code == 200


def test_committee_sees_every_item(login, plan):
    response = login("committee").get(reverse("workflow:items"))
    assert len(response.context["items"]) == plan.items.filter(is_heading=False).count() == 19
    # 一、, the seven headings （一）…（七） and the items; （八） is itself an item.
    assert len(response.context["rows"]) == plan.items.count() == 1 + 7 + 19


def test_outsider_sees_nothing(login, plan):
    client = login("outsider")
    assert len(client.get(reverse("workflow:items")).context["items"]) == 0
    assert client.get(reverse("workflow:item", args=[plan.items.first().pk])).status_code == 404


def test_officials_see_only_their_own_units_items(login, plan):
    justice = {"深入开展公共服务站品牌建设", "专家，律师风险评估及审查", "扎实开展人民调解工作", "强化法制宣传"}
    official = {i.title for i in login("official").get(reverse("workflow:items")).context["items"]}
    assert justice < official and len(official) == 5
    client = login("official2")
    # 平安办 is responsible for 加强信访工作制度 and cooperates (配合) on 强化法制宣传: it sees both.
    seen = [i.title for i in client.get(reverse("workflow:items")).context["items"]]
    assert seen == ["加强信访工作制度", "强化法制宣传"]
    assert client.get(reverse("workflow:item", args=[item("完善内部制度建设").pk])).status_code == 404


def test_leader_sees_only_the_items_they_lead(plan):
    leader = Person.objects.get(username="leader")
    led = set(plan.items.filter(lead_leader_post__holder=leader).values_list("pk", flat=True))
    deployed = set(
        plan.items.filter(lead_leader_post__holder=leader)
        .exclude(status=ItemStatus.DEPLOYING)
        .values_list("pk", flat=True)
    )
    visible = set(permissions.visible_items(leader).values_list("pk", flat=True))
    assert deployed <= visible <= led


def test_official_can_accept_the_waiting_item_on_its_page(login):
    client = login("official")
    waiting = item("专家，律师风险评估及审查")
    task = services.active_task_for_item(waiting).get()
    response = client.post(reverse("workflow:task", args=[task.pk]), {"decision": "accept"})
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == ItemStatus.IN_PROGRESS


def test_every_item_page_renders_for_the_committee(login, plan):
    client = login("committee")
    for pk in plan.items.values_list("pk", flat=True):
        assert client.get(reverse("workflow:item", args=[pk])).status_code == 200


# --- Part 一 as written: headings above the items ------------------------------------------------

SECTIONS = {
    "（一）": ("依法全面履行政府职能情况", ["1.", "2.", "3.", "4."]),
    "（二）": ("完善依法行政制度体系情况", ["1.", "2.", "3."]),
    "（三）": ("推进行政决策科学化、民主化、法治化情况", ["1.", "2"]),
    "（四）": ("坚持严格规范公正文明执法情况", ["1", "2"]),
    "（五）": ("强化对行政权力的制约和监督情况", ["1.", "2."]),
    "（六）": ("依法有效化解社会矛盾纠纷情况", ["1", "2"]),
    "（七）": ("全面提高政府工作人员法治思维和依法行政能力情况", ["1.", "2.", "3."]),
    "（八）": ("履行推进法治建设第一责任人职责", []),  # nothing numbered under it: itself the item
}


def test_it_builds_part_one_as_headings_with_the_paragraphs_beneath(plan):
    part = plan.items.get(parent=None)
    assert (part.number, part.title, part.is_heading) == ("一、", "2020 年推进法治政府建设的主要举措和成效", True)
    sections = list(part.children.order_by("order"))
    assert [(s.number, s.title) for s in sections] == [(n, title) for n, (title, _items) in SECTIONS.items()]
    for section, category in zip(sections, plan.categories.all(), strict=True):
        leaves = list(section.children.order_by("order")) or [section]
        assert section.is_heading == (section.number != "（八）")
        assert [leaf.number for leaf in leaves if leaf != section] == SECTIONS[section.number][1]
        assert not any(leaf.is_heading for leaf in leaves)
        assert {leaf.category_id for leaf in leaves} == {category.pk}
    assert plan.items.filter(is_heading=False).count() == 19
    assert item("专家，律师风险评估及审查").full_number == "一、（三）2"


def test_headings_stay_drafts_outside_the_flow(plan):
    headings = list(plan.items.filter(is_heading=True))
    assert len(headings) == 8
    assert {h.status for h in headings} == {ItemStatus.DRAFT}
    item_type = ContentType.objects.get_for_model(ResponsibilityItem)
    pks = [h.pk for h in headings]
    assert not Process.objects.filter(artifact_content_type=item_type, artifact_object_id__in=pks).exists()
    assert not GroupObjectPermission.objects.filter(content_type=item_type, object_pk__in=map(str, pks)).exists()
    assert ("草稿", 8) not in demo.status_counts(plan)


def test_the_office_sees_the_list_as_the_document_is_written(login, plan):
    rows = outline_rows(login("office").get(reverse("workflow:items")))
    assert rows[:7] == [
        ("heading", "一、", "2020 年推进法治政府建设的主要举措和成效"),
        ("heading", "（一）", "依法全面履行政府职能情况"),
        ("item", "1.", "完善内部制度建设"),
        ("item", "2.", "保障地方经济发展"),
        ("item", "3.", "创新社区治理"),
        ("item", "4.", "深入开展公共服务站品牌建设"),
        ("heading", "（二）", "完善依法行政制度体系情况"),
    ]
    assert rows[-2:] == [
        ("item", "3.", "强化法制宣传"),
        ("item", "（八）", "履行推进法治建设第一责任人职责"),
    ]
    assert [r[1] for r in rows if r[0] == "heading"] == ["一、", *[n for n in SECTIONS if n != "（八）"]]
    assert len(rows) == 27


def test_an_official_sees_their_items_under_their_headings_and_nothing_else(login, plan):
    response = login("official2").get(reverse("workflow:items"))
    assert outline_rows(response) == [
        ("heading", "一、", "2020 年推进法治政府建设的主要举措和成效"),
        ("heading", "（六）", "依法有效化解社会矛盾纠纷情况"),
        ("item", "2", "加强信访工作制度"),
        ("heading", "（七）", "全面提高政府工作人员法治思维和依法行政能力情况"),
        ("item", "3.", "强化法制宣传"),  # 平安办 cooperates (配合) on it
    ]
    # Headings are not links, and no other item shows through them.
    shown = [str(item("加强信访工作制度").pk), str(item("强化法制宣传").pk)]
    assert re.findall(r'href="/items/(\d+)/"', text(response)) == shown
    assert "扎实开展人民调解工作" not in text(response)


def test_an_item_page_and_the_tasks_show_where_the_item_sits(login):
    client = login("official")
    page = client.get(reverse("workflow:item", args=[item("深入开展公共服务站品牌建设").pk]))
    assert "一、2020 年推进法治… › （一）依法全面履行政府职能情况" in plain_text(page)
    rows = row_texts(client.get(reverse("workflow:my_tasks")))
    row = next(r for r in rows if "2 专家，律师风险评估及审查" in r)
    assert "一、2020 年推进法治… › （三）推进行政决策科学化、民主化、法治化情况" in row


# --- Through the importer: the seed read as the import page reads it ------------------------------


def seed_part_one():
    """Part 一 of the seed as the importer reads it, without the database."""
    data = demo.SEED.read_bytes()
    parsed = parse(read(demo.SEED.name, data), demo.PLAN_YEAR)
    (part,) = [root for root in parsed.roots if root.number == "一、"]
    return parsed, part


def test_the_plan_came_through_the_importer_from_the_seed(plan):
    job = plan.imports.get()
    seed = demo.SEED.read_bytes()
    assert (job.file_name, job.sha256) == ("huixing_2020_report.txt", sha256(seed))
    assert (job.status, job.progress, job.year, job.title) == (PlanImport.Status.DONE, 100, 2020, demo.PLAN_TITLE)
    assert (job.organisation, job.created_by.username) == (plan.organisation, "office")
    with job.file.open("rb") as stored:
        assert stored.read() == seed
    # The summary is the import's, before the office removed the parts that are not work.
    assert job.summary["plan"]["id"] == plan.pk
    assert [e["number"] for e in job.summary["entries"] if e["level"] == 1] == ["一、", "二、", "三、", "四、"]
    parsed, _part = seed_part_one()
    assert plan.source_text == parsed.source.text
    assert plan.published_at.year == 2020 and plan.status == WorkPlan.Status.PUBLISHED


def test_its_items_are_the_seeds_part_one_as_the_importer_read_it(plan):
    parsed, part = seed_part_one()
    leaves = [node for node, _depth in part.walk() if not node.children]
    items = list(plan.items.filter(is_heading=False).order_by("order"))
    assert len(items) == len(leaves) == 19
    renamed = {"（八）": "履行推进法治建设第一责任人职责"}  # the office's title for the heading that is an item
    for item, node in zip(items, leaves, strict=True):
        assert (item.number, item.content, item.source_line) == (node.number, "\n\n".join(node.content), node.line)
        assert item.title == renamed.get(node.number, node.title)
        assert item.title in parsed.source.text
        # Only the indicators the demo's reports fill in; the report's other figures are not targets.
        spec = next(s for c in demo.CATEGORIES for s in c.items if c.key(s) == (item.parent.number, item.number))
        assert sorted(item.indicators.values_list("name", flat=True)) == sorted(i.name for i in spec.indicators)
    headings = [node for node in part.children]
    assert len(headings) == plan.categories.count() == 8
    for node, category in zip(headings, plan.categories.all(), strict=True):
        entry = plan.items.get(parent__number="一、", number=node.number)
        assert (entry.title, entry.category) == (renamed.get(node.number, node.title), category)


def test_the_parts_that_are_not_work_are_not_in_the_plan(login, plan):
    assert list(plan.items.filter(parent=None).values_list("number", flat=True)) == ["一、"]
    for gone in ["健全领导小组", "发挥统筹协调和监督指导作用的效率还需进一步提高", "严格依法行政，推进廉洁执法"]:
        assert not plan.items.filter(title__contains=gone).exists()
        assert gone in plan.source_text  # the source keeps them
    assert not Category.objects.filter(plan=plan, name__startswith="2020 年").exists()
    # The review page shows the import the plan came from, and the whole source beside it.
    response = login("office").get(reverse("plans:review", args=[plan.pk]))
    assert response.status_code == 200
    assert response.context["job"] == plan.imports.get()
    assert "三、2020 年推进法治政府建设存在的不足和原因" in text(response)


def stored_imports() -> set[str]:
    root = Path(settings.MEDIA_ROOT) / "imports"
    return {str(path) for path in root.rglob("*") if path.is_file()}


@pytest.mark.parametrize(("change", "error"), [("drop", "without a demo spec"), ("add", "no imported item")])
def test_a_spec_without_its_item_or_an_item_without_a_spec_stops_the_load(plan, monkeypatch, change, error):
    demo.remove()
    first, *rest = demo.CATEGORIES
    items = first.items[1:] if change == "drop" else (*first.items, replace(first.items[0], number="5."))
    monkeypatch.setattr(demo, "CATEGORIES", [replace(first, items=items), *rest])
    files = stored_imports()
    with override_settings(PASSWORD_HASHERS=FAST_HASHER), pytest.raises(demo.DemoError, match=error):
        demo.load()
    assert not demo.is_loaded()
    assert stored_imports() == files  # the failed load's copy of the seed went with it


def test_removing_the_demo_takes_its_import_and_the_stored_seed(plan, django_capture_on_commit_callbacks):
    # The removal's file deletions wait for a commit that never comes here: the module's files stay.
    demo.remove()
    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        demo.load()
    stored = PlanImport.objects.get().file.name
    assert default_storage.exists(stored)
    with django_capture_on_commit_callbacks(execute=True):
        demo.remove()
        assert default_storage.exists(stored)  # until the rows are gone for good
    assert not PlanImport.objects.exists() and not demo.is_loaded()
    assert not default_storage.exists(stored)


def test_reset_also_takes_plans_someone_imported_into_the_demo(plan, django_capture_on_commit_callbacks):
    from responsibility.importing.build import build_plan
    from responsibility.importing.parse import parse
    from responsibility.importing.readers import read_pasted
    from responsibility.models import Unit

    street = plan.organisation
    office = Person.objects.get(username="office")
    trial = build_plan(parse(read_pasted("一、试导入\n1.某项工作。\n责任单位：新建科室\n"), 2021), street, 2021).plan
    Unit.objects.create(parent=street, name="新建科室")  # a unit the visitor created on the review page
    PlanImport.objects.create(
        organisation=street, year=2021, file_name="坏.txt", sha256="0" * 64, created_by=office, status="failed"
    )
    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        call_command("load_demo", "--reset", "--force", stdout=StringIO())
    assert not WorkPlan.objects.filter(pk=trial.pk).exists()
    assert not Unit.objects.filter(name="新建科室").exists()
    assert PlanImport.objects.count() == 1 and demo.is_loaded()


def test_the_demo_scheme_shows_per_unit_indicators_groups_and_a_yellow_card(login, plan):
    """The draft results a new office opens first: units ranked in their 考核分组, the 考核组's ratings
    still owed named, and the unit with a 黄牌 kept from 优秀 despite its total."""
    draft = Assessment.objects.get(scheme__plan=plan)
    page = plain_text(login("assessor").get(reverse("assessment:result", args=[draft.pk])))
    assert "社区" in page and "内设机构" in page
    names = {spec.key: spec.name for spec in demo.UNITS}
    rated = {names[key] for key, _points, _reason in assessment_demo.RATINGS}
    ranked = set(draft.unit_results.values_list("unit__name", flat=True))
    assert rated < ranked
    assert f"有 {len(ranked - rated)} 处单位的评定指标尚未评分" in page
    assert "工作质量评定" in page and all(name in page for name in ranked - rated)
    carded = draft.unit_results.get(unit__name="规划建设环保办")
    assert carded.veto == "no_top" and carded.grade != "优秀"
    assert carded.total >= draft.scheme.grade_bands.get(name="优秀").min_score  # a 优秀 total, but a 黄牌
