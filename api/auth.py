"""API tokens (issue 17, F12): django-rest-knox keeps only a token's SHA-512 digest, gives it an
expiry (API_TOKEN_TTL_HOURS), and the tokens of an account go when its password changes.

A token given for the password alone stops working the moment its holder is required to enrol in
the second factor (his organisation switches it on, or he takes an office post there) and has not:
every request with it is refused until he enrols, which ends his tokens (accounts/second_factor.py)."""

from __future__ import annotations

import binascii
from hmac import compare_digest

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from knox.crypto import hash_token
from knox.models import AuthToken
from knox.settings import CONSTANTS, knox_settings
from rest_framework import exceptions

from accounts import second_factor
from responsibility.models import Post

# knox's own words, which REST framework's catalogue translates (not one of our screen texts).
INVALID = "Invalid token."


class TokenAuthentication(KnoxTokenAuthentication):
    """knox's, without its sweep of the user's other tokens on every request (one query more per
    call; ``manage.py clear_expired_tokens`` does it): an expired token is refused and removed.
    The token's row comes with what the second factor rule needs of its holder, in the same query."""

    def authenticate_credentials(self, token: bytes):
        invalid = exceptions.AuthenticationFailed(_(INVALID))
        token = token.decode("utf-8")
        for auth_token in _candidates(token[: CONSTANTS.TOKEN_KEY_LENGTH]):
            if self._cleanup_token(auth_token):
                continue
            try:
                digest = hash_token(token)
            except (TypeError, binascii.Error):
                raise invalid from None
            if compare_digest(digest, auth_token.digest):
                if knox_settings.AUTO_REFRESH and auth_token.expiry:
                    self.renew_token(auth_token)
                return self.validate_user(auth_token)
        raise invalid

    def validate_user(self, auth_token):
        user, auth_token = super().validate_user(auth_token)
        if _must_enrol_first(auth_token):
            message = _("您的账号须开启两步验证，此前取得的令牌已停用：请登录网页按提示开启两步验证，再重新取得令牌。")
            raise exceptions.PermissionDenied(message, code="second_factor_enrolment_required")
        return user, auth_token

    def _cleanup_token(self, auth_token) -> bool:
        if auth_token.expiry is not None and auth_token.expiry < timezone.now():
            auth_token.delete()
            return True
        return False


def _candidates(key: str) -> QuerySet[AuthToken]:
    """The tokens under ``key`` with their holder, whether he has an authenticator app, and whether
    he holds a post of a role the second factor may be required of."""
    devices = TOTPDevice.objects.filter(user=OuterRef("user"), confirmed=True)
    guarded = Post.objects.filter(holder=OuterRef("user"), role__in=second_factor.ROLES)
    return (
        AuthToken.objects.filter(token_key=key)
        .select_related("user")
        .annotate(has_device=Exists(devices), holds_guarded_post=Exists(guarded))
    )


def _must_enrol_first(auth_token) -> bool:
    """Only a holder of such a post (or staff) without an app costs the queries of the full rule."""
    user = auth_token.user
    if auth_token.has_device or not (auth_token.holds_guarded_post or user.is_staff or user.is_superuser):
        return False
    return second_factor.must_enrol(user)


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
