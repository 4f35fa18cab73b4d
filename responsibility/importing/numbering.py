"""The numbers Chinese official documents put in front of their headings and items.

一、 （一） 1. （1） ①, with full-width or ASCII brackets and dots, a space after, or (for arabic
numbers) no dot at all: "2 专家，律师风险评估". A style is the way a number is written; the parser
nests styles in the order a document first uses them, so a plan that starts at "1." still works.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .fields import chinese_number

CN = "〇零一二三四五六七八九十百两"
# Circled numbers run on past ⑳ in two more blocks of Unicode: ㉑…㉟ (U+3251) and ㊱…㊿ (U+32B1), as a list
# of more than twenty points numbers its items.
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳" + "".join(map(chr, range(0x3251, 0x3260))) + "".join(map(chr, range(0x32B1, 0x32C0)))
# One character for a bracketed number ("⑴" U+2474 …), as Word's numbering and some fonts write "(1)".
PARENTHESISED = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
# One character for a bracketed Chinese numeral ("㈠" U+3220 … "㈩"), as an editor's symbol table gives "（一）":
# the same style as "（一）", one level under "一、".
IDEOGRAPH_PAREN = "".join(map(chr, range(0x3220, 0x322A)))
# Roman numerals as one character each ("Ⅰ" U+2160 …, "ⅰ" U+2170 …), as an editor's symbol table gives them.
ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"
SMALL_ROMAN = "ⅰⅱⅲⅳⅴⅵⅶⅷⅸⅹⅺⅻ"
# Capital (financial) numerals, as a company's or a bank's documents number their parts ("壹、" "贰、"):
# a style of their own, nested in the order the document uses it, so that "一、" under "壹、" goes under it.
CAPITAL = str.maketrans("壹贰貳叁參肆伍陆陸柒捌玖拾佰", "一二二三三四五六六七八九十百")
ORDINAL = "ordinal"
LONE_NUMBER = 10  # the longest a number alone on its line can be: "（二十三）", "1.2.3."

# A word of two characters and its ordinal, then a colon ("专项一：", "任务三："): each word a style of
# its own, nested in the order the document uses them. Not a weekday ("星期一："), nor a word whose
# last character is a numeral ("统一：", "第一：", "其一：" are words, not numbers).
ORDINAL_RE = re.compile(rf"^((?:(?!星期|礼拜)(?:(?![{CN}第之其])[\u4e00-\u9fff]){{2}})[{CN}]{{1,3}})[：:][\s\u3000]*")

# A word of two to four characters and a digit or a circled number, then a colon ("问题1：", "整改措施①："):
# an audit's problems and the measures under one, numbered by their label. Each word a style of its own,
# nested in the order the document uses them. Not an attachment, figure or table ("附件1：", "附表2："),
# nor a word whose last character is a numeral or 第.
LABELLED = "labelled"
LABELLED_RE = re.compile(
    rf"^((?!附件|附表|附图|图表|表格|星期|礼拜)((?:(?![{CN}第之其])[\u4e00-\u9fff]){{2,4}})"
    rf"(\d{{1,2}}|[{CIRCLED}]))[：:][\s\u3000]*"
)

# A month that opens an item's sentence: "9月底前", "11月份", "6月30日", "3月起"; with its day or its end
# ("3月15日", "10月底", "6月中旬") or its week ("3月第二周") it is a date, never a decimal's part.
_MONTH = r"(?:1[0-2]|[1-9])\s*月\s*"
_WEEK = r"第\s*[一二三四五1-5]\s*周"
MONTH_OPENING = rf"{_MONTH}(?:底|末|份|初|上旬|中旬|下旬|前|起|\d{{1,2}}\s*日)"
MONTH_DAY_OPENING = rf"{_MONTH}(?:底|末|上旬|中旬|下旬|(?:[12]\d|3[01]|[1-9])\s*日|{_WEEK})"

# "1-2": the second measure of task 1, as a 编号 column or a 工作要点's items under its （一） write it.
HYPHEN_CODE = "hyphen_code"
HYPHEN_CODE_RE = re.compile(r"\d{1,3}\s*[-－–—]\s*(\d{1,3})")
_HYPHEN_CODE = r"\d{1,3}\s*[-－–—]\s*(\d{1,3})"
_HYPHEN_WORDS = r"(?=[\u4e00-\u9fff“])(?![年月日号周天季期个次名件家项场所层级岁人户万亿元])"

# (style, rank, pattern). The rank is the usual depth of the style in a 工作要点; the tree itself is
# built from the order a document uses the styles in, not from the rank.
PATTERNS: list[tuple[str, int, re.Pattern[str], bool]] = [
    ("part", 1, re.compile(rf"^(第([{CN}]+|\d+)(?:部分|章|篇))[\s\u3000:：、]*"), True),
    # An article of rules ("第四条　经济发展指标（40分）"): an entry only where it names a part, see
    # ``is_article_heading``; an article that is a sentence is a paragraph of its chapter.
    ("article", 2, re.compile(rf"^(第([{CN}]+|\d+)条)[\s\u3000:：、]*"), True),
    # An ordinal and its counter ("第一件　新建学校", "第三项：", "第2项 "): a list of 民生实事 or of tasks,
    # each counter a style of its own. A gap or a mark must follow: "第一项工作是…" is a sentence.
    ("counter", 2, re.compile(rf"^(第([{CN}]+|\d+)([件项]))(?:[\s\u3000]+|[:：、．.]\s*)"), True),
    # Its gap lost (a PDF drops the full-width space): only before a short title without a sentence's
    # marks, alone or as the paragraph's first sentence ("第二项建设…。全年完成…"), and only where it is
    # the number due next.
    (
        "counter",
        2,
        re.compile(rf"^(第([{CN}]+|\d+)([件项]))(?=[\u4e00-\u9fff“][^。，,；;：:！？]{{1,24}}(?:$|。))"),
        False,
    ),
    # Not a run of numerals naming grades, classes or quarters ("一、二年级不布置…", "一、三季度"): a list, no number.
    ("cn", 1, re.compile(rf"^(([{CN}]{{1,4}})\s*[、，,．.]\s*)(?![{CN}]{{1,3}}(?:年级|级|类|季度|档|批次))"), True),
    # No comma after it: "伍，" opens a PDF's line wrapped inside "队伍，".
    ("capital", 1, re.compile(r"^(([壹贰貳叁參肆伍陆陸柒捌玖拾佰零]{1,4})\s*[、．.]\s*)"), True),
    ("cn_paren", 2, re.compile(rf"^([（(]\s*([{CN}]{{1,4}})\s*[）)]\s*[、，,．.]?\s*)"), True),
    ("cn_paren", 2, re.compile(rf"^(([{IDEOGRAPH_PAREN}])\s*[、，,．.]?\s*)"), True),
    # "一）扩大…": a Chinese numeral and a closing bracket alone, as a half-bracketed "1）" is written.
    ("cn_half_paren", 2, re.compile(rf"^(([{CN}]{{1,4}})\s*[）)]\s*)"), True),
    ("arabic_paren", 4, re.compile(r"^([（(]\s*(\d{1,3})\s*[）)]\s*[、，,．.]?\s*)"), True),
    ("arabic_half_paren", 4, re.compile(r"^((\d{1,3})\s*[）)]\s*)"), True),
    ("circled", 5, re.compile(rf"^(([{CIRCLED}])\s*[、，,．.]?\s*)"), True),
    ("roman", 1, re.compile(rf"^(([{ROMAN}])\s*[、，,．.]\s*)"), True),
    ("small_roman", 2, re.compile(rf"^(([{SMALL_ROMAN}])\s*[、，,．.]\s*)"), True),
    ("parenthesised", 4, re.compile(rf"^(([{PARENTHESISED}])\s*[、，,．.]?\s*)"), True),
    # A task code, a capital letter for its field and a digit for its place ("A1." "B2、"): one style for
    # every letter, the digits counting afresh under each heading. Its dot is needed: "G20峰会" is a name.
    ("letter_code", 3, re.compile(r"^(([A-Z])(\d{1,2})[.．、])[\s\u3000]*(?=[^\d\s.．%％])"), True),
    # Points lettered under an item ("a．在…", "b、建成…", "c)…"): a small letter, its mark, words after it.
    ("small_letter", 5, re.compile(r"^(([a-z])\s*[.．、)）])[\s\u3000]*(?=[\u4e00-\u9fff“])"), True),
    # "【1】" / "［2］": square or lenticular brackets around the digits ("〔2024〕" of a document number
    # has four, "【牵头单位】" none).
    ("arabic_square", 3, re.compile(r"^([【［\[〖]\s*(\d{1,3})\s*[】］\]〗]\s*[、，,．.]?\s*)"), True),
    ("arabic", 3, re.compile(r"^((\d{1,3})\s*(?:[、，,．.](?!\d)|[:：](?!\d)))\s*"), True),
    # "1.3月15日前，…", "4.10月底前…", "1.9月底前完成…": the item's number, then the month its item opens with,
    # the dot and the month run together. With the month's day or its end after it no decimal is meant ("1.3万元"
    # is a figure); with only 份, 初, 前 or 起 it is the number only where it is the number due next ("2.5月度考核"
    # may be a decimal's part).
    ("arabic", 3, re.compile(rf"^((\d{{1,3}})[.．])(?={MONTH_DAY_OPENING})"), True),
    ("arabic", 3, re.compile(rf"^((\d{{1,3}})[.．])(?={MONTH_OPENING})"), False),
    # "1.2026年底前，…": the item's number, then the year its item opens with; no decimal goes on into a year.
    ("arabic", 3, re.compile(r"^((\d{1,3})[.．])(?=(?:19|20)\d{2}\s*年)"), True),
    # "4.12345热线工单…": the item's number, then a number of four digits or more its title opens with (a
    # hotline, a code), a word after it. A sub-number has at most three digits ("4.1推进…", "dotted"), and a
    # decimal a unit after it ("2.5万亩", "1.2345倍"): only where it is the number due next.
    ("arabic", 3, re.compile(rf"^((\d{{1,3}})[.．])(?=\d{{4,}}(?![\d.．]){_HYPHEN_WORDS})"), False),
    (ORDINAL, 2, ORDINAL_RE, True),
    (LABELLED, 3, LABELLED_RE, True),
    ("dotted", 4, re.compile(r"^((\d{1,3}(?:[.．]\d{1,3})+)[.．、]?)[\s\u3000]+"), True),
    # "1-1 聚焦…", "2－3　举办…": a hyphen code, its gap and words, the last number its place under the
    # heading. Not a range of months, days or counts ("1-3 月份", "3-5 个"): a word must follow, not a unit.
    (HYPHEN_CODE, 4, re.compile(rf"^({_HYPHEN_CODE})[\s\u3000]+{_HYPHEN_WORDS}"), True),
    # Its gap lost (a PDF drops it: "1-1聚焦…"): only where it is the number due next.
    (HYPHEN_CODE, 4, re.compile(rf"^({_HYPHEN_CODE}){_HYPHEN_WORDS}"), False),
    # "1.2推进…" is a number only where due next: "1.5万元" starts the same way.
    ("dotted", 4, re.compile(r"^((\d{1,3}(?:[.．]\d{1,3})+)[.．、]?)(?=[^\d\s%％万亿千百元倍个])"), False),
    # A number, a space, then text: "2 专家，律师…". Only believed where it is the next number due
    # (the parser checks), since "2020 年，在区委…" starts the same way.
    ("arabic", 3, re.compile(r"^((\d{1,3})[\s\u3000]+)(?=[^\d\s\u3000%％年月日元个名件次场份人户家])"), False),
]


@dataclass(frozen=True)
class Numbering:
    style: str
    rank: int
    value: int
    number: str  # as written, without the space after it, e.g. "（一）", "1.", "2"
    rest: str  # the text after the number
    certain: bool  # False for a bare "2 " that is only a number if it is the one due next


def match(line: str) -> Numbering | None:
    """The number a line starts with, or None. "一是…" and "1.5万" are not numbers."""
    text = line.lstrip(" \u3000\t")
    for style, rank, pattern, certain in PATTERNS:
        found = pattern.match(text)
        if not found:
            continue
        if style == "dotted":
            style, rank = _dotted(found.group(2))
            value = int(re.split(r"[.．]", found.group(2))[-1])
        elif style == "letter_code":
            value = int(found.group(3))
        elif style == ORDINAL:
            style, value = f"{ORDINAL}:{found.group(1)[:2]}", chinese_number(found.group(1)[2:])
        elif style == "counter":
            style, value = f"counter:{found.group(3)}", _value(style, found.group(2))
        elif style == LABELLED:
            digits = found.group(3)
            value = CIRCLED.index(digits) + 1 if digits in CIRCLED else int(digits)
            style = f"{LABELLED}:{found.group(2)}"
        else:
            value = _value(style, found.group(2))
        rest = text[found.end() :]
        if value is None or not rest.strip() and style != "part":
            continue
        return Numbering(style, rank, value, found.group(1).strip(" \u3000\t"), rest.strip(), certain)
    return None


def item_number_over_figure(numbering: Numbering | None) -> Numbering | None:
    """ "2.0—6岁儿童…", "5.2型糖尿病…": read as a decimal ("dotted", uncertain), the line may open with the
    item's number and a figure its title starts with. The number before the dot, its title the rest: the caller
    believes it only where it is the item due next in a run already counting."""
    if numbering is None or numbering.certain or numbering.style != "dotted1":
        return None
    found = re.fullmatch(r"(\d{1,3})([.．])(\d{1,3})", numbering.number)
    if not found:
        return None
    number, dot, figure = found.groups()
    return Numbering("arabic", 3, int(number), number + dot, figure + numbering.rest, False)


ARTICLE = "article"
# A heading's name: no sentence in it, a points note at most ("（40分）").
ARTICLE_HEADING_RE = re.compile(r"^[^。！？；，：,;:!?]{2,30}$")


def is_article_heading(numbering: Numbering) -> bool:
    """ "第四条　经济发展指标（40分）" names a part whose entries follow; "第七条　获得表彰的，每项加3分。" is a
    rule, a paragraph of its chapter."""
    return numbering.style != ARTICLE or bool(ARTICLE_HEADING_RE.match(numbering.rest))


def lone(line: str) -> Numbering | None:
    """A number alone on its line, its entry's text on the next: "（二）" or "3." as the document
    writes them elsewhere, or a bare "1" – the 序号 cell of a table flattened into lines, a style of
    its own that nests under the number above it, believed only where it is due."""
    text = line.strip(" \u3000\t")
    if len(text) > LONE_NUMBER:
        return None
    if re.fullmatch(r"\d{1,3}", text):
        return Numbering("lone", 3, int(text), text, "", False)
    found = match(text + " x")
    if found and found.rest == "x":
        return Numbering(found.style, found.rank, found.value, found.number, "", found.certain)
    return None


def classify(number: str) -> Numbering | None:
    """The style of a bare number as a table's 序号 column writes it: "一", "（一）", "1", "1.1"."""
    text = number.strip()
    if not text:
        return None
    if re.fullmatch(r"\d{1,3}", text):
        return Numbering("arabic", 3, int(text), text, "", True)
    if re.fullmatch(rf"[{CN}]{{1,4}}", text):
        value = chinese_number(text)
        return Numbering("cn", 1, value, text, "", True) if value else None
    code = HYPHEN_CODE_RE.fullmatch(text)
    if code:
        # "1-2": the second measure of task 1, as a 编号 column beside the tasks' 序号 writes it.
        return Numbering(HYPHEN_CODE, 4, int(code.group(1)), text, "", True)
    found = match(text + " x")
    if found and found.rest == "x":
        return Numbering(found.style, found.rank, found.value, text, "", True)
    # "任务三", "事项2": a form's label (``forms.FORM_LABEL_RE``), as its word and ordinal read before a colon.
    found = match(text + "：x")
    if found and found.rest == "x" and found.style.startswith((ORDINAL, LABELLED)):
        return Numbering(found.style, found.rank, found.value, text, "", True)
    return None


def _dotted(digits: str) -> tuple[str, int]:
    """1.1 and 1.1.1 are two styles, one level apart."""
    depth = digits.replace("．", ".").count(".")
    return f"dotted{depth}", 3 + depth


def _value(style: str, digits: str) -> int | None:
    if style == "circled":
        return CIRCLED.index(digits) + 1
    if style == "parenthesised":
        return PARENTHESISED.index(digits) + 1
    if digits in IDEOGRAPH_PAREN:
        return IDEOGRAPH_PAREN.index(digits) + 1
    if style == "small_letter":
        return ord(digits) - ord("a") + 1
    if style in ("roman", "small_roman"):
        return (ROMAN if style == "roman" else SMALL_ROMAN).index(digits) + 1
    if digits.isdigit():
        return int(digits)
    return chinese_number(digits.translate(CAPITAL) if style == "capital" else digits)


# "（2项）", "(共3项)", "（5条）" after a title: how many entries follow, not a word of its name. After a
# heading also "（3个）", "（4个项目）", "（2类）": after an item "（3个）" may be its target ("建设口袋公园（3个）").
_COUNT = r"[（(]\s*共?\s*(?:\d+|[一二三四五六七八九十]{1,3})\s*"
COUNT_NOTE_RE = re.compile(rf"{_COUNT}[项条]\s*[）)]\s*$")
HEADING_COUNT_NOTE_RE = re.compile(rf"{_COUNT}(?:[项条个件类](?:项目|任务|事项)?)\s*[）)]\s*$")


def without_count(title: str, heading: bool = False) -> tuple[str, str]:
    """ "教育惠民（2项）" → ("教育惠民", "（2项）"), and a heading's "产业项目（3个）" → ("产业项目", "（3个）"); a
    title that is only the note, or has none, stays whole."""
    found = (HEADING_COUNT_NOTE_RE if heading else COUNT_NOTE_RE).search(title)
    if not found or found.start() == 0:
        return title, ""
    return title[: found.start()].strip(), found.group(0).strip()
