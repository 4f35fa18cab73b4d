"""schemathesis sends what the OpenAPI document allows (and a little it does not) to every endpoint,
in-process through the WSGI app on the test database, as a logged-in official with an item at each
of his steps: no request may end in a server error.
"""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.utils.encoders import JSONEncoder
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from config.wsgi import application
from responsibility.models import Evidence
from tests.api.conftest import token_client
from tests.api.helpers import pdf, report_data
from tests.workflow.drive import deploy_data, do, item_at
from workflow import services


def load_schema():
    """The document /api/schema/ serves, generated in-process (the test database is not there yet)."""
    document = SchemaGenerator().get_schema(request=None, public=True)
    loaded = schemathesis.openapi.from_dict(json.loads(json.dumps(document, cls=JSONEncoder)))
    loaded.app = application  # requests go to the WSGI app, not over the network
    return loaded


schema = load_schema()


@pytest.fixture
def scene(cast, media):
    """An item at each of the official's steps and one waiting for the inspector; a report with a
    file and a notice. The ids in paths point at them, so that bodies reach the code behind the 404:
    the rectification at the returned item, the contribution at one his unit cooperates on, every
    other item path at the one waiting for a report."""
    for step in ["accept", "verify"]:
        item_at(cast, step)
    returned = item_at(cast, "rectify")
    cooperated = item_at(cast, "deploy")
    led_by_the_community = {"lead_unit": cast.community.pk, "responsible_units": [cast.community.pk]}
    led_by_the_community["responsible_post"] = cast.posts["official2"].pk
    data = deploy_data(cast, cooperated, cooperating_units=[cast.justice.pk], **led_by_the_community)
    do(cast.office, cooperated, "deploy", **data)
    item = item_at(cast, "work")
    do(cast.official, item, "work", files={"evidence": [pdf()]}, **report_data(action="report"))
    [notice] = services.urge(item, cast.inspector, "请尽快报送")
    return {
        "items/{id}/rectification": returned.pk,
        "items/{id}/contribution": cooperated.pk,
        "item": item.pk,
        "evidence": Evidence.objects.get().pk,
        "notification": notice.pk,
    }


@pytest.fixture
def auth(cast, scene, settings):
    """The official's token."""
    settings.ALLOWED_HOSTS = ["*"]
    token = token_client(cast.official)._credentials["HTTP_AUTHORIZATION"]
    # Django's test client keeps the test's connection (and its transaction) across requests; a bare
    # WSGI call would close it at the end of each request, as a server does.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield {"Authorization": token}
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_request_ends_in_a_server_error(case, auth, scene):
    if case.path_parameters:
        kind = next(name for name in scene if case.path.startswith(f"/api/{name}"))
        case.path_parameters["id"] = scene[kind]
    case.call_and_validate(headers=auth, checks=[not_a_server_error, response_schema_conformance])
