"""The optional second factor (TOTP): enrol with a QR code, then a code at every login; required of
the office, the committee and administrators when SECOND_FACTOR_REQUIRED is on."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from responsibility.models import Person, Post, Unit
from tests.browser import Browser, field_errors
from tests.cast import PASSWORD, person


def log_in(username: str) -> Browser:
    browser = Browser()
    response = browser.submit(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def other_than(right: str) -> str:
    return "000000" if right != "000000" else "111111"


def enrol(browser: Browser, person) -> TOTPDevice:
    page = browser.get(reverse("second_factor_setup")).content.decode()
    assert "<svg" in page  # the QR code, drawn in the page (no image from elsewhere)
    device = TOTPDevice.objects.get(user=person, confirmed=False)
    response = browser.submit(reverse("second_factor_setup"), {"token": code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_anyone_may_enrol_and_is_then_asked_for_a_code_at_login(cast):
    device = enrol(log_in("official"), cast.official)
    browser = log_in("official")
    response = browser.get(reverse("workflow:my_tasks"))
    assert response.status_code == 302 and response["Location"] == reverse("second_factor_verify")
    wrong = browser.submit(reverse("second_factor_verify"), {"token": other_than(code(device))})
    assert field_errors(wrong, "token") == ["验证码不正确或已过期，请重新输入。"]
    # A minute on: past django-otp's pause after a failure, and a new code (the enrolment's is spent).
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=60), tick=False):
        assert browser.submit(reverse("second_factor_verify"), {"token": code(device)}).status_code == 302
        assert browser.get(reverse("workflow:my_tasks")).status_code == 200


def test_without_the_code_the_api_refuses_the_session_too(cast):
    enrol(log_in("official"), cast.official)
    response = log_in("official").get(reverse("api:tasks"))
    assert response.status_code == 403 and response.json()["code"] == "second_factor_required"


@pytest.mark.parametrize("role", ["office", "committee"])
def test_when_required_the_office_and_committee_must_enrol_first(cast, settings, role):
    settings.SECOND_FACTOR_REQUIRED = True
    browser = log_in(role)
    first = browser.get(reverse("workflow:my_tasks"), follow=True)
    assert first.redirect_chain[-1][0] == reverse("second_factor_setup")
    enrol(browser, cast.roles[role])
    assert browser.get(reverse("workflow:my_tasks")).status_code == 200


@pytest.mark.parametrize("role", ["official", "inspector", "assessor", "leader"])
def test_when_required_other_roles_are_not_asked(cast, settings, role):
    settings.SECOND_FACTOR_REQUIRED = True
    assert log_in(role).get(reverse("workflow:my_tasks")).status_code == 200


def test_when_not_required_nobody_unenrolled_is_asked(cast, settings):
    settings.SECOND_FACTOR_REQUIRED = False
    assert log_in("office").get(reverse("workflow:my_tasks")).status_code == 200


def test_a_wrong_code_does_not_enrol(cast):
    browser = log_in("official")
    browser.get(reverse("second_factor_setup"))
    device = TOTPDevice.objects.get(user=cast.official)
    response = browser.submit(reverse("second_factor_setup"), {"token": other_than(code(device))})
    assert field_errors(response, "token") == ["验证码不正确或已过期，请重新输入。"]
    device.refresh_from_db()
    assert not device.confirmed


def test_the_password_page_offers_enrolment(cast):
    page = Browser(cast.official).get(reverse("password_change")).content.decode()
    assert reverse("second_factor_setup") in page


# --- required by the organisation (组织机构 → 登录安全) ---------------------------------------------------


def other_organisation_office():
    other = Unit.objects.create(name="双凤桥街道", kind=Unit.Kind.ORGANISATION)
    office = Unit.objects.create(name="党政办", parent=other)
    clerk = person("clerk", "郑干事")
    Post.objects.create(unit=office, title="干事", role=Post.Role.OFFICE, holder=clerk)
    return clerk


def require(organisation) -> None:
    organisation.second_factor_required = True
    organisation.save(update_fields=["second_factor_required"])


@pytest.mark.parametrize("role", ["office", "committee"])
def test_when_the_organisation_requires_it_its_office_and_committee_enrol_at_next_login(cast, role):
    require(cast.street)
    browser = log_in(role)
    first = browser.get(reverse("workflow:my_tasks"), follow=True)
    assert first.redirect_chain[-1][0] == reverse("second_factor_setup")
    enrol(browser, cast.roles[role])
    assert browser.get(reverse("workflow:my_tasks")).status_code == 200


@pytest.mark.parametrize("role", ["official", "inspector", "assessor", "leader"])
def test_when_the_organisation_requires_it_other_roles_are_not_asked(cast, role):
    require(cast.street)
    assert log_in(role).get(reverse("workflow:my_tasks")).status_code == 200


def test_another_organisations_requirement_does_not_reach_this_office(cast):
    other_organisation_office()
    require(Unit.objects.get(name="双凤桥街道"))
    assert log_in("office").get(reverse("workflow:my_tasks")).status_code == 200
    response = log_in("clerk").get(reverse("workflow:my_tasks"))
    assert response.status_code == 302 and response["Location"] == reverse("second_factor_verify")


def test_a_session_begun_before_the_requirement_is_asked_at_its_next_login(cast):
    browser = log_in("office")
    require(cast.street)
    assert browser.get(reverse("workflow:my_tasks")).status_code == 200  # the session's decision stands
    assert log_in("office").get(reverse("workflow:my_tasks")).status_code == 302


def test_a_superuser_must_enrol_when_any_organisation_requires_it(cast):
    Person.objects.create_superuser("root", "root@example.cn", PASSWORD)
    assert log_in("root").get(reverse("workflow:my_tasks")).status_code == 200
    require(cast.street)
    response = log_in("root").get(reverse("workflow:my_tasks"))
    assert response.status_code == 302 and response["Location"] == reverse("second_factor_verify")
