"""The README's production setup, run for real (scripts/smoke-production), and kept the README's."""

import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from tests.conftest import _unavailable

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "smoke-production"


def _server_url() -> str:
    s = connection.settings_dict
    auth = quote(s["USER"] or "postgres") + (f":{quote(s['PASSWORD'])}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/postgres"


def _commands(text: str) -> list[str]:
    """Command lines that run the app (``.venv/bin/…``), without what the script adds to keep a log."""
    return [re.sub(r"\s*>.*$", "", line).strip() for line in text.splitlines() if line.startswith(".venv/bin/")]


def _readme_production_block() -> str:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Running it for real", 1)[1]
    return section.split("```bash", 1)[1].split("```", 1)[0]


def test_the_script_runs_the_readme_commands_line_for_line():
    script = SCRIPT.read_text()
    between = script.split("# README begin", 1)[1].split("# README end", 1)[0]
    assert _commands(between) == _commands(_readme_production_block())


@pytest.mark.postgres
@pytest.mark.redis
def test_production_as_the_readme_runs_it(tmp_path):
    if shutil.which("redis-server") is None:
        _unavailable("redis-server is not installed")
    # A clean environment: none of the test settings (DEBUG, STATIC_MANIFEST, SECURE_SSL_REDIRECT…).
    env = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    env.update(SMOKE_DATABASE_URL=_server_url(), TMPDIR=str(tmp_path))
    done = subprocess.run([str(SCRIPT)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=480, check=False)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    assert "smoke test passed" in done.stdout


@pytest.mark.postgres
@pytest.mark.redis
def test_the_security_probe_of_issue_17_finds_nothing(tmp_path):
    """bench/security-probe: each finding F1–F12 re-checked over HTTP against production settings."""
    if shutil.which("redis-server") is None:
        _unavailable("redis-server is not installed")
    env = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    env.update(PROBE_DATABASE_URL=_server_url(), TMPDIR=str(tmp_path))
    probe = ROOT / "bench" / "security-probe"
    done = subprocess.run([str(probe)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    lines = [line for line in done.stdout.splitlines() if re.match(r"F\d+\s+(PASS|FAIL)", line)]
    assert len(lines) == 9 and all(" PASS " in line for line in lines), "\n".join(lines)
