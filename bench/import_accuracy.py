#!/usr/bin/env python
"""How much of a document the importer gets right, on the corpus of made-up documents.

    .venv/bin/python bench/import_accuracy.py [--json] [--failures] [--formats txt,docx] [--documents d01,d07] [--scan]

Imports every document of tests/responsibility/importing/corpus/ in each form an office receives it
(its own file, pasted text, a Word document made from it, the PDF LibreOffice makes of that once
the importer reads PDFs, and with --scan a scan of that PDF), and compares what came out with the
clerk's expectation written next to each document. What counts as right is defined in
tests/responsibility/importing/corpus/accuracy.py. Prints a table per document and the totals
per form, with the issue's goal (≥ 95% of headings, items and assignment fields right, every plan
title right, no false items); --failures lists every expectation missed; --json prints it all as
one JSON document. No database is needed.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--failures", action="store_true", help="list every expectation missed")
    parser.add_argument("--formats", default="", help="comma-separated: txt,md,xlsx,paste,docx,pdf,scan")
    parser.add_argument("--documents", default="", help="comma-separated names or prefixes (d01,d07)")
    parser.add_argument("--scan", action="store_true", help="also import a scan of each PDF (slow: OCR)")
    return parser.parse_args()


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
    os.environ.setdefault("DEBUG", "false")
    import django

    django.setup()


def ratio(pair: list[int]) -> str:
    right, total = pair
    return f"{right}/{total}" if total else "–"


def percent(pair: list[int]) -> str:
    right, total = pair
    return f"{right / total:.1%}" if total else "–"


COLUMNS = ("headings", "items", "fields", "titles", "doc_numbers", "years", "indicators", "guidance", "flags")


def print_table(totals) -> None:
    header = ["document", "format", *COLUMNS, "false items", "false headings"]
    rows = []
    for total in totals.values():
        for score in total.scores:
            counts = [ratio(getattr(score, name)) for name in COLUMNS]
            rows.append(
                [score.document.split("_")[0], score.format, *counts, str(score.false_items), str(score.false_headings)]
            )
    rows.sort(key=lambda row: (row[0], row[1]))
    _print_rows(header, rows)
    print()
    summary = []
    for total in [*totals.values(), everything(totals)]:
        counts = [f"{ratio(total.sum(name))} {percent(total.sum(name))}" for name in COLUMNS]
        summary.append([total.format, *counts, str(total.false_items), str(total.false_headings)])
    _print_rows(["format", *COLUMNS, "false items", "false headings"], summary)
    print()
    for total in totals.values():
        misses = total.goal_misses()
        print(f"{total.format}: goal {'met' if not misses else 'not met: ' + '; '.join(misses)}")


def everything(totals):
    from tests.responsibility.importing.corpus.accuracy import Totals

    return Totals("all", [score for total in totals.values() for score in total.scores])


def _print_rows(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))


def print_failures(totals) -> None:
    from tests.responsibility.importing.corpus.accuracy import iter_failures

    for score, failure in iter_failures(totals):
        line = f" line {failure.line}" if failure.line else ""
        where = f"{score.document.split('_')[0]} {score.format}{line}"
        print(f"{where} [{failure.kind}] expected: {failure.expected} | got: {failure.got}")


def main() -> None:
    args = parse_args()
    setup()
    from tests.responsibility.importing.corpus import accuracy

    docs = [accuracy.document(name) for name in args.documents.split(",") if name] or None
    formats = [name for name in args.formats.split(",") if name] or None
    extra = ("scan",) if args.scan or (formats and "scan" in formats) else ()
    totals = accuracy.run(docs, formats, extra)
    if args.json:
        out = {
            "date": datetime.date.today().isoformat(),
            "pdf_supported": accuracy.pdf_supported(),
            "totals": {fmt: total.as_dict() for fmt, total in totals.items()},
            "all": everything(totals).as_dict(),
            "documents": [score.as_dict() for total in totals.values() for score in total.scores],
        }
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return
    print_table(totals)
    if args.failures:
        print()
        print_failures(totals)


if __name__ == "__main__":
    main()
