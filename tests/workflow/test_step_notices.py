"""Each hand-over and decision of an item's life tells the right people, once, and nobody else."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format

from assessment.models import PersonResult
from responsibility.models import Assignment, ItemEvent
from tests.assessment.year import build_year
from tests.browser import Browser, messages, url
from tests.workflow.drive import deploy_data, do, find_task, in_days, item_at
from tests.workflow.test_pages import task_url
from workflow import notices, services
from workflow.models import Notification

pytestmark = pytest.mark.usefixtures("media")

ITEM = "1.完善内部制度建设"
DEADLINE = date_format(datetime.date(2030, 12, 31))


@pytest.fixture
def browsers(cast):
    return {role: Browser(person) for role, person in cast.roles.items()}


def told(**filters) -> list[tuple[str, str, str]]:
    """Every notice stored, oldest first: (kind, recipient's login, title)."""
    rows = Notification.objects.filter(**filters).select_related("recipient").order_by("created_at", "id")
    return [(n.kind, n.recipient.username, n.title) for n in rows]


def launched(cast):
    item = cast.item()
    services.launch(item, cast.office)
    return item


def test_an_items_whole_life_through_the_pages_tells_each_person_once_what_is_his_to_do(cast, browsers):
    office, official, inspector, assessor = (browsers[r] for r in ["office", "official", "inspector", "assessor"])
    item = launched(cast)

    office.submit(task_url(office, item), deploy_data(cast, item, note="请按季度报送"))
    official.submit(task_url(official, item), {"decision": "send_back", "reason": "非本所职责"})
    office.submit(task_url(office, item), {"post": cast.posts["official"].pk, "note": "请再核实"})
    official.submit(task_url(official, item), {"decision": "accept"})
    extension = {"action": "extension", "period": "2020-06", "percent_done": "50", "narrative": "受疫情影响"}
    official.submit(task_url(official, item), {**extension, "new_deadline": "2031-06-30"})
    office.submit(task_url(office, item), {"decision": "refuse", "comment": "不予延期"})
    claim = {"action": "claim", "period": "2020-12", "percent_done": "100", "narrative": "全年完成"}
    official.submit(task_url(official, item), claim)
    ret = {"decision": "return", "rectification_points": "补充台账", "rectification_deadline": in_days(10)}
    inspector.submit(task_url(inspector, item), ret)
    official.submit(task_url(official, item), {"narrative": "已补充台账"})
    inspector.submit(task_url(inspector, item), {"decision": "pass", "comments": "材料齐全"})
    assessor.submit(task_url(assessor, item), {"quality": "8", "comment": "较好"})

    rectify_by = date_format(datetime.date.fromisoformat(in_days(10)))
    assert told() == [
        ("deployed", "official", f"交办：“{ITEM}”，请签收"),
        ("sent_back", "office", f"退回交办：司法所退回了“{ITEM}”，请重新交办"),
        ("deployed", "official", f"交办：“{ITEM}”，请签收"),
        ("task", "office", f"延期审批：“{ITEM}”申请延期至2031年6月30日"),
        ("extension_decided", "official", f"延期未批准：“{ITEM}”仍须于{DEADLINE}前完成"),
        ("to_verify", "inspector", f"待核验：“{ITEM}”已申请办结"),
        ("returned", "official", f"退回整改：“{ITEM}”请于{rectify_by}前整改"),
        ("to_verify", "inspector", f"待核验：“{ITEM}”已整改，请再次核验"),
        ("task", "assessor", f"待考核评分：“{ITEM}”已核验通过"),
        ("closed", "official", f"办结销号：“{ITEM}”已办结"),
        ("closed", "office", f"办结销号：“{ITEM}”已办结"),
    ]
    bodies = {
        (kind, who): body for kind, who, body in Notification.objects.values_list("kind", "recipient__username", "body")
    }
    assert bodies["sent_back", "office"] == "非本所职责" and bodies["returned", "official"] == "补充台账"
    assert bodies["task", "office"] == "受疫情影响" and bodies["extension_decided", "official"] == "不予延期"
    first = Notification.objects.filter(kind="deployed").order_by("id").first()
    assert first.body == f"完成时限：{DEADLINE}\n请按季度报送"
    # Everyone else – the committee, the lead leader, another unit's official, an outsider – heard nothing.
    assert not Notification.objects.filter(recipient__in=[cast.committee, cast.leader, cast.official2]).exists()
    assert not Notification.objects.filter(recipient=cast.outsider).exists()
    assert not browsers["outsider"].get(url("notifications")).content.decode().count('class="kind"')


def test_each_notice_is_keyed_by_its_event_and_person(cast):
    item = item_at(cast, "verify")
    claimed = item.events.get(kind=ItemEvent.Kind.CLAIMED)
    notice = Notification.objects.get(kind="to_verify")
    assert notice.key == f"to_verify:{claimed.pk}:{cast.inspector.pk}" and notice.item == item


def test_a_step_submitted_twice_tells_once(cast, browsers):
    office = browsers["office"]
    item = launched(cast)
    page = task_url(office, item)
    office.submit(page, deploy_data(cast, item))
    again = office.submit(page, deploy_data(cast, item), follow=True)
    assert "该任务已办理完毕。" in messages(again)
    assert told(kind="deployed") == [("deployed", "official", f"交办：“{ITEM}”，请签收")]


def test_telling_of_an_event_twice_stores_each_notice_once(cast):
    item = item_at(cast, "accept")
    event = item.events.get(kind=ItemEvent.Kind.DEPLOYED)
    parts = list(Assignment.objects.filter(item=item).select_related("post", "unit"))
    for _replay in range(2):
        notices.deployed(item, parts, event, cast.office)
    assert Notification.objects.filter(kind="deployed").count() == 1


def test_nobody_is_told_of_his_own_action(cast):
    cast.posts["inspector"].hand_over(cast.official)  # the official also verifies
    item_at(cast, "verify")
    assert not Notification.objects.filter(kind="to_verify").exists()


# --- items of several units (分办) -----------------------------------------------------------------


def two_units(cast, **extra):
    item = item_at(cast, "deploy")
    do(cast.office, item, "deploy", **deploy_data(cast, item, responsible_units=[cast.community.pk], **extra))
    return item


def test_each_unit_of_an_item_hears_of_its_own_part(cast):
    two_units(cast)
    assert told() == [
        ("deployed", "official", f"交办：“{ITEM}（司法所）”，请签收"),
        ("deployed", "official2", f"交办：“{ITEM}（兴科社区）”，请签收"),
    ]


def test_a_person_holding_two_parts_of_an_item_gets_one_notice_naming_both(cast):
    cast.posts["official2"].hand_over(cast.official)
    two_units(cast)
    assert told() == [("deployed", "official", f"交办：“{ITEM}（司法所、兴科社区）”，请签收")]


def test_a_cooperating_unit_is_told_of_its_contribution_and_its_date(cast):
    item = item_at(cast, "deploy")
    data = deploy_data(cast, item, cooperating_units=[cast.community.pk], contribution_due="2030-06-30")
    do(cast.office, item, "deploy", **data)
    [(kind, who, title)] = told(recipient=cast.official2)
    assert (kind, who) == ("deployed", "official2")
    assert title.startswith(f"会办：“{ITEM}（兴科社区）”，请于") and title.endswith("前向牵头单位提交会办意见")


def test_a_unit_closing_its_part_hears_of_it_and_everyone_when_the_item_closes(cast):
    item = two_units(cast)
    Notification.objects.all().delete()
    for user in [cast.official, cast.official2]:
        task = next(t for t in services.active_task_for_item(item) if t.flow_task.name == "accept" and t.owner == user)
        services.complete(user, task.pk, {"decision": "accept"}, {})
        work = next(t for t in services.active_task_for_item(item) if t.flow_task.name == "work" and t.owner == user)
        claim = {"action": "claim", "period": "2030-06", "percent_done": "100", "narrative": "已完成"}
        services.complete(user, work.pk, claim, {})
        verify = [t for t in services.active_task_for_item(item) if t.flow_task.name == "verify"][0]
        services.complete(cast.inspector, verify.pk, {"decision": "pass", "comments": "好"}, {})
        assess = find_task(item, "assess")
        services.complete(cast.assessor, assess.pk, {"quality": "8", "comment": "较好"}, {})
    closed = told(kind="closed")
    assert closed[0] == ("closed", "official", f"办结销号：“{ITEM}（司法所）”已办结")  # his part, the item still open
    assert sorted(closed[1:]) == [  # the last part closes the item: every unit and the office, once each
        ("closed", "office", f"办结销号：“{ITEM}”已办结"),
        ("closed", "official", f"办结销号：“{ITEM}”已办结"),
        ("closed", "official2", f"办结销号：“{ITEM}”已办结"),
    ]
    assert {who for _kind, who, _title in told(kind="to_verify")} == {"inspector"}
    assert [title for _k, _w, title in told(kind="to_verify")] == [
        f"待核验：“{ITEM}（司法所）”已申请办结",
        f"待核验：“{ITEM}（兴科社区）”已申请办结",
    ]


def test_an_extension_approved_tells_whoever_asked_with_the_new_date(cast, browsers):
    item = item_at(cast, "decide_extension")
    browsers["office"].submit(task_url(browsers["office"], item), {"decision": "approve", "comment": "同意"})
    assert told(kind="extension_decided") == [
        ("extension_decided", "official", f"延期已批准：“{ITEM}”完成时限延至2031年6月30日")
    ]


def test_notices_are_stored_in_the_site_language_whoever_acts_in_english(cast, browsers):
    office = browsers["office"]
    office.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    item = launched(cast)
    office.submit(task_url(office, item), deploy_data(cast, item))
    assert told() == [("deployed", "official", f"交办：“{ITEM}”，请签收")]
    assert Notification.objects.get().body == f"完成时限：{DEADLINE}"


# --- results published -----------------------------------------------------------------------------------


def test_publishing_the_years_results_tells_the_committee_and_those_ranked_once(cast):
    year = build_year(cast)
    draft = year.compute(cast.office)
    Notification.objects.all().delete()
    office = Browser(cast.office)
    publish = reverse("assessment:publish", args=[draft.pk])
    office.submit(publish, {"confirm": "on"}, form_page=reverse("assessment:result", args=[draft.pk]))
    office.submit(publish, {"confirm": "on"}, form_page=reverse("assessment:result", args=[draft.pk]))  # refused

    scored = set(PersonResult.objects.filter(assessment=draft).values_list("person__username", flat=True))
    assert scored >= {"official", "official2", "leader"}
    told_people = [who for _kind, who, _title in told(kind="published")]
    assert sorted(told_people) == sorted({"committee", "official", "official2", "u9", "leader"})
    assert not Notification.objects.exclude(kind="published").exists()
    notice = Notification.objects.filter(kind="published").first()
    assert notice.title == f"考核结果发布：《{year.scheme}》第1版" and notice.item is None
    assert notice.link == reverse("assessment:result", args=[draft.pk])
    # 查看 opens the results, which the official may now see.
    official = Browser(notice.recipient)
    opened = official.submit(url("notification_read", notice.pk), form_page=url("notifications"))
    assert opened["Location"] == notice.link
    assert official.get(notice.link).status_code == 200
