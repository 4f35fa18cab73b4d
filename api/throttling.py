"""Password guessing at POST /api/token/: a few attempts a minute per client address and per account.

The address is the one our own proxies saw (accounts.client, TRUSTED_PROXIES), never what the client
wrote into X-Forwarded-For; the account limit stops a guesser who has many addresses. The counts
live in the cache, which falls back to the process's memory while Redis is down (config.cache).
"""

from __future__ import annotations

import hashlib

from rest_framework.throttling import SimpleRateThrottle

from accounts.client import client_ip


class TokenAddressThrottle(SimpleRateThrottle):
    scope = "token"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request)}


class TokenAccountThrottle(SimpleRateThrottle):
    scope = "token_account"

    def get_cache_key(self, request, view):
        username = request.data.get("username") if hasattr(request.data, "get") else None
        if not isinstance(username, str) or not username.strip():
            return None  # no account named: the address limit alone applies
        # Hashed: a login name may hold any character, a cache key should not.
        ident = hashlib.sha256(username.strip().casefold().encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": ident}
