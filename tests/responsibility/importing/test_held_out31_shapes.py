"""The shapes the thirty-first held-out set (d267–d274) showed the importer did not follow, in made-up
words, one section per cause: a draft copied with its editor's line numbers in front of every line,
blank ones too."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing.document import Line, Source
from responsibility.importing.editor_numbers import without_line_numbers
from tests.responsibility.importing.made import branches, leaves, readers

YEAR = 2026
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


# --- an editor's line numbers in front of every line ----------------------------------------------

DRAFT = [
    "东岭县2026年河道治理工作方案",
    "（征求意见稿）",
    "",
    "一、河道清淤",
    "1.清理县城段河道淤泥3万方。责任单位：县水务局；完成时限：2026年6月底前。",
    "2.修复受损护岸800米。责任单位：县水务局；完成时限：2026年9月底前。",
    "",
    "二、长效管护",
    "3.落实河长巡河制度。责任单位：县河长办；完成时限：长期坚持。",
]


def _numbered(lines: list[str], separator: str = " ") -> str:
    return "\n".join(f"{number}{separator}{line}" if line else str(number) for number, line in enumerate(lines, 1))


@pytest.mark.parametrize("read", ALL_FORMS)
def test_the_editors_line_numbers_are_not_read(read):
    plan = read(_numbered(DRAFT))
    assert [heading.title for heading in branches(plan)] == ["河道清淤", "长效管护"]
    items = leaves(plan)
    assert [item.title for item in items] == ["清理县城段河道淤泥3万方", "修复受损护岸800米", "落实河长巡河制度"]
    assert items[1].fields.deadline == datetime.date(2026, 9, 30)


def test_a_number_run_into_a_chinese_character_is_the_line_number_too():
    """A PDF keeps no space between the margin's number and the line's first character."""
    lines = [
        Line(f"{number}{text}", number) for number, text in enumerate(["标题", "", "一、任务", "1.甲", "2.乙", ""], 1)
    ]
    read = without_line_numbers(Source(name="x.pdf", kind="pdf", blocks=lines))
    assert [line.text for line in read.blocks] == ["标题", "", "一、任务", "1.甲", "2.乙", ""]


def test_a_list_numbered_one_by_one_without_blank_lines_keeps_its_numbers():
    """Lines "1 …", "2 …" with no line that is its number alone are a list, not an editor's margin."""
    lines = [Line(f"{number} 完成第{number}项任务", number) for number in range(1, 9)]
    source = Source(name="x.txt", kind="txt", blocks=lines)
    assert without_line_numbers(source) is source


def test_numbers_that_skip_are_no_line_numbers():
    lines = [Line(text, number) for number, text in enumerate(["1 甲", "2", "3 乙", "5 丙", "6 丁", "7 戊"], 1)]
    source = Source(name="x.txt", kind="txt", blocks=lines)
    assert without_line_numbers(source) is source
