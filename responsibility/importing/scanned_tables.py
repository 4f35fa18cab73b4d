"""Tables on a picture of a page: the grid found in the pixels, each cell's lines cut out for OCR.

Read as part of the page, a ruled table comes out of Tesseract cell by cell as lines with nothing of
the columns ("序号", "工作任务", "牵头单位", then each task's wrapped lines one under the other), so no
unit can be told from a task. The rules themselves are the clearest thing on a scan: long runs of
dark pixels, one row (or column) of pixels after another. They are found here with a regular
expression over each row's bytes (Pillow only, no array library), joined into edges and given to
pdfplumber's own grid builder, which makes cells of them as it does of a PDF's drawn lines, merged
cells included. The rules are then painted white, the tables blanked out of the page the rest of the
text is read from, and each cell cut into its lines of text for ``ocr`` to read one by one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pdfplumber.table import Table, cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges
from PIL import Image, ImageDraw, ImageOps

DARK = 160  # a grey below this is ink: a thin rule scanned at 200 dpi is 1–2 pixels of 30–150
SHORTEST_RULE = 14.0  # points: shorter runs are strokes of characters (longer ones count only as cell borders)
SNAP = 1.5  # points within which two parallel rules are one (a thick rule, a scan's skew)
JOIN = 3.0  # points of a broken rule's gap bridged
CORNER = 3.0  # points a rule may stop short of the rule it meets
LINE_GAP = 2.0  # points of white between two lines of a cell; a narrower one is inside a character
STROKE = 3.0  # points: a band of ink no higher is a stroke (一, the bars of 二 and 三), not a line of text
SLIVER = 0.45  # a band of ink this much lower than a cell's tallest line is part of a line (a dot, a dash)


@dataclass
class Rule:
    """A rule as found: its span in pixels along the page and across (its thickness)."""

    horizontal: bool
    at0: int  # first row (or column) of pixels across the rule
    at1: int  # last one
    start: int
    end: int

    def edge(self) -> dict:
        middle = (self.at0 + self.at1) / 2
        if self.horizontal:
            box = {"x0": self.start, "x1": self.end, "top": middle, "bottom": middle}
        else:
            box = {"x0": middle, "x1": middle, "top": self.start, "bottom": self.end}
        return {
            **box,
            "orientation": "h" if self.horizontal else "v",
            "width": box["x1"] - box["x0"],
            "height": box["bottom"] - box["top"],
            "object_type": "line",
        }


def find(image: Image.Image, pixels_per_point: float) -> tuple[list[Table], list[Rule]]:
    """The ruled tables of more than one row and one column on ``image`` (in pixels), and the rules
    that draw them."""
    ink = image.convert("L").point(lambda value: 0 if value < DARK else 255)
    least = max(int(SHORTEST_RULE * pixels_per_point), 8)
    rules = _rules(ink, least, horizontal=True) + _rules(ink.transpose(Image.Transpose.TRANSPOSE), least, False)
    if not rules:
        return [], []
    snap, join, corner = (value * pixels_per_point for value in (SNAP, JOIN, CORNER))
    edges = merge_edges([rule.edge() for rule in rules], snap, snap, join, join)
    cells = intersections_to_cells(edges_to_intersections(edges, corner, corner))
    tables = [Table(None, found) for found in cells_to_tables(cells)]
    tables = [table for table in tables if len(table.rows) > 1 and len(table.columns) > 1]
    return tables, [rule for rule in rules if any(_draws(rule, table, corner) for table in tables)]


def _rules(ink: Image.Image, least: int, horizontal: bool) -> list[Rule]:
    """Runs of at least ``least`` dark pixels along each row of ``ink``, runs on neighbouring rows
    that overlap joined into one rule (a rule two or three pixels thick)."""
    width, data = ink.width, ink.tobytes()
    pattern = re.compile(rb"\x00{%d,}" % least)
    open_rules: list[Rule] = []
    done: list[Rule] = []
    for row in range(ink.height):
        offset = row * width
        runs = [(run.start() - offset, run.end() - offset) for run in pattern.finditer(data, offset, offset + width)]
        still_open = []
        for rule in open_rules:
            touching = [run for run in runs if run[0] < rule.end and rule.start < run[1]]
            if touching:
                rule.at1 = row
                rule.start = min(rule.start, *(run[0] for run in touching))
                rule.end = max(rule.end, *(run[1] for run in touching))
                runs = [run for run in runs if run not in touching]
                still_open.append(rule)
            else:
                done.append(rule)
        open_rules = still_open + [Rule(horizontal, row, row, start, end) for start, end in runs]
    return done + open_rules


def _draws(rule: Rule, table: Table, margin: float) -> bool:
    """Whether ``rule`` is one of the table's cell borders (a character's stroke inside a cell is not)."""
    edge = rule.edge()
    if rule.horizontal:
        borders = {cell[1] for cell in table.cells} | {cell[3] for cell in table.cells}
        at, start, end, low, high = edge["top"], edge["x0"], edge["x1"], table.bbox[0], table.bbox[2]
    else:
        borders = {cell[0] for cell in table.cells} | {cell[2] for cell in table.cells}
        at, start, end, low, high = edge["x0"], edge["top"], edge["bottom"], table.bbox[1], table.bbox[3]
    return start >= low - margin and end <= high + margin and any(abs(at - border) <= margin for border in borders)


def erased(image: Image.Image, rules: list[Rule]) -> Image.Image:
    """``image`` with ``rules`` painted white (and a pixel around them, the grey of their edges)."""
    if not rules:
        return image
    image = image.copy()
    draw = ImageDraw.Draw(image)
    for rule in rules:
        if rule.horizontal:
            draw.rectangle((rule.start - 3, rule.at0 - 3, rule.end + 3, rule.at1 + 3), fill=255)
        else:
            draw.rectangle((rule.at0 - 3, rule.start - 3, rule.at1 + 3, rule.end + 3), fill=255)
    return image


# --- words into cells -----------------------------------------------------------------------------


def blanked(image: Image.Image, tables: list[Table]) -> Image.Image:
    """``image`` with the tables painted white: the text around them, for the page's reading."""
    if not tables:
        return image
    image = image.copy()
    draw = ImageDraw.Draw(image)
    for table in tables:
        draw.rectangle(tuple(round(value) for value in table.bbox), fill=255)
    return image


def has_ink(image: Image.Image) -> bool:
    return ImageOps.invert(image.point(lambda value: 0 if value < DARK else 255)).getbbox() is not None


def ink_box(image: Image.Image, cell: tuple, inset: int) -> tuple[int, int, int, int] | None:
    """Where the ink of a cell (rules erased) lies on the page, or None for a blank cell."""
    x0, top, x1, bottom = (round(value) for value in cell)
    box = (x0 + inset, top + inset, x1 - inset, bottom - inset)
    if box[2] <= box[0] or box[3] <= box[1]:
        return None
    found = ImageOps.invert(image.crop(box).point(lambda value: 0 if value < DARK else 255)).getbbox()
    if found is None:
        return None
    return box[0] + found[0], box[1] + found[1], box[0] + found[2], box[1] + found[3]


def ink_runs(inked: list, join: float) -> list[tuple[int, int]]:
    """The runs of inked rows or columns (``inked``: truthy where ink is), gaps up to ``join`` wide
    bridged (the white between a character's parts, or inside one: 前, 燕)."""
    runs: list[list[int]] = []
    for position, value in enumerate(inked):
        if not value:
            continue
        if runs and position - runs[-1][1] <= join:
            runs[-1][1] = position + 1
        else:
            runs.append([position, position + 1])
    return [(start, end) for start, end in runs]


def bars(image: Image.Image, box: tuple[int, int, int, int], pixels_per_point: float) -> int | None:
    """How many bars the ink in ``box`` is, where it is only two or three flat strokes one over the
    other, together no higher than they are wide: 二 or 三 alone in a cell (a category's number merged
    down), which Tesseract reads as 一 and 一一, or 下, on their own. Lines of text are higher than a
    stroke (六号 and up); dashes on lines of their own stand a line's pitch apart, more than a dash is
    wide."""
    ink = ImageOps.invert(image.crop(box).point(lambda value: 0 if value < DARK else 255))
    inked = [ink.crop((0, y, ink.width, y + 1)).getbbox() is not None for y in range(ink.height)]
    bands = ink_runs(inked, 0)
    found = ink.getbbox()
    if (
        not 2 <= len(bands) <= 3
        or found is None
        or any(end - start > STROKE * pixels_per_point for start, end in bands)
    ):
        return None
    return len(bands) if bands[-1][1] - bands[0][0] <= found[2] - found[0] else None


def text_lines(image: Image.Image, box: tuple[int, int, int, int], pixels_per_point: float) -> list[tuple]:
    """The boxes of the lines of text in ``box``: bands of ink between white rows, a gap narrower
    than ``LINE_GAP`` being inside a character (前, 燕), a band much lower than the others a part of
    the line next to it."""
    ink = ImageOps.invert(image.crop(box).point(lambda value: 0 if value < DARK else 255))
    width, height = ink.size
    # A row with ink: its one-pixel-high crop has a bounding box. Rows are few (a cell's height).
    inked = [ink.crop((0, y, width, y + 1)).getbbox() is not None for y in range(height)]
    bands = [[start, end] for start, end in ink_runs(inked, LINE_GAP * pixels_per_point)]
    tallest = max((end - start for start, end in bands), default=0)
    merged: list[list[int]] = []
    for band in bands:
        if merged and (band[1] - band[0] < SLIVER * tallest or merged[-1][1] - merged[-1][0] < SLIVER * tallest):
            merged[-1][1] = band[1]
        else:
            merged.append(band)
    return [(box[0], box[1] + start, box[2], box[1] + end) for start, end in merged]
