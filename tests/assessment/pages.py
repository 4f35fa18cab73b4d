"""Helpers for the scheme and event pages' tests: the page's form read back as a browser would send it."""

from __future__ import annotations

from html.parser import HTMLParser

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.browser import Browser

MANAGERS = {"office", "assessor"}
INSIDERS = {"committee", "office", "leader", "official", "official2", "inspector", "assessor"}


def aurl(name: str, *args) -> str:
    return reverse(f"assessment:{name}", args=args)


def browsers_for(cast) -> dict[str, Browser]:
    """One logged-in browser per role of the cast."""
    return {role: Browser(person) for role, person in cast.roles.items()}


class _FormReader(HTMLParser):
    """The successful controls of the page's POST form: what the browser would submit untouched."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self.in_post_form = False
        self.select: str | None = None
        self.multiple = False
        self.textarea: str | None = None
        self.text = ""
        self.options: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_post_form = (attrs.get("method") or "").lower() == "post" and not attrs.get("action")
        if not self.in_post_form:
            return
        name = attrs.get("name")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind == "file":
                return
            self.data.setdefault(name, []).append(attrs.get("value") or ("on" if kind == "checkbox" else ""))
        elif tag == "select" and name:
            self.select, self.options, self.multiple = name, [], "multiple" in attrs
        elif tag == "option" and self.select:
            self.options.append((attrs.get("value") or "", "selected" in attrs))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_post_form = False
        elif tag == "select" and self.select:
            chosen = [value for value, selected in self.options if selected]
            if not chosen and not self.multiple and self.options:
                chosen = [self.options[0][0]]  # a browser sends a single select's first option
            self.data[self.select] = chosen
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.data[self.textarea] = [self.text.removeprefix("\n")]
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.text += data


def form_data(response) -> dict[str, list[str] | str]:
    reader = _FormReader()
    reader.feed(response.content.decode())
    return {name: values if len(values) != 1 else values[0] for name, values in reader.data.items()}


def query_count(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)
