"""Who the API knows: a token from POST /api/token/, or the site's session with its CSRF token."""

from django.test import Client
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests.api.helpers import url
from tests.cast import PASSWORD
from tests.workflow.drive import item_at


def test_a_user_gets_a_token_for_username_and_password(cast):
    response = APIClient().post(url("token"), {"username": "official", "password": PASSWORD}, format="json")

    assert response.status_code == 200
    assert AuthToken.objects.get(user=cast.official).token_key == response.json()["token"][:15]
    assert response.json()["user"] == {"id": cast.official.pk, "username": "official", "name": "赵所长"}


def test_asking_again_gives_a_second_token_and_both_work(cast):
    first = APIClient().post(url("token"), {"username": "official", "password": PASSWORD}, format="json")
    second = APIClient().post(url("token"), {"username": "official", "password": PASSWORD}, format="json")

    assert first.json()["token"] != second.json()["token"]
    for answer in (first, second):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {answer.json()['token']}")
        assert client.get(url("tasks")).status_code == 200


def test_a_wrong_password_is_refused_in_chinese(cast):
    response = APIClient().post(url("token"), {"username": "official", "password": "nope"}, format="json")

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["fields"]["non_field_errors"] == ["无法使用提供的认证信息登录。"]
    assert not AuthToken.objects.exists()


def test_an_inactive_user_gets_no_token(cast):
    cast.official.is_active = False
    cast.official.save()

    response = APIClient().post(url("token"), {"username": "official", "password": PASSWORD}, format="json")

    assert response.status_code == 400


def test_the_token_authenticates_requests(cast, api):
    assert api("official").get(url("tasks")).status_code == 200


def test_a_request_without_credentials_is_401_in_chinese(cast):
    response = APIClient().get(url("tasks"))

    assert response.status_code == 401
    assert response.json() == {"detail": "身份认证信息未提供。", "code": "not_authenticated"}
    assert response["WWW-Authenticate"].startswith("Token")


def test_a_wrong_token_is_401(cast):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef")

    assert client.get(url("tasks")).status_code == 401


def test_a_deactivated_users_token_stops_working(cast, api):
    client = api("official")
    cast.official.is_active = False
    cast.official.save()

    assert client.get(url("tasks")).status_code == 401


def test_errors_follow_accept_language(cast):
    response = APIClient().get(url("tasks"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert response.json()["detail"] == "Authentication credentials were not provided."
    assert response["Content-Language"] == "en"


def test_errors_are_chinese_for_a_language_we_do_not_speak(cast):
    response = APIClient().get(url("tasks"), HTTP_ACCEPT_LANGUAGE="fr")

    assert response.json()["detail"] == "身份认证信息未提供。"


def test_the_language_cookie_wins_over_accept_language(cast, settings):
    client = APIClient()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"

    response = client.get(url("tasks"), HTTP_ACCEPT_LANGUAGE="en")

    assert response.json()["detail"] == "身份认证信息未提供。"


def test_the_sites_session_authenticates_reads(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.official)

    assert client.get(url("tasks")).status_code == 200


def test_a_session_post_without_the_csrf_token_is_refused(cast, media):
    item = item_at(cast, "work")
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.official)

    response = client.post(url("report", item.pk), {"percent_done": 50, "narrative": "进展"})

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not item.reports.exists()


def test_a_session_post_with_the_csrf_token_is_accepted(cast, media):
    item = item_at(cast, "work")
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.official)
    client.get("/login/")  # any page with a form sets the csrftoken cookie
    token = client.cookies["csrftoken"].value

    response = client.post(url("report", item.pk), {"percent_done": 50, "narrative": "进展"}, HTTP_X_CSRFTOKEN=token)

    assert response.status_code == 201, response.json()
    assert item.reports.get().percent_done == 50


def test_password_guessing_is_stopped(cast):
    from rest_framework.test import APIClient

    client = APIClient()
    answers = [client.post("/api/token/", {"username": "official", "password": "guess"}).status_code for _ in range(5)]
    # The fifth failure reaches the lockout (LOGIN_FAILURE_LIMIT, as on /login/); tests/accounts has the throttle.
    assert answers == [400] * 4 + [429]
    refused = client.post("/api/token/", {"username": "official", "password": "guess"})
    assert refused.json()["code"] == "locked_out" and int(refused["Retry-After"]) == 30 * 60


def test_a_revoked_token_stops_working_and_a_new_one_can_be_had(cast):
    from rest_framework.test import APIClient

    from tests.api.conftest import token_client
    from tests.cast import PASSWORD

    client = token_client(cast.official)
    old = client._credentials["HTTP_AUTHORIZATION"].removeprefix("Token ")
    assert client.get("/api/tasks/").status_code == 200
    assert client.post("/api/token/revoke/").status_code == 204
    assert client.get("/api/tasks/").status_code == 401
    fresh = APIClient().post("/api/token/", {"username": "official", "password": PASSWORD}).json()["token"]
    assert fresh != old
    assert APIClient().post("/api/token/revoke/").status_code == 401
