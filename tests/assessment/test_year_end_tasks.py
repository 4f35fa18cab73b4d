"""The year-end of every organisation: one Celery task per scheme (a chord), each its own
computation; a scheme that cannot be computed is refused without stopping the others, and a
database error is retried for that scheme alone."""

import datetime
import io
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.db import OperationalError

import assessment.tasks
from assessment.compute import compute
from assessment.models import Assessment, Scheme, UnitResult
from responsibility.models import Unit
from tests.assessment.scenario import finish, item_for, scheme_for, unit_with_official

pytestmark = pytest.mark.django_db


@pytest.fixture
def district(cast):
    """The street's scheme over its plan (two units' items), and a town's scheme with no published plan."""
    scheme = scheme_for(cast)
    for n, claimed in enumerate([datetime.date(2020, 6, 20), datetime.date(2020, 7, 20)], start=1):
        unit, post = unit_with_official(cast, f"第{n}社区", 10 + n)
        finish(item_for(cast, unit, post, points=D(10), number=f"{n}."), claimed=claimed)
    town = Unit.objects.create(name="天星镇", kind=Unit.Kind.ORGANISATION)
    Scheme.objects.create(organisation=town, year=2020, title="天星镇2020年度考核细则")
    return scheme


def totals(assessment_) -> list[tuple]:
    return sorted(UnitResult.objects.filter(assessment=assessment_).values_list("unit", "total", "grade", "rank"))


def test_every_organisations_scheme_is_computed_by_a_task_of_its_own(district, monkeypatch):
    computed = []
    real = assessment.tasks.compute
    monkeypatch.setattr(
        assessment.tasks, "compute", lambda scheme, **k: computed.append(scheme.pk) or real(scheme, **k)
    )

    queued = assessment.tasks.score_year.delay(2020, "2020-12-31").get()

    assert sorted(queued["schemes"]) == sorted(Scheme.objects.filter(year=2020).values_list("pk", flat=True))
    assert sorted(computed) == sorted(queued["schemes"])
    [version] = Assessment.objects.filter(scheme=district)
    assert totals(version)  # ranked units, as one computation of this scheme gives them
    again = compute(district, as_of=datetime.date(2020, 12, 31))
    assert again.pk == version.pk and totals(again) == totals(version)


def test_a_scheme_without_a_published_plan_is_refused_and_the_others_computed(district):
    summary = assessment.tasks.year_scored.apply(
        ([assessment.tasks.score_scheme.apply((pk,)).get() for pk in Scheme.objects.values_list("pk", flat=True)],),
        {"year": 2020},
    ).get()
    [refused] = summary["not_computed"]
    assert refused["organisation"] == "天星镇" and "没有已发布的工作要点" in refused["refused"]
    assert summary["computed"] == list(Assessment.objects.filter(scheme=district).values_list("pk", flat=True))


def test_a_database_error_is_retried_for_that_scheme_alone(district, monkeypatch, retrying):
    runs = []
    real = assessment.tasks.compute

    def flaky(scheme, **kwargs):
        runs.append(scheme.pk)
        if scheme.pk == district.pk and runs.count(scheme.pk) == 1:
            raise OperationalError("could not serialize access")
        return real(scheme, **kwargs)

    monkeypatch.setattr(assessment.tasks, "compute", flaky)
    assessment.tasks.score_year.delay(2020).get()

    town = Scheme.objects.exclude(pk=district.pk).get()
    assert runs.count(district.pk) == 2 and runs.count(town.pk) == 1
    assert Assessment.objects.filter(scheme=district).count() == 1


def test_score_year_all_computes_every_organisation(district):
    out = io.StringIO()
    call_command("score_year", "--all", "--year", "2020", "--as-of", "2020-12-31", stdout=out)
    assert "回兴街道 2020年度法治建设考核细则 第1版（待发布）" in out.getvalue()
    assert "天星镇 天星镇2020年度考核细则 未计算" in out.getvalue()
