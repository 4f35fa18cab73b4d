"""The password-change page (修改密码), and the one-time password's forced change at first login."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from responsibility.accounts import create_account, normal_phone, one_time_password
from tests.browser import Browser, field_errors, messages, url
from tests.cast import PASSWORD

NEW = "Hx-2026-shifa"


@pytest.fixture
def newcomer(cast):
    """A person the office has just created, with his one-time password."""
    return create_account("郑干事", "13900000007", "zheng@example.cn", cast.street)


def log_in(person, password: str) -> Browser:
    browser = Browser()
    response = browser.submit(reverse("login"), {"username": person.username, "password": password})
    assert response.status_code == 302, "login refused"
    browser.user = person
    return browser


def change(browser: Browser, old: str, new: str, *, follow: bool = True):
    data = {"old_password": old, "new_password1": new, "new_password2": new}
    return browser.submit(reverse("password_change"), data, follow=follow)


def test_a_one_time_password_logs_in_to_the_change_page_first(cast, newcomer):
    person, password = newcomer
    browser = log_in(person, password)

    response = browser.get(url("home"), follow=True)

    assert response.redirect_chain == [(reverse("password_change"), 302)]
    assert messages(response) == ["请先修改初始密码。"]
    assert "您正在使用党政办提供的初始密码" in response.content.decode()


@pytest.mark.parametrize("page", ["my_tasks", "items", "notifications", "posts"])
def test_every_page_sends_him_to_the_change_page_until_he_changes(cast, newcomer, page):
    person, password = newcomer
    response = log_in(person, password).get(url(page))
    assert response.status_code == 302 and response["Location"] == reverse("password_change")


def test_a_form_posted_before_the_change_is_not_taken(cast, newcomer):
    person, password = newcomer
    browser = log_in(person, password)
    response = browser.submit(url("org_person_new", cast.street.pk), {"full_name": "甲", "phone": "13900000008"})
    assert response.status_code == 302 and response["Location"] == reverse("password_change")


def test_the_api_refuses_him_until_he_changes(cast, newcomer):
    person, password = newcomer
    browser = log_in(person, password)
    response = browser.get("/api/tasks/")
    assert response.status_code == 403
    assert response.json() == {"detail": "请先修改初始密码。", "code": "password_change_required"}
    token = Client().post("/api/token/", {"username": person.username, "password": password})
    assert token.status_code == 403 and token.json()["code"] == "password_change_required"


def test_he_may_log_out_and_switch_language_before_changing(cast, newcomer):
    person, password = newcomer
    browser = log_in(person, password)
    assert browser.submit(reverse("set_language"), {"language": "en", "next": "/"}).status_code == 302
    response = browser.submit(reverse("logout"), form_page=reverse("password_change"))
    assert response.status_code == 302 and response["Location"] == reverse("login")


def test_after_the_change_the_pages_open_as_usual(cast, newcomer):
    person, password = newcomer
    browser = log_in(person, password)

    response = change(browser, password, NEW)

    assert response.redirect_chain[-1][0] == url("home")
    assert messages(response) == ["密码已修改。"]
    person.refresh_from_db()
    assert not person.must_change_password and person.check_password(NEW)
    assert browser.get(url("my_tasks")).status_code == 200
    log_in(person, NEW)  # and the new password is his from now on


def test_the_new_password_must_differ_from_the_one_time_password(cast, newcomer):
    person, password = newcomer
    response = change(log_in(person, password), password, password, follow=False)
    assert "不能与最近 5 次使用过的密码相同。" in field_errors(response, "new_password2")
    person.refresh_from_db()
    assert person.must_change_password


def test_the_settings_rules_on_passwords_apply(cast, newcomer):
    person, password = newcomer
    response = change(log_in(person, password), password, "abc12", follow=False)
    assert field_errors(response, "new_password2") == [
        "密码长度太短。密码必须包含至少 8 个字符。",
        "密码须包含小写字母、大写字母、数字、符号四类中的至少 3 类。",
    ]
    response = change(log_in(person, password), password, "Password123", follow=False)
    assert field_errors(response, "new_password2") == ["这个密码太常见了。"]


def test_everyone_may_change_his_password(cast):
    browser = log_in(cast.official, PASSWORD)
    assert browser.get(reverse("password_change")).status_code == 200
    response = change(browser, PASSWORD, NEW)
    assert messages(response) == ["密码已修改。"]
    assert browser.get(url("my_tasks")).status_code == 200  # still logged in
    log_in(cast.official, NEW)
    refused = Browser().submit(reverse("login"), {"username": "official", "password": PASSWORD})
    assert refused.status_code == 200


def test_a_wrong_old_password_is_refused(cast):
    response = change(log_in(cast.official, PASSWORD), "not-the-password", NEW, follow=False)
    assert field_errors(response, "old_password") == ["你的旧密码不正确。请重新输入。"]


def test_the_header_offers_the_change_page(cast):
    assert reverse("password_change") in Browser(cast.official).get(url("home")).content.decode()


def test_someone_not_logged_in_is_sent_to_log_in(cast):
    response = Browser().get(reverse("password_change"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_reset_password_is_changed_at_the_next_login_and_revokes_the_api_token(cast):
    token = Client().post("/api/token/", {"username": "official", "password": PASSWORD}).json()["token"]
    response = Browser(cast.office).submit(
        url("org_person_reset_password", cast.official.pk), form_page=url("org_person", cast.official.pk)
    )
    password = response.content.decode().split("<code>")[1].split("</code>")[0]

    assert Client().get("/api/tasks/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 401
    browser = log_in(cast.official, password)
    assert browser.get(url("home"))["Location"] == reverse("password_change")


def test_one_time_passwords_mix_letters_and_digits_and_differ():
    passwords = {one_time_password() for _ in range(50)}
    assert len(passwords) == 50
    assert all(len(p) == 10 and any(c.isdigit() for c in p) and any(c.isalpha() for c in p) for p in passwords)


@pytest.mark.parametrize(
    "text", ["13900000007", "139 0000 0007", "139-0000-0007", "+86 139 0000 0007", "8613900000007"]
)
def test_mobile_numbers_are_stored_as_eleven_digits(text):
    assert normal_phone(text) == "13900000007"


def test_a_one_time_password_is_stored_cheaply_and_again_as_usual_at_first_login(cast, settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "config.passwords.OneTimePasswordHasher",
    ]
    person, password = create_account("郑干事", "13900000007", "", cast.street)
    assert person.password.startswith("pbkdf2_sha256_once$20000$")

    log_in(person, password)

    person.refresh_from_db()
    assert person.password.startswith("md5$") and person.must_change_password
