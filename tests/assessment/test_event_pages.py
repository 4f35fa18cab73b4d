"""The events pages (加减分事项): who sees which, recording one with its evidence, and downloading it."""

import datetime
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from assessment.models import EventRule, ScoreEvent
from tests.assessment.pages import INSIDERS, aurl, browsers_for, query_count
from tests.assessment.scenario import event, rule, scheme_for
from tests.browser import field_errors, messages, plain_text, row_texts

pytestmark = pytest.mark.usefixtures("media")

RECORDERS = {"office", "assessor"}
ROLES = ["committee", "office", "leader", "official", "official2", "inspector", "assessor", "outsider"]
PDF = "%PDF-1.4\n市级通报表扬文件\n%%EOF\n".encode()


@pytest.fixture
def browsers(cast):
    return browsers_for(cast)


@pytest.fixture
def media(settings, tmp_path):
    """Evidence files land in a fresh folder per test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def status(role: str, who: set[str]) -> int:
    """200 where the role may; else 404 for the outsider (he may not see the pages at all) and 403 for an
    insider who may see them but not do this."""
    if role in who:
        return 200
    return 404 if role == "outsider" else 403


@pytest.fixture
def scheme(cast):
    return scheme_for(cast)


@pytest.fixture
def praise(scheme):
    return rule(scheme, EventRule.Kind.BONUS, "通报表扬", 1, level=EventRule.Level.CITY)


def evidence(content=PDF, name="表扬通报.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def record(browser, scheme, **fields):
    data = {"occurred_on": "2020-05-10", "description": "市政府通报表扬", "evidence": evidence(), **fields}
    return browser.submit(aurl("event_new", scheme.pk), data, follow=True)


def stored_event(scheme, rule, user, unit=None, person=None, day=datetime.date(2020, 5, 1)) -> ScoreEvent:
    found = event(scheme, rule, day, user, unit=unit, person=person)
    found.evidence.save("通报.pdf", SimpleUploadedFile("通报.pdf", PDF), save=False)
    found.evidence_name, found.evidence_sha256 = "通报.pdf", hashlib.sha256(PDF).hexdigest()
    found.save()
    return found


# --- who may open what ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_each_role_opens_the_event_pages_it_may_and_no_others(cast, browsers, scheme, role):
    browser = browsers[role]
    assert browser.get(aurl("events", scheme.pk)).status_code == status(role, INSIDERS)
    assert browser.get(aurl("event_new", scheme.pk)).status_code == status(role, RECORDERS)


@pytest.mark.parametrize("role", sorted(set(ROLES) - RECORDERS))
def test_who_may_not_record_cannot_record_by_posting(cast, browsers, scheme, praise, role):
    response = browsers[role].submit(
        aurl("event_new", scheme.pk),
        {"rule": praise.pk, "unit": cast.justice.pk, "occurred_on": "2020-05-10", "description": "x"},
        form_page=aurl("schemes"),
    )
    assert response.status_code == status(role, set())
    assert not ScoreEvent.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_and_downloads_only_the_events_it_may(cast, browsers, scheme, praise, role):
    cast.item()  # led by the leader, done by the justice office
    justice = stored_event(scheme, praise, cast.assessor, unit=cast.justice)
    community = stored_event(scheme, praise, cast.assessor, unit=cast.community)
    person = stored_event(scheme, praise, cast.assessor, person=cast.official2)
    everyone = {"committee", "office", "assessor"}
    # The lead leader answers for the items of the justice office, so he sees its events too.
    sees = {
        justice: everyone | {"official", "leader"},
        community: everyone | {"official2"},
        person: everyone | {"official2"},
    }
    browser = browsers[role]
    page = browser.get(aurl("events", scheme.pk))
    for found, who in sees.items():
        link = aurl("event_evidence", scheme.pk, found.pk)
        if role in INSIDERS:
            assert (link in page.content.decode()) == (role in who), (role, found)
        response = browser.get(link)
        assert response.status_code == (200 if role in who else 404), (role, found)
        if response.status_code == 200:
            assert b"".join(response.streaming_content) == PDF
            assert "attachment" in response["Content-Disposition"]


# --- recording ---------------------------------------------------------------------------------------------------


def test_the_assessor_records_an_event_with_its_evidence_fingerprinted(cast, browsers, scheme, praise, media):
    item = cast.item()
    page = record(browsers["assessor"], scheme, rule=praise.pk, unit=cast.justice.pk, item=item.pk)

    assert page.redirect_chain[-1] == (aurl("events", scheme.pk), 302)
    assert any("已登记" in m for m in messages(page))
    found = ScoreEvent.objects.get()
    assert (found.rule, found.unit, found.item, found.recorded_by) == (praise, cast.justice, item, cast.assessor)
    assert found.occurred_on == datetime.date(2020, 5, 10)
    assert found.evidence_name == "表扬通报.pdf"
    assert found.evidence_sha256 == hashlib.sha256(PDF).hexdigest()
    assert found.evidence.name.startswith(f"assessment/{found.evidence_sha256[:2]}/{found.evidence_sha256}/")
    assert (media / found.evidence.name).read_bytes() == PDF
    assert any("通报表扬（市级）" in row and "司法所" in row and "表扬通报.pdf" in row for row in row_texts(page))


def test_a_date_outside_the_year_is_refused_beside_the_field(cast, browsers, scheme, praise):
    page = record(browsers["office"], scheme, rule=praise.pk, unit=cast.justice.pk, occurred_on="2021-01-02")
    assert field_errors(page, "occurred_on") == ["发生日期不在考核年度内。"]
    assert not ScoreEvent.objects.exists()


def test_an_event_needs_a_unit_or_a_person_and_its_evidence(cast, browsers, scheme, praise):
    page = record(browsers["office"], scheme, rule=praise.pk, evidence="")
    assert "请选择单位或人员。" in plain_text(page)
    assert field_errors(page, "evidence")
    assert not ScoreEvent.objects.exists()


def test_a_rule_of_another_scheme_cannot_be_chosen(cast, browsers, scheme):
    from assessment.models import Scheme

    other = Scheme.objects.create(organisation=cast.street, year=2021, title="2021")
    foreign = rule(other, EventRule.Kind.BONUS, "通报表扬", 1)
    page = record(browsers["office"], scheme, rule=foreign.pk, unit=cast.justice.pk)
    assert field_errors(page, "rule")
    assert not ScoreEvent.objects.exists()


def test_an_oversized_evidence_file_is_refused_and_nothing_is_saved(cast, scheme, praise, settings, media):
    settings.EVIDENCE_MAX_BYTES = 1024
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.assessor)
    client.get(aurl("event_new", scheme.pk))
    data = {
        # The token first, as the form renders it, so that it survives a body cut off at the file.
        "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
        "rule": praise.pk,
        "unit": cast.justice.pk,
        "occurred_on": "2020-05-10",
        "description": "通报表扬",
        "evidence": evidence(b"x" * 5000),
    }
    response = client.post(aurl("event_new", scheme.pk), data)
    assert response.status_code == 200
    assert any("超过大小上限" in m for m in messages(response))
    assert not ScoreEvent.objects.exists()
    assert not any(media.rglob("*.pdf")) if media.exists() else True


# --- the list ------------------------------------------------------------------------------------------------


def test_the_list_filters_by_unit_and_by_kind(cast, browsers, scheme, praise):
    criticism = rule(scheme, EventRule.Kind.DEDUCTION, "通报批评", 2)
    event(scheme, praise, datetime.date(2020, 3, 1), cast.assessor, unit=cast.justice, text="表扬司法所")
    event(scheme, criticism, datetime.date(2020, 4, 1), cast.assessor, unit=cast.justice, text="批评司法所")
    event(scheme, criticism, datetime.date(2020, 5, 1), cast.assessor, unit=cast.community, text="批评社区")
    office = browsers["office"]

    def shown(query: str) -> list[str]:
        rows = row_texts(office.get(aurl("events", scheme.pk) + query))
        return {word for row in rows for word in ("表扬司法所", "批评司法所", "批评社区") if word in row}

    assert shown("") == {"批评社区", "批评司法所", "表扬司法所"}
    assert shown(f"?unit={cast.justice.pk}") == {"批评司法所", "表扬司法所"}
    assert shown("?kind=deduction") == {"批评社区", "批评司法所"}
    assert shown(f"?unit={cast.justice.pk}&kind=bonus") == {"表扬司法所"}


@pytest.mark.parametrize("role", ["office", "official"])
def test_the_list_reads_a_fixed_number_of_queries_whatever_the_number_of_events(
    cast, browsers, scheme, praise, role, django_assert_num_queries
):
    item = cast.item()
    client = browsers[role].client
    stored_event(scheme, praise, cast.assessor, unit=cast.justice)
    one = query_count(client, aurl("events", scheme.pk))
    for _n in range(5):
        found = stored_event(scheme, praise, cast.office, unit=cast.justice, person=cast.official)
        ScoreEvent.objects.filter(pk=found.pk).update(item=item)
    with django_assert_num_queries(one):
        page = client.get(aurl("events", scheme.pk))
    assert len(row_texts(page)) == 6


def test_b1_a_unit_of_another_organisation_cannot_be_chosen(cast, browsers, scheme, praise):
    from responsibility.models import Unit

    elsewhere = Unit.objects.create(name="外街道", kind=Unit.Kind.ORGANISATION)
    foreign = Unit.objects.create(name="外街道司法所", parent=elsewhere)
    page = record(browsers["office"], scheme, rule=praise.pk, unit=foreign.pk)
    assert field_errors(page, "unit")
    assert not ScoreEvent.objects.exists()
