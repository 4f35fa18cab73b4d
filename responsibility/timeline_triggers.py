"""The triggers that chain the timeline (事项动态) and keep it append-only, and their reinstallation.

Migration 0023_timeline_chain put them in; ``ensure`` runs after every ``migrate`` (post_migrate) and
puts back any that is missing or switched off. That matters on SQLite, whose ALTER TABLE cannot do
most changes: Django rebuilds the table (a new one, the rows copied, the old one dropped), and the
triggers go with the old table. A later migration that alters ItemEvent would otherwise leave the
timeline deletable without anyone noticing. On PostgreSQL the triggers survive an ALTER; ``ensure``
still puts back one the owner dropped or disabled by hand.
"""

from __future__ import annotations

TABLE = "responsibility_itemevent"

# The event as hashed, per database; responsibility/timeline.py recomputes it the same way.
PG_CANONICAL = """
CREATE OR REPLACE FUNCTION luoshi_itemevent_canonical(e responsibility_itemevent) RETURNS text AS $$
    SELECT json_build_array(
        e.seq, e.item_id, e.assignment_id, e.kind, e.actor_id, e.from_status, e.to_status, e.note,
        e.data, to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')
    )::text
$$ LANGUAGE sql IMMUTABLE;
"""

PG_TRIGGERS = """
DROP TRIGGER IF EXISTS itemevent_chain ON responsibility_itemevent;
DROP TRIGGER IF EXISTS itemevent_append_only ON responsibility_itemevent;
DROP TRIGGER IF EXISTS itemevent_no_truncate ON responsibility_itemevent;

CREATE OR REPLACE FUNCTION luoshi_itemevent_chain() RETURNS trigger AS $$
DECLARE last responsibility_itemevent;
BEGIN
    -- The item's row lock orders concurrent events of one item; an UPDATE of the item takes the same.
    PERFORM 1 FROM responsibility_responsibilityitem WHERE id = NEW.item_id FOR NO KEY UPDATE;
    SELECT * INTO last FROM responsibility_itemevent WHERE item_id = NEW.item_id ORDER BY seq DESC LIMIT 1;
    NEW.seq := coalesce(last.seq, 0) + 1;
    NEW.prev_hash := coalesce(last.hash, '');
    NEW.hash := encode(sha256(convert_to(NEW.prev_hash || luoshi_itemevent_canonical(NEW), 'UTF8')), 'hex');
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION luoshi_itemevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'TRUNCATE')
       AND current_setting('luoshi.timeline_purge', true) = 'on'
       AND pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'timeline events are append-only (%% refused on responsibility_itemevent)', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER itemevent_chain BEFORE INSERT ON responsibility_itemevent
    FOR EACH ROW EXECUTE FUNCTION luoshi_itemevent_chain();
CREATE TRIGGER itemevent_append_only BEFORE UPDATE OR DELETE ON responsibility_itemevent
    FOR EACH ROW EXECUTE FUNCTION luoshi_itemevent_append_only();
CREATE TRIGGER itemevent_no_truncate BEFORE TRUNCATE ON responsibility_itemevent
    FOR EACH STATEMENT EXECUTE FUNCTION luoshi_itemevent_append_only();
"""
PG_NAMES = {"itemevent_chain", "itemevent_append_only", "itemevent_no_truncate"}

# SQLite has no roles and no BEFORE trigger that may change the row: an AFTER INSERT trigger fills
# the chain (the one UPDATE allowed: of a row not yet hashed), and a row in ``luoshi_timeline_purge``,
# there for the length of a purge, lets ``purge()`` delete. SHA256 is the function Django's SQLite
# backend registers on each connection.
SQLITE_CANONICAL = (
    "json_array({e}.seq, {e}.item_id, {e}.assignment_id, {e}.kind, {e}.actor_id, {e}.from_status,"
    " {e}.to_status, {e}.note, json({e}.data), {e}.created_at)"
)
SQLITE_TRIGGERS = [
    "CREATE TABLE IF NOT EXISTS luoshi_timeline_purge (active integer NOT NULL)",
    "DROP TRIGGER IF EXISTS itemevent_chain",
    "DROP TRIGGER IF EXISTS itemevent_no_update",
    "DROP TRIGGER IF EXISTS itemevent_no_delete",
    f"""CREATE TRIGGER itemevent_chain AFTER INSERT ON responsibility_itemevent BEGIN
    UPDATE responsibility_itemevent SET
        seq = (SELECT coalesce(max(seq), 0) + 1 FROM responsibility_itemevent WHERE item_id = NEW.item_id),
        prev_hash = coalesce((SELECT hash FROM responsibility_itemevent WHERE item_id = NEW.item_id
                              AND seq IS NOT NULL ORDER BY seq DESC LIMIT 1), '')
        WHERE id = NEW.id;
    UPDATE responsibility_itemevent
        SET hash = SHA256(prev_hash || {SQLITE_CANONICAL.format(e="responsibility_itemevent")})
        WHERE id = NEW.id;
END""",
    """CREATE TRIGGER itemevent_no_update BEFORE UPDATE ON responsibility_itemevent WHEN OLD.hash <> '' BEGIN
    SELECT RAISE(ABORT, 'timeline events are append-only (UPDATE refused on responsibility_itemevent)');
END""",
    """CREATE TRIGGER itemevent_no_delete BEFORE DELETE ON responsibility_itemevent
WHEN NOT EXISTS (SELECT 1 FROM luoshi_timeline_purge) BEGIN
    SELECT RAISE(ABORT, 'timeline events are append-only (DELETE refused on responsibility_itemevent)');
END""",
]
SQLITE_NAMES = {"itemevent_chain", "itemevent_no_update", "itemevent_no_delete"}

# What each database reports of the table's triggers: (name, on) pairs.
_PRESENT = {
    "postgresql": (
        "SELECT tgname, tgenabled <> 'D' FROM pg_trigger"
        " WHERE tgrelid = to_regclass('responsibility_itemevent') AND NOT tgisinternal"
    ),
    "sqlite": "SELECT name, 1 FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'responsibility_itemevent'",
}
_EXPECTED = {"postgresql": PG_NAMES, "sqlite": SQLITE_NAMES}


def missing(connection) -> set[str]:
    """The triggers the table should have and has not (or has switched off)."""
    with connection.cursor() as cursor:
        cursor.execute(_PRESENT[connection.vendor])
        on = {name for name, enabled in cursor.fetchall() if enabled}
    return _EXPECTED[connection.vendor] - on


def install(connection) -> None:
    """Create (or replace) every trigger and the functions they call; idempotent."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Merged client-side (``%%`` to ``%``) and sent as one simple query, as migrations do.
            for script in (PG_CANONICAL, PG_TRIGGERS):
                cursor.execute(connection.ops.compose_sql(script, ()))
        else:
            for statement in SQLITE_TRIGGERS:
                cursor.execute(statement)


def ensure(connection) -> bool:
    """Put back what is missing, once the table is chained (migration 0023 applied); True if it did.
    One query when all is in place, so it costs nothing to run after every migrate and flush."""
    if connection.vendor not in _EXPECTED or not missing(connection) or not _chained_table(connection):
        return False
    install(connection)
    return True


def _chained_table(connection) -> bool:
    with connection.cursor() as cursor:
        if TABLE not in connection.introspection.table_names(cursor):
            return False
        return "hash" in {column.name for column in connection.introspection.get_table_description(cursor, TABLE)}


def ensure_after_migrate(sender, using="default", **kwargs) -> None:
    from django.db import connections

    ensure(connections[using])
