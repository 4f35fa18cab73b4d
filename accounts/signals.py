"""At login: end the account's other session (SINGLE_SESSION), and note what the pages must ask for."""

from __future__ import annotations

import logging
import time
from importlib import import_module

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.contrib.sessions.backends.base import SessionBase
from django.dispatch import receiver

from config.passwords import PASSWORD_EXPIRED

from . import passwords, second_factor
from .client import client_ip
from .models import AccountSession

log = logging.getLogger("luoshi.login")


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    session = request.session
    session[PASSWORD_EXPIRED] = passwords.expired(user)
    session[SECOND_FACTOR_REQUIRED] = second_factor.required_for(user)
    # The idle clock starts at login, so that the first page after it does not write the session again.
    session[LAST_SEEN] = time.time()
    log.info("login: %s from %s", user.get_username(), client_ip(request))
    if settings.SINGLE_SESSION:
        remember_session(user, session)


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    address = client_ip(request) if request is not None else "-"
    log.warning("login failed: %s from %s", credentials.get("username", "-"), address)


def remember_session(user, session: SessionBase) -> None:
    """This session is the account's one: end the one before (SINGLE_SESSION). Also after a password
    change, which gives the session a new key."""
    if session.session_key is None:
        session.save()
    previous = AccountSession.objects.filter(person=user).values_list("session_key", flat=True).first()
    if previous and previous != session.session_key:
        import_module(settings.SESSION_ENGINE).SessionStore(session_key=previous).delete()
    AccountSession.objects.update_or_create(person=user, defaults={"session_key": session.session_key})


SECOND_FACTOR_REQUIRED = "luoshi:second_factor_required"
LAST_SEEN = "luoshi:last_seen"
