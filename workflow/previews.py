"""Which evidence files the item page may show inline, and as what.

Decided from the file's extension, never from the type the uploader's browser declared: a file
shown inline is served with the type named here (and ``nosniff``), so an HTML or SVG file renamed
or mislabelled by its sender is only ever a download.
"""

from __future__ import annotations

from pathlib import PurePath

IMAGE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".bmp": "image/bmp",
}
PDF_TYPES = {".pdf": "application/pdf"}


def preview_kind(name: str) -> str:
    """ "image", "pdf", or "" for a file that is listed and downloaded only."""
    suffix = PurePath(name or "").suffix.lower()
    if suffix in IMAGE_TYPES:
        return "image"
    if suffix in PDF_TYPES:
        return "pdf"
    return ""


def inline_type(name: str) -> str | None:
    """The content type to serve a previewable file inline with; None for any other file."""
    suffix = PurePath(name or "").suffix.lower()
    return IMAGE_TYPES.get(suffix) or PDF_TYPES.get(suffix)


def download_type(name: str) -> str:
    """The content type a download is sent with: an image's or a PDF's own, anything else an opaque
    ``application/octet-stream`` (an .html or .svg is never handed to the browser as a page)."""
    return inline_type(name) or "application/octet-stream"
