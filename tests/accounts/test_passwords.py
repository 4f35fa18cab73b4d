"""Password rules to 等保 level: three character classes, none of the last five again, optional expiry."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import PasswordHistory
from tests.browser import Browser, field_errors, messages
from tests.cast import PASSWORD


def change(browser: Browser, old: str, new: str, *, follow: bool = False):
    data = {"old_password": old, "new_password1": new, "new_password2": new}
    return browser.submit(reverse("password_change"), data, follow=follow)


def log_in(username: str, password: str) -> Browser:
    browser = Browser()
    response = browser.submit(reverse("login"), {"username": username, "password": password})
    assert response.status_code == 302
    return browser


@pytest.mark.parametrize("weak", ["alllowercase", "ALLUPPER123", "lower-and-symbols"])
def test_a_password_of_fewer_than_three_classes_is_refused(cast, weak):
    errors = field_errors(change(Browser(cast.official), PASSWORD, weak), "new_password2")
    assert "密码须包含小写字母、大写字母、数字、符号四类中的至少 3 类。" in errors


def test_none_of_the_last_five_passwords_may_come_back(cast):
    browser = Browser(cast.official)
    passwords = [PASSWORD, *[f"Hx-2026-shifa{n}" for n in range(6)]]
    for old, new in zip(passwords, passwords[1:], strict=False):
        assert change(browser, old, new).status_code == 302
    current = passwords[-1]
    for used in passwords[2:-1]:
        errors = field_errors(change(browser, current, used), "new_password2")
        assert errors == ["不能与最近 5 次使用过的密码相同。"], used
    # Only hashes are kept, and only the last five.
    kept = list(PasswordHistory.objects.filter(person=cast.official).values_list("password", flat=True))
    assert len(kept) == 5 and not any(p in k for p in passwords for k in kept)
    assert change(browser, current, passwords[1]).status_code == 302  # the sixth back is allowed again


def test_an_expired_password_must_be_changed_before_anything_else(cast, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 90
    PasswordHistory.objects.create(person=cast.official, password=cast.official.password)
    PasswordHistory.objects.update(set_at=timezone.now() - datetime.timedelta(days=91))
    browser = log_in("official", PASSWORD)
    response = browser.get(reverse("workflow:my_tasks"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("password_change")
    assert messages(response) == ["密码已超过 90 天未修改，请先修改密码。"]
    assert change(browser, PASSWORD, "Hx-2026-shifa", follow=True).status_code == 200
    assert browser.get(reverse("workflow:my_tasks")).status_code == 200


def test_a_recent_password_does_not_expire(cast, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 90
    PasswordHistory.objects.create(person=cast.official, password=cast.official.password)
    assert log_in("official", PASSWORD).get(reverse("workflow:my_tasks")).status_code == 200


def test_without_an_expiry_an_old_password_is_kept(cast, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 0
    PasswordHistory.objects.create(person=cast.official, password=cast.official.password)
    PasswordHistory.objects.update(set_at=timezone.now() - datetime.timedelta(days=900))
    assert log_in("official", PASSWORD).get(reverse("workflow:my_tasks")).status_code == 200
