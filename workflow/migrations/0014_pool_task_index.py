from django.db import migrations

# The office's pool (free deploy steps nobody holds) is a few thousand of a district's 677,600 tasks;
# the open-task index starts with the owner, so the planner read viewflow's own index of every task
# without an owner (244,000 at 100,000 items) to find them. viewflow's model is not ours to give a
# Meta index, so the index is made here.
POOL_TASKS = """
    CREATE INDEX IF NOT EXISTS workflow_pool_task ON viewflow_task (owner_permission, created, id)
    WHERE owner_id IS NULL AND status = 'NEW' AND flow_task_type = 'HUMAN'
"""


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0013_open_task_index"),
    ]

    operations = [
        migrations.RunSQL(POOL_TASKS, "DROP INDEX IF EXISTS workflow_pool_task"),
    ]
