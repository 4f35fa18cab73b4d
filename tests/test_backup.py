"""scripts/backup and scripts/restore (issue 17, operations): the demo backed up, restored into an
empty database and an empty MEDIA_ROOT, every item, report, event and evidence file intact."""

import hashlib
import os
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from responsibility.models import Evidence, ItemEvent, ProgressReport, ResponsibilityItem

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parent.parent


def url_of(name: str) -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgresql://{db['USER']}{password}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{name}"


def run(script: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(ROOT / "scripts" / script), *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture
def empty_database():
    name = f"luoshi_restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url_of("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(url_of("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def facts(cursor) -> dict:
    queries = {
        "items": "SELECT id, title, status FROM responsibility_responsibilityitem ORDER BY id",
        "reports": "SELECT id, item_id, narrative FROM responsibility_progressreport ORDER BY id",
        "events": "SELECT id, item_id, seq, hash FROM responsibility_itemevent ORDER BY id",
        "evidence": "SELECT id, file, sha256 FROM responsibility_evidence ORDER BY id",
    }
    found = {}
    for key, sql in queries.items():
        cursor.execute(sql)
        found[key] = cursor.fetchall()
    return found


def test_the_demo_comes_back_whole_from_a_backup(settings, tmp_path, empty_database):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", force=True, stdout=open(os.devnull, "w"))
    assert Evidence.objects.exists() and ItemEvent.objects.exists()
    with connection.cursor() as cursor:
        before = facts(cursor)
    assert len(before["items"]) == ResponsibilityItem.objects.count() and before["reports"]
    assert len(before["reports"]) == ProgressReport.objects.count()

    backup = run(
        "backup",
        str(tmp_path / "backups"),
        DATABASE_URL=url_of(connection.settings_dict["NAME"]),
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
    )
    assert backup.returncode == 0, backup.stderr
    folder = Path(backup.stdout.strip())
    assert {p.name for p in folder.iterdir()} == {"db.dump", "media.tar", "media-files.sha256", "SHA256SUMS"}

    restored_media = tmp_path / "restored-media"
    restore = run("restore", str(folder), DATABASE_URL=url_of(empty_database), MEDIA_ROOT=str(restored_media))
    assert restore.returncode == 0, restore.stderr

    with psycopg.connect(url_of(empty_database)) as restored:
        after = facts(restored.cursor())
    assert after == before
    for _pk, name, sha256 in after["evidence"]:
        assert hashlib.sha256((restored_media / name).read_bytes()).hexdigest() == sha256
    verify = subprocess.run(
        [str(ROOT / ".venv/bin/python"), "manage.py", "verify_timeline"],
        env={**os.environ, "DATABASE_URL": url_of(empty_database), "DEBUG": "true"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert verify.returncode == 0 and "完整" in verify.stdout, verify.stderr


def test_a_damaged_backup_is_refused_before_anything_is_restored(settings, tmp_path, empty_database):
    settings.MEDIA_ROOT = tmp_path / "media"
    backup = run(
        "backup",
        str(tmp_path / "backups"),
        DATABASE_URL=url_of(connection.settings_dict["NAME"]),
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
    )
    folder = Path(backup.stdout.strip())
    with open(folder / "db.dump", "ab") as dump:
        dump.write(b"tampered")
    restore = run("restore", str(folder), DATABASE_URL=url_of(empty_database), MEDIA_ROOT=str(tmp_path / "m2"))
    assert restore.returncode == 1 and "checksums do not match" in restore.stderr
    with psycopg.connect(url_of(empty_database)) as restored:
        tables = restored.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0]
    assert tables == 0


def test_a_restore_into_a_database_in_use_is_refused(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    here = url_of(connection.settings_dict["NAME"])
    folder = Path(
        run("backup", str(tmp_path / "b"), DATABASE_URL=here, MEDIA_ROOT=str(settings.MEDIA_ROOT)).stdout.strip()
    )
    restore = run("restore", str(folder), DATABASE_URL=here, MEDIA_ROOT=str(tmp_path / "m2"))
    assert restore.returncode == 1 and "not empty" in restore.stderr
