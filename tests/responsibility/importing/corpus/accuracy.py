"""How much of a document the importer gets right, measured on a corpus of made-up documents.

Each document of this folder is a source (``.txt``, ``.md``, or a Python module whose ``build()``
writes an ``.xlsx``) and a ``.json`` of what a careful office clerk says it means: the plan's title,
year and 文号, the tree of headings and items with each item's units, deadline and numeric targets,
the guidance sections (总体要求, 保障措施) that are not items, and whether it is a work plan at all.
The expectations were written from the documents alone, not from what the importer does.

Each document is imported in every form an office receives it (``formats_of``): as its own file, as
pasted text, as a Word document made from it (paragraphs, tables as Word tables, set like an
official document with page numbers at the foot), and, where ``readers.read`` accepts PDF, as the
PDF LibreOffice makes of that Word document (and, on request, as a scan of that PDF's pages). Each
goes through the importer's own doors: ``readers.read`` or ``readers.read_pasted``, then
``parse.parse`` with the document's year, as the import page and ``import_workplan`` do.

What "right" means, precisely:

- Text is compared *normalised*: Unicode NFKC (full-width letters, digits and brackets become
  ASCII), then every whitespace and punctuation character (Unicode categories Z*, P*, C*) removed.
  So "（一）" and "(一)" are the number "一", and "深化“放管服”改革。" equals "深化放管服改革".
- A node's *key* is its normalised number and title. An item's title is what the clerk would put
  in the list: the item's text up to the end of its first sentence (。; a ； joins the clauses of one
  sentence), without its number and without assignment phrases; for a table row, the task cell's
  first sentence. A ``null`` number in
  the expected tree accepts any number (an attachment's part, where ``附件1`` may or may not be kept).
- Expected and parsed trees are walked in reading order and aligned: first by key (the longest
  common subsequence), then, between two aligned nodes, the rest by number and similar title
  (``difflib`` ratio ≥ 0.6, or the same number and either ratio ≥ 0.3 or one title
  holding the other); last, a node still alone is aligned with a parsed node of its key anywhere
  (an item moved under another heading). These later alignments only find where a wrongly titled
  or misplaced node stands; they never make the node right.
- A *heading* (expected node with children) is right when it is aligned to a node of its key, the parsed node
  has children too, and its parent is the node aligned with its expected parent (both roots, or
  parent aligned to parent). An *item* (expected node without children) likewise, the parsed node
  having no children. So an item nested under the wrong heading, or glued to its siblings, is wrong.
- *Assignment fields*: for each expected item, each of lead units (牵头单位), responsible units (责任单位),
  cooperating units (配合单位) and deadline is compared with the aligned parsed node's, inherited from
  its parsed ancestors as ``build.py`` does (a heading's units and deadline hold for the items under
  it that say nothing else). A field counts when the expected or the parsed value is not empty;
  it is right when the normalised unit names are the same set, or the deadline is the same date
  ("ongoing" for 长期坚持 and the like). An expected item that was not aligned has each of its
  non-empty fields wrong.
- *Plan title* right: the normalised parsed title (``ParsedPlan.title``) equals the expected one.
  *文号* right: ``headers.doc_number_of`` equals the expected one (both empty counts as right).
  *Year* right: the year the importer reads from the title, as it states it in its year warning
  when the document is parsed once more under a year no title has, equals the expected one
  (``year_read`` when given: ``null`` for a document that names no year anywhere, whose ``year`` is
  then the one the office chooses when it imports it).
- *False items*: parsed items (nodes without children) aligned to no expected node; a guidance
  section parsed as an item is a false item. *False headings* likewise for parsed headings.
- *Indicators*: of the expected numeric targets of each item, those for which the aligned parsed
  node has an indicator of the same value (one of the values, for a range such as 5%-6%), the same
  normalised unit and, where the expected names one, the same comparator (gte/lte).
- *Guidance*: an expected guidance section is right when ``ParsedPlan.guidance`` holds a section of
  the same key.
- *Not-a-plan flag* right: ``shape.check(parsed).looks_like_plan`` is false exactly for the documents
  expected not to be plans; refusing such a document (``ImportRejected``) also counts as right.

A document the importer refuses has every expectation wrong. Documents expected not to be plans
(``"tree": null``) count only for the flag.
"""

from __future__ import annotations

import copy
import difflib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from .documents import Document, document, documents
from .render import file_of, formats_of, make_pdfs, missing_libreoffice, pdf_supported

FIELDS = ("lead", "responsible", "cooperating", "deadline")
UNIT_ATTRIBUTES = {"lead": "lead_units", "responsible": "responsible_units", "cooperating": "cooperating_units"}
PROBE_YEAR = 1900  # no title is for this year: the importer then says which year it read

__all__ = ["Document", "document", "documents", "formats_of", "measure", "missing_libreoffice", "pdf_supported", "run"]

# --- importing -------------------------------------------------------------------------------------


@dataclass
class Imported:
    parsed: object | None  # a ParsedPlan, or None when refused
    refusal: str = ""
    crashed: bool = False
    year_read: int | None = None
    looks_like_plan: bool | None = None


def import_document(doc: Document, fmt: str) -> Imported:
    from responsibility.importing.document import ImportRejected
    from responsibility.importing.parse import parse
    from responsibility.importing.readers import read, read_pasted

    what = file_of(doc, fmt)
    try:
        source = read_pasted(what) if isinstance(what, str) else read(*what)
        parsed = parse(copy.deepcopy(source), doc.expected["year"])
    except ImportRejected as refusal:
        return Imported(None, refusal.message)
    except Exception as crash:  # a crash is measured as a refusal, with what was raised
        return Imported(None, f"crashed: {type(crash).__name__}: {crash}", crashed=True)
    return Imported(parsed, year_read=_year_read(source), looks_like_plan=_looks_like_plan(parsed))


def _year_read(source) -> int | None:
    """The year the importer took from the title: it says so when the year chosen differs."""
    from responsibility.importing.document import ImportRejected
    from responsibility.importing.parse import parse

    try:
        probe = parse(source, PROBE_YEAR)
    except (ImportRejected, Exception):
        return None
    for warning in probe.warnings:
        years = [int(y) for y in re.findall(r"(\d{4})\s*年", warning.message) if int(y) != PROBE_YEAR]
        if str(PROBE_YEAR) in warning.message and years:
            return years[0]
    return None


def _looks_like_plan(parsed) -> bool:
    from responsibility.importing.shape import check

    return check(parsed).looks_like_plan


# --- comparing -------------------------------------------------------------------------------------


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    return "".join(ch for ch in text if unicodedata.category(ch)[0] not in "ZPC")


@dataclass
class Expected:
    number: str | None
    title: str
    parent: Expected | None
    spec: dict
    children: list[Expected] = field(default_factory=list)

    @property
    def is_heading(self) -> bool:
        return bool(self.children)

    def key_matches(self, node) -> bool:
        number_ok = self.number is None or norm(self.number) == norm(node.number)
        return number_ok and norm(self.title) == norm(node.title)

    def label(self) -> str:
        return f"{self.number or ''}{self.title}"


def expected_nodes(tree: list[dict]) -> list[Expected]:
    """The expected tree in reading order."""
    out: list[Expected] = []

    def walk(specs: list[dict], parent: Expected | None) -> None:
        for spec in specs:
            node = Expected(spec.get("number", ""), spec["title"], parent, spec)
            if parent:
                parent.children.append(node)
            out.append(node)
            walk(spec.get("children", []), node)

    walk(tree, None)
    return out


def parsed_nodes(parsed) -> tuple[list, dict[int, object]]:
    """The parsed tree in reading order, and each node's parent by ``id``."""
    nodes, parents = [], {}
    for node, _depth in parsed.walk():
        nodes.append(node)
        for child in node.children:
            parents[id(child)] = node
    return nodes, parents


def align(expected: list[Expected], parsed: list) -> tuple[dict[int, int], dict[int, int]]:
    """Expected index → parsed index: first by key, then in the gaps by number and similar title."""
    exact = _lcs(expected, parsed, lambda e, p: e.key_matches(p), range(len(expected)), range(len(parsed)))
    loose: dict[int, int] = {}
    anchors = [(-1, -1), *sorted(exact.items()), (len(expected), len(parsed))]
    for (e0, p0), (e1, p1) in zip(anchors, anchors[1:], strict=False):
        loose.update(_lcs(expected, parsed, _similar, range(e0 + 1, e1), range(p0 + 1, p1)))
    # A node moved elsewhere (an item under another heading) is still the expected node, misplaced.
    taken = {*exact.values(), *loose.values()}
    for index, node in enumerate(expected):
        if index in exact or index in loose:
            continue
        for position, candidate in enumerate(parsed):
            if position not in taken and node.key_matches(candidate):
                loose[index] = position
                taken.add(position)
                break
    return exact, loose


def _similar(e: Expected, p) -> bool:
    want, have = norm(e.title), norm(p.title)
    ratio = difflib.SequenceMatcher(None, want, have).ratio()
    same_number = bool(e.number) and norm(e.number) == norm(p.number)
    contained = bool(want and have) and (want in have or have in want)
    return ratio >= 0.6 or (same_number and (ratio >= 0.3 or contained))


def _lcs(expected, parsed, equal, e_range, p_range) -> dict[int, int]:
    es, ps = list(e_range), list(p_range)
    if not es or not ps:
        return {}
    n, m = len(es), len(ps)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            if equal(expected[es[i]], parsed[ps[j]]):
                table[i][j] = table[i + 1][j + 1] + 1
            else:
                table[i][j] = max(table[i + 1][j], table[i][j + 1])
    pairs, i, j = {}, 0, 0
    while i < n and j < m:
        if equal(expected[es[i]], parsed[ps[j]]) and table[i][j] == table[i + 1][j + 1] + 1:
            pairs[es[i]] = ps[j]
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


@dataclass
class Failure:
    # heading, item, field:<name>, title, doc_number, year, false item, false heading, indicator,
    # guidance, flag, refused, crashed
    kind: str
    expected: str
    got: str
    line: int | None = None

    def as_dict(self) -> dict:
        return {"kind": self.kind, "expected": self.expected, "got": self.got, "line": self.line}


@dataclass
class Score:
    document: str
    format: str
    headings: list[int] = field(default_factory=lambda: [0, 0])  # [right, expected]
    items: list[int] = field(default_factory=lambda: [0, 0])
    fields: list[int] = field(default_factory=lambda: [0, 0])  # [right, compared]
    titles: list[int] = field(default_factory=lambda: [0, 0])
    doc_numbers: list[int] = field(default_factory=lambda: [0, 0])
    years: list[int] = field(default_factory=lambda: [0, 0])
    indicators: list[int] = field(default_factory=lambda: [0, 0])  # [found, expected]
    guidance: list[int] = field(default_factory=lambda: [0, 0])
    flags: list[int] = field(default_factory=lambda: [0, 0])
    false_items: int = 0
    false_headings: int = 0
    failures: list[Failure] = field(default_factory=list)

    COUNTS = ("headings", "items", "fields", "titles", "doc_numbers", "years", "indicators", "guidance", "flags")

    def tally(self, name: str, right: bool, failure: Failure | None = None) -> None:
        counter = getattr(self, name)
        counter[0] += int(right)
        counter[1] += 1
        if not right and failure:
            self.failures.append(failure)

    @property
    def perfect(self) -> bool:
        """Every expectation of the document met (the per-document test asserts this)."""
        return not self.failures

    def as_dict(self) -> dict:
        out = {name: getattr(self, name) for name in self.COUNTS}
        out.update(document=self.document, format=self.format, false_items=self.false_items)
        out.update(false_headings=self.false_headings, failures=[f.as_dict() for f in self.failures])
        return out


def measure(doc: Document, fmt: str) -> Score:
    return compare(doc, fmt, import_document(doc, fmt))


def compare(doc: Document, fmt: str, imported: Imported) -> Score:
    expected = doc.expected
    score = Score(doc.name, fmt)
    plan = not expected["not_a_plan"]
    if plan:
        flagged_right = imported.parsed is not None and imported.looks_like_plan is not False
    else:
        flagged_right = imported.parsed is None or imported.looks_like_plan is False
    score.tally(
        "flags",
        flagged_right,
        Failure("flag", "a work plan" if plan else "flagged as not a work plan", _flag_text(imported)),
    )
    if not plan:
        return score
    if imported.parsed is None:
        kind = "crashed" if imported.crashed else "refused"
        score.failures.append(Failure(kind, "imported", imported.refusal))
        _all_wrong(score, expected)
        return score
    parsed = imported.parsed
    _compare_frame(score, expected, parsed, imported.year_read)
    _compare_tree(score, expected, parsed)
    _compare_guidance(score, expected, parsed)
    return score


def _flag_text(imported: Imported) -> str:
    if imported.parsed is None:
        return f"refused: {imported.refusal}"
    return "looks like a plan" if imported.looks_like_plan else "flagged as not a work plan"


def _all_wrong(score: Score, expected: dict) -> None:
    for node in expected_nodes(expected["tree"]):
        score.tally("headings" if node.is_heading else "items", False)
        if not node.is_heading:
            for name in FIELDS:
                if _expected_field(node, name):
                    score.tally("fields", False)
            for _indicator in node.spec.get("indicators", []):
                score.tally("indicators", False)
    for name in ("titles", "doc_numbers", "years"):
        score.tally(name, False)
    for _section in expected["guidance"]:
        score.tally("guidance", False)


def _compare_frame(score: Score, expected: dict, parsed, year_read: int | None) -> None:
    from responsibility.importing.headers import doc_number_of

    title = parsed.title or ""
    score.tally("titles", norm(title) == norm(expected["title"]), Failure("title", expected["title"], title))
    number = doc_number_of(parsed.headers or {})
    score.tally(
        "doc_numbers",
        norm(number) == norm(expected["doc_number"]),
        Failure("doc_number", expected["doc_number"], number),
    )
    score.tally(
        "years",
        year_read == expected.get("year_read", expected["year"]),
        Failure("year", str(expected.get("year_read", expected["year"])), str(year_read or "none read")),
    )


def _compare_tree(score: Score, expected: dict, parsed) -> None:
    wanted = expected_nodes(expected["tree"])
    nodes, parents = parsed_nodes(parsed)
    exact, loose = align(wanted, nodes)
    where = {**loose, **exact}
    matched_parsed = set(where.values())
    index_of = {id(node): index for index, node in enumerate(wanted)}
    for index, node in enumerate(wanted):
        kind = "heading" if node.is_heading else "item"
        got = nodes[where[index]] if index in where else None
        right = got is not None and node.key_matches(got) and _placed(node, got, where, index_of, nodes, parents)
        right = right and bool(got.children) == node.is_heading
        score.tally(f"{kind}s", right, Failure(kind, _path(node), _describe(got, parents), got.line if got else None))
        if not node.is_heading:
            _compare_fields(score, node, got, parents)
            _compare_indicators(score, node, got)
    for position, node in enumerate(nodes):
        if position in matched_parsed:
            continue
        if node.children:
            score.false_headings += 1
            score.failures.append(Failure("false heading", "", _describe(node, parents), node.line))
        else:
            score.false_items += 1
            score.failures.append(Failure("false item", "", _describe(node, parents), node.line))


def _placed(node: Expected, got, where, index_of, nodes, parents) -> bool:
    parent = parents.get(id(got))
    if node.parent is None:
        return parent is None
    parent_index = where.get(index_of[id(node.parent)])
    return parent is not None and parent_index is not None and nodes[parent_index] is parent


def _path(node: Expected) -> str:
    names = []
    while node:
        names.append(node.label())
        node = node.parent
    return " > ".join(reversed(names))


def _describe(node, parents) -> str:
    if node is None:
        return "not found"
    names, current = [], node
    while current is not None:
        names.append(f"{current.number}{current.title}")
        current = parents.get(id(current))
    text = " > ".join(reversed(names))
    if node.children:
        text += f" (heading of {len(node.children)})"
    if node.content:
        text += f" | content: {' '.join(node.content)[:80]}"
    return text


def _expected_field(node: Expected, name: str):
    value = node.spec.get(name)
    if name == "deadline":
        return value or ""
    return frozenset(norm(unit) for unit in value or [])


def _parsed_field(fields, name: str):
    if name == "deadline":
        if fields.ongoing:
            return "ongoing"
        return fields.deadline.isoformat() if fields.deadline else ""
    return frozenset(norm(unit) for unit in getattr(fields, UNIT_ATTRIBUTES[name]))


def effective_fields(node, parents):
    """The node's fields with what its headings give, as ``build.py`` inherits them."""
    from responsibility.importing.document import Fields

    chain = [node]
    while id(chain[-1]) in parents:
        chain.append(parents[id(chain[-1])])
    merged = Fields()
    for current in reversed(chain):
        own = current.fields
        above = merged
        merged = copy.copy(own)
        for name in ("lead_units", "responsible_units", "cooperating_units", "deadline", "ongoing"):
            if not getattr(merged, name) and getattr(above, name):
                setattr(merged, name, getattr(above, name))
        if above.ongoing and not own.deadline:
            merged.ongoing = True
    return merged


def _raw(value) -> str:
    """A field as written, for the failure list: unit names as the importer (or clerk) gave them."""
    if isinstance(value, list):
        return "、".join(f"“{name}”" for name in value) or "—"
    return str(value or "—")


def _compare_fields(score: Score, node: Expected, got, parents) -> None:
    fields = effective_fields(got, parents) if got is not None else None
    for name in FIELDS:
        want = _expected_field(node, name)
        have = _parsed_field(fields, name) if fields is not None else ("" if name == "deadline" else frozenset())
        if not want and not have:
            continue
        shown_want = _raw(node.spec.get(name) or "")
        shown_have = _raw(_parsed_raw(fields, name)) if fields is not None else "—"
        failure = Failure(f"field:{name}", f"{_path(node)}: {shown_want}", shown_have, got.line if got else None)
        score.tally("fields", want == have, failure)


def _parsed_raw(fields, name: str):
    if name == "deadline":
        return _parsed_field(fields, name)
    return list(getattr(fields, UNIT_ATTRIBUTES[name]))


def _compare_indicators(score: Score, node: Expected, got) -> None:
    found = got.indicators if got is not None else []
    for spec in node.spec.get("indicators", []):
        values = spec["value"] if isinstance(spec["value"], list) else [spec["value"]]
        wanted = {Decimal(str(value)) for value in values}
        hit = any(
            Decimal(indicator.value) in wanted
            and norm(indicator.unit) == norm(spec["unit"])
            and spec.get("comparator", indicator.comparator) == indicator.comparator
            for indicator in found
        )
        shown = "; ".join(f"{i.comparator} {i.value}{i.unit}" for i in found) or "none"
        want = f"{_path(node)}: {spec.get('comparator', '')} {'/'.join(map(str, values))}{spec['unit']}"
        score.tally("indicators", hit, Failure("indicator", want, shown, got.line if got else None))


def _compare_guidance(score: Score, expected: dict, parsed) -> None:
    kept = [section.node for section in parsed.guidance]
    for spec in expected["guidance"]:
        wanted = Expected(spec["number"], spec["title"], None, spec)
        got = "、".join(f"{node.number}{node.title}" for node in kept) or "no guidance kept"
        score.tally(
            "guidance", any(wanted.key_matches(node) for node in kept), Failure("guidance", wanted.label(), got)
        )


# --- totals ----------------------------------------------------------------------------------------

GOAL = 0.95


@dataclass
class Totals:
    format: str
    scores: list[Score]

    def sum(self, name: str) -> list[int]:
        return [sum(getattr(s, name)[0] for s in self.scores), sum(getattr(s, name)[1] for s in self.scores)]

    @property
    def false_items(self) -> int:
        return sum(s.false_items for s in self.scores)

    @property
    def false_headings(self) -> int:
        return sum(s.false_headings for s in self.scores)

    def rate(self, name: str) -> float:
        right, total = self.sum(name)
        return right / total if total else 1.0

    def goal_misses(self) -> list[str]:
        """What keeps this format from the issue's goal; empty when it is met."""
        misses = [
            f"{name} {self.rate(name):.1%} < 95%" for name in ("headings", "items", "fields") if self.rate(name) < GOAL
        ]
        right, total = self.sum("titles")
        if right < total:
            misses.append(f"titles {right}/{total}")
        if self.false_items:
            misses.append(f"{self.false_items} false items")
        return misses

    def as_dict(self) -> dict:
        out = {name: self.sum(name) for name in Score.COUNTS}
        out.update(format=self.format, false_items=self.false_items, false_headings=self.false_headings)
        out.update(goal_met=not self.goal_misses(), goal_misses=self.goal_misses())
        return out


def run(docs: list[Document] | None = None, formats: list[str] | None = None, extra=()) -> dict[str, Totals]:
    """Every document in every form (or those asked for), totalled by form."""
    docs = list(docs or documents())
    wanted_pdf = formats is None or {"pdf", "scan"} & set(formats)
    if wanted_pdf and pdf_supported() and not missing_libreoffice():
        make_pdfs(docs)
    totals: dict[str, Totals] = {}
    for doc in docs:
        for fmt in formats_of(doc, tuple(extra)):
            if formats is not None and fmt not in formats:
                continue
            if fmt in ("pdf", "scan") and missing_libreoffice():
                continue
            totals.setdefault(fmt, Totals(fmt, [])).scores.append(measure(doc, fmt))
    return totals


def iter_failures(totals: dict[str, Totals]) -> Iterator[tuple[Score, Failure]]:
    for total in totals.values():
        for score in total.scores:
            for failure in score.failures:
                yield score, failure
