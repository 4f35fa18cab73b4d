"""Verifications and scores of items that already had them belong to the item's one assignment."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def forwards(apps, schema_editor):
    Assignment = apps.get_model("responsibility", "Assignment")
    only = Subquery(Assignment.objects.filter(item_id=OuterRef("item_id")).order_by("pk").values("pk")[:1])
    for model in ("Verification", "ItemScore"):
        apps.get_model("assessment", model).objects.filter(assignment__isnull=True).update(assignment_id=only)


class Migration(migrations.Migration):
    dependencies = [
        ("assessment", "0007_per_assignment"),
        ("responsibility", "0011_items_get_one_assignment"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
