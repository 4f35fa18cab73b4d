import pytest
from knox.models import AuthToken
from rest_framework.test import APIClient

from responsibility.models import Post, Unit
from tests.cast import person
from tests.workflow.drive import do_each
from tests.workflow.test_units import two_unit_item


@pytest.fixture(autouse=True)
def fresh_throttles():
    """Throttle counts live in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def media(settings, tmp_path):
    """Evidence files land in a fresh folder per test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def token_client(user) -> APIClient:
    """A mobile client: the user's token on every request, no session, no cookies."""
    client = APIClient()
    # No expiry: tests travel years ahead (test_token_safety checks the expiry of real sign-ins).
    _instance, token = AuthToken.objects.create(user=user, expiry=None)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


@pytest.fixture
def api(cast):
    """api("official") is that cast member's token client."""
    return lambda role: token_client(cast.roles[role])


@pytest.fixture
def units_item(cast):
    """An item led by 司法所 (official), 兴科社区 (official2) responsible, 综治办 (official3, a new
    unit's post) cooperating; both working units have accepted, the 会办 is open."""
    third = Unit.objects.create(name="综治办", parent=cast.street)
    Post.objects.create(unit=third, title="综治办主任", role=Post.Role.OFFICIAL, holder=person("official3", "冯主任"))
    item = two_unit_item(cast, cooperating_units=[third.pk])
    do_each(item, "accept", decision="accept")
    return item
