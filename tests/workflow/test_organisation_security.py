"""登录安全 (组织机构): the office or the system administrator requires a second factor of the
organisation's office, committee and administrators; SECOND_FACTOR_REQUIRED is a floor it cannot lower.
(Who may open and post the page: tests/workflow/test_organisation_permissions.py.)"""

from __future__ import annotations

import logging
import re

from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from responsibility.models import Post, Unit
from tests.accounts.test_second_factor import code
from tests.browser import Browser, messages, queries, row_texts, text, url
from tests.cast import person


def verified(user) -> Browser:
    """Logged in with the password and the code (as the floor asks of the office)."""
    browser = Browser(user)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    assert browser.submit(reverse("second_factor_verify"), {"token": code(device)}).status_code == 302
    return browser


def test_the_office_requires_the_second_factor_and_lifts_it_again(cast, caplog):
    office = Browser(cast.office)
    with caplog.at_level(logging.INFO, logger="luoshi.login"):
        response = office.submit(url("org_security", cast.street.pk), {"second_factor_required": "on"}, follow=True)
    assert messages(response) == ["已要求两步验证。"]
    assert "second factor required in 回兴街道 by office" in caplog.text
    cast.street.refresh_from_db()
    assert cast.street.second_factor_required

    response = office.submit(url("org_security", cast.street.pk), {}, follow=True)
    assert messages(response) == ["已不再要求两步验证。"]
    cast.street.refresh_from_db()
    assert not cast.street.second_factor_required


def test_the_administrator_may_require_it_too(cast, admin):
    Browser(admin).submit(url("org_security", cast.street.pk), {"second_factor_required": "on"})
    cast.street.refresh_from_db()
    assert cast.street.second_factor_required


def test_the_page_lists_who_must_enrol_and_who_has(cast, admin):
    TOTPDevice.objects.create(user=cast.committee, name="phone", confirmed=True)
    TOTPDevice.objects.create(user=cast.office, name="phone", confirmed=False)  # begun, not confirmed
    listed = row_texts(Browser(cast.office).get(url("org_security", cast.street.pk)))
    assert listed == [
        "党工委党工委书记（党工委委员） 王书记 committee 已开启",
        "党政办法治办干事（党政办/法治办） 李文员 office 未开启（下次登录时须开启）",
        "信息中心系统管理员（系统管理员） 陈管理 admin 未开启（下次登录时须开启）",
    ]


def test_the_list_costs_the_same_queries_however_many_posts(cast, django_assert_num_queries):
    office = Browser(cast.office)
    path = url("org_security", cast.street.pk)
    few = queries(office.client, path)
    for n in range(5):
        holder = person(f"clerk{n}", f"干事{n}")
        Post.objects.create(unit=cast.office_unit, title=f"干事{n}", role=Post.Role.OFFICE, holder=holder)
    with django_assert_num_queries(few):
        assert len(row_texts(office.get(path))) == 7


def test_an_organisation_of_another_office_is_not_found(cast):
    other = Unit.objects.create(name="双凤桥街道", kind=Unit.Kind.ORGANISATION)
    response = Browser(cast.office).submit(url("org_security", other.pk), {"second_factor_required": "on"})
    assert response.status_code == 404
    other.refresh_from_db()
    assert not other.second_factor_required


def test_with_the_floor_on_the_page_says_so_and_the_choice_cannot_be_lowered(cast, settings):
    settings.SECOND_FACTOR_REQUIRED = True
    office = verified(cast.office)
    page = text(office.get(url("org_security", cast.street.pk)))
    assert "SECOND_FACTOR_REQUIRED" in page and "此处不能关闭" in page
    assert re.search(r'name="second_factor_required"[^>]*checked', page)
    office.submit(url("org_security", cast.street.pk), {})
    cast.street.refresh_from_db()
    assert not cast.street.second_factor_required  # the stored choice untouched: it applies when the floor goes
