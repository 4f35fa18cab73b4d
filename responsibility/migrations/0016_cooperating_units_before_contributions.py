"""Cooperating units handed an item before contributions (会办) had a task of their own: they have
no task to give one by, so no 会办 date can be missed. Their assignments close as they stand."""

from django.db import migrations
from django.utils import timezone


def close_without_task(apps, schema_editor):
    Assignment = apps.get_model("responsibility", "Assignment")
    waiting = Assignment.objects.filter(role="cooperating").exclude(status="closed")
    waiting.update(
        status="closed",
        status_changed_at=timezone.now(),
        closed_at=timezone.now(),
        deadline=None,
        original_deadline=None,
        due_by=None,
        rag="",
        rag_reason="",
    )


class Migration(migrations.Migration):
    dependencies = [("responsibility", "0015_handed_in_and_contributions")]

    operations = [migrations.RunPython(close_without_task, migrations.RunPython.noop)]
