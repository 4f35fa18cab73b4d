"""API tokens (issue 17, F12): kept as digests, with an expiry, ended by a password change."""

import datetime
import importlib

from django.core.management import call_command
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests.api.conftest import token_client
from tests.api.helpers import url
from tests.browser import Browser
from tests.cast import PASSWORD


def sign_in(username="official", password=PASSWORD) -> dict:
    return APIClient().post(url("token"), {"username": username, "password": password}, format="json").json()


def client_with(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_the_database_keeps_no_token_in_clear(cast):
    token = sign_in()["token"]
    stored = AuthToken.objects.get(user=cast.official)
    assert token not in (stored.digest, stored.token_key) and len(stored.digest) == 128


def test_a_token_says_when_it_expires_and_stops_working_then(cast, settings):
    answer = sign_in()
    expiry = datetime.datetime.fromisoformat(answer["expiry"])
    assert datetime.timedelta(hours=23) < expiry - timezone.now() <= datetime.timedelta(hours=24)
    client = client_with(answer["token"])
    assert client.get(url("tasks")).status_code == 200
    AuthToken.objects.update(expiry=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get(url("tasks")).status_code == 401
    assert not AuthToken.objects.exists()


def test_a_password_changed_on_the_page_ends_every_token(cast):
    first, second = token_client(cast.official), token_client(cast.official)
    browser = Browser.log_in(cast.official)
    new = "Another-long-pass-42"
    response = browser.submit("/password/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert response.status_code == 302
    assert first.get(url("tasks")).status_code == 401
    assert second.get(url("tasks")).status_code == 401
    assert client_with(sign_in(password=new)["token"]).get(url("tasks")).status_code == 200


def test_a_password_set_by_the_office_ends_every_token(cast):
    client = token_client(cast.official)
    cast.official.set_password("Reset-by-office-7")
    cast.official.save()
    assert client.get(url("tasks")).status_code == 401


def test_saving_a_user_without_a_new_password_keeps_the_tokens(cast):
    client = token_client(cast.official)
    cast.official.full_name = "赵所长（新）"
    cast.official.save()
    assert client.get(url("tasks")).status_code == 200


def test_an_account_keeps_at_most_its_quota_of_tokens(cast, settings):
    settings.REST_KNOX = {**settings.REST_KNOX, "TOKEN_LIMIT_PER_USER": 2}
    tokens = [sign_in()["token"] for _ in range(3)]
    assert AuthToken.objects.filter(user=cast.official).count() == 2
    assert client_with(tokens[0]).get(url("tasks")).status_code == 401
    assert client_with(tokens[2]).get(url("tasks")).status_code == 200


def test_expired_tokens_are_cleared_by_command(cast):
    token_client(cast.official)
    token_client(cast.office)
    AuthToken.objects.filter(user=cast.official).update(expiry=timezone.now() - datetime.timedelta(hours=1))
    call_command("clear_expired_tokens", stdout=__import__("io").StringIO())
    assert list(AuthToken.objects.values_list("user", flat=True)) == [cast.office.pk]


def test_a_token_from_before_knox_keeps_working_as_a_digest(cast):
    from django.apps import apps
    from rest_framework.authtoken.models import Token

    migration = importlib.import_module("api.migrations.0002_tokens_to_knox")
    old = Token.objects.create(user=cast.official).key
    migration.forwards(apps, None)
    assert not Token.objects.exists()
    stored = AuthToken.objects.get(user=cast.official)
    assert old not in (stored.digest, stored.token_key) and stored.expiry is not None
    assert client_with(old).get(url("tasks")).status_code == 200
