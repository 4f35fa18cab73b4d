"""Password rules to 等保 2.0 level: character classes, no reuse of the last few, optional expiry.

The length is Django's MinimumLengthValidator (PASSWORD_MIN_LENGTH); these add what it lacks. Each
password set is kept as a hash (``PasswordHistory``, written by ``password_changed``, which Django
calls after any save of a new password: the change page, the admin, the roster's one-time passwords).
"""

from __future__ import annotations

import datetime
import string

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import PasswordHistory

CLASSES = (
    (str.islower, "lower"),
    (str.isupper, "upper"),
    (str.isdigit, "digit"),
    (lambda c: c in string.punctuation or c == " ", "symbol"),
)


def classes_in(password: str) -> int:
    return sum(1 for test, _name in CLASSES if any(test(c) for c in password))


class CharacterClassesValidator:
    """At least ``minimum`` of four classes: lower-case, upper-case letters, digits, symbols."""

    def __init__(self, minimum: int = 3) -> None:
        self.minimum = minimum

    def validate(self, password: str, user=None) -> None:
        if classes_in(password) < self.minimum:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return _("密码须包含小写字母、大写字母、数字、符号四类中的至少 %(n)d 类。") % {"n": self.minimum}


class PasswordHistoryValidator:
    """None of the last ``count`` passwords of the account again (the current one included)."""

    def __init__(self, count: int = 5) -> None:
        self.count = count

    def validate(self, password: str, user=None) -> None:
        if user is None or user.pk is None or self.count < 1:
            return
        current = [user.password] if user.password else []
        if any(check_password(password, encoded) for encoded in [*current, *recent(user, self.count)]):
            raise ValidationError(self.get_help_text(), code="password_reused")

    def password_changed(self, password: str, user=None) -> None:
        if user is not None and user.pk is not None:
            PasswordHistory.objects.create(person=user, password=user.password)
            stale = PasswordHistory.objects.filter(person=user).values_list("pk", flat=True)[max(self.count, 1) :]
            PasswordHistory.objects.filter(pk__in=list(stale)).delete()

    def get_help_text(self) -> str:
        return ngettext(
            "不能与最近 %(n)d 次使用过的密码相同。", "不能与最近 %(n)d 次使用过的密码相同。", self.count
        ) % {"n": self.count}


def recent(user, count: int) -> list[str]:
    return list(PasswordHistory.objects.filter(person=user).values_list("password", flat=True)[:count])


def last_set(user) -> datetime.datetime:
    latest = PasswordHistory.objects.filter(person=user).values_list("set_at", flat=True).first()
    return latest or user.date_joined


def expired(user) -> bool:
    """Has the password outlived PASSWORD_MAX_AGE_DAYS (0: passwords do not expire)?"""
    days = settings.PASSWORD_MAX_AGE_DAYS
    return days > 0 and timezone.now() - last_set(user) > datetime.timedelta(days=days)
