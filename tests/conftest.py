import os
import shutil

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.utils import translation

from assessment.access import ensure_assessment_rights
from responsibility.permissions import ensure_role_groups
from tests.cast import build_cast

IN_CI = os.environ.get("CI") == "true"


@pytest.fixture(autouse=True)
def site_language():
    """Each test starts in Chinese: a request in English leaves its language active in the thread."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """The cast has eight people; the production hasher would spend seconds per test on them."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def cast(db):
    ensure_role_groups()
    ensure_assessment_rights()
    return build_cast()


@pytest.fixture
def cast_committed(transactional_db):
    """The cast in committed rows, for tests where other connections or processes must see them."""
    ensure_role_groups()
    ensure_assessment_rights()
    return build_cast()


def _unavailable(reason: str):
    if IN_CI:
        pytest.fail(f"CI=true and {reason}: this test must run in CI, not be skipped")
    pytest.skip(reason)


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        _unavailable("PostgreSQL is not configured (DATABASE_URL)")
    if item.get_closest_marker("gettext"):
        missing = [tool for tool in ("xgettext", "msgmerge", "msgfmt") if shutil.which(tool) is None]
        if missing:
            _unavailable(f"GNU gettext tools are not installed: {', '.join(missing)}")
    if item.get_closest_marker("redis") and not os.environ.get("LUOSHI_TEST_REDIS_URL"):
        _unavailable("Redis is not configured (LUOSHI_TEST_REDIS_URL)")
