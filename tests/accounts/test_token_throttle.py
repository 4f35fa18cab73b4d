"""F3: POST /api/token/ is limited per client address and per account; X-Forwarded-For is not an address."""

import pytest
from django.test import Client
from django.urls import reverse

from api.throttling import TokenAccountThrottle, TokenAddressThrottle


@pytest.fixture(autouse=True)
def low_rates(monkeypatch):
    # Below the lockout (5 failures), so that the throttle is what answers here.
    rates = {"token": "3/min", "token_account": "3/min"}
    monkeypatch.setattr(TokenAddressThrottle, "THROTTLE_RATES", rates)
    monkeypatch.setattr(TokenAccountThrottle, "THROTTLE_RATES", rates)


def ask(username: str, address: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": address}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return Client().post(reverse("api:token"), {"username": username, "password": "guess"}, **extra)


def test_a_new_forwarded_for_per_request_still_hits_the_limit(cast):
    statuses = [ask(f"nobody{n}", "10.1.0.1", forwarded=f"192.0.2.{n}").status_code for n in range(4)]
    assert statuses == [400, 400, 400, 429]


def test_one_account_is_limited_whatever_the_address(cast):
    statuses = [ask("official", f"10.1.1.{n}").status_code for n in range(4)]
    assert statuses == [400, 400, 400, 429]
    assert ask("official2", "10.1.1.9").status_code == 400  # another account, another address


def test_the_account_limit_ignores_case_and_spaces(cast):
    for name in ["official", "OFFICIAL", " official "]:
        ask(name, f"10.1.2.{len(name)}")
    assert ask("Official", "10.1.2.99").status_code == 429
