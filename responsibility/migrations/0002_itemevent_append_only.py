"""The timeline is append-only in the database too: on PostgreSQL a trigger refuses any UPDATE of
an event row, so even a QuerySet.update() or a hand-written SQL statement cannot rewrite history.
Deleting stays possible (an item deleted with its events, e.g. a draft plan thrown away)."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION luoshi_itemevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'timeline events are append-only (responsibility_itemevent %%)', OLD.id
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER itemevent_append_only BEFORE UPDATE ON responsibility_itemevent
    FOR EACH ROW EXECUTE FUNCTION luoshi_itemevent_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS itemevent_append_only ON responsibility_itemevent;
DROP FUNCTION IF EXISTS luoshi_itemevent_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("responsibility", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
