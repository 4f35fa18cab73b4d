"""A version's results as an .xlsx (考核结果 导出): the rankings and every breakdown line the reader
may see. A district's year is hundreds of thousands of lines, so it is an export of 我的导出: written
at once when small, else by a job."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from typing import IO

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from responsibility.exports import Export, Refused, register
from responsibility.importing.writing import StreamedTable, write_only_book
from responsibility.importing.xlsx import EXPORT_CHUNK_SIZE

from . import access
from .explain import Explanation, StreamedItems, explain_people, explain_units, person_name, subtotals_of
from .models import Assessment, ItemResult, PersonResult
from .models.scheme import Rules
from .ranking import person_rows, ranking_tables, unit_rows

EXPLAINED_AT_ONCE = 50  # units or people explained together
ITEMS_AT_ONCE = EXPORT_CHUNK_SIZE  # their item lines read and written a chunk at a time

RANKING_COLUMNS = [
    (gettext_lazy("名次"), 6),
    (gettext_lazy("排序"), 6),
    (gettext_lazy("单位/人员"), 28),
    (gettext_lazy("事项数"), 8),
    (gettext_lazy("事项得分"), 10),
    (gettext_lazy("加分"), 8),
    (gettext_lazy("扣分"), 8),
    (gettext_lazy("总分"), 10),
    (gettext_lazy("等次"), 10),
    (gettext_lazy("说明"), 30),
]
BREAKDOWN_COLUMNS = [
    (gettext_lazy("单位/人员"), 24),
    (gettext_lazy("层级"), 10),
    (gettext_lazy("类别"), 22),
    (gettext_lazy("事项"), 30),
    (gettext_lazy("说明"), 60),
    (gettext_lazy("分值"), 10),
]


def marks(row) -> str:
    notes = []
    if row.veto:
        notes.append(_("一票否决：%(effect)s") % {"effect": row.get_veto_display()})
    if row.quota_limited:
        notes.append(_("受优秀比例限制"))
    return "；".join(notes)


def ranking_columns(categories) -> list[tuple[str, int]]:
    """The ranking's columns, then 分类小计: a column per category and one for what is listed apart."""
    subtotals = [(_("%(name)s小计") % {"name": c.name}, 12) for c in categories]
    return [(str(name), width) for name, width in RANKING_COLUMNS] + subtotals + [(_("另列"), 10)]


def ranking_rows(rows, name) -> Iterator[list]:
    for r in rows:
        yield (
            [r.rank, r.order, name(r), r.items, r.base, r.bonus, r.deduction, r.total, r.grade, marks(r)]
            + [value if value is not None else "" for value in r.subtotals]
            + [r.rest]
        )


def breakdown_rows(explanations: Iterable[Explanation], items: StreamedItems | None = None) -> Iterator[list]:
    """The sheet's rows of each explanation; ``items``: their item lines, if they were explained without."""
    for e in explanations:
        for what, category, item, sentence, points in e.each_row(items.of(e.subject) if items else None):
            yield [e.name, what, category, item, sentence, points]


def unit_ranking_sheet(rules: Rules, units: list, columns: list[tuple[str, int]]) -> tuple:
    """单位排名; with 考核分组, each group's units together (ranks are within a group), the group first."""
    if not rules.groups:
        return (_("单位排名"), columns, ranking_rows(units, lambda r: r.unit.name))
    rows = (
        [table.name or _("未分组"), *row]
        for table in ranking_tables(rules, units, {})
        for row in ranking_rows(table.rows, lambda r: r.unit.name)
    )
    return (_("单位排名"), [(_("考核分组"), 14), *columns], rows)


@register
class ResultsExport(Export):
    kind = "results"

    @classmethod
    def params_for(cls, assessment: Assessment) -> dict:
        return {"assessment": assessment.pk}

    @cached_property
    def assessment(self) -> Assessment:
        # The results page's own question (views.results.get_assessment_for_user), asked of the owner.
        if not self.user.is_active or not access.is_insider(self.user):
            raise Refused(_("你已没有查看考核结果的权限。"))
        found = Assessment.objects.filter(scheme__in=access.schemes_for(self.user), pk=self.params.get("assessment"))
        assessment = found.select_related("scheme").first()
        if assessment is None:
            raise Refused(_("这一版考核结果已被删除，或你已没有查看它的权限。"))
        return assessment

    def check(self) -> None:
        self.assessment  # noqa: B018 (refuses if the owner may no longer read it)

    def title(self) -> str:
        assessment = self.assessment
        return _("%(scheme)s 第%(version)s版（%(status)s）") % {
            "scheme": assessment.scheme,
            "version": assessment.version,
            "status": assessment.get_status_display(),
        }

    def file_name(self) -> str:
        return f"{self.title()} {timezone.localdate():%Y-%m-%d}.xlsx"

    def count(self) -> int:
        """About the rows: the rankings' and, for the breakdown, each item line three times (the
        unit's, its official's and its lead leader's); events and headings are not counted."""
        units = access.visible_unit_results(self.user, self.assessment)
        people = access.visible_person_results(self.user, self.assessment)
        lines = ItemResult.objects.filter(assessment=self.assessment, unit__in=units.values("unit_id"))
        return units.count() + people.count() + 3 * lines.count()

    def write(self, out: IO[bytes], progress: Callable[[int], None] | None = None) -> int:
        assessment, user = self.assessment, self.user
        units = list(unit_rows(user, assessment))
        officials = list(person_rows(user, assessment, PersonResult.Role.OFFICIAL))
        leaders = list(person_rows(user, assessment, PersonResult.Role.LEADER))
        columns = ranking_columns(subtotals_of(assessment, units))
        subtotals_of(assessment, officials)
        subtotals_of(assessment, leaders)
        sheets = [
            unit_ranking_sheet(assessment.frozen_rules(), units, columns),
            (_("责任人排名"), columns, ranking_rows(officials, person_name)),
            (_("牵头领导排名"), columns, ranking_rows(leaders, person_name)),
            (
                _("得分明细"),
                [(str(name), width) for name, width in BREAKDOWN_COLUMNS],
                self._breakdown(units, officials, leaders),
            ),
        ]
        book = write_only_book()
        written = 0
        for title, sheet_columns, rows in sheets:
            table = StreamedTable(book, str(title), [(str(name), width) for name, width in sheet_columns])
            for row in rows:
                table.append(row)
                written += 1
                if progress is not None and written % EXPORT_CHUNK_SIZE == 0:
                    progress(written)
            table.close()
        book.save(out)
        return written

    def _breakdown(self, units: list, officials: list, leaders: list) -> Iterator[list]:
        """The lines explained a few units or people at a time, their item lines read a chunk at a time
        (``StreamedItems``): a district's year explained at once held every item line of every unit in
        memory (517 MB at 100,000 items), and its lead leader's alone 120 MB."""
        for explain, subjects in ((explain_units, units), (explain_people, officials), (explain_people, leaders)):
            for start in range(0, len(subjects), EXPLAINED_AT_ONCE):
                batch = subjects[start : start + EXPLAINED_AT_ONCE]
                items = StreamedItems(self.assessment, batch, ITEMS_AT_ONCE)
                yield from breakdown_rows(explain(self.assessment, batch, with_items=False), items)
