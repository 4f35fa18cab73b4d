import pytest

from tests.browser import Browser


@pytest.fixture
def media(settings, tmp_path):
    """Evidence files land in a fresh folder per test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def browsers(cast):
    return {role: Browser(person) for role, person in cast.roles.items()}
