"""The Redis cache, with a fallback in the process's own memory while Redis cannot be reached.

What the cache carries (the token endpoint's throttle counts, an import's progress) is worth less
than the request: with Redis down, POST /api/token/ must still answer, and an import run in the
request (the broker being down too) must still finish. Each failed call is served by a local
LocMemCache instead and logged; calls go back to Redis by themselves once it answers again.
"""

from __future__ import annotations

import functools
import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

local = LocMemCache("luoshi-fallback", {})
_last_warning = [0.0]
_down_until = [0.0]
WARN_EVERY_SECONDS = 60  # an outage is logged once a minute per process, not at every call
# After a failure, calls go straight to memory for a while: an import reporting its progress a
# hundred times must not wait for a connection timeout each time.
RETRY_AFTER_SECONDS = 10


def _warn(error: Exception) -> None:
    now = time.monotonic()
    if now - _last_warning[0] >= WARN_EVERY_SECONDS:
        _last_warning[0] = now
        log.warning("cache: Redis unavailable (%s); served from this process's memory meanwhile", error)


def _falls_back(name: str):
    redis_method = getattr(RedisCache, name)
    local_method = getattr(LocMemCache, name)

    @functools.wraps(redis_method)
    def method(self, *args, **kwargs):
        if time.monotonic() < _down_until[0]:
            return local_method(local, *args, **kwargs)
        try:
            return redis_method(self, *args, **kwargs)
        except (RedisError, OSError) as error:
            _down_until[0] = time.monotonic() + RETRY_AFTER_SECONDS
            _warn(error)
            return local_method(local, *args, **kwargs)

    return method


class FallbackRedisCache(RedisCache):
    pass


for _name in (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "set_many",
    "delete_many",
    "clear",
):
    setattr(FallbackRedisCache, _name, _falls_back(_name))
