"""Celery tasks of the assessment layer: the year-end computation, one task per organisation.

Each organisation's scheme is computed in a transaction of its own (``compute``), on its own plan:
the schemes share no row, so the workers listening to the ``sweeps`` queue take them in parallel,
and a district's year-end takes as long as its largest organisation, not as all of them together.
"""

from __future__ import annotations

import datetime
import logging

from celery import chord, shared_task
from django.db import OperationalError

from .compute import SchemeError, compute
from .models import Scheme

log = logging.getLogger(__name__)

SCORE_RETRIES = 3


@shared_task(acks_late=True)
def score_year(year: int, as_of: str | None = None, reason: str = "") -> dict:
    """Compute every organisation's scheme of ``year``: one ``score_scheme`` task each, then
    ``year_scored`` once all have finished (a chord)."""
    schemes = list(Scheme.objects.filter(year=year).order_by("organisation__order", "id").values_list("pk", flat=True))
    if schemes:
        chord(score_scheme.si(pk, as_of, reason) for pk in schemes)(year_scored.s(year))
    else:
        year_scored.delay([], year)
    return {"year": year, "schemes": schemes}


@shared_task(bind=True, acks_late=True, ignore_result=False, max_retries=SCORE_RETRIES)
def score_scheme(self, scheme_id: int, as_of: str | None = None, reason: str = "") -> dict:
    """One organisation's year. Run again (a retry, a redelivery after a lost worker) it recomputes
    the draft it made, as the 计算 button does; a scheme that cannot be computed (no published plan,
    a published version and no reason) is refused, not retried. A database error is retried, this
    scheme alone."""
    scheme = Scheme.objects.select_related("organisation").filter(pk=scheme_id).first()
    if scheme is None:
        return {"scheme": scheme_id, "refused": "missing"}
    done = {"scheme": scheme.pk, "organisation": scheme.organisation.name}
    day = datetime.date.fromisoformat(as_of) if as_of else None
    try:
        assessment = compute(scheme, as_of=day, reason=reason)
    except SchemeError as refusal:
        return {**done, "refused": str(refusal)}
    except OperationalError as error:
        if self.request.retries < self.max_retries:
            raise self.retry(exc=error, countdown=2**self.request.retries * 10) from error
        log.exception("the year-end of scheme %s failed after %s retries", scheme.pk, self.max_retries)
        return {**done, "failed": str(error)}
    return {**done, "assessment": assessment.pk, "version": assessment.version}


@shared_task(acks_late=True, ignore_result=False)
def year_scored(results: list[dict], year: int) -> dict:
    """Every scheme computed (or refused): log what each gave."""
    for result in results:
        if "assessment" not in result:
            log.warning("the year-end %s of %s: %s", year, result.get("organisation"), result)
    summary = {
        "year": year,
        "computed": [result["assessment"] for result in results if "assessment" in result],
        "not_computed": [result for result in results if "assessment" not in result],
    }
    log.info("the year-end %s: %s", year, summary)
    return summary
