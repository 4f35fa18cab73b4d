"""上级交办 (issue 18, cascade): a district's item handed to a 街道 that runs its own list, from the
district to a 街道 official and back."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import docx
import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.datastructures import MultiValueDict

from responsibility import cascade, permissions
from responsibility.models import (
    Assignment,
    ItemEvent,
    ItemStatus,
    MissedReport,
    Post,
    ResponsibilityItem,
    Unit,
    WorkPlan,
)
from tests.cast import build_cast, person
from tests.workflow.drive import deploy_data, do, find_task
from workflow import services
from workflow.models import Notification, QuarterRecord
from workflow.summary import summarise
from workflow.supervision import sweep

D = datetime.date
BEIJING = datetime.timezone(datetime.timedelta(hours=8))

DISTRICT_ITEM = "推进基层公共法律服务体系建设"
STREET_ITEMS = ["建成街道公共法律服务站", "开展社区普法讲座"]


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


class District:
    """江北区 over the cast's 回兴街道 (and 龙溪街道): an office, a department, an inspector, an assessor."""

    def __init__(self, street: Unit, other: Unit):
        self.unit = Unit.objects.create(name="江北区", kind=Unit.Kind.ORGANISATION)
        Unit.objects.filter(pk__in=[street.pk, other.pk]).update(parent=self.unit)
        office_unit = Unit.objects.create(name="区委办", parent=self.unit)
        self.department = Unit.objects.create(name="区司法局", parent=self.unit)
        self.posts = {}
        self.people = {}
        for role, unit, title in [
            (Post.Role.OFFICE, office_unit, "区法治办干事"),
            (Post.Role.LEADER, office_unit, "分管副区长"),
            (Post.Role.OFFICIAL, self.department, "区司法局科长"),
            (Post.Role.INSPECTOR, office_unit, "区督查员"),
            (Post.Role.ASSESSOR, office_unit, "区考核员"),
        ]:
            holder = person(f"district-{role}", title)
            self.posts[str(role)] = Post.objects.create(unit=unit, title=title, role=role, holder=holder)
            self.people[str(role)] = holder
        self.plan = WorkPlan.objects.create(
            organisation=self.unit,
            year=2020,
            title="江北区2020年法治政府建设工作要点",
            status=WorkPlan.Status.PUBLISHED,
            claim_needs_evidence=False,
            claim_needs_indicator_values=False,
        )

    def __getattr__(self, role: str):
        try:
            return self.__dict__["people"][role]
        except KeyError as missing:
            raise AttributeError(role) from missing

    def item(self, title: str = DISTRICT_ITEM) -> ResponsibilityItem:
        return ResponsibilityItem.objects.create(
            plan=self.plan,
            number="1.",
            title=title,
            target="每个街道建成公共法律服务站",
            deadline=datetime.date(2030, 12, 31),
            lead_unit=self.department,
            responsible_post=self.posts["official"],
            points=Decimal(10),
        )

    def deploy_data(self, units: list[Unit]) -> dict:
        return {
            "target": "每个街道建成公共法律服务站",
            "lead_leader_post": self.posts["leader"].pk,
            "lead_unit": self.department.pk,
            "responsible_units": [self.department.pk, *(unit.pk for unit in units)],
            "responsible_post": self.posts["official"].pk,
            "inspector_post": self.posts["inspector"].pk,
            "assessor_post": self.posts["assessor"].pk,
            "deadline": "2030-12-31",
            "report_cadence": "quarterly",
            "points": "10",
            **{
                f"{prefix}-{count}_FORMS": 0
                for prefix in ["indicators", "milestones"]
                for count in ["TOTAL", "INITIAL"]
            },
        }


@pytest.fixture
def scene(cast):
    other = build_cast(prefix="b-", street_name="龙溪街道")
    district = District(cast.street, other.street)
    return cast, other, district


def part_task(item, name: str, assignment: Assignment):
    tasks = [
        t
        for t in services.active_task_for_item(item)
        if t.flow_task.name == name and (t.data or {}).get("assignment") == assignment.pk
    ]
    assert len(tasks) == 1, [t.flow_task.name for t in services.active_task_for_item(item)]
    return tasks[0]


def act(user, item, name: str, assignment: Assignment, **data):
    form = services.complete(user, part_task(item, name, assignment).pk, data, MultiValueDict())
    assert form.is_valid(), form.errors
    item.refresh_from_db()
    return form


def deployed(district, street: Unit) -> tuple[ResponsibilityItem, Assignment, Assignment]:
    """The district's item handed to its department and to the 街道: (item, the department's part,
    the 街道's part)."""
    item = district.item()
    services.launch(item, district.office)
    do(district.office, item, "deploy", **district.deploy_data([street]))
    parts = {a.unit_id: a for a in Assignment.objects.filter(item=item)}
    return item, parts[district.department.pk], parts[street.pk]


def test_a_street_on_the_districts_plan_gets_its_part_through_its_office(scene):
    cast, _other, district = scene
    item, department, street = deployed(district, cast.street)
    assert street.post_id == cast.posts["office"].pk
    assert department.post_id == district.posts["official"].pk
    assert services.can_take(cast.office, part_task(item, "accept", street))
    assert not services.can_take(cast.office, part_task(item, "accept", department))


def test_deploy_refuses_an_organisation_without_an_office_naming_it(scene):
    cast, other, district = scene
    Post.objects.filter(pk=other.posts["office"].pk).update(holder=None)
    item = district.item()
    services.launch(item, district.office)
    task = services.task_of(district.office, item, "deploy")
    form = services.complete(
        district.office, task.pk, district.deploy_data([cast.street, other.street]), MultiValueDict()
    )
    assert not form.is_valid()
    assert "“龙溪街道”是使用本系统的组织" in str(form.errors["unit_posts"])
    assert not Assignment.objects.filter(item=item).exists()


def decompose(client, item, part, status: int = 302) -> list[ResponsibilityItem]:
    answer = client.post(f"/items/{item.pk}/units/{part.pk}/decompose/", {"titles": "\n".join(STREET_ITEMS)})
    assert answer.status_code == status
    return list(ResponsibilityItem.objects.filter(source_assignment=part).order_by("order"))


def test_a_cascaded_item_goes_from_the_district_to_a_street_official_and_back(scene):
    cast, _other, district = scene
    item, department, part = deployed(district, cast.street)
    street_office = client_for(cast.office)
    # Not before it is accepted: the button is not offered, the page refuses.
    button = f'href="/items/{item.pk}/units/{part.pk}/decompose/"'
    assert button not in street_office.get(f"/items/{item.pk}/").content.decode()
    assert decompose(street_office, item, part) == []
    act(cast.office, item, "accept", part, decision="accept")
    assert button in street_office.get(f"/items/{item.pk}/").content.decode()

    own = decompose(street_office, item, part)
    assert [i.title for i in own] == STREET_ITEMS
    plan = own[0].plan
    assert plan.organisation_id == cast.street.pk and plan.title == "回兴街道2020年度上级交办事项"
    assert all(i.status == ItemStatus.DEPLOYING and i.deadline == part.deadline for i in own)
    # As the cast's plan: the flow tests claim with a narrative alone (the rules have their own tests).
    WorkPlan.objects.filter(pk=plan.pk).update(claim_needs_evidence=False, claim_needs_indicator_values=False)
    street_page = street_office.get(f"/items/{own[0].pk}/").content.decode()
    assert "上级交办：" in street_page and DISTRICT_ITEM in street_page

    for street_item in own:  # the 街道 deploys them to its own 司法所, as any of its items
        do(cast.office, street_item, "deploy", **deploy_data(cast, street_item))
        do(cast.official, street_item, "accept", decision="accept")
    first, second = own
    do(cast.official, first, "work", action="report", period="2020-03", percent_done="40", narrative="已选址")
    page = client_for(district.office).get(f"/items/{item.pk}/").content.decode()
    assert "本单位分解为2项，已办结0项，平均进度20%" in page
    part.refresh_from_db()
    item.refresh_from_db()
    assert part.percent_done == 20  # stored on the district's part, for its lists and board
    assert item.percent_done == 10  # the district item: its department at 0, the 街道 at 20
    board = client_for(district.office).get("/board/").content.decode()
    assert "回兴街道 · 办理中 · 20%" in board and "区司法局 · 待签收 · 0%" in board

    # The 街道's claim on the district's part waits for its own items.
    claim = {"action": "claim", "period": "2020-12", "narrative": "已完成"}
    refused = services.complete(cast.office, part_task(item, "work", part).pk, claim, MultiValueDict())
    assert "尚未全部办结" in str(refused.errors["action"]) and STREET_ITEMS[0] in str(refused.errors["action"])

    for street_item in own:
        do(cast.official, street_item, "work", action="claim", period="2020-12", narrative="全年完成")
        do(cast.inspector, street_item, "verify", decision="pass", comments="材料齐全")
        do(cast.assessor, street_item, "assess", quality="8", comment="较好")
        assert street_item.status == ItemStatus.CLOSED
    page = client_for(district.office).get(f"/items/{item.pk}/").content.decode()
    assert "本单位分解为2项，已办结2项，平均进度100%" in page
    # The quarter running now counts them as they stand today.
    quarter = client_for(district.office).get(f"/plans/{district.plan.pk}/quarters/", follow=True).content.decode()
    row = "<tr><td>回兴街道</td><td>1</td><td>0</td><td>100%</td><td>2</td><td>2</td></tr>"
    assert "各组织承办情况" in quarter and row in quarter

    # The claim's facts come from the 街道's items; the district verifies it as any claim.
    task = part_task(item, "work", part)
    form = services.step_form(task, item)
    assert form["action"].initial == "claim" and form["percent_done"].initial == 100
    narrative = form["narrative"].initial
    assert "均已办结" in narrative and STREET_ITEMS[1] in narrative
    act(cast.office, item, "work", part, action="claim", period="2020-12", narrative=narrative)
    act(district.inspector, item, "verify", part, decision="pass", comments="街道材料齐全")
    act(district.assessor, item, "assess", part, quality="8", comment="较好")
    assert item.status != ItemStatus.CLOSED  # the department's part is still open

    act(district.official, item, "accept", department, decision="accept")
    act(district.official, item, "work", department, action="claim", period="2020-12", narrative="全区完成")
    act(district.inspector, item, "verify", department, decision="pass", comments="材料齐全")
    act(district.assessor, item, "assess", department, quality="9", comment="好")
    assert item.status == ItemStatus.CLOSED


def test_each_side_sees_what_it_may(scene):
    cast, other, district = scene
    item, department, part = deployed(district, cast.street)
    act(cast.office, item, "accept", part, decision="accept")
    own = decompose(client_for(cast.office), item, part)
    more = decompose(client_for(cast.office), item, part)  # a second time: the same plan, numbered on
    assert [i.number for i in more] == ["1.", "2.", "3.", "4."] and len({i.plan_id for i in more}) == 1
    # Another 街道's office: nothing of it.
    stranger = client_for(other.office)
    for path in [f"/items/{item.pk}/", f"/items/{own[0].pk}/", f"/items/{item.pk}/units/{part.pk}/decompose/"]:
        assert stranger.get(path).status_code == 404, path
    # The district's office reads the 街道's items, and acts on none.
    office = client_for(district.office)
    assert office.get(f"/items/{own[0].pk}/").status_code == 200
    assert f'href="/items/{own[0].pk}/"' in office.get(f"/items/{item.pk}/").content.decode()
    assert not permissions.can(district.office, permissions.DEPLOY, own[0])
    assert office.get(f"/items/{item.pk}/units/{part.pk}/decompose/").status_code == 403
    # The district's department sees the 街道's part and its items' titles, without links to them.
    department_page = client_for(district.official).get(f"/items/{item.pk}/").content.decode()
    assert STREET_ITEMS[0] in department_page and f'href="/items/{own[0].pk}/"' not in department_page
    # The 街道 sees the district item through its grant, and nothing else of the district's plan.
    street = client_for(cast.office)
    other_item = district.item("区级其他事项")
    assert street.get(f"/items/{other_item.pk}/").status_code == 404
    assert street.get(f"/plans/{district.plan.pk}/review/").status_code == 404
    assert street.get(f"/items/{item.pk}/units/{department.pk}/decompose/").status_code == 403
    assert not services.can_take(cast.office, part_task(item, "accept", department))
    # The 街道's official works on its items, not on the district's.
    assert client_for(cast.official).get(f"/items/{item.pk}/").status_code == 404


def test_the_rollup_is_as_red_as_its_reddest_open_item_and_as_done_as_their_mean():
    open_red = ResponsibilityItem(status=ItemStatus.IN_PROGRESS, percent_done=30, rag="red")
    open_green = ResponsibilityItem(status=ItemStatus.IN_PROGRESS, percent_done=50, rag="green")
    closed = ResponsibilityItem(status=ItemStatus.CLOSED, percent_done=90, rag="red")
    assert cascade.rollup([]) is None
    assert cascade.rollup([open_green, closed]) == cascade.Rollup(2, 1, 75, "green")
    assert cascade.rollup([open_red, open_green]) == cascade.Rollup(2, 0, 40, "red")
    assert cascade.rollup([closed]).rag == "" and cascade.rollup([closed]).all_closed
    assert not cascade.rollup([open_green]).all_closed


def test_a_street_that_sends_its_part_back_gets_it_again_through_its_office(scene):
    cast, _other, district = scene
    item, _department, part = deployed(district, cast.street)
    act(cast.office, item, "accept", part, decision="send_back", reason="应由区司法局直接办理")
    redeploy = {"post": cast.posts["office"].pk, "note": "请街道承办"}
    act(district.office, item, "redeploy", part, **redeploy)
    assert services.can_take(cast.office, part_task(item, "accept", part))
    act(cast.office, item, "accept", part, decision="send_back", reason="再次退回")
    elsewhere = {"post": cast.posts["official"].pk, "note": "交司法所"}
    refused = services.complete(district.office, part_task(item, "redeploy", part).pk, elsewhere, MultiValueDict())
    assert "post" in refused.errors


# --- the decomposition on the timelines ---------------------------------------------------------------


def test_the_decomposition_is_on_the_district_items_timeline_and_on_each_street_item(scene):
    cast, _other, district = scene
    item, _department, part = deployed(district, cast.street)
    act(cast.office, item, "accept", part, decision="accept")
    own = decompose(client_for(cast.office), item, part)
    said = "回兴街道分解为本单位事项2项：1.建成街道公共法律服务站；2.开展社区普法讲座"
    event = item.events.get(kind=ItemEvent.Kind.DECOMPOSED)
    assert (event.assignment_id, event.actor, event.note) == (part.pk, cast.office, said)
    assert event.data == {"items": [i.pk for i in own]}
    page = client_for(district.office).get(f"/items/{item.pk}/").content.decode()
    assert "上级交办分解" in page and said in page
    origin = f"由江北区交办的“1.{DISTRICT_ITEM}”（回兴街道承办部分）分解，本次共分解为2项："
    for street_item in own:
        kinds = list(street_item.events.order_by("seq").values_list("kind", "actor", "note"))
        assert kinds[0][:2] == (ItemEvent.Kind.DECOMPOSED, cast.office.pk) and kinds[0][2].startswith(origin)
        assert kinds[1][:2] == (ItemEvent.Kind.CREATED, cast.office.pk)  # then it waits for the office
        page = client_for(cast.office).get(f"/items/{street_item.pk}/").content.decode()
        assert origin in page and STREET_ITEMS[1] in page
    # Nothing of it when nothing is made: a refusal writes no line.
    assert decompose(client_for(district.office), item, part, status=403) == own
    assert item.events.filter(kind=ItemEvent.Kind.DECOMPOSED).count() == 1


# --- the district's report schedule, met by the street's items ------------------------------------------


def at(day: datetime.date):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 10, tzinfo=BEIJING), tick=False)


def sweep_on(day: datetime.date) -> None:
    with time_machine.travel(datetime.datetime(day.year, day.month, day.day, 6, 30, tzinfo=BEIJING), tick=False):
        sweep(day)


def missed_by(part: Assignment) -> list[datetime.date]:
    return list(MissedReport.objects.filter(assignment=part).order_by("due").values_list("due", flat=True))


def told_missed(user) -> list[str]:
    return list(
        Notification.objects.filter(recipient=user, kind=Notification.Kind.REPORT_MISSED).values_list(
            "title", flat=True
        )
    )


def test_a_report_on_a_street_item_meets_the_parts_report_due_to_the_district(scene):
    """The district wants a report each quarter on the 街道's part: a report on any of the 街道's own
    items made of it is that report; a quarter in which none of them reports is still missed."""
    cast, _other, district = scene
    item, part, own = street_at_work(cast, district)
    part.refresh_from_db()
    assert (part.percent_done, part.next_report_due, part.reports_missed) == (20, D(2021, 6, 30), 0)
    sweep_on(D(2021, 4, 1))
    assert missed_by(part) == [] and told_missed(cast.office) == []
    page = client_for(district.office).get(f"/items/{item.pk}/").content.decode()
    assert "即视为本单位按上级汇报频次报送了当期进度" in page and "下次汇报截止：2021年6月30日" in page
    # The opposite: the second quarter, in which no item of the 街道's reports, is missed, and said.
    sweep_on(D(2021, 7, 1))
    assert missed_by(part) == [D(2021, 6, 30)]
    assert told_missed(cast.office) == [f"漏报提醒：“1.{DISTRICT_ITEM}（回兴街道）”未在2021年6月30日前报送进度"]


def test_without_the_roll_up_the_part_would_miss_the_quarter_the_street_reported_in(scene):
    """The rule's opposite: a step that is not a report (an extension asked) meets nothing."""
    cast, _other, district = scene
    with at(D(2021, 1, 4)):
        item, _department, part = deployed(district, cast.street)
        act(cast.office, item, "accept", part, decision="accept")
        own = decompose(client_for(cast.office), item, part)
        do(cast.office, own[0], "deploy", **deploy_data(cast, own[0]))
        do(cast.official, own[0], "accept", decision="accept")
    extension = {"action": "extension", "narrative": "需延期", "new_deadline": "2031-06-30"}
    with at(D(2021, 2, 10)):
        do(cast.official, own[0], "work", **extension)
    sweep_on(D(2021, 4, 1))
    assert missed_by(part) == [D(2021, 3, 31)]


# --- a part lent (转办) within the 街道 -----------------------------------------------------------------


def transfer(client, item, part, post) -> None:
    answer = client.post(f"/items/{item.pk}/units/{part.pk}/transfer/", {"post": post.pk, "note": "请司法所分解落实"})
    assert answer.status_code == 302


def test_a_part_lent_within_the_street_is_decomposed_by_its_holder_or_the_office(scene):
    cast, other, district = scene
    item, department, part = deployed(district, cast.street)
    act(cast.office, item, "accept", part, decision="accept")
    office = client_for(cast.office)
    page = office.get(f"/items/{item.pk}/").content.decode()
    assert f'<option value="{cast.posts["official"].pk}">' in page  # the 街道's departments' posts are offered
    assert f'<option value="{other.posts["official"].pk}">' not in page
    transfer(office, item, part, cast.posts["official"])
    part.refresh_from_db()
    assert part.post_id == cast.posts["official"].pk
    button = f'href="/items/{item.pk}/units/{part.pk}/decompose/"'
    # The holder of the lent part and the 街道's office: the button, and the page.
    for user in (cast.official, cast.office):
        assert button in client_for(user).get(f"/items/{item.pk}/").content.decode(), user
        assert client_for(user).get(f"/items/{item.pk}/units/{part.pk}/decompose/").status_code == 200
    # Everyone else: not found where the item is not theirs to see, refused where it is.
    matrix = {
        cast.committee: 404,
        cast.official2: 404,
        cast.inspector: 404,
        cast.outsider: 404,
        other.office: 404,
        other.official: 404,
        district.office: 403,
        district.official: 403,
        district.inspector: 403,
    }
    for user, status in matrix.items():
        assert client_for(user).get(f"/items/{item.pk}/units/{part.pk}/decompose/").status_code == status, user
        decompose(client_for(user), item, part, status=status)
    assert not ResponsibilityItem.objects.filter(source_assignment=part).exists()
    # The holder decomposes; the items wait for the 街道's office to deploy them.
    own = decompose(client_for(cast.official), item, part)
    assert [i.title for i in own] == STREET_ITEMS
    assert item.events.get(kind=ItemEvent.Kind.DECOMPOSED).actor == cast.official
    assert all(services.can_take(cast.office, find_task(i, "deploy")) for i in own)
    assert not any(services.can_take(cast.official, find_task(i, "deploy")) for i in own)
    # Drafts of the office's until deployed: named to the holder, linked for the office.
    path, link = f"/items/{item.pk}/units/{part.pk}/decompose/", f'href="/items/{own[0].pk}/"'
    holder_page = client_for(cast.official).get(path).content.decode()
    assert STREET_ITEMS[0] in holder_page and link not in holder_page
    assert link in client_for(cast.office).get(path).content.decode()
    # The holder's claim on the part waits for the items, as the office's would.
    claim = {"action": "claim", "period": "2020-12", "narrative": "已完成"}
    refused = services.complete(cast.official, part_task(item, "work", part).pk, claim, MultiValueDict())
    assert "尚未全部办结" in str(refused.errors["action"])


def test_an_organisations_part_is_lent_only_within_its_departments(scene):
    cast, other, district = scene
    item, _department, part = deployed(district, cast.street)
    on_street = Post.objects.create(unit=cast.street, title="街道办主任", role=Post.Role.UNIT_HEAD, holder=cast.leader)
    second_office = Post.objects.create(
        unit=cast.street, title="街道办公室主任", role=Post.Role.OFFICE, holder=person("office-2", "冯主任")
    )
    for post, refused in [(other.posts["official"], True), (on_street, True), (second_office, False)]:
        assignment = Assignment.objects.select_related("unit").get(pk=part.pk)
        if refused:
            with pytest.raises(services.TransferRefused, match="只能转办给本组织（回兴街道）内设机构的岗位"):
                services.transfer(assignment, cast.office, post)
        else:
            assert services.transfer(assignment, cast.office, post).post_id == post.pk


# --- the quarterly summary: the organisations' parts as they stood at a quarter's end -------------------


def street_at_work(cast, district):
    """2021: the district's item handed to the 街道 on 4 January, decomposed into two items that its
    司法所 works on; the first reported at 40% in February."""
    with at(D(2021, 1, 4)):
        item, _department, part = deployed(district, cast.street)
        act(cast.office, item, "accept", part, decision="accept")
        own = decompose(client_for(cast.office), item, part)
        WorkPlan.objects.filter(pk=own[0].plan_id).update(
            claim_needs_evidence=False, claim_needs_indicator_values=False
        )
        for street_item in own:
            do(cast.office, street_item, "deploy", **deploy_data(cast, street_item))
            do(cast.official, street_item, "accept", decision="accept")
    with at(D(2021, 2, 10)):
        do(cast.official, own[0], "work", action="report", period="2021-02", percent_done="40", narrative="已选址")
    return item, part, own


def report_on(cast, street_item, day: datetime.date, percent: int) -> None:
    with at(day):
        period = f"{day.year}-{day.month:02d}"
        do(
            cast.official,
            street_item,
            "work",
            action="report",
            period=period,
            percent_done=str(percent),
            narrative="进展",
        )


def close_on(cast, street_item, day: datetime.date) -> None:
    with at(day):
        do(cast.official, street_item, "work", action="claim", period=f"{day.year}-{day.month:02d}", narrative="完成")
        do(cast.inspector, street_item, "verify", decision="pass", comments="材料齐全")
        do(cast.assessor, street_item, "assess", quality="8", comment="较好")


def organisations(plan, year: int, quarter: int, today: datetime.date):
    with at(today):
        return [
            (line.name, line.parts, line.parts_closed, line.percent, line.items, line.items_closed)
            for line in summarise(plan, year, quarter).organisations
        ]


def test_a_past_quarter_shows_the_organisations_parts_as_they_stood_at_its_end(scene):
    cast, _other, district = scene
    item, part, (first, second) = street_at_work(cast, district)
    close_on(cast, first, D(2021, 7, 5))
    report_on(cast, second, D(2021, 7, 6), 60)
    report_on(cast, second, D(2021, 10, 8), 90)
    part.refresh_from_db()
    assert part.percent_done == 95  # today: the first closed (100), the second at 90
    today = D(2021, 10, 11)
    assert organisations(district.plan, 2021, 1, today) == [("回兴街道", 1, 0, 20, 2, 0)]
    assert organisations(district.plan, 2021, 3, today) == [("回兴街道", 1, 0, 80, 2, 1)]
    assert organisations(district.plan, 2021, 4, today) == [("回兴街道", 1, 0, 95, 2, 1)]  # running: today's
    # Before the district handed it down there was nothing to show.
    assert organisations(district.plan, 2020, 4, today) == []
    with at(today):
        page = client_for(district.office).get(f"/plans/{district.plan.pk}/quarters/2021/1/").content.decode()
    assert "<tr><td>回兴街道</td><td>1</td><td>0</td><td>20%</td><td>2</td><td>0</td></tr>" in page


def test_the_word_draft_has_the_organisations_section_of_its_quarter(scene):
    cast, _other, district = scene
    street_at_work(cast, district)
    with at(D(2021, 4, 2)):
        answer = client_for(district.office).get(f"/plans/{district.plan.pk}/quarters/2021/1/?format=docx")
    document = docx.Document(io.BytesIO(answer.content))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "六、各组织承办情况" in texts
    table = document.tables[-1]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows == [
        ["组织", "承办事项", "已办结", "平均进度", "分解事项", "分解事项已办结"],
        ["回兴街道", "1", "0", "20%", "2", "0"],
    ]
    # A plan without organisations' parts has no such section.
    answer = client_for(cast.office).get(f"/plans/{cast.plan.pk}/quarters/2021/1/?format=docx")
    texts = [paragraph.text for paragraph in docx.Document(io.BytesIO(answer.content)).paragraphs]
    assert "六、各组织承办情况" not in texts


def test_a_past_quarters_organisations_take_the_same_queries_for_one_part_and_for_three(scene):
    cast, other, district = scene
    item, _part, (first, _second) = street_at_work(cast, district)
    report_on(cast, first, D(2021, 5, 6), 50)  # after the first quarter: read back
    department = Assignment.objects.get(item=item, unit=district.department)
    with at(D(2021, 4, 3)):  # the district's item changed too (the rest of the summary reads it back)
        act(district.official, item, "accept", department, decision="accept")

    def measured():
        # The quarter's items kept anew (their facts changed since), then read as a reader reads them.
        QuarterRecord.objects.filter(plan=district.plan).delete()
        with at(D(2021, 7, 2)):
            summarise(district.plan, 2021, 1)
        with at(D(2021, 7, 2)), CaptureQueriesContext(connection) as queries:
            lines = summarise(district.plan, 2021, 1).organisations
        return lines, len(queries)

    few, few_queries = measured()
    with at(D(2021, 3, 1)):  # two more parts, one read back (accepted after the quarter), one as stored
        more = district.item("区级第二项事项")
        services.launch(more, district.office)
        do(district.office, more, "deploy", **district.deploy_data([cast.street, other.street]))
    parts = {a.unit_id: a for a in Assignment.objects.filter(item=more)}
    with at(D(2021, 4, 3)):
        act(cast.office, more, "accept", parts[cast.street.pk], decision="accept")
    many, many_queries = measured()
    assert many_queries == few_queries
    assert [(line.name, line.parts) for line in few] == [("回兴街道", 1)]
    assert [(line.name, line.parts, line.parts_closed, line.percent) for line in many] == [
        ("回兴街道", 2, 0, 10),
        ("龙溪街道", 1, 0, 0),
    ]
