#!/usr/bin/env python
"""How the importer reads shapes it was never tuned for: the corpus, perturbed so that a clerk reads it
the same, scored as bench/import_accuracy.py scores it.

    .venv/bin/python bench/import_perturbed.py [--formats paste,docx] [--documents d01,d07] [--perturbations headers]
        [--failures]

Each document of tests/responsibility/importing/corpus/ is taken as text (a workbook as what Excel
copies of it) and changed in one way at a time:

- headers: the header words of its tables renamed to synonyms offices use (工作任务 → 建设事项, 序号 →
  代码, 牵头单位 → 主抓单位 …), from the list ``HEADER_SYNONYMS`` below;
- markers: the numbers of one level of its list (the style most lines outside its tables open with:
  "1.", "（一）" …) replaced by a symbol (➤, ✦, ❖ …), the same symbol for every line of that level; the
  expected items, headings and guidance sections of that level then accept any number;
- numbers: the numbers of the same level written in a shape no fixed style knows ("〔1〕", "1>", "❶"), their
  values kept, the same shape for every line of that level; the expected entries of that level then accept
  any number;
- line numbers: every line, blank ones too, prefixed with its line number and a space, as an editor's
  margin is copied;
- line numbers, no blanks: the same with the blank lines dropped first.

A document none of whose lines or cells a perturbation changes is left out of that perturbation's
count. Each perturbed text is imported as pasted text and as a Word document made from it, and scored
by tests/responsibility/importing/corpus/accuracy.py. Prints, per perturbation: documents changed,
documents refused, items, fields, false items; --failures then lists every expectation missed, per
perturbation, as bench/import_accuracy.py --failures does.
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import re
import sys
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.import_accuracy import setup

# Header words and the synonyms they are renamed to. Chosen as words offices write; some the importer
# may know already, which is what it should.
HEADER_SYNONYMS: dict[str, list[str]] = {
    "序号": ["代码", "条目", "项次", "编码"],
    "工作任务": ["建设事项", "推进事项", "工作名称", "任务描述", "落实事项"],
    "重点任务": ["攻坚事项", "工作名称", "推进事项"],
    "主要任务": ["建设事项", "任务描述"],
    "任务": ["事项描述", "工作名称"],
    "任务名称": ["工作名称", "事项描述"],
    "工作内容": ["推进事项", "任务描述"],
    "重点工作": ["攻坚事项", "落实事项"],
    "牵头单位": ["主抓单位", "牵头部门", "主办科室"],
    "责任单位": ["落实单位", "承担部门", "责任科室"],
    "配合单位": ["协同单位", "协办部门"],
    "完成时限": ["截止日期", "办结节点", "完成节点"],
    "时间节点": ["完成节点"],
    "完成时间": ["截止日期", "办结日期"],
}
MARKERS = ["➤", "✦", "❖", "◈", "☞", "✪", "⬥", "➢"]
# Numbers in shapes no fixed style of ``numbering`` knows, their values kept: "〔1〕", "1>", "❶" (past ⑩: "〔11〕").
NUMBER_SHAPES = ["〔{}〕", "{}>", "❶"]
FORMS = ("paste", "docx")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--formats", default=",".join(FORMS), help="comma-separated: paste,docx")
    parser.add_argument("--documents", default="", help="comma-separated names or prefixes (d01,d07)")
    parser.add_argument("--perturbations", default="", help="comma-separated: " + ",".join(PERTURBATIONS))
    parser.add_argument("--failures", action="store_true", help="list every expectation missed")
    return parser.parse_args()


def _pick(options: list[str], *seed: str) -> str:
    return options[zlib.crc32("|".join(seed).encode()) % len(options)]


# --- perturbations: (text, expected) → (text, expected), or None when nothing changed ----------------

_CELL_SPLIT = re.compile(r"(\t|\|)")


def headers(name: str, text: str, expected: dict):
    changed = False
    out = []
    for line in text.split("\n"):
        if "\t" not in line and line.count("|") < 2:
            out.append(line)
            continue
        parts = _CELL_SPLIT.split(line)
        for i, part in enumerate(parts):
            word = part.strip()
            if word in HEADER_SYNONYMS:
                parts[i] = part.replace(word, _pick(HEADER_SYNONYMS[word], name, word))
                changed = True
        out.append("".join(parts))
    return ("\n".join(out), expected) if changed else None


def markers(name: str, text: str, expected: dict):
    mark = _pick(MARKERS, name)
    return _relabelled(text, expected, lambda found: mark)


def numbers(name: str, text: str, expected: dict):
    shape = _pick(NUMBER_SHAPES, name)
    return _relabelled(text, expected, lambda found: _numbered(shape, found.value))


def _numbered(shape: str, value: int) -> str:
    if shape == "❶":
        return chr(0x2775 + value) if value <= 10 else f"〔{value}〕"
    return shape.format(value)


def _relabelled(text: str, expected: dict, label):
    """``text`` with the numbers of its most used style outside tables written ``label(number)`` instead,
    and ``expected`` accepting any number at that level."""
    from responsibility.importing.numbering import match

    lines = text.split("\n")
    styles: dict[str, int] = {}
    for line in lines:
        found = None if _in_table(line) else match(line)
        if found and found.certain:
            styles[found.style] = styles.get(found.style, 0) + 1
    if not styles:
        return None
    style = max(styles, key=lambda key: (styles[key], key))
    out = []
    for line in lines:
        found = None if _in_table(line) else match(line)
        if found and found.certain and found.style == style:
            indent = line[: len(line) - len(line.lstrip(" \u3000\t"))]
            line = f"{indent}{label(found)}{found.rest}"
        out.append(line)
    wanted = copy.deepcopy(expected)
    for spec in [*_walk(wanted.get("tree") or []), *wanted.get("guidance", [])]:
        found = match(f"{spec.get('number') or ''}{spec['title']}")
        if spec.get("number") and found and found.style == style:
            spec["number"] = None
    return "\n".join(out), wanted


def _in_table(line: str) -> bool:
    """A row of a table written as text: its 序号 cell is no list mark."""
    return "\t" in line or line.count("|") >= 2


def _walk(specs: list[dict]):
    for spec in specs:
        yield spec
        yield from _walk(spec.get("children", []))


def line_numbers(name: str, text: str, expected: dict):
    lines = text.split("\n")
    return "\n".join(f"{number} {line}".rstrip() for number, line in enumerate(lines, 1)), expected


def line_numbers_no_blanks(name: str, text: str, expected: dict):
    lines = [line for line in text.split("\n") if line.strip()]
    return "\n".join(f"{number} {line}" for number, line in enumerate(lines, 1)), expected


PERTURBATIONS = {
    "headers": headers,
    "markers": markers,
    "numbers": numbers,
    "line numbers": line_numbers,
    "line numbers, no blanks": line_numbers_no_blanks,
}


# --- scoring -------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Perturbed:
    """A corpus document as the perturbation made it: what ``accuracy.compare`` and ``render`` read."""

    name: str
    perturbed: str
    wanted: dict
    kind: str = "text"

    @property
    def expected(self) -> dict:
        return self.wanted

    def text(self) -> str:
        return self.perturbed


def score(doc: Perturbed, fmt: str):
    from tests.responsibility.importing.corpus import accuracy, render

    what = doc.perturbed if fmt == "paste" else (f"{doc.name}.docx", render.docx_bytes(doc))
    original = accuracy.file_of
    accuracy.file_of = lambda _doc, _fmt: what
    try:
        return accuracy.measure(doc, fmt)
    finally:
        accuracy.file_of = original


def main() -> None:
    args = parse_args()
    setup()
    from tests.responsibility.importing.corpus import accuracy

    docs = [accuracy.document(name) for name in args.documents.split(",") if name] or list(accuracy.documents())
    formats = [name for name in args.formats.split(",") if name]
    chosen = [name for name in args.perturbations.split(",") if name] or list(PERTURBATIONS)
    rows = []
    for label in chosen:
        perturb = PERTURBATIONS[label]
        changed, scores = 0, []
        for doc in docs:
            made = perturb(doc.name, doc.text(), doc.expected)
            if made is None:
                continue
            changed += 1
            perturbed = Perturbed(doc.name, made[0], made[1])
            scores.extend(score(perturbed, fmt) for fmt in formats)
        totals = accuracy.Totals(label, scores)
        refused = sorted(
            {f"{s.document.split('_')[0]} {s.format}" for s in scores if any(f.kind == "refused" for f in s.failures)}
        )
        rows.append((label, changed, refused, totals))
    print("perturbation            docs  refused (document·form)  items             fields            false items")
    for label, changed, refused, totals in rows:
        items, fields = totals.sum("items"), totals.sum("fields")
        print(
            f"{label:<24}{changed:>4}  {len(refused):>23}  {_share(items):<16}  {_share(fields):<16}  "
            f"{totals.false_items}"
        )
    for label, _changed, refused, _totals in rows:
        if refused:
            print(f"\n{label}: refused {', '.join(refused)}")
    if args.failures:
        from bench.import_accuracy import print_failures

        for label, _changed, _refused, totals in rows:
            print(f"\n--- {label}")
            print_failures({label: totals})


def _share(pair: list[int]) -> str:
    right, total = pair
    return f"{right}/{total} {right / total:.1%}" if total else "–"


if __name__ == "__main__":
    main()
