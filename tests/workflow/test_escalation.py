"""The escalation ladder: by the rules in the sweep, by hand by an inspector, each step once."""

import datetime

import pytest
from django.urls import reverse

from responsibility.models import EscalationLevel, ItemStatus, Post, ReportCadence, ResponsibilityItem
from responsibility.permissions import sync_item_permissions
from tests.browser import Browser, messages, plain_text
from tests.threads import at_once
from tests.workflow.drive import do, item_at
from workflow import escalation
from workflow.models import Notification
from workflow.supervision import sweep

D = datetime.date
ROLES = ["committee", "office", "leader", "official", "official2", "inspector", "assessor", "outsider"]


def overdue(cast, days: int, **fields):
    cast.plan.year = 2021
    cast.plan.save()
    item = cast.item(deadline=D(2021, 6, 30), report_cadence=ReportCadence.NONE, **fields)
    item.status, item.started_on = ItemStatus.IN_PROGRESS, D(2021, 1, 1)
    item.save()
    sync_item_permissions(item)  # as deploying it would: the inspector may act on it
    return item, D(2021, 6, 30) + datetime.timedelta(days=days)


def ladder(item):
    return list(item.events.filter(kind="escalated").order_by("id").values_list("data__level", flat=True))


def told(person):
    rows = Notification.objects.filter(kind="escalation", recipient=person).order_by("id")
    return list(rows.values_list("title", flat=True))


def test_the_rules_take_a_late_item_up_every_step_once(cast):
    head = Post.objects.create(unit=cast.justice, title="所长", role=Post.Role.UNIT_HEAD, holder=cast.official2)
    item, day = overdue(cast, 31)
    sweep(day)
    sweep(day)
    item.refresh_from_db()
    assert item.escalation_level == EscalationLevel.LISTED
    assert ladder(item) == [1, 2, 3, 4]
    assert len(told(cast.official)) == 4
    assert told(head.holder) == [f"{label}：“1.完善内部制度建设”" for label in ("催办", "督办通知单", "挂牌督办")]
    assert told(cast.leader) == ["督办通知单：“1.完善内部制度建设”", "挂牌督办：“1.完善内部制度建设”"]
    assert told(cast.committee) == ["挂牌督办：“1.完善内部制度建设”"]


def test_an_inspector_escalates_by_hand_with_a_reason(cast):
    item = item_at(cast, "work")
    browser = Browser(cast.inspector)
    page = reverse("workflow:item", args=[item.pk])
    assert "升级督办" in plain_text(browser.get(page))
    response = browser.submit(
        reverse("workflow:escalate", args=[item.pk]), {"level": 3, "note": "群众反映强烈"}, form_page=page, follow=True
    )
    assert messages(response) == ["已升级督办，相关人员将收到通知。"]
    item.refresh_from_db()
    assert item.escalation_level == 3 and ladder(item) == [1, 2, 3]
    assert item.events.filter(kind="escalated").last().note == "群众反映强烈"
    assert "督办升级" in plain_text(browser.get(page))


def test_the_ladder_only_goes_up(cast):
    item = item_at(cast, "work")
    escalation.escalate_by_hand(item, cast.inspector, 2, "进度滞后")
    item.refresh_from_db()
    with pytest.raises(escalation.EscalationRefused, match="只能向上升级"):
        escalation.escalate_by_hand(item, cast.inspector, 2, "再次")
    assert ladder(item) == [1, 2]


@pytest.mark.parametrize("role", ROLES)
def test_who_may_escalate(cast, role):
    item = item_at(cast, "work")
    response = Browser(cast.roles[role]).submit(
        reverse("workflow:escalate", args=[item.pk]), {"level": 1, "note": "请抓紧"}, form_page=reverse("login")
    )
    visible = role in ("committee", "office", "leader", "official", "inspector", "assessor")
    expected = 302 if role in ("office", "inspector") else (403 if visible else 404)
    assert response.status_code == expected


def test_an_approved_extension_starts_the_ladder_again(cast):
    item = item_at(cast, "work")
    escalation.escalate_by_hand(item, cast.inspector, 2, "逾期")
    in_a_month = (item.deadline + datetime.timedelta(days=60)).isoformat()
    do(
        cast.official,
        item,
        "work",
        action="extension",
        period="2030-01",
        percent_done="50",
        narrative="需延期",
        new_deadline=in_a_month,
    )
    do(cast.office, item, "decide_extension", decision="approve", comment="同意")
    item.refresh_from_db()
    assert item.escalation_level == EscalationLevel.NONE and item.rag


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_sweep_and_an_inspector_at_the_same_moment_take_each_step_once(cast_committed):
    item, day = overdue(cast_committed, 20)

    def by_hand():
        escalation.escalate_by_hand(ResponsibilityItem.objects.get(pk=item.pk), cast_committed.inspector, 3, "督办")

    errors = at_once(lambda: sweep(day), by_hand, expected=(escalation.EscalationRefused,))
    assert errors == []
    assert ladder(item) == [1, 2, 3]
    keys = list(Notification.objects.filter(kind="escalation").values_list("key", flat=True))
    assert len(keys) == len(set(keys))


def test_the_default_ladder_is_given_once_and_edits_are_kept(db):
    from workflow.models import EscalationRule

    EscalationRule.objects.all().delete()
    escalation.ensure_default_rules()
    assert list(EscalationRule.objects.values_list("level", "days_overdue")) == [
        (1, 1),
        (2, 7),
        (3, 15),
        (4, 30),
        (5, 60),
    ]
    EscalationRule.objects.filter(level=5).delete()
    EscalationRule.objects.filter(level=1).update(days_overdue=3)
    escalation.ensure_default_rules()
    assert list(EscalationRule.objects.values_list("level", "days_overdue")) == [(1, 3), (2, 7), (3, 15), (4, 30)]


def test_a_step_by_hand_queues_its_own_notices_not_the_backlog(cast, monkeypatch, django_capture_on_commit_callbacks):
    from workflow import tasks

    waiting = Notification.objects.create(recipient=cast.committee, kind="urge", title="早先未送达")
    item = item_at(cast, "work")
    queued = []
    monkeypatch.setattr(tasks.deliver_notification, "delay", queued.append)
    with django_capture_on_commit_callbacks(execute=True):
        escalation.escalate_by_hand(item, cast.inspector, 2, "逾期")
    ours = set(Notification.objects.filter(kind="escalation").values_list("pk", flat=True))
    assert len(ours) >= 2 and set(queued) == ours  # each step's people, once each
    assert waiting.pk not in queued  # the backlog waits for the resend sweep, as before
