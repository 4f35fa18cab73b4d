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
