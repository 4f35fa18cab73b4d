"""The error pages speak Chinese (and English when chosen), with the site's header: not viewflow's."""

import pytest
from django.test import Client

from tests.browser import Browser, plain_text

pytestmark = pytest.mark.django_db


def test_a_page_that_does_not_exist_is_a_chinese_404_with_the_header(cast):
    response = Browser(cast.outsider).get("/items/999999/")
    assert response.status_code == 404
    page = plain_text(response)
    assert "404 · 页面不存在" in page and "返回工作台" in page and "吴路人" in page
    assert "We're sorry" not in page


def test_the_403_page_is_chinese(cast):
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory
    from django.views.defaults import permission_denied

    request = RequestFactory().post("/")
    request.user = cast.official
    response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403 and "403 · 无权进行此操作" in response.content.decode()


def test_the_403_page_does_not_say_you_may_see_a_page_you_may_not_open(cast):
    from tests.workflow.drive import item_at

    item = item_at(cast, "work")
    page = Browser(cast.official).get(f"/items/{item.pk}/unit-points/")
    assert page.status_code == 403
    assert "403 · 无权查看此页面" in plain_text(page) and "您可以查看此页面" not in plain_text(page)
    posted = Browser(cast.official).submit(f"/items/{item.pk}/unit-points/", {}, form_page=f"/items/{item.pk}/")
    assert posted.status_code == 403 and "403 · 无权进行此操作" in plain_text(posted)


@pytest.mark.parametrize("path", ["/no-such-page/", "/items/999999/", "/plans/999999/quarters/2020/1/"])
def test_with_debug_on_a_404_is_still_our_page(cast, settings, path):
    settings.DEBUG = True
    response = Browser(cast.office).get(path)
    assert response.status_code == 404
    page = plain_text(response)
    assert "404 · 页面不存在" in page and "返回工作台" in page
    assert "Using the URLconf" not in page and "Page not found" not in page


@pytest.mark.parametrize("quarter", ["0/1", "9999/4", "99999999999/1"])
def test_odd_quarters_are_not_found_not_a_crash(cast, quarter):
    assert Browser(cast.committee).get(f"/plans/{cast.plan.pk}/quarters/{quarter}/").status_code == 404


def test_the_404_page_follows_the_chosen_language(cast):
    client = Client()
    client.force_login(cast.outsider)
    client.cookies["django_language"] = "en"
    response = client.get("/items/999999/")
    assert response.status_code == 404 and "Page not found" in response.content.decode()


def test_the_icon_browsers_ask_for_is_found(client):
    response = client.get("/favicon.ico")
    from django.contrib.staticfiles import finders

    assert response.status_code == 301 and response["Location"].endswith(".svg")
    assert finders.find("favicon.svg")  # the file the static files serve there
