"""Nesting numbered entries: a style seen before closes everything opened since; a new style opens a level.

This is how a reader nests 一、 → （一） → 1. without being told the order: whatever style a
document uses first is its top level, so "1." at the top or a skipped level still comes out right.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from .document import Node, Problem
from .numbering import Numbering

PART = "part-of-document"
DOTTED = "dotted"
CAPITAL = "capital"


def _code(number: str) -> list[str]:
    return re.findall(r"\d+", number)


class TreeBuilder:
    def __init__(self, last: dict[str, int] | None = None) -> None:
        """``last``: the last value seen of each style, shared with the builder of the table before
        (a plan's tables under 一、二、三 often number their rows 1–9 across them)."""
        self.roots: list[Node] = []
        self.warnings: list[Problem] = []
        self._stack: list[tuple[str, Node, int]] = []  # (style, node, value) from the top down
        self._last: dict[str, int] = last if last is not None else {}  # the last value of each style, anywhere
        self._codes: dict[str, list[str]] = {}  # the last dotted code of each depth ("3.1.2" → 3, 1, 2)

    @property
    def current(self) -> Node | None:
        return self._stack[-1][1] if self._stack else None

    def due(self, style: str) -> int:
        """The value the next entry of ``style`` should carry where the document has got to."""
        for open_style, _node, value in reversed(self._stack):
            if open_style == style:
                return value + 1
        return 1

    def in_sequence(self, numbering: Numbering) -> bool:
        """Due here, or running on from the last of its style: many plans number 1–40 across parts."""
        return numbering.value in (self.due(numbering.style), self._last.get(numbering.style, 0) + 1)

    def accepts(self, numbering: Numbering) -> bool:
        """An uncertain number ("2 专家…") counts only if it is in sequence; a capital numeral only in a run
        that starts at 壹: "伍、" opens a PDF's line wrapped inside "队伍、", "陆、海、空" is a list."""
        if numbering.style == CAPITAL and numbering.value != 1 and CAPITAL not in self._last:
            return False
        return numbering.certain or self.in_sequence(numbering)

    def siblings_of(self, node: Node) -> list[Node]:
        parent = self.parent_of(node)
        return parent.children if parent else self.roots

    def parent_of(self, node: Node) -> Node | None:
        nodes = [open_node for _style, open_node, _value in self._stack]
        index = next((i for i, open_node in enumerate(nodes) if open_node is node), None)
        return nodes[index - 1] if index else None

    def last_entry(self, numbering: Numbering) -> Node | None:
        """The entry numbered as ``numbering`` the document has got to: one open here ("二、" over the
        entries read since), or the last entry under the one read last ("（一）" under "二、" just resumed)."""
        for style, node, _value in reversed(self._stack):
            if style == numbering.style and node.number == numbering.number:
                return node
        children = self.current.children if self.current else self.roots
        last = children[-1] if children else None
        return last if last is not None and last.number == numbering.number else None

    def resume(self, numbering: Numbering, node: Node) -> None:
        """Go on under ``node`` (``last_entry``), as if its line had just been read again: what was opened
        since under it closes; an entry closed under the current one opens again."""
        if any(open_node is node for _style, open_node, _value in self._stack):
            self.end_below(node)
        else:
            self._stack.append((numbering.style, node, numbering.value))

    def end_below(self, node: Node | None) -> None:
        """Close every entry opened under ``node`` (every entry, for None): the next one goes beside them."""
        while self._stack and self._stack[-1][1] is not node:
            self._stack.pop()

    def add(self, numbering: Numbering, node: Node) -> None:
        due = self.due(numbering.style)
        if not self.in_sequence(numbering) and self._counts_on(numbering):
            self.warnings.append(
                Problem(
                    node.line,
                    numbering.number,
                    _("编号不连续：此处应为第 %(due)s 项，原文为“%(number)s”。")
                    % {"due": due, "number": numbering.number},
                )
            )
        self._close_other_codes(numbering)
        self._close_to_the_one_it_follows(numbering)
        self._last[numbering.style] = numbering.value
        self._codes[numbering.style] = _code(numbering.number)
        self._close(numbering.style)
        parent = self.current
        (parent.children if parent else self.roots).append(node)
        self._stack.append((numbering.style, node, numbering.value))

    def count(self, numbering: Numbering) -> None:
        """A number read as a paragraph (an article that is a rule): the next of its style runs on from it."""
        self._last[numbering.style] = numbering.value

    def open_part(self, node: Node) -> None:
        """A part of the document that numbers afresh (an attachment): everything open closes, the
        part goes at the top, and the numbers that follow nest under it as if the document began."""
        self.roots.append(node)
        self._stack = [(PART, node, len(self.roots))]
        self._last = {}

    def drop_part(self, node: Node) -> None:
        """Undo ``open_part``: the attachment is the plan itself, whose numbers start at the top."""
        self.roots = [root for root in self.roots if root is not node]
        self._stack = []

    def _close_to_the_one_it_follows(self, numbering: Numbering) -> None:
        """A hurried writer numbers one level in mixed styles ("一、" then "2、" then "（三）"): a style
        not open here whose first number is not 1 but the next of an open entry's goes beside that
        entry, not under the entry last opened. A new style that starts at 1 still opens a level."""
        opened = any(style == numbering.style for style, _node, _value in self._stack)
        runs_on = self._last.get(numbering.style, 0) + 1 == numbering.value
        if numbering.value <= 1 or opened or runs_on:
            return
        follows = next(
            (node for style, node, value in self._stack if value + 1 == numbering.value and style != PART),
            None,
        )
        if follows is not None:
            self.end_below(follows)
            self._stack.pop()

    def _counts_on(self, numbering: Numbering) -> bool:
        """Whether the entry should count on from the last of its style: a dotted code only within the clause
        of the last code of its depth ("1.4" after "1.2" skips 1.3); "3.4.1" after "3.1.2", or a first code,
        is a clause picked out of a standard, no count missed."""
        if not numbering.style.startswith(DOTTED):
            return True
        last = self._codes.get(numbering.style)
        return last is not None and last[:-1] == _code(numbering.number)[:-1]

    def _close_other_codes(self, numbering: Numbering) -> None:
        """A dotted code goes under the open code it extends ("4.2.3.1" under "4.2.3"), never under one it
        does not ("4.2.3.1" after "3.4.1"): a standard's clause codes number a list of its clauses picked out,
        each beside the others whatever its depth."""
        if not numbering.style.startswith(DOTTED):
            return
        code = _code(numbering.number)
        while self._stack and self._stack[-1][0].startswith(DOTTED):
            open_code = _code(self._stack[-1][1].number)
            if code[: len(open_code)] == open_code and len(code) > len(open_code):
                return
            self._stack.pop()

    def _close(self, style: str) -> None:
        if any(open_style == style for open_style, _node, _value in self._stack):
            while self._stack[-1][0] != style:
                self._stack.pop()
            self._stack.pop()
