"""List numbers known by their repetition alone (``fallback.inferred_styles``): a shape of number no fixed
style of ``numbering`` knows ("〔1〕", "1>", "❶", "A、") that opens several lines counting up is the
document's own list, read one level under the entry open above it, and the review page says so. Each
beside the opposite fact that keeps it from reading a list where there is none."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing import fallback
from responsibility.importing.document import ImportRejected
from tests.responsibility.importing.made import leaves, readers

YEAR = 2025
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
TITLES = ["推进老旧小区改造，完成加装电梯20部", "新建口袋公园5处", "开展背街小巷整治"]


def _warnings(plan) -> str:
    return "\n".join(warning.message for warning in plan.warnings)


def _plan(numbers: list[str]) -> list[str]:
    return [
        "西湖区2025年重点工作安排",
        "",
        "一、民生保障",
        f"{numbers[0]}推进老旧小区改造，完成加装电梯20部。（区住建局）",
        f"{numbers[1]}新建口袋公园5处。（区城管局）",
        "二、城市管理",
        f"{numbers[2]}开展背街小巷整治。（区城管局，6月底前）",
    ]


@pytest.mark.parametrize(
    "numbers",
    [
        ["〔1〕", "〔2〕", "〔1〕"],
        ["1>", "2>", "1>"],
        ["❶", "❷", "❶"],
        ["A、", "B、", "A、"],
        ["⒈", "⒉", "⒈"],
        ["一：", "二：", "一："],
    ],
)
@pytest.mark.parametrize("read_text", [as_txt, as_paste, as_docx])
def test_an_unknown_number_that_counts_up_over_several_lines_numbers_items(read_text, numbers):
    plan = read_text("\n".join(_plan(numbers)))
    assert [root.number for root in plan.roots] == ["一、", "二、"]
    assert [[item.title for item in root.children] for root in plan.roots] == [TITLES[:2], TITLES[2:]]
    assert [item.number for item in leaves(plan)] == numbers
    assert leaves(plan)[2].fields.deadline == D(2025, 6, 30)
    assert f"“{numbers[0]}”" in _warnings(plan) and "依次递增" in _warnings(plan)


def test_an_unknown_number_that_does_not_count_up_is_a_word_of_its_line():
    # The opposite fact: "〔3〕" then "〔7〕" are references, not a list: the lines stay their heading's text.
    plan = as_txt("\n".join(_plan(["〔3〕", "〔7〕", "〔5〕"])))
    assert [item.title for item in leaves(plan)] == ["民生保障", "城市管理"]
    assert "依次递增" not in _warnings(plan)


def test_an_unknown_number_on_one_line_only_is_a_word_of_it():
    # The opposite fact: one line is no list, however its number is written.
    lines = [*_plan(["〔1〕", "（区城管局）", "（区城管局）"])[:4], "二、城市管理", "1.开展背街小巷整治。（区城管局）"]
    plan = as_txt("\n".join(lines))
    assert [item.title for item in leaves(plan)] == ["民生保障", "开展背街小巷整治"]
    assert "依次递增" not in _warnings(plan)


def test_an_unknown_number_at_the_top_numbers_a_list_of_its_own():
    lines = ["东湖区2025年民生实事", "", "〔1〕推进老旧小区改造。（区住建局）", "〔2〕新建口袋公园5处。（区城管局）"]
    plan = as_paste("\n".join(lines))
    assert [root.title for root in plan.roots] == ["推进老旧小区改造", "新建口袋公园5处"]
    assert [root.number for root in plan.roots] == ["〔1〕", "〔2〕"]


def test_known_numbers_dates_and_decimals_are_no_shape_of_their_own():
    # The opposite facts: what the fixed styles read, a date, a decimal, a year, a quote, a table's row.
    texts = ["1.推进…", "2.加强…", "1.9月底前完成", "2.5万元", "2024年完成", "> 引用", "| 1 | 推进 |", "3/15前完成"]
    assert fallback.inferred_styles(texts) == set()


def test_shapes_are_told_apart_by_their_marks():
    # "〔1〕" and "1>" are two lists; "〔1〕" twice with no step up is none.
    assert fallback.inferred_styles(["〔1〕推进", "1>推进", "〔2〕加强", "2>加强"]) == {"〔9〕", "9>"}
    assert fallback.inferred_styles(["〔1〕推进", "〔1〕加强"]) == set()


MIDDLE_DOTS = [
    "西湖区2025年重点工作安排",
    "",
    "一、民生保障",
    "·推进老旧小区改造，完成加装电梯20部。（区住建局）",
    "·新建口袋公园5处。（区城管局）",
    "·开展背街小巷整治。（区城管局，6月底前）",
]


@pytest.mark.parametrize("read_text", [as_txt, as_paste, as_docx])
def test_a_punctuation_mark_before_three_lines_marks_a_list(read_text):
    plan = read_text("\n".join(MIDDLE_DOTS))
    assert [item.title for item in leaves(plan)] == TITLES
    assert "“·”" in _warnings(plan) and "列表标记" in _warnings(plan)


def test_a_punctuation_mark_before_two_lines_is_a_word_of_them():
    # The opposite fact: two lines are too few for a mark that prose may open with.
    plan = as_txt("\n".join(MIDDLE_DOTS[:5]))
    assert [item.title for item in leaves(plan)] == ["民生保障"]
    assert "列表标记" not in _warnings(plan)


def test_a_chinese_sentence_mark_or_a_ditto_is_no_list_mark():
    assert not fallback.is_punctuation_mark("、")
    assert not fallback.is_punctuation_mark("〃")
    assert not fallback.is_punctuation_mark("*")
    assert fallback.is_punctuation_mark("·")


WEEKS = [
    "青禾社区2025年3月份工作安排",
    "",
    "根据街道3月份重点工作部署，现将本月工作安排如下。",
    "第一周（3月3日—3月7日）",
    "➤召开社区“两委”班子会议。（社区党委）",
    "➤开展“三八”国际妇女节主题活动。（社区妇联）",
    "第二周（3月10日—3月14日）",
    "➤开展春季消防安全隐患排查。（社区网格站）",
]


@pytest.mark.parametrize("read_text", [as_txt, as_paste, as_docx])
def test_a_period_over_marked_lines_heads_them_as_over_numbered_ones(read_text):
    plan = read_text("\n".join(WEEKS))
    assert [root.title for root in plan.roots] == ["第一周（3月3日—3月7日）", "第二周（3月10日—3月14日）"]
    assert [len(root.children) for root in plan.roots] == [2, 1]
    assert [item.title for item in plan.roots[1].children] == ["开展春季消防安全隐患排查"]


def test_a_period_over_a_sentence_heads_nothing():
    # The opposite fact: under the week comes a sentence, no list: the week is no heading of items.
    lines = [*WEEKS[:4], "召开社区“两委”班子会议，研究部署重点工作。", "第二周（3月10日—3月14日）"]
    with pytest.raises(ImportRejected):
        as_txt("\n".join(lines))


PEOPLE = [
    "城关镇2025年领导班子成员工作分工",
    "",
    "经镇党委会议研究，现将班子成员分工明确如下。",
    "一、党委班子",
    "王某某同志：",
    "〔1〕负责镇党委全面工作。",
    "〔2〕分管组织、宣传工作。",
    "李某某同志：",
    "〔1〕负责镇政府全面工作。",
]


def test_a_person_over_the_documents_own_numbers_heads_them():
    plan = as_txt("\n".join(PEOPLE))
    people = plan.roots[0].children
    assert [person.title for person in people] == ["王某某同志", "李某某同志"]
    assert [[item.number for item in person.children] for person in people] == [["〔1〕", "〔2〕"], ["〔1〕"]]


def test_a_date_may_open_an_entry_after_a_closing_mark_but_a_figure_is_no_number():
    # "1>3月底前…" opens its entry with a date; "1/3完成" and "2-5个" are figures, the opposite fact.
    texts = ["1>3月第一周内完成摸底建档。", "2>4月底前完成抽检。", "1/3完成", "2/3完成", "2-5个", "3-5个"]
    assert fallback.inferred_styles(texts) == {"9>"}


def test_an_enclosed_number_before_a_mention_numbers_it():
    lines = [
        "汉江区创文工作群",
        "",
        "现将近期重点任务分解如下，请各单位认真抓好落实：",
        "❶@区住建局 请区住建局牵头，开展背街小巷路面破损排查整治，3月31日前完成。",
        "❷@区城管局 请区城管局牵头，清理主次干道占道经营，4月15日前完成。",
    ]
    plan = as_paste("\n".join(lines))
    assert [item.number for item in leaves(plan)] == ["❶", "❷"]
    assert leaves(plan)[1].fields.deadline == D(2025, 4, 15)


# --- footnote marks and building numbers are no list's numbers (the review's probes) ----------------------


@pytest.mark.parametrize("read_text", [as_txt, as_paste, as_docx])
def test_superscript_footnote_marks_are_no_list(read_text):
    plan = read_text(
        "\n".join(
            [
                "西湖区2025年重点工作安排",
                "1.推进老旧小区改造。（区住建局，9月底前）",
                "2.新建口袋公园5处。（区城管局，9月30日前）",
                "¹ 依据《城镇老旧小区改造实施意见》。",
                "² 依据《公园绿地建设导则》。",
            ]
        )
    )
    assert [item.title for item in leaves(plan)] == ["推进老旧小区改造", "新建口袋公园5处"]
    assert leaves(plan)[1].fields.deadline == D(2025, 9, 30)
    assert "依次递增" not in _warnings(plan)


@pytest.mark.parametrize("read_text", [as_txt, as_paste, as_docx])
def test_a_buildings_number_is_no_list_number(read_text):
    plan = read_text(
        "\n".join(
            [
                "西湖区2025年重点工作安排",
                "一、老旧小区改造",
                "1#楼外墙保温改造，6月底前完成。",
                "2#楼屋面防水改造，8月底前完成。",
            ]
        )
    )
    assert "依次递增" not in _warnings(plan)
    assert all("楼" in node.title or "楼" in " ".join(node.content) for node in leaves(plan))
    assert not any(node.title.startswith("楼") for node in leaves(plan))
