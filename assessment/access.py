"""Who may do what with schemes, events and results.

Model-wide rights come from the role groups (see ``ROLE_RIGHTS``): the office and the assessors
keep the scheme and the events, compute and (the office) publish; the committee publishes and
decides rewards; all three see every result. Everyone else who holds a post sees, before
publishing, only the results of his own units and his own person; after publishing, the whole
published ranking (公示). Someone without a post sees nothing: every page answers 404.

The scoring page (考核评分) is opened by whoever records events, for every indicator scored there,
and by the holders of a post in an indicator's 评分责任单位, for the indicators that unit scores.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from responsibility.models import Assignment, Post, ResponsibilityItem, Unit
from responsibility.scope import Scope

from .models import Assessment, PersonResult, Scheme, SchemeIndicator, UnitResult

APP = "assessment"
MANAGE_SCHEME = "manage_scheme"
RECORD_EVENT = "record_event"
COMPUTE = "compute_results"
PUBLISH = "publish_results"
DECIDE = "decide_rewards"
VIEW_ALL = "view_all_results"

ROLE_RIGHTS = {
    "office": [MANAGE_SCHEME, RECORD_EVENT, COMPUTE, PUBLISH, VIEW_ALL],
    "assessors": [MANAGE_SCHEME, RECORD_EVENT, COMPUTE, VIEW_ALL],
    "committee": [PUBLISH, DECIDE, VIEW_ALL],
}


def ensure_assessment_rights(**_kwargs) -> None:
    """Give the role groups their assessment rights (run after every migrate)."""
    ct = ContentType.objects.get_for_model(Scheme)
    for name, codenames in ROLE_RIGHTS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type=ct, codename__in=codenames))


def has(user, codename: str, organisation_id: int | None = None) -> bool:
    """The role's right (``codename``) somewhere; with ``organisation_id``, in that organisation
    (each organisation's roles act on its own schemes and results, see responsibility/scope.py)."""
    if not (user.is_authenticated and user.is_active and user.has_perm(f"{APP}.{codename}")):
        return False
    return organisation_id is None or Scope.of(user).reaches(codename, organisation_id)


def require_in(user, codename: str, organisation_id: int) -> None:
    """``require``, and the right held in this organisation (a district's roles read below it)."""
    require(user, codename)
    if not has(user, codename, organisation_id):
        raise PermissionDenied


def schemes_for(user) -> QuerySet[Scheme]:
    """The schemes of the organisations the user is in (and, for a district's roles that see every
    result, of the organisations below it); a superuser's are all of them."""
    scope = Scope.of(user)
    if scope.everywhere:
        return Scheme.objects.all()
    organisations = (scope.member_of or set()) | (scope.organisations(VIEW_ALL) or set())
    return Scheme.objects.filter(organisation_id__in=sorted(organisations))


def organisations_with(user, codename: str) -> set[int] | None:
    """The organisations where the user's role carries ``codename``; None: every one."""
    return Scope.of(user).organisations(codename)


def is_insider(user) -> bool:
    """Holds a post, or has a model-wide right on results: may open the assessment pages at all."""
    if not (user.is_authenticated and user.is_active):
        return False
    # Asked by the header and by every visibility helper of a page: answered once per request.
    if not hasattr(user, "_assessment_insider"):
        user._assessment_insider = has(user, VIEW_ALL) or Post.objects.filter(holder=user).exists()
    return user._assessment_insider


def require(user, codename: str | None = None) -> None:
    """404 for whoever may not see the assessment pages (an object you may not see does not exist);
    403 for an insider who may see but not do this (an action you may not take)."""
    if not is_insider(user):
        raise Http404
    if codename is not None and not has(user, codename):
        raise PermissionDenied


def own_units(user) -> QuerySet[Unit]:
    """The units whose results a post holder sees before publishing: his posts' units, and for a lead
    leader the responsible units of the items he leads (named, or handed a part at deploy)."""
    posts = Post.objects.filter(holder=user)
    led = ResponsibilityItem.responsible_units.through.objects.filter(
        responsibilityitem__lead_leader_post__holder=user
    ).values("unit_id")
    handed = Assignment.objects.filter(item__lead_leader_post__holder=user).values("unit_id")
    return Unit.objects.filter(Q(posts__in=posts) | Q(pk__in=led) | Q(pk__in=handed)).distinct()


def sees_all(user, assessment: Assessment) -> bool:
    return has(user, VIEW_ALL, assessment.scheme.organisation_id) or (assessment.is_published and is_insider(user))


def visible_unit_results(user, assessment: Assessment) -> QuerySet[UnitResult]:
    results = UnitResult.objects.filter(assessment=assessment)
    if sees_all(user, assessment):
        return results
    if not is_insider(user):
        return results.none()
    return results.filter(unit__in=own_units(user))


def visible_person_results(user, assessment: Assessment) -> QuerySet[PersonResult]:
    results = PersonResult.objects.filter(assessment=assessment)
    if sees_all(user, assessment):
        return results
    if not is_insider(user):
        return results.none()
    return results.filter(Q(person=user) | Q(post__holder=user))


# --- the scoring page (考核评分) ---------------------------------------------------------------------------


def scored_by(user) -> QuerySet[SchemeIndicator]:
    """The indicators, of any scheme, the user scores on the page: all of them for whoever records
    events (the office, the assessors, including those with a 评分责任单位); for anyone else those
    whose 评分责任单位 he holds a post in."""
    indicators = SchemeIndicator.objects.filter(SchemeIndicator.scored_on_page())
    if has(user, RECORD_EVENT):
        where = organisations_with(user, RECORD_EVENT)
        return indicators if where is None else indicators.filter(category__scheme__organisation_id__in=sorted(where))
    if not is_insider(user):
        return indicators.none()
    return indicators.filter(scorer__in=Unit.objects.filter(posts__holder=user))


def indicators_to_score(user, scheme: Scheme) -> list[SchemeIndicator]:
    """The scheme's indicators the user scores, read for the page. 404 for whoever may not see the
    assessment pages; 403 for an insider who scores none of them (he sees the scheme, not this page's
    right). The office opens the page even while the scheme has none, to be told how to add them."""
    require(user)
    found = list(
        scored_by(user)
        .filter(category__scheme=scheme)
        .select_related("category", "scorer")
        .prefetch_related("units")
        .order_by("category__order", "order", "id")
    )
    if not found and not has(user, RECORD_EVENT, scheme.organisation_id):
        raise PermissionDenied
    return found


def require_own_indicators(scheme: Scheme, asked: set[int], mine: list[SchemeIndicator]) -> None:
    """A POST naming indicators the user does not score: 403 for an indicator of this scheme (every
    insider sees the scheme's indicators on its page; scoring this one is not his action), 404 for
    one that is not of this scheme (none such exists here)."""
    others = asked - {indicator.pk for indicator in mine}
    if not others:
        return
    if SchemeIndicator.objects.filter(pk__in=others, category__scheme=scheme).count() < len(others):
        raise Http404
    raise PermissionDenied
