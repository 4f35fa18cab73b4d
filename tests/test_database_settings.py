"""How Luoshi's connections to PostgreSQL are set up (config/settings.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.db import connection


def _databases(**env: str) -> dict:
    """The DATABASES the settings make with these environment variables."""
    wrapped = "import json; from django.conf import settings; print(json.dumps(settings.DATABASES['default']))"
    full = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "SECRET_KEY": "x", **env}
    found = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {wrapped}"],
        env=full,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(found.stdout.strip().splitlines()[-1])


def test_postgresql_connections_turn_jit_off_unless_told_to_leave_it():
    url = "postgres://user@db.example:5432/luoshi"
    assert _databases(DATABASE_URL=url)["OPTIONS"]["options"] == "-c jit=off"
    assert "options" not in _databases(DATABASE_URL=url, DB_JIT="true").get("OPTIONS", {})


def test_sqlite_has_no_postgresql_options():
    assert "options" not in _databases(DATABASE_URL="").get("OPTIONS", {})


@pytest.mark.django_db
def test_the_running_connection_has_jit_off():
    if connection.vendor != "postgresql":
        pytest.skip("JIT is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_postgresql_statements_are_bound_on_the_server_and_prepared_unless_told_not_to():
    url = "postgres://user@db.example:5432/luoshi"
    options = _databases(DATABASE_URL=url)["OPTIONS"]
    assert options["server_side_binding"] is True
    assert options["prepare_threshold"] == 1
    off = _databases(DATABASE_URL=url, DB_PREPARED_STATEMENTS="false")["OPTIONS"]
    assert "server_side_binding" not in off
    assert "prepare_threshold" not in off


def test_sqlite_is_not_told_to_prepare():
    assert "server_side_binding" not in _databases(DATABASE_URL="").get("OPTIONS", {})


def _prepared(on) -> list[str]:
    with on.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_pages_statements_are_prepared_from_its_second_request(client, cast):
    client.force_login(cast.office)
    client.get("/items/")
    before = _prepared(connection)
    assert client.get("/items/").status_code == 200
    new = [statement for statement in _prepared(connection) if statement not in before]
    assert any('"responsibility_responsibilityitem"' in statement for statement in new), new


@pytest.mark.postgres
@pytest.mark.django_db
def test_with_prepared_statements_off_the_connection_binds_on_the_client_and_prepares_nothing():
    from django.db.backends.postgresql.base import DatabaseWrapper

    statement = "SELECT %s::integer + 40"
    for _ in range(3):
        with connection.cursor() as cursor:
            cursor.execute(statement, [2])
    assert "SELECT $1::integer + 40" in _prepared(connection)  # the switch on, as the tests run

    off = _databases(DATABASE_URL="postgres://user@db.example:5432/luoshi", DB_PREPARED_STATEMENTS="false")
    client_bound = DatabaseWrapper({**connection.settings_dict, "OPTIONS": off["OPTIONS"]}, alias="client_bound")
    try:
        for _ in range(3):
            with client_bound.cursor() as cursor:
                cursor.execute(statement, [2])
                assert cursor.fetchone()[0] == 42
        assert _prepared(client_bound) == []
    finally:
        client_bound.close()
