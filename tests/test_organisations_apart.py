"""Two organisations on one installation (issue 18): every role of one against the other's pages and
API answers 404, finds nothing of it in its lists, and still sees its own; a district over one of
them reads its items and plans but acts on none of them.
"""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from assessment.compute import publish
from responsibility import permissions
from responsibility.models import Post, ResponsibilityItem, Unit
from tests.assessment.year import build_year
from tests.cast import build_cast
from workflow import services

ROLES = ["committee", "office", "leader", "official", "official2", "inspector", "assessor", "outsider"]
THEIR_TITLE = "回兴专属事项"
OUR_TITLE = "龙溪专属事项"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def theirs(cast):
    """Organisation A (the standard cast): a plan in the flow, a draft item, results published."""
    year = build_year(cast)
    item = cast.item(THEIR_TITLE, number="9.")
    services.launch(item, cast.office)
    draft = cast.item("回兴草稿事项", number="10.")
    assessment = publish(year.compute(cast.office), user=cast.committee)
    deploy = services.task_of(cast.office, item, "deploy")
    return {"cast": cast, "item": item, "draft": draft, "task": deploy, "year": year, "assessment": assessment}


@pytest.fixture
def ours(db, theirs):
    """Organisation B, with every role, and an item of its own in the flow."""
    cast = build_cast(prefix="b-", street_name="龙溪街道")
    item = cast.item(OUR_TITLE, number="1.")
    services.launch(item, cast.office)
    return cast


def their_pages(theirs) -> dict[str, str]:
    cast, item, year = theirs["cast"], theirs["item"], theirs["year"]
    plan, assessment = cast.plan.pk, theirs["assessment"].pk
    return {
        "item": f"/items/{item.pk}/",
        "task": f"/tasks/{theirs['task'].pk}/",
        "plan review": f"/plans/{plan}/review/",
        "plan details": f"/plans/{plan}/details/",
        "plan export": f"/plans/{plan}/export.xlsx",
        "quarter": f"/plans/{plan}/quarters/2020/2/",
        "draft item": f"/plans/items/{theirs['draft'].pk}/edit/",
        "scheme": f"/assessment/schemes/{year.scheme.pk}/",
        "events": f"/assessment/schemes/{year.scheme.pk}/events/",
        "results": f"/assessment/results/{assessment}/",
        "rewards": f"/assessment/results/{assessment}/rewards/",
        "unit record": f"/assessment/units/{cast.justice.pk}/record/",
        "annual report": f"/assessment/annual-report/{plan}.docx",
        "api item": f"/api/items/{item.pk}/",
    }


@pytest.mark.parametrize("role", ROLES)
def test_no_role_of_one_organisation_opens_the_others_pages(theirs, ours, role):
    client = client_for(ours.roles[role])
    answers = {name: client.get(path).status_code for name, path in their_pages(theirs).items()}
    assert answers == dict.fromkeys(answers, 404)


OWN_PAGES = {
    "committee": ["item", "plan review", "scheme", "results", "rewards", "annual report", "api item"],
    "office": ["item", "task", "plan review", "plan details", "draft item", "scheme", "results", "api item"],
    # The assessor sees no item before it is handed out, but the scheme and the results.
    "assessor": ["scheme", "events", "results", "unit record", "annual report"],
}


@pytest.mark.parametrize("role", OWN_PAGES)
def test_the_pages_open_to_their_own_organisation(theirs, ours, role):
    """The control: the same doors open to A's own roles (the 404s above are not for everyone)."""
    client = client_for(theirs["cast"].roles[role])
    pages = their_pages(theirs)
    for name in OWN_PAGES[role]:
        # 302: the draft item's edit page sends the office back to the review of a published plan.
        assert client.get(pages[name]).status_code in (200, 302), name


@pytest.mark.parametrize("role", ["committee", "office", "inspector", "assessor", "leader", "official"])
def test_lists_hold_only_ones_own_organisation(theirs, ours, role):
    client = client_for(ours.roles[role])
    for path in ["/", "/items/", "/tasks/", "/plans/", "/board/", "/assessment/", "/assessment/schemes/"]:
        answer = client.get(path)
        if answer.status_code == 200:
            page = answer.content.decode()
            assert THEIR_TITLE not in page and "回兴街道" not in page, path
    api = client.get("/api/items/", HTTP_ACCEPT="application/json").content.decode()
    assert THEIR_TITLE not in api
    tasks = client.get("/api/tasks/", HTTP_ACCEPT="application/json").content.decode()
    assert THEIR_TITLE not in tasks


def test_each_office_finds_its_own_item_in_its_lists(theirs, ours):
    b = client_for(ours.office)
    assert OUR_TITLE in b.get("/tasks/").content.decode()
    assert OUR_TITLE in b.get("/items/").content.decode()
    a = client_for(theirs["cast"].office)
    assert THEIR_TITLE in a.get("/tasks/").content.decode()
    assert OUR_TITLE not in a.get("/items/").content.decode()


def test_an_office_cannot_act_on_the_other_organisations_items(theirs, ours):
    item = theirs["item"]
    assert not permissions.can(ours.office, permissions.DEPLOY, item)
    assert not permissions.can(ours.committee, permissions.VIEW, item)
    assert not services.can_take(ours.office, theirs["task"])
    answer = client_for(ours.office).post(f"/plans/{theirs['cast'].plan.pk}/publish/")
    assert answer.status_code == 404
    assert ResponsibilityItem.objects.get(pk=theirs["draft"].pk).status == "draft"


def test_a_unit_handed_an_item_of_another_organisation_sees_that_item_only(theirs, ours):
    """A grant crosses organisations on purpose: the unit the item names sees it, nothing more."""
    item, other = theirs["item"], theirs["draft"]
    grant_post = ours.posts["official"]
    item.responsible_post = grant_post
    item.save(update_fields=["responsible_post"])
    permissions.sync_item_permissions(item)
    client = client_for(ours.official)
    assert client.get(f"/items/{item.pk}/").status_code == 200
    assert client.get(f"/items/{other.pk}/").status_code == 404
    assert client.get(f"/plans/{theirs['cast'].plan.pk}/review/").status_code == 404


@pytest.fixture
def district(theirs):
    """A district over organisation A, with an office and a committee of its own."""
    cast = theirs["cast"]
    district = Unit.objects.create(name="江北区", kind=Unit.Kind.ORGANISATION)
    Unit.objects.filter(pk=cast.street.pk).update(parent=district)
    office_unit = Unit.objects.create(name="区委办", parent=district)
    people = {}
    for role in [Post.Role.OFFICE, Post.Role.COMMITTEE]:
        person = build_person(f"district-{role}")
        Post.objects.create(unit=office_unit, title=f"区{role}", role=role, holder=person)
        people[str(role)] = person
    return people


def build_person(username: str):
    from tests.cast import person

    return person(username, "区里的人")


def test_a_district_reads_its_organisations_items_and_plans_but_acts_on_none(theirs, district):
    cast, item = theirs["cast"], theirs["item"]
    office = district["office"]
    client = client_for(office)
    assert client.get(f"/items/{item.pk}/").status_code == 200
    assert client.get(f"/plans/{cast.plan.pk}/review/").status_code == 200
    assert THEIR_TITLE in client.get("/items/").content.decode()
    assert THEIR_TITLE not in client.get("/tasks/").content.decode()
    assert not permissions.can(office, permissions.DEPLOY, item)
    assert not services.can_take(office, theirs["task"])
    assert client.post(f"/plans/{cast.plan.pk}/publish/").status_code == 403
    assert client.get(f"/plans/items/{theirs['draft'].pk}/edit/").status_code == 404
    committee = client_for(district["committee"])
    assert committee.get(f"/assessment/results/{theirs['assessment'].pk}/").status_code == 200
    decide = committee.post(f"/assessment/results/{theirs['assessment'].pk}/rewards/approve-all/")
    assert decide.status_code == 403


def test_the_organisations_below_do_not_see_the_district(theirs, district):
    """Reading goes down, never up: A's office sees nothing of the district's own plan."""
    from responsibility.models import WorkPlan

    district_unit = Unit.objects.get(name="江北区")
    plan = WorkPlan.objects.create(organisation=district_unit, year=2020, title="江北区2020年工作要点")
    item = ResponsibilityItem.objects.create(
        plan=plan, title="区级事项", number="1.", deadline=datetime.date(2030, 1, 1)
    )
    client = client_for(theirs["cast"].office)
    assert client.get(f"/plans/{plan.pk}/review/").status_code == 404
    assert not permissions.can(theirs["cast"].office, permissions.VIEW, item)
    assert permissions.can(district["office"], permissions.DEPLOY, item)


def test_an_office_sets_up_only_its_own_organisation(theirs, ours):
    cast = theirs["cast"]
    client = client_for(ours.office)
    for path in [
        f"/org/{cast.street.pk}/",
        f"/org/{cast.street.pk}/people/",
        f"/org/units/{cast.justice.pk}/",
        f"/org/posts/{cast.posts['official'].pk}/",
        f"/org/people/{cast.official.pk}/",
        f"/posts/{cast.posts['official'].pk}/hand-over/",
    ]:
        assert client.get(path).status_code == 404, path
    assert client.get(f"/org/{ours.street.pk}/").status_code == 200


def test_a_street_under_a_district_keeps_its_own_set_up(theirs, district):
    """A 街道 placed under its district is still its office's to set up, and the district's office
    sets up its own units, not the 街道's."""
    cast = theirs["cast"]
    district_unit = Unit.objects.get(name="江北区")
    street_office = client_for(cast.office)
    assert street_office.get(f"/org/{cast.street.pk}/").status_code == 200
    assert street_office.get(f"/org/{district_unit.pk}/").status_code == 404
    district_office = client_for(district["office"])
    tree = district_office.get(f"/org/{district_unit.pk}/").content.decode()
    assert "区委办" in tree and "回兴街道" in tree and "司法所" not in tree
    assert district_office.get(f"/org/units/{cast.justice.pk}/").status_code == 404


def test_an_office_sees_and_lifts_only_its_own_peoples_lockouts(theirs, ours, settings):
    from axes.models import AccessAttempt
    from django.utils import timezone

    for username in ["official", "b-official", "nobody-knows-me"]:
        AccessAttempt.objects.create(
            username=username,
            ip_address=f"10.0.0.{len(username)}",
            user_agent="probe",
            failures_since_start=settings.AXES_FAILURE_LIMIT,
            attempt_time=timezone.now(),
        )
    page = client_for(ours.office).get("/lockouts/").content.decode()
    assert "b-official" in page and "nobody-knows-me" in page
    assert ">official<" not in page and "10.0.0.8" not in page
    lift = client_for(ours.office).post("/lockouts/unlock/", {"kind": "username", "value": "official"})
    assert lift.status_code == 404 and AccessAttempt.objects.filter(username="official").exists()
    assert "10.0.0.8" in client_for(theirs["cast"].office).get("/lockouts/").content.decode()


def test_the_access_log_and_its_export_hold_only_ones_own_people(theirs, ours):
    import io

    import openpyxl

    from responsibility.models import AccessRecord

    AccessRecord.objects.create(kind=AccessRecord.Kind.DOWNLOAD, user=theirs["cast"].official, what="回兴台账.pdf")
    AccessRecord.objects.create(kind=AccessRecord.Kind.DOWNLOAD, user=ours.official, what="龙溪台账.pdf")
    client = client_for(ours.office)
    page = client.get("/access-log/").content.decode()
    assert "龙溪台账.pdf" in page and "回兴台账.pdf" not in page
    book = openpyxl.load_workbook(io.BytesIO(client.get("/access-log/export/").content))
    cells = {str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row}
    assert "龙溪台账.pdf" in cells and "回兴台账.pdf" not in cells
