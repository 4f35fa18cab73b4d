"""Every item already handed over becomes an item with one assignment: today's responsible unit and
post, with its status, progress, light and schedule as they are, so nothing it shows or scores
changes. Its reports belong to that assignment; its open branch tasks carry it."""

from django.db import migrations
from django.db.models import OuterRef, Subquery

STATE = (
    "status", "rag", "rag_reason", "expected_percent", "started_on", "next_report_due", "reports_missed",
    "rectification_due", "due_by", "escalation_level", "percent_done", "status_changed_at", "closed_at",
)
HANDED_OVER = ("accepting", "in_progress", "extension_requested", "claimed", "rectifying", "verified", "closed")
BRANCH_STEPS = {"accept", "work", "decide_extension", "verify", "rectify", "assess"}


def forwards(apps, schema_editor):
    Item = apps.get_model("responsibility", "ResponsibilityItem")
    Assignment = apps.get_model("responsibility", "Assignment")
    Report = apps.get_model("responsibility", "ProgressReport")
    items = Item.objects.filter(is_heading=False, status__in=HANDED_OVER, responsible_post__isnull=False)
    made = {}
    for item in items.select_related("responsible_post").iterator():
        unit_id = item.responsible_post.unit_id
        assignment = Assignment.objects.create(
            item=item,
            unit_id=unit_id,
            role="lead" if unit_id == item.lead_unit_id or item.lead_unit_id is None else "responsible",
            post_id=item.responsible_post_id,
            deadline=item.deadline,
            original_deadline=item.original_deadline,
            **{name: getattr(item, name) for name in STATE},
        )
        made[item.pk] = assignment.pk
    Item.objects.filter(pk__in=list(made)).update(branch_count=1)
    only = Subquery(Assignment.objects.filter(item_id=OuterRef("item_id")).order_by("pk").values("pk")[:1])
    Report.objects.filter(item_id__in=list(made)).update(assignment_id=only)
    _tag_open_tasks(apps, made)


def _tag_open_tasks(apps, made):
    Task = apps.get_model("viewflow", "Task")
    tasks = Task.objects.filter(status__in=["NEW", "ASSIGNED", "STARTED"], flow_task_type="HUMAN")
    for task in tasks.select_related("process").iterator():
        assignment_id = made.get(_int(task.process.artifact_object_id))
        if assignment_id and str(task.flow_task).rsplit(".", 1)[-1] in BRANCH_STEPS:
            task.data = {**(task.data or {}), "assignment": assignment_id}
            task.save(update_fields=["data"])


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class Migration(migrations.Migration):
    dependencies = [
        ("responsibility", "0010_assignments"),
        ("viewflow", "0015_task_scheduled"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
