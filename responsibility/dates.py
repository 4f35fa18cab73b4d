"""A date as the pages write it (``date_format``, the language's DATE_FORMAT), each distinct date
formatted once per language.

Lists write a deadline on every row (the 责任清单's fifty, the board's), and Django's ``DateFormat``
reads the format afresh for each: half the cost of a row's deadline. A plan's items share their
dates, and the same page's dates come back request after request.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

from django.utils import dateformat
from django.utils.formats import date_format, get_format
from django.utils.translation import get_language


def date_text(value: datetime.date) -> str:
    """``date_format(value)``, remembered for the dates already written."""
    if type(value) is not datetime.date:  # a datetime's text depends on the time zone as well
        return date_format(value)
    return _written(value, get_format("DATE_FORMAT"), get_language())


@lru_cache(maxsize=4096)
def _written(value: datetime.date, format_string: str, language: str | None) -> str:
    # The month's and the day's names are the language's: it is part of the key.
    return dateformat.format(value, format_string)
