"""Every cast role against every endpoint, on an item waiting for its official's report.

The same rights as the pages: an item you may not see is 404, an action you may not take on an
item you see is 403, and the outsider sees nothing at all.
"""

import pytest

from responsibility.models import Assignment, Evidence, Person
from tests.api.conftest import token_client
from tests.api.helpers import pdf, post_report, report_data, url
from tests.workflow.drive import do, item_at
from tests.workflow.test_units import do_unit
from workflow.models import Notification

ROLES = ["committee", "office", "leader", "official", "official2", "inspector", "assessor", "outsider"]
SEES = {"committee", "office", "leader", "official", "inspector", "assessor"}
REPORTS = {"official"}


def expected(role: str, allowed: set[str], success: int) -> int:
    if role not in SEES:
        return 404
    return success if role in allowed else 403


@pytest.fixture
def item(cast):
    return item_at(cast, "work")


@pytest.mark.parametrize("role", ROLES)
def test_item_detail(cast, api, item, role):
    assert api(role).get(url("item", item.pk)).status_code == expected(role, SEES, 200)


@pytest.mark.parametrize("role", ROLES)
def test_item_list(cast, api, item, role):
    response = api(role).get(url("items"))

    assert response.status_code == 200
    ids = [row["id"] for row in response.json()["results"]]
    assert ids == ([item.pk] if role in SEES else [])


@pytest.mark.parametrize("role", ROLES)
def test_report(cast, api, item, role, media):
    response = post_report(api(role), item)

    assert response.status_code == expected(role, REPORTS, 201), response.json()
    assert item.reports.count() == (1 if role in REPORTS else 0)


@pytest.mark.parametrize("role", ROLES)
def test_claim(cast, api, item, role, media):
    response = post_report(api(role), item, {"narrative": "全年完成"}, name="claim")

    assert response.status_code == expected(role, REPORTS, 201), response.json()


@pytest.mark.parametrize("role", ROLES)
def test_extension(cast, api, item, role):
    data = {"new_deadline": "2031-06-30", "narrative": "受疫情影响，需延期"}

    response = api(role).post(url("extension", item.pk), data, format="json")

    assert response.status_code == expected(role, REPORTS, 201), response.json()
    item.refresh_from_db()
    assert item.status == ("extension_requested" if role in REPORTS else "in_progress")


@pytest.mark.parametrize("role", ROLES)
def test_rectification(cast, api, role, media):
    returned = item_at(cast, "rectify")

    response = api(role).post(url("rectification", returned.pk), {"narrative": "已整改"}, format="multipart")

    assert response.status_code == expected(role, REPORTS, 201), response.json()
    returned.refresh_from_db()
    assert returned.status == ("claimed" if role in REPORTS else "rectifying")


@pytest.mark.parametrize("role", ROLES)
def test_evidence_download(cast, api, item, role, media):
    do(cast.official, item, "work", files={"evidence": [pdf()]}, **report_data(action="report"))
    evidence = Evidence.objects.get()

    response = api(role).get(url("evidence", evidence.pk))

    assert response.status_code == expected(role, SEES, 200)
    if response.status_code == 200:
        assert b"".join(response.streaming_content) == b"%PDF-1.4 evidence"


@pytest.mark.parametrize("role", ROLES)
def test_my_tasks(cast, api, item, role):
    response = api(role).get(url("tasks"))

    assert response.status_code == 200
    steps = [(row["step"], row["item"]["id"]) for row in response.json()["results"]]
    assert steps == ([("work", item.pk)] if role == "official" else [])


@pytest.mark.parametrize("role", ROLES)
def test_notifications_are_each_ones_own(cast, api, role):
    mine = Notification.objects.create(recipient=cast.roles[role], kind="task", title="我的")
    others = [
        Notification.objects.create(recipient=person, kind="task", title="别人的")
        for name, person in cast.roles.items()
        if name != role
    ]
    client = api(role)

    assert [row["id"] for row in client.get(url("notifications")).json()["results"]] == [mine.pk]
    assert client.get(url("unread_count")).json() == {"unread": 1}
    assert client.post(url("read", others[0].pk)).status_code == 404
    assert client.post(url("read", mine.pk)).status_code == 200
    assert client.post(url("read_all")).json() == {"marked": 0}
    assert all(Notification.objects.get(pk=n.pk).read_at is None for n in others)


def test_a_heading_is_not_listed(cast, api, item):
    from responsibility.models import ResponsibilityItem

    heading = ResponsibilityItem.objects.create(plan=cast.plan, number="一、", title="主要举措")
    item.parent = heading
    item.save()

    ids = [row["id"] for row in api("office").get(url("items")).json()["results"]]

    assert ids == [item.pk]


def test_an_unknown_item_is_404_like_one_you_may_not_see(cast, api, item):
    hidden = api("outsider").get(url("item", item.pk))
    missing = api("outsider").get(url("item", item.pk + 1000))

    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()


# --- an item of two units (分办), with a third named only to cooperate ----------------------------
# 司法所 (official) leads, 兴科社区 (official2) is responsible, 综治办 (official3) cooperates (the
# ``units_item`` fixture): every named unit sees the item; each official's POST acts on his own unit's
# part; the cooperating unit's only step is its 会办 (tests/api/test_contributions.py), any other is
# a 403; the outsider sees nothing (404).

UNIT_ROLES = [*ROLES, "official3"]
UNITS_SEE = SEES | {"official2", "official3"}
OWN_UNIT = {"official": "司法所", "official2": "兴科社区"}
HOLDS = {"official": ["司法所"], "official2": ["兴科社区"], "official3": ["综治办"]}  # the unit's post


def client_of(cast, role: str):
    return token_client(cast.roles.get(role) or Person.objects.get(username=role))


def units_expected(role: str, success: int) -> int:
    if role not in UNITS_SEE:
        return 404
    return success if role in OWN_UNIT else 403


def part(item, unit: str) -> Assignment:
    return item.assignments.get(unit__name=unit)


@pytest.mark.parametrize("role", UNIT_ROLES)
def test_two_units_item_detail(cast, units_item, role):
    response = client_of(cast, role).get(url("item", units_item.pk))

    assert response.status_code == (200 if role in UNITS_SEE else 404)
    if role in UNITS_SEE:
        mine = [a["unit"]["name"] for a in response.json()["assignments"] if a["mine"]]
        assert mine == HOLDS.get(role, [])


@pytest.mark.parametrize("role", UNIT_ROLES)
def test_two_units_report_lands_on_the_callers_own_unit(cast, units_item, role, media):
    response = post_report(client_of(cast, role), units_item)

    assert response.status_code == units_expected(role, 201), response.json()
    reported = {a.unit.name for a in units_item.assignments.select_related("unit") if a.percent_done == 60}
    assert reported == ({OWN_UNIT[role]} if role in OWN_UNIT else set())
    if role in OWN_UNIT:
        assert units_item.reports.get().assignment == part(units_item, OWN_UNIT[role])


@pytest.mark.parametrize("role", UNIT_ROLES)
def test_two_units_claim_lands_on_the_callers_own_unit(cast, units_item, role, media):
    response = post_report(client_of(cast, role), units_item, {"narrative": "本单位部分完成"}, name="claim")

    assert response.status_code == units_expected(role, 201), response.json()
    claimed = set(units_item.assignments.filter(status="claimed").values_list("unit__name", flat=True))
    assert claimed == ({OWN_UNIT[role]} if role in OWN_UNIT else set())


@pytest.mark.parametrize("role", UNIT_ROLES)
def test_two_units_extension_lands_on_the_callers_own_unit(cast, units_item, role):
    data = {"new_deadline": "2031-03-31", "narrative": "本单位需延期"}

    response = client_of(cast, role).post(url("extension", units_item.pk), data, format="json")

    assert response.status_code == units_expected(role, 201), response.json()
    asked = set(units_item.assignments.filter(status="extension_requested").values_list("unit__name", flat=True))
    assert asked == ({OWN_UNIT[role]} if role in OWN_UNIT else set())
    if role in OWN_UNIT:
        assert response.json()["extension"]["new_deadline"] == "2031-03-31"


@pytest.mark.parametrize("role", UNIT_ROLES)
def test_two_units_rectification_lands_on_the_callers_own_unit(cast, units_item, role, media):
    for unit, official in [("司法所", cast.official), ("兴科社区", cast.official2)]:
        claim = {"action": "claim", "period": "2030-06", "percent_done": "100", "narrative": "完成"}
        do_unit(official, units_item, "work", unit, **claim)
        do_unit(cast.inspector, units_item, "verify", unit, decision="return", rectification_points="补台账", **_in(10))
    client = client_of(cast, role)

    response = client.post(url("rectification", units_item.pk), {"narrative": "已整改"}, format="multipart")

    assert response.status_code == units_expected(role, 201), response.json()
    rectified = set(units_item.assignments.filter(status="claimed").values_list("unit__name", flat=True))
    assert rectified == ({OWN_UNIT[role]} if role in OWN_UNIT else set())


@pytest.mark.parametrize("role", UNIT_ROLES)
def test_two_units_my_tasks_name_the_unit(cast, units_item, role):
    rows = client_of(cast, role).get(url("tasks")).json()["results"]

    steps = [(row["step"], row["assignment"]["unit"]["name"]) for row in rows]
    assert steps == UNIT_TASKS.get(role, [])


UNIT_TASKS = {
    "official": [("work", "司法所")],
    "official2": [("work", "兴科社区")],
    "official3": [("contribute", "综治办")],  # 会办, its only step
}


def _in(days: int) -> dict:
    from tests.workflow.drive import in_days

    return {"rectification_deadline": in_days(days)}


def test_a_404_speaks_the_clients_language(cast, api, item):
    chinese = api("outsider").get(url("item", item.pk), HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")

    assert chinese.json() == {"detail": "未找到该对象，或您无权查看。", "code": "not_found"}
    assert "ResponsibilityItem" not in chinese.content.decode()
