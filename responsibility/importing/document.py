"""What an importer understood of a document, before anything is written to the database.

Every reader (text, .docx, .xlsx, PDF, pictures) produces a ``ParsedPlan``; ``build.py`` turns it into a draft
plan. Keeping this step free of the database lets the review page, the command's JSON and the tests
all look at the same result, and lets a bad file be refused before a single row is written.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

# An item's title is its first sentence, commas and semicolons and all ("实施“链长制”，围绕…开展精准招商，
# 新引进…项目20个"; "推进道路改造；新增停车位300个"): only a first sentence longer than this, a paragraph
# without a full stop, is cut at its first semicolon, else at a comma.
LONG_TITLE = 100


@dataclass
class Line:
    """A paragraph of the source as read, with its 1-based line (or paragraph) number."""

    text: str
    line: int
    # The lines a PDF's (or a scan's) layout joined into this paragraph, when it joined any: each
    # join is a guess (the line above ran to the margin), which a reader that knows better may undo
    # (a cell of a flattened table that filled the width is no wrapped line: ``flattened``).
    wraps: tuple[str, ...] = ()


@dataclass
class Table:
    """A table of the source: rows of cell texts; ``line`` is where it starts."""

    rows: list[list[str]]
    line: int
    sheet: str = ""
    # Where each row stands in a text, when the rows are not simply the lines from ``line`` on (a
    # Markdown table skips its |---| line; a table rebuilt from one line per cell spans many lines).
    row_lines: list[int] = field(default_factory=list)
    # Whether a cell merged over several rows has its text in each of them (a workbook, a Word table,
    # a PDF's ruled table, as read here); in a table read from text (pasted, tab-separated, Markdown)
    # it stands in the first row only, the others blank.
    merges_filled: bool = False


Block = Line | Table


@dataclass
class Problem:
    """A part of the source the importer could not place, or a doubt worth a look."""

    line: int | None
    text: str
    message: str


@dataclass
class Source:
    """A file or a pasted text as a sequence of blocks, in document order."""

    name: str
    kind: str  # "docx", "txt", "md", "xlsx", "paste", "pdf", "image"
    blocks: list[Block]
    encoding: str = ""
    # What reading itself casts doubt on (text recognised by OCR); the parse puts it first in its warnings.
    warnings: list[Problem] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The whole source as plain text, line N being what the importer calls line N, so the
        review page can point into it: a Word paragraph (soft breaks included) or a whole Word
        table is one line; a spreadsheet row or a text line is one line. Tables are tab-separated."""
        lines: dict[int, list[str]] = {}
        for block in self.blocks:
            if isinstance(block, Line):
                lines.setdefault(block.line, []).append(block.text)
            else:
                for number, row in self._table_lines(block):
                    lines.setdefault(number, []).append("\t".join(row))
        last = max(lines, default=0)
        return "\n".join(" ".join(lines.get(number, [])) for number in range(1, last + 1))

    def _table_lines(self, table: Table) -> list[tuple[int, list[str]]]:
        if table.row_lines:
            # A row whose cells hold line breaks still takes one line here, so that the lines after
            # it keep their numbers.
            return [
                (line, [cell.replace("\n", " ") for cell in row])
                for line, row in zip(table.row_lines, table.rows, strict=True)
            ]
        if self.kind == "docx":
            return [(table.line, [" / ".join("\t".join(row) for row in table.rows)])]
        # A Markdown table's second line is its |---| separator.
        skip = 1 if self.kind in ("md", "txt", "paste") else 0
        return [(table.line + index + (skip if index else 0), row) for index, row in enumerate(table.rows)]


@dataclass
class ParsedIndicator:
    """A numeric target found in the text, e.g. "≥30场次" or "100%"."""

    name: str
    value: Decimal
    unit: str = ""
    comparator: str = "gte"  # as Indicator.Comparator
    text: str = ""
    range_text: str = ""  # "5%-6%" when the document gave a range and one bound was taken


UNIT_FIELDS = ("lead_units", "responsible_units", "cooperating_units")
PERSON_FIELDS = ("lead_leaders", "persons")
# What an item takes from the entries above it where it names none itself.
INHERITED = (*UNIT_FIELDS, *PERSON_FIELDS, "deadline", "ongoing", "deadline_text", "cadence", "report_day")


@dataclass
class Fields:
    """Assignments and schedule written with an item, as names and phrases, not yet resolved."""

    lead_leaders: list[str] = field(default_factory=list)
    lead_units: list[str] = field(default_factory=list)
    responsible_units: list[str] = field(default_factory=list)
    cooperating_units: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    deadline: datetime.date | None = None
    ongoing: bool = False
    deadline_text: str = ""
    cadence: str = ""  # a ReportCadence value, or "" when the document says nothing
    report_day: int | None = None
    milestones: list[tuple[datetime.date, str]] = field(default_factory=list)
    points: Decimal | None = None
    target: str = ""
    target_kind: str = ""  # 目标类型 A/B/C when a table gives one
    open_ended: list[str] = field(default_factory=list)  # "宣传办等相关单位": more units may be meant
    requirement: str = ""  # "办理要求：…": what the handling must achieve, in prose; its targets are the item's

    def is_empty(self) -> bool:
        return self == Fields()

    def below(self, above: Fields) -> Fields:
        """These fields with what the entries above give where these name none: the units, the people
        and the schedule of a heading hold for the items under it (``build`` writes them so)."""
        merged = Fields(**{**self.__dict__})
        for name in INHERITED:
            if not getattr(merged, name) and getattr(above, name):
                setattr(merged, name, getattr(above, name))
        if above.ongoing and not self.deadline:
            merged.ongoing = True
        return merged


@dataclass
class Node:
    """One numbered entry of the document: a heading or an item."""

    number: str
    level: int  # the numbering style's rank: 1 for 一、, 2 for （一）, 3 for 1., 4 for （1）, 5 for ①; 0 if none
    title: str
    line: int
    content: list[str] = field(default_factory=list)
    fields: Fields = field(default_factory=Fields)
    indicators: list[ParsedIndicator] = field(default_factory=list)
    category: str = ""
    milestone_percents: dict = field(default_factory=dict)  # (due, title) → expected percent, from a table
    assignment_text: list[str] = field(default_factory=list)  # the phrases the fields were read from
    children: list[Node] = field(default_factory=list)

    @property
    def is_heading(self) -> bool:
        return bool(self.children)

    def walk(self) -> Iterator[tuple[Node, int]]:
        """This node and those below it, each with its depth (0 for this one)."""
        stack = [(self, 0)]
        while stack:
            node, depth = stack.pop()
            yield node, depth
            stack.extend((child, depth + 1) for child in reversed(node.children))


@dataclass
class GuidanceSection:
    """A part of the plan that is guidance (总体要求, 保障措施), set apart from the entries."""

    node: Node
    position: int  # how many of its siblings (the plan's top entries, or its part's) come before it
    parent: Node | None = None  # the attachment it stands in, if any


@dataclass
class ParsedPlan:
    source: Source
    title: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    roots: list[Node] = field(default_factory=list)
    guidance: list[GuidanceSection] = field(default_factory=list)
    not_understood: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.warnings = [*self.source.warnings, *self.warnings]

    def walk(self) -> Iterator[tuple[Node, int]]:
        for root in self.roots:
            yield from root.walk()

    def nodes(self) -> list[Node]:
        return [node for node, _ in self.walk()]

    def leaves(self) -> list[Node]:
        return [node for node in self.nodes() if not node.children]

    def counts_per_level(self) -> dict[int, int]:
        """How many entries sit at each depth of the tree (1 = top)."""
        counts = Counter(depth + 1 for _, depth in self.walk())
        return dict(sorted(counts.items()))


class ImportRejected(Exception):
    """The source cannot be imported at all; ``message`` says why, in the user's language."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
