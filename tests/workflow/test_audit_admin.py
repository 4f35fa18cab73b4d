"""The admin shows records but cannot forge or rewrite them, and cannot move an item's rights
around the services (issue 17, F6)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from assessment.models import ItemScore, Verification
from responsibility.models import ItemEvent, Person
from tests.browser import Browser
from tests.workflow.drive import item_at


@pytest.fixture
def superuser(db):
    return Person.objects.create_superuser("root", "root@example.cn", "x-Very-long-1")


def admin_url(model, action, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


@pytest.mark.parametrize("model", [ItemEvent, ItemScore, Verification])
def test_the_admin_cannot_add_a_record(superuser, model):
    browser = Browser(superuser)
    assert browser.get(admin_url(model, "add")).status_code == 403
    assert browser.submit(admin_url(model, "add"), {}, form_page=admin_url(model, "changelist")).status_code == 403


def test_a_backdated_acceptance_cannot_be_added_in_the_admin(cast, superuser):
    item = cast.item()
    data = {"item": item.pk, "kind": "accepted", "created_at_0": "2020-01-01", "created_at_1": "08:00:00"}
    Browser(superuser).submit(admin_url(ItemEvent, "add"), data, form_page=admin_url(ItemEvent, "changelist"))
    assert not ItemEvent.objects.filter(item=item).exists()


def test_the_admin_shows_an_event_but_cannot_change_or_delete_it(cast, superuser):
    item = cast.item()
    event = item.move(ItemEvent.Kind.URGED, cast.inspector, note="请报送进度")
    browser = Browser(superuser)
    page = browser.get(admin_url(ItemEvent, "change", event.pk))
    assert page.status_code == 200 and "请报送进度" in page.content.decode()
    browser.submit(admin_url(ItemEvent, "change", event.pk), {"note": "改写"})
    assert browser.get(admin_url(ItemEvent, "delete", event.pk)).status_code == 403
    event.refresh_from_db()
    assert event.note == "请报送进度"


def test_a_score_total_cannot_be_changed_in_the_admin(cast, superuser):
    item = cast.item()
    score = ItemScore.objects.create(item=item, quality=Decimal(8), total=Decimal(80), assessor=cast.assessor)
    browser = Browser(superuser)
    browser.submit(admin_url(ItemScore, "change", score.pk), {"total": "100", "quality": "10"})
    assert browser.get(admin_url(ItemScore, "delete", score.pk)).status_code == 403
    score.refresh_from_db()
    assert score.total == Decimal(80)


def test_an_items_responsible_post_is_read_only_in_the_admin(cast, superuser):
    item = item_at(cast, "accept")
    page = Browser(superuser).get(admin_url(type(item), "change", item.pk)).content.decode()
    assert 'name="responsible_post"' not in page
    assert 'name="title"' in page
    for field in ("lead_leader_post", "responsible_units", "cooperating_units", "inspector_post", "assessor_post"):
        assert f'name="{field}"' not in page
