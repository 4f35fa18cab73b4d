"""The HTTP half of scripts/smoke-production: people using the production server as browsers would.

    smoke_client.py create-database URL NAME   a fresh, empty database NAME on URL's server
    smoke_client.py drop-database URL NAME
    smoke_client.py run http://127.0.0.1:PORT

``run`` logs in as every demo role through the login form (with the CSRF token, behind a "proxy"
that says the request came over https: ``X-Forwarded-Proto``), opens the workspace, and checks that
the pages' static files come hashed from the manifest. Then the official files a progress report
with a photo through the step's form, the inspector urges him on the item's page, and the notice the
urge stores must be delivered by the Celery worker (its ``delivered_at``), within a minute.
"""

from __future__ import annotations

import io
import os
import re
import sys
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
import requests

PASSWORD = "luoshi2020"
ROLES = ["committee", "office", "leader", "official", "official2", "inspector", "assessor", "outsider"]
NARRATIVE = "冒烟测试：本季度开展普法宣传 3 场。"


class Fail(Exception):
    pass


def check(condition: bool, message: str) -> None:
    if not condition:
        raise Fail(message)


class Browser:
    def __init__(self, base: str) -> None:
        self.base = base
        self.http = requests.Session()
        origin = "https://" + urlsplit(base).netloc
        self.http.headers.update({"X-Forwarded-Proto": "https", "Origin": origin, "Referer": origin + "/"})

    def _behind_tls_proxy(self) -> None:
        """The server marks its cookies Secure (it believes the proxy's https): the proxy's side of
        the connection is plain http, so send them back over it."""
        for cookie in self.http.cookies:
            cookie.secure = False

    def get(self, path: str, expect: int = 200) -> requests.Response:
        response = self.http.get(urljoin(self.base, path), allow_redirects=False, timeout=30)
        self._behind_tls_proxy()
        check(response.status_code == expect, f"GET {path}: {response.status_code}, expected {expect}")
        return response

    def post_form(self, path: str, data: dict, files=None, expect: int = 302) -> requests.Response:
        data = {**data, "csrfmiddlewaretoken": self.http.cookies.get("csrftoken")}
        response = self.http.post(urljoin(self.base, path), data=data, files=files, allow_redirects=False, timeout=60)
        self._behind_tls_proxy()
        check(response.status_code == expect, f"POST {path}: {response.status_code}, expected {expect}")
        return response

    def log_in(self, username: str) -> None:
        page = self.get("/login/")
        stylesheets = lxml.html.fromstring(page.text).xpath("//link[@rel='stylesheet']/@href")
        check(any(re.search(r"luoshi\.[0-9a-f]{12}\.css$", href) for href in stylesheets), f"unhashed {stylesheets}")
        for href in stylesheets:
            self.get(href)
        response = self.post_form("/login/", {"username": username, "password": PASSWORD})
        check(response.headers["Location"] == "/", f"{username}: login went to {response.headers['Location']}")


def form_fields(form) -> dict:
    """What a browser would send for ``form`` untouched: inputs, the checked radios, selected options."""
    fields = {}
    for element in form.xpath(".//input[@name] | .//textarea[@name] | .//select[@name]"):
        kind = element.get("type", "").lower()
        if kind in {"file", "submit", "button"} or (kind in {"radio", "checkbox"} and element.get("checked") is None):
            continue
        if element.tag == "select":
            chosen = element.xpath(".//option[@selected]/@value") or element.xpath(".//option/@value")[:1]
            fields[element.get("name")] = chosen[0] if chosen else ""
        elif element.tag == "textarea":
            fields[element.get("name")] = element.text_content()
        else:
            fields[element.get("name")] = element.get("value", "")
    return fields


def photo() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def report_progress(official: Browser) -> int:
    """File a report on the first item waiting for one; return the item's id."""
    tasks = lxml.html.fromstring(official.get("/tasks/").text)
    for href in dict.fromkeys(tasks.xpath("//a[starts-with(@href, '/tasks/')]/@href")):
        page = lxml.html.fromstring(official.get(href).text)
        forms = [form for form in page.forms if form.xpath(".//*[@name='percent_done']")]
        if not forms:
            continue
        data = {**form_fields(forms[0]), "action": "report", "percent_done": "60", "narrative": NARRATIVE}
        official.post_form(href, data, files={"evidence": ("现场.png", photo(), "image/png")})
        item = re.search(r"/items/(\d+)/", " ".join(page.xpath("//a/@href")))
        check(item is not None, f"{href}: no link to its item")
        item_page = official.get(f"/items/{item[1]}/").text
        check(NARRATIVE in item_page, "the report is not on the item's page")
        return int(item[1])
    raise Fail("the official has no item waiting for a progress report")


def urge(inspector: Browser, item: int) -> None:
    page = lxml.html.fromstring(inspector.get(f"/items/{item}/").text)
    check(bool(page.xpath(f"//form[@action='/items/{item}/urge/']")), f"the inspector may not urge item {item}")
    inspector.post_form(f"/items/{item}/urge/", {"note": "冒烟测试：请于本周内报送佐证材料"})


def wait_for_delivery(item: int) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    django.setup()
    from workflow.models import Notification

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        notices = list(Notification.objects.filter(item_id=item, kind=Notification.Kind.URGE))
        if notices and all(notice.delivered_at for notice in notices):
            return
        time.sleep(0.5)
    raise Fail(f"the worker did not deliver the urge notice on item {item} within a minute")


def wait_until_up(base: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            requests.get(urljoin(base, "/login/"), headers={"X-Forwarded-Proto": "https"}, timeout=5)
            return
        except requests.ConnectionError:
            time.sleep(0.3)
    raise Fail(f"nothing answers at {base} after a minute")


def run(base: str) -> None:
    wait_until_up(base)
    browsers = {}
    for role in ROLES:
        browser = Browser(base)
        browser.log_in(role)
        workspace = browser.get("/").text
        check("退出" in workspace or "logout" in workspace, f"{role}: the workspace shows no logout")
        browsers[role] = browser
        print(f"    {role}: logged in, workspace open")
    item = report_progress(browsers["official"])
    print(f"    official: progress report on item {item}")
    urge(browsers["inspector"], item)
    wait_for_delivery(item)
    print("    inspector: urged; the worker delivered the notice")


def database(command: str, url: str, name: str) -> None:
    import psycopg

    check(re.fullmatch(r"luoshi_smoke_\d+", name) is not None, f"refusing to touch database {name}")
    with psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if command == "create-database":
            conn.execute(f'CREATE DATABASE "{name}"')


def main(argv: list[str]) -> int:
    try:
        if argv[0] in {"create-database", "drop-database"}:
            database(argv[0], argv[1], argv[2])
        else:
            run(argv[1])
    except Fail as failure:
        print(f"!!! smoke test failed: {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
