import pytest

from responsibility.models import Person, Post, Unit
from tests.cast import PASSWORD


@pytest.fixture
def media(settings, tmp_path):
    """Evidence files land in a fresh folder per test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def admin(cast):
    """A system administrator (系统管理员) of the cast's organisation: sets it up, sees no item."""
    unit = Unit.objects.create(name="信息中心", parent=cast.street, order=9)
    person = Person.objects.create_user("admin", password=PASSWORD, full_name="陈管理", email="admin@example.cn")
    Post.objects.create(unit=unit, title="系统管理员", role=Post.Role.ADMIN, holder=person)
    return person
