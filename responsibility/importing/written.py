"""A document as its author wrote it, whatever its format: a scan's text layer without the spaces the typist
never typed, a bilingual plan without its English. Both are read off the source as a whole (one stray space or
one English word proves nothing), before the parser reads its lines."""

from __future__ import annotations

import dataclasses
import re

from .document import Block, Line, Source, Table
from .layout import CJK


def as_written(source: Source) -> Source:
    """``source`` as its author wrote it: without a scan's stray spaces, or a bilingual plan's translation."""
    return without_translations(without_stray_spaces(source))


# --- A scan's text layer --------------------------------------------------------------------------

# A scanned page's text layer (or a PDF set with letter-spacing) puts spaces the typist never typed between
# characters: "县 市场监管局 食 品生产股", "（ 三 ） 开 展 …", "2 0 2 4 年 1 2 月". Read as they stand, a unit's name
# falls apart at each space and "1 2 月" is February. A typed document has such a space now and then (a
# letterhead "县 委 办", a title "通 知"); a text layer has them everywhere, between Chinese characters or inside
# numbers (a PDF's own spacing drops the ones between Chinese characters and keeps those between digits).
IDEOGRAPH_GAP = re.compile("(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")
IDEOGRAPH_PAIR = re.compile("[\u4e00-\u9fff](?=[\u4e00-\u9fff])")
# Between two lone digits ("2 0 2 4"), not between numbers a line sets apart ("森林覆盖率（%） 62 63 64").
DIGIT_GAP = re.compile("(?<=(?<![0-9])[0-9]) (?=[0-9](?![0-9]))")
DIGIT_PAIR = re.compile("[0-9](?=[0-9])")
# At least this many stray spaces, and this share of the neighbouring pairs of their kind set apart by one: a
# typed document's few (a letterhead, a spaced title, "1 2 3" in a sentence) stay far below both.
STRAY_SPACES = 8
STRAY_SHARE = 0.2
# One space (two or more line up fields or columns) between two characters of Chinese text: Chinese
# characters and punctuation, digits, and the marks that stand in such text ("100% 。", "互联网+ 明厨", "“互 联网").
CLOSED_UP = f"(?:{CJK.pattern}|[0-9“”‘’%+—…·])"
STRAY_SPACE = re.compile(f"(?<={CLOSED_UP}) (?={CLOSED_UP})")


def without_stray_spaces(source: Source) -> Source:
    """``source`` read as if the stray spaces of a text layer were not there, when it is one that has them
    throughout; any other source as it is (Latin words keep their spaces, and so does a run of spaces)."""
    if not _has_stray_spaces("\n".join(_texts(source))):
        return source
    return dataclasses.replace(source, blocks=[_closed_up(block) for block in source.blocks])


def _has_stray_spaces(text: str) -> bool:
    """Whether single spaces stand between Chinese characters, or inside numbers, throughout ``text``."""
    return _spread(text, IDEOGRAPH_GAP, IDEOGRAPH_PAIR) or _spread(text, DIGIT_GAP, DIGIT_PAIR)


def _spread(text: str, gap: re.Pattern, pair: re.Pattern) -> bool:
    """Whether ``gap`` stands between enough of the neighbouring pairs ``pair`` counts."""
    gaps = len(gap.findall(text))
    return gaps >= STRAY_SPACES and gaps >= STRAY_SHARE * (gaps + len(pair.findall(text)))


def _texts(source: Source):
    """Every line's text and every table cell's, in order."""
    for block in source.blocks:
        if isinstance(block, Line):
            yield block.text
        else:
            yield from (cell for row in block.rows for cell in row)


def _closed_up(block: Block) -> Block:
    """The block with the stray spaces of its text (its wraps, its cells) taken out."""
    if isinstance(block, Table):
        return dataclasses.replace(block, rows=[[STRAY_SPACE.sub("", cell) for cell in row] for row in block.rows])
    wraps = tuple(STRAY_SPACE.sub("", wrap) for wrap in block.wraps)
    return dataclasses.replace(block, text=STRAY_SPACE.sub("", block.text), wraps=wraps)


# --- A bilingual document ------------------------------------------------------------------------

# A plan written for foreign readers gives each line in Chinese, then in English: a heading or a label with
# its translation after it ("一、优化外商投资服务 I. Improving Services…", "牵头单位 Lead unit：投资促进局 Investment
# Promotion Bureau", "完成时限 / Deadline:"), a sentence with its translation on the next line. The Chinese is
# the plan; the translation is the same words again. A run of English after Chinese text, to a colon, a
# semicolon or the line's end, with a word of small letters in it (no "5G", "APP" or "PPP项目", and no English
# word inside a Chinese sentence, "使用Python开发"), or at a line's start before a semicolon (a wrapped name).
_ENGLISH_RUN = r"(?=[A-Za-z0-9 ,.'’&/()\-\"]*[a-z]{2})[A-Za-z][A-Za-z0-9 ,.'’&/()\-\"]*(?=[：:；;]|$)"
# As the plan was typed, a space or a slash sets the translation apart ("启动English Corner" in such a plan is
# an English name in a Chinese sentence); a PDF's text layer loses that space ("投资促进局Investment").
SPACED_TRANSLATION = re.compile(rf"(?:(?<={CJK.pattern})(?=[ \t/])|^)[ \t]*(?:/[ \t]*)?{_ENGLISH_RUN}")
TRANSLATION = re.compile(rf"(?:(?<={CJK.pattern})|^)[ \t]*(?:/[ \t]*)?{_ENGLISH_RUN}")
ENGLISH_LINE = re.compile(rf"^(?!.*{CJK.pattern})(?=.*[A-Za-z][a-z]).*$")
# Lines carrying a translation after their Chinese text, at least so many and, with the lines all in
# English, this share of the lines: an ordinary plan has one now and then ("长者模式 | English" on a portal).
TRANSLATED_LINES = 4
TRANSLATED_SHARE = 0.3


def without_translations(source: Source) -> Source:
    """``source`` without the English translation of its lines, when it gives one throughout: lines all in
    English are left blank (there, but no words of the plan), a translation after Chinese words is taken off;
    any other source as it is."""
    translation = _translation_of([block.text for block in source.blocks if isinstance(block, Line)])
    if translation is None:
        return source
    blocks: list[Block] = []
    for block in source.blocks:
        if isinstance(block, Table):
            rows = [[_chinese(cell, translation) for cell in row] for row in block.rows]
            blocks.append(dataclasses.replace(block, rows=rows))
        elif (
            _wrapped_translation(block, translation)
            and blocks
            and isinstance(blocks[-1], Line)
            and blocks[-1].text.strip()
        ):
            # "-配合单位：经济发展局Economic" / "Development Bureau；财政金融局": the translation wrapped the line.
            text = blocks[-1].text + _chinese(block.text, translation).strip()
            blocks[-1] = dataclasses.replace(blocks[-1], text=text)
        elif _english(block.text):
            blocks.append(dataclasses.replace(block, text="", wraps=()))
        else:
            wraps = tuple(_chinese(wrap, translation) for wrap in block.wraps)
            blocks.append(dataclasses.replace(block, text=_chinese(block.text, translation), wraps=wraps))
    return dataclasses.replace(source, blocks=blocks)


def _translation_of(texts: list[str]) -> re.Pattern | None:
    """How the plan's lines carry their translations, when it gives them throughout (else None): set apart
    by a space when most are, as typed (then only so); run on to the Chinese, as a PDF's text has them."""
    lines = [text for text in texts if text.strip()]
    translated = [text for text in lines if _translated(text, TRANSLATION)]
    english = sum(1 for text in lines if _english(text))
    if len(translated) < TRANSLATED_LINES or len(translated) + english < TRANSLATED_SHARE * len(lines):
        return None
    spaced = sum(1 for text in translated if _translated(text, SPACED_TRANSLATION))
    return SPACED_TRANSLATION if spaced * 2 > len(translated) else TRANSLATION


def _english(text: str) -> bool:
    return ENGLISH_LINE.match(text.strip()) is not None


def _translated(text: str, translation: re.Pattern) -> bool:
    """Whether Chinese text carries a translation."""
    return translation.search(text.strip()) is not None and not _english(text)


def _wrapped_translation(line: Line, translation: re.Pattern) -> bool:
    """Whether the line opens with the end of a translation that wrapped, Chinese text after it."""
    return _translated(line.text, translation) and translation.match(line.text.strip()) is not None


def _chinese(text: str, translation: re.Pattern) -> str:
    """The text without the translations after its Chinese words; text all in English as it is."""
    if _english(text):
        return text
    return translation.sub("", text.rstrip())
