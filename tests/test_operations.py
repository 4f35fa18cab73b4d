"""Operations (issue 17): /healthz and JSON log lines."""

import json
import logging
import os
import subprocess
import sys
import time

import pytest
from django.core.cache import cache
from django.test import Client

from config import health
from config.logs import JsonFormatter
from workflow import tasks

pytestmark = pytest.mark.django_db


def probe():
    response = Client().get("/healthz")
    return response.status_code, response.json()


def test_healthz_is_ok_when_everything_answers(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    status, body = probe()
    assert status == 200 and body["status"] == "ok"
    assert set(body["checks"]) == {"database", "redis", "worker"}


def test_healthz_needs_no_login_and_is_never_cached():
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]


def test_healthz_fails_without_a_recent_worker_heartbeat(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    cache.delete(health.HEARTBEAT_KEY)
    status, body = probe()
    assert status == 503 and body["checks"]["worker"] == {"ok": False, "detail": "no heartbeat yet"}
    tasks.heartbeat()
    assert probe()[0] == 200
    cache.set(health.HEARTBEAT_KEY, time.time() - 3600)
    status, body = probe()
    assert status == 503 and body["checks"]["worker"]["age_seconds"] >= 3600


def test_healthz_fails_when_redis_does_not_answer(settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    settings.CELERY_TASK_ALWAYS_EAGER = True
    status, body = probe()
    assert status == 503 and body["checks"]["redis"]["ok"] is False
    assert body["checks"]["database"] == {"ok": True}


def test_healthz_fails_when_the_database_does_not_answer(monkeypatch):
    def broken():
        raise ConnectionError("database down")

    monkeypatch.setitem(health.CHECKS, "database", broken)
    status, body = probe()
    assert status == 503 and body["checks"]["database"] == {"ok": False, "detail": "ConnectionError"}


def test_a_json_log_line_carries_time_level_logger_message_and_extras():
    record = logging.makeLogRecord(
        {"name": "workflow", "levelname": "WARNING", "msg": "催办 %s", "args": ("事项1",), "item": 7}
    )
    line = json.loads(JsonFormatter().format(record))
    assert (line["level"], line["logger"], line["message"], line["item"]) == ("WARNING", "workflow", "催办 事项1", 7)
    assert line["time"].endswith("+00:00")


def test_log_format_json_makes_every_line_json():
    code = "import logging, django; django.setup(); logging.getLogger('luoshi').warning('第一行'); 1/0"
    env = {**os.environ, "LOG_FORMAT": "json", "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "true"}
    failing = "logging.getLogger('x').exception('坏了')"
    wrapped = f"import logging\ntry:\n    exec({code!r})\nexcept ZeroDivisionError:\n    {failing}"
    result = subprocess.run([sys.executable, "-c", wrapped], env=env, capture_output=True, text=True, timeout=120)
    lines = [json.loads(line) for line in result.stderr.strip().splitlines()]
    assert [line["message"] for line in lines] == ["第一行", "坏了"]
    assert "ZeroDivisionError" in lines[1]["exception"]


def test_a_bad_log_format_stops_the_start():
    env = {**os.environ, "LOG_FORMAT": "xml", "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "true"}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "LOG_FORMAT must be text or json" in result.stderr
