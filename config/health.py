"""``/healthz``: is this instance fit to serve? The database, Redis and a Celery worker's heartbeat,
each with its own verdict, for a load balancer or a monitoring probe (issue 17, operations).

200 when every check passes, 503 otherwise; the body names the failing part and nothing secret. A
worker proves it is alive by running ``workflow.tasks.heartbeat`` from beat every minute; without
REDIS_URL tasks run in the web process (eager), so there is no worker to wait for.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

HEARTBEAT_KEY = "worker-heartbeat"


def beat() -> None:
    cache.set(HEARTBEAT_KEY, time.time(), timeout=None)


def _database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"ok": True}


def _redis() -> dict:
    if not settings.REDIS_URL:
        return {"ok": True, "detail": "not configured"}
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
    client.ping()
    return {"ok": True}


def _worker() -> dict:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"ok": True, "detail": "eager (no worker)"}
    last = cache.get(HEARTBEAT_KEY)
    if last is None:
        return {"ok": False, "detail": "no heartbeat yet"}
    age = time.time() - last
    return {"ok": age <= settings.HEALTHZ_WORKER_MAX_AGE, "age_seconds": round(age)}


CHECKS = {"database": _database, "redis": _redis, "worker": _worker}


def _run(check) -> dict:
    try:
        return check()
    except Exception as error:  # the probe reports any failure instead of failing itself
        return {"ok": False, "detail": type(error).__name__}


@never_cache
def healthz(request) -> JsonResponse:
    results = {name: _run(check) for name, check in CHECKS.items()}
    healthy = all(result["ok"] for result in results.values())
    return JsonResponse({"status": "ok" if healthy else "fail", "checks": results}, status=200 if healthy else 503)
