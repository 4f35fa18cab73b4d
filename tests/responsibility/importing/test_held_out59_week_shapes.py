"""The shape of the fifty-ninth held-out set (d497) the importer did not follow, in made-up words: a plan that
states which day its first week holds (a note row "注：第1周自…起", a sentence "以…为第1周", "自…起按周计")
gives its tasks their deadlines as weeks counted from it, in a 完成周次 column ("第5周", a run "第5—8周" due at
the run's end, "持续推进" going on) or in their own sentences; week N ends on its Sunday. Without a stated
first week, a 第N周 names no day, in a column or in a task's text. And (d492 renumbered) a trailing 分工表
keyed by numbers that name no list of the items above (numbered afresh in each section), its rows repeating
the items' titles: it gives the items their fields by title."""

from __future__ import annotations

import datetime

import pytest

from tests.responsibility.importing.made import leaves, readers, table_readers

YEAR = 2026
D = datetime.date
FORMS = table_readers(YEAR)
as_txt, as_paste, as_docx = readers(YEAR)

# 2 March 2026 is a Monday: week 1 runs 2–8 March, week 2 ends 15 March, week 8 ends 26 April.
NOTES = [
    "注：第1周自2026年3月2日起，“完成周次”为第N周的，须在该周周日前完成。",
    "说明：本表以2026年3月2日为第1周，按周推进。",
    "注：自2026年3月2日起按周计，每周一至周日为一周。",
]


def weekly(note: str | None) -> list[list[str]]:
    """A 专项整治 task table whose due column is 完成周次, with ``note`` on the row under its title."""
    return [
        ["某镇2026年春季专项整治任务表", "", "", ""],
        *([[note, "", "", ""]] if note else []),
        ["序号", "工作任务", "责任单位", "完成周次"],
        ["1", "清理河道漂浮物，整治点位20处。", "镇水利站", "第2周"],
        ["2", "完成农村户厕问题排查整改。", "镇农业农村办", "第5—8周"],
        ["3", "开展集镇占道经营整治。", "镇综合执法队", "持续推进"],
    ]


@pytest.mark.parametrize("note", NOTES)
@pytest.mark.parametrize("form", ["xlsx", "paste"])
def test_a_week_column_counts_from_the_first_week_the_plan_states(form, note):
    items = leaves(FORMS[form](weekly(note)))
    assert [item.fields.deadline for item in items[:2]] == [D(2026, 3, 15), D(2026, 4, 26)]
    assert items[2].fields.ongoing and items[2].fields.deadline is None


@pytest.mark.parametrize("form", ["xlsx", "paste"])
def test_a_week_column_without_a_stated_first_week_names_no_day(form):
    # The opposite: no note says when week 1 is, so no Sunday can be counted; the column still says going on.
    items = leaves(FORMS[form](weekly(None)))
    assert [item.fields.deadline for item in items] == [None, None, None]
    assert items[2].fields.ongoing


# --- in a task's own sentences ---------------------------------------------------------------------------


def sentences(opening: str) -> str:
    return "\n".join(
        [
            "某社区2026年春季环境提升行动方案",
            opening,
            "一、重点任务",
            "1.第3周前完成楼道堆物清理，责任单位：物业服务中心。",
            "2.第4—5周完成公共绿地补植，责任单位：社区居委会。",
        ]
    )


@pytest.mark.parametrize("form", [as_txt, as_paste, as_docx])
def test_weeks_in_a_tasks_sentence_count_from_the_stated_first_week(form):
    items = form(sentences("行动自2026年3月2日起按周计，为期八周。")).leaves()
    assert [item.fields.deadline for item in items] == [D(2026, 3, 22), D(2026, 4, 5)]


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_weeks_in_a_tasks_sentence_without_a_stated_first_week_change_nothing(form):
    # The opposite: "自…起" names when the work begins, not that it is counted in weeks; "每周第1天" is a
    # day of each week.
    text = sentences("行动自2026年3月2日起开展，为期两个月。") + "\n3.每周第1天报送工作进展，责任单位：网格员。"
    items = form(text).leaves()
    assert [item.fields.deadline for item in items] == [None, None, None]


# --- a trailing 分工表 whose numbers name no list of the items, its titles theirs ----------------------------


def renumbered(rows: list[str]) -> str:
    """A 方案 whose items are numbered afresh under each section (1. 2. / 1. 2.), then ``rows`` under a 附件 分工表
    numbered 1–4 through."""
    return "\n".join(
        [
            "某县2025年农村人居环境整治工作方案",
            "一、重点任务",
            "（一）垃圾治理",
            "1.建立保洁长效机制。每村配备保洁员不少于2名。",
            "2.推进垃圾分类减量。建成分类示范村10个。",
            "（二）污水治理",
            "1.建设污水处理设施。新建站点15座。",
            "2.整治黑臭水体。完成整治8处。",
            "附件：重点任务分工表",
            "序号\t重点任务\t牵头单位\t配合单位\t完成时限",
            *rows,
            "某县农业农村局",
        ]
    )


@pytest.mark.parametrize("form", [as_txt, as_paste, as_docx])
def test_a_table_whose_numbers_name_no_list_gives_the_items_its_titles_name(form):
    rows = [
        "1\t建立保洁长效机制\t县城管局\t各乡镇\t2025年6月底前",
        "2\t推进垃圾分类减量\t县城管局\t\t2025年9月底前",
        "3\t建设污水处理设施\t县生态环境分局\t县住建局\t2025年11月底前",
        "4\t整治黑臭水体\t县水利局\t各乡镇\t长期坚持",
    ]
    plan = form(renumbered(rows))
    items = leaves(plan)
    assert [item.title for item in items] == [
        "建立保洁长效机制",
        "推进垃圾分类减量",
        "建设污水处理设施",
        "整治黑臭水体",
    ]
    assert [item.fields.lead_units for item in items] == [["县城管局"], ["县城管局"], ["县生态环境分局"], ["县水利局"]]
    assert items[2].fields.deadline == D(2025, 11, 30) and items[3].fields.ongoing


def test_a_table_of_other_tasks_beside_items_numbered_afresh_stays_its_own_items():
    # The opposite: the rows' tasks are none of the items above, so the table is a list of its own.
    rows = [
        "1\t开展秸秆禁烧巡查\t县生态环境分局\t各乡镇\t2025年6月底前",
        "2\t整治农村乱搭乱建\t县自然资源局\t各乡镇\t2025年9月底前",
        "3\t清理河塘沟渠\t县水利局\t\t2025年11月底前",
    ]
    items = leaves(as_txt(renumbered(rows)))
    assert [item.fields.lead_units for item in items[:4]] == [[], [], [], []]
    assert any(item.title.endswith("清理河塘沟渠") for item in items)
