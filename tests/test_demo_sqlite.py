"""The README's demo command on its own database: SQLite with Celery eager, as `scripts/demo` sets it
up (the rest of the suite runs on PostgreSQL, where SQL that SQLite lacks goes unnoticed). The demo
is migrated and loaded in a process of its own, then every login opens the main pages."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CRAWL = """
from django.test import Client
from django.test.utils import setup_test_environment
from assessment.models import Assessment
from responsibility.models import Person, ResponsibilityItem, WorkPlan

setup_test_environment()  # the test client's host, as the test runner allows it
plan = WorkPlan.objects.order_by("pk").first()
paths = ["/", "/tasks/", "/items/", "/board/", "/plans/", f"/plans/{plan.pk}/", "/assessment/", "/notifications/",
         f"/plans/{plan.pk}/quarters/2020/4/", "/api/items/", "/api/tasks/", "/exports/", "/leader/",
         "/board/?format=xlsx", f"/plans/{plan.pk}/export.xlsx"]
leaves = ResponsibilityItem.objects.filter(is_heading=False).values_list("pk", flat=True)
paths += [f"/items/{pk}/" for pk in leaves[:4]]
for assessment in Assessment.objects.all()[:2]:
    paths += [f"/assessment/results/{assessment.pk}/", f"/assessment/results/{assessment.pk}/export.xlsx"]
opened = 0
for user in Person.objects.filter(username__in=["committee", "office", "leader", "official", "inspector", "outsider"]):
    client = Client()
    client.force_login(user)
    for path in paths:
        status = client.get(path, secure=True).status_code
        assert status < 500, (user.username, path, status)
        opened += status == 200
print("opened", opened)
"""


def manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
    )


def test_the_demo_loads_and_every_login_opens_its_pages_on_sqlite(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    env.update(DEBUG="true", SQLITE_PATH=str(tmp_path / "db.sqlite3"), MEDIA_ROOT=str(tmp_path / "media"))
    for step in (["migrate", "--verbosity", "0"], ["load_demo"], ["shell", "-c", CRAWL]):
        done = manage(*step, env=env)
        assert done.returncode == 0, f"manage.py {' '.join(step[:1])} failed:\n{done.stderr[-3000:]}"
    opened = int(done.stdout.split("opened")[-1])
    assert opened > 60  # the insiders' pages answered, not only 404s
