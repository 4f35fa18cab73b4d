"""Who may set the organisation up: the office and the system administrator (系统管理员).

Everyone else with a post is refused (403) and an outsider, without one, finds nothing (404), on
every set-up page and every action; a refused action changes nothing. Someone not logged in is sent
to the login page.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from responsibility.models import Post
from tests.browser import Browser, url
from tests.roster_book import book, org_state

REFUSED = ["committee", "leader", "official", "official2", "inspector", "assessor"]

# Each page: its URL from the cast.
PAGES = {
    "org": lambda c: url("org"),
    "tree": lambda c: url("org_tree", c.street.pk),
    "unit_new": lambda c: url("org_unit_new", c.street.pk),
    "unit": lambda c: url("org_unit", c.justice.pk),
    "post_new": lambda c: url("org_post_new", c.justice.pk),
    "post": lambda c: url("org_post", c.posts["official"].pk),
    "people": lambda c: url("org_people", c.street.pk),
    "person_new": lambda c: url("org_person_new", c.street.pk),
    "person": lambda c: url("org_person", c.official.pk),
    "roster": lambda c: url("org_roster", c.street.pk),
    "roster_download": lambda c: url("org_roster_download", c.street.pk),
    "security": lambda c: url("org_security", c.street.pk),
    "posts": lambda c: url("posts"),
    "hand_over": lambda c: url("hand_over", c.posts["official"].pk),
}


def roster_file() -> SimpleUploadedFile:
    return SimpleUploadedFile("名册.xlsx", book([["平安办", "", "主任", "责任人", "钱平安", "13900000001", ""]]))


# Each action: its URL and the form it posts, from the cast. Every one of them changes something
# when the office does it.
ACTIONS = {
    "unit_new": lambda c: (
        url("org_unit_new", c.street.pk),
        {"name": "平安办", "kind": "department", "parent": c.street.pk, "order": 0},
    ),
    "unit": lambda c: (
        url("org_unit", c.justice.pk),
        {"name": "司法所二", "kind": "department", "parent": c.street.pk, "order": 0},
    ),
    "post_new": lambda c: (url("org_post_new", c.justice.pk), {"title": "副所长", "role": "official"}),
    "post": lambda c: (url("org_post", c.posts["official"].pk), {"title": "所长", "role": "official"}),
    "person_new": lambda c: (url("org_person_new", c.street.pk), {"full_name": "郑干事", "phone": "13900000007"}),
    "person": lambda c: (
        url("org_person", c.official.pk),
        {"full_name": "赵所长", "phone": "13900000001", "email": ""},
    ),
    "assign": lambda c: (url("org_person_assign", c.outsider.pk), {"post": c.posts["official"].pk}),
    "vacate": lambda c: (url("org_person_vacate", c.official.pk, c.posts["official"].pk), {}),
    "deactivate": lambda c: (url("org_person_deactivate", c.official.pk), {}),
    "reset_password": lambda c: (url("org_person_reset_password", c.official.pk), {}),
    "roster": lambda c: (url("org_roster", c.street.pk), {"file": roster_file()}),
    "security": lambda c: (url("org_security", c.street.pk), {"second_factor_required": "on"}),
    "hand_over": lambda c: (url("hand_over", c.posts["official"].pk), {"successor": c.outsider.pk}),
}


def post_as(browser: Browser, cast, action: str):
    path, data = ACTIONS[action](cast)
    return browser.submit(path, data, form_page=url("items"))


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", REFUSED)
def test_others_with_a_post_are_refused_every_page(cast, role, page):
    assert Browser(cast.roles[role]).get(PAGES[page](cast)).status_code == 403


@pytest.mark.parametrize("page", PAGES)
def test_an_outsider_finds_no_set_up_page(cast, page):
    assert Browser(cast.outsider).get(PAGES[page](cast)).status_code == 404


@pytest.mark.parametrize("page", PAGES)
def test_someone_not_logged_in_is_sent_to_log_in(cast, page):
    response = Browser().get(PAGES[page](cast))
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", ["office", "admin"])
def test_the_office_and_the_administrator_open_every_page(cast, admin, role, page):
    user = admin if role == "admin" else cast.office
    response = Browser(user).get(PAGES[page](cast), follow=page == "org")
    assert response.status_code == 200


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", [*REFUSED, "outsider"])
def test_others_cannot_act_and_nothing_changes(cast, role, action):
    before = org_state()
    response = post_as(Browser(cast.roles[role]), cast, action)
    assert response.status_code == (404 if role == "outsider" else 403)
    assert org_state() == before


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ["office", "admin"])
def test_the_office_and_the_administrator_may_act(cast, admin, role, action):
    user = admin if role == "admin" else cast.office
    before = org_state()
    response = post_as(Browser(user), cast, action)
    assert response.status_code in (200, 302)
    assert org_state() != before, "the action changed nothing"


def test_the_administrator_sees_no_item(cast, admin):
    item = cast.item()
    browser = Browser(admin)
    assert browser.get(url("item", item.pk)).status_code == 404
    assert browser.get(url("plans")).status_code == 404


def test_the_administrators_role_gives_the_set_up_rights_only(cast, admin):
    assert admin.has_perm("responsibility.manage_organisation") and admin.has_perm("responsibility.change_post")
    assert not admin.has_perm("responsibility.view_responsibilityitem")
    assert Post.objects.get(holder=admin).get_role_display() == "系统管理员"
