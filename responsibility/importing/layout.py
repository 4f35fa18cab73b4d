"""From lines placed on pages (a PDF's text layer, or what OCR read off a scan) to paragraphs.

A PDF keeps where each line was drawn and nothing of the paragraphs Word had: Chinese text wraps at
the right margin wherever the line is full, even inside a word, and a page break cuts a paragraph in
two. The paragraphs are put back the way a reader sees them: a line that runs to the right margin
goes on in the line below, unless that line starts further in (a first-line indent), or as far in
as an indented first line above it (whose own paragraph went on at the margin), or starts with a
number (一、 （一） 1.) or a label such as 牵头单位： after a full stop, or stands clearly lower than
the paragraph's lines so far. Page headers and footers are not the document: page numbers (- 3 -, 第3页
共9页, 3/9) and a line repeated in the margin of most pages (a 红头 printed on every page) are
dropped. Each paragraph becomes one ``Line``, numbered in order, and each table row takes a number
of its own, so line N on the review page is the N-th paragraph or row.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from . import fields as phrases
from .document import Block, Line, Table
from .numbering import match

EDGE = 2  # lines at the top and at the bottom of a page that may be a header or a footer
TABLE_MARK = "\ufffc"  # what a table stands for among the lines of text
RUNNING_SHARE = 0.6  # a line repeated on this share of the pages (two at least) is a running header
NO_LINE_START = "，。、；：！？”’）》〉】」』…%,.;:!?)"  # marks a line may not start with
SOLIDUS = "/／"  # nor a slash, save as a paragraph's own first word (A/B类)
NO_LINE_END = "“‘（《〈【「『("  # marks a line may not end with
OPENING_QUOTES = "“‘"  # no break before them either: the character before goes down with them
NUMBER_START = re.compile(r"^[≥≤><＞＜]?\d")
# A code of Latin letters with digits in it ("Y011", "G320", "AB12"), a road's, a lot's, a model's: one word.
LATIN_CODE_START = re.compile(r"^[A-Za-z]{1,4}-?\d")
PUSHED_OVER = 3.5  # character widths a line may end short of the margin when a mark was kept off its edge
CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
SPACE_BETWEEN_CJK = re.compile(rf"(?<={CJK.pattern})[ \u00a0]+(?={CJK.pattern})")
PAGE_NUMBER = re.compile(
    r"""^(?:
        [-—–－~～]+\s*\d{1,4}\s*[-—–－~～]+           # - 3 -, — 3 —
      | 第\s*\d{1,4}\s*页\s*[,，/／]?\s*(?:共\s*\d{1,4}\s*页)?  # 第3页 共9页
      | 共\s*\d{1,4}\s*页\s*[,，/／]?\s*第\s*\d{1,4}\s*页      # 共9页 第3页
      | \d{1,4}\s*[/／]\s*\d{1,4}                      # 3/9
      | page\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?        # Page 3 of 9
    )$""",
    re.VERBOSE | re.IGNORECASE,
)
BARE_NUMBER = re.compile(r"^\d{1,4}$")
# A line of its own under a title that gives the points of a scoring scheme ("（满分100分）", "(总分：100分)"):
# a note on the title, never its last words.
POINTS_LINE = re.compile(r"^[（(]\s*(?:满分|总分|共|计)\s*[：:]?\s*\d+(?:\.\d+)?\s*分\s*[）)]$")


@dataclass
class TextLine:
    """One line as drawn: its text and its box, in points from the page's top left corner."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def size(self) -> float:
        return max(self.bottom - self.top, 1.0)


@dataclass
class TableBox:
    """A table as drawn, its cells' texts already joined into paragraphs; where known (a PDF's text
    layer), ``lines`` holds each cell's lines as drawn, row by row (none for a cell merged from above)."""

    rows: list[list[str]]
    top: float
    bottom: float
    x0: float = 0.0
    x1: float = 0.0
    lines: list[list[list[TextLine]]] = field(default_factory=list)


Item = TextLine | TableBox


def table_rows(table, text_of: Callable[[tuple], str]) -> list[list[str]]:
    """The table's rows of texts, a cell merged down over rows giving its text to each of them."""
    rows: list[list[str]] = []
    above: dict[int, tuple[tuple, str]] = {}
    for row in table.rows:
        texts = []
        for column, cell in enumerate(row.cells):
            if cell is not None:
                above[column] = (cell, text_of(cell))
                texts.append(above[column][1])
            else:
                texts.append(merged_from_above(above.get(column), row.bbox))
        rows.append(texts)
    return rows


def merged_from_above(above: tuple[tuple, str] | None, row_box: tuple) -> str:
    """A cell merged down over this row gives its text here too, as a Word table's does; a cell
    merged across from the left gives "" (the docx reader's way)."""
    if above is None:
        return ""
    (_x0, _top, _x1, bottom), text = above
    return text if bottom >= row_box[3] - 1 else ""


@dataclass
class Page:
    number: int  # 1-based, as a PDF viewer counts
    width: float
    height: float
    items: list[Item] = field(default_factory=list)  # in reading order
    ocr: bool = False

    def lines(self) -> list[TextLine]:
        return [item for item in self.items if isinstance(item, TextLine)]


@dataclass(frozen=True)
class Frame:
    """Where text runs on pages of one size: its left and right edges."""

    left: float
    right: float

    def is_full(self, line: TextLine) -> bool:
        """The line was wrapped: it reaches the right margin and starts near the left one."""
        return line.x1 >= self.right - 1.5 * line.size and line.x0 <= self.left + 4 * line.size


# --- headers and footers --------------------------------------------------------------------------


def drop_running_lines(pages: list[Page]) -> None:
    """Take page numbers and repeated page headers and footers off the pages, in place."""
    margins = _Margins(pages)
    for page in pages:
        edges = _edges(page)
        page.items = [item for item in page.items if not margins.holds(item, page, edges)]


class _Margins:
    """What the document prints in its page margins."""

    def __init__(self, pages: list[Page]) -> None:
        self.running = _running_keys(pages)
        self.numbered = _numbered_pages(pages)
        self.pitch = _usual_pitch(pages)

    def holds(self, item: Item, page: Page, edges: dict[int, TextLine]) -> bool:
        if not isinstance(item, TextLine) or id(item) not in edges:
            return False
        text = _compact(item.text)
        if PAGE_NUMBER.match(text):
            return True
        if BARE_NUMBER.match(text) and page.number in self.numbered:
            return True
        if (_key(text), _position(item, page)) not in self.running or match(text):
            return False  # a numbered line is an item, wherever it stands
        return self._stands_apart(item, page)

    def _stands_apart(self, line: TextLine, page: Page) -> bool:
        """A header or footer sits in the margin, further from the text than the text's lines are
        from each other; a body line that happens to repeat ("牵头单位：党政办") does not."""
        lines = page.lines()
        index = next(i for i, other in enumerate(lines) if other is line)
        neighbour = lines[index + 1] if index < len(lines) // 2 else lines[index - 1] if index else None
        if neighbour is None:
            return True
        return abs(neighbour.top - line.top) > max(1.2 * self.pitch, 2 * neighbour.size)


def _edges(page: Page) -> dict[int, TextLine]:
    lines = page.lines()
    return {id(line): line for line in lines[:EDGE] + lines[-EDGE:]}


def _running_keys(pages: list[Page]) -> set[tuple[str, int]]:
    """Texts (digits aside) drawn at the same height at the top or bottom of most pages."""
    seen: dict[tuple[str, int], set[int]] = defaultdict(set)
    for page in pages:
        for line in _edges(page).values():
            if not PAGE_NUMBER.match(_compact(line.text)):
                seen[(_key(line.text), _position(line, page))].add(page.number)
    needed = max(2, RUNNING_SHARE * sum(1 for page in pages if page.lines()))
    return {key for key, numbers in seen.items() if len(numbers) >= needed}


# The line a slide deck saved or exported as text opens each slide with ("幻灯片 3", "Slide 3", "第3张幻灯片"):
# where the slide begins, no words of it.
SLIDE_MARKER = re.compile(
    r"^[-—=\s\[【]*(?:(?:幻灯片|slide)\s*(?P<number>\d{1,3})|第\s*(?P<nth>\d{1,3})\s*张幻灯片)[-—=\s\]】]*$",
    re.IGNORECASE,
)


def slide_markers(blocks: list[Block]) -> set[int]:
    """The lines of a deck's slide markers (``SLIDE_MARKER``): two at least, each numbered after the one
    before. One line "幻灯片 3" in a plan is words of it."""
    found = [(block.line, SLIDE_MARKER.match(block.text.strip())) for block in blocks if isinstance(block, Line)]
    found = [(line, int(marker.group("number") or marker.group("nth"))) for line, marker in found if marker]
    numbers = [number for _line, number in found]
    if len(found) < 2 or any(later <= earlier for earlier, later in zip(numbers, numbers[1:], strict=False)):
        return set()
    return {line for line, _number in found}


def running_heads(blocks: list[Block]) -> set[int]:
    """The lines a paginated copy typed or pasted as text (a scan's, a printout's) repeats atop its pages: a
    text (digits aside) standing first in the document or first after a page's number, at least twice and
    nowhere else. Their line numbers; not the first where it is a title (a plan that prints its own name
    atop every page keeps it once), nor an attachment's mark ("附件1" and "附件2" atop their pages are alike but
    for their digits: each opens a part)."""
    from .headers import attachment_line, is_complete_title

    seen: Counter[str] = Counter()
    tops: list[Line] = []
    at_top = True
    for block in blocks:
        text = _compact(block.text) if isinstance(block, Line) else TABLE_MARK
        if text and not PAGE_NUMBER.match(text):
            seen[_key(text)] += 1
            if at_top and text != TABLE_MARK and match(text) is None and attachment_line(text) is None:
                tops.append(block)
        at_top = bool(PAGE_NUMBER.match(text)) or at_top and not text
    counts = Counter(_key(line.text) for line in tops)
    running = [line for line in tops if 2 <= counts[_key(line.text)] == seen[_key(line.text)]]
    if running and running[0] is tops[0] and is_complete_title(tops[0].text):
        running = running[1:]
    return {line.line for line in running}


def _numbered_pages(pages: list[Page]) -> set[int]:
    """Pages whose bare number at the top or bottom counts on with the pages (3, 4, 5 … or 1, 2, 3 …
    from a cover on): a lone "2" elsewhere is an item number whose text is on the next line."""
    offsets: dict[int, list[int]] = defaultdict(list)
    for page in pages:
        lines = page.lines()
        for line in {id(x): x for x in lines[:1] + lines[-1:]}.values():
            text = _compact(line.text)
            if BARE_NUMBER.match(text):
                offsets[int(text) - page.number].append(page.number)
    return {number for found in offsets.values() if len(found) >= 2 for number in found}


def _usual_pitch(pages: list[Page]) -> float:
    """The larger of the usual distances between the tops of two body lines (the 80th percentile:
    lines within a paragraph and between paragraphs, not the odd blank line)."""
    pitches = []
    for page in pages:
        body = page.lines()[EDGE:-EDGE]
        pitches += [b.top - a.top for a, b in zip(body, body[1:], strict=False) if b.top > a.top]
    if not pitches:
        return 0.0
    pitches.sort()
    return pitches[min(len(pitches) - 1, int(len(pitches) * 0.8))]


def _position(line: TextLine, page: Page) -> int:
    """Height on the page, in steps of 4 pt: the same header on every page lands on the same step."""
    middle = (line.top + line.bottom) / 2
    return round(middle / 4) if middle < page.height / 2 else -round((page.height - middle) / 4)


def _compact(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


# --- paragraphs -----------------------------------------------------------------------------------


def frames(pages: list[Page]) -> dict[int, Frame]:
    """Each page's text frame, from all pages of its size: a page of short lines alone would make
    its longest line look full."""
    groups: dict[tuple, list[Page]] = defaultdict(list)
    for page in pages:
        groups[(round(page.width), round(page.height), page.ocr)].append(page)
    found = {}
    for group in groups.values():
        lines = [line for page in group for line in page.lines() if len(line.text.strip()) >= 4]
        lines = lines or [line for page in group for line in page.lines()]
        found.update({page.number: _frame(lines, group[0].width) for page in group})
    return found


def _frame(lines: list[TextLine], width: float) -> Frame:
    if not lines:
        return Frame(0, width)
    left, right = min(line.x0 for line in lines), max(line.x1 for line in lines)
    size = max(line.size for line in lines)
    if right < width - left - 4 * size:
        # No line comes near the right margin: a list of short lines. The margins are taken to be
        # even, or its longest line would pass for a wrapped one.
        right = width - left
    return Frame(left, right)


def blocks(pages: list[Page]) -> tuple[list[Block], dict[int, int]]:
    """The pages' paragraphs and tables as blocks, and the line each page starts at."""
    page_frames = frames(pages)
    out: list[Block] = []
    starts: dict[int, int] = {}
    paragraph: list[tuple[TextLine, Frame]] = []
    counter = _Counter()

    def flush() -> None:
        if paragraph:
            lines = [line for line, _frame in paragraph]
            out.append(Line(join(lines), counter.take(1), wraps=_wraps(lines)))
            paragraph.clear()

    for page in pages:
        frame = page_frames[page.number]
        for item in page.items:
            if isinstance(item, TableBox):
                flush()
                starts.setdefault(page.number, counter.next)
                # A ruled table's merged cells are known (``pdf._table_box`` fills them down).
                out.append(Table(rows=item.rows, line=counter.take(max(len(item.rows), 1)), merges_filled=True))
                continue
            if not (paragraph and continues(paragraph, item, frame)):
                flush()
            starts.setdefault(page.number, counter.next)  # the paragraph being read takes the next line
            paragraph.append((item, frame))
    flush()
    return out, starts


class _Counter:
    def __init__(self) -> None:
        self.next = 1

    def take(self, count: int) -> int:
        first = self.next
        self.next += count
        return first


def continues(paragraph: list[tuple[TextLine, Frame]], line: TextLine, frame: Frame) -> bool:
    """Whether ``line`` goes on with the paragraph whose lines so far are ``paragraph``."""
    last, last_frame = paragraph[-1]
    text = line.text.strip()
    if "\t" in last.text and "\t" in text:
        return False  # rows of a table set out with tab stops (their gaps read as tabs), not one paragraph
    if not (last_frame.is_full(last) or _broke_early(last, text, last_frame)):
        return False
    numbering = match(text)
    if (numbering and numbering.certain) or POINTS_LINE.match(re.sub(r"\s+", "", text)):
        return False
    indent, last_indent = line.x0 - frame.left, last.x0 - last_frame.left
    if indent > last_indent + 0.5 * line.size:
        return False  # indented further than the line above: a new paragraph's first line
    if len(paragraph) == 1 and last_indent >= last.size and indent > last_indent - 0.5 * line.size:
        return False  # a first line set in goes on at the margin; one more set in is the next paragraph's
    if last.text.rstrip().endswith(tuple(phrases.SENTENCE_END)) and phrases.is_assignment_line(text):
        return False
    return not _stands_lower(paragraph, line)


def _broke_early(last: TextLine, text: str, frame: Frame) -> bool:
    """Chinese typesetting keeps a closing mark off the start of a line and an opening one off its end
    ("达到" / "会，全年" rather than "会" / "，全年"): the character before it (or the opening mark) goes
    down with it, and the line above ends short of the margin by a character or two. An opening
    quotation mark is not broken from the character before it either ("大检" / "查“九小场所”"), save at
    a sentence's end."""
    reaches = last.x1 >= frame.right - PUSHED_OVER * last.size and last.x0 <= frame.left + 4 * last.size
    if not reaches:
        return False
    open_sentence = not last.text.rstrip().endswith(tuple(phrases.SENTENCE_END))
    quoted = text[1:2] in OPENING_QUOTES and open_sentence
    # A number is not broken either: "覆盖率达到" / "85%。" when "85%。" did not fit the room left.
    number = open_sentence and bool(NUMBER_START.match(text))
    # Nor a unit written with a slash: "控制在32微" / "克/立方米以下" when "克/" did not fit the room left.
    slashed = open_sentence and bool(text[1:2]) and text[1:2] in SOLIDUS
    # Nor a code of Latin letters and digits: "完成县道X203线、乡道" / "Y011线等…" when "Y011" did not fit the room
    # left.
    code = open_sentence and bool(LATIN_CODE_START.match(text))
    return text[:1] in NO_LINE_END or text[1:2] in NO_LINE_START or quoted or number or slashed or code


def _stands_lower(paragraph: list[tuple[TextLine, Frame]], line: TextLine) -> bool:
    """Clearly more space above ``line`` than between the paragraph's lines so far (same page only)."""
    if len(paragraph) < 2:
        return False
    (before, _), (last, _) = paragraph[-2], paragraph[-1]
    gap, usual = line.top - last.bottom, last.top - before.bottom
    if gap < 0 or usual < 0:
        return False  # a new page (or a new column): no gap to compare
    return gap > 1.5 * usual + 0.3 * line.size


def paragraphs(lines: list[TextLine], frame: Frame) -> list[str]:
    """The paragraphs of lines in one frame (a table cell's), as texts."""
    found: list[list[tuple[TextLine, Frame]]] = []
    for line in lines:
        if found and continues(found[-1], line, frame):
            found[-1].append((line, frame))
        else:
            found.append([(line, frame)])
    texts = []
    for paragraph in found:
        drawn = [line for line, _frame in paragraph]
        texts.extend(listed_names([line.text for line in drawn]) or unit_shares(drawn) or [join(drawn)])
    return texts


NAME_LIST_STARTS = "区县市镇乡各"  # a level (区发改局, 县财政局) or 各 (各社区居委会) that begins each name of a list
LISTED_NAME = 16  # characters a name of a cell's list of names may have


def listed_names(texts: list[str]) -> list[str] | None:
    """A narrow cell's unit names one under another ("区发改局" / "区财政局", or each wrapped: "各街道办事" /
    "处" / "各社区居委" / "会"), as its drawn lines' (or a page's pieces') ``texts``: they fill the cell's
    width and would read as one wrapped name, but a line that begins as the first did, after a whole
    unit's name, begins the next name. Only when every piece is then a unit's name begun the same way;
    a name wrapped inside ("区住房和城乡" / "建设局") or a sentence with a unit as its subject ("县财政局" /
    "县级配套资金按时拨付") stays one text."""
    texts = [text.strip() for text in texts if text.strip()]
    first = texts[0][:1] if texts else ""
    if len(texts) < 2 or first not in NAME_LIST_STARTS:
        return None
    names = [""]
    for text in texts:
        if names[-1] and text.startswith(first) and phrases.is_unit_name(names[-1]):
            names.append(text)
        else:
            names[-1] = join_texts(names[-1], text)
    listed = len(names) > 1 and all(len(name) <= LISTED_NAME and phrases.is_unit_name(name) for name in names)
    return [tidy(name) for name in names] if listed else None


# "城管办：" at a line's start: a unit's name and the colon before its share of the task.
SHARE_START_RE = re.compile(r"^([^：:，,。；;\s]{2,16})[：:]")


def unit_shares(lines: list[TextLine]) -> list[str] | None:
    """A cell of one line per unit, "城管办：清理死角120处" / "各社区：建立台账" (a task split among units):
    each line that begins with a unit's name and a colon begins a share, the others wrap the share
    before. Only when the cell's first line begins one and a second share follows."""
    shares: list[list[TextLine]] = []
    for line in lines:
        found = SHARE_START_RE.match(line.text.strip())
        if found and phrases.is_unit_name(found.group(1)):
            shares.append([line])
        elif shares:
            shares[-1].append(line)
        else:
            return None
    return [join(share) for share in shares] if len(shares) > 1 else None


def join_cell_pieces(before: str, after: str) -> str:
    """A cell's text that a page break cut in two: one text, or a list of names kept one a line."""
    names = listed_names([before, after])
    return "\n".join(names) if names else join_texts(before, after)


def _wraps(lines: list[TextLine]) -> tuple[str, ...]:
    """The texts of a paragraph's lines, when it has several and they make its text end to end (Chinese
    lines, joined without a space)."""
    pieces = tuple(tidy(line.text.strip()) for line in lines)
    return pieces if len(pieces) > 1 and "".join(pieces) == join(lines) else ()


def join(lines: list[TextLine]) -> str:
    """One paragraph's text: Chinese lines join without a space, Latin words with one."""
    text = ""
    for line in lines:
        text = join_texts(text, line.text)
    return tidy(text)


def join_texts(before: str, after: str) -> str:
    before, after = before.strip(), after.strip()
    if before[-1:].isdigit() and after[:1].isdigit():
        return before + after  # a number the line's (or the page's) end cut: "1" / "0" is 10
    if before and after and not (CJK.match(before[-1]) or CJK.match(after[0])):
        return f"{before} {after}"
    return before + after


def tidy(text: str) -> str:
    """Spaces a layout put between Chinese characters (justified lines, OCR) are not text."""
    return SPACE_BETWEEN_CJK.sub("", text)
