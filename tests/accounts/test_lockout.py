"""F2/F3: wrong passwords lock the account and the address out (django-axes), logged; the office unlocks.

The address is REMOTE_ADDR, or with TRUSTED_PROXIES = n the n-th from the right of X-Forwarded-For,
never an address the client wrote there itself.
"""

import logging

import pytest
from django.test import Client
from django.urls import reverse

from accounts.client import client_ip
from tests.browser import Browser
from tests.cast import PASSWORD

LIMIT = 5


def attempt(username: str, password: str, address: str = "10.0.0.1", forwarded: str | None = None):
    extra = {"REMOTE_ADDR": address}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return Client().post(reverse("login"), {"username": username, "password": password}, **extra)


def logged_in(response) -> bool:
    return response.status_code == 302


def test_wrong_passwords_lock_the_account_even_the_right_one_then_fails(cast):
    statuses = [attempt("official", "guess").status_code for _ in range(LIMIT)]
    assert statuses == [200] * (LIMIT - 1) + [429]  # the failure that reaches the limit is answered so
    refused = attempt("official", PASSWORD)
    assert refused.status_code == 429
    assert "登录失败次数过多" in refused.content.decode()


def test_the_account_is_locked_whatever_the_address(cast):
    for n in range(LIMIT):
        attempt("official", "guess", address=f"10.0.1.{n}")
    assert attempt("official", PASSWORD, address="10.0.2.1").status_code == 429
    assert logged_in(attempt("official2", PASSWORD, address="10.0.2.1"))  # another account is not locked


def test_the_address_is_locked_whatever_the_account(cast):
    for n in range(LIMIT):
        attempt(f"nobody{n}", "guess", address="10.0.3.1")
    assert attempt("official2", PASSWORD, address="10.0.3.1").status_code == 429
    assert logged_in(attempt("official2", PASSWORD, address="10.0.3.2"))


def test_a_forged_forwarded_for_does_not_make_a_new_address(cast, settings):
    settings.TRUSTED_PROXIES = 0
    for n in range(LIMIT):
        attempt(f"nobody{n}", "guess", address="10.0.4.1", forwarded=f"192.0.2.{n}")
    assert attempt("official2", PASSWORD, address="10.0.4.1", forwarded="192.0.2.99").status_code == 429


def test_behind_one_proxy_the_address_it_saw_counts_not_what_the_client_wrote(cast, settings):
    settings.TRUSTED_PROXIES = 1
    for n in range(LIMIT):
        # The client writes a new address each time; our proxy appends the one it saw.
        attempt(f"nobody{n}", "guess", address="10.9.9.9", forwarded=f"192.0.2.{n}, 198.51.100.7")
    assert attempt("official2", PASSWORD, address="10.9.9.9", forwarded="198.51.100.7").status_code == 429
    assert logged_in(attempt("official2", PASSWORD, address="10.9.9.9", forwarded="198.51.100.8"))


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "1.1.1.1, 2.2.2.2", "10.0.0.1"),
        (1, "1.1.1.1, 2.2.2.2", "2.2.2.2"),
        (2, "1.1.1.1, 2.2.2.2, 3.3.3.3", "2.2.2.2"),
        (1, "", "10.0.0.1"),
    ],
)
def test_the_client_address_is_taken_from_the_trusted_proxies_only(rf, settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXIES = proxies
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_a_failed_login_is_logged_with_username_and_address(cast, caplog):
    with caplog.at_level(logging.WARNING, logger="luoshi.login"):
        attempt("official", "guess", address="10.0.5.1")
    assert "login failed: official from 10.0.5.1" in caplog.text


def test_a_success_clears_the_failures(cast):
    for _ in range(LIMIT - 1):
        attempt("official", "guess")
    assert logged_in(attempt("official", PASSWORD))
    for _ in range(LIMIT - 1):
        attempt("official", "guess")
    assert logged_in(attempt("official", PASSWORD))


def test_the_token_endpoint_is_under_the_same_lockout(cast):
    for _ in range(LIMIT):
        attempt("official", "guess")
    credentials = {"username": "official", "password": PASSWORD}
    response = Client().post(reverse("api:token"), credentials, REMOTE_ADDR="10.7.7.7")
    assert response.status_code == 429
    assert response.json()["code"] == "locked_out"


def test_the_office_sees_the_lock_and_lifts_it(cast):
    for _ in range(LIMIT):
        attempt("official", "guess", address="10.0.6.1")
    office = Browser(cast.office)
    page = office.get(reverse("lockouts")).content.decode()
    assert "official" in page and "10.0.6.1" in page
    unlock = {"kind": "username", "value": "official"}
    response = office.submit(reverse("unlock"), unlock, form_page=reverse("lockouts"))
    assert response.status_code == 302
    assert logged_in(attempt("official", PASSWORD, address="10.0.6.2"))


@pytest.mark.parametrize("role", ["committee", "leader", "official", "inspector", "assessor", "outsider"])
def test_only_the_office_may_see_or_lift_lockouts(cast, role):
    browser = Browser(cast.roles[role])
    assert browser.get(reverse("lockouts")).status_code == 403
    assert browser.submit(reverse("unlock"), {"kind": "username", "value": "official"}).status_code == 403


def test_someone_not_logged_in_is_sent_to_log_in_for_the_lockouts(cast):
    assert Client().get(reverse("lockouts")).status_code == 302
