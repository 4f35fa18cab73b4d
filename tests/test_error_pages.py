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

    request = RequestFactory().get("/")
    request.user = cast.official
    response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403 and "403 · 无权进行此操作" in response.content.decode()


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
