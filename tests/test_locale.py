"""Chinese first: the browser's language does not switch the screens; the user's choice does."""

import pytest


@pytest.mark.django_db
def test_an_english_browser_still_gets_chinese_screens(client):
    response = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "zh-hans"
    assert '<html lang="zh-hans">' in response.content.decode()


@pytest.mark.django_db
def test_choosing_english_switches_the_screens(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    response = client.get("/login/")
    assert response.headers["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()
