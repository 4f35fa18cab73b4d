"""Reading the workspace and the lists as a user sees them: a block by its element id, its rows."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from tests.browser import _clean, text


class _Block(HTMLParser):
    """The inner HTML of the element with ``id``, nested tags of the same name included."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source"}

    def __init__(self, wanted: str):
        super().__init__(convert_charrefs=False)
        self.wanted, self.depth, self.tag, self.start, self.found = wanted, 0, None, None, None

    def handle_starttag(self, tag, attrs):
        if self.found is not None or tag in self.VOID:
            return
        if self.tag is None and dict(attrs).get("id") == self.wanted:
            self.tag, self.depth, self.start = tag, 1, self._offset() + len(self.get_starttag_text())
        elif tag == self.tag:
            self.depth += 1

    def handle_endtag(self, tag):
        if self.tag == tag and self.found is None:
            self.depth -= 1
            if self.depth == 0:
                self.found = (self.start, self._offset())

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column


def block(response, element_id: str) -> str | None:
    html = text(response)
    parser = _Block(element_id)
    parser.line_starts = [0]
    for line in html.splitlines(keepends=True):
        parser.line_starts.append(parser.line_starts[-1] + len(line))
    parser.feed(html)
    if parser.tag is None:
        return None
    start, end = parser.found or (parser.start, len(html))
    return html[start:end]


def block_text(response, element_id: str) -> str:
    found = block(response, element_id)
    assert found is not None, f"no #{element_id} on the page"
    return _clean(found)


def table_rows(response, element_id: str) -> list[list[str]]:
    """The body rows of the table with ``element_id``, each as its cells' text."""
    table = block(response, element_id)
    assert table is not None, f"no table #{element_id} on the page"
    body = re.search(r"<tbody>(.*?)</tbody>", table, re.S).group(1)
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        rows.append([_clean(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)])
    return rows


def ids(response) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', text(response)))
