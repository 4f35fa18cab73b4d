"""The phrases a plan writes beside an item: who leads, who does it, by when, how often, how much.

"牵头单位：区司法局", "（牵头领导：张三；责任单位：司法所；完成时限：2020年12月底前）",
"责任单位：各街道、区直各部门", "每季度", "≥30场次". Names stay text here; ``resolve.py`` matches
them to units and people.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .document import Fields, ParsedIndicator

# The label a document writes, and the Fields attribute it fills. Longest first, so that
# "具体责任人" is not read as "责任人" with a stray "具体" in front.
LABELS: dict[str, str] = {
    "牵头领导": "lead_leaders",
    "分管领导": "lead_leaders",
    "责任领导": "lead_leaders",
    "联系领导": "lead_leaders",
    "牵头单位": "lead_units",
    "牵头部门": "lead_units",
    "主责单位": "lead_units",
    "责任单位": "responsible_units",
    "责任部门": "responsible_units",
    "责任科室": "responsible_units",
    "实施单位": "responsible_units",
    "配合单位": "cooperating_units",
    "配合部门": "cooperating_units",
    "协办单位": "cooperating_units",
    "协助单位": "cooperating_units",
    "参与单位": "cooperating_units",
    "具体责任人": "persons",
    "责任人": "persons",
    "经办人": "persons",
    "完成时限": "deadline",
    "完成时间": "deadline",
    "时限要求": "deadline",
    "办结时限": "deadline",
    "时间节点": "milestones",
    "进度安排": "milestones",
    "汇报频次": "cadence",
    "报送频次": "cadence",
    "报送时间": "cadence",
    "分值": "points",
    "工作目标": "target",
    "目标要求": "target",
    "指标要求": "target",
}
_LABEL_ALTERNATION = "|".join(sorted(LABELS, key=len, reverse=True))
LABEL_RE = re.compile(rf"({_LABEL_ALTERNATION})\s*[：:]\s*")
# "（牵头领导：张三；责任单位：司法所）" inside an item's text.
BRACKETED_RE = re.compile(rf"[（(]\s*((?:{_LABEL_ALTERNATION})\s*[：:][^（）()]*)[）)]")

# Not "/": "党政办/法治办" is one office with two names.
NAME_SEPARATORS = re.compile(r"[、，,；;\s\u3000]+")
_TRAILING = "；;，,。.、 \u3000"

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105; arabic digits pass through; None if neither."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(ch not in CN_DIGITS and ch not in "十百" for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = current * 10 + CN_DIGITS[ch] if current else CN_DIGITS[ch]
    return total + current


def split_names(text: str) -> list[str]:
    """ "各街道、区直各部门；司法所" → ["各街道", "区直各部门", "司法所"], order kept, repeats dropped."""
    names: list[str] = []
    for part in NAME_SEPARATORS.split(text.strip().strip(_TRAILING)):
        part = _balanced(part.strip(_TRAILING))
        if part and part not in names:
            names.append(part)
    return names


def _balanced(name: str) -> str:
    """Drop a bracket left over from splitting ("（司法所" or "综治办）"), keep "司法所（法律服务所）"."""
    while name and name[0] in "（(" and name.count(name[0]) > name.count("）" if name[0] == "（" else ")"):
        name = name[1:]
    while name and name[-1] in "）)" and name.count(name[-1]) > name.count("（" if name[-1] == "）" else "("):
        name = name[:-1]
    return name.strip()


@dataclass
class Assignment:
    """What ``extract`` took out of a text: the fields, the raw phrases, and the text left over."""

    fields: Fields = field(default_factory=Fields)
    phrases: list[str] = field(default_factory=list)
    rest: str = ""


def extract(text: str, year: int | None, into: Fields | None = None) -> Assignment:
    """Take labelled phrases out of ``text``: bracketed ones anywhere, and a run of labels that
    starts the text ("牵头单位：区司法局；责任单位：各社区"). What is left stays in ``rest``.
    """
    result = Assignment(fields=into if into is not None else Fields())
    rest = text
    for match in list(BRACKETED_RE.finditer(text)):
        result.phrases.append(match.group(0))
        _apply_segments(match.group(1), year, result.fields)
        rest = rest.replace(match.group(0), "", 1)
    stripped = rest.strip()
    if LABEL_RE.match(stripped):
        result.phrases.append(stripped)
        _apply_segments(stripped, year, result.fields)
        rest = ""
    result.rest = rest.strip()
    return result


def is_assignment_line(text: str) -> bool:
    return bool(LABEL_RE.match(text.strip()))


def _apply_segments(text: str, year: int | None, fields: Fields) -> None:
    matches = list(LABEL_RE.finditer(text))
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        apply(fields, LABELS[match.group(1)], text[match.end() : end].strip().strip(_TRAILING), year)


def apply(fields: Fields, attribute: str, value: str, year: int | None) -> None:
    """Put one labelled value into ``fields``; lists grow, a second deadline is kept as a milestone."""
    if not value:
        return
    if attribute in ("lead_leaders", "lead_units", "responsible_units", "cooperating_units", "persons"):
        names = getattr(fields, attribute)
        names.extend(name for name in split_names(value) if name not in names)
    elif attribute == "deadline":
        apply_schedule(fields, value, year)
    elif attribute == "milestones":
        fields.milestones.extend(find_milestones(value, year))
        if not fields.deadline_text:
            apply_schedule(fields, value, year)
    elif attribute == "cadence":
        fields.cadence, fields.report_day = parse_cadence(value)
    elif attribute == "points":
        fields.points = parse_points(value)
    elif attribute == "target":
        fields.target = f"{fields.target}\n{value}".strip()


def apply_schedule(fields: Fields, text: str, year: int | None) -> None:
    fields.deadline_text = text
    schedule = parse_schedule(text, year)
    fields.deadline = schedule.deadline
    fields.ongoing = schedule.ongoing
    if schedule.cadence and not fields.cadence:
        fields.cadence, fields.report_day = schedule.cadence, schedule.report_day


# --- dates -------------------------------------------------------------------------------------

ONGOING_WORDS = ("长期坚持", "长期", "持续推进", "持续开展", "常态化", "全年", "贯穿全年")
_YEAR = r"(?:(\d{4}|[〇零一二三四五六七八九]{4})\s*年)?"
_MONTH = r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
_DAY = r"\s*(?:(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日|(底|末|中旬|上旬|下旬|初))?"
DATE_RE = re.compile(_YEAR + r"\s*" + _MONTH + _DAY)
ISO_RE = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})")
YEAR_END_RE = re.compile(_YEAR + r"\s*(年底|年末|年内|年终|全年)")
HALF_RE = re.compile(_YEAR + r"\s*(上半年|下半年)")
QUARTER_RE = re.compile(_YEAR + r"\s*第?\s*([一二三四1-4])\s*季度(?:末|底)?")


@dataclass
class Schedule:
    deadline: datetime.date | None = None
    ongoing: bool = False
    cadence: str = ""
    report_day: int | None = None


def parse_schedule(text: str, year: int | None) -> Schedule:
    """ "2020年12月底前" → 2020-12-31; "6月底前" → the plan's year; "长期坚持" → ongoing;
    "每季度" → ongoing, reported quarterly. The last date named is the deadline."""
    cadence, day = parse_cadence(text)
    dates = find_dates(text, year)
    if dates:
        return Schedule(deadline=max(dates), cadence=cadence, report_day=day)
    ongoing = bool(cadence) or any(word in text for word in ONGOING_WORDS)
    return Schedule(ongoing=ongoing, cadence=cadence, report_day=day)


def find_dates(text: str, year: int | None) -> list[datetime.date]:
    """Every date a phrase names, each at the end of the period it names (月底 → last day)."""
    found: list[tuple[int, datetime.date]] = []
    taken: list[range] = []

    def add(match: re.Match, day: datetime.date | None) -> None:
        span = range(*match.span())
        if day and not any(set(span) & set(other) for other in taken):
            taken.append(span)
            found.append((match.start(), day))

    for match in ISO_RE.finditer(text):
        add(match, _safe_date(int(match.group(1)), int(match.group(2)), int(match.group(3))))
    for match in DATE_RE.finditer(text):
        add(match, _month_date(match, year))
    for match in YEAR_END_RE.finditer(text):
        the_year = _year(match.group(1), year)
        add(match, datetime.date(the_year, 12, 31) if the_year else None)
    for match in HALF_RE.finditer(text):
        the_year = _year(match.group(1), year)
        month = 6 if match.group(2) == "上半年" else 12
        add(match, _month_end(the_year, month) if the_year else None)
    for match in QUARTER_RE.finditer(text):
        the_year = _year(match.group(1), year)
        quarter = chinese_number(match.group(2)) or 0
        add(match, _month_end(the_year, quarter * 3) if the_year and 1 <= quarter <= 4 else None)
    return [day for _, day in sorted(found)]


def find_milestones(text: str, year: int | None) -> list[tuple[datetime.date, str]]:
    """ "3月底前完成方案，6月底前全面推开" → [(03-31, "3月底前完成方案"), (06-30, "6月底前全面推开")]."""
    milestones = []
    for part in re.split(r"[；;，,。\n]+", text):
        part = part.strip()
        dates = find_dates(part, year)
        if part and dates:
            milestones.append((dates[0], part))
    return milestones


def _month_date(match: re.Match, year: int | None) -> datetime.date | None:
    the_year = _year(match.group(1), year)
    month = chinese_number(match.group(2))
    if not the_year or not month or not 1 <= month <= 12:
        return None
    if match.group(3):
        day = chinese_number(match.group(3))
        return _safe_date(the_year, month, day or 0)
    period = match.group(4) or ""
    if period in ("中旬",):
        return datetime.date(the_year, month, 20)
    if period in ("上旬", "初"):
        return datetime.date(the_year, month, 10)
    return _month_end(the_year, month)


def _year(text: str | None, default: int | None) -> int | None:
    if not text:
        return default
    if text.isdigit():
        return int(text)
    return int("".join(str(CN_DIGITS[ch]) for ch in text))


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


# --- cadence, points, indicators ------------------------------------------------------------------

CADENCE_RE = re.compile(r"(每月|按月|每季度?|按季度?|每半年|每年|按阶段|按节点|不定期)")
# A table's 汇报频次 cell may say just "月度" or "季度"; in running text those words name a period.
CELL_CADENCES = {"月": "monthly", "月度": "monthly", "季": "quarterly", "季度": "quarterly", "半年": "per_stage"}
REPORT_DAY_RE = re.compile(r"(\d{1,2})\s*日")


def parse_cadence(text: str) -> tuple[str, int | None]:
    """ "每月25日前" → ("monthly", 25); "每季度" → ("quarterly", None); anything else → ("", None)."""
    if text.strip() in CELL_CADENCES:
        return CELL_CADENCES[text.strip()], None
    match = CADENCE_RE.search(text)
    if not match:
        return "", None
    word = match.group(1)
    if "月" in word:
        cadence = "monthly"
    elif "季" in word:
        cadence = "quarterly"
    elif word == "不定期":
        cadence = "none"
    else:
        cadence = "per_stage"
    day_match = REPORT_DAY_RE.search(text, match.end())
    day = int(day_match.group(1)) if day_match and 1 <= int(day_match.group(1)) <= 31 else None
    return cadence, day


def parse_points(text: str) -> Decimal | None:
    match = re.search(r"\d+(?:\.\d+)?", text)
    if not match:
        return None
    try:
        return Decimal(match.group(0))
    except InvalidOperation:
        return None


MEASURES = (
    "万人次|人次|场次|万元|元|份|次|场|名|人|家|件|起|个|户|篇|期|条|项|所|批|处|套|册|本|平方米|公里|天|小时|%|％"
)
COMPARATOR_WORDS = {
    "≥": "gte",
    ">=": "gte",
    "不少于": "gte",
    "不低于": "gte",
    "至少": "gte",
    "达到": "gte",
    "超过": "gte",
    "达": "gte",
    "≤": "lte",
    "<=": "lte",
    "不超过": "lte",
    "不高于": "lte",
    "控制在": "lte",
    "低于": "lte",
}
_COMPARATOR = "|".join(sorted((re.escape(word) for word in COMPARATOR_WORDS), key=len, reverse=True))
INDICATOR_RE = re.compile(
    rf"(?P<name>[^，,。；;：:、（）()\s\d≥≤<>=]{{2,20}}?)\s*(?P<cmp>{_COMPARATOR})?\s*"
    rf"(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>{MEASURES})(?P<tail>以上|以下|以内)?"
    # A count that runs on into a noun ("331 名企业复工复产指导员") describes, it does not target.
    r"(?=$|[，,。；;、）)\s]|以上|以下|以内)"
)


def find_indicators(text: str) -> list[ParsedIndicator]:
    """Numbers with a measure in a target text: "开展普法活动不少于30场次" → 开展普法活动 ≥ 30 场次.

    Years, dates and ordinals are not indicators: a measure word must follow the number.
    """
    indicators: list[ParsedIndicator] = []
    for match in INDICATOR_RE.finditer(text):
        value = Decimal(match.group("value"))
        unit = "%" if match.group("unit") in ("%", "％") else match.group("unit")
        comparator = COMPARATOR_WORDS.get(match.group("cmp") or "", "gte")
        if match.group("tail") in ("以下", "以内"):
            comparator = "lte"
        name = _indicator_name(match.group("name"))
        if name in COMPARATOR_WORDS:
            # "开展宣传活动，不少于30场次": the comparator stands alone, the thing counted is the clause before.
            comparator = COMPARATOR_WORDS[name]
            name = _indicator_name(re.split(r"[，,。；;：:、\s]+", text[: match.start()].rstrip("，,、 "))[-1])
        if not name:
            continue
        found = ParsedIndicator(name=name, value=value, unit=unit, comparator=comparator, text=match.group(0).strip())
        if all((other.name, other.value) != (found.name, found.value) for other in indicators):
            indicators.append(found)
    return indicators


def _indicator_name(raw: str) -> str:
    # The phrase before a number often starts with a verb of the sentence around it ("全年接收各类法律咨询");
    # keep it whole: the office reads and edits the name on the review page.
    return raw.strip().removeprefix("其中").removeprefix("共").strip()[:100]
