"""人走事不断 through the page: the office hands a post to a successor; nobody else may."""

import pytest

from responsibility.models import Person
from tests.browser import Browser, messages, url
from tests.cast import PASSWORD
from tests.workflow.drive import find_task, item_at

# Everyone else with a post is refused (403); an outsider, without one, is told nothing (404).
ROLES = ["committee", "leader", "official", "official2", "inspector", "assessor"]


@pytest.fixture
def successor(cast):
    return Person.objects.create_user("successor", password=PASSWORD, full_name="郑接任")


def test_the_office_hands_a_post_over_and_the_work_follows(cast, successor):
    item = item_at(cast, "work")
    post = cast.posts["official"]
    office = Browser(cast.office)

    assert "司法所所长" in office.get(url("posts")).content.decode()
    response = office.submit(url("hand_over", post.pk), {"successor": successor.pk}, follow=True)

    assert any("移交给 郑接任" in m and "转交待办 1 项" in m for m in messages(response)), messages(response)
    task = find_task(item, "work")
    assert task.owner == successor
    assert Browser(successor).get(url("task", task.pk)).status_code == 200
    assert Browser(cast.official).get(url("item", item.pk)).status_code == 404


def test_handing_over_to_the_same_person_is_refused(cast):
    office = Browser(cast.office)
    post = cast.posts["official"]
    response = office.submit(url("hand_over", post.pk), {"successor": cast.official.pk})
    assert response.status_code == 200
    assert "接任人员与现任人员相同" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_only_the_office_manages_posts(cast, role):
    browser = Browser(cast.roles[role])
    post = cast.posts["official"]
    assert browser.get(url("posts")).status_code == 403
    assert browser.get(url("hand_over", post.pk)).status_code == 403
    response = browser.submit(url("hand_over", post.pk), {"successor": cast.roles[role].pk}, form_page=url("items"))
    assert response.status_code == 403
    post.refresh_from_db()
    assert post.holder == cast.official


def test_an_outsider_finds_no_posts_page(cast):
    browser = Browser(cast.outsider)
    post = cast.posts["official"]
    assert browser.get(url("posts")).status_code == 404
    assert browser.get(url("hand_over", post.pk)).status_code == 404
    response = browser.submit(url("hand_over", post.pk), {"successor": cast.outsider.pk}, form_page=url("items"))
    assert response.status_code == 404
    post.refresh_from_db()
    assert post.holder == cast.official


def test_anonymous_is_sent_to_login(cast):
    response = Browser().get(url("posts"))
    assert response.status_code == 302 and "/login/" in response["Location"]
