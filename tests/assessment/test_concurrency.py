"""Two people computing or publishing the same year at the same moment, on the real PostgreSQL."""

import datetime
from decimal import Decimal as D

import pytest

from assessment.compute import SchemeError, compute, publish
from assessment.models import Assessment, ItemResult, UnitResult
from tests.assessment.scenario import finish, item_for, scheme_for, unit_with_official
from tests.threads import at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
YEAR_END = datetime.date(2020, 12, 31)


@pytest.fixture
def scheme(cast_committed):
    cast = cast_committed
    scheme = scheme_for(cast)
    for n in range(3):
        unit, post = unit_with_official(cast, f"单位{n}", 10 + n)
        finish(item_for(cast, unit, post, points=D(10), title=f"事项{n}"), claimed=datetime.date(2020, 7, 1 + n * 7))
    return scheme


def test_two_computations_at_once_leave_one_draft_with_one_row_each(scheme):
    errors = at_once(lambda: compute(scheme, as_of=YEAR_END), lambda: compute(scheme, as_of=YEAR_END))
    assert errors == []
    (draft,) = Assessment.objects.filter(scheme=scheme)
    assert draft.version == 1
    assert ItemResult.objects.filter(assessment=draft).count() == 3
    assert sorted(UnitResult.objects.filter(assessment=draft).values_list("total", flat=True)) == [D(85), D(90), D(95)]


def test_a_publication_racing_a_recomputation_freezes_whole_results(cast_committed, scheme):
    draft = compute(scheme, as_of=YEAR_END)
    errors = at_once(
        lambda: publish(draft, user=cast_committed.committee),
        lambda: compute(scheme, as_of=YEAR_END),
        expected=(SchemeError,),
    )
    assert errors == []
    versions = list(Assessment.objects.filter(scheme=scheme).order_by("version"))
    published = versions[0]
    assert published.status == Assessment.Status.PUBLISHED
    # Whichever came first, the published version holds its rows in full.
    assert ItemResult.objects.filter(assessment=published).count() == 3
    assert UnitResult.objects.filter(assessment=published).count() == 3
