"""Text off a picture of a page (a scanned PDF page, a photo) with Debian's Tesseract.

Tesseract runs as its own program (``tesseract-ocr`` with the Simplified Chinese data,
``tesseract-ocr-chi-sim``), one page at a time, within what is left of the file's time limit. Its TSV
output gives every word with its box, so the lines keep their places and ``layout`` can put the
paragraphs back as it does for a PDF's text layer. A ruled table is found in the pixels first
(``scanned_tables``) and its cells read line by line; the columns of a table set out with tab stops
come back as tabs where the gap between two words is wider than two characters; a narrow column's
lines of one or two characters are read side by side as one line. A line Tesseract's layout analysis
left out, or read leaving a character's ink unread, is read again on its own. What it makes of the
marks around the words is put back by shape, not by document: a bullet ("e", "*" for ●, ◆) from its
blob of pixels, a table of contents' dot leaders from their flat boxes, the dash before units (一一), a
number's misread bracket ("《二)"), and a heading number misread or lost from its siblings where
exactly one fits; a label one character off where the line's shape leaves no doubt. OCR misreads
characters (己/已, 〇/O, a stamp over the text), so whatever it read is marked for the office to check
against the original.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import logging
import math
import os
import re
import shutil
import statistics
import subprocess
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from . import fields as phrases
from . import layout, scanned_tables
from .document import ImportRejected, Line, Problem, Source
from .fields import LABELS, SHORT_LABELS, chinese_number
from .headers import INDEX_LABELS
from .layout import Frame, Item, Page, TableBox, TextLine
from .numbering import CIRCLED, CN, ROMAN, Numbering, match
from .parse import BULLETS
from .safety import Deadline
from .scanned_tables import DARK, ink_runs
from .tables import LEVEL, column_key

logger = logging.getLogger(__name__)

LANGUAGE = "chi_sim"
DPI = 300
MAX_PIXELS = 60_000_000  # a photo larger than this (a 60-megapixel page) is refused, not decoded
CELL_PADDING = 6.0  # points between a table's rule and the text a cell wraps at
COLUMN_GAP = 2.0  # a gap wider than two characters on a line separates columns
STRAY_QUOTES = "”’\"'"
HEADER_ROWS = 2  # rows at the top of a table that may name its columns (a two-row header)
MISSED_LINE = (0.5, 2.5)  # a band of ink this many words' heights high may be a line Tesseract left out
BAND_DOUBT = 50  # Tesseract's confidence: a band read alone where each word is below it holds no text it knows
TEXT_SIZE = (6.0, 40.0)  # points: the band of a line of print, 六号 (7.5 pt) to 小初 (36 pt) with its strokes' ends
NARROW_LINE = 2.4  # character heights: a cell's line no wider holds one or two characters
UNREAD_WIDTH = 0.8  # character heights of ink no word covers: a character Tesseract left unread
UNREAD_JOIN = 0.3  # character heights of white inside a character (氵 and 主 of 注)
SMALL_PHOTO = 1600  # a photo whose longer side is shorter is enlarged: Tesseract misses small characters
# Only the long labels: a short one ("负责", "时间") before a comma is as often a word of the text.
_LONG_LABELS = sorted((label for label in LABELS if label not in SHORT_LABELS), key=len, reverse=True)
LABEL_MISREAD = re.compile(rf"^({'|'.join(_LONG_LABELS)})\s*[;；,，.。]")
# Further on in the line only a semicolon, after the mark that ends the label before, a sentence's end
# or an opening bracket ("。责任单位;", "(分管领导;"), or the bar that parts fields ("…工委|完成时限;"): a long
# label before a comma is as often a word of a sentence ("的责任单位，"), before a semicolon never.
LABEL_MISREAD_AFTER = re.compile(rf"(?<=[;；,，“”\"\s。(（【〈《{{\[|｜])({'|'.join(_LONG_LABELS)})\s*[;；]")
csv.field_size_limit(1 << 20)


def missing() -> str:
    """Why OCR cannot run here, in the user's words, or "" when it can."""
    tesseract = shutil.which("tesseract")
    if tesseract and LANGUAGE in _languages(tesseract):
        return ""
    return _(
        "无法识别扫描件或图片中的文字：服务器没有安装 OCR 组件（Tesseract 及其简体中文语言包）。"
        "请管理员执行 apt-get install tesseract-ocr tesseract-ocr-chi-sim 后再导入，"
        "或改为上传带文字的 PDF 或 Word 文件。"
    )


def check_available() -> None:
    if message := missing():
        raise ImportRejected(message)


def _languages(tesseract: str) -> set[str]:
    try:
        listed = subprocess.run([tesseract, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return set()
    return {line.strip() for line in listed.stdout.splitlines()[1:]}


# --- photos ---------------------------------------------------------------------------------------


def check_image(name: str, data: bytes) -> Image.Image:
    """The photo, opened but not decoded, once it is a picture of a sane size and OCR is installed."""
    try:
        image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError) as exc:
        raise ImportRejected(_("文件“%(name)s”已损坏，无法读取（不是有效的图片）。") % {"name": name}) from exc
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ImportRejected(
            _("图片“%(name)s”过大（%(width)s×%(height)s 像素），请缩小后再导入。")
            % {"name": name, "width": width, "height": height}
        )
    check_available()
    return image


def read_image(name: str, data: bytes, deadline: Deadline) -> Source:
    """A photo or scan of one page, read by OCR; the whole text is marked for checking."""
    image = check_image(name, data)
    try:
        image = _prepared(image)
    except (OSError, ValueError, SyntaxError) as exc:  # Pillow finds a truncated file only when decoding it
        raise ImportRejected(_("文件“%(name)s”已损坏，无法读取（不是有效的图片）。") % {"name": name}) from exc
    page = Page(number=1, width=image.width, height=image.height, items=read_items(image, deadline), ocr=True)
    mend_numbers([page])
    mend_wrapped_labels([page])
    blocks, starts = layout.blocks([page])
    blocks = mend_paragraphs(blocks, [page], starts)
    if not blocks:
        raise nothing_recognised(name)
    warning = Problem(1, "", _("图片中的文字由 OCR 自动识别，可能有错字、漏字，请对照原件逐项核对。"))
    return Source(name=name, kind="image", blocks=blocks, warnings=[warning])


def nothing_recognised(name: str) -> ImportRejected:
    message = _("未能从“%(name)s”中识别出文字。请确认扫描件清晰、端正，或改为上传带文字的 PDF 或 Word 文件。")
    return ImportRejected(message % {"name": name})


def _prepared(image: Image.Image) -> Image.Image:
    image = ImageOps.exif_transpose(image).convert("L")  # a phone stores the turn in EXIF, not in the pixels
    if max(image.size) < SMALL_PHOTO:
        image = image.resize((image.width * 2, image.height * 2), Image.Resampling.LANCZOS)
    return image


# --- Tesseract ------------------------------------------------------------------------------------


def read_items(image: Image.Image, deadline: Deadline, scale: float = 1.0) -> list[Item]:
    """The lines and ruled tables Tesseract reads on ``image``, in reading order, their boxes divided
    by ``scale`` (pixels per point, for a rendered PDF page)."""
    dpi = round(scale * 72) if scale != 1.0 else DPI
    tables, rules = scanned_tables.find(image, dpi / 72)
    image = scanned_tables.erased(image, rules)
    outside = scanned_tables.blanked(image, tables)
    loose = _words(_tesseract(outside, deadline, dpi, "3")) if scanned_tables.has_ink(outside) else []
    loose += _missed_lines(outside, loose, deadline, dpi)
    loose = _partly_read_lines(outside, loose, deadline, dpi)
    loose = _unread_brackets(outside, loose)
    loose = _split_characters(outside, loose, deadline, dpi)
    loose = _page_signs_and_numbers(outside, loose, deadline, dpi)
    in_cells = _read_cells(image, tables, deadline, dpi) if tables else {}
    boxes = [_table_box(table, in_cells, scale) for table in tables]
    lines = [line for line in _lines(loose, scale, outside) if line.text]
    return sorted([*lines, *boxes], key=lambda item: item.top)


def _missed_lines(image: Image.Image, words: list[Word], deadline: Deadline, dpi: int) -> list[Word]:
    """The lines of ink Tesseract's reading of the page left out, read again one by one. Its layout
    analysis now and then drops a whole line (a heading between two paragraphs, "目　录" over a table
    of contents, the first line of a page): a band of ink with no word in it. A page of tables with
    a heading between two of them has, once the tables are blanked, too little text for it to find
    any ("Empty page!!"): then every band of ink as high as printed text is such a line, kept unless
    Tesseract doubts every word it reads there (it reads that page's "- 2 -" alone as "-机-")."""
    bands = scanned_tables.text_lines(image, (0, 0, image.width, image.height), dpi / 72)
    if words:
        height = statistics.median(word.height for word in words)
        low, high = MISSED_LINE[0] * height, MISSED_LINE[1] * height
    else:
        low, high = (size * dpi / 72 for size in TEXT_SIZE)
    middles = [word.top + word.height / 2 for word in words]
    bands = [
        band
        for band in bands
        if low <= band[3] - band[1] <= high and not any(band[1] <= middle <= band[3] for middle in middles)
    ]
    boxes = []
    for band in bands:
        ink = ImageOps.invert(image.crop(band).point(lambda value: 0 if value < scanned_tables.DARK else 255)).getbbox()
        if ink:
            boxes.append((ink[0], band[1], ink[2], band[3]))
    if not boxes:
        return []
    pictures = [ImageOps.expand(image.crop(box), border=_padding(box), fill=255) for box in boxes]
    found = []
    for box, read in zip(boxes, _read_pictures(pictures, "7", deadline, dpi), strict=True):
        if not words and all(word.confidence < BAND_DOUBT for word in read):
            continue
        for word in read:
            word.left += box[0] - _padding(box)
            word.top += box[1] - _padding(box)
            word.line = ("read again", box[1])
            found.append(word)
    return found


def _partly_read_lines(image: Image.Image, words: list[Word], deadline: Deadline, dpi: int) -> list[Word]:
    """The lines whose words leave a character's ink unread, read again on their own; the new reading
    kept where it gives more characters (``_reads_more``). Tesseract now and then drops the words at a line's start
    ("注：1．" before "目标值中…") or in its middle ("2．" … "领导为…" without 牵头), reading the rest."""
    if not words:
        return words
    usual = statistics.median(word.height for word in words)
    # Lines of a few words as high as the page's characters: not a box Tesseract drew over a stroke,
    # a stamp or two lines at once ("Ce" across the rest of a line).
    bands = [_band(line) for line in _by_line(words).values() if len(line) >= 2]
    bands = [band for band in bands if 0.7 * usual <= band[0] <= 1.4 * usual]
    boxes = _merged([box for band in bands if (box := _unread_ink(image, words, band))])
    if not boxes:
        return words
    pictures = [ImageOps.expand(image.crop(box), border=_padding(box), fill=255) for box in boxes]
    for box, read in zip(boxes, _read_pictures(pictures, "7", deadline, dpi), strict=True):
        replaced = [word for word in words if _within(word, box)]
        if not _reads_more(read, replaced):
            continue
        for word in read:
            word.left += box[0] - _padding(box)
            word.top += box[1] - _padding(box)
            word.line = ("read again", box[1])
        words = [word for word in words if word not in replaced] + read
    return words


BRACKET_WIDTH = 0.45  # character heights: the most a round bracket's ink is wide
BRACKETS = "()（）"
BRACKET_BOW = 0.3  # of its width: how far a bracket's middle stands off its ends, which stand level


def _unread_brackets(image: Image.Image, words: list[Word]) -> list[Word]:
    """Round brackets no word covers, put back on their lines by shape: Tesseract now and then leaves a
    full-width bracket out ("以上市农业农村局牵头，…完成)" for "以上（市…"). Ink between the words, no wider than a
    bracket, as high as the line's characters, one stroke a row, bowed: its middle off to one side of
    its ends, which stand level (丿 of a character slants; 丨 stands straight)."""
    added = []
    for key, line in _by_line(words).items():
        if len(line) < 2:
            continue
        height, top, bottom = _band(line)
        margin = round(0.3 * height)
        box = (
            max(min(word.left for word in line) - round(height), 0),
            max(round(top) - margin, 0),
            min(max(word.left + word.width for word in line) + round(height), image.width),
            min(round(bottom) + margin, image.height),
        )
        if box[2] - box[0] < 4 or box[3] - box[1] < 4:
            continue
        ink = ImageOps.invert(image.crop(box).point(lambda value: 0 if value < DARK else 255))
        inked = list(ink.resize((ink.width, 1), Image.Resampling.BOX).tobytes())
        for start, end in ink_runs(inked, 1):
            run = (box[0] + start, box[0] + end)
            if any(_read_over(word, run, height) for word in line):
                continue
            glyph = ink.crop((start, 0, end, ink.height))
            found = glyph.getbbox()
            if found is None or end - start > BRACKET_WIDTH * height or found[3] - found[1] < 0.9 * height:
                continue
            if sign := _bracket(glyph.crop(found)):
                left, glyph_top = box[0] + start + found[0], box[1] + found[1]
                added.append(Word(sign, left, glyph_top, found[2] - found[0], found[3] - found[1], key))
    return words + added


def _read_over(word: Word, run: tuple[int, int], height: float) -> bool:
    """Whether the word was read from the run of ink, or is a bracket read beside it (its box off the ink)."""
    covered = _covered(word, run)
    return covered > 2 or (word.text in BRACKETS and abs(covered) < height / 2)


def _bracket(glyph: Image.Image) -> str | None:
    """ "（" or "）" where the ink (white on black) is one stroke a row bowed as a round bracket is."""
    pixels = glyph.load()
    middles = []
    for y in range(glyph.height):
        row = [pixels[x, y] != 0 for x in range(glyph.width)]
        runs = ink_runs(row, 0)
        if len(runs) > 1:
            return None
        if runs:
            middles.append((runs[0][0] + runs[0][1]) / 2)
    if len(middles) < 0.9 * glyph.height:
        return None
    quarter = max(len(middles) // 4, 1)
    ends = (statistics.mean(middles[:quarter]), statistics.mean(middles[-quarter:]))
    middle = statistics.mean(middles[len(middles) // 2 - quarter // 2 : len(middles) // 2 + quarter // 2 + 1])
    bow = BRACKET_BOW * glyph.width
    if abs(ends[0] - ends[1]) > bow:
        return None
    if middle < min(ends) - bow:
        return "（"
    if middle > max(ends) + bow:
        return "）"
    return None


def _split_characters(image: Image.Image, words: list[Word], deadline: Deadline, dpi: int) -> list[Word]:
    """One character Tesseract read as two words side by side, each box over a part of its ink ("畜"
    as "和" "益", "〇" as "O" "〇"), or a part of it read as a word of its own before the word that
    reads it whole ("和" "夯实" for 夯实): the part dropped, or, both words one character, the
    character read again alone. Found in the pixels: the word's ink is one unbroken run of columns
    a character wide, and its neighbour's box covers a good share of that same run. Characters a
    gap apart ("二〇〇八": two 〇) are never joined."""
    pairs = []  # (the part, the word beside it, the character's box, its neighbour's (box, character, side))
    for key, line in _by_line(words).items():
        line = sorted(line, key=lambda word: word.left)
        if len(line) < 2 or key[0] == "read again":
            continue  # a line read again alone: its boxes stand off its ink
        height, top, bottom = _band(line)
        height = min(height, _ink_height(image, line, top, bottom) or height)
        for index in range(len(line) - 1):
            found = _shared_run(image, line[index], line[index + 1], height, round(top), round(bottom))
            if found is None or any(word is pair[0] or word is pair[1] for pair in pairs for word in found[:2]):
                continue
            after, before = line[index + 2 : index + 3], line[index - 1 : index] if index else []
            neighbour = None
            if after:
                neighbour = _neighbour(image, found[2], after[0], after[0].text[0], 1)
            if neighbour is None and before:
                neighbour = _neighbour(image, found[2], before[0], before[0].text[-1], 0)
            pairs.append((*found, neighbour))
    if not pairs:
        return words
    dropped = [part for part, whole, _box, _n in pairs if len(whole.text) > 1 or len(part.text) > 1]
    again = [pair for pair in pairs if not any(pair[0] is word for word in dropped) and pair[3] is not None]
    dropped += [
        part if _covered(part, box[::2]) <= _covered(whole, box[::2]) else whole
        for part, whole, box, neighbour in pairs
        if neighbour is None
        and len(whole.text) == 1
        and len(part.text) == 1
        and part.text.isalnum()
        and whole.text.isalnum()
    ]
    pictures = [ImageOps.expand(image.crop(pair[3][0]), border=_padding(pair[3][0]), fill=255) for pair in again]
    added = []
    readings = _read_pictures(pictures, "7", deadline, dpi)
    for (part, whole, box, (_both, known, side)), read in zip(again, readings, strict=True):
        text = "".join("".join(word.text for word in read).split())
        if len(text) != 2 or text[side] != known:
            # Not read as the character beside its neighbour: the word over more of it stays (a mark
            # is no part of a character: both stay).
            if part.text.isalnum() and whole.text.isalnum():
                dropped.append(part if _covered(part, box[::2]) <= _covered(whole, box[::2]) else whole)
            continue
        dropped += [part, whole]
        left, top, right, bottom = box
        line = part.line if part.left < whole.left else whole.line
        added.append(Word(text[1 - side], left, top, right - left, bottom - top, line, read[0].confidence))
    return [word for word in words if not any(word is gone for gone in dropped)] + added


def _ink_height(image: Image.Image, line: list[Word], top: float, bottom: float) -> int | None:
    """How high the line's ink stands within its band: its characters' height where Tesseract boxed
    most of its words taller, with the white above and below them (a heading in a larger type)."""
    left, right = min(word.left for word in line), max(word.left + word.width for word in line)
    found = _ink_box(image, (left, round(top), right, round(bottom)))
    return None if found is None else found[3] - found[1]


def _neighbour(image: Image.Image, box: tuple, word: Word, known: str, side: int) -> tuple | None:
    """The box of the character and the next one's ink beside it (``side`` 1: after it, 0: before it),
    and that one's character as ``word`` reads it; read together, the language model of Tesseract
    reads the character right where alone it guesses ("畜" alone reads 瘟 or 音, "畜牧" reads right)."""
    left, top, right, bottom = box
    height = bottom - top
    span = (right, min(right + 2 * height, image.width)) if side else (max(left - 2 * height, 0), left)
    ink = ImageOps.invert(image.crop((span[0], top, span[1], bottom)).point(lambda value: 0 if value < DARK else 255))
    inked = list(ink.resize((ink.width, 1), Image.Resampling.BOX).tobytes())
    runs = [(span[0] + start, span[0] + end) for start, end in ink_runs(inked, 0)]
    # The runs of the neighbour's ink: up to its box's far end (its box may miss a stroke's end).
    if side:
        runs = [run for run in runs if run[0] < word.left + word.width]
    else:
        runs = [run for run in runs if run[1] > word.left]
    if not runs or not layout.CJK.match(known):
        return None
    if side:
        return (left, top, runs[-1][1], bottom), known, side
    return (runs[0][0], top, right, bottom), known, side


SPLIT_SHARE = 0.25  # of a character's width: the least a box covers of it to have read a part of it
SPLIT_TALL = 1.3  # of the line's characters' height: how tall Tesseract boxes a part read as a word
SPLIT_DOUBT = 70  # Tesseract's confidence: the part read as a word is below it


def _shared_run(image: Image.Image, first: Word, second: Word, height: float, top: int, bottom: int) -> tuple | None:
    """(part, whole, box): the word whose ink is one run of columns a character wide (box), which
    the other word's box covers a good share of too; None where neither's is."""
    if bottom - top < 4:
        return None
    left, right = min(first.left, second.left), max(first.left + first.width, second.left + second.width)
    left, right = max(left - round(height), 0), min(right + round(height), image.width)
    ink = ImageOps.invert(image.crop((left, top, right, bottom)).point(lambda value: 0 if value < DARK else 255))
    inked = list(ink.resize((ink.width, 1), Image.Resampling.BOX).tobytes())
    runs = [(left + start, left + end) for start, end in ink_runs(inked, 0)]
    # The part stands first, doubted, boxed taller than the line (the white above and below with it).
    for part, whole in ((first, second),):
        if part.confidence >= SPLIT_DOUBT or not SPLIT_TALL * height <= part.height <= 2 * height:
            continue
        # The runs it covers more than a sliver of: its box may reach a few pixels into the character before.
        over = [run for run in runs if _covered(part, run) > max(2, SPLIT_SHARE * part.width)]
        if len(over) != 1:
            continue
        start, end = over[0]
        width = end - start
        if width < 0.6 * height or width > 1.3 * height:
            continue  # not one character's ink: a mark, or characters touching
        if min(_covered(part, over[0]), _covered(whole, over[0])) < SPLIT_SHARE * width:
            continue
        found = ink.crop((start - left, 0, end - left, ink.height)).getbbox()
        return part, whole, (start, top + found[1], end, top + found[3])
    return None


def _covered(word: Word, run: tuple[int, int]) -> int:
    return min(word.left + word.width, run[1]) - max(word.left, run[0])


# --- ≥, ≤ and a number Tesseract doubts -----------------------------------------------------------

SIGNS = {">": "≥", "<": "≤"}
NUMBER_DOUBT = 50  # Tesseract's confidence: a word with a digit below it is read again, enlarged
# Times its size a line is read again: as it is (with the signs whited out: ≥85% reads "85%"), and
# twice (a digit at 200 dpi is about 17 pixels high, under what Tesseract reads best: 0.1‰ reads "0.1%o").
READ_AGAIN = (1, 2)
HAN = re.compile(r"[\u4e00-\u9fff]")  # a Chinese character (not a mark: 。 read as "。。" is no other word)
BAR = 0.35  # of the sign's height: the most the bar under ≥ and ≤ is high


def _page_signs_and_numbers(image: Image.Image, words: list[Word], deadline: Deadline, dpi: int) -> list[Word]:
    """``_signs_and_numbers`` for the lines read off the page (not in a table's cells)."""
    lines = []
    for line in _by_line(words).values():
        if not any(_candidate(word) for word in line):
            continue
        height, top, bottom = _band(line)
        margin = round(0.2 * height)
        box = (
            max(min(word.left for word in line) - margin, 0),
            max(round(top) - margin, 0),
            min(max(word.left + word.width for word in line) + margin, image.width),
            min(round(bottom) + margin, image.height),
        )
        picture = ImageOps.expand(image.crop(box), border=_padding(box), fill=255)
        lines.append((line, picture, _origin(box)))
    if not lines:
        return words
    changed = {id(word) for line, _picture, _origin in lines for word in line}
    mended = _signs_and_numbers(lines, deadline, dpi)
    return [word for word in words if id(word) not in changed] + [word for line in mended for word in line]


def _candidate(word: Word) -> bool:
    return word.text[0] in SIGNS or _doubted_number(word)


def _doubted_number(word: Word) -> bool:
    return word.confidence < NUMBER_DOUBT and any(char.isdigit() for char in word.text)


def _signs_and_numbers(lines: list[tuple], deadline: Deadline, dpi: int) -> list[list[Word]]:
    """Each line's words (``lines``: its words, the picture they were read from, where that stands
    on the page), with ≥ and ≤ and the numbers Tesseract doubts set right. chi_sim's alphabet has
    no ≥ or ≤: it reads them as > and <, and the shape it cannot place spoils the number after it
    (">950%" for ≥95%); a number it doubts it may read with a digit too many ("0.190o" for 0.1‰).
    A > or < whose ink is a chevron over a flat bar is ≥ or ≤; such a line, and one with a number
    read in doubt, is read again with the signs' ink whited out, as it is and twice the size, and
    the reading Tesseract is surest of kept where it is surer than of the first and changes no
    Chinese character the first was sure of."""
    todo = []
    for index, (words, picture, origin) in enumerate(lines):
        signs = [found for word in words if word.text[0] in SIGNS and (found := _sign(picture, word, origin))]
        if signs or any(_doubted_number(word) for word in words):
            todo.append((index, signs))
    found = [list(words) for words, _picture, _origin in lines]
    readings = [
        _read_pictures([_resized(lines[index][1], signs, times) for index, signs in todo], "7", deadline, dpi * times)
        for times in READ_AGAIN
    ]
    for number, (index, signs) in enumerate(todo):
        words, _picture, (left, top) = lines[index]
        kept = words
        for times, read in zip(READ_AGAIN, (reading[number] for reading in readings), strict=True):
            for word in read:
                word.left, word.top = left + word.left // times, top + word.top // times
                word.width, word.height = word.width // times, word.height // times
                word.line = words[0].line
            if _surer(read, words) and (kept is words or _confidence(read) > _confidence(kept)):
                kept = read
        found[index] = _signed(kept, [(sign, (left + x0, left + x1)) for sign, (x0, x1) in signs])
    return found


def _sign(picture: Image.Image, word: Word, origin: tuple[int, int]) -> tuple | None:
    """("≥" or "≤", its columns in ``picture``) where the word's first character, read as > or <,
    is a chevron over a flat bar: a run of inked columns at the word's left (Tesseract's box may
    begin inside it, or end the word before at its middle), whose rows of ink are two runs, the
    lower as wide as the chevron and low."""
    left = max(word.left - origin[0] - word.height, 0)
    start = word.left - origin[0] - left
    right = min(word.left - origin[0] + word.width, picture.width)
    if right - left < 2:
        return None
    ink = ImageOps.invert(picture.crop((left, 0, right, picture.height)).point(lambda v: 0 if v < DARK else 255))
    columns = ink_runs(list(ink.resize((ink.width, 1), Image.Resampling.BOX).tobytes()), 0)
    at_left = [run for run in columns if run[1] > start][:2]
    for run in at_left:
        if _chevron_over_bar(ink.crop((run[0], 0, run[1], ink.height))):
            return SIGNS[word.text[0]], (left + run[0], left + run[1])
    return None


def _chevron_over_bar(glyph: Image.Image) -> bool:
    """Whether the ink (white on black) is two runs of rows, the lower a bar as wide as the glyph
    and at most a third of its height, the upper at least twice the bar's."""
    rows = ink_runs(list(glyph.resize((1, glyph.height), Image.Resampling.BOX).tobytes()), 0)
    if len(rows) != 2:
        return False
    (top, middle), (bar_top, bottom) = rows
    bar = glyph.crop((0, bar_top, glyph.width, bottom)).getbbox()
    flat = bottom - bar_top <= BAR * (bottom - top) and middle - top >= 2 * (bottom - bar_top)
    return flat and bar[2] - bar[0] >= 0.6 * glyph.width


def _resized(picture: Image.Image, signs: list[tuple], times: int) -> Image.Image:
    """The line's picture with the signs' ink whited out, ``times`` its size."""
    picture = picture.copy()
    for x0, x1 in (columns for _mark, columns in signs):
        picture.paste(255, (x0, 0, x1, picture.height))
    if times == 1:
        return picture
    return picture.resize((picture.width * times, picture.height * times), Image.Resampling.LANCZOS)


def _surer(read: list[Word], words: list[Word]) -> bool:
    """Whether Tesseract is surer of the second reading (its confidence over the characters), and it
    reads as many Chinese characters, changing none the first reading was sure of (marks aside)."""
    before, after = _han(words), _han(read)
    if not read or len(before) != len(after):
        return False
    if any(old != new and sure >= NUMBER_DOUBT for (old, sure), (new, _sure) in zip(before, after, strict=True)):
        return False
    return _confidence(read) > _confidence(words)


def _han(words: list[Word]) -> list[tuple[str, float]]:
    """The Chinese characters of the words, left to right, each with its word's confidence."""
    ordered = sorted(words, key=lambda word: word.left)
    return [(char, word.confidence) for word in ordered for char in word.text if HAN.match(char)]


def _confidence(words: list[Word]) -> float:
    weights = [(len(word.text), word.confidence) for word in words]
    return sum(size * value for size, value in weights) / max(sum(size for size, _value in weights), 1)


def _signed(words: list[Word], signs: list[tuple]) -> list[Word]:
    """``words`` with each sign put on the word read from it (its > or < dropped), or else on the
    first word after its columns."""
    words = sorted(words, key=lambda word: word.left)
    for sign, (x0, x1) in signs:
        over = [word for word in words if word.text[0] in SIGNS and word.left < x1 < word.left + word.width]
        after = [word for word in words if word.left >= x0 - 2]
        word = (over or after or [None])[0]
        if word is None:
            continue
        word.text = sign + (word.text[1:] if over else word.text)
        word.width, word.left = word.left + word.width - min(word.left, x0), min(word.left, x0)
    return words


def _merged(boxes: list[tuple]) -> list[tuple]:
    """Boxes of one line found from several of Tesseract's lines (a number it read as a line of its
    own) as one box."""
    merged: list[list[int]] = []
    for box in sorted(boxes, key=lambda box: box[1]):
        if merged and box[1] < merged[-1][3] - (box[3] - box[1]) / 2:
            last = merged[-1]
            merged[-1] = [min(last[0], box[0]), min(last[1], box[1]), max(last[2], box[2]), max(last[3], box[3])]
        else:
            merged.append(list(box))
    return [tuple(box) for box in merged]


def _by_line(words: list[Word]) -> dict[tuple, list[Word]]:
    lines: dict[tuple, list[Word]] = defaultdict(list)
    for word in words:
        lines[word.line].append(word)
    return lines


def _unread_ink(image: Image.Image, words: list[Word], band: tuple[float, float, float]) -> tuple | None:
    """The box of the line's ink, where a character's worth of it (as wide as the line's characters
    and at least half as high) lies outside every word read in its band; None where none does."""
    height, top, bottom = band
    top, bottom = round(top), round(bottom)
    if bottom - top < 4:
        return None
    ink = ImageOps.invert(image.crop((0, top, image.width, bottom)).point(lambda value: 0 if value < DARK else 255))
    inked = list(ink.resize((ink.width, 1), Image.Resampling.BOX).tobytes())
    for word in words:
        if top <= word.top + word.height / 2 <= bottom:
            for x in range(max(word.left - 2, 0), min(word.left + word.width + 2, ink.width)):
                inked[x] = 0
    for start, end in ink_runs(inked, round(UNREAD_JOIN * height)):
        found = ink.crop((start, 0, end, ink.height)).getbbox()
        if found and end - start >= UNREAD_WIDTH * height and found[3] - found[1] >= 0.5 * height:
            whole, margin = ink.getbbox(), round(0.1 * height)
            return whole[0], max(top - margin, 0), whole[2], min(bottom + margin, image.height)
    return None


def _within(word: Word, box: tuple) -> bool:
    """Whether the word was read from the line in ``box``: its middle across inside it, and half its
    height (or its middle) in it."""
    overlap = min(word.top + word.height, box[3]) - max(word.top, box[1])
    middle = word.top + word.height / 2
    across = box[0] <= word.left + word.width / 2 <= box[2]
    return across and (box[1] <= middle <= box[3] or overlap >= 0.5 * min(word.height, box[3] - box[1]))


def _reads_more(read: list[Word], replaced: list[Word]) -> bool:
    """Whether a line read again gives more than its first reading: more characters, or as many with
    more of them Chinese (the first read a bracket twice, "(〈", where the second reads the last
    character it left out)."""
    more = _characters(read) - _characters(replaced)
    return more > 0 or (more == 0 and len(_han(read)) > len(_han(replaced)))


def _characters(words: list[Word]) -> int:
    return sum(len("".join(word.text.split())) for word in words)


@dataclass
class Word:
    """A word as Tesseract reads it, its box in pixels; ``line`` names the line it read it in."""

    text: str
    left: int
    top: int
    width: int
    height: int
    line: tuple
    confidence: float = 100.0  # Tesseract's, 0–100


def _words(tsv: str) -> list[Word]:
    found = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") == "5" and text:
            box = [int(row[name]) for name in ("left", "top", "width", "height")]
            line = (row["page_num"], row["block_num"], row["par_num"], row["line_num"])
            found.append(Word(text, *box, line=line, confidence=float(row.get("conf") or 100)))
    return found


def _read_cells(image: Image.Image, tables: list, deadline: Deadline, dpi: int) -> dict[tuple, list[Word]]:
    """The words of each cell, read a line at a time: every line of every cell a picture of its own,
    all of them given to one run of Tesseract. Read as part of the page, or even cell by cell,
    Tesseract's layout analysis loses the second line of a narrow cell ("责任" / "领导"), a character
    alone on its line and a lone "1", and sees quotes in the space between cells."""
    pixels_per_point = dpi / 72
    inset = max(round(pixels_per_point), 2)
    lines = []  # (cell, box, picture)
    barred: dict[tuple, list[Word]] = {}
    for table in tables:
        for cell in table.cells:
            if not (box := scanned_tables.ink_box(image, cell, inset)):
                continue
            if count := scanned_tables.bars(image, box, pixels_per_point):
                numeral = "二三"[count - 2]
                barred[cell] = [Word(numeral, box[0], box[1], box[2] - box[0], box[3] - box[1], (cell, box[1]))]
                continue
            lines += _cell_lines(image, cell, scanned_tables.text_lines(image, box, pixels_per_point))
    in_cells: dict[tuple, list[Word]] = defaultdict(list)
    every = {(cell, box[1]): (box, picture) for cell, box, picture in lines}
    # A line of one or two characters Tesseract reads as a line may come out empty ("领导" under
    # "责任"): read again as a single word.
    for psm in ("7", "8"):
        pictures = [picture for _cell, _box, picture in lines]
        lines = _placed(lines, _read_pictures(pictures, psm, deadline, dpi), in_cells)
        if not lines:
            break
    read = [(words, every[words[0].line]) for words in _by_line([w for ws in in_cells.values() for w in ws]).values()]
    mended = _signs_and_numbers([(words, picture, _origin(box)) for words, (box, picture) in read], deadline, dpi)
    for cell in in_cells:
        in_cells[cell] = [word for words in mended if words and words[0].line[0] == cell for word in words]
    in_cells.update(barred)
    return in_cells


def _origin(box: tuple) -> tuple[int, int]:
    """Where the picture of the line in ``box`` (``_padding`` around it) stands on the page."""
    return box[0] - _padding(box), box[1] - _padding(box)


def _cell_lines(image: Image.Image, cell: tuple, boxes: list[tuple]) -> list[tuple]:
    """A cell's lines as (cell, box, picture to read). A column too narrow for more than two
    characters a line ("牵" / "头" / "领" / "导", "李" / "明" / "华") has its lines set side by side and
    read as one: alone, Tesseract reads a character without the words around it to tell it by
    (奉 for 牵, "AN" for 头), and a header read so names no column."""
    inks = [_ink_box(image, box) for box in boxes]
    if len(boxes) > 1 and all(inks) and _narrow(inks):
        picture, height = _side_by_side_picture(image, inks)
        box = (inks[0][0], inks[0][1], inks[0][0] + picture.width, inks[0][1] + height)
        return [(cell, box, ImageOps.expand(picture, border=_padding(box), fill=255))]
    return [(cell, box, ImageOps.expand(image.crop(box), border=_padding(box), fill=255)) for box in boxes]


def _narrow(inks: list[tuple]) -> bool:
    """Every line at most two characters wide: its ink no wider than twice the height of the cell's
    tallest line (a character is about square)."""
    height = max(ink[3] - ink[1] for ink in inks)
    return all(ink[2] - ink[0] <= NARROW_LINE * height for ink in inks)


def _side_by_side_picture(image: Image.Image, inks: list[tuple]) -> tuple[Image.Image, int]:
    """The lines' ink set one after the other on one line, a quarter of a character apart, each
    standing at the line's middle; and the line's height."""
    height = max(ink[3] - ink[1] for ink in inks)
    gap = max(height // 4, 2)
    width = sum(ink[2] - ink[0] for ink in inks) + gap * (len(inks) - 1)
    picture = Image.new("L", (width, height), 255)
    left = 0
    for ink in inks:
        picture.paste(image.crop(ink), (left, (height - (ink[3] - ink[1])) // 2))
        left += ink[2] - ink[0] + gap
    return picture, height


def _placed(lines: list[tuple], read: list[list[Word]], in_cells: dict[tuple, list[Word]]) -> list[tuple]:
    """Each line's words put back where the line stands on the page, in its cell; the lines that
    gave none."""
    unread = []
    for (cell, box, picture), words in zip(lines, read, strict=True):
        if not words:
            unread.append((cell, box, picture))
        for word in words:
            word.left += box[0] - _padding(box)
            word.top += box[1] - _padding(box)
            word.line = (cell, box[1])
            in_cells[cell].append(word)
    return unread


def _padding(box: tuple) -> int:
    """White around a line read alone: three quarters of its height (with less, Tesseract may read
    a character into the margin: "有具体内容")."""
    return max((box[3] - box[1]) * 3 // 4, 8)


def _read_pictures(pictures: list[Image.Image], psm: str, deadline: Deadline, dpi: int) -> list[list[Word]]:
    """The words on each picture, all read in one run of Tesseract (its language data loads once)."""
    if not pictures:
        return []
    with tempfile.TemporaryDirectory(prefix="luoshi-ocr-") as folder:
        paths = []
        for index, picture in enumerate(pictures):
            paths.append(str(Path(folder) / f"{index:05}.png"))
            picture.save(paths[-1])
        listed = Path(folder) / "pictures.txt"
        listed.write_text("\n".join(paths) + "\n")
        tsv = _run(listed, deadline, dpi, psm)
    found: list[list[Word]] = [[] for _picture in pictures]
    for word in _words(tsv):
        found[int(word.line[0]) - 1].append(word)
    return found


def _table_box(table, in_cells: dict[tuple, list[Word]], scale: float) -> TableBox:
    def text_of(cell: tuple) -> str:
        lines = sorted(_lines(in_cells.get(cell, []), scale), key=lambda line: line.top)
        frame = Frame(cell[0] / scale, cell[2] / scale - CELL_PADDING)
        # A word the cell's edge wrapped ("县人民医" / "完") is seen whole only in its paragraph.
        paragraphs = layout.paragraphs([line for line in lines if line.text], frame)
        return DATE_DOT_MISREAD.sub(r"\1.\2", _unit_dots("\n".join(_misread_words(text) for text in paragraphs)))

    x0, top, x1, bottom = (value / scale for value in table.bbox)
    rows = layout.table_rows(table, text_of)
    rows[:HEADER_ROWS] = [_levels([_header_cell(cell) for cell in row]) for row in rows[:HEADER_ROWS]]
    return TableBox(rows=rows, top=top, bottom=bottom, x0=x0, x1=x1)


def _header_cell(text: str) -> str:
    """A column's name with one character misread put back, when no column goes by what was read
    and a label does with that character hidden: 奉头单位, 牵头音位 → 牵头单位; a speck read as a mark
    at either end of it dropped ("牵头领导_"), quotes read between its characters too ("'项目名'称")."""
    if text in LABELS or column_key(text):
        return text
    word = text.strip(SPECKS)
    unquoted = re.sub(r"[“”‘’\"']", "", word)  # quotes read into the white between its characters
    if unquoted != word and column_key(unquoted):
        return unquoted
    if re.fullmatch(r"序[\u4e00-\u9fff]", word):
        return "序号"  # 号 read as 皇, 亏: no other column's name begins with 序
    if not HEADER_WORD.fullmatch(word):
        return text
    if word in LABELS or column_key(word):
        return word
    return _lookalike(word) or text


_LEVEL_NAME = re.compile(r"([一二三四五六七八九])级(\S+)")
_LEVEL_DIGITS = "一二三四五六七八九"


def _levels(row: list[str]) -> list[str]:
    """A level's column read wrong before the next level's ("呈指标", 一级 read as one character, before
    "二级指标") is the level before that one: "X指标" names no column of its own (a target's, at best)
    but its 指标 is the next level's."""
    mended = list(row)
    for index, (cell, after) in enumerate(zip(row, row[1:], strict=False)):
        found = _LEVEL_NAME.fullmatch(after)
        if not found or found.group(1) == "一" or str(column_key(cell)).startswith(LEVEL):
            continue
        word = found.group(2)
        if cell.endswith(word) and len(cell) == len(word) + 1:
            mended[index] = f"{_LEVEL_DIGITS[_LEVEL_DIGITS.index(found.group(1)) - 1]}级{word}"
    return mended


# A category row's number as chi_sim reads it: lost, or its 、 read as another mark ("三`民生保障", "四,…").
_CATEGORY_NUMBER = re.compile(r"^\s*([一二三四五六七八九十]{1,3})\s*[、`'‘’,，.．:：;；]\s*(?=[\u4e00-\u9fff])")


def _number_categories(tables: list[TableBox]) -> None:
    """The category rows of the scanned tables (one cell of text alone, merged across: "一、经济发展"),
    numbered in turn where at least two of them are read with the number of their place and none with
    another: the others get theirs ("经济发展" for "一、经济发展", "三`民生保障" for "三、民生保障"). A
    table's rows run on over the pages, each page's part a table of its own here."""
    categories = [row for table in tables for row in table.rows[1:] if _category_row(row)]
    read = [_CATEGORY_NUMBER.match(row[0]) for row in categories]
    places = [chinese_number(found.group(1)) if found else None for found in read]
    if sum(value == place for place, value in enumerate(places, 1)) < 2:
        return
    if any(value not in (None, place) for place, value in enumerate(places, 1)):
        return
    for place, (row, found) in enumerate(zip(categories, read, strict=True), 1):
        row[0] = f"{chinese_numeral(place)}、" + (row[0][found.end() :] if found else row[0].strip())


def _category_row(row: list[str]) -> bool:
    first = row[0].strip()
    return bool(re.match(r"[一二三四五六七八九十]{0,3}\W?[\u4e00-\u9fff]", first)) and not any(
        cell.strip() for cell in row[1:]
    )


def _tesseract(image: Image.Image, deadline: Deadline, dpi: int, psm: str) -> str:
    with tempfile.TemporaryDirectory(prefix="luoshi-ocr-") as folder:
        path = Path(folder) / "page.png"
        image.save(path)
        return _run(path, deadline, dpi, psm)


def _run(path: Path, deadline: Deadline, dpi: int, psm: str) -> str:
    check_available()  # a few milliseconds against seconds of OCR: installs and removals show at once
    command = [shutil.which("tesseract"), str(path), "stdout", "-l", LANGUAGE, "--dpi", str(dpi), "--psm", psm, "tsv"]
    # One thread: the worker shares its cores, and Tesseract's threads cost more than they give.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(command, capture_output=True, timeout=deadline.remaining(), env=env, check=False)
    except subprocess.TimeoutExpired as exc:
        raise deadline.exceeded() from exc
    if done.returncode != 0:
        logger.warning("tesseract failed (%s): %s", done.returncode, done.stderr[-2000:])
        raise ImportRejected(_("OCR 识别失败：Tesseract 无法读取这一页的图像。"))
    return done.stdout.decode("utf-8", "replace")


def _lines(words: list[Word], scale: float, image: Image.Image | None = None) -> list[TextLine]:
    """The lines of ``words``; given the page's ``image``, a bullet before a line is looked at in its
    pixels (``_bulleted``)."""
    lines: dict[tuple, list[Word]] = defaultdict(list)
    for word in words:
        lines[word.line].append(word)
    rows = _side_by_side(list(lines.values()))
    if image is not None:
        rows = _symbols(rows, image)
    return [_line(found, scale, image) for found in rows]


def _line_mends() -> tuple:
    """What is set right on each line read, in this order (a later one reads what an earlier one made)."""
    return (
        _trailing_bar,
        _starred,
        _bold_lead,
        _ordinal_quote,
        _unit_first,
        _portal_labels,
        _labelled,
        _bracketed_ordinal,
        _unit_dots,
        _dashed,
        _lost_marks,
        _zeros,
        _misread_marks,
        _misread_words,
    )


def _side_by_side(lines: list[list[Word]]) -> list[list[Word]]:
    """Tesseract's lines that stand side by side on the page as one line, top to bottom: the cells of
    a row set out with tab stops, which its layout analysis reads as a block per column."""
    rows: list[list[Word]] = []
    for line in sorted(lines, key=lambda words: min(word.top for word in words)):
        row = next((row for row in rows if _level(row, line) and not _overlap(row, line)), None)
        if row is None:
            rows.append(list(line))
        else:
            row.extend(line)
    return rows


def _level(row: list[Word], line: list[Word]) -> bool:
    """Each one's middle within the other's height."""
    (top, bottom), (other_top, other_bottom) = _vertical(row), _vertical(line)
    return top <= (other_top + other_bottom) / 2 <= bottom and other_top <= (top + bottom) / 2 <= other_bottom


def _vertical(words: list[Word]) -> tuple[int, int]:
    return min(word.top for word in words), max(word.top + word.height for word in words)


def _overlap(row: list[Word], line: list[Word]) -> bool:
    left, right = min(word.left for word in line), max(word.left + word.width for word in line)
    return any(word.left < right and left < word.left + word.width for word in row)


def _line(words: list[Word], scale: float, image: Image.Image | None = None) -> TextLine:
    """The line's words joined: a space between Latin words, a tab where a gap wider than two
    characters stands for a column (a table without rules, as ``pdf.line_text`` reads one)."""
    words = _leaders(sorted(words, key=lambda word: word.left))
    if image is not None:
        words = _dash_before(_bulleted(words, image), image)
    height = statistics.median(word.height for word in words)  # a quote read into a gap is taller
    text, last = "", None
    for word in words:
        part = word.text
        if last is not None and word.left - (last.left + last.width) > COLUMN_GAP * height and not _spaced(text):
            text += "\t"
            part = part.lstrip(STRAY_QUOTES) or part  # read into the white before a column
        elif text and not (layout.CJK.match(text[-1]) or layout.CJK.match(part[0])):
            text += " "
        text += part
        last = word
    left = min(word.left for word in words)
    top = min(word.top for word in words)
    right = max(word.left + word.width for word in words)
    bottom = max(word.top + word.height for word in words)
    text = layout.tidy(text)
    for mend in _LINE_MENDS:
        text = mend(text)
    return TextLine(text, left / scale, right / scale, top / scale, bottom / scale)


# A Latin O, o, 0 or a circle among Chinese numerals ("二O二三年"): Tesseract's reading of 〇.
# Or a year's last digit ("二〇二O年"): three Chinese numerals before it and 年 after.
_ZERO_MISREAD = re.compile(
    r"(?<=[〇一二三四五六七八九])[Oo0○]+(?=[〇一二三四五六七八九])|(?<=[〇一二三四五六七八九]{3})[Oo0○](?=年)"
)


def _zeros(text: str) -> str:
    """〇 read as a Latin letter, a digit or a circle between two Chinese numerals put back."""
    while (mended := _ZERO_MISREAD.sub(lambda found: "〇" * len(found.group()), text)) != text:
        text = mended  # "二0二0年": the second's lookbehind is the first put back
    return text


# A round bracket's opening read as another ("【社区警务室负责，各网格配合)", "(〈社区…)", "《责任单位:…)",
# "《（责任单位…)"): the bracket it closes with names it; a book title's 《 closes with 》. ‰ read as "%o"
# after a number.
_OPEN_MISREAD = re.compile(
    r"[(（]?[【〈《{\[][(（]?([^【】〈〉《》{}\[\]()（）]*[\u4e00-\u9fff][^【】〈〉《》{}\[\]()（）]*)[)）]"
)
_PERMILLE_MISREAD = re.compile(r"(?<=\d)%[oO0](?![A-Za-z0-9])")


def _misread_marks(text: str) -> str:
    """A round bracket's opening read as 【, 〈, 《, { or [ (or one read twice, "(〈", "《（"), where a round one
    closes it, put back; ‰ read as "%o" after a number put back."""
    text = _OPEN_MISREAD.sub(lambda found: f"（{found.group(1)}）", text)
    return _PERMILLE_MISREAD.sub("‰", text)


# Words chi_sim misreads on clean print with confidence (扒 of 持续扒进 at 80 of 100, 天 of 相天 at 83), so
# that no doubt shows them: each misread form is no word, and the word it stands for is one these
# documents use all the time. Each pattern is held to its context where the misread pair could also
# be the end of one word and the start of the next (亮相天津, 牲畜高发, 一年克服, 泥沙实验).
_MISREAD_WORDS = [
    (re.compile(r"(?<![信供侍崇敬遵])奉头"), "牵头"),
    (re.compile(r"扒进"), "推进"),
    (re.compile(r"(?<![亮真首互照变丞宰竞长])相天(?=[部单工政规领企街科人责方要材事情法业行配数信标职措联])"), "相关"),
    (re.compile(r"(?<![飞手司客战耳相])机天(?=[事党单干作部效工食人企])"), "机关"),
    (re.compile(r"履盖|(?<=全)[罗禾]盖|[罗禾]盖(?=[率面])"), "覆盖"),
    (re.compile(r"(?<![牲家人幼役种])畜[高离](?=[养粪屠产类污])"), "畜禽"),
    (re.compile(r"年克(?=前)"), "年底"),
    (re.compile(r"压碱"), "压减"),
    (re.compile(r"碱税"), "减税"),
    (re.compile(r"(?<=[民中县市区])医完"), "医院"),  # 人民医院, 中医院; not 就医完成
    (re.compile(r"(?<=长期|始终)星持"), "坚持"),  # not 明星持股, 卫星持续
    # 改车 is a word (a car's tuning): only a reform's context, its quoted name or 深化 before it.
    (re.compile(r"(?:(?<=[”\"])|(?<=深化))改车|改车(?=创新|开放)"), "改革"),
    (re.compile(r"(?<=用电用)和气"), "气"),  # 用电用气; 和气 alone is a word
    (re.compile(r"(?<=软弱)澳散"), "涣散"),  # not 澳散客
    (re.compile(r"青街(?=小巷)"), "背街"),
    # 严把…关, the set phrase of a check kept strictly; a day (严把最后一天) has a number or 每 before it.
    (re.compile(r"(严把[\u4e00-\u9fff]{1,8}?)(?<![一二三两几每今明昨当半整])天(?![\u4e00-\u9fff])"), r"\1关"),
    (re.compile(r"(?<=民生)福社(?!区)"), "福祉"),  # 幸福社区 is a word
    (re.compile(r"(?<=社会)对业(?![\u4e00-\u9fff])"), "事业"),  # 社会事业; 社会对业主… goes on
    (re.compile(r"(?<=任务)清[和*](?![\u4e00-\u9fff])"), "清单"),  # 任务清单 read as 清和, 清*
    (re.compile(r"[王干]兆(?=光网|宽带|网络)"), "千兆"),  # 千兆光网; 王兆 alone is a name
    (re.compile(r"(?<![A-Za-z])A工(?=智能)"), "AI"),  # ＡＩ智能…: chi_sim reads the I as 工
    # 厂 read as 广: 亲水广场 and 推广 are words, 水广 before anything else and 广房 are none.
    (re.compile(r"(?<=[水药])广(?![场告播泛大西东州阔义电])"), "厂"),
    (re.compile(r"(?<![推宽])广房"), "厂房"),
    (re.compile(r"城天(?=镇|街道|社区|村)"), "城关"),  # 城关镇, the seat of a county
    (re.compile(r"凑污"), "粪污"),
    (re.compile(r"碱量(?=增效|化|提质)"), "减量"),  # 含碱量 is a word: only 减量增效, 减量化
    (re.compile(r"某油(?=货车|车辆|发电)"), "柴油"),
    (re.compile(r"国定资产"), "固定资产"),  # 国定假日 is a word, 国定资产 none
    (re.compile(r"[钨骨认诸]入式"), "嵌入式"),
    (re.compile(r"奸姻"), "婚姻"),
    (re.compile(r"巡逮"), "巡逻"),
    (re.compile(r"(?<=村容村)瑶"), "貌"),
    (re.compile(r"(?<=民生)详事"), "实事"),
    (re.compile(r"(?<=防洪)坦(?!克)"), "堤"),
    (re.compile(r"知翡"), "智慧"),
    (re.compile(r"(?<![助增延成生])长其(?![\u4e00-\u9fff])"), "长期"),  # a deadline's 长期; 助长其… goes on
    (re.compile(r"(?<=户)而(?![\u4e00-\u9fff])"), "厕"),  # 改造农村户厕; 每户而言 goes on
    # 末 read as 未 before 前 or a day of the month: "二季度未前", "每季度未5日前" (not 未前往).
    (re.compile(r"(?:(?<=季度)|(?<=[年月旬]))未(?=前(?![往进来行])|\d{1,2}日)"), "末"),
]


# A line wrapped in Markdown's bold stars ("**一、…**" pasted into Word): chi_sim has no "*" it reads
# surely beside Chinese, and makes the pairs "xx", "**x", "x" or "#" (a lower-case x: "XX街道" of a template
# stays). Marks at both ends, Chinese inside.
_STARRED = re.compile(r"^[x*#]{1,3}(?=[\u4e00-\u9fff（(〔【])(.*[\u4e00-\u9fff）)〕】])[x*#]{1,3}$")


def _starred(text: str) -> str:
    """A line between two runs of stars read as x put back between stars, the bold line it was."""
    found = _STARRED.match(text.strip())
    if found is None or not ("x" in text or "#" in text):
        return text
    return f"**{found.group(1)}**"


# A paragraph opened by a bold lead phrase whose colon is inside the stars ("**推进…：**完成…"), the
# opening stars read as "x+", "xx" or "xx*" and the colon as ";", a space read before the closing stars.
_BOLD_LEAD = re.compile(r"^(?=[x*#+]*[x#+])[x*#+]{1,3}([\u4e00-\u9fff][^:：;；*\s]{0,23}?)\s*[:：;；]\s*\*\*(?=\S)")
_BOLD_LEAD_SPACED = re.compile(r"^\*\*([\u4e00-\u9fff][^:：;；*\s]{0,23}?)\s*([:：])\s+\*\*(?=\S)")


def _bold_lead(text: str) -> str:
    """ "x+推进老旧小区改造: **完成…" → "**推进老旧小区改造：**完成…": a lead phrase's bold stars and colon,
    at the line's start, put back where its closing stars were read."""
    if found := _BOLD_LEAD.match(text) or _BOLD_LEAD_SPACED.match(text):
        return f"**{found.group(1)}：**" + text[found.end() :]
    return text


# "第一件　新建…": the wide space after a numbered part read as a quote that opens or closes nothing.
_ORDINAL_QUOTE = re.compile(r"^(第[一二三四五六七八九十百零〇两]{1,4}[件条项章节])\s*([“”\"])\s*(?=[\u4e00-\u9fff])")


def _ordinal_quote(text: str) -> str:
    """ "第二件”提升…", "第九件“开展免费“两癌”筛查" → "第二件　提升…": the quote after the number stands
    for its space where it closes nothing (”) or opens more quotes than the line closes."""
    found = _ORDINAL_QUOTE.match(text)
    if found is None:
        return text
    rest = text[found.end() :]
    if found.group(2) == "“" and rest.count("“") + 1 <= rest.count("”"):
        return text
    if found.group(2) == '"' and rest.count('"') % 2:
        return text
    return f"{found.group(1)}　{rest}"


# Two units' names with a dot between them: the 、 that lists them, read as "." ("县发改局.县统计局").
# A cell's text may wrap inside a name ("县发改局.县自" / "然资源局").
_UNIT_DOT = re.compile(
    r"(?<![\u4e00-\u9fff\n])([\u4e00-\u9fff][\u4e00-\u9fff\n]{1,16})[.．]"
    r"([\u4e00-\u9fff\n]{1,16}[\u4e00-\u9fff])(?![\u4e00-\u9fff\n])"
)


def _unit_dots(text: str) -> str:
    """ "县发改局.县统计局" → "县发改局、县统计局": a dot between two words each a unit's name, which no
    sentence writes (a name's middle dot stands between parts that name no unit)."""

    def listed(found: re.Match) -> str:
        if all(phrases.names_units(name.replace("\n", "")) for name in found.groups()):
            return f"{found.group(1)}、{found.group(2)}"
        return found.group()

    return _UNIT_DOT.sub(listed, text)


# "(二)区自然资源局;牵头做好…": the colon after the unit an item opens with, read as a semicolon.
_UNIT_FIRST = re.compile(
    r"^((?:[(（][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、])\s*)"
    r"([\u4e00-\u9fff]{2,16})[;；](?=牵头|负责)"
)
# "- -推进…": a speck read as a second dash after a list's dash.
_DOUBLE_DASH = re.compile(r"^-\s*-\s*(?=[\u4e00-\u9fff])")


def _unit_first(text: str) -> str:
    """ "(二)区自然资源局;牵头做好…" → "(二)区自然资源局：牵头做好…" where the words before the semicolon name
    a unit; "- -推进…" → "-推进…"."""
    text = _DOUBLE_DASH.sub("-", text)
    found = _UNIT_FIRST.match(text)
    if found and phrases.names_units(found.group(2)):
        return f"{found.group(1)}{found.group(2)}：" + text[found.end() :]
    return text


# A portal's two-character label letter-spaced to the width of the others ("文　　号："), its white read
# as a quote ("文”号:"); a 文号's year between brackets that do not pair ("(2026]" for 〔2026〕).
_SPACED_LABEL_QUOTE = re.compile(r"(?:(?<=^)|(?<=\s))([\u4e00-\u9fff])\s*[“”\"]\s*([\u4e00-\u9fff])(?=\s*[:：])")
_DOC_YEAR = re.compile(r"(?<=[\u4e00-\u9fff])([(（\[【〔［])\s*(20\d\d)\s*([)）\]】〕］])(?=\s*第?\s*\d{1,4}\s*号)")
_PAIRS = {"(": ")", "（": "）", "[": "]", "【": "】", "〔": "〕", "［": "］"}


def _portal_labels(text: str) -> str:
    """ "文”号:青林府办发(2026] 9号" → "文　　号:青林府办发〔2026〕9号"."""

    def spaced(found: re.Match) -> str:
        label = found.group(1) + found.group(2)
        return f"{found.group(1)}　　{found.group(2)}" if label in INDEX_LABELS else found.group()

    def year(found: re.Match) -> str:
        opening, value, closing = found.groups()
        return found.group() if _PAIRS[opening] == closing else f"〔{value}〕"

    return _DOC_YEAR.sub(year, _SPACED_LABEL_QUOTE.sub(spaced, text))


def _trailing_bar(text: str) -> str:
    """ "…化解机制|" → "…化解机制": a bar after the line's last character (a speck, the end of a rule),
    where no other bar on the line makes it a row of a pipe table."""
    if text.count("|") == 1 and re.search(r"[\u4e00-\u9fff]\s*\|$", text):
        return text[: text.rindex("|")].rstrip()
    return text


def _misread_words(text: str) -> str:
    """The words chi_sim is known to misread without doubt put back, where the misread form is no word."""
    for pattern, word in _MISREAD_WORDS:
        text = pattern.sub(word, text)
    return text


def _spaced(text: str) -> bool:
    """A line (or a column) begun with one Chinese character before the gap: a label letter-spaced
    to the width of longer ones (文　　号：, 名　　称：), not a column."""
    cell = text.rsplit("\t", 1)[-1]
    return len(cell) == 1 and bool(layout.CJK.match(cell))


def _labelled(text: str) -> str:
    """What Tesseract misreads in an assignment, put back where a label shows it: the full-width colon
    after 责任单位 read as ";" or ","; one character of a long label (奉头单位, 完成时要 for 牵头单位,
    完成时限), before its colon or alone in square brackets (【奉头单位】); one character of a short
    one where the line's shape leaves no doubt (``_short_labels``); the bracket around the labels read
    as 〈, 【 or {; the ；before a label read as a quote."""
    text = _LABEL_LOOKALIKE.sub(_label_of_lookalike, text)
    text = _LOOKALIKE_AT_START.sub(_label_with_colon, text)
    text = _BRACKETED_LOOKALIKE.sub(_label_of_lookalike, text)
    text = _short_labels(text)
    text = LABEL_MISREAD.sub(r"\1：", text)
    text = LABEL_MISREAD_AFTER.sub(r"\1：", text)
    text = QUOTE_BEFORE_LABEL.sub("；", text)
    return _bracket_around_labels(text)


# Long labels with one character hidden, for the lookalikes OCR makes: "?头单位" → 牵头单位. A pattern
# two labels of different fields share names neither ("完成时?" is 完成时限 or 完成时间: a deadline).
def _lookalikes() -> dict[str, str]:
    found: dict[str, str | None] = {}
    for label in _LONG_LABELS:
        if len(label) < 4:
            continue
        for index in range(len(label)):
            key = label[:index] + "?" + label[index + 1 :]
            other = found.get(key, label)
            found[key] = label if other is not None and LABELS[other] == LABELS[label] else None
    return {key: label for key, label in found.items() if label}


LOOKALIKES = _lookalikes()
SPECKS = "_-~`'\".,:;|·。，、 "  # what Tesseract makes of a speck or a rule's end beside a word
HEADER_WORD = re.compile(r"[\u4e00-\u9fff]{4,6}")
_LABEL_LOOKALIKE = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{4,6})(?=\s*[:：])")
# "【奉头单位】区大数据中心": a label alone in square brackets needs no colon (d94's 【完成时限】 too).
# "奉头单位;市林业局" at a line's start: a long label with one character and its colon misread at once.
_LOOKALIKE_AT_START = re.compile(r"^([\u4e00-\u9fff]{4,6})\s*[;；]")
_BRACKETED_LOOKALIKE = re.compile(r"(?<=[【\[])\s*([\u4e00-\u9fff]{4,6})(?=\s*[】\]])")
QUOTE_BEFORE_LABEL = re.compile(rf"[”“\"’‘](?=(?:{'|'.join(_LONG_LABELS)})\s*[:：])")
_MISREAD_OPEN = re.compile(rf"[〈【{{\[](?=\s*(?:{'|'.join(_LONG_LABELS)})\s*[:：])")


def _label_with_colon(found: re.Match) -> str:
    label = _label_of_lookalike(found)
    return f"{label}：" if label in LABELS else found.group()


def _label_of_lookalike(found: re.Match) -> str:
    word = found.group(1)
    if word in LABELS:
        return word
    return _lookalike(word) or word


def _lookalike(word: str) -> str | None:
    """The long label that `word` is with one character misread, if exactly one field's labels fit."""
    for index in range(len(word)):
        label = LOOKALIKES.get(word[:index] + "?" + word[index + 1 :])
        if label:
            return label
    return None


# Short labels of units with one character hidden, where every label it fits is of one field:
# "?头" → 牵头, "?合" → 配合, but "?办" is 主办, 协办 or 承办 and names none.
def _short_lookalikes() -> dict[str, str]:
    found: dict[str, str | None] = {}
    for label, field in SHORT_LABELS.items():
        if len(label) != 2 or not field.endswith("_units"):
            continue
        for key in (f"?{label[1]}", f"{label[0]}?"):
            other = found.get(key, label)
            found[key] = label if other is not None and SHORT_LABELS[other] == field else None
    return {key: label for key, label in found.items() if label}


SHORT_LOOKALIKES = _short_lookalikes()
# A two-character word before a colon (or a colon read as a semicolon) at a line's start, after a gap or
# a star of Markdown's emphasis: where a short label stands.
_SHORT_LOOKALIKE = re.compile(r"(?:(?<=^)|(?<=[\s　；;*]))([\u4e00-\u9fff]{2})\s*([:：;；])")
# The next label of the line, and its colon: where a label's value ends.
_NEXT_LABEL = re.compile(rf"(?:{'|'.join(sorted(LABELS, key=len, reverse=True))})\s*[:：]")


def _short_labels(text: str) -> str:
    """ "索头:社区居委会配合:社区文体队时限:…" → "牵头:社区居委会…": a short label of units with one
    character misread, or its colon read as a semicolon ("*牵头;综治中心;配合:…"), put back only where
    the line's shape makes it certain: at the line's start, after a gap or a star, before its colon,
    its value a unit's name, and another label after it on the line. Two characters before a colon
    in a sentence ("原则:坚持…") are left as read."""
    for found in reversed(list(_SHORT_LOOKALIKE.finditer(text))):
        word, mark = found.groups()
        if word in LABELS:
            label = word if mark in ";；" and SHORT_LABELS.get(word, "").endswith("_units") else None
        else:
            label = SHORT_LOOKALIKES.get(f"?{word[1]}") or SHORT_LOOKALIKES.get(f"{word[0]}?")
        if label is None:
            continue
        value = text[found.end() :]
        following = _NEXT_LABEL.search(value)
        if following and phrases.names_units(value[: following.start()].strip(' 　；;，,”“"')):
            text = text[: found.start()] + label + ("：" if mark in ";；" else mark) + value
    return text


def mend_wrapped_labels(pages: list[Page]) -> None:
    """A long label a line's end cut in two ("…区公安分局【吉成时" / "限】2026年…") with a character
    misread: set right on the two lines read together, each keeping its own part."""
    for page in pages:
        if not page.ocr:
            continue
        lines = [item for item in page.items if isinstance(item, TextLine)]
        for above, below in zip(lines, lines[1:], strict=False):
            joined = above.text + below.text
            mended = _BRACKETED_LOOKALIKE.sub(_label_of_lookalike, _LABEL_LOOKALIKE.sub(_label_of_lookalike, joined))
            if mended != joined and len(mended) == len(joined):
                above.text, below.text = mended[: len(above.text)], mended[len(above.text) :]


def _bracket_around_labels(text: str) -> str:
    """ "【责任单位:区司法局】" → "（责任单位:区司法局）": the misread opening before a label, and the
    first closing mark after it if no real one closes it first."""
    while opened := _MISREAD_OPEN.search(text):
        start = opened.start()
        closing = re.search(r"[）)〉】}\]]", text[start + 1 :])
        text = text[:start] + "（" + text[start + 1 :]
        if closing and closing.group(0) not in "）)":
            end = start + 1 + closing.start()
            text = text[:end] + "）" + text[end + 1 :]
    return text


# --- the marks around the words: bullets, dot leaders, dashes, the brackets of a number -----------

LEADERS = "……"
FLAT = 0.25  # a word this much lower than the line's characters is a dot, a dash or a stroke of 一
LEADERS_SPAN = 2.0  # character heights a run of flat words spans before a page number: dot leaders
STRAY = 0.5  # character widths a word inside a run of leaders may have (dots read as 而, 的)
BULLET_SIZE = (0.2, 0.65)  # a bullet's side, in character heights: smaller than any character
BULLET_MIDDLE = 0.15  # character heights a bullet's middle may be off the line's middle
STAR_FILLED = 0.45  # of its box: a five-pointed star's ink fills about a third, a diamond's a half
BULLET_AS_WORD = re.compile(r"^[^\u4e00-\u9fff\d(（\[【《〔“‘\"'<〈]+")
# A letter or digit read with its point ("a." or "a," of "ａ．在…"): a lettered point, whose small round
# letter is no bullet ("●" reads as "e" or "。", never with a point after it).
LETTERED = re.compile(r"^[A-Za-z0-9][.．,，]$")
DASH_GAP = 0.3  # character heights of white after a line's first stroke: a dash and the space after it


def _band(words: list[Word]) -> tuple[float, float, float]:
    """The height of the line's characters and where they stand (top, bottom), in pixels: from the
    words about as high as the median one (not a comma, a leader's dot, nor a word Tesseract boxed
    with the line's quotes)."""
    height = statistics.median(word.height for word in words)
    full = [word for word in words if 0.7 * height <= word.height <= 1.3 * height] or words
    top = statistics.median(word.top for word in full)
    bottom = statistics.median(word.top + word.height for word in full)
    return bottom - top, top, bottom


def _flat(word: Word, height: float, middle: float) -> bool:
    return word.height <= FLAT * height and abs(word.top + word.height / 2 - middle) <= 0.25 * height


def _leaders(words: list[Word]) -> list[Word]:
    """A table of contents' dot leaders before a page number ("二、重点任务…………2"): Tesseract reads the
    dots as flat words a few pixels high at the line's middle ("pe", "二而届而", "人", "站pt"), now and
    then a narrow taller one among them; the run becomes one word "……", which ``parse`` knows."""
    if len(words) < 3 or not words[-1].text.isdigit():
        return words
    tall = [word for word in words if word.height > 2 * FLAT * max(w.height for w in words)] or words
    height, top, bottom = _band(tall)
    middle = (top + bottom) / 2
    start = None
    for index in range(len(words) - 2, -1, -1):
        word = words[index]
        if _flat(word, height, middle):
            start = index
        elif word.width > STRAY * height or start is None:
            break
    if start is None:
        return words
    run = words[start:-1]
    left, right = run[0].left, max(word.left + word.width for word in run)
    if right - left < LEADERS_SPAN * height:
        return words
    leaders = Word(LEADERS, left, round(middle - height / 4), right - left, max(round(height / 2), 1), run[0].line)
    return [*words[:start], leaders, words[-1]]


def _bulleted(words: list[Word], image: Image.Image) -> list[Word]:
    """A bullet before a line ("●", "◆", "■", "○"), which Tesseract reads as "e", "se", "*", "4" or
    not at all, found in the pixels: the first mark at the line's start is a single blob smaller
    than any character of the line (measured on the ink after it, not on Tesseract's boxes), about
    square, standing at the characters' middle. Its shape names it: how much of its box is ink, and
    whether its middle is. The words read from it are dropped, or the part of the word it was read
    into."""
    if words[0].text[0] in BULLETS or LETTERED.match(words[0].text):
        return words
    top = min(word.top for word in words)
    bottom = max(word.top + word.height for word in words)
    right = max(word.left + word.width for word in words)
    start = words[0].left
    reach = bottom - top
    blob = _first_blob(image, start - reach, top, min(start + 2 * reach, right), bottom)
    if blob is None:
        return words
    x0, y0, x1, y1, shape = blob
    text = _ink_box(image, (x1 + 1, top, right, bottom))
    if text is None:
        return words
    height = text[3] - text[1]  # the line's characters, brackets and quotes included
    low, high = BULLET_SIZE
    width, tall = x1 - x0, y1 - y0
    square = 0.75 <= width / tall <= 1.34
    middle = abs((y0 + y1) / 2 - (text[1] + text[3]) / 2) <= BULLET_MIDDLE * height
    if not (low * height <= min(width, tall) and max(width, tall) <= high * height and square and middle):
        return words
    if any(word.left + word.width <= x0 for word in words):
        return words  # something stands before it: not the line's bullet
    kept = []
    for word in words:
        if word.left < x1 and word.left + word.width <= x1 + height / 2:
            continue  # read from the bullet (and the white after it): "e", "*", "4"
        if word.left < x1:
            rest = BULLET_AS_WORD.sub("", word.text)
            if not rest:
                continue
            word = Word(rest, x1, word.top, word.left + word.width - x1, word.height, word.line)
        kept.append(word)
    return [Word(shape, x0, y0, width, tall, words[0].line), *kept]


def _dash_before(words: list[Word], image: Image.Image) -> list[Word]:
    """A dash before a line's words ("— 开展…"), which chi_sim reads as 一, put back: the line's first ink
    a flat stroke, then white wider than a character leaves beside the next (一 of "一要", "一、" stands
    a stroke's width off it)."""
    first = words[0]
    if not first.text.startswith("一") or len(words) < 2:
        return words
    height, top, bottom = _band(words)
    height = min(height, _ink_height(image, words, top, bottom) or height)
    left = max(first.left - round(height), 0)
    right = min(first.left + round(3 * height), image.width)
    if right - left < 4 or bottom - top < 4:
        return words
    ink = ImageOps.invert(image.crop((left, round(top), right, round(bottom))).point(lambda v: 0 if v < DARK else 255))
    runs = ink_runs(list(ink.resize((ink.width, 1), Image.Resampling.BOX).tobytes()), 0)
    if len(runs) < 2:
        return words
    (start, end), (after, _end) = runs[:2]
    stroke = ink.crop((start, 0, end, ink.height)).getbbox()
    flat = stroke[3] - stroke[1] <= FLAT * height and end - start >= 0.6 * height
    if not flat or after - end < DASH_GAP * height:
        return words
    return [dataclasses.replace(first, text="—" + first.text[1:]), *words[1:]]


SYMBOL_DOUBT = 70  # Tesseract's confidence in a character below which a line's first may be a symbol
SYMBOL_MIRROR = 0.9  # the share of a symbol's ink its mirror image covers
SYMBOL_SAME = 0.1  # of its side: how far two lines' symbols may differ in size and still be one sign


def _symbols(rows: list[list[Word]], image: Image.Image) -> list[list[Word]]:
    """A bullet as large as a character ("★" before each item), which Tesseract reads as a character,
    one unlike the next ("女", "友", "妇", "妈"), or leaves out, found in the pixels: the first word
    of a line is one character Tesseract doubts, or ink no word covers stands before it; its ink is
    one solid shape, filled at its middle and the same mirrored,
    no larger than the line's characters, and a shape of that size begins another line of the page
    too. A character so read is never one shape the same mirrored (女, 友 are not)."""
    found = {index: shape for index, row in enumerate(rows) if (shape := _symbol(row, image))}
    sizes = [shape[2:4] for shape in found.values()]

    def repeated(size: tuple[int, int]) -> bool:
        return sum(_same_size(size, other) for other in sizes) >= 2

    kept = []
    for index, row in enumerate(rows):
        shape = found.get(index)
        if shape is not None and repeated(shape[2:4]):
            first = min(row, key=lambda word: word.left)
            left, top, width, height, sign, read = shape
            rest = [word for word in row if word is not first or not read]
            row = [Word(sign, left, top, width, height, first.line), *rest]
        kept.append(row)
    return kept


def _same_size(size: tuple[int, int], other: tuple[int, int]) -> bool:
    return all(abs(a - b) <= SYMBOL_SAME * max(a, b) for a, b in zip(size, other, strict=True))


def _symbol(words: list[Word], image: Image.Image) -> tuple | None:
    """(left, top, width, height, sign, read) of the symbol at the line's start, which its first word
    was read from (read) or which Tesseract left out; None where there is none."""
    first = min(words, key=lambda word: word.left)
    if len(words) < 2:
        return None
    height, top, bottom = _band(words)
    reach = round(height / 4)
    right = first.left + first.width + reach
    blob = _first_blob(image, first.left - 2 * round(height), round(top) - reach, right, round(bottom) + reach)
    if blob is None:
        return None
    x0, y0, x1, y1, _sign = blob
    doubted = len(first.text) == 1 and layout.CJK.match(first.text) and first.confidence < SYMBOL_DOUBT
    if x1 <= first.left + reach:
        read = False  # left out: nothing read from it
    elif doubted and abs(x0 - first.left) <= reach and -reach <= first.left + first.width - x1 <= height / 2:
        read = True  # read as that character (with the white after it)
    else:
        return None
    if max(x1 - x0, y1 - y0) > height or min(x1 - x0, y1 - y0) < 0.5 * height:
        return None
    ink = ImageOps.invert(image.crop((x0, y0, x1, y1)).point(lambda value: 0 if value < DARK else 255))
    pixels = ink.tobytes()
    width, tall = ink.size
    inked = {(x, y) for y in range(tall) for x in range(width) if pixels[y * width + x]}
    if not inked or (width // 2, tall // 2) not in inked:
        return None  # hollow at its middle: a character's strokes
    mirrored = {(width - 1 - x, y) for x, y in inked}
    if len(inked & mirrored) < SYMBOL_MIRROR * len(inked | mirrored) or not _one_shape(inked):
        return None
    return x0, y0, width, tall, _bullet_sign(len(inked) / (width * tall), True), read


def _one_shape(inked: set[tuple[int, int]]) -> bool:
    """Whether the pixels are one shape, each touching the next (side or corner)."""
    start = next(iter(inked))
    seen, todo = {start}, [start]
    while todo:
        x, y = todo.pop()
        for step in ((x + dx, y + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)):
            if step in inked and step not in seen:
                seen.add(step)
                todo.append(step)
    return len(seen) == len(inked)


def _ink_box(image: Image.Image, box: tuple[int, int, int, int]) -> tuple[int, int, int, int] | None:
    if box[2] <= box[0] or box[3] <= box[1]:
        return None
    found = ImageOps.invert(image.crop(box).point(lambda value: 0 if value < DARK else 255)).getbbox()
    return None if found is None else (box[0] + found[0], box[1] + found[1], box[0] + found[2], box[1] + found[3])


def _first_blob(image: Image.Image, left: int, top: int, right: int, bottom: int) -> tuple | None:
    """The box (in the image) and the bullet's sign of the first mark between ``left`` and
    ``right``: columns of ink with white on either side; None where there is none."""
    left, right = max(left, 0), min(right, image.width)
    if right - left < 4 or bottom <= top:
        return None
    ink = ImageOps.invert(image.crop((left, top, right, bottom)).point(lambda value: 0 if value < DARK else 255))
    columns = [ink.crop((x, 0, x + 1, ink.height)).getbbox() is not None for x in range(ink.width)]
    if not any(columns) or columns[0]:
        return None
    start = columns.index(True)
    end = columns.index(False, start) if False in columns[start:] else None
    if end is None:
        return None
    box = ink.crop((start, 0, end, ink.height)).getbbox()
    blob = ink.crop((start, box[1], end, box[3]))
    area = blob.width * blob.height
    filled = blob.histogram()[255] / area  # ``ink`` is 255 where there is ink
    solid = blob.getpixel((blob.width // 2, blob.height // 2)) != 0
    sign = ">" if not solid and _chevron(blob) else _bullet_sign(filled, solid)
    return left + start, top + box[1], left + end, top + box[3], sign


def _chevron(blob: Image.Image) -> bool:
    """Whether a hollow mark is ">" (Markdown's quote, as a PDF prints it), not a ring or a diamond: its
    right quarter inked only about its middle, its left quarter only at its top and bottom (○ and ◇
    have ink at the middle of their left side)."""
    width, height = blob.size
    quarter = max(width // 4, 1)
    right = blob.crop((width - quarter, 0, width, height)).getbbox()
    left_middle = blob.crop((0, round(height * 0.35), quarter, round(height * 0.65))).getbbox()
    left = blob.crop((0, 0, quarter, height)).getbbox()
    return (
        right is not None
        and left is not None
        and left_middle is None
        and right[1] >= 0.2 * height
        and right[3] <= 0.8 * height
        and left[1] <= 0.2 * height
        and left[3] >= 0.8 * height
    )


def _bullet_sign(filled: float, solid: bool) -> str:
    """Which bullet a blob is: ■ all ink, ● round, ◆ (or ▲) cornered, ★ pointed, ○ (◇, □) hollow."""
    if not solid:
        return "○"
    if filled >= 0.9:
        return "■"
    if filled >= 0.65:
        return "●"
    return "◆" if filled >= STAR_FILLED else "★"


# "(〈三)", "《二)", "〈一〉": the bracket of a number read as another mark.
_ORDINAL = r"\s*([一二三四五六七八九十]{1,3})\s*"
MISREAD_ORDINAL = re.compile(
    rf"^([{BULLETS}]?\s*)"
    rf"(?:(?:[(（]\s*[《〈<]|[《〈<【{{\[]){_ORDINAL}[)）〉>】}}\]]|[(（]{_ORDINAL}[〉>】}}\]])"
)


def _bracketed_ordinal(text: str) -> str:
    """ "《二)壮大实体经济" → "(二)壮大实体经济": a Chinese number in brackets, one of them misread (after
    a bullet, if any)."""
    found = MISREAD_ORDINAL.match(text)
    if not found:
        return text
    return f"{found.group(1)}({found.group(2) or found.group(3)})" + text[found.end() :]


# "——" before the units at the end of an item, read as two strokes of 一.
DASH_MISREAD = re.compile(r"(?<=[。；;！？!?])\s*(?:一一|一—|—一)(?=[\u4e00-\u9fff])")
DASH_MISREAD_AT_START = re.compile(r"^(?:一一|一—|—一)(?=[\u4e00-\u9fff])")
# A page number between dashes ("— 1 —"), its dashes read as 一 and the gap before the last as a column.
PAGE_NUMBER_MISREAD = re.compile(r"^(?=.*一)\s*[一—-]\s*(\d{1,3})\s*[一—-]\s*$")
# The dash of a range of dates ("3月3日—3月7日"), read as 一: no Chinese numeral stands before an Arabic one.
DATE_DASH_MISREAD = re.compile(r"(?<=\d[日月])\s*一[?？]?\s*(?=\d{1,2}[月日])")
# "7.【社区党委】组织…" read with its dot and opening bracket lost: "7社区党委】组织…".
LOST_UNIT_OPENING = re.compile(r"^(\d{1,3})[.．、]?(?=([\u4e00-\u9fff][^【】。，；]{1,24})】)")


def _dashed(text: str) -> str:
    """ "…480户。一一镇村镇建设办、各村" → "…480户。——镇村镇建设办、各村": the dash before the units, read
    as 一一, after the end of a sentence; at the start of a line only before what names units alone
    (no sentence begins 一一, but a wrapped line may: "一一对应整改"). A page number's dashes read as 一
    ("一1\t一" for "— 1 —")."""
    if found := PAGE_NUMBER_MISREAD.match(text):
        return f"— {found.group(1)} —"
    text = DASH_MISREAD.sub("——", text)
    if DASH_MISREAD_AT_START.match(text):
        rest = re.split(r"[。；;]", text[2:], maxsplit=1)[0]
        if phrases.names_units(rest):
            text = "——" + text[2:]
    return text


# A dotted date's first dot read as a comma ("2025，4.30" for 2025.4.30): the month and day after it keep theirs.
DATE_DOT_MISREAD = re.compile(
    r"(?<![\d.])(20\d\d)\s*[，,]\s*(\d{1,2}\.\d{1,2})(?![\d.%亿万千百个元吨米亩人户家项次座])"
)


def _lost_marks(text: str) -> str:
    """A date range's dash read as 一 ("3月3日一3月7日"), a dotted date's first dot read as a comma
    ("2025，4.30"), and the dot and opening bracket lost between a
    number and the units it names ("7社区党委】组织…" for "7.【社区党委】组织…") put back."""
    text = DATE_DOT_MISREAD.sub(r"\1.\2", DATE_DASH_MISREAD.sub("—", text))
    if (found := LOST_UNIT_OPENING.match(text)) and phrases.names_units(found.group(2)):
        text = f"{found.group(1)}.【" + text[found.end() :]
    return text


# --- a number misread, set right from its siblings -------------------------------------------------

LOST_NUMBER = re.compile(r"^、(?=[\u4e00-\u9fff])")
LOST_DIGITS = re.compile(r"^[.．](?=[\u4e00-\u9fff])")  # "1." read as "." alone
# "⑴" (one character) or "(1)" as chi_sim reads it at times: its opening lost ("1)"), its closing lost
# and the digit misread ("(0开展…"), a speck read beside the digit ("(1T)"). Doubted, and set right only
# where the page's other lines number in "(1)" and the siblings leave exactly that place.
DOUBTED_PAREN = re.compile(r"^[(（]\s*[0-9OoIl|](?:[A-Za-z|]?\s*[)）])?(?=[\u4e00-\u9fff])")
# "Ⅰ、" (one character) as chi_sim reads it: "工、", "I工、", "Ⅲ" as "亚" or "皿"; on a short line of its own.
# A task code's letter read as a digit ("52." for "C2."), where the page's other lines are coded.
CODE_MISREAD = re.compile(r"\d\d[.．、]")
ROMAN_MISREAD = re.compile(r"^\s*(?:[IlＩ|]?[工亚皿]|[IVX]{1,4})\s*[、，,.．]\s*(?=[\u4e00-\u9fff][^。；;，,]{1,18}$)")


def mend_numbers(pages: list[Page]) -> None:
    """The numbers of the scanned pages' lines checked against their siblings: a heading whose number
    Tesseract misread ("(一)" where "(二)" is due) or lost ("、推进…" for "三、推进…") gets the one
    number that fits between the siblings before and after it, when exactly one does."""
    lines = [item for page in pages if page.ocr for item in page.items if isinstance(item, TextLine)]
    entries = _numbered_entries(lines)
    groups: dict[tuple, list[int]] = defaultdict(list)
    for index, entry in enumerate(entries):
        groups[(entry.style, entry.parent)].append(index)
    for (style, _parent), members in groups.items():
        if style in (*RENUMBERED, "letter_code"):
            _mend_group(style, [entries[index] for index in members])
    _number_categories([item for page in pages if page.ocr for item in page.items if isinstance(item, TableBox)])
    _roman_headings(lines)
    _circled_numbers(lines)


# A circled number as chi_sim reads it: "@", with a speck of its ring beside it ("@)", "@O", "O@O"), at a
# line's start before Chinese or after a label's word before its colon ("整改措施@ :").
CIRCLED_MISREAD = re.compile(
    r"^(?:(\s*)[O0o]?@[O0o)）]?\s*(?=[\u4e00-\u9fff])|([\u4e00-\u9fff]{2,8})[O0o]?@[O0o)）]?\s*(?=[:：]))"
)
CIRCLED_READ = re.compile(rf"^(\s*|[\u4e00-\u9fff]{{2,8}})([{CIRCLED}])")
HEADING_ALONE = re.compile(r"[\u4e00-\u9fff]{2,15}")  # "石门村": a name heading the lines under it


def _circled_numbers(lines: list[TextLine]) -> None:
    """Lines numbered ①②③ read as "@": numbered in turn, one more than the line numbered before; a
    heading (a numbered line, or a short one of words alone, "石门村") between them starts again at ①.
    Wrapped lines, the labels under an item and the sentences between them go on counting."""
    value = 0
    for line in lines:
        text = line.text.strip()
        read = CIRCLED_READ.match(text)
        found = None if read else CIRCLED_MISREAD.match(text)
        if read:
            value = CIRCLED.index(read.group(2)) + 1
        elif found and value < len(CIRCLED):
            value += 1
            line.text = f"{(found.group(2) or '').strip()}{CIRCLED[value - 1]}" + text[found.end() :].lstrip()
        elif HEADING_ALONE.fullmatch(text) or ((numbering := match(text)) and numbering.certain):
            value = 0


def _roman_headings(lines: list[TextLine]) -> None:
    """Headings numbered "Ⅰ、Ⅱ、Ⅲ、" read as "工、", "I工、", "亚、": numbered in turn where at least two
    lines are read so and none is read as a Roman numeral."""
    if any((found := match(line.text.strip())) and found.style == "roman" for line in lines):
        return
    headings = [(line, found) for line in lines if (found := ROMAN_MISREAD.match(line.text))]
    if len(headings) < 2:
        return
    for value, (line, found) in enumerate(headings, 1):
        line.text = f"{ROMAN[value - 1]}、" + line.text[found.end() :]


@dataclass
class _Entry:
    line: TextLine
    numbering: Numbering | None
    style: str
    parent: int
    doubted: bool = False


def _numbered_entries(lines: list[TextLine]) -> list[_Entry]:
    """The numbered lines, each with its style and the index of its parent entry (-1 at the top)."""
    styles = {found.style for line in lines if (found := match(line.text.strip()))}
    entries: list[_Entry] = []
    stack: list[tuple[str, int]] = []  # (style, index of its entry) from the top down
    for line in lines:
        entry = _entry(line, styles)
        if entry is None:
            continue
        if any(open_style == entry.style for open_style, _index in stack):
            while stack[-1][0] != entry.style:
                stack.pop()
            stack.pop()
        entry.parent = stack[-1][1] if stack else -1
        entries.append(entry)
        stack.append((entry.style, len(entries) - 1))
    return entries


def _entry(line: TextLine, styles: set[str]) -> _Entry | None:
    text = line.text.strip()
    numbering = match(text)
    if numbering and not numbering.certain:
        numbering = None
    bracketed = "arabic_paren" in styles
    if "letter_code" in styles and numbering and CODE_MISREAD.fullmatch(numbering.number):
        code = dataclasses.replace(numbering, style="letter_code", value=int(numbering.number[1]))
        return _Entry(line, code, "letter_code", -1, doubted=True)
    if bracketed and numbering and numbering.style == "arabic_half_paren":
        return _Entry(line, numbering, "arabic_paren", -1, doubted=True)
    if bracketed and numbering is None and DOUBTED_PAREN.match(text):
        return _Entry(line, None, "arabic_paren", -1, doubted=True)
    if numbering:
        return _Entry(line, numbering, numbering.style, -1)
    if "arabic" in styles and LOST_DIGITS.match(text):
        return _Entry(line, None, "arabic", -1)
    return _Entry(line, None, "cn", -1) if LOST_NUMBER.match(text) else None


def _mend_group(style: str, members: list[_Entry]) -> None:
    values = [member.numbering.value if member.numbering else None for member in members]
    for position, member in enumerate(members):
        before = values[position - 1] if position else 0
        after = values[position + 1] if position + 1 < len(members) else None
        if member.doubted:
            if _doubted_fits(members, position, values):
                values[position] = before + 1
                _set_right(member, before + 1, members[position - 1] if position else None)
            continue
        if style not in RENUMBERED or values[position] == (before or 0) + 1 or before is None or after is None:
            continue
        if after == before + 2:
            values[position] = before + 1
            _renumber(member.line, member.numbering, style, before + 1)


def _doubted_fits(members: list[_Entry], position: int, values: list[int | None]) -> bool:
    """A doubted "(n)" or task code stands where its certain siblings leave one place: the one due
    after the sibling before it (or first, for "(n)"), and the one before the sibling after it, or
    last with the digit read as that one."""
    if not position and members[position].style == "letter_code":
        return False  # no sibling to take the letter from
    if position and (members[position - 1].doubted or values[position - 1] is None):
        return False
    due = (values[position - 1] if position else 0) + 1
    if position + 1 < len(members):
        return not members[position + 1].doubted and values[position + 1] == due + 1
    return values[position] == due


def _set_right(member: _Entry, value: int, before: _Entry | None) -> None:
    text = member.line.text.lstrip()
    read = member.numbering.number if member.numbering else DOUBTED_PAREN.match(text).group()
    if member.style == "letter_code" and before and before.numbering:
        number = f"{before.numbering.number[0]}{value}{read[-1]}"
    else:
        number = f"({value})"
    member.line.text = number + text[len(read) :].lstrip()


RENUMBERED = ("cn", "cn_paren", "arabic", "arabic_paren")


def _renumber(line: TextLine, numbering: Numbering | None, style: str, value: int) -> None:
    text = line.text.lstrip()
    digits = str(value) if style.startswith("arabic") else chinese_numeral(value)
    if numbering is None:  # "、推进…": the number itself lost
        line.text = digits + text
        return
    number = re.sub(r"\d{1,3}" if style.startswith("arabic") else f"[{CN}]{{1,4}}", digits, numbering.number, count=1)
    line.text = number + text[len(numbering.number) :]


def chinese_numeral(value: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十, 99 → 九十九."""
    digits = "〇一二三四五六七八九"
    tens, ones = divmod(value, 10)
    if not tens:
        return digits[ones]
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


# --- marking ---------------------------------------------------------------------------------------


def mend_paragraphs(blocks: list, pages: list[Page], starts: dict[int, int]) -> list:
    """The paragraphs of scanned pages with the brackets their lines' reading could not pair: one the
    text wrapped ("…【县司法局牵头，县级各行政执法部门按职" / "责分工负责，长期坚持)") or whose opening was
    lost after the sentence before it ("…以下。县行政审批局牵头，…完成)"); and the misread words a
    line's end cut ("全履" / "盖")."""
    scanned = _scanned_spans(pages, starts)
    mended = []
    for block in blocks:
        if isinstance(block, Line) and any(start <= block.line < end for start, end in scanned):
            text = _misread_words(_lost_opening(_misread_marks(block.text)))
            block = block if text == block.text else Line(text, block.line)  # its joins no longer its text
        mended.append(block)
    return mended


def _scanned_spans(pages: list[Page], starts: dict[int, int]) -> list[tuple[float, float]]:
    numbers = sorted(starts)
    ends = {number: starts[after] for number, after in zip(numbers, numbers[1:], strict=False)}
    return [
        (starts[page.number], ends.get(page.number, math.inf)) for page in pages if page.ocr and page.number in starts
    ]


# Who does the work and by when, closed by a round bracket after a sentence's end, its opening not read.
_ROLES = re.compile(r"牵头|负责|配合")


def _lost_opening(text: str) -> str:
    """A closing round bracket no opening pairs, after a sentence's end, around units in their roles:
    opened after that sentence."""
    depth = 0
    for index, char in enumerate(text):
        if char in "（(":
            depth += 1
        elif char in "）)":
            if depth:
                depth -= 1
                continue
            start = max(text.rfind(end, 0, index) for end in "。；;") + 1
            inside = text[start:index]
            if start and _in_roles(inside) and not re.search(r"[【】〈〉\[\]{}]", inside):
                return f"{text[:start]}（{inside.lstrip()}）{_lost_opening(text[index + 1 :])}"
            return text
    return text


def _in_roles(inside: str) -> bool:
    """Units in their roles ("县住建局牵头，…"), or units and then when ("驻村工作队，2025年6月底前")."""
    if _ROLES.search(inside):
        return True
    units, _comma, when = inside.strip().rpartition("，")
    return bool(units) and phrases.names_units(units) and bool(_WHEN.fullmatch(when))


_WHEN = re.compile(r"(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日|底|末|中旬|上旬|下旬)?前?|长期(?:坚持)?|持续推进")


def page_warnings(pages: list[Page], starts: dict[int, int]) -> list[Problem]:
    """One warning per run of scanned pages, at the line the run starts on."""
    runs: list[list[int]] = []
    for page in pages:
        if not page.ocr:
            continue
        if runs and runs[-1][-1] == page.number - 1:
            runs[-1].append(page.number)
        else:
            runs.append([page.number])
    message = _("第 %(pages)s 页是扫描件，文字由 OCR 自动识别，可能有错字、漏字，请对照原件逐项核对。")
    return [Problem(starts.get(run[0]), "", message % {"pages": _span(run)}) for run in runs]


def _span(run: list[int]) -> str:
    return str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}"


_LINE_MENDS = _line_mends()
