"""The 考核评分 step's score (B4: one item, one score, one set of rules).

The step scores a unit's part by the scheme of the plan's organisation and year, with the year-end
computation's own SQL (``compute.score_part``) on the facts as they stand that day, and keeps the
parts and the lines that explain them (``explain.part_lines``), so that the step and the year end
give the same item the same score from the same facts. With no scheme for the year, neutral rules:
the part's own points, nothing deducted, the quality rating not scored; the score says so.

The item page then shows one score per unit: that of the newest year-end version the reader may see
where it counts the part, else the step's; each says which it is.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Subquery
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from responsibility.models import Assignment, ItemStatus, ResponsibilityItem, WorkPlan

from .compute import score_part
from .explain import ItemLines, Line, day, num, part_lines, score
from .models import ItemScore, Scheme
from .models.scheme import Rules


def scheme_of(item: ResponsibilityItem) -> Scheme:
    """The scheme of the item's plan's organisation and year (one query, the plan's row not read);
    with none, an unsaved ``Scheme()``: its defaults are the neutral rules (a new scheme changes no
    score until someone sets a rule)."""
    plan = WorkPlan.objects.filter(pk=item.plan_id)
    found = Scheme.objects.filter(
        organisation=Subquery(plan.values("organisation_id")), year=Subquery(plan.values("year"))
    ).first()
    return found if found is not None else Scheme()


def rules_of(scheme: Scheme) -> Rules:
    """The scheme's rules as a version keeps them, without its grades (an item's lines need none)."""
    return Rules(scheme.rule_values())


def neutral_note(points: Decimal) -> str:
    return _("本年度尚未制定考核细则，按满分 %(points)s 分、未设扣分规则计") % {"points": num(points)}


def scheme_note(scheme: Scheme, work: Assignment | ResponsibilityItem) -> str:
    """Which rules the step scores by, for its form."""
    if scheme.pk is None:
        return neutral_note(work.scored_points if isinstance(work, Assignment) else work.points)
    return _("按《%(title)s》的事项计分规则计分，与年度考核相同") % {"title": scheme.title}


def quality_note(scheme: Scheme, work: Assignment | ResponsibilityItem | None = None) -> str:
    """What the quality rating counts for under the scheme, for its field on the form: the share,
    and on an item the points it is worth (the rating counts its tenth of them, as year end counts it)."""
    if scheme.pk is None:
        return _("尚无考核细则，工作质量评定仅作记录")
    if not scheme.quality_share:
        return _("本细则不计工作质量，评定仅作记录")
    share = _("工作质量占事项分值的 %(share)s%%") % {"share": scheme.quality_share}
    if work is None:
        return share
    points = work.scored_points if isinstance(work, Assignment) else work.points
    most = Decimal(points) * scheme.quality_share / 100
    text = _("%(share)s：本事项 %(points)s 分，工作质量最多计 %(most)s 分，按评分折算（评 8 分计 %(eight)s 分）")
    return text % {
        "share": share,
        "points": num(points),
        "most": score(most),
        "eight": score(most * Decimal("0.8")),
    }


def scored(
    work: Assignment | ResponsibilityItem, quality: Decimal, comment: str, assessor, scheme: Scheme | None = None
) -> ItemScore:
    """The step's score of ``work`` today by ``scheme`` (by default the item's, ``scheme_of``), with
    the rating and the comment it records (not saved)."""
    item = work.item if isinstance(work, Assignment) else work
    scheme = scheme if scheme is not None else scheme_of(item)
    today = timezone.localdate()
    result = score_part(scheme, work, quality, today)
    result.unit = work.unit if isinstance(work, Assignment) else None
    return ItemScore(
        item_id=item.pk,
        assignment=work if isinstance(work, Assignment) else None,
        scheme=scheme if scheme.pk else None,
        quality=quality,
        completion_points=result.completion_points,
        indicator_points=result.indicator_points,
        quality_points=result.quality_points,
        late_deduction=result.late_deduction,
        return_deduction=result.return_deduction,
        total=result.earned,
        max_total=result.weight,
        reasons=_reasons(scheme, today, result),
        comment=comment,
        assessor=assessor,
    )


def _reasons(scheme: Scheme, day: datetime.date, result) -> list[dict]:
    # Stored text, read later by others: written in the site's language, as the year end's lines are.
    with translation.override(settings.LANGUAGE_CODE):
        lines = [] if scheme.pk else [Line(neutral_note(result.weight))]
        lines += part_lines(rules_of(scheme), day, result)
        return [{"text": line.text, "points": line.shown_points} for line in lines]


# --- the item page: one score per unit ----------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    earned: str
    possible: str
    source: str  # which score it is: 年度考核（第2版）, or 考核评分（2021-01-20）
    year_end: bool


def show(assignments: list[Assignment], year_end: list[ItemLines]) -> None:
    """Set ``shown_score`` on each unit's assignment (with its ``unit_score``, the step's): the year-end
    version's score where the version counts the unit's part, else the step's, else None."""
    for assignment in assignments:
        part = next((p for p in year_end if _counts(p.result, assignment)), None)
        if part is not None:
            assignment.shown_score = Shown(
                score(part.result.earned), num(part.result.weight), year_end_source(part.result.assessment), True
            )
        elif assignment.unit_score is not None:
            step = assignment.unit_score
            assignment.shown_score = Shown(score(step.total), num(step.max_total), step_source(step), False)
        else:
            assignment.shown_score = None


def _counts(result, assignment: Assignment) -> bool:
    if result.assignment_id is not None:
        return result.assignment_id == assignment.pk
    return result.unit_id is not None and result.unit_id == assignment.unit_id


def year_end_source(assessment) -> str:
    if assessment.is_published:
        return _("年度考核（第%(version)s版）") % {"version": assessment.version}
    return _("年度考核（第%(version)s版，待发布）") % {"version": assessment.version}


def step_source(item_score: ItemScore) -> str:
    return _("考核评分（%(date)s）") % {"date": day(timezone.localdate(item_score.assessed_at))}


def stale_note(item: ResponsibilityItem, year_end: list[ItemLines]) -> str:
    """Why the year-end version's lines no longer describe the item: it was computed while the item
    was still open (its parts "未完成，按进度…计"), and the item has been done since. Empty while the
    version still stands (the item is still open, or was done when it was computed)."""
    if not year_end or all(part.result.done for part in year_end):
        return ""
    if item.status not in (ItemStatus.VERIFIED, ItemStatus.CLOSED):
        return ""
    assessment = year_end[0].result.assessment
    done_at = item.closed_at or item.status_changed_at
    if done_at <= assessment.computed_at:
        return ""
    return _(
        "本事项已于%(done)s办结，在%(version)s计算（%(computed)s，计分截至%(as_of)s）之后；"
        "该版本仍按未完成计分，重新计算后更新。"
    ) % {
        "done": date_format(timezone.localdate(done_at)),
        "version": year_end_source(assessment),
        "computed": date_format(timezone.localdate(assessment.computed_at)),
        "as_of": date_format(assessment.as_of),
    }
