"""The Content-Security-Policy breaks nothing: no page the office opens reports a violation, and the
behaviours wired in static/js/confirm.js (the language switch) still work."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGES = ["/", "/tasks/", "/items/", "/board/", "/plans/", "/notifications/", "/password/", "/lockouts/", "/api/docs/"]


@pytest.mark.parametrize("size", ["desktop"])
def test_no_page_reports_a_policy_violation(visit, size):
    journey = visit("office")
    problems: list[str] = []
    journey.page.on("console", lambda m: m.type in {"error", "warning"} and problems.append(f"{m.text}"))
    for path in PAGES:
        journey.go(path)
        journey.page.wait_for_load_state("networkidle")
    journey.go("/items/")
    journey.page.locator("a[href^='/items/']").nth(3).click()
    journey.page.wait_for_load_state("networkidle")
    assert not [p for p in problems if "Content Security Policy" in p or "Permissions-Policy" in p], problems


@pytest.mark.parametrize("size", ["desktop"])
def test_the_language_switch_works_without_inline_script(visit, size):
    journey = visit("office")
    journey.go("/tasks/")
    journey.page.select_option("select[name=language]", "en")
    expect(journey.page.locator("html")).to_have_attribute("lang", "en")
