from django.db import migrations

# 我的待办 and the workspace read the open human tasks of one person or of the office's pool: a few
# thousand rows among the hundreds of thousands a district's finished tasks leave in viewflow's table,
# whose own indexes (owner, status) each match tens of thousands. viewflow's model is not ours to
# give a Meta index, so the index is made here.
OPEN_TASKS = """
    CREATE INDEX IF NOT EXISTS workflow_open_human_task ON viewflow_task (owner_id, owner_permission, created, id)
    WHERE status IN ('NEW', 'ASSIGNED', 'STARTED') AND flow_task_type = 'HUMAN'
"""


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0012_notice_index"),
        ("viewflow", "0015_task_scheduled"),
    ]

    operations = [
        migrations.RunSQL(OPEN_TASKS, "DROP INDEX IF EXISTS workflow_open_human_task"),
    ]
