"""Files the pages generate (exports, drafts), sent as downloads under their Chinese names."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header

CONTENT_TYPES = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def attachment(data: bytes, filename: str) -> HttpResponse:
    content_type = next(kind for suffix, kind in CONTENT_TYPES.items() if filename.endswith(suffix))
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
