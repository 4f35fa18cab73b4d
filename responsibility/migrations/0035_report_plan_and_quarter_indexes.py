import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def reports_of_their_plans(apps, schema_editor):
    """Each report's plan is its item's (an item never changes plan); one UPDATE, any database."""
    report = apps.get_model("responsibility", "ProgressReport")
    item = apps.get_model("responsibility", "ResponsibilityItem")
    report.objects.update(plan=Subquery(item.objects.filter(pk=OuterRef("item_id")).values("plan_id")[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("responsibility", "0034_assignment_item_plan"),
    ]

    operations = [
        migrations.AddField(
            model_name="progressreport",
            name="plan",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="responsibility.workplan",
                verbose_name="年度工作要点",
            ),
        ),
        migrations.RunPython(reports_of_their_plans, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="progressreport",
            name="plan",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="responsibility.workplan",
                verbose_name="年度工作要点",
            ),
        ),
        migrations.RemoveIndex(model_name="progressreport", name="report_created_at"),
        migrations.AddIndex(
            model_name="progressreport",
            index=models.Index(fields=["plan", "created_at"], name="report_plan_time"),
        ),
        migrations.AddIndex(
            model_name="itemevent",
            index=models.Index(
                condition=models.Q(("kind__in", ["escalated", "extension_approved"])),
                fields=["created_at"],
                include=("item",),
                name="event_ladder_time",
            ),
        ),
        migrations.RemoveIndex(model_name="responsibilityitem", name="plan_lights"),
        migrations.AddIndex(
            model_name="responsibilityitem",
            index=models.Index(
                condition=models.Q(("is_heading", False)),
                fields=["plan", "category", "lead_unit"],
                include=("id", "status", "rag", "percent_done", "due_by", "closed_at"),
                name="plan_lights",
            ),
        ),
    ]
