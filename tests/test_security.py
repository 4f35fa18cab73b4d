"""F4 (Redis down), F7/F8 (deep JSON, the API's schema and docs), F12 (security headers)."""

import socket

import pytest
from django.test import Client
from django.urls import reverse

from responsibility.models import Evidence, PlanImport, WorkPlan
from tests.api.helpers import pdf, report_data, url
from tests.browser import Browser
from tests.cast import PASSWORD
from tests.workflow.drive import do, item_at

DEEP = "[" * 5000


def _dead_redis_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"  # nothing listens there once the probe is closed


@pytest.fixture
def redis_down(settings):
    """The cache as production configures it (REDIS_URL set), with Redis not answering."""
    from config import cache

    cache.local.clear()
    cache._down_until[0] = 0.0
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.FallbackRedisCache",
            "LOCATION": _dead_redis_url(),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    yield
    cache.local.clear()
    cache._down_until[0] = 0.0


# --- F4: Redis down ---------------------------------------------------------------------------


def test_with_redis_down_the_token_endpoint_answers(cast, redis_down):
    right = Client().post(reverse("api:token"), {"username": "official", "password": PASSWORD})
    wrong = Client().post(reverse("api:token"), {"username": "official", "password": "guess"})
    assert right.status_code == 200 and right.json()["token"]
    assert wrong.status_code == 400


def test_with_redis_down_the_token_throttle_still_counts(cast, redis_down, monkeypatch):
    from api.throttling import TokenAccountThrottle, TokenAddressThrottle

    rates = {"token": "2/min", "token_account": "100/min"}
    monkeypatch.setattr(TokenAddressThrottle, "THROTTLE_RATES", rates)
    monkeypatch.setattr(TokenAccountThrottle, "THROTTLE_RATES", rates)
    token = reverse("api:token")
    statuses = [Client().post(token, {"username": f"n{n}", "password": "x"}).status_code for n in range(3)]
    assert statuses == [400, 400, 429]


def test_with_redis_down_a_pasted_import_runs_to_its_draft(cast, redis_down, django_capture_on_commit_callbacks):
    text = "\n".join(
        [
            "回兴街道2021年法治建设工作要点",
            "一、加强理论学习",
            "（一）组织专题学习。",
            "牵头单位：党政办",
            "完成时限：2021年12月底前",
        ]
    )
    form = {"organisation": cast.street.pk, "year": 2021, "title": "", "text": text}
    with django_capture_on_commit_callbacks(execute=True):
        response = Browser(cast.office).submit(reverse("plans:import"), form)
    assert response.status_code == 302
    job = PlanImport.objects.get()
    assert job.status == PlanImport.Status.DONE, job.message
    assert WorkPlan.objects.filter(pk=job.plan_id, year=2021).exists()


def test_during_the_pause_redis_is_not_tried_and_after_it_is_again(redis_down):
    """After a failure, calls skip Redis for a few seconds (no connection timeout per call), then try it."""
    from config import cache

    class Untouchable:
        def __getattr__(self, name):
            raise AssertionError(f"Redis was tried: {name}")

    backend = cache.FallbackRedisCache(_dead_redis_url(), {})
    assert backend.get("k", "default") == "default"  # Redis down: the fallback answers
    backend.__dict__["_cache"] = Untouchable()
    backend.set("k", "v")
    assert backend.get("k") == "v"  # within the pause: memory only
    cache._down_until[0] = 0.0  # the pause is over
    with pytest.raises(AssertionError, match="Redis was tried"):
        backend.get("k")


# --- F7: deeply nested JSON ------------------------------------------------------------------


def test_deep_json_at_the_token_endpoint_is_a_400(db):
    response = Client().post(reverse("api:token"), DEEP, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_deep_json_in_an_api_form_is_a_400(cast):
    item = item_at(cast, "work")
    client = Client()
    client.force_login(cast.official)
    response = client.post(url("extension", item.pk), DEEP, content_type="application/json")
    assert response.status_code == 400


def test_deep_json_in_a_multipart_field_is_a_400(cast):
    item = item_at(cast, "work")
    client = Client()
    client.force_login(cast.official)
    data = {"period": "2020-06", "percent_done": 60, "narrative": "进展", "indicator_values": DEEP}
    response = client.post(url("report", item.pk), data)
    assert response.status_code == 400
    assert "indicator_values" in response.json()["fields"]


def test_json_of_ordinary_depth_still_parses(cast):
    response = Client().post(
        reverse("api:token"), {"username": "official", "password": PASSWORD}, content_type="application/json"
    )
    assert response.status_code == 200


# --- F8: the schema and its docs need a login -------------------------------------------------


@pytest.mark.parametrize("name", ["schema", "docs"])
def test_the_schema_and_docs_need_a_login(cast, name):
    assert Client().get(url(name)).status_code in {401, 403}
    client = Client()
    client.force_login(cast.official)
    assert client.get(url(name)).status_code == 200


# --- F12: headers -----------------------------------------------------------------------------


def test_every_page_has_a_content_security_policy_and_a_permissions_policy(cast):
    for response in (Client().get(reverse("login")), Browser(cast.official).get(reverse("workflow:home"))):
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";", 1)[0]
        assert "camera=()" in response["Permissions-Policy"]


def test_logged_in_pages_and_api_answers_are_not_stored(cast):
    browser = Browser(cast.official)
    assert browser.get(reverse("workflow:home"))["Cache-Control"] == "no-store"
    assert browser.get(reverse("api:tasks"))["Cache-Control"] == "no-store"


def test_an_evidence_download_is_not_stored(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = item_at(cast, "work")
    do(cast.official, item, "work", files={"evidence": [pdf()]}, **report_data(action="report"))
    evidence = Evidence.objects.get()
    response = Browser(cast.official).get(reverse("workflow:evidence", args=[evidence.pk]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_the_pages_carry_no_inline_script(cast):
    """The policy allows scripts from our files only: an inline handler would silently stop working."""
    import re

    for page in (reverse("workflow:home"), reverse("workflow:items"), reverse("password_change")):
        html = Browser(cast.office).get(page).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), page
        assert not re.search(r"\son[a-z]+=", html), page
