"""Accounts the office creates: a phone number that names one person, and a one-time password.

The office is shown the one-time password once (on the page that created the account, or printed by
the command) and passes it on; the person must choose his own at first login
(``Person.must_change_password``, enforced by ``config.passwords``). Nothing keeps the one-time
password but its hash.
"""

from __future__ import annotations

import re
import secrets

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from config.passwords import one_time_hash

from .models import Person, Unit

# Letters and digits that cannot be mistaken for one another when read aloud or copied by hand.
ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PASSWORD_LENGTH = 10
MOBILE = re.compile(r"1[3-9]\d{9}")
SEPARATORS = re.compile(r"[\s\-－—()（）]")


def one_time_password() -> str:
    # Always mixed: a letter and a digit, so that no rule on passwords can refuse it.
    while True:
        password = "".join(secrets.choice(ALPHABET) for _ in range(PASSWORD_LENGTH))
        if any(c.isdigit() for c in password) and any(c.isalpha() for c in password):
            return password


def issue_password(person: Person) -> str:
    """A new one-time password for ``person``, to be changed at his next login; returns it."""
    password = one_time_password()
    person.password = one_time_hash(password)
    person.must_change_password = True
    person.save(update_fields=["password", "must_change_password"])
    return password


def normal_phone(text: str) -> str:
    """A mobile number as stored: 11 digits, without spaces, dashes or the +86 country code.

    ``ValidationError`` (in Chinese) when it is not one.
    """
    digits = SEPARATORS.sub("", text or "")
    for prefix in ("+86", "0086", "86"):
        if digits.startswith(prefix) and len(digits) == len(prefix) + 11:
            digits = digits[len(prefix) :]
    if not MOBILE.fullmatch(digits):
        raise ValidationError(_("手机号“%(phone)s”格式不正确：应为 11 位手机号码。") % {"phone": text})
    return digits


def free_username(base: str) -> str:
    """``base`` (the phone number) as a login name, or ``base-2``, ``base-3`` … if it is taken."""
    taken = set(Person.objects.filter(username__startswith=base).values_list("username", flat=True))
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def create_account(
    full_name: str, phone: str, email: str = "", organisation: Unit | None = None, username: str = ""
) -> tuple[Person, str]:
    """A new person who logs in with ``username`` (default: his phone number) and a one-time
    password, which is returned with him."""
    password = one_time_password()
    person = Person.objects.create(
        username=Person.normalize_username(username or free_username(phone)),
        password=one_time_hash(password),
        full_name=full_name,
        phone=phone,
        email=Person.objects.normalize_email(email),
        organisation=organisation,
        must_change_password=True,
    )
    return person, password
