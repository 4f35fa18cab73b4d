"""The importer's date patterns and form labels are rewritten so a long run of spaces is crossed once (they
were quadratic or cubic on it: ``bench/regex_runs.py``); what they match must not change. Each is held here to
the pattern it replaced, on every short text built from the words and spaces it reads."""

import itertools
import random
import re

from responsibility.importing import fields, forms, headers, parse, tables

# The patterns as they were before the rewrite (fields.py and forms.py at 60809f8).
OLD_YEAR = r"(?:(\d{4}|[〇零一二三四五六七八九]{4}|次|翌)\s*年)?"
OLD_MONTH = r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
OLD_DAY = r"\s*(?:(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日|(底|末|中旬|上旬|下旬|初))?"
OLD_DATE = OLD_YEAR + r"\s*" + OLD_MONTH + OLD_DAY
OLD = {
    "DATE_RE": OLD_DATE,
    "HOLIDAY_EVE_RE": OLD_YEAR + r"\s*(国庆节?|五一|劳动节|七一|建党节)\s*(?:假期)?\s*(?:以|之)?前",
    "NEW_YEAR_EVE_RE": OLD_YEAR + r"\s*元旦\s*(?:假期)?\s*(?:以|之)?前",
    "SPRING_FESTIVAL_EVE_RE": OLD_YEAR + r"\s*春节\s*(?:假期)?\s*(?:以|之)?前",
    "YEAR_END_RE": OLD_YEAR + r"\s*(年底|年末|年内|年终|全年|年度内)",
    "HALF_RE": OLD_YEAR + r"\s*(上半年|下半年|(?<![一全每])年中|(?<![A-Za-z])[Hh][12](?![\dA-Za-z]))",
    "QUARTER_RE": OLD_YEAR + r"\s*(?:第?\s*([一二三四1-4])\s*季度(?:末|底)?|(?<![A-Za-z])[Qq]([1-4])(?![\dA-Za-z]))",
    "SPAN_FROM_RE": rf"(?P<start>{OLD_DATE})\s*(?:起|开始)[，,]?\s*(?:用|利用|花|历时)?\s*"
    r"(?P<count>\d{1,3}|[一二三四五六七八九十两]{1,3})\s*(?P<unit>个\s*月|个?星期|周|天|日)",
    "RECURRING_FROM_RE": rf"{OLD_DATE}\s*(?:起|开始)[，,]?\s*"
    r"(?:每\s*(?:\d{1,3}|[一二三四五六七八九十两]{1,3})?\s*(?:个\s*月|个?星期|周|天|日|月|季度?|年)"
    r"(?:\s*(?:[一二两三1-3]\s*)?[次回轮])?"
    r"|(?:\d{1,3}|[一二三四五六七八九十两]{1,3})\s*(?:个\s*月|个?星期|周|天|日|月|季度?|年)\s*(?:[一二两三1-3]\s*)?[次回轮])",
}
OLD_FORM_LABEL = (
    r"[ \t\u3000]*[*_]{0,2}[ \u3000]*((?:(?![一二三四五六七八九十第之其])[\u4e00-\u9fff]){2}"
    r"(?:[一二三四五六七八九十]{1,3}|\d{1,2}))[ \u3000]*[*_]{0,2}[ \t\u3000]*"
)

DATE_WORDS = (
    " ", "  ", "\u3000", "\t", "2026年", "二〇二六年", "次年", "6月", "十二月", "15日", "底", "前", "以前", "之前",
    "第", "三", "3", "季度", "季度末", "Q3", "H1", "上半年", "年中", "一年中", "年底", "全年", "春节", "元旦",
    "国庆", "五一", "假期", "起", "开始", "，", "用", "两个月", "30天", "每", "周", "一次", "完成", "甲",
)  # fmt: skip
FORM_WORDS = (" ", "\u3000", "\t", "*", "**", "_", "任务", "事项", "一", "二", "12", "第", "甲")


def texts(words, count, seed):
    """Short texts of the given words: every pair, and many random runs of up to seven."""
    yield from ("".join(pair) for pair in itertools.product(words, repeat=2))
    chance = random.Random(seed)
    for _ in range(count):
        yield "".join(chance.choice(words) for _ in range(chance.randint(1, 7)))


def found(pattern, text):
    return [(match.span(), match.groups()) for match in pattern.finditer(text)]


def test_each_date_pattern_matches_what_it_matched():
    for name, old in OLD.items():
        new, old = getattr(fields, name), re.compile(old)
        for text in texts(DATE_WORDS, 6000, name):
            assert found(new, text) == found(old, text), (name, text)


def test_dates_read_from_a_text_are_the_same(monkeypatch):
    readings = {text: fields.find_dates(text, 2026) for text in texts(DATE_WORDS, 3000, "find_dates")}
    for name, old in OLD.items():
        monkeypatch.setattr(fields, name, re.compile(old))
    for text, dates in readings.items():
        assert fields.find_dates(text, 2026) == dates, text


def test_form_labels_are_the_same():
    old = re.compile(OLD_FORM_LABEL)
    for text in texts(FORM_WORDS, 6000, "form"):
        new_match, old_match = forms.FORM_LABEL_RE.fullmatch(text), old.fullmatch(text)
        assert (new_match and new_match.group(1)) == (old_match and old_match.group(1)), text


def test_a_date_after_spaces_is_still_read():
    assert fields.find_dates("完成时限：     2026年6月底前", 2026) == [fields.datetime.date(2026, 6, 30)]
    assert fields.find_dates("责任单位：区住建局　　　　　年底前", 2026) == [fields.datetime.date(2026, 12, 31)]
    assert fields.find_dates("县应急局      三季度", 2026) == [fields.datetime.date(2026, 9, 30)]
    assert forms.FORM_LABEL_RE.fullmatch("   **任务一**   ").group(1) == "任务一"


# A figure and a count of times start only where their number starts (they tried every digit of a run: quadratic).
FIGURE_START = r"(?:(?<!\d)(?=\d)|(?=[" + re.escape(fields._FIRSTS) + "]))"
OLD_FIGURE = fields.FIGURE_RE.pattern.replace(FIGURE_START, r"(?=[\d" + re.escape(fields._FIRSTS) + "])", 1)
OLD_TIMES = r"(?:\d+|[一二两三四五六七八九十]+)\s*次"
FIGURE_WORDS = (
    "1", "23", "2026", ".", "5", "-", "—", "至", " ", "个", "%", "万", "次", "余", "以上", "左右", "不少于", "达到",
    "达", "提高到", "完成", "改造", "小区", "为", "和", "并报", "5G", "G", "第", "两", "三", "十", "，", "。", "年",
    "核",
)  # fmt: skip


def test_figures_and_counts_of_times_are_the_same():
    assert OLD_FIGURE != fields.FIGURE_RE.pattern
    old_figure, old_times = re.compile(OLD_FIGURE), re.compile(OLD_TIMES)
    for text in texts(FIGURE_WORDS, 8000, "figures"):
        assert found(fields.FIGURE_RE, text) == found(old_figure, text), text
        assert found(fields.TIMES_RE, text) == found(old_times, text), text


def test_indicators_read_from_a_text_are_the_same(monkeypatch):
    readings = {text: fields.find_indicators(text) for text in texts(FIGURE_WORDS, 3000, "indicators")}
    monkeypatch.setattr(fields, "FIGURE_RE", re.compile(OLD_FIGURE))
    for text, indicators in readings.items():
        assert fields.find_indicators(text) == indicators, text


# Patterns that take a whole clause, sentence or run of non-spaces start only where one does (the same reason).
OLD_WHOLE = {
    (tables, "_DEDUCTION"): (
        r"[^，,。；;]*(?:扣|加|得|不得|减)\s*[\d.一二三四五六七八九十]*\s*分[^，,。；;]*",
        ("扣", "2", "0.5", "三", "分", "，", "。", "；", "加", "得", "不得", "减", " ", "甲", "乙"),
    ),
    (parse, "BRACKETED_SENTENCE_RE"): (
        r"[^。！？!?]+?[（(][^（）()]*(?:牵头|负责|配合)[^（）()]*[）)][。！!；;]?",
        ("（", "）", "(", ")", "牵头", "负责", "配合", "。", "；", "！", "？", "甲", "乙", "，"),
    ),
    (headers, "FOOTER_WORD_RE"): (
        headers.FOOTER_WORD_RE.pattern.replace(r"(?<![^\s\u3000])", ""),
        ("公网安备", "ICP", "备", " ", "  ", "\u3000", "Copyright", "©", "版权所有", "网站地图", "建议", "浏览器", "甲",
         "123", "。"),
    ),
}  # fmt: skip


def test_patterns_that_take_a_whole_clause_match_what_they_matched():
    for (module, name), (old, words) in OLD_WHOLE.items():
        new = getattr(module, name)
        assert new.pattern != old, name
        old = re.compile(old, new.flags)
        for text in texts(words, 8000, name):
            assert found(new, text) == found(old, text), (name, text)
