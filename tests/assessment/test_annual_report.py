"""The annual report (年度法治政府建设情况报告) drafted from the data: its structure, its sentences, the
command that writes it and the page that sends it.

The year of the cast's plan: in 依法全面履行政府职能, 强化法制宣传 (普法活动 32 of 30 场次, on time) and
完善内部制度建设 (claimed twelve days late); in 完善依法行政制度体系, 加强信访工作制度 (returned once)
and 主动接受党内监督 (open, overdue, red); 推进行政决策科学化、民主化、法治化 has no item.
"""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from io import StringIO
from urllib.parse import quote

import docx
import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessment import annual_report
from assessment.annual_report import amount, chinese_number, percent
from assessment.compute import compute, publish
from assessment.models import PersonResult
from responsibility.models import (
    Category,
    Indicator,
    ItemEvent,
    ItemStatus,
    Rag,
    RagReason,
    ResponsibilityItem,
    WorkPlan,
)
from tests.assessment.scenario import at, fact, finish, item_for, report, scheme_for
from tests.gongwen import assert_gongwen, opened

D = datetime.date
CATEGORIES = ["依法全面履行政府职能", "完善依法行政制度体系", "推进行政决策科学化、民主化、法治化"]
YEAR_END = D(2020, 12, 31)


@pytest.fixture
def year(cast):
    plan = cast.plan
    second = Category.objects.create(plan=plan, name=CATEGORIES[1], order=2)
    Category.objects.create(plan=plan, name=CATEGORIES[2], order=3)

    publicity = item_for(cast, title="强化法制宣传", deadline=YEAR_END)
    activities = Indicator.objects.create(item=publicity, name="普法活动", unit="场次", target_value=Decimal(30))
    report(publicity, 60, D(2020, 6, 28), cast.official, {activities: 20})
    report(publicity, 100, D(2020, 12, 20), cast.official, {activities: 32})
    finish(publicity, D(2020, 12, 22))

    late = item_for(cast, title="完善内部制度建设", deadline=D(2020, 6, 30))
    finish(late, D(2020, 7, 12))

    returned = item_for(cast, title="加强信访工作制度", deadline=YEAR_END)
    fact(returned, ItemEvent.Kind.CLAIMED, D(2020, 11, 30))
    ItemEvent.objects.create(
        item=returned, kind=ItemEvent.Kind.RETURNED, note="诉访分离台账不完整", created_at=at(D(2020, 12, 2))
    )
    ResponsibilityItem.objects.filter(pk=returned.pk).update(status=ItemStatus.RECTIFYING)

    red = item_for(cast, title="主动接受党内监督", deadline=D(2020, 9, 30))
    ResponsibilityItem.objects.filter(pk__in=[returned.pk, red.pk]).update(category=second)
    report(red, 40, D(2020, 8, 28), cast.official)
    ResponsibilityItem.objects.filter(pk=red.pk).update(rag=Rag.RED, rag_reason=RagReason.OVERDUE)
    return plan


def paragraphs(data: bytes) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in docx.Document(io.BytesIO(data)).paragraphs]


def drafted(plan, assessment=None, today=YEAR_END) -> list[tuple[str, str]]:
    return paragraphs(annual_report.as_docx(annual_report.draft(plan, assessment, today=today)))


def part(rows, number: str) -> list[str]:
    """The texts under the part that starts with ``number`` (一、 … 四、), up to the next part."""
    start = next(i for i, (style, text) in enumerate(rows) if style == "Heading 1" and text.startswith(number))
    end = next((i for i in range(start + 1, len(rows)) if rows[i][0] == "Heading 1"), len(rows))
    return [text for _style, text in rows[start + 1 : end]]


def paragraph_with(texts: list[str], needle: str) -> str:
    return next(text for text in texts if needle in text)


# --- structure ----------------------------------------------------------------------------------------


def test_it_opens_with_the_title_and_the_organisation_and_year(year):
    rows = drafted(year)
    assert rows[0][1] == "回兴街道关于2020年度法治政府建设情况的报告"
    assert "现将回兴街道2020年度法治政府建设情况报告如下" in rows[2][1]


def test_it_has_the_four_parts_of_the_seed_in_order(year):
    parts = [text for style, text in drafted(year) if style == "Heading 1"]
    assert [text[:2] for text in parts] == ["一、", "二、", "三、", "四、"]
    assert parts[0] == "一、2020年推进法治政府建设的主要举措和成效"
    assert "第一责任人" in parts[1]
    assert parts[2] == "三、2020年推进法治政府建设存在的不足和原因"
    assert parts[3].startswith("四、2021年") and "工作思路" in parts[3]


def test_part_one_has_one_section_per_category_in_the_plans_order(year):
    rows = drafted(year)
    start = rows.index(("Heading 1", "一、2020年推进法治政府建设的主要举措和成效"))
    sections = []
    for style, text in rows[start + 1 :]:
        if style == "Heading 1":
            break
        if style == "Heading 2":
            sections.append(text)
    assert sections == [f"（{n}）{name}情况" for n, name in zip("一二三", CATEGORIES, strict=True)]


def test_an_indicator_value_is_written_into_a_sentence_with_its_unit_and_target(year):
    item = paragraph_with(part(drafted(year), "一、"), "强化法制宣传")
    assert item.startswith("1.强化法制宣传。")
    assert "全年普法活动32场次，完成目标30场次的107%。" in item, "the latest value, not the June one"
    assert "按期办结" in item


def test_each_section_counts_its_items_done(year):
    texts = part(drafted(year), "一、")
    assert "该方面共有任务2项，已办结2项。" in texts
    assert "该方面共有任务2项，已办结0项，办结率0%。" in texts


def test_a_category_without_items_says_plainly_that_there_is_no_data(year):
    texts = part(drafted(year), "一、")
    heading = texts.index("（三）推进行政决策科学化、民主化、法治化情况")
    assert "暂无相关数据" in texts[heading + 1]


def test_an_item_without_reports_says_none_came(cast, year):
    item_for(cast, title="专家律师风险评估", status=ItemStatus.ACCEPTING)
    item = paragraph_with(part(drafted(year), "一、"), "专家律师风险评估")
    assert "本年度未收到该项任务的进度反馈" in item
    assert "待责任单位签收" in item


def test_the_overview_counts_items_and_categories_with_work(year):
    overview = part(drafted(year), "一、")[0]
    assert "将全年工作分解为2个方面4项任务，截至年底已办结2项，办结率50%" in overview


# --- 二、三、四 ----------------------------------------------------------------------------------------


def test_part_two_gives_the_lead_leaders_items_from_the_facts(year):
    texts = part(drafted(year), "二、")
    assert "1.党工委分管副主任张主任：牵头任务4项，已办结2项，逾期2项，退回整改1次。" in texts
    assert "本年度尚未计算考核结果，以上情况依据任务办理记录统计。" in texts


def test_part_two_counts_the_committees_supervision(cast, year):
    item = ResponsibilityItem.objects.get(title="主动接受党内监督")
    fact(item, ItemEvent.Kind.URGED, D(2020, 10, 9))
    fact(item, ItemEvent.Kind.ESCALATED, D(2020, 10, 20), level=3)
    texts = part(drafted(year), "二、")
    supervision = paragraph_with(texts, "全年催办")
    assert supervision.startswith("全年催办1次，督办升级1次（其中督办通知单1次）；督查核验退回整改1次")
    quarters = paragraph_with(texts, "按季度汇总")
    assert "2020年第四季度收到进度反馈1份，核验办结1项，催办1次，督办升级1次" in quarters
    assert "2020年第三季度收到进度反馈1份，核验办结1项" in quarters


def test_part_three_names_the_late_items_with_their_days(year):
    late = paragraph_with(part(drafted(year), "三、"), "未能按期完成")
    assert "“完善内部制度建设”（司法所）逾期12天申请办结" in late
    assert "“主动接受党内监督”（司法所）截至2020年12月31日已逾期92天，尚未办结" in late


def test_part_three_names_the_returned_items_with_the_rectification_asked(year):
    returned = paragraph_with(part(drafted(year), "三、"), "退回整改")
    assert "“加强信访工作制度”（司法所）经督查核验退回整改1次，整改要求：诉访分离台账不完整" in returned


def test_part_three_names_red_and_unfinished_items(year):
    texts = part(drafted(year), "三、")
    assert "“主动接受党内监督”（司法所）亮红灯（已逾期）" in paragraph_with(texts, "亮红灯")
    unfinished = paragraph_with(texts, "部分任务尚未办结")
    assert "尚有2项任务未办结" in unfinished and "“加强信访工作制度”（司法所，整改中，进度0%）" in unfinished


def test_part_three_names_indicators_below_their_target(cast, year):
    item = ResponsibilityItem.objects.get(title="主动接受党内监督")
    visits = Indicator.objects.create(item=item, name="走访人大代表", unit="人次", target_value=Decimal(20))
    report(item, 50, D(2020, 10, 28), cast.official, {visits: 14})
    missed = paragraph_with(part(drafted(year), "三、"), "未达到目标")
    assert "“主动接受党内监督”的走访人大代表14人次，完成目标20人次的70%" in missed


def test_part_three_says_so_when_nothing_fell_short(cast):
    item = item_for(cast, deadline=YEAR_END)
    finish(item, D(2020, 12, 1))
    assert part(drafted(cast.plan), "三、") == [
        "本年度各项任务均已按期办结，未发现红灯、逾期、退回整改、未办结或量化指标未达标的情况。"
    ]


def test_part_four_is_a_draft_from_the_open_late_and_weak(year):
    rows = drafted(year)
    heading = next(text for style, text in rows if text.startswith("四、"))
    assert heading.endswith("（草稿）")
    texts = part(rows, "四、")
    assert texts[0].startswith("【草稿】") and "修改完善" in texts[0]
    assert texts[1] == "（一）补齐薄弱环节"
    assert texts[2].startswith("完善依法行政制度体系方面本年度办结0项、共2项")
    assert "督促“加强信访工作制度”（司法所牵头）按整改要求完成整改" in " ".join(texts)
    assert "加强进度调度和跟踪督办" in paragraph_with(texts, "“完善内部制度建设”")


# --- with results --------------------------------------------------------------------------------------


def test_the_leaders_result_comes_from_the_published_version(cast, year):
    scheme = scheme_for(cast)
    published = publish(compute(scheme, user=cast.assessor, as_of=YEAR_END), user=cast.committee)
    result = PersonResult.objects.get(assessment=published, role=PersonResult.Role.LEADER)
    texts = part(drafted(year), "二、")
    leader = paragraph_with(texts, "张主任")
    assert f"年度考核得分{amount(result.total)}分，等次为{result.grade}，排名第1" in leader
    assert "依据《2020年度法治建设考核细则》计算年度考核结果（第1版，已于" in paragraph_with(texts, "考核细则")


def test_the_latest_published_version_is_used_before_a_later_draft(cast, year):
    scheme = scheme_for(cast)
    first = publish(compute(scheme, user=cast.assessor, as_of=YEAR_END), user=cast.committee)
    compute(scheme, user=cast.assessor, as_of=YEAR_END, reason="更正")
    assert annual_report.results_for(year) == first


def test_the_latest_draft_is_used_when_nothing_is_published(cast, year):
    draft_version = compute(scheme_for(cast), user=cast.assessor, as_of=YEAR_END)
    assert annual_report.results_for(year) == draft_version
    assert "（第1版，待发布）" in paragraph_with(part(drafted(year), "二、"), "考核细则")


def test_facts_are_read_as_of_the_results_date(cast, year):
    compute(scheme_for(cast), user=cast.assessor, as_of=D(2020, 6, 30))
    item = paragraph_with(part(drafted(year), "一、"), "强化法制宣传")
    assert "普法活动20场次，完成目标30场次的67%" in item


# --- numbers --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("n", "text"), [(1, "一"), (8, "八"), (10, "十"), (12, "十二"), (20, "二十"), (35, "三十五")])
def test_headings_are_numbered_in_chinese(n, text):
    assert chinese_number(n) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [("5000", "5000"), ("35000", "3.5万"), ("100000", "10万"), ("12345", "12345"), ("12.50", "12.5"), ("30.00", "30")],
)
def test_amounts_drop_trailing_zeros_and_use_wan(value, text):
    assert amount(Decimal(value)) == text


def test_percent_of_target_is_rounded_half_up():
    assert percent(32, 30) == "107%"
    assert percent(1, 8) == "13%"


# --- the command ----------------------------------------------------------------------------------------


def test_the_command_writes_the_report(year, tmp_path):
    out = tmp_path / "报告.docx"
    stdout = StringIO()
    call_command("annual_report", "--org", "回兴街道", "--year", "2020", str(out), stdout=stdout)
    rows = paragraphs(out.read_bytes())
    assert rows[0][1] == "回兴街道关于2020年度法治政府建设情况的报告"
    assert "已生成《回兴街道关于2020年度法治政府建设情况的报告》" in stdout.getvalue()
    assert "本年度尚无考核结果" in stdout.getvalue()


def test_the_command_finds_the_organisation_by_its_short_name(cast, year, tmp_path):
    cast.street.short_name = "回兴"
    cast.street.save()
    out = tmp_path / "r.docx"
    call_command("annual_report", "--org", "回兴", "--year", "2020", str(out), stdout=StringIO())
    assert out.exists()


def test_the_command_says_which_results_it_used(cast, year, tmp_path):
    publish(compute(scheme_for(cast), user=cast.assessor, as_of=YEAR_END), user=cast.committee)
    stdout = StringIO()
    call_command("annual_report", "--org", "回兴街道", "--year", "2020", str(tmp_path / "r.docx"), stdout=stdout)
    assert "考核结果取第 1 版（已发布）" in stdout.getvalue()


def test_the_command_refuses_an_unknown_organisation(year, tmp_path):
    with pytest.raises(CommandError, match="找不到唯一的单位“不存在街道”"):
        call_command("annual_report", "--org", "不存在街道", "--year", "2020", str(tmp_path / "r.docx"))
    assert not (tmp_path / "r.docx").exists()


def test_the_command_refuses_a_year_without_a_published_plan(year, tmp_path):
    with pytest.raises(CommandError, match="没有2019年度已发布的工作要点"):
        call_command("annual_report", "--org", "回兴街道", "--year", "2019", str(tmp_path / "r.docx"))
    WorkPlan.objects.filter(pk=year.pk).update(status=WorkPlan.Status.DRAFT)
    with pytest.raises(CommandError, match="没有2020年度已发布的工作要点"):
        call_command("annual_report", "--org", "回兴街道", "--year", "2020", str(tmp_path / "r.docx"))


def test_the_command_wants_a_docx_file(year, tmp_path):
    with pytest.raises(CommandError, match=r"\.docx"):
        call_command("annual_report", "--org", "回兴街道", "--year", "2020", str(tmp_path / "r.txt"))


# --- the page ------------------------------------------------------------------------------------------

EXPECTED = {
    "committee": 200,
    "office": 200,
    "assessor": 200,
    "leader": 404,
    "official": 404,
    "official2": 404,
    "inspector": 404,
    "outsider": 404,
}


@pytest.mark.parametrize(("role", "status"), EXPECTED.items())
def test_the_page_sends_the_report_to_those_who_see_all_results(client, cast, year, role, status):
    client.force_login(cast.roles[role])
    response = client.get(reverse("assessment:annual_report", args=[year.pk]))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"].endswith("wordprocessingml.document")
        assert "attachment" in response["Content-Disposition"]
        assert paragraphs(response.content)[0][1] == "回兴街道关于2020年度法治政府建设情况的报告"


def test_the_report_is_laid_out_as_a_gongwen(client, cast, year):
    client.force_login(cast.office)
    with time_machine.travel("2021-01-08 10:00 +0800", tick=False):
        response = client.get(reverse("assessment:annual_report", args=[year.pk]))
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''" + quote("回兴街道2020年度法治政府建设情况报告.docx")
    )
    document = opened(response.content)
    title = "回兴街道关于2020年度法治政府建设情况的报告"
    assert_gongwen(document, title=title, issuer="回兴街道", day=D(2021, 1, 8))
    assert {"Heading 1", "Heading 2"} <= {paragraph.style.name for paragraph in document.paragraphs}


def test_the_page_sends_anonymous_visitors_to_the_login(client, year):
    response = client.get(reverse("assessment:annual_report", args=[year.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_page_answers_404_for_an_unknown_plan(client, cast):
    client.force_login(cast.office)
    assert client.get(reverse("assessment:annual_report", args=[999999])).status_code == 404


# --- the demo -------------------------------------------------------------------------------------------


def test_the_demo_plans_report_follows_the_seed(db):
    from workflow import demo

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        call_command("load_demo", "--force", stdout=StringIO())
    plan = WorkPlan.objects.get(title=demo.PLAN_TITLE)
    rows = paragraphs(annual_report.build(plan))
    one = part(rows, "一、")
    sections = [text for text in one if text.startswith("（")]
    names = [name for name in plan.categories.values_list("name", flat=True)]
    assert len(sections) == 8 == len(names)
    assert [text.split("）", 1)[1] for text in sections] == [f"{name}情况" for name in names]
    assert "法律咨询213起，完成目标200起的107%" in paragraph_with(one, "深入开展公共服务站品牌建设")
    assert "受教育群众3.5万人次" in paragraph_with(one, "强化法制宣传")
    three = " ".join(part(rows, "三、"))
    assert "“加强信访工作制度”（平安办）经督查核验退回整改1次" in three


DRAFT_QUERIES = 8


def test_drafting_costs_the_same_queries_for_four_items_as_for_twelve(year, cast):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            annual_report.draft(year, None, today=YEAR_END)
        return len(queries)

    few = count()
    # Today's count, with the progress reports read once (their times counted by quarter from the
    # items' facts): a second read of them, or a query an item, fails here.
    assert few == DRAFT_QUERIES
    for n in range(8):
        more = item_for(cast, title=f"新增事项{n}", number=f"{n + 10}.", deadline=YEAR_END)
        report(more, 50, D(2020, 5, 20), cast.official)
        finish(more, D(2020, 12, 1))
    assert count() == few
