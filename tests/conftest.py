import pytest

from responsibility.permissions import ensure_role_groups
from tests.cast import build_cast


@pytest.fixture
def cast(db):
    ensure_role_groups()
    return build_cast()
