"""人走事不断 when someone leaves: deactivating him leaves his posts vacant and his open work in the
office's pool, where the office finds it and gives it to whoever takes the post."""

from __future__ import annotations

import re

from django.urls import reverse
from viewflow.workflow.status import STATUS

from responsibility.models import Person
from tests.browser import Browser, messages, plain_text, text, timeline_notes, url
from tests.workflow.drive import find_task, item_at

NEW = "Hx-2026-shifa"


def deactivate(office: Browser, person):
    return office.submit(url("org_person_deactivate", person.pk), form_page=url("org_person", person.pk), follow=True)


def pool(response) -> list[str]:
    """The rows of 我的待办's pool of tasks waiting on vacant posts, as plain text."""
    block = re.search(r'<section class="waiting">(.*?)</section>', text(response), re.S)
    if block is None:
        return []
    rows = re.findall(r"<tr>(.*?)</tr>", block.group(1).split("<tbody>")[1], re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in rows]


def test_deactivating_an_official_leaves_his_work_in_the_offices_pool(cast):
    item = item_at(cast, "work")
    office = Browser(cast.office)

    response = deactivate(office, cast.official)

    assert messages(response) == ["已停用“赵所长”：其岗位已空缺，1 项待办留在待办池中，指定新的在岗人员后自动转交。"]
    task = find_task(item, "work")
    assert (task.owner_id, task.status) == (None, STATUS.NEW)
    cast.posts["official"].refresh_from_db()
    assert cast.posts["official"].holder is None
    rows = pool(office.get(url("my_tasks")))
    assert len(rows) == 1 and "办理反馈" in rows[0] and item.title in rows[0] and "司法所司法所所长 （空缺）" in rows[0]
    assert "司法所所长 由 赵所长 移交给 —" in timeline_notes(office.get(url("item", item.pk)))


def test_a_deactivated_person_can_no_longer_log_in_or_act(cast):
    item = item_at(cast, "work")
    official = Browser(cast.official)
    deactivate(Browser(cast.office), cast.official)

    assert official.get(url("my_tasks"))["Location"].startswith(reverse("login"))
    refused = Browser().submit(reverse("login"), {"username": "official", "password": "luoshi-test-pass"})
    assert refused.status_code == 200
    assert Browser(Person.objects.get(pk=cast.official.pk)).get(url("item", item.pk)).status_code == 302


def test_the_successor_gets_the_work_the_leaver_left(cast):
    item = item_at(cast, "work")
    office = Browser(cast.office)
    deactivate(office, cast.official)
    post = cast.posts["official"]

    hand_over_page = office.get(url("hand_over", post.pk)).content.decode()
    assert f"{url('org_person_new', cast.street.pk)}?post={post.pk}" in hand_over_page
    response = office.submit(
        url("org_person_new", cast.street.pk),
        {"full_name": "郑所长", "phone": "13900000007", "post": post.pk},
        form_page=f"{url('org_person_new', cast.street.pk)}?post={post.pk}",
    )
    password = re.search(r"<code>(.*?)</code>", text(response)).group(1)

    successor = Person.objects.get(phone="13900000007")
    task = find_task(item, "work")
    assert task.owner == successor and task.status == STATUS.ASSIGNED
    assert pool(office.get(url("my_tasks"))) == []
    browser = Browser()
    browser.submit(reverse("login"), {"username": "13900000007", "password": password})
    data = {"old_password": password, "new_password1": NEW, "new_password2": NEW}
    browser.submit(reverse("password_change"), data)
    assert item.title in plain_text(browser.get(url("my_tasks")))
    report = {"action": "report", "period": "2020-03", "percent_done": "40", "narrative": "接任后继续推进"}
    browser.submit(url("task", task.pk), report)
    item.refresh_from_db()
    assert item.percent_done == 40


def test_an_inspectors_verification_waits_for_the_next_inspector(cast):
    item = item_at(cast, "verify")
    office = Browser(cast.office)
    deactivate(office, cast.inspector)

    rows = pool(office.get(url("my_tasks")))
    assert len(rows) == 1 and "督查核验" in rows[0] and "督查室督查员" in rows[0]
    successor = Person.objects.create_user("sun2", full_name="孙二督查", organisation=cast.street)
    office.submit(url("hand_over", cast.posts["inspector"].pk), {"successor": successor.pk})
    assert find_task(item, "verify").owner == successor


def test_the_posts_page_counts_the_work_waiting_on_a_vacant_post(cast, admin):
    item_at(cast, "work")
    deactivate(Browser(cast.office), cast.official)

    for browser in [Browser(cast.office), Browser(admin)]:
        row = next(r for r in re.findall(r"<tr>(.*?)</tr>", text(browser.get(url("posts"))), re.S) if "司法所所长" in r)
        assert re.search(r"<td>1</td>", row), row


def test_the_administrator_fills_posts_but_has_no_pool_of_items(cast, admin):
    item_at(cast, "work")
    deactivate(Browser(admin), cast.official)
    assert pool(Browser(admin).get(url("my_tasks"))) == []


def test_leaving_one_post_keeps_the_others(cast):
    item = item_at(cast, "work")
    office = Browser(cast.office)
    second = cast.posts["official2"]
    office.submit(url("hand_over", second.pk), {"successor": cast.official.pk})

    response = office.submit(
        url("org_person_vacate", cast.official.pk, cast.posts["official"].pk),
        form_page=url("org_person", cast.official.pk),
        follow=True,
    )

    assert messages(response) == ["赵所长 已离开岗位 司法所司法所所长，岗位空缺；1 项待办等待新的在岗人员。"]
    second.refresh_from_db()
    assert second.holder == cast.official and find_task(item, "work").owner_id is None
