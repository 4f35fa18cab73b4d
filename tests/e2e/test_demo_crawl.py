"""Every page of the demo, for every login, in both languages: none answers with a 5xx, and the
Chinese screens carry no English (viewflow's and Swagger's pages included where users reach them).

The crawl follows the links each person is shown, from the workspace, and opens a few pages of each
kind (each URL pattern): the 60 item pages of one plan are one kind. Files (downloads, exports) are
asked for too, for the status only. The sizes (1280 px, 375 px) are the browser tests' to look at
(tests/browser_e2e/test_phone.py); what the server sends does not depend on them.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from dataclasses import dataclass
from html import unescape
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.urls import Resolver404, resolve

from responsibility.models import Person
from workflow import demo

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
PER_KIND = 3  # pages opened of each URL pattern
SKIP = ("/logout/", "/i18n/", "/static/", "/media/")

# Words a Chinese screen may show in Latin letters: names of formats, standards and products, and
# the demo's own user names.
ALLOWED = {
    word.lower()
    for word in (
        "PDF Excel Word WPS OCR SHA API Swagger OpenAPI ReDoc Token CSV JSON XLSX XLS DOCX DOC TXT PNG JPG "
        "JPEG GIF WEBP BMP TIF TIFF ODT RTF ZIP OA MB KB GB English https http www example com cn"
    ).split()
}
LOGINS = [spec.username for spec in demo.POSTS if spec.login] + [demo.OUTSIDER[0]]
WORD = re.compile(r"[A-Za-z][A-Za-z]{2,}")


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            from django.core.management import call_command

            call_command("load_demo", "--force", stdout=StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def visible_words(html: str, names: set[str] = frozenset()) -> list[str]:
    """The Latin words a reader sees: no scripts, styles, tags, attributes or code samples."""
    html = re.sub(r"(?is)<(script|style|code|pre|textarea|select)\b.*?</\1>", " ", html)
    html = re.sub(r"(?s)<!--.*?-->", " ", html)
    words_in = unescape(re.sub(r"(?s)<[^>]+>", " ", html))
    return [w for w in WORD.findall(words_in) if w.lower() not in ALLOWED | names]


def links(html: str) -> list[str]:
    return [unescape(href) for href in re.findall(r'href="(/[^"#]*)', html)]


def kind_of(path: str) -> str | None:
    try:
        return resolve(urlsplit(path).path).route
    except Resolver404:
        return None


@dataclass(frozen=True)
class Crawled:
    status: int
    words: list[str]  # the English a reader sees on it
    html: bool  # a page (not a file): the phone test opens these in a browser


def crawl(client: Client) -> dict[str, Crawled]:
    """Every page reached from the workspace: its status and the English words on it (login names,
    which people chose, are theirs: not the screen's English)."""
    names = {word.lower() for name in Person.objects.values_list("username", flat=True) for word in WORD.findall(name)}
    seen: dict[str, Crawled] = {}
    per_kind: Counter = Counter()
    queue = deque(["/"])
    while queue:
        path = queue.popleft()
        if path in seen or path.startswith(SKIP):
            continue
        kind = kind_of(path)
        if kind is not None and per_kind[kind] >= PER_KIND:
            continue
        per_kind[kind] += 1
        response = client.get(path)
        is_html = "html" in response.get("Content-Type", "")
        html = response.content.decode(errors="replace") if is_html else ""
        seen[path] = Crawled(response.status_code, visible_words(html, names), is_html)
        queue.extend(link for link in links(html) if link not in seen)
    return seen


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("username", LOGINS)
def test_every_page_answers_and_the_chinese_ones_speak_chinese(loaded, db, username, language):
    client = Client()
    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        assert client.login(username=username, password=demo.PASSWORD)
    client.cookies["django_language"] = language
    pages = crawl(client)
    assert len(pages) > 3, f"{username} reached almost nothing: {sorted(pages)}"
    failed = {path: page.status for path, page in pages.items() if page.status >= 500}
    assert not failed, failed
    if language == "zh-hans":
        english = {path: sorted(set(page.words)) for path, page in pages.items() if page.words}
        assert not english, "\n".join(f"{path}: {' '.join(words)}" for path, words in english.items())
