"""API tokens (issue 17, F12): django-rest-knox keeps only a token's SHA-512 digest, gives it an
expiry (API_TOKEN_TTL_HOURS), and the tokens of an account go when its password changes."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from knox.models import AuthToken
from knox.settings import knox_settings


class TokenAuthentication(KnoxTokenAuthentication):
    """knox's, without its sweep of the user's other tokens on every request (one query more per
    call; ``manage.py clear_expired_tokens`` does it): an expired token is refused and removed."""

    def _cleanup_token(self, auth_token) -> bool:
        if auth_token.expiry is not None and auth_token.expiry < timezone.now():
            auth_token.delete()
            return True
        return False


def issue(user) -> tuple[AuthToken, str]:
    """A new token for ``user`` (its row, and the token itself, shown once); the oldest beyond
    API_TOKENS_PER_USER go (each phone or script signs in with its own)."""
    instance, token = AuthToken.objects.create(user=user)
    limit = knox_settings.TOKEN_LIMIT_PER_USER
    if limit:
        kept = AuthToken.objects.filter(user=user).order_by("-created").values_list("pk", flat=True)[:limit]
        AuthToken.objects.filter(user=user).exclude(pk__in=list(kept)).delete()
    return instance, token


def revoke_all(user) -> None:
    AuthToken.objects.filter(user=user).delete()


def revoke_on_password_change(sender, instance, **kwargs) -> None:
    """``set_password`` leaves the raw password on the user until it is saved: a save that carries a
    new password ends every token of the account (a stolen phone's too)."""
    if instance.pk is not None and getattr(instance, "_password", None) is not None:
        revoke_all(instance)


class TokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI document names this header (as DRF's token scheme was named)."""

    target_class = "api.auth.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema) -> dict:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'A token from POST /api/token/, with the prefix "Token"; it expires (see `expiry`)',
        }
