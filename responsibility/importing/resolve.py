"""Matching the names a document writes to the organisation's units and posts.

Documents name the same unit several ways (区司法局 / 司法局, 回兴街道司法所 / 司法所) and use
group words (各社区, 区直各部门). A name that matches nothing is returned as unknown, never dropped:
the review page lists it for the office to map or create. A group word is returned as a group, not
as the units it stands for today: it expands at deploy, when the office can untick units
(``group_members``, used by ``responsibility.assignments.expand_groups``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Post, Unit, UnitAlias

# Group words and the kind of unit each stands for.
GROUP_WORDS: dict[str, str] = {
    "各社区": Unit.Kind.COMMUNITY,
    "各村（社区）": Unit.Kind.COMMUNITY,
    "各村(社区)": Unit.Kind.COMMUNITY,
    "各村居": Unit.Kind.COMMUNITY,
    "各村社区": Unit.Kind.COMMUNITY,
    "各内设机构": Unit.Kind.DEPARTMENT,
    "各科室": Unit.Kind.DEPARTMENT,
    "街道各部门": Unit.Kind.DEPARTMENT,
    "街道各科室": Unit.Kind.DEPARTMENT,
    "各办（所、中心）": Unit.Kind.DEPARTMENT,
    "各街道": Unit.Kind.ORGANISATION,
    "各镇街": Unit.Kind.ORGANISATION,
    "各镇（街道）": Unit.Kind.ORGANISATION,
    "各镇街道": Unit.Kind.ORGANISATION,
    "区直各部门": Unit.Kind.EXTERNAL,
    "区级各部门": Unit.Kind.EXTERNAL,
    "区直有关部门": Unit.Kind.EXTERNAL,
    "区级有关部门": Unit.Kind.EXTERNAL,
    "区政府各部门": Unit.Kind.EXTERNAL,
}
SLASH = re.compile(r"[/／]")
# What a document may put in front of a unit's own name: the district, the city, the organisation.
PREFIXES = ("区级", "区", "市", "县", "街道", "镇", "乡")
PERSON_SUFFIXES = ("同志", "（主要负责人）")

LEADER_ROLES = (Post.Role.LEADER, Post.Role.COMMITTEE)
OFFICIAL_ROLES = (Post.Role.OFFICIAL, Post.Role.UNIT_HEAD)


@dataclass
class Resolution:
    units: list[Unit] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    approximate: list[tuple[str, Unit]] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)  # group words, as written


class Resolver:
    """Loads the organisation's units and posts once; then matches names without further queries."""

    def __init__(self, organisation: Unit) -> None:
        self.organisation = organisation
        self.all_units = tree_units(organisation)
        self.by_name: dict[str, Unit] = {}
        for unit in self.all_units:
            for name in (unit.name, unit.short_name):
                if name:
                    self.by_name.setdefault(_norm(name), unit)
        for alias in UnitAlias.objects.filter(unit__in=self.all_units).select_related("unit"):
            self.by_name[_norm(alias.name)] = alias.unit
        self.posts = list(
            Post.objects.filter(unit__in=self.all_units).select_related("holder", "unit").order_by("unit__order", "id")
        )

    def units(self, names: list[str]) -> Resolution:
        result = Resolution()
        for name in self._split_alternatives(names):
            if is_group(name) and _norm(name) not in self.by_name:
                if name not in result.groups:
                    result.groups.append(name)
                continue
            found, approximate = self.unit(name)
            if not found:
                result.unknown.append(name)
            for unit in found:
                if unit not in result.units:
                    result.units.append(unit)
            if approximate:
                result.approximate.append((name, found[0]))
        return result

    def _split_alternatives(self, names: list[str]) -> list[str]:
        """ "党政办/法治办" is one office with two names or two offices: a name the organisation knows
        whole stays whole; otherwise each part is matched on its own, and an office that is both
        parts comes out once (the mapping of an unknown part is remembered as an alias). The parse
        lists the parts apart ("党政办", "法治办"): two names in a row that the organisation knows
        joined by "/" are that one name again."""
        out: list[str] = []
        for name in self._joined_again(names):
            parts = [part.strip() for part in SLASH.split(name)]
            known = _norm(name) in self.by_name or is_group(name)
            for part in [name] if known or len(parts) < 2 or not all(parts) else parts:
                if part not in out:
                    out.append(part)
        return out

    def _joined_again(self, names: list[str]) -> list[str]:
        joined: list[str] = []
        for name in names:
            wholes = [f"{joined[-1]}{slash}{name}" for slash in "/／"] if joined else []
            known = next((whole for whole in wholes if _norm(whole) in self.by_name), None)
            if known:
                joined[-1] = known
            else:
                joined.append(name)
        return joined

    def unit(self, name: str) -> tuple[list[Unit], bool]:
        """The units ``name`` stands for, and whether the match was only approximate."""
        key = _norm(name)
        if key in self.by_name:
            return [self.by_name[key]], False
        if key in GROUP_WORDS:
            return group_members(self.organisation, name, self.all_units), False
        candidates = {unit for unit in self.all_units if _same_unit(key, _norm(unit.name), self.organisation.name)}
        if len(candidates) == 1:
            return [candidates.pop()], True
        return [], False

    def post(self, names: list[str], roles: tuple[str, ...]) -> tuple[Post | None, list[str]]:
        """The first post whose holder or title is one of ``names``; the names that matched none."""
        chosen, unknown = None, []
        for name in names:
            post = self._post(name, roles)
            if post is None:
                unknown.append(name)
            elif chosen is None:
                chosen = post
        return chosen, unknown

    def _post(self, name: str, roles: tuple[str, ...]) -> Post | None:
        key = _norm(name)
        for suffix in PERSON_SUFFIXES:
            key = key.removesuffix(suffix)
        ranked = sorted(self.posts, key=lambda post: post.role not in roles)
        for post in ranked:
            if post.holder and _norm(post.holder.full_name) == key:
                return post
        for post in ranked:
            if key in (_norm(post.title), _norm(post.unit.name + post.title)):
                return post
        return None


def is_group(name: str) -> bool:
    return _norm(name) in GROUP_WORDS


def group_members(organisation: Unit, word: str, units: list[Unit] | None = None) -> list[Unit]:
    """The units a group word stands for in ``organisation`` now: every unit of its kind in the
    organisation's tree (区直各部门: every district department), in the units' order. ``units``:
    the tree's units, if already read."""
    kind = GROUP_WORDS.get(_norm(word))
    if kind is None:
        return []
    units = tree_units(organisation) if units is None else units
    return [unit for unit in units if unit.kind == kind and unit != organisation]


def tree_units(organisation: Unit) -> list[Unit]:
    """Every unit of the tree the organisation belongs to, and units outside any tree (区直部门)."""
    units = list(Unit.objects.all())
    by_id = {unit.pk: unit for unit in units}

    def root(unit: Unit) -> int:
        seen = set()
        while unit.parent_id and unit.parent_id in by_id and unit.pk not in seen:
            seen.add(unit.pk)
            unit = by_id[unit.parent_id]
        return unit.pk

    top = root(organisation)
    return [unit for unit in units if root(unit) == top or (unit.parent_id is None and unit.kind == Unit.Kind.EXTERNAL)]


def _same_unit(name: str, unit_name: str, organisation: str) -> bool:
    """区司法局 is 司法局; 司法所 is 回兴街道司法所: one is the other with a place in front."""
    if name == unit_name or len(min(name, unit_name, key=len)) < 2:
        return False
    longer, shorter = (name, unit_name) if len(name) > len(unit_name) else (unit_name, name)
    if not longer.endswith(shorter):
        return False
    prefix = longer[: -len(shorter)]
    return prefix in PREFIXES or prefix == organisation or organisation.endswith(prefix)


def _norm(name: str) -> str:
    return "".join(name.split()).replace("(", "（").replace(")", "）")
