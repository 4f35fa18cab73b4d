import os
import shutil
import subprocess
from functools import cache

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.utils import translation

from assessment.access import ensure_assessment_rights
from responsibility.permissions import ensure_role_groups
from tests.cast import build_cast

IN_CI = os.environ.get("CI") == "true"
# Debian's Chromium, not one Playwright downloads (scripts/test installs it).
CHROMIUM = os.environ.get("LUOSHI_CHROMIUM", "/usr/bin/chromium")


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
    if item.get_closest_marker("browser") and (missing := _browser_missing()):
        _unavailable(missing)


@cache
def _browser_missing() -> str:
    if not os.access(CHROMIUM, os.X_OK):
        return f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    # Without a Chinese font every character in the screenshots is a box.
    fc_list = shutil.which("fc-list")
    fonts = fc_list and subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, check=False)
    if not fonts or not fonts.stdout.strip():
        return "no Chinese font for Chromium (apt-get install fonts-wqy-microhei)"
    return ""


@pytest.fixture
def retrying():
    """In-process, Celery runs a retry itself only when it does not hand the error to the caller."""
    from config import celery_app

    saved = celery_app.conf.task_eager_propagates
    celery_app.conf.task_eager_propagates = False
    yield
    celery_app.conf.task_eager_propagates = saved
