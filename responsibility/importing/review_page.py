"""What the review page shows of a draft, a page at a time, so that a big plan costs what a small one does.

The tree is cut into pages of ``PAGE_SIZE`` rows; the whole tree is read once with only what places
a row (a few columns per item), and only the page's own rows are loaded in full. The source text
beside it is cut along the same lines: each page shows the lines from its first entry to the next
page's first, so every line is on exactly one page and a link to it can name that page. The unknown
names and the problems are long only for a document that went wrong: the page lists the first of
them and says how many more there are.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import prefetch_related_objects

from ..models import OutlineRow, PlanGuidance, ResponsibilityItem, WorkPlan, attach_ancestors, outline
from .run import unresolved_names

PAGE_SIZE = 200
MAX_NAMES = 100
MAX_PROBLEMS = 200
PLACING = ("id", "plan", "parent", "order", "number", "title", "is_heading", "source_line", "unresolved")


@dataclass
class ReviewPage:
    page: Page
    rows: list[OutlineRow]
    unresolved: list[dict]  # the first MAX_NAMES of them
    unresolved_count: int
    guidance: list[PlanGuidance]
    source_lines: list[tuple[int, str]]
    problems: dict[str, list[dict]] = field(default_factory=dict)
    problems_left_out: int = 0


def review_page(plan: WorkPlan, number: str | int | None, summary: dict) -> ReviewPage:
    placed = outline(plan.items.only(*PLACING))
    page = Paginator(placed, PAGE_SIZE).get_page(number)
    names = unresolved_names([row.item for row in placed])
    starts = _page_starts(page.paginator)
    problems, left_out = _problems(summary, starts)
    return ReviewPage(
        page=page,
        rows=_loaded(plan, page.object_list),
        unresolved=names[:MAX_NAMES],
        unresolved_count=len(names),
        guidance=_guidance(plan, starts),
        source_lines=_source_lines(plan.source_text, starts, page.number),
        problems=problems,
        problems_left_out=left_out,
    )


def _loaded(plan: WorkPlan, rows: list[OutlineRow]) -> list[OutlineRow]:
    """The page's rows with every item in full, in a fixed number of queries."""
    items = plan.items.filter(pk__in=[row.item.pk for row in rows]).select_related(
        "category", "lead_unit", "lead_leader_post__holder", "responsible_post__holder"
    )
    loaded = items.in_bulk()
    related = ("responsible_units", "cooperating_units", "indicators", "milestones")
    prefetch_related_objects(list(loaded.values()), *related)
    for row in rows:
        loaded[row.item.pk]._ancestors = row.item.ancestors
    return [OutlineRow(loaded[row.item.pk], row.depth) for row in rows]


def _guidance(plan: WorkPlan, starts: list[int]) -> list[PlanGuidance]:
    """The plan's guidance, each under the entry it stands under (named by its full number), with
    the page its source line is on."""
    sections = list(plan.guidance.select_related("parent"))
    attach_ancestors([section.parent for section in sections if section.parent])
    for section in sections:
        section.source_page = _page(starts, section.source_line)
    return sections


def _page_starts(paginator: Paginator) -> list[int]:
    """The first source line of each page: page 1 from line 1, each next page from its first entry's
    line (never before the page above it)."""
    starts = [1]
    for number in paginator.page_range[1:]:
        rows = paginator.page(number).object_list
        lines = [row.item.source_line for row in rows if row.item.source_line]
        starts.append(max(starts[-1], min(lines, default=starts[-1])))
    return starts


def page_of_line(starts: list[int], line: int) -> int:
    return max(bisect.bisect_right(starts, line), 1)


def _source_lines(text: str, starts: list[int], number: int) -> list[tuple[int, str]]:
    lines = text.split("\n")
    first = starts[number - 1]
    last = starts[number] - 1 if number < len(starts) else len(lines)
    return [(index, lines[index - 1]) for index in range(first, last + 1) if 0 < index <= len(lines)]


def _problems(summary: dict, starts: list[int]) -> tuple[dict[str, list[dict]], int]:
    """The import's problems, the first MAX_PROBLEMS, each with the page its line is on."""
    problems, left_out, room = {}, 0, MAX_PROBLEMS
    for kind in ("not_understood", "warnings"):
        found = summary.get(kind, [])
        shown = found[:room]
        room -= len(shown)
        left_out += len(found) - len(shown)
        problems[kind] = [{**problem, "page": _page(starts, problem.get("line"))} for problem in shown]
    return problems, left_out


def _page(starts: list[int], line: int | None) -> int | None:
    return page_of_line(starts, line) if line else None


def item_page(plan: WorkPlan, item: ResponsibilityItem) -> int:
    """The page of the review an item is on, for a redirect back to it."""
    if plan.items.count() <= PAGE_SIZE:
        return 1
    rows = outline(plan.items.only(*PLACING))
    index = next((index for index, row in enumerate(rows) if row.item.pk == item.pk), 0)
    return index // PAGE_SIZE + 1
