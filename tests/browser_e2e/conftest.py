"""Debian's Chromium, headless and in Chinese, driving the demo on pytest-django's live server.

pytest-playwright's fixtures are used (``new_context``, ``--headed``, ``--slowmo``, ``--tracing``),
but its browser is not downloaded: Chromium is Debian's (``scripts/test`` installs it). Screenshots
of every step, and of the page a journey failed on, go to ``var/screenshots/``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from responsibility.models import ResponsibilityItem
from tests.conftest import CHROMIUM
from workflow import demo

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
SIZES = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True},
}


@pytest.fixture(scope="package", autouse=True)
def orm_beside_playwright() -> Iterator[None]:
    """Playwright's sync API keeps an asyncio loop running in this thread, and Django then refuses
    ORM calls here (loading the demo, flushing the database) as if they came from async code."""
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if before is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


# pytest-playwright starts Playwright for the whole session; ours stops with this package, so that
# its loop does not stay in the thread for the tests that run after these.
@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="package")
def browser_type(playwright: Playwright):
    return playwright.chromium


@pytest.fixture(scope="package")
def browser(playwright: Playwright, browser_type_launch_args: dict) -> Iterator[Browser]:
    # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
    options = {"headless": True, **browser_type_launch_args, "executable_path": CHROMIUM}
    browser = playwright.chromium.launch(**options, args=["--no-sandbox"])
    yield browser
    browser.close()


@pytest.fixture(scope="package")
def browser_context_args() -> dict:
    # zh-CN is what a browser in China sends (Accept-Language); the site answers in zh-hans.
    return {"locale": "zh-CN", "timezone_id": "Asia/Shanghai"}


@pytest.fixture(params=list(SIZES))
def size(request) -> str:
    return request.param


@pytest.fixture
def site(live_server, fast_passwords) -> Site:
    """The demo, loaded anew for each journey (0.7 s on SQLite): live_server's transactional database
    is emptied after every test, and each journey changes what the next one would see."""
    return Site(url=live_server.url, demo=demo.load())


@pytest.fixture
def empty_site(live_server, fast_passwords) -> Site:
    """Nothing but the migrations: a new office's first day (its organisation is created by the test)."""
    return Site(url=live_server.url)


@dataclass
class Site:
    url: str
    demo: demo.Demo | None = None

    def item(self, title: str) -> ResponsibilityItem:
        return ResponsibilityItem.objects.get(plan=self.demo.plan, title=title)


@dataclass
class Journey:
    """One person's visit: logs in through the login page and saves a screenshot of every step."""

    page: Page
    site: Site
    name: str
    steps: list[str] = field(default_factory=list)

    def go(self, path: str):
        return self.page.goto(self.site.url + path)

    def log_in(self, username: str, password: str = demo.PASSWORD) -> None:
        self.go("/login/")
        self.page.get_by_label("用户名").fill(username)
        self.page.get_by_label("密码").fill(password)
        self.page.get_by_role("button", name="登录").click()
        self.page.wait_for_url(re.compile(r"^(?!.*/login/)"))

    def shot(self, step: str) -> Path:
        self.steps.append(step)
        path = SCREENSHOTS / f"{self.name}-{len(self.steps):02d}-{step}.png"
        self.page.screenshot(path=path, full_page=True)
        return path


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.journey_failed = report.failed
    return report


@pytest.fixture
def window(request, new_context, size: str):
    """``window(site, "name")``: a fresh browser window of the test's size, not logged in; its
    screenshots are named ``name-size-NN-step.png``."""
    journeys: list[Journey] = []

    def open_window(site: Site, name: str) -> Journey:
        page = new_context(**SIZES[size]).new_page()
        page.set_default_timeout(10_000)
        journey = Journey(page=page, site=site, name=f"{name}-{size}")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for old in SCREENSHOTS.glob(f"{journey.name}-*.png"):
            old.unlink()
        journeys.append(journey)
        return journey

    yield open_window
    if getattr(request.node, "journey_failed", False):
        for journey in journeys:
            journey.shot("FAILED")


@pytest.fixture
def visit(site: Site, window):
    """``visit("office")``: a fresh browser window of the test's size, logged in as that demo login."""

    def start(username: str) -> Journey:
        journey = window(site, username)
        journey.log_in(username)
        return journey

    return start
