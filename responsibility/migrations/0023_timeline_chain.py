"""The timeline becomes tamper-evident and append-only for good (issue 17, F6).

Each event gets its place in the item's chain (``seq``), the previous event's hash and its own hash,
computed by the database on insert under the item's row lock, so every way of writing an event
(``rows.insert``, ``bulk_create``, hand-written SQL) is chained alike. UPDATE, DELETE and TRUNCATE of
the table are refused by triggers. Only the table's owner (the role that runs migrations) may remove
events, and only deliberately: ``responsibility.timeline.purge()`` (the demo's removal, ``flush``) sets
``luoshi.timeline_purge`` for its transaction. The runtime role owns nothing, so it can neither drop
nor disable the triggers (README, 生产部署 › 数据库的两个角色)."""

import hashlib

from django.db import migrations, models

# The triggers as they stand today, one text for this migration and for their reinstallation after
# each migrate (responsibility/timeline_triggers.py, where SQLite's way of chaining is explained).
from responsibility.timeline_triggers import PG_CANONICAL, PG_TRIGGERS, SQLITE_CANONICAL, SQLITE_TRIGGERS

PG_BACKFILL = """
DO $$
DECLARE e responsibility_itemevent; previous text; place integer; last_item bigint;
BEGIN
    FOR e IN SELECT * FROM responsibility_itemevent ORDER BY item_id, created_at, id LOOP
        IF last_item IS DISTINCT FROM e.item_id THEN
            previous := ''; place := 0; last_item := e.item_id;
        END IF;
        place := place + 1;
        e.seq := place;
        e.prev_hash := previous;
        previous := encode(sha256(convert_to(previous || luoshi_itemevent_canonical(e), 'UTF8')), 'hex');
        UPDATE responsibility_itemevent SET seq = place, prev_hash = e.prev_hash, hash = previous WHERE id = e.id;
    END LOOP;
END $$;
"""

PG_DROP = """
DROP TRIGGER IF EXISTS itemevent_chain ON responsibility_itemevent;
DROP TRIGGER IF EXISTS itemevent_no_truncate ON responsibility_itemevent;
DROP TRIGGER IF EXISTS itemevent_append_only ON responsibility_itemevent;
DROP FUNCTION IF EXISTS luoshi_itemevent_chain();
DROP FUNCTION IF EXISTS luoshi_itemevent_canonical(responsibility_itemevent);
CREATE OR REPLACE FUNCTION luoshi_itemevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'timeline events are append-only (responsibility_itemevent %%)', OLD.id
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER itemevent_append_only BEFORE UPDATE ON responsibility_itemevent
    FOR EACH ROW EXECUTE FUNCTION luoshi_itemevent_append_only();
"""

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS itemevent_chain",
    "DROP TRIGGER IF EXISTS itemevent_no_update",
    "DROP TRIGGER IF EXISTS itemevent_no_delete",
    "DROP TABLE IF EXISTS luoshi_timeline_purge",
]


def _sqlite_backfill(cursor) -> None:
    cursor.execute("SELECT id, item_id FROM responsibility_itemevent ORDER BY item_id, created_at, id")
    previous, place, last_item = "", 0, None
    for pk, item_id in cursor.fetchall():
        if item_id != last_item:
            previous, place, last_item = "", 0, item_id
        place += 1
        cursor.execute("UPDATE responsibility_itemevent SET seq = %s, prev_hash = %s WHERE id = %s", [place, previous, pk])
        cursor.execute(f"SELECT {SQLITE_CANONICAL.format(e='e')} FROM responsibility_itemevent e WHERE id = %s", [pk])
        previous = hashlib.sha256((previous + cursor.fetchone()[0]).encode()).hexdigest()
        cursor.execute("UPDATE responsibility_itemevent SET hash = %s WHERE id = %s", [previous, pk])


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS itemevent_append_only ON responsibility_itemevent")
        schema_editor.execute(PG_CANONICAL)
        schema_editor.execute(PG_BACKFILL)
        schema_editor.execute(PG_TRIGGERS)
    elif vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            _sqlite_backfill(cursor)
        for sql in SQLITE_TRIGGERS:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_DROP)
    elif vendor == "sqlite":
        for sql in SQLITE_DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("responsibility", "0022_plan_claim_rules")]

    operations = [
        migrations.AddField(
            model_name="itemevent",
            name="seq",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name="序号"),
        ),
        migrations.AddField(
            model_name="itemevent",
            name="prev_hash",
            field=models.CharField(blank=True, db_default="", editable=False, max_length=64, verbose_name="上一条哈希"),
        ),
        migrations.AddField(
            model_name="itemevent",
            name="hash",
            field=models.CharField(blank=True, db_default="", editable=False, max_length=64, verbose_name="哈希"),
        ),
        migrations.AddConstraint(
            model_name="itemevent",
            constraint=models.UniqueConstraint(fields=("item", "seq"), name="one_event_per_place_in_chain"),
        ),
        # Last: on SQLite a later change of the table rebuilds it, and a rebuilt table has no triggers
        # (post_migrate puts them back: responsibility/timeline_triggers.py).
        migrations.RunPython(forwards, backwards),
    ]
