"""The OpenAPI document validates, documents every endpoint, and its docs page needs no CDN."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client

from tests.api.helpers import url


def test_the_schema_validates_without_warnings(tmp_path):
    # --fail-on-warn: an endpoint whose request or response could not be described fails here.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))


def logged_in(cast) -> Client:
    client = Client()
    client.force_login(cast.official)
    return client


@pytest.fixture
def schema(cast):
    response = logged_in(cast).get(url("schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def test_every_endpoint_is_documented(schema):
    operations = {(path, method) for path, methods in schema["paths"].items() for method in methods}

    assert operations == {
        ("/api/token/", "post"),
        ("/api/token/revoke/", "post"),
        ("/api/tasks/", "get"),
        ("/api/items/", "get"),
        ("/api/items/{id}/", "get"),
        ("/api/items/{id}/reports/", "post"),
        ("/api/items/{id}/claim/", "post"),
        ("/api/items/{id}/extension/", "post"),
        ("/api/items/{id}/rectification/", "post"),
        ("/api/items/{id}/contribution/", "post"),
        ("/api/items/{id}/transfer/", "post"),
        ("/api/items/{id}/instructions/", "get"),
        ("/api/items/{id}/instructions/", "post"),
        ("/api/items/{id}/events/{event_pk}/read/", "post"),
        ("/api/evidence/{id}/", "get"),
        ("/api/notifications/", "get"),
        ("/api/notifications/unread-count/", "get"),
        ("/api/notifications/read-all/", "post"),
        ("/api/notifications/{id}/read/", "post"),
    }
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            assert operation.get("summary"), (path, method)
            assert {"200", "201", "204"} & set(operation["responses"]), (path, method)


def test_the_report_is_documented_as_multipart_with_files(schema):
    body = schema["paths"]["/api/items/{id}/reports/"]["post"]["requestBody"]["content"]
    fields = schema["components"]["schemas"]["ReportInputRequest"]

    assert list(body) == ["multipart/form-data"]
    assert fields["properties"]["evidence"]["items"]["format"] == "binary"
    assert set(fields["required"]) == {"percent_done", "narrative"}


def test_the_rectification_is_documented_as_multipart_with_files(schema):
    body = schema["paths"]["/api/items/{id}/rectification/"]["post"]["requestBody"]["content"]
    fields = schema["components"]["schemas"]["RectificationInputRequest"]

    assert list(body) == ["multipart/form-data"]
    assert fields["properties"]["evidence"]["items"]["format"] == "binary"
    assert fields["required"] == ["narrative"]


def test_the_contribution_is_documented_as_multipart_with_files(schema):
    operation = schema["paths"]["/api/items/{id}/contribution/"]["post"]
    fields = schema["components"]["schemas"]["ContributionInputRequest"]

    assert list(operation["requestBody"]["content"]) == ["multipart/form-data"]
    assert fields["properties"]["evidence"]["items"]["format"] == "binary"
    assert fields["required"] == ["narrative"]
    assert {"201", "400", "403", "404", "409", "413"} <= set(operation["responses"])


def test_the_extension_is_documented_as_json_or_a_form(schema):
    operation = schema["paths"]["/api/items/{id}/extension/"]["post"]
    fields = schema["components"]["schemas"]["ExtensionInputRequest"]

    assert "application/json" in operation["requestBody"]["content"]
    assert fields["properties"]["new_deadline"]["format"] == "date"
    assert set(fields["required"]) == {"new_deadline", "narrative"}
    assert {"201", "400", "403", "404", "409"} <= set(operation["responses"])


def test_the_item_list_documents_the_pages_filters(schema):
    parameters = {p["name"] for p in schema["paths"]["/api/items/"]["get"]["parameters"]}

    assert {"q", "plan", "status", "rag", "mine", "overdue", "page", "page_size"} <= parameters


def test_every_post_declares_the_idempotency_key_header_and_no_get_does(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            headers = [p for p in operation.get("parameters", []) if p["in"] == "header"]
            keys = [p for p in headers if p["name"] == "Idempotency-Key"]
            if method == "post":
                assert len(keys) == 1, path
                assert not keys[0].get("required") and keys[0]["schema"]["type"] == "string"
                assert "Idempotent-Replayed" in keys[0]["description"]
            else:
                assert keys == [], (path, method)


def test_the_token_request_documents_the_second_factor_code(schema):
    fields = schema["components"]["schemas"]["TokenRequestRequest"]
    description = schema["paths"]["/api/token/"]["post"]["description"]

    assert "otp" in fields["properties"] and "otp" not in fields["required"]
    assert "otp_required" in description and "second_factor_enrolment_required" in description


def test_token_and_session_are_documented(schema):
    schemes = schema["components"]["securitySchemes"]

    assert schemes["tokenAuth"]["type"] == "apiKey" and schemes["tokenAuth"]["name"] == "Authorization"
    assert schemes["cookieAuth"]["type"] == "apiKey"


def test_the_docs_page_loads_its_assets_from_our_static_files(cast):
    client = logged_in(cast)
    page = client.get(url("docs")).content.decode()

    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    # The split view's start-up script is served by the page's own URL (no inline script, for the CSP).
    assets = [a for a in assets if not a.startswith(url("docs"))]
    assert any("swagger-ui" in a for a in assets)
    assert all(a.startswith("/static/") for a in assets), assets
    assert "cdn" not in page.lower()
    for asset in assets:
        assert finders.find(asset.removeprefix("/static/").split("?")[0]), asset
