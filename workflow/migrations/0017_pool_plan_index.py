from django.db import migrations

# The office's pool is its organisation's plans' free deploy steps, but the pool index held the whole
# district's: every row was checked against the office's plans (an item looked up per task), 4,000
# rows read to count one organisation's 1,000. Every step's task now carries its item's plan in its
# data (``flows.PLAN``; an item never changes plan), and the index holds the free steps by permission
# and plan, in the lists' order. viewflow's model is not ours to give a Meta index, so the index is
# made here; it replaces the one by permission alone (0014), whose questions it answers as well.
#
# The tasks written before carry no plan: the open ones are given their item's. A finished task
# never waits again (no step of the item's flow is reopened), so it is left as it was.
OPEN_ITEM_STEPS = """
    t.flow_task_type = 'HUMAN' AND t.status IN ('NEW', 'ASSIGNED', 'STARTED')
    AND p.id = t.process_id AND i.id = p.artifact_object_id AND p.flow_class = 'workflow/flows.ItemFlow'
"""
PG_FILL = f"""
    UPDATE viewflow_task t SET data = t.data || jsonb_build_object('plan', i.plan_id)
    FROM viewflow_process p, responsibility_responsibilityitem i
    WHERE {OPEN_ITEM_STEPS} AND jsonb_typeof(t.data) = 'object' AND NOT t.data ? 'plan'
"""
# SQLite (the demo): no UPDATE … FROM before 3.33, a correlated subquery instead.
SQLITE_FILL = f"""
    UPDATE viewflow_task SET data = json_set(data, '$.plan', (
        SELECT i.plan_id FROM viewflow_task t, viewflow_process p, responsibility_responsibilityitem i
        WHERE t.id = viewflow_task.id AND {OPEN_ITEM_STEPS}))
    WHERE json_type(data) = 'object' AND json_type(data, '$.plan') IS NULL AND EXISTS (
        SELECT 1 FROM viewflow_task t, viewflow_process p, responsibility_responsibilityitem i
        WHERE t.id = viewflow_task.id AND {OPEN_ITEM_STEPS})
"""
POOL = "WHERE owner_id IS NULL AND status = 'NEW' AND flow_task_type = 'HUMAN'"
PG_POOL_TASKS = f"""
    CREATE INDEX IF NOT EXISTS workflow_pool_plan_task
    ON viewflow_task (owner_permission, ((data ->> 'plan')::integer), created, id) {POOL}
"""
# The demo's few tasks need no index of the plan; the one by permission is kept there.
OLD_POOL_TASKS = f"CREATE INDEX IF NOT EXISTS workflow_pool_task ON viewflow_task (owner_permission, created, id) {POOL}"


def fill(schema_editor) -> None:
    """The open steps' tasks written before are given their item's plan."""
    vendor = schema_editor.connection.vendor
    if vendor in ("postgresql", "sqlite"):
        schema_editor.execute(PG_FILL if vendor == "postgresql" else SQLITE_FILL)


def forwards(apps, schema_editor):
    fill(schema_editor)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_POOL_TASKS)
        schema_editor.execute("DROP INDEX IF EXISTS workflow_pool_task")


def backwards(apps, schema_editor):
    # The plans the tasks carry are left: nothing before this migration reads them.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(OLD_POOL_TASKS)
        schema_editor.execute("DROP INDEX IF EXISTS workflow_pool_plan_task")


class Migration(migrations.Migration):
    dependencies = [
        ("responsibility", "0039_item_plan_lead_unit_index"),
        ("workflow", "0016_quarter_record"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
