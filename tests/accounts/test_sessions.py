"""A session ends after SESSION_IDLE_MINUTES without a request; SINGLE_SESSION: one login at a time."""

import datetime

import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.browser import Browser, messages
from tests.cast import PASSWORD


def log_in(username: str = "official") -> Browser:
    browser = Browser()
    response = browser.submit(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def test_thirty_idle_minutes_end_the_session(cast):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        browser = log_in()
        assert browser.get(reverse("workflow:my_tasks")).status_code == 200
        clock.move_to(start + datetime.timedelta(minutes=31))
        response = browser.get(reverse("workflow:my_tasks"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert messages(response) == ["长时间未操作，已自动退出，请重新登录。"]
    assert browser.get(reverse("workflow:my_tasks")).status_code == 302  # logged out for good


def test_activity_keeps_the_session(cast):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        browser = log_in()
        for minutes in (20, 40, 60, 80):
            clock.move_to(start + datetime.timedelta(minutes=minutes))
            assert browser.get(reverse("workflow:my_tasks")).status_code == 200


def test_the_idle_limit_is_a_setting(cast, settings):
    settings.SESSION_IDLE_MINUTES = 5
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        browser = log_in()
        browser.get(reverse("workflow:my_tasks"))
        clock.move_to(start + datetime.timedelta(minutes=6))
        assert browser.get(reverse("workflow:my_tasks")).status_code == 302


def test_the_api_answers_401_after_the_idle_limit(cast):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        browser = log_in()
        browser.get(reverse("workflow:my_tasks"))
        clock.move_to(start + datetime.timedelta(minutes=31))
        response = browser.get(reverse("api:tasks"))
    assert response.status_code == 401 and response.json()["code"] == "session_expired"


def test_with_single_session_a_new_login_ends_the_old_one(cast, settings):
    settings.SINGLE_SESSION = True
    first = log_in()
    second = log_in()
    assert second.get(reverse("workflow:my_tasks")).status_code == 200
    assert first.get(reverse("workflow:my_tasks")).status_code == 302


def test_without_single_session_two_logins_live_side_by_side(cast, settings):
    settings.SINGLE_SESSION = False
    first, second = log_in(), log_in()
    assert first.get(reverse("workflow:my_tasks")).status_code == 200
    assert second.get(reverse("workflow:my_tasks")).status_code == 200


def test_the_session_cookie_lives_no_longer_than_twice_the_idle_limit(cast):
    client = Client()
    client.post(reverse("login"), {"username": "official", "password": PASSWORD})
    assert client.cookies["sessionid"]["max-age"] == 2 * 30 * 60


def test_with_single_session_a_password_change_keeps_it_the_one(cast, settings):
    settings.SINGLE_SESSION = True
    first = log_in()
    data = {"old_password": PASSWORD, "new_password1": "Hx-2026-shifa", "new_password2": "Hx-2026-shifa"}
    assert first.submit(reverse("password_change"), data).status_code == 302  # a new session key
    second = Browser()
    second.submit(reverse("login"), {"username": "official", "password": "Hx-2026-shifa"})
    assert second.get(reverse("workflow:my_tasks")).status_code == 200
    assert first.get(reverse("workflow:my_tasks")).status_code == 302
