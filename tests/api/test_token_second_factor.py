"""POST /api/token/ does not go round the second factor: an enrolled account sends its current code
(``otp``), a wrong one is a failed login counted toward the lockout, and an account that must enrol
and has not gets no token."""

import datetime
import logging

import pytest
import time_machine
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests.accounts.test_second_factor import code, enrol, other_than
from tests.api.helpers import url
from tests.browser import Browser
from tests.cast import PASSWORD

LIMIT = 5


@pytest.fixture
def device(cast) -> TOTPDevice:
    return TOTPDevice.objects.create(user=cast.official, name="phone", confirmed=True)


def sign_in(username="official", address="10.0.0.1", **extra):
    body = {"username": username, "password": PASSWORD, **extra}
    return APIClient().post(url("token"), body, format="json", REMOTE_ADDR=address)


def test_an_enrolled_account_gets_its_token_with_the_current_code(cast, device):
    response = sign_in(otp=code(device))
    assert response.status_code == 200 and response.json()["token"]
    assert AuthToken.objects.filter(user=cast.official).count() == 1


def test_without_the_code_the_password_alone_gets_no_token(cast, device):
    response = sign_in()
    assert response.status_code == 400
    assert response.json() == {
        "detail": "此账号已开启两步验证，请在 otp 中一并提交验证器应用显示的 6 位验证码。",
        "code": "otp_required",
    }
    assert not AuthToken.objects.exists()
    assert not AccessAttempt.objects.exists()  # the password was right: not a failed login


def test_a_wrong_code_is_refused_and_logged_as_a_failed_login(cast, device, caplog):
    with caplog.at_level(logging.WARNING, logger="luoshi.login"):
        response = sign_in(otp=other_than(code(device)), address="10.0.3.3")
    assert response.status_code == 400
    assert response.json() == {"detail": "验证码不正确或已过期，请重新输入。", "code": "otp_invalid"}
    assert not AuthToken.objects.exists()
    assert "login failed: official from 10.0.3.3" in caplog.text
    assert AccessAttempt.objects.get(username="official").failures_since_start == 1


def test_a_code_once_used_does_not_open_a_second_token(cast, device):
    right = code(device)
    assert sign_in(otp=right).status_code == 200
    assert sign_in(otp=right).json()["code"] == "otp_invalid"


def test_wrong_codes_lock_the_account_out_like_wrong_passwords(cast, device):
    statuses = [sign_in(otp=other_than(code(device)), address=f"10.0.4.{n}").status_code for n in range(LIMIT)]
    assert statuses == [400] * (LIMIT - 1) + [429]
    # A minute on, past django-otp's own pause after failures: the right code is still refused.
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=60), tick=False):
        refused = sign_in(otp=code(device), address="10.0.4.99")
    assert refused.status_code == 429 and refused.json()["code"] == "locked_out"


def test_the_page_login_and_the_token_share_one_count(cast, device):
    for _ in range(LIMIT - 1):
        Client().post("/login/", {"username": "official", "password": "guess"}, REMOTE_ADDR="10.0.5.1")
    assert sign_in(otp=other_than(code(device)), address="10.0.5.2").status_code == 429


@pytest.mark.parametrize("role", ["office", "committee"])
def test_an_account_the_organisation_requires_to_enrol_gets_no_token_until_it_has(cast, role):
    cast.street.second_factor_required = True
    cast.street.save(update_fields=["second_factor_required"])
    response = sign_in(role)
    assert response.status_code == 403
    assert response.json() == {
        "detail": "您的账号须先开启两步验证：请登录网页按提示开启，再取得令牌。",
        "code": "second_factor_enrolment_required",
    }
    assert not AuthToken.objects.exists()


def test_the_requirement_leaves_other_roles_their_password_sign_in(cast):
    cast.street.second_factor_required = True
    cast.street.save(update_fields=["second_factor_required"])
    assert sign_in("official").status_code == 200


def test_the_environment_floor_requires_enrolment_everywhere(cast, settings):
    settings.SECOND_FACTOR_REQUIRED = True
    assert sign_in("committee").json()["code"] == "second_factor_enrolment_required"
    assert sign_in("official").status_code == 200


def test_enrolling_ends_the_tokens_given_for_the_password_alone(cast):
    token = sign_in().json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get(url("tasks")).status_code == 200
    enrol(Browser(cast.official), cast.official)
    assert client.get(url("tasks")).status_code == 401


# --- tokens given before the requirement ---------------------------------------------------------

STOPPED = {
    "detail": "您的账号须开启两步验证，此前取得的令牌已停用：请登录网页按提示开启两步验证，再重新取得令牌。",
    "code": "second_factor_enrolment_required",
}


def token_of(username: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {sign_in(username).json()['token']}")
    return client


@pytest.mark.parametrize("role", ["office", "committee"])
def test_a_token_given_before_the_organisation_required_the_second_factor_stops_at_once(cast, role):
    client = token_of(role)
    assert client.get(url("tasks")).status_code == 200
    require(cast.street)
    response = client.get(url("tasks"))
    assert response.status_code == 403
    assert response.json() == STOPPED
    assert client.post(url("items"), {}, format="json").json() == STOPPED


def test_enrolling_ends_the_stopped_token_and_a_new_one_needs_the_code(cast):
    client = token_of("office")
    require(cast.street)
    device = enrol(Browser.log_in(cast.office), cast.office)
    assert client.get(url("tasks")).status_code == 401  # gone with the enrolment
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=31), tick=False):  # the next code
        assert token_of_with_code(device).get(url("tasks")).status_code == 200


def token_of_with_code(device) -> APIClient:
    client = APIClient()
    answer = sign_in(device.user.username, otp=code(device)).json()
    client.credentials(HTTP_AUTHORIZATION=f"Token {answer['token']}")
    return client


def test_the_floor_of_the_deployment_stops_the_tokens_too(cast, settings):
    client = token_of("committee")
    settings.SECOND_FACTOR_REQUIRED = True
    assert client.get(url("tasks")).json() == STOPPED


def test_the_requirement_leaves_other_roles_tokens_and_enrolled_holders_tokens_working(cast):
    official = token_of("official")
    TOTPDevice.objects.create(user=cast.office, name="phone", confirmed=True)
    office = token_of_with_code(TOTPDevice.objects.get(user=cast.office))
    require(cast.street)
    assert official.get(url("tasks")).status_code == 200
    assert office.get(url("tasks")).status_code == 200


def test_another_organisations_requirement_leaves_this_offices_token_working(cast):
    client = token_of("office")
    require(other_organisation())
    assert client.get(url("tasks")).status_code == 200


def other_organisation():
    from responsibility.models import Unit

    return Unit.objects.create(name="双凤桥街道", kind=Unit.Kind.ORGANISATION)


def require(organisation) -> None:
    organisation.second_factor_required = True
    organisation.save(update_fields=["second_factor_required"])
