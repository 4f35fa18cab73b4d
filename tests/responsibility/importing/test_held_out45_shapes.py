"""The one shape the forty-fifth held-out set (d379–d386, typical documents) showed the importer did not
follow, in made-up words: a closing 工作要求 whose last part has a body of the sender's own organ, named from
within it ("委机关纪委"), follow the work up and report it by a date. That is how the listed work is followed
up, not a task of its own; any other unit named there still makes it work."""

from __future__ import annotations

import pytest

from tests.responsibility.importing.made import leaves, readers

as_txt, as_paste, as_docx = readers(2026)


def plan(follow_up: str) -> str:
    return "\n".join(
        [
            "中共东山市交通运输局党组关于巡察反馈问题的整改方案",
            "一、整改任务",
            "1.规范工程项目招投标管理。",
            "责任单位：建设管理科；整改时限：2026年9月底前",
            "2.健全财务审批制度。",
            "责任单位：财务科；整改时限：2026年10月底前",
            "二、工作要求",
            "（一）压实整改责任",
            "局党组书记履行第一责任人职责。",
            "（二）强化督查问效",
            follow_up,
            "中共东山市交通运输局党组",
            "2026年6月1日",
        ]
    )


@pytest.mark.parametrize("read", [as_txt, as_paste, as_docx])
def test_the_senders_own_body_following_the_work_up_is_guidance(read):
    parsed = read(plan("局机关纪委加强跟踪督办，整改情况于2026年11月底前报市委巡察办。"))
    assert [item.title for item in leaves(parsed)] == ["规范工程项目招投标管理", "健全财务审批制度"]
    assert [section.node.title for section in parsed.guidance] == ["工作要求"]


@pytest.mark.parametrize("read", [as_txt, as_paste, as_docx])
def test_another_unit_doing_something_by_a_date_is_work(read):
    parsed = read(plan("市财政局加强资金监管，于2026年11月底前完成专项审计。"))
    assert "强化督查问效" in [item.title for item in leaves(parsed)]
    assert "工作要求" not in [section.node.title for section in parsed.guidance]


@pytest.mark.parametrize("read", [as_txt, as_paste, as_docx])
def test_a_body_of_another_organ_is_not_the_senders(read):
    # 委机关 in a paper a 局 sends is not the sender's own organ.
    parsed = read(plan("委机关纪委加强跟踪督办，整改情况于2026年11月底前报市委巡察办。"))
    assert "强化督查问效" in [item.title for item in leaves(parsed)]


@pytest.mark.parametrize("read", [as_txt, as_paste, as_docx])
def test_the_senders_own_sections_doing_work_by_a_date_is_work(read):
    # "局机关各股室" are the sender's sections as a group, set a task of their own: no follow-up of the list.
    parsed = read(plan("局机关各股室要于2026年6月底前完成本股室安全自查。"))
    assert "强化督查问效" in [item.title for item in leaves(parsed)]
