from django.db import migrations

# 我的待办 lists a person's held tasks and the office's pool as two parts, each the first rows of an
# index in the list's order (workflow.task_parts). The open-task index puts the permission between
# the owner and the date, so a person's held tasks came out of it unordered and the planner walked
# viewflow's index of every task's date instead. viewflow's model is not ours to give a Meta index,
# so the index is made here.
HELD_TASKS = """
    CREATE INDEX IF NOT EXISTS workflow_held_task ON viewflow_task (owner_id, created, id)
    WHERE status IN ('ASSIGNED', 'STARTED') AND flow_task_type = 'HUMAN'
"""


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0014_pool_task_index"),
    ]

    operations = [
        migrations.RunSQL(HELD_TASKS, "DROP INDEX IF EXISTS workflow_held_task"),
    ]
