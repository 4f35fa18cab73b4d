"""The wrong readings a review of the session's merged importer found, in made-up words, one section per
finding, each beside the shape its rule was made for, still read."""

from __future__ import annotations

import pytest

from tests.responsibility.importing.made import leaves, table_readers

YEAR = 2025
TABLE_FORMS = list(table_readers(YEAR).values())


# --- a 会同 column: the units the work is done together with ------------------------------------------


def _units_under(header: str, read) -> list[tuple[list[str], list[str], list[str]]]:
    rows = [
        ["序号", "工作任务", header, "完成时限"],
        ["1", "完成全区燃气管道隐患排查整治", "区住建局", "2025年6月30日"],
        ["2", "建成智慧停车平台并接入全部公共泊位", "区交通局", "2025年10月31日"],
    ]
    items = leaves(read(rows))
    return [(item.fields.lead_units, item.fields.responsible_units, item.fields.cooperating_units) for item in items]


@pytest.mark.parametrize("read", TABLE_FORMS)
@pytest.mark.parametrize("header", ["会同单位", "会同部门", "会同处"])
def test_a_column_named_for_the_units_the_work_is_done_together_with_cooperates(header, read):
    # 会同 is a role word as 协同 is: its units cooperate, though no other unit column stands beside it.
    assert _units_under(header, read) == [([], [], ["区住建局"]), ([], [], ["区交通局"])]


@pytest.mark.parametrize("read", TABLE_FORMS)
@pytest.mark.parametrize("header", ["责任单位", "主责处"])
def test_a_column_named_for_the_units_that_answer_for_the_work_stays_responsible(header, read):
    # The opposite fact: a 责任 or 主责 column alone holds the responsible units.
    assert _units_under(header, read) == [([], ["区住建局"], []), ([], ["区交通局"], [])]
