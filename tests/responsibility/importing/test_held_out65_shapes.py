"""The shapes of the sixty-fifth held-out set (d539, d542, d543, d546) the importer did not follow, in made-up
words, one section per cause: an item of a 三年行动计划 that ends in lines labelled by year ("2024年：…",
"2025年：…") is due at the end of its last year; a 揭榜挂帅 榜单's 揭榜单位 is the unit that answers for the task
and "（领衔）" after one of them marks the lead; a 报告 that submits the plan upward ("关于报送《X》的报告") gives X
as the plan's title, and its 文号 is read beside the 签发人 on its line; a department's 权责清单 (its standing
powers, each with its 设定依据 and 追责情形) is no plan."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing.headers import sent_name
from responsibility.importing.shape import check
from tests.responsibility.importing.made import md_reader, readers

from .test_held_out_shapes import tab_table

YEAR = 2023
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
as_md = md_reader(YEAR)
TEXT_FORMS = [as_txt, as_paste, as_docx]


# --- year-labelled stages under an item ---------------------------------------------------------------------


def three_year_plan(stages: list[list[str]]) -> str:
    """A 三年行动计划 whose items each end in the lines ``stages`` gives them, then their units."""
    lines = ["青溪县污水治理三年行动计划（2023—2025年）", "一、重点任务"]
    titles = ["扩建城区污水厂", "完善镇级管网", "整治黑臭水体"]
    for number, (title, own) in enumerate(zip(titles, stages, strict=True), start=1):
        lines += [f"（{'一二三'[number - 1]}）{title}。统筹推进项目建设。", *own]
        lines += ["牵头单位：县住建局", "配合单位：县财政局"]
    return "\n".join(lines)


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_an_item_whose_stages_are_years_is_due_at_the_end_of_its_last_year(form):
    items = form(
        three_year_plan(
            [
                ["2023年：完成前期工作。", "2024年：开工建设。", "2025年：建成投运，日处理能力达到5万吨。"],
                ["2023年：新建管网20公里。", "2024年：累计新建管网45公里。"],
                ["2025年：消除黑臭水体8条。"],
            ]
        )
    ).leaves()
    assert [item.fields.deadline for item in items] == [D(2025, 12, 31), D(2024, 12, 31), D(2025, 12, 31)]
    assert [item.fields.lead_units for item in items] == [["县住建局"]] * 3
    assert len(items) == 3  # each year's line a stage of its item, never an item of its own


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_year_inside_a_sentence_is_no_stage(form):
    # The opposite: "2023年以来" and "较2022年" in the item's sentences name no year the item is due by.
    items = form(
        three_year_plan(
            [
                ["2023年以来，已完成前期工作。"],
                ["管网长度较2022年：增长一倍。"],
                ["2025年底前：消除黑臭水体8条。"],
            ]
        )
    ).leaves()
    assert [item.fields.deadline for item in items[:2]] == [None, None]
    assert len(items) == 3


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_dated_stage_of_its_own_still_wins_over_the_years(form):
    # The opposite: a deadline the item's own sentence names wins over its last year's line.
    plan = three_year_plan(
        [["2023年：完成前期工作。", "2024年：开工建设。"], ["2023年：新建管网20公里。"], ["2024年：消除黑臭水体8条。"]]
    ).replace("（一）扩建城区污水厂。统筹推进项目建设。", "（一）扩建城区污水厂。2023年9月底前完成立项。")
    items = form(plan).leaves()
    assert items[0].fields.deadline == D(2023, 9, 30)


# --- 揭榜单位 and （领衔） ------------------------------------------------------------------------------------

LIST = "\n".join(
    [
        "# 西岭区2024年改革攻坚“揭榜挂帅”项目榜单",
        "## 一、营商环境类",
        "### 榜单一：不动产登记“一窗办理”改革",
        "- 揭榜单位：区自然资源局",
        "- 挂帅领导：副区长　韩立平",
        "- 协同单位：区税务局",
        "- 完成时限：2024年6月底前",
        "### 榜单二：老旧小区加装电梯",
        "- 揭榜单位：区住建局（领衔）、各街道办事处",
        "- 挂帅领导：副区长　孙海波",
        "- 协同单位：区市场监管局",
        "- 完成时限：2024年11月底前",
    ]
)


@pytest.mark.parametrize("form", [as_md, as_txt, as_docx])
def test_the_unit_that_took_up_a_listed_task_answers_for_it(form):
    items = form(LIST).leaves()
    assert items[0].fields.responsible_units == ["区自然资源局"]
    assert items[0].fields.cooperating_units == ["区税务局"]
    assert items[1].fields.lead_units == ["区住建局"]
    assert items[1].fields.responsible_units == ["各街道办事处"]


@pytest.mark.parametrize("form", [as_md, as_txt])
def test_the_leader_who_took_command_is_a_person_not_a_unit(form):
    # The opposite: 挂帅领导 names a person; no unit of the item.
    items = form(LIST).leaves()
    units = {unit for item in items for unit in item.fields.responsible_units + item.fields.lead_units}
    assert not any("韩立平" in unit or "孙海波" in unit for unit in units)
    assert "韩立平" in " ".join(items[0].fields.lead_leaders)


# --- a report that submits the plan upward --------------------------------------------------------------------


def report(title: str, number_line: str) -> str:
    """A 区政府's 报告 to the city over the plan it submits, as an attachment under it."""
    return "\n".join(
        [
            "北岭区人民政府",
            number_line,
            "北岭区人民政府",
            title,
            "市人民政府：",
            "我区制定了《北岭区2025年河道保洁工作方案》，现予报送，请审阅。",
            "附件：北岭区2025年河道保洁工作方案",
            "北岭区人民政府",
            "2025年3月10日",
            "附件",
            "北岭区2025年河道保洁工作方案",
            "为改善河道环境，制定本方案。",
            "一、重点任务",
            "1.开展河道清淤。完成主要河道清淤12公里。",
            "牵头单位：区水利局",
            "完成时限：2025年10月底前",
        ]
    )


SUBMITTING = "关于报送《北岭区2025年河道保洁工作方案》的报告"


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_report_that_submits_the_plan_gives_the_plans_title(form):
    plan = form(report(SUBMITTING, "北政报〔2025〕7号"))
    assert plan.title == "北岭区2025年河道保洁工作方案"


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_report_of_its_own_keeps_its_title(form):
    # The opposite: a 报告 that names a document without submitting it is its own text.
    title = "关于落实《北岭区2025年河道保洁工作方案》情况的报告"
    assert form(report(title, "北政报〔2025〕7号")).title == title
    assert sent_name(title) == ""
    assert sent_name("关于报送2025年工作总结的报告") == ""  # no 《》: no document named


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_the_doc_number_beside_the_signer_is_read(form):
    plan = form(report(SUBMITTING, "北政报〔2025〕7号　　　　　　签发人：赵明远"))
    assert plan.headers["doc_number"] == "北政报〔2025〕7号"


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_signer_beside_no_doc_number_is_no_doc_number(form):
    # The opposite: 签发人 beside a line that is no 文号 leaves the line alone.
    plan = form(report(SUBMITTING, "北岭区农业农村局　　　　签发人：赵明远"))
    assert "doc_number" not in plan.headers


# --- a list of standing powers is no plan ---------------------------------------------------------------------


def powers_list(title: str, when: list[str]) -> str:
    """A department's list of powers as a tab table: each row a power, its legal basis, the section that
    exercises it and (``when``) a column of dates, if any."""
    header = ["序号", "事项名称", "事项类型", "设定依据", "实施科室", "追责情形"] + (["完成时限"] if when else [])
    powers = [
        ("建设工程规划许可", "行政许可", "规划许可科"),
        ("对违法建设的处罚", "行政处罚", "执法监察科"),
        ("测绘资质监督检查", "行政检查", "测绘管理科"),
        ("查封违法施工现场", "行政强制", "执法监察科"),
        ("地名命名审核", "其他行政权力", "地名管理科"),
    ]
    rows = []
    for number, (name, kind, section) in enumerate(powers, start=1):
        basis, blame = "《某某管理条例》第十条", "不依法履职的"
        rows.append([str(number), name, kind, basis, section, blame, *when[number - 1 : number]])
    lines = [title, "现将本局权责清单予以公布。", tab_table([header, *rows]), "南河区自然资源局", "2025年3月1日"]
    return "\n".join(lines)


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_list_of_standing_powers_is_no_plan(form):
    shape = check(form(powers_list("南河区自然资源局权责清单（2025年版）", [])))
    assert not shape.looks_like_plan
    assert any("权责清单" in text for text in shape.missing)


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_list_of_duties_with_dates_stays_a_plan(form):
    # The opposites: a 责任清单 of tasks, and even a 权责清单 whose rows each carry their unit and date, are tracked.
    dates = ["2025年3月底前", "2025年6月底前", "2025年9月底前", "2025年10月底前", "2025年12月底前"]
    assert check(form(powers_list("南河区自然资源局2025年重点工作责任清单", dates))).looks_like_plan
    assert check(form(powers_list("南河区自然资源局权责清单（2025年版）", dates))).looks_like_plan
