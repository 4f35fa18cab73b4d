"""The annual report's sentences, one function per kind, each from the named facts it states.

A sentence says only what its facts hold: "逾期15天申请办结" needs a claim made after the deadline,
"已逾期15天，尚未办结" an item neither done nor claimed past its deadline, "等次为不合格" a grade the
version gave. Each kind has a test that builds the opposite fact and checks the sentence is not said
(tests/assessment/test_report_sentences.py). The text is data in Chinese, like the document it
stands in for.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from config.gongwen import date_cn
from responsibility.models import Indicator, ItemStatus, RagReason

from .compute import NOT_GIVEN
from .report_facts import AnnualReport, ItemFacts, Leader, Quarter, Section, Supervision, Value

# --- numbers and dates, written the Chinese way ---------------------------------------------------

DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (headings never run past that)."""
    if n < 10:
        return DIGITS[n]
    tens, ones = divmod(n, 10)
    return f"{DIGITS[tens] if tens > 1 else ''}十{DIGITS[ones] if ones else ''}"


def amount(value: Decimal | int) -> str:
    """5000 → 5000, 35000 → 3.5万, 12.50 → 12.5: no trailing zeros, 万 where it reads shorter."""
    value = Decimal(value)
    if value >= 10000:
        tens_of_thousands = (value / 10000).normalize()
        if -tens_of_thousands.as_tuple().exponent <= 2:
            return f"{tens_of_thousands:f}万"
    return f"{value.normalize():f}"


def percent(part: Decimal | int, whole: Decimal | int) -> str:
    ratio = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1), ROUND_HALF_UP)
    return f"{ratio}%"


# --- the sentences --------------------------------------------------------------------------------


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in "。！？" else f"{text}。"


def value_text(value: Value) -> str:
    """One indicator's latest value against its target: 主题法治宣传36场次，完成目标30场次的120%."""
    indicator, unit = value.indicator, value.indicator.unit
    target = f"{amount(indicator.target_value)}{unit}"
    if value.value is None:
        return f"{indicator.name}尚未填报实际值（目标{target}）"
    actual = f"{indicator.name}{amount(value.value)}{unit}"
    if indicator.comparator == Indicator.Comparator.AT_MOST:
        verdict = f"控制在目标{target}以内" if value.reached else f"超出目标上限{target}"
        return f"{actual}，{verdict}"
    if unit == "%" or not indicator.target_value:
        return f"{actual}，{'达到' if value.reached else '未达到'}目标{target}"
    return f"{actual}，完成目标{target}的{percent(value.value, indicator.target_value)}"


# Still with the office: not scored at year end (``compute.NOT_GIVEN``), and said so beside a grade.
NOT_HANDED_OVER = [status for status in NOT_GIVEN if status != ItemStatus.DRAFT]

OPEN_STATES = {
    ItemStatus.DEPLOYING: "尚未部署交办",
    ItemStatus.SENT_BACK: "被责任单位退回，待重新部署",
    ItemStatus.ACCEPTING: "已部署交办，待责任单位签收",
    ItemStatus.EXTENSION_REQUESTED: "正在办理并已申请延期",
    ItemStatus.RECTIFYING: "经督查核验退回，正在整改",
}


def status_text(facts: ItemFacts) -> str:
    """Where the item stands: done (on time, late, after rectification), or open and how far."""
    when = f"于{date_cn(facts.finished_on, year=False)}" if facts.finished_on else ""
    if facts.done:
        on_time = not facts.claimed_late and facts.item.deadline and not facts.item.ongoing and facts.finished_on
        text = f"该项任务已{when}{'按期' if on_time else ''}办结"
        if facts.claimed_late:
            text += f"，逾期{facts.days_late}天"
        if facts.returns:
            text += f"，其间经督查核验退回整改{facts.returns}次"
        return text + "。"
    if facts.item.status == ItemStatus.CLAIMED:
        return f"该项任务已{when}申请办结，待督查核验。"
    text = f"该项任务{OPEN_STATES.get(facts.item.status, '正在办理')}"
    if facts.item.status not in (ItemStatus.DEPLOYING, ItemStatus.SENT_BACK, ItemStatus.ACCEPTING):
        text += f"，完成进度{facts.percent}%"
    if facts.days_overdue:
        text += f"，已逾期{facts.days_overdue}天"
    return text + "。"


def item_paragraph(number: int, facts: ItemFacts, period: str) -> str:
    parts = [f"{number}.{_sentence(facts.item.title)}"]
    if facts.narrative:
        parts.append(_sentence(facts.narrative))
    reported = [value for value in facts.values if value.value is not None]
    if reported:
        parts.append(period + "；".join(value_text(value) for value in reported) + "。")
    missing = [value.indicator.name for value in facts.values if value.value is None]
    if missing:
        parts.append(f"{'、'.join(missing)}{'等指标' if len(missing) > 1 else '指标'}尚未填报实际值。")
    if not facts.narrative and not reported:
        parts.append("本年度未收到该项任务的进度反馈。")
    parts.append(status_text(facts))
    return "".join(parts)


def section_summary(section: Section) -> str:
    if not section.items:
        return "本年度工作要点未在该方面安排任务，暂无相关数据。"
    total, done = len(section.items), section.done
    text = f"该方面共有任务{total}项，已办结{done}项"
    if done < total:
        text += f"，办结率{percent(done, total)}"
    return text + "。"


def opening(report: AnnualReport) -> str:
    return f"按照有关规定，现将{report.organisation}{report.plan.year}年度法治政府建设情况报告如下："


def overview(report: AnnualReport) -> str:
    items, year = report.items, report.plan.year
    if not items:
        return f"{year}年，{report.organisation}制定了《{report.plan.title}》，尚未部署具体任务，暂无推进数据。"
    done = sum(facts.done for facts in items)
    counted = [section for section in report.sections if section.items]
    year_end = report.as_of == datetime.date(year, 12, 31)
    until = "年底" if year_end else date_cn(report.as_of)
    return (
        f"{year}年，{report.organisation}以《{report.plan.title}》为抓手，将全年工作分解为{len(counted)}个方面"
        f"{len(items)}项任务，截至{until}已办结{done}项，办结率{percent(done, len(items))}。各方面推进情况如下："
    )


def _tally(items: list[ItemFacts]) -> str:
    done = sum(facts.done for facts in items)
    late = sum(facts.late for facts in items)
    returns = sum(facts.returns for facts in items)
    text = f"牵头任务{len(items)}项，已办结{done}项"
    if late:
        text += f"，逾期{late}项"
    if returns:
        text += f"，退回整改{returns}次"
    waiting = sum(facts.item.status in NOT_HANDED_OVER for facts in items)
    if waiting:
        text += f"，尚未部署交办{waiting}项（不计入考核）"
    return text


def leader_paragraph(number: int, leader: Leader) -> str:
    text = f"{number}.{leader.name}：{_tally(leader.items)}"
    result = leader.result
    if result is not None:
        text += f"；年度考核得分{amount(result.total)}分"
        if result.grade:
            text += f"，等次为{result.grade}"
        if result.rank:
            text += f"，排名第{result.rank}"
    return text + "。"


def responsibility_paragraph(report: AnnualReport) -> str:
    items = [facts.item for facts in report.items]
    with_leader = sum(item.lead_leader_post_id is not None for item in items)
    with_unit = sum(bool(item.responsible_units.all()) or item.lead_unit_id is not None for item in items)
    with_deadline = sum(item.ongoing or item.deadline is not None for item in items)
    return (
        f"制定《{report.plan.title}》，将全年任务分解为{len(items)}项，其中明确牵头领导的{with_leader}项、"
        f"明确责任单位的{with_unit}项、明确完成时限（含长期坚持）的{with_deadline}项；"
        f"已部署交办{report.supervision.deployed}项。"
    )


def supervision_paragraph(supervision: Supervision) -> str:
    text = f"全年催办{supervision.urged}次"
    if supervision.escalations:
        steps = "、".join(f"{label}{n}次" for label, n in supervision.escalations)
        text += f"，督办升级{sum(n for _label, n in supervision.escalations)}次（其中{steps}）"
    else:
        text += "，未发生督办升级"
    return text + f"；督查核验退回整改{supervision.returned}次，批准延期{supervision.extensions}次。"


def quarter_text(quarter: Quarter) -> str:
    name = f"{quarter.year}年第{chinese_number(quarter.quarter)}季度"
    parts = [f"收到进度反馈{quarter.reports}份", f"核验办结{quarter.verified}项"]
    if quarter.urged:
        parts.append(f"催办{quarter.urged}次")
    if quarter.escalated:
        parts.append(f"督办升级{quarter.escalated}次")
    return name + "，".join(parts)


def quarters_paragraph(supervision: Supervision) -> str:
    if not supervision.quarters:
        return "各季度均无进度反馈和督办记录。"
    return "按季度汇总督办情况：" + "；".join(quarter_text(q) for q in supervision.quarters) + "。"


def results_paragraph(report: AnnualReport) -> str:
    assessment = report.assessment
    if assessment is None:
        return "本年度尚未计算考核结果，以上情况依据任务办理记录统计。"
    state = f"已于{date_cn(timezone.localdate(assessment.published_at))}发布" if assessment.is_published else "待发布"
    text = f"依据《{assessment.scheme.title}》计算年度考核结果（第{assessment.version}版，{state}）"
    units = sum(n for _grade, n in report.grades)
    if units:
        grades = "、".join(f"{grade}{n}个" for grade, n in report.grades)
        text += f"，参评单位{units}个，其中{grades}"
    if report.group_grades:
        text += "；分组考核：" + "，".join(group_grades_text(*group) for group in report.group_grades)
    proposed, decided = report.proposals
    if proposed:
        text += f"；提出奖惩建议{proposed}项，党工委已审定{decided}项"
    return text + "。"


def group_grades_text(group: str, units: int, grades: list[tuple[str, int]]) -> str:
    """“社区”组3个（好1个、中2个）, or 未分组单位1个（良好1个）: one 考核分组's units, each ranked within it."""
    who = f"“{group}”组" if group else "未分组单位"
    if not grades:
        return f"{who}{units}个"
    return f"{who}{units}个（" + "、".join(f"{grade}{n}个" for grade, n in grades) + "）"


# --- 三 and 四 --------------------------------------------------------------------------------------


def shortcomings(report: AnnualReport) -> list[str]:
    """The paragraphs of part 三: each kind of shortfall with the items that show it, by name."""
    items = report.items
    found = []
    late = [facts for facts in items if facts.late]
    if late:
        found.append(("部分任务未能按期完成。", "；".join(late_text(facts, report.as_of) for facts in late)))
    returned = [facts for facts in items if facts.returns]
    if returned:
        found.append(("部分任务办理质量有待提高。", "；".join(_returned_text(facts) for facts in returned)))
    red = [facts for facts in items if facts.red]
    if red:
        found.append(("部分任务亮红灯。", "；".join(_red_text(facts) for facts in red)))
    open_ = [facts for facts in items if not facts.done]
    if open_:
        names = "、".join(_open_name(facts) for facts in open_)
        found.append(("部分任务尚未办结。", f"截至{date_cn(report.as_of)}，尚有{len(open_)}项任务未办结：{names}"))
    missed = [_missed_text(facts) for facts in items if _missed(facts)]
    if missed:
        found.append(("部分量化指标未达到目标。", "。".join(missed)))
    return [f"{number}.{head}{_sentence(body)}" for number, (head, body) in enumerate(found, start=1)]


def _open_name(facts: ItemFacts) -> str:
    state = f"{facts.item.get_status_display()}，进度{facts.percent}%"
    return f"{facts.name}（{facts.units}，{state}）" if facts.units else f"{facts.name}（{state}）"


def late_text(facts: ItemFacts, as_of: datetime.date) -> str:
    """An item late (``facts.late``): claimed after its deadline, or overdue and not claimed."""
    if facts.claimed_late:
        text = f"{facts.named}逾期{facts.days_late}天申请办结"
    else:
        text = f"{facts.named}截至{date_cn(as_of)}已逾期{facts.days_overdue}天，尚未办结"
    if facts.extension_note:
        text += f"（申请延期理由：{facts.extension_note.rstrip('。')}）"
    return text


def _returned_text(facts: ItemFacts) -> str:
    text = f"{facts.named}经督查核验退回整改{facts.returns}次"
    if facts.return_note:
        text += f"，整改要求：{facts.return_note.rstrip('。')}"
    return text


def _red_text(facts: ItemFacts) -> str:
    reason = facts.item.rag_reason
    label = RagReason(reason).label if reason in RagReason.values else ""
    return f"{facts.named}亮红灯（{label}）" if label else f"{facts.named}亮红灯"


def _missed(facts: ItemFacts) -> list[Value]:
    # A value not yet reported is missing work, already named above while the item is open.
    return [value for value in facts.values if not value.reached and (value.value is not None or facts.done)]


def _missed_text(facts: ItemFacts) -> str:
    return f"{facts.name}的" + "；".join(value_text(value) for value in _missed(facts))


def next_year(report: AnnualReport) -> list[tuple[str, list[str]]]:
    """Part 四's draft: (heading, paragraphs) from the weakest categories and the open or late items."""
    parts = []
    weakest = [section for section in report.sections if section.items and section.weakness[0] < 1]
    weakest = sorted(weakest, key=lambda section: section.weakness)[:3]
    if weakest:
        parts.append(("补齐薄弱环节", [_weak_text(section, report.plan.year) for section in weakest]))
    open_ = [facts for facts in report.items if not facts.done]
    if open_:
        parts.append(("推进未完成任务落实", [_open_text(facts) for facts in open_]))
    troubled = [facts for facts in report.items if facts.late or facts.returns]
    if troubled:
        names = "".join(facts.name for facts in troubled)
        parts.append(
            (
                "加强督查督办",
                [f"对本年度逾期或退回整改的{names}等任务，加强进度调度和跟踪督办，确保按期保质完成，防止问题反弹。"],
            )
        )
    return parts


def _weak_text(section: Section, year: int) -> str:
    text = f"{section.name}方面本年度办结{section.done}项、共{len(section.items)}项"
    rate = section.score_rate
    if rate is not None:
        text += f"，考核得分率{percent(rate, 1)}"
    pending = [facts.name for facts in section.items if not facts.done or facts.late or facts.returns]
    if pending:
        text += f"，{year + 1}年着力推进{''.join(pending)}等任务落实"
    return text + "。"


def _open_text(facts: ItemFacts) -> str:
    """A next step that follows from where the item stands."""
    unit = facts.item.lead_unit.name if facts.item.lead_unit else facts.units
    name = f"{facts.name}（{unit}牵头）" if unit else facts.name
    status = facts.item.status
    if status in (ItemStatus.DEPLOYING, ItemStatus.SENT_BACK):
        return f"尽快部署交办{name}，明确责任单位、责任人和完成时限。"
    if status == ItemStatus.ACCEPTING:
        return f"督促责任单位签收{name}，按计划推进。"
    if status == ItemStatus.CLAIMED:
        return f"抓紧完成{name}的督查核验，核验通过后办结销号。"
    if status == ItemStatus.RECTIFYING:
        return f"督促{name}按整改要求完成整改，重新申请核验。"
    return f"继续推进{name}，当前完成进度{facts.percent}%，确保按期办结。"
