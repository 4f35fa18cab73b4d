import pytest


@pytest.fixture(autouse=True)
def fresh_counts():
    """Throttle counts live in the cache, lockouts in the database: each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
