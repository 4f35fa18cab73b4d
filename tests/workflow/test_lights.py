"""The daily light history: the sweep counts the lights per plan, category and lead unit, once a day."""

import datetime
import io
import re
from collections import Counter

import docx
import pytest
import time_machine
from django.urls import reverse

from responsibility.models import Category, ItemStatus, Rag, ReportCadence, WorkPlan
from responsibility.models.plan import LIT_STATUSES
from responsibility.supervision import update_lights
from tests.browser import Browser, plain_text, text
from tests.threads import at_once
from tests.workflow.drive import do, item_at
from workflow import lights
from workflow.models import LightCount
from workflow.summary import summarise
from workflow.supervision import sweep

D = datetime.date


def lit(cast, title, *, status=ItemStatus.IN_PROGRESS, started_on=None, **fields):
    """An item in the official's hands, owing no reports and expected no progress unless asked: its
    light then follows its deadline alone."""
    placed = {name: fields.pop(name) for name in ("lead_unit", "category") if name in fields}
    item = cast.item(title, number=f"{title}.", **{"report_cadence": ReportCadence.NONE, **fields})
    item.status, item.started_on = status, started_on
    for name, value in placed.items():
        setattr(item, name, value)
    item.save()
    return item


@pytest.fixture
def mixed(cast):
    """Red, yellow and green items in two categories and three lead units (one unset), and items
    the history must leave out: a draft, a closed one, a claim waiting for its inspector."""
    cast.plan.year = 2021
    cast.plan.save()
    second = Category.objects.create(plan=cast.plan, name="完善依法行政制度体系", order=2)
    lit(cast, "逾期", deadline=D(2021, 3, 1))  # yellow from 22 February, red from 2 March
    lit(cast, "临期", deadline=D(2021, 3, 20))  # yellow from 13 March, red from 21 March
    lit(cast, "正常", deadline=D(2021, 12, 31))
    lit(cast, "社区逾期", deadline=D(2021, 3, 10), lead_unit=cast.community, category=second)
    lit(cast, "社区正常", deadline=D(2021, 12, 31), lead_unit=cast.community, category=second)
    lit(cast, "待签收", status=ItemStatus.ACCEPTING, deadline=D(2021, 12, 31), lead_unit=None)
    # Yellow after missing January's report (25th), red after February's.
    monthly = {"report_cadence": ReportCadence.MONTHLY, "report_day": 25, "started_on": D(2021, 1, 1)}
    lit(cast, "漏报", deadline=D(2021, 12, 31), category=None, percent_done=10, **monthly)
    lit(cast, "已申请办结", status=ItemStatus.CLAIMED, deadline=D(2021, 3, 1))
    lit(cast, "已办结", status=ItemStatus.CLOSED, deadline=D(2021, 3, 1))
    cast.item("草稿", number="草稿.", deadline=D(2021, 3, 1))
    return cast.plan


def recount(plan):
    """The same counts, in Python, from the items' stored lights."""
    counts = Counter()
    for item in plan.items.filter(is_heading=False, status__in=LIT_STATUSES):
        counts[(item.category_id, item.lead_unit_id, item.rag)] += 1
    return counts


def recorded(plan, day):
    counts = Counter()
    for row in LightCount.objects.filter(plan=plan, day=day):
        for rag in ("red", "yellow", "green"):
            if getattr(row, rag):
                counts[(row.category_id, row.unit_id, rag)] += getattr(row, rag)
    return counts


@pytest.mark.parametrize("day", [D(2021, 2, 1), D(2021, 3, 15), D(2021, 4, 1)])
def test_the_days_counts_equal_a_recount_of_the_items(mixed, day):
    sweep(day)
    assert recorded(mixed, day) == recount(mixed)
    assert sum(recount(mixed).values()) == 7  # the draft, the claim and the closed item are not lit


def test_the_counts_per_category_and_unit_on_a_known_day(cast, mixed):
    sweep(D(2021, 3, 15))
    rows = {
        (row.category_id, row.unit_id): (row.red, row.yellow, row.green)
        for row in LightCount.objects.filter(day=D(2021, 3, 15))
    }
    second = Category.objects.get(name="完善依法行政制度体系")
    assert rows == {
        (cast.category.pk, cast.justice.pk): (1, 1, 1),  # 逾期, 临期, 正常
        (second.pk, cast.community.pk): (1, 0, 1),  # 社区逾期, 社区正常
        (cast.category.pk, None): (0, 0, 1),  # 待签收: accepting, not yet behind
        (None, cast.justice.pk): (1, 0, 0),  # 漏报: two monthly reports missed
    }


def test_a_second_sweep_the_same_day_replaces_the_days_rows(mixed):
    sweep(D(2021, 3, 15))
    first = recorded(mixed, D(2021, 3, 15))
    count = LightCount.objects.count()
    sweep(D(2021, 3, 15))
    assert LightCount.objects.count() == count and recorded(mixed, D(2021, 3, 15)) == first
    # Something changed in between (the late item closed): the day's rows say so, still once.
    mixed.items.filter(title="逾期").update(status=ItemStatus.CLOSED)
    sweep(D(2021, 3, 15))
    assert recorded(mixed, D(2021, 3, 15)) == recount(mixed)
    assert sum(recorded(mixed, D(2021, 3, 15)).values()) == 6


def test_each_day_keeps_its_own_rows(mixed):
    for day in (D(2021, 2, 1), D(2021, 3, 15), D(2021, 4, 1)):
        sweep(day)
    assert [(p.day, p.red, p.yellow, p.green) for p in lights.series(mixed, D(2021, 1, 1), D(2021, 12, 31))] == [
        (D(2021, 2, 1), 0, 1, 6),  # 漏报 missed January's report
        (D(2021, 3, 15), 3, 1, 3),
        (D(2021, 4, 1), 4, 0, 3),
    ]


def test_a_plan_with_nothing_lit_records_a_day_of_zeros(cast):
    sweep(D(2021, 3, 15))
    assert list(LightCount.objects.values_list("plan", "red", "yellow", "green")) == [(cast.plan.pk, 0, 0, 0)]
    draft = WorkPlan.objects.create(organisation=cast.street, year=2021, title="草稿要点")
    assert not LightCount.objects.filter(plan=draft).exists()


def test_the_series_of_one_category_or_unit_counts_zeros_on_days_it_had_nothing_lit(cast, mixed):
    sweep(D(2021, 3, 15))
    second = Category.objects.get(name="完善依法行政制度体系")
    [point] = lights.series(mixed, D(2021, 3, 1), D(2021, 3, 31), category=second)
    assert (point.red, point.yellow, point.green, point.total) == (1, 0, 1, 2)
    [point] = lights.series(mixed, D(2021, 3, 1), D(2021, 3, 31), unit=cast.community, category=cast.category)
    assert point.total == 0


def test_the_trend_takes_the_last_day_swept_on_or_before_each_day(mixed):
    for day in (D(2021, 1, 20), D(2021, 2, 26), D(2021, 3, 30), D(2021, 4, 2)):
        sweep(day)
    ends = lights.month_ends(D(2021, 1, 1), D(2021, 6, 30))
    assert ends == [D(2021, 1, 31), D(2021, 2, 28), D(2021, 3, 31), D(2021, 4, 30), D(2021, 5, 31), D(2021, 6, 30)]
    points = lights.at(mixed, D(2021, 1, 1), ends)
    # 31 March was not swept: the 30th stands for it; nothing after 2 April, so May and June are left out.
    assert [point.day for point in points] == [D(2021, 1, 20), D(2021, 2, 26), D(2021, 3, 30), D(2021, 4, 2)]
    assert lights.at(mixed, D(2021, 2, 1), [D(2021, 1, 31)]) == []


@pytest.fixture
def swept_quarter(mixed):
    for day in (D(2021, 1, 31), D(2021, 2, 28), D(2021, 3, 15)):
        sweep(day)
    return mixed


def test_the_quarterly_summary_shows_the_trend(swept_quarter):
    report = summarise(swept_quarter, 2021, 1)
    assert [(p.day, p.red, p.yellow, p.green) for p in report.trend] == [
        (D(2021, 1, 31), 0, 1, 6),
        (D(2021, 2, 28), 1, 1, 5),  # 漏报 missed its second report: red; 逾期 due within the week
        (D(2021, 3, 15), 3, 1, 3),  # March is not over: its last sweep so far
    ]


def test_the_summary_page_and_word_draft_show_the_trend(cast, swept_quarter):
    url = reverse("workflow:quarter", args=[swept_quarter.pk, 2021, 1])
    response = Browser(cast.committee).get(url)
    assert "督办灯走势" in plain_text(response)
    assert trend_cells(response) == [
        ["2021年1月31日", "0", "1", "6", "7"],
        ["2021年2月28日", "1", "1", "5", "7"],
        ["2021年3月15日", "3", "1", "3", "7"],
    ]
    document = docx.Document(io.BytesIO(Browser(cast.committee).get(url + "?format=docx").content))
    assert "五、督办灯走势" in [paragraph.text for paragraph in document.paragraphs]
    rows = [[cell.text for cell in row.cells] for row in document.tables[-1].rows]
    assert rows == [
        ["日期", "红灯", "黄灯", "绿灯", "合计"],
        ["2021年1月31日", "0", "1", "6", "7"],
        ["2021年2月28日", "1", "1", "5", "7"],
        ["2021年3月15日", "3", "1", "3", "7"],
    ]


def trend_cells(response) -> list[list[str]]:
    table = re.search(r'<table class="list" id="trend">.*?<tbody>(.*?)</tbody>', text(response), re.S)
    rows = re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S)
    return [[cell.strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)] for row in rows]


def test_a_quarter_without_records_says_so(cast):
    url = reverse("workflow:quarter", args=[cast.plan.pk, 2019, 1])
    assert "本季度尚无督办灯记录。" in plain_text(Browser(cast.committee).get(url))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_record_the_day_once(cast_committed):
    cast_committed.plan.year = 2021
    cast_committed.plan.save()
    for n in range(1, 21):
        lit(cast_committed, f"事项{n}", deadline=D(2021, 3, 1 + n % 20))
    errors = at_once(lambda: sweep(D(2021, 3, 15)), lambda: sweep(D(2021, 3, 15)))
    assert errors == []
    assert recorded(cast_committed.plan, D(2021, 3, 15)) == recount(cast_committed.plan)


def test_an_approved_extension_is_lit_against_its_new_deadline_as_the_sweep_would(cast):
    """The light set on approval uses the progress expected by the new deadline, not the old one."""
    with time_machine.travel("2030-01-02 10:00 +0800", tick=False):
        item = item_at(cast, "work")  # accepted today; due 2030-12-31
    with time_machine.travel("2030-12-20 10:00 +0800", tick=False):
        do(cast.official, item, "work", action="report", period="2030-12", percent_done="60", narrative="进展")
        update_lights(item.plan, D(2030, 12, 20))  # the day's sweep: 96% expected by now, 60% done
        item.refresh_from_db()
        assert item.expected_percent >= 90 and item.rag == Rag.RED
        new = {"period": "2030-12", "percent_done": "60", "narrative": "需延期", "new_deadline": "2031-06-30"}
        do(cast.official, item, "work", action="extension", **new)
        do(cast.office, item, "decide_extension", decision="approve", comment="同意")
        item.refresh_from_db()
        approved = (item.expected_percent, item.rag, item.rag_reason)
        update_lights(item.plan, D(2030, 12, 20))  # what the sweep says of the same day
        item.refresh_from_db()
    assert approved == (item.expected_percent, item.rag, item.rag_reason)
    assert item.expected_percent < 70 and item.rag == Rag.GREEN
