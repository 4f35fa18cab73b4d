"""Importing or publishing items whose deadlines have already passed is warned about (issue 16):
on the review page, at the publish button (its confirmation and beside it), and after publishing."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from responsibility.models import ItemStatus, ResponsibilityItem, WorkPlan
from tests.browser import Browser, messages, plain_text, text


@pytest.fixture
def draft(cast):
    plan = WorkPlan.objects.create(organisation=cast.street, year=2021, title="回兴街道2021年法治建设工作要点")
    today = timezone.localdate()
    for order, (title, deadline, ongoing) in enumerate(
        [
            ("去年就该完成的事项", today - datetime.timedelta(days=200), False),
            ("昨天到期的事项", today - datetime.timedelta(days=1), False),
            ("今天到期的事项", today, False),
            ("明年完成的事项", today + datetime.timedelta(days=365), False),
            ("长期坚持的事项", None, True),
        ]
    ):
        ResponsibilityItem.objects.create(
            plan=plan, order=order, number=f"{order + 1}.", title=title, deadline=deadline, ongoing=ongoing
        )
    return plan


def review(cast, plan) -> str:
    return plain_text(Browser(cast.office).get(reverse("plans:review", args=[plan.pk])))


def test_the_review_page_names_the_items_already_past_their_deadline(cast, draft):
    page = review(cast, draft)
    assert "2 项事项的完成时限早于今天，发布后将立即逾期、亮红灯" in page
    warning = page[page.index("完成时限已过") :]
    assert "去年就该完成的事项" in warning and "昨天到期的事项" in warning
    assert "今天到期的事项（" not in warning and "明年完成的事项（" not in warning and "长期坚持的事项（" not in warning


def test_the_publish_button_warns_before_publishing(cast, draft):
    for page in (reverse("plans:review", args=[draft.pk]), reverse("workflow:plans")):
        html = text(Browser(cast.office).get(page))
        assert 'data-confirm="2 项事项的完成时限早于今天' in html, page


def test_publishing_says_how_many_went_out_overdue(cast, draft):
    browser = Browser(cast.office)
    response = browser.submit(
        reverse("workflow:publish", args=[draft.pk]), form_page=reverse("workflow:plans"), follow=True
    )
    said = messages(response)
    assert any("其中 2 项事项的完成时限早于今天，发布即已逾期" in message for message in said), said


def test_a_plan_with_every_deadline_ahead_says_nothing_of_it(cast, draft):
    draft.items.filter(deadline__lt=timezone.localdate()).delete()
    assert "完成时限早于今天" not in review(cast, draft)
    assert "完成时限早于今天" not in text(Browser(cast.office).get(reverse("workflow:plans")))
    response = Browser(cast.office).submit(
        reverse("workflow:publish", args=[draft.pk]), form_page=reverse("workflow:plans"), follow=True
    )
    assert not any("早于今天" in message for message in messages(response))
    assert not draft.items.filter(status=ItemStatus.DRAFT).exists()
