"""The rankings of a version as its readers see them: the rows each may read, and one table per
考核分组 (ranked within it). The results page, its export and ``score_year`` show the same tables."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from . import access
from .explain import bands_text
from .models import Assessment
from .models.scheme import GroupRules, Rules


def unit_rows(user, assessment: Assessment):
    return access.visible_unit_results(user, assessment).select_related("unit").order_by("order", "id")


def person_rows(user, assessment: Assessment, role: str):
    return (
        access.visible_person_results(user, assessment)
        .filter(role=role)
        .select_related("post__unit", "person")
        .order_by("order", "id")
    )


@dataclass
class RankingTable:
    """One ranking, a table of the page and a sheet of the export: a 考核分组's units, those no group
    takes, or (no groups) everyone."""

    name: str  # "": ungrouped
    grading: GroupRules  # the quota and bands it was graded by
    own: GroupRules | None  # the group as set (None for the ungrouped): whether quota and bands are its own
    count: int  # units graded in it (the reader may see fewer)
    rows: list

    @property
    def places(self) -> int:
        return self.grading.places(self.count)

    @property
    def bands(self) -> str:
        return bands_text(self.grading.bands)


def ranking_tables(rules: Rules, rows: list, counts: dict[str, int] | None) -> list[RankingTable]:
    """The rows in one table per 考核分组 of the version (in its order, then the units no group takes),
    each ranked within itself, with ``counts`` its units graded; one table when not ranked in groups
    (no ``counts``: a version without groups, or people)."""
    if counts is None:
        return [RankingTable("", rules.grading(""), None, len(rows), rows)]
    by_group: dict[str, list] = defaultdict(list)
    for row in rows:
        by_group[row.group].append(row)
    own = {group.name: group for group in rules.groups}
    names = [*own, *(name for name in by_group if name and name not in own), ""]  # a group the rules lost, too
    return [
        RankingTable(name, rules.grading(name), own.get(name), counts.get(name, 0), by_group[name])
        for name in names
        if by_group[name]
    ]
