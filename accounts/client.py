"""The client's address, believing X-Forwarded-For only as far as our own proxies wrote it.

With TRUSTED_PROXIES = n (0: the site is reached directly), the n-th address from the right of
X-Forwarded-For is the one our outermost proxy saw; anything left of it was written by the client
and could be anything, so a guesser cannot become a new address per request by sending a new header.
"""

from __future__ import annotations

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXIES
    if proxies < 1:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        # Fewer hops than proxies: the request did not come through all of them (or the header was cut).
        return forwarded[0] if forwarded else remote
    return forwarded[-proxies]


def axes_client_ip(request, credentials=None) -> str:
    """django-axes' AXES_CLIENT_IP_CALLABLE."""
    return client_ip(request)
