"""The timeline is append-only."""

import pytest
from django.db import IntegrityError, connection, transaction

from responsibility.models import AppendOnlyError, ItemEvent


def test_an_event_cannot_be_changed_or_deleted_through_the_model(cast):
    item = cast.item()
    event = item.move(ItemEvent.Kind.URGED, cast.inspector, note="请报送进度")
    event.note = "改写历史"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_moving_an_item_records_from_and_to(cast):
    item = cast.item()
    event = item.move(ItemEvent.Kind.CREATED, cast.office, "deploying")
    assert (event.from_status, event.to_status, event.actor) == ("draft", "deploying", cast.office)
    item.refresh_from_db()
    assert item.status == "deploying"


@pytest.mark.postgres
def test_the_database_refuses_to_rewrite_an_event(cast):
    assert connection.vendor == "postgresql"
    item = cast.item()
    item.move(ItemEvent.Kind.URGED, cast.inspector, note="请报送进度")
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        ItemEvent.objects.filter(item=item).update(note="改写历史")
    assert ItemEvent.objects.get(item=item).note == "请报送进度"
