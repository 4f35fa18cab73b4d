#!/usr/bin/env python
"""How often the importer doubts a table's reading, and how often it is right to.

    .venv/bin/python bench/doubts_tables.py [--formats txt,md,xlsx,paste,docx] [--documents d414,d260] [--list]

Imports every document of the corpus in each form asked for (all but the PDF and the scan by default), as
``bench/import_accuracy.py`` does, and counts the doc-forms whose warnings hold a doubt of
``responsibility/importing/table_doubts.py`` (a task column repeating itself beside a column of sentences;
most of a table's rows giving no item), and how many of those are wrong readings: the accuracy tool
reports a wrong heading, item or field, or a false item or heading ("of the tree": a wrong heading or item,
a false one, or a refusal, what a table read by the wrong column gets wrong). Doubts are not part of accuracy; a
doubt at a right reading is a false alarm. --list prints each doubt with its doc-form.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.import_accuracy import setup

# A wrong reading of the tree: what a table read by the wrong column gets wrong. A wrong field alone is
# counted apart.
TREE_KINDS = ("heading", "item", "false item", "false heading", "refused", "crashed")
# The doubts' words as the Chinese catalogue gives them: the kind of each.
KINDS = {"列被读作工作任务": "repeated task", "行没有读出事项": "rows without items"}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--formats", default="txt,md,xlsx,paste,docx", help="comma-separated forms")
    parser.add_argument("--documents", default="", help="comma-separated names or prefixes (d01,d07)")
    parser.add_argument("--list", action="store_true", help="print each doubt with its doc-form")
    return parser.parse_args()


def kind_of(message: str) -> str | None:
    return next((kind for words, kind in KINDS.items() if words in message), None)


def is_wrong(score) -> bool:
    return any(failure.kind in TREE_KINDS or failure.kind.startswith("field") for failure in score.failures)


def is_wrong_tree(score) -> bool:
    return any(failure.kind in TREE_KINDS for failure in score.failures)


def main() -> None:
    args = parse_args()
    setup()
    from tests.responsibility.importing.corpus import accuracy

    docs = [accuracy.document(name) for name in args.documents.split(",") if name] or accuracy.documents()
    formats = [name for name in args.formats.split(",") if name]
    if {"pdf", "scan"} & set(formats):
        accuracy.make_pdfs(docs)
    forms = wrong = wrong_tree = 0
    doubted: dict[str, list[tuple[bool, bool]]] = collections.defaultdict(list)
    wrong_doubted = wrong_tree_doubted = 0
    for doc in docs:
        for fmt in accuracy.formats_of(doc, ("scan",) if "scan" in formats else ()):
            if fmt not in formats or doc.expected["not_a_plan"]:
                continue
            imported = accuracy.import_document(doc, fmt)
            score = accuracy.compare(doc, fmt, imported)
            forms += 1
            wrong += is_wrong(score)
            wrong_tree += is_wrong_tree(score)
            warnings = imported.parsed.warnings if imported.parsed else []
            kinds = {kind_of(warning.message) for warning in warnings} - {None}
            for kind in kinds:
                doubted[kind].append((is_wrong(score), is_wrong_tree(score)))
            wrong_doubted += bool(kinds) and is_wrong(score)
            wrong_tree_doubted += bool(kinds) and is_wrong_tree(score)
            if args.list:
                for warning in warnings:
                    if kind_of(warning.message):
                        mark = "WRONG TREE" if is_wrong_tree(score) else "WRONG" if is_wrong(score) else "right"
                        print(f"{doc.name.split('_')[0]} {fmt} {mark} line {warning.line}: {warning.message}")
    print(f"doc-forms (plans): {forms}, wrong readings: {wrong} (doubted {wrong_doubted})", end="")
    print(f", of the tree: {wrong_tree} (doubted {wrong_tree_doubted})")
    for kind in KINDS.values():
        marks = doubted.get(kind, [])
        print(
            f"{kind}: doubted doc-forms {len(marks)}, of which wrong readings {sum(any_ for any_, _tree in marks)}",
            end="",
        )
        print(f", of the tree {sum(tree for _any, tree in marks)}")


if __name__ == "__main__":
    main()
