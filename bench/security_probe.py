"""Issue 17's security probe, re-run over HTTP against the production configuration (bench/security-probe
starts it): one line a finding, PASS or FAIL, and what was seen.

    security_probe.py http://127.0.0.1:PORT http://127.0.0.1:DOWN_PORT [F2 F7 …]

The first server runs as the runtime database role (PROBE_APP_DATABASE_URL) with its Redis; the
second is the same code with REDIS_URL pointing where no Redis listens. DATABASE_URL is the owner's,
used only to look at what the server stored. PROBE_WORK holds the setup's logs and MEDIA_ROOT.

Each check takes its own accounts and its own client addresses (127.0.0.x: the loopback network
answers to all of them), so a lockout one check provokes does not colour the next.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import psycopg
import requests
from requests.adapters import HTTPAdapter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from smoke_client import PASSWORD, Browser, Fail, check, form_fields, photo  # noqa: E402

LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", 5))
WORK = Path(os.environ.get("PROBE_WORK", "/tmp"))
MB = 1024 * 1024


class FromAddress(HTTPAdapter):
    """Connect from a chosen loopback address, as a client on another machine would."""

    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        return super().init_poolmanager(*args, **kwargs)


def session_from(address: str) -> requests.Session:
    http = requests.Session()
    http.mount("http://", FromAddress(address))
    http.headers["X-Forwarded-Proto"] = "https"
    return http


class Api:
    def __init__(self, base: str, address: str = "127.0.0.1") -> None:
        self.base, self.http, self.token = base, session_from(address), None

    def sign_in(self, username: str, password: str = PASSWORD, **headers) -> requests.Response:
        body = {"username": username, "password": password}
        response = self.http.post(urljoin(self.base, "/api/token/"), json=body, headers=headers, timeout=30)
        if response.status_code == 200:
            self.token = response.json()["token"]
        return response

    def call(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = kwargs.pop("headers", {})
        if self.token:
            headers["Authorization"] = f"Token {self.token}"
        return self.http.request(method, urljoin(self.base, path), headers=headers, timeout=120, **kwargs)


def wait_until_up(base: str) -> None:
    """The first requests of fresh gunicorn workers are slow on a busy machine: wait for a 200."""
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if requests.get(urljoin(base, "/login/"), headers={"X-Forwarded-Proto": "https"}, timeout=60).ok:
                return
        except requests.RequestException:
            time.sleep(1)
    raise Fail(f"nothing answers at {base} after three minutes")


def owner_db() -> psycopg.Connection:
    return psycopg.connect(os.environ["DATABASE_URL"].replace("postgres://", "postgresql://", 1), autocommit=True)


def one(sql: str, params=()) -> tuple:
    with owner_db() as conn:
        return conn.execute(sql, params).fetchone()


def manage(*args: str) -> str:
    done = subprocess.run(
        [str(ROOT / ".venv/bin/python"), "manage.py", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    check(done.returncode == 0, f"manage.py {' '.join(args)}: {done.stderr.strip()[-300:]}")
    return done.stdout


def server_log() -> str:
    return (WORK / "gunicorn.log").read_text(errors="replace")


# --- the findings ----------------------------------------------------------------------------------


def f1_production_setup(base: str, down: str) -> str:
    check((WORK / "collectstatic.ok").exists(), "collectstatic --noinput failed with DEBUG off")
    check((WORK / "check.ok").exists(), "check --deploy --fail-level WARNING is not clean")
    browser = Browser(base)
    page = browser.get("/login/")
    css = re.findall(r'href="([^"]*luoshi\.[0-9a-f]{12}\.css)"', page.text)
    check(bool(css), "the login page links no hashed luoshi.css")
    browser.get(css[0])
    return f"collectstatic and check --deploy clean; GET /login/ 200 with {css[0]}"


def f2_login_lockout(base: str, down: str) -> str:
    browser = Browser(base)
    browser.http.mount("http://", FromAddress("127.0.0.2"))
    browser.get("/login/")
    for _ in range(LIMIT - 1):
        browser.post_form("/login/", {"username": "leader", "password": "wrong-guess"}, expect=200)
    browser.post_form("/login/", {"username": "leader", "password": "wrong-guess"}, expect=429)
    refused = browser.post_form("/login/", {"username": "leader", "password": PASSWORD}, expect=429)
    check("锁定" in refused.text, "the lockout page does not say the account is locked")
    check("login failed: leader from 127.0.0.2" in server_log(), "the failures are not logged with user and address")
    office = Browser(base)
    office.log_in("office")
    check("leader" in office.get("/lockouts/").text, "the office's 登录锁定 page does not list the locked account")
    return f"{LIMIT} wrong passwords, then the right one: 429 locked; failures logged; listed for the office"


def f3_throttle_address(base: str, down: str) -> str:
    api = Api(base, "127.0.0.3")
    statuses = []
    for n in range(12):
        spoofed = f"203.0.113.{n + 1}"
        statuses.append(api.sign_in(f"nobody{n}", "wrong", **{"X-Forwarded-For": spoofed}).status_code)
        if statuses[-1] == 429:
            break
    check(429 in statuses, f"a new X-Forwarded-For each time never hits 429: {statuses}")
    per_account = []
    for n in range(12):
        per_account.append(Api(base, f"127.0.1.{n + 1}").sign_in("inspector", "wrong").status_code)
        if per_account[-1] == 429:
            break
    check(429 in per_account, f"one account from a new address each time never hits 429: {per_account}")
    return (
        f"spoofed X-Forwarded-For: 429 at attempt {len(statuses)}; "
        f"one account from new addresses: 429 at attempt {len(per_account)}"
    )


def f4_redis_down(base: str, down: str) -> str:
    wait_until_up(down)
    response = Api(down, "127.0.0.4").sign_in("official")
    check(response.status_code == 200, f"POST /api/token/ with Redis down: {response.status_code}")
    office = Browser(down)
    office.log_in("office")
    form = office.get("/plans/import/")
    fields = form_fields(next(f for f in _forms(form.text) if f.xpath(".//textarea[@name='text']")))
    title = f"探针导入 {uuid.uuid4().hex[:6]}"
    text = "一、依法行政\n1. 开展普法宣传活动，全年不少于 4 场。\n2. 完善行政执法公示制度。\n"
    office.post_form("/plans/import/", {**fields, "title": title, "text": text})
    deadline, status = time.monotonic() + 60, None
    while time.monotonic() < deadline:
        status = one("SELECT status FROM responsibility_planimport WHERE title = %s", [title])[0]
        if status in ("done", "failed"):
            break
        time.sleep(0.5)
    check(status == "done", f"the import pasted with Redis down ended {status}")
    return "with Redis down: POST /api/token/ 200; a pasted import ran in the request and is done"


def _forms(html: str):
    import lxml.html

    return lxml.html.fromstring(html).forms


def _report_item(api: Api) -> int:
    tasks = api.call("GET", "/api/tasks/").json()
    rows = tasks["results"] if isinstance(tasks, dict) else tasks
    for task in rows:
        if task.get("action") == "report" or "report" in task.get("actions", []) or task.get("step") == "work":
            return task["item"]["id"] if isinstance(task.get("item"), dict) else task["item"]
    raise Fail(f"the official has no item waiting for a report: {json.dumps(rows, ensure_ascii=False)[:300]}")


def _reports(api: Api, item: int) -> int:
    return len(api.call("GET", f"/api/items/{item}/").json()["reports"])


def f5_double_tap(base: str, down: str) -> str:
    api = Api(base, "127.0.0.5")
    check(api.sign_in("official").status_code == 200, "the official cannot sign in")
    item, trials, doubled = _report_item(api), 10, 0
    for n in range(trials):
        before = _reports(api, item)
        body = {"percent_done": "50", "narrative": f"探针：并发重复提交第 {n} 次"}
        barrier, answers = threading.Barrier(2), []

        def tap(body=body, barrier=barrier, answers=answers):
            barrier.wait()
            answers.append(api.call("POST", f"/api/items/{item}/reports/", data=body).status_code)

        threads = [threading.Thread(target=tap) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        check(all(code < 500 for code in answers), f"trial {n}: {answers}")
        doubled += _reports(api, item) - before > 1
    check(doubled == 0, f"two reports stored in {doubled} of {trials} trials")
    return f"{trials} double taps on POST /api/items/{item}/reports/: one report each"


def f6_timeline(base: str, down: str) -> str:
    refused = []
    with psycopg.connect(os.environ["PROBE_APP_DATABASE_URL"].replace("postgres://", "postgresql://", 1)) as app:
        app.autocommit = True
        for sql in (
            "DELETE FROM responsibility_itemevent",
            "TRUNCATE responsibility_itemevent CASCADE",
            "UPDATE responsibility_itemevent SET note = '改写'",
            "ALTER TABLE responsibility_itemevent DISABLE TRIGGER USER",
            "DROP TRIGGER itemevent_append_only ON responsibility_itemevent",
        ):
            try:
                app.execute(sql)
            except psycopg.Error:
                refused.append(sql.split()[0])
            else:
                raise Fail(f"the runtime role may: {sql}")
    check(one("SELECT count(*) FROM responsibility_itemevent")[0] > 0, "the timeline is empty")
    manage("verify_timeline")
    admin = Browser(base)
    admin.get("/admin/login/")
    admin.post_form("/admin/login/?next=/admin/", {"username": "probe_admin", "password": "Probe-admin-2026"})
    admin.get("/admin/responsibility/itemevent/add/", expect=403)
    admin.get("/admin/assessment/itemscore/add/", expect=403)
    item = one("SELECT id FROM responsibility_responsibilityitem WHERE responsible_post_id IS NOT NULL LIMIT 1")[0]
    change = admin.get(f"/admin/responsibility/responsibilityitem/{item}/change/").text
    check('name="responsible_post"' not in change, "the admin can change an item's responsible post")
    return (
        f"as the runtime role {', '.join(refused)} refused; verify_timeline intact; the admin cannot add "
        "timeline events or scores, nor move an item's responsible post"
    )


def f7_nested_json(base: str, down: str) -> str:
    deep = "[" * 5000 + "]" * 5000
    http = session_from("127.0.0.7")
    seen = []
    for path in ("/api/token/", "/api/items/1/extension/", "/api/items/1/transfer/"):
        response = http.post(urljoin(base, path), data=deep, headers={"Content-Type": "application/json"}, timeout=30)
        check(response.status_code < 500, f"POST {path} with [×5000: {response.status_code}")
        seen.append(f"{path} {response.status_code}")
    api = Api(base, "127.0.0.7")
    check(api.sign_in("official").status_code == 200, "the official cannot sign in")
    item = _report_item(api)
    nested = '{"narrative":' * 3000 + '"x"' + "}" * 3000
    for path in (f"/api/items/{item}/extension/", f"/api/items/{item}/transfer/", "/api/notifications/read-all/"):
        for body in (deep, nested):
            response = api.call("POST", path, data=body, headers={"Content-Type": "application/json"})
            check(response.status_code < 500, f"signed in, nested JSON to {path}: {response.status_code}")
            seen.append(f"{path} signed in {response.status_code}")
    return "[×5000 and {×3000: " + ", ".join(dict.fromkeys(seen))


def f10_evidence(base: str, down: str) -> str:
    api = Api(base, "127.0.0.8")
    check(api.sign_in("official").status_code == 200, "the official cannot sign in")
    item = _report_item(api)
    before = _reports(api, item)
    big = b"%PDF-1.4\n" + b"0" * (19 * MB)
    files = [("evidence", (f"台账{n}.pdf", big, "application/pdf")) for n in range(3)]
    body = {"percent_done": "40", "narrative": "探针：三个 19 MB 文件"}
    too_much = api.call("POST", f"/api/items/{item}/reports/", data=body, files=files)
    check(too_much.status_code in (400, 413), f"3 × 19 MB at once: {too_much.status_code}")
    check("合计超过" in too_much.text, f"3 × 19 MB refused for another reason: {too_much.text[:200]}")
    html = [("evidence", ("page.html", b"<html><script>alert(1)</script></html>", "text/html"))]
    body = {"percent_done": "40", "narrative": "探针：网页文件"}
    refused = api.call("POST", f"/api/items/{item}/reports/", data=body, files=html)
    check(refused.status_code == 400, f"an .html file: {refused.status_code}")
    check("page.html" in refused.text, f"the .html refused for another reason: {refused.text[:200]}")
    check(_reports(api, item) == before, "a refused submission stored a report")
    files = [
        ("evidence", ("现场.png", photo(), "image/png")),
        ("evidence", ("说明.txt", "探针说明".encode(), "text/plain")),
    ]
    body = {"percent_done": "45", "narrative": f"探针：佐证 {uuid.uuid4().hex[:6]}"}
    stored = api.call("POST", f"/api/items/{item}/reports/", data=body, files=files)
    check(stored.status_code == 201, f"a photo and a text file: {stored.status_code} {stored.text[:200]}")
    evidence = _evidence_of(api, item)
    modes = {oct(path.stat().st_mode & 0o777) for path in (WORK / "media").rglob("*") if path.is_file()}
    check(modes == {"0o600"}, f"evidence files on disk: {modes}")
    text = api.call("GET", urlsplit(evidence["说明.txt"]).path)
    disposition = text.headers.get("Content-Disposition", "")
    check(disposition.startswith("attachment"), f"a text file is served as {disposition!r}")
    check(text.headers.get("X-Content-Type-Options") == "nosniff", "no nosniff on a download")
    return (
        f"3 × 19 MB: {too_much.status_code}; .html: {refused.status_code}; files on disk {modes.pop()}; "
        "a .txt served as attachment with nosniff"
    )


def _evidence_of(api: Api, item: int) -> dict[str, str]:
    detail = api.call("GET", f"/api/items/{item}/").json()
    return {f["name"]: f["download_url"] for report in detail["reports"] for f in report.get("evidence", [])}


def f12_tokens_sessions_headers(base: str, down: str) -> str:
    api = Api(base, "127.0.0.9")
    answer = api.sign_in("official2")
    check(answer.status_code == 200, f"official2 cannot sign in: {answer.status_code}")
    expiry = answer.json().get("expiry")
    check(bool(expiry), "the token has no expiry")
    token = api.token
    digest, key = one("SELECT digest, token_key FROM knox_authtoken ORDER BY created DESC LIMIT 1")
    check(token not in (digest, key) and len(digest) == 128, "the token is stored in clear")
    browser = Browser(base)
    browser.http.mount("http://", FromAddress("127.0.0.9"))
    browser.log_in("official2")
    page = browser.get("/")
    for header in ("Content-Security-Policy", "Permissions-Policy"):
        check(header in page.headers, f"a logged-in page has no {header}")
    check("no-store" in page.headers.get("Cache-Control", ""), f"a logged-in page: {page.headers.get('Cache-Control')}")
    cookie = next((c for c in browser.http.cookies if c.name == "sessionid"), None)
    check(cookie is not None and cookie.expires - time.time() <= 3700, "the session outlives an hour")
    for path in ("/api/docs/", "/api/schema/"):
        anonymous = requests.get(urljoin(base, path), headers={"X-Forwarded-Proto": "https"}, timeout=30)
        check(anonymous.status_code in (401, 403), f"anonymous GET {path}: {anonymous.status_code}")
    check(api.call("GET", "/api/tasks/").status_code == 200, "the token does not work")
    new = "Probe-new-pass-2026"
    browser.get("/password/")
    browser.post_form("/password/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    after = api.call("GET", "/api/tasks/").status_code
    check(after == 401, f"the token after a password change: {after}")
    return (
        f"token expires {expiry}, kept as a digest, refused (401) after a password change; session "
        "cookie ≤ 1 h; CSP, Permissions-Policy, no-store; /api/docs/ and /api/schema/ need a login"
    )


FINDINGS: list[tuple[str, str, Callable[[str, str], str]]] = [
    ("F1", "production setup works as documented", f1_production_setup),
    ("F2", "login lockout, failures logged", f2_login_lockout),
    ("F3", "token throttle ignores X-Forwarded-For, counts per account", f3_throttle_address),
    ("F4", "Redis down: token and import still work", f4_redis_down),
    ("F5", "API double tap stores one report", f5_double_tap),
    ("F6", "timeline append-only for the runtime role, admin read-only", f6_timeline),
    ("F7", "nested JSON gives no 500", f7_nested_json),
    ("F10", "evidence totals, types, file modes, downloads", f10_evidence),
    ("F12", "tokens, sessions, headers, API docs", f12_tokens_sessions_headers),
]


def main(base: str, down: str, only: list[str]) -> int:
    wait_until_up(base)
    failed, findings = 0, [f for f in FINDINGS if not only or f[0] in only]
    for code, title, probe in findings:
        manage("axes_reset")  # each check starts with no lockout left by the one before
        try:
            seen = probe(base, down)
        except (Fail, requests.RequestException, psycopg.Error, KeyError, StopIteration) as failure:
            failed += 1
            print(f"{code:<4} FAIL  {title}: {failure!r}"[:600], flush=True)
        else:
            print(f"{code:<4} PASS  {title}: {seen}", flush=True)
    print(f"{len(findings) - failed} of {len(findings)} findings hold")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
