"""Each assignment carries its item's plan (``Assignment.item_plan``), filled here from its item."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    Assignment = apps.get_model("responsibility", "Assignment")
    Item = apps.get_model("responsibility", "ResponsibilityItem")
    plan = Item.objects.filter(pk=OuterRef("item_id")).values("plan_id")[:1]
    Assignment.objects.update(item_plan_id=Subquery(plan))


class Migration(migrations.Migration):
    dependencies = [
        ("responsibility", "0033_board_and_quarter_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="assignment",
            name="item_plan",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="responsibility.workplan",
                verbose_name="工作要点",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="assignment",
            name="item_plan",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="responsibility.workplan",
                verbose_name="工作要点",
            ),
        ),
        migrations.AddIndex(
            model_name="assignment",
            index=models.Index(fields=["item_plan", "unit"], include=("item",), name="parts_by_plan"),
        ),
        migrations.RemoveIndex(model_name="assignment", name="lit_parts_by_unit"),
        migrations.AddIndex(
            model_name="assignment",
            index=models.Index(
                condition=models.Q(
                    ("status__in", ["accepting", "in_progress", "extension_requested", "rectifying"]),
                    models.Q(("role", "cooperating"), _negated=True),
                ),
                fields=["item_plan", "unit", "rag"],
                include=("item", "id"),
                name="lit_parts_by_plan",
            ),
        ),
        migrations.RemoveIndex(model_name="responsibilityitem", name="item_plan_key"),
        migrations.AddIndex(
            model_name="responsibilityitem",
            index=models.Index(fields=["plan", "id"], include=("lead_unit",), name="item_plan_key"),
        ),
    ]
