"""The documents of the corpus: each a source (.txt, .md, or a module whose ``build()`` writes an
.xlsx) and a .json of what the clerk expects of it, and the forms each is imported in."""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CORPUS = Path(__file__).resolve().parent
PACKAGE = __name__.rsplit(".", 1)[0]


@dataclass(frozen=True)
class Document:
    name: str  # the file stem, e.g. "d01_workpoints_notice_2024"
    kind: str  # "text" (a .txt), "md" (a .md) or "sheet" (a builder of an .xlsx)
    path: Path

    @property
    def expected(self) -> dict:
        return _expected(self.name)

    @property
    def short(self) -> str:
        return self.name.split("_", 1)[0]

    def text(self) -> str:
        """The document as text: the file itself, or for a workbook what Excel copies of it."""
        if self.kind == "sheet":
            from .sheets import clipboard

            module = self.builder()
            return clipboard(module.ROWS, module.MERGES)
        return self.path.read_text(encoding="utf-8")

    def builder(self):
        return importlib.import_module(f"{PACKAGE}.{self.name}")


@cache
def _expected(name: str) -> dict:
    return json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))


@cache
def documents() -> tuple[Document, ...]:
    found = []
    for spec in sorted(CORPUS.glob("d*.json")):
        source = json.loads(spec.read_text(encoding="utf-8"))["source"]
        kind = {".txt": "text", ".md": "md", ".py": "sheet"}[Path(source).suffix]
        found.append(Document(spec.stem, kind, CORPUS / source))
    return tuple(found)


def document(short_or_name: str) -> Document:
    for doc in documents():
        if short_or_name in (doc.name, doc.short):
            return doc
    raise KeyError(short_or_name)
