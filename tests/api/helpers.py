"""Small things the API tests share."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse


def url(name: str, *args) -> str:
    return reverse(f"api:{name}", args=args)


def pdf(name: str = "台账.pdf", content: bytes = b"%PDF-1.4 evidence") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def report_data(**extra) -> dict:
    return {"period": "2020-06", "percent_done": 60, "narrative": "半年接待法律咨询 120 起", **extra}


def post_report(client, item, data: dict | None = None, name: str = "report"):
    return client.post(url(name, item.pk), report_data() if data is None else data, format="multipart")
