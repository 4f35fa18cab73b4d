"""The Django test client used as a browser: CSRF checks on, every form fetched before it is posted.

Pages are read back with a few small parsers that know our templates (the status badge, the
timeline, the messages, the errors under a field), so tests say what a user would see.
"""

from __future__ import annotations

import re
from html import unescape

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.cast import PASSWORD


def url(name: str, *args) -> str:
    return reverse(f"workflow:{name}", args=args)


class Browser:
    def __init__(self, user=None):
        self.client = Client(enforce_csrf_checks=True)
        self.user = user
        if user is not None:
            self.client.force_login(user)

    @classmethod
    def log_in(cls, user, password: str = PASSWORD) -> Browser:
        """Log in through the login page, as a person would."""
        browser = cls()
        response = browser.submit(reverse("login"), {"username": user.username, "password": password})
        assert response.status_code == 302, f"login failed for {user.username}"
        browser.user = user
        return browser

    def get(self, path: str, **kwargs):
        return self.client.get(path, **kwargs)

    def submit(self, path: str, data: dict | None = None, *, form_page: str | None = None, follow: bool = False):
        """GET the page that holds the form (``form_page``, default ``path``), then POST ``data`` to ``path``
        with the csrftoken cookie's value, the way the browser sends a form back."""
        self.client.get(form_page or path)
        if "csrftoken" not in self.client.cookies:
            # The page refused us (403/404) and rendered no form; any page with a form sets the cookie.
            self.client.get(reverse("login"))
        token = self.client.cookies["csrftoken"].value
        response = self.client.post(path, {**(data or {}), "csrfmiddlewaretoken": token}, follow=follow)
        assert not (response.status_code == 403 and b"CSRF" in response.content), "CSRF check failed"
        return response


def text(response) -> str:
    return response.content.decode()


def messages(response) -> list[str]:
    return [_clean(m) for m in re.findall(r'<div class="msg msg-\w+">(.*?)</div>', text(response), re.S)]


def status_shown(response) -> str:
    """The label of the status badge in the page heading."""
    match = re.search(r"<h1>.*?<span class=\"status status-[\w-]+[^\"]*\">(.*?)</span>", text(response), re.S)
    assert match, "no status badge in the heading"
    return _clean(match.group(1))


def timeline(response) -> list[str]:
    """The event names on the item's timeline, oldest first."""
    block = re.search(r'<ol class="timeline">(.*?)</ol>', text(response), re.S)
    assert block, "no timeline on the page"
    return [_clean(s) for s in re.findall(r"<strong>(.*?)</strong>", block.group(1), re.S)]


def timeline_notes(response) -> list[str]:
    block = re.search(r'<ol class="timeline">(.*?)</ol>', text(response), re.S)
    assert block, "no timeline on the page"
    return [_clean(s) for s in re.findall(r'<div class="note">(.*?)</div>', block.group(1), re.S)]


def plain_text(response) -> str:
    """The page as read on screen: tags dropped, spaces collapsed."""
    return _clean(text(response))


def row_texts(response) -> list[str]:
    """Each row of the page's table body as plain text."""
    body = re.search(r"<tbody>(.*?)</tbody>", text(response), re.S)
    assert body, "no table on the page"
    return [_clean(row) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body.group(1), re.S)]


def outline_rows(response) -> list[tuple[str, str, str]]:
    """The responsibility list's rows, top to bottom: ("heading" or "item", number, title)."""
    body = re.search(r"<tbody>(.*?)</tbody>", text(response), re.S)
    assert body, "no table on the page"
    rows = []
    for attrs, row in re.findall(r"<tr([^>]*)>(.*?)</tr>", body.group(1), re.S):
        row = re.sub(r'<ul class="unit-parts.*?</ul>', "", row, flags=re.S)  # an item's units, under its title
        cells = [_clean(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        cells += [""] * (2 - len(cells))
        rows.append(("heading" if "heading" in attrs else "item", cells[0], cells[1]))
    return rows


def field_errors(response, name: str) -> list[str]:
    """The error lines shown in the form field that holds the input named ``name``."""
    for chunk in text(response).split('<div class="field')[1:]:
        if f'name="{name}"' in chunk:
            return [_clean(e) for e in re.findall(r'<div class="error">(.*?)</div>', chunk, re.S)]
    raise AssertionError(f"no field {name!r} on the page")


def _clean(fragment: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def queries(client, path: str) -> int:
    """Queries of a GET of ``path`` (a page or an API call), after a warm-up GET of the same."""
    client.get(path)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx)
