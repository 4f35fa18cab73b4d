"""Exports (导出): a list written as an .xlsx, whole.

A list of at most ``EXPORT_INLINE_MAX_ROWS`` rows is written while the page waits; a bigger one
becomes an ``ExportJob`` that a worker writes to private storage, which its owner watches and
downloads on 我的导出. Each kind of export (``kinds.Export``) says who may have it and writes its
rows in chunks through a write-only workbook, so neither time nor memory stops it short.
Rights are checked when the export is asked for and again when the job runs, with the rows
filtered by ``permissions.visible_items`` at that time.
"""

from .jobs import Inline, delete_expired, retry, run, start
from .kinds import KINDS, Export, Refused, register

__all__ = ["KINDS", "Export", "Inline", "Refused", "delete_expired", "register", "retry", "run", "start"]
