"""A POST repeated gets the first one's answer, never a second effect (issue 17, F5).

Two doors: the client's ``Idempotency-Key`` header, on every POST of the API; and, for the steps
(a report, a claim, a request, a rectification, a 会办), the fingerprint of what was sent, so that a
double tap of an app that sends no key is still one report. The key's row is inserted first, in the
request's transaction: a repeat arriving while the first runs blocks on the unique key until the
first commits (and then answers with its stored answer) or rolls back (and then runs itself). Only
a success is remembered: after an error the client may try again with the same key.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Callable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder

from .models import IdempotentRequest

HEADER = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"


def header_key(request) -> str | None:
    """The client's key, checked: printable, at most 255 characters."""
    key = request.headers.get(HEADER)
    if key is None:
        return None
    key = key.strip()
    if not key or len(key) > 255 or not key.isprintable():
        raise ValidationError({HEADER: [_("Idempotency-Key 须为 1–255 个可见字符。")]})
    return f"key:{key}"


def content_key(data: dict, files: list) -> str:
    """The fingerprint of a step's input: its fields and its files' names and contents."""
    digest = hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode())
    for upload in files:
        digest.update(upload.name.encode() + b"\0")
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
    return f"content:{digest.hexdigest()}"


def _window(key: str) -> datetime.timedelta:
    seconds = settings.API_IDEMPOTENCY_SECONDS if key.startswith("key:") else settings.API_REPEAT_SECONDS
    return datetime.timedelta(seconds=seconds)


def _claim(user, key: str, path: str) -> IdempotentRequest:
    """The key's row, ours if inserted now (``status`` None), or the first request's, answered."""
    try:
        with transaction.atomic():
            return IdempotentRequest.objects.create(user=user, key=key, path=path)
    except IntegrityError:
        pass  # the key is taken: by a request that has committed (we waited for it) or long ago
    stored = IdempotentRequest.objects.select_for_update().get(user=user, key=key)
    if stored.created_at < timezone.now() - _window(key):
        stored.delete()
        return IdempotentRequest.objects.create(user=user, key=key, path=path)
    return stored


def replay(stored: IdempotentRequest) -> Response:
    data = json.loads(bytes(stored.body)) if stored.body else None
    return Response(data, status=stored.status, headers={REPLAYED: "true"})


def once(user, key: str, path: str, run: Callable[[], Response]) -> Response:
    """``run()`` unless ``key`` has been answered; the stored answer if it has."""
    with transaction.atomic():
        row = _claim(user, key, path)
        if row.status is not None:
            if row.path != path:
                raise ValidationError({HEADER: [_("该 Idempotency-Key 已用于另一个请求，请换一个。")]})
            return replay(row)
        response = run()
        if not 200 <= response.status_code < 300:
            transaction.set_rollback(True)
            return response
        row.status = response.status_code
        row.body = b"" if response.data is None else json.dumps(response.data, cls=JSONEncoder).encode()
        row.save(update_fields=["status", "body"])
        return response


def keyed(view, handler: Callable[..., Response]) -> Callable[..., Response]:
    """``handler`` (a view's ``post``) answering once per ``Idempotency-Key`` of the caller."""

    def run_once(request, *args, **kwargs) -> Response:
        key = header_key(request)
        if key is None or not request.user.is_authenticated:
            return handler(request, *args, **kwargs)
        return once(request.user, key, request.path, lambda: handler(request, *args, **kwargs))

    return run_once
