"""The kinds of export: each one built from its owner and the filters of the page it comes from."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, ClassVar

from django.utils.translation import gettext as _


class Refused(Exception):
    """This export cannot be made for this user (any more); ``message`` says why, in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Export:
    """One kind of export. ``params`` are plain JSON (the page's filters as ids and words), so a job
    stores them and rebuilds the same export in a worker."""

    kind: ClassVar[str]

    def __init__(self, user, params: dict) -> None:
        self.user = user
        self.params = params

    def check(self) -> None:
        """Raise ``Refused`` unless the user may have this export now (as he may open its page)."""
        raise NotImplementedError

    def title(self) -> str:
        raise NotImplementedError

    def file_name(self) -> str:
        return f"{self.title()}.xlsx"

    def count(self) -> int:
        """The rows the export will write, about: it decides between inline and job, and is the
        progress bar's end."""
        raise NotImplementedError

    def write(self, out: IO[bytes], progress: Callable[[int], None] | None = None) -> int:
        """Write the workbook to ``out``, telling ``progress`` the rows written after each chunk;
        return the rows written."""
        raise NotImplementedError


KINDS: dict[str, type[Export]] = {}


def register(kind: type[Export]) -> type[Export]:
    KINDS[kind.kind] = kind
    return kind


def export_for(kind: str, user, params: dict) -> Export:
    if kind not in KINDS:
        raise Refused(_("这种导出已不再提供。"))
    return KINDS[kind](user, params)
