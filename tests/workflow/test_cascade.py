"""上级交办 (issue 18, cascade): a district's item handed to a 街道 that runs its own list, from the
district to a 街道 official and back."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.utils.datastructures import MultiValueDict

from responsibility import cascade, permissions
from responsibility.models import Assignment, ItemStatus, Post, ResponsibilityItem, Unit, WorkPlan
from tests.cast import build_cast, person
from tests.workflow.drive import deploy_data, do
from workflow import services

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


def decompose(client, item, part) -> list[ResponsibilityItem]:
    answer = client.post(f"/items/{item.pk}/units/{part.pk}/decompose/", {"titles": "\n".join(STREET_ITEMS)})
    assert answer.status_code == 302
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
    quarter = client_for(district.office).get(f"/plans/{district.plan.pk}/quarters/2020/4/").content.decode()
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
