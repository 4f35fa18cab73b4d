"""manage.py import_workplan: the importer for scripts, with a JSON summary."""

import io
import json
from pathlib import Path

import docx
import pytest
from django.core.management import CommandError, call_command

from responsibility.importing import SAMPLES
from responsibility.models import WorkPlan

DOCUMENTS = Path(__file__).parent / "documents"


def run(*args):
    out = io.StringIO()
    call_command("import_workplan", *map(str, args), stdout=out)
    return out.getvalue()


def test_json_summary_of_the_seed(cast):
    summary = json.loads(run(SAMPLES / "huixing_2020_report.txt", "--org", "回兴街道", "--year", 2020, "--json"))
    assert summary["counts_per_level"] == {"1": 4, "2": 17, "3": 25}
    assert summary["headers"]["date"] == "2021年1月28日"
    first = summary["entries"][2]
    assert (first["number"], first["title"], first["level"]) == ("一、（一）1.", "完善内部制度建设", 3)
    assert WorkPlan.objects.filter(pk=summary["plan"]["id"], status=WorkPlan.Status.DRAFT).exists()


def test_unresolved_names_and_deadlines_are_in_the_summary(cast):
    summary = json.loads(run(DOCUMENTS / "plan_2021.txt", "--org", "回兴街道", "--year", 2021, "--json"))
    names = {(entry["field"], entry["name"]) for entry in summary["unresolved"]}
    assert ("cooperating_units", "某不存在的协会") in names and ("lead_leaders", "张书记") in names
    study = next(entry for entry in summary["entries"] if entry["title"] == "加强理论学习")
    assert study["deadline"] == "2021-12-31" and study["lead_units"] == ["党政办"]


def test_dry_run_writes_nothing(cast):
    before = WorkPlan.objects.count()
    output = run(DOCUMENTS / "plan_2021.txt", "--org", "回兴街道", "--year", 2021, "--dry-run")
    assert "7 个事项" in output and WorkPlan.objects.count() == before


def test_a_word_document_with_paragraphs_and_a_table(cast, tmp_path):
    document = docx.Document()
    document.add_paragraph("回兴街道2021年重点任务分解表")
    table = document.add_table(rows=3, cols=5)
    for row, cells in zip(
        table.rows,
        [
            ["序号", "工作任务", "牵头单位", "责任单位", "完成时限"],
            ["1", "推进依法决策", "司法所", "各社区", "2021年6月底前"],
            ["2", "加强执法监督", "党政办", "司法所", "长期坚持"],
        ],
        strict=True,
    ):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    path = tmp_path / "分解表.docx"
    document.save(path)
    summary = json.loads(run(path, "--org", "回兴街道", "--year", 2021, "--json"))
    entries = [(e["number"], e["title"], e["lead_units"], e["deadline"]) for e in summary["entries"]]
    assert entries == [("1", "推进依法决策", ["司法所"], "2021-06-30"), ("2", "加强执法监督", ["党政办"], None)]
    assert summary["headers"]["title"] == "回兴街道2021年重点任务分解表"


def test_bad_input_is_a_clear_error(cast, tmp_path):
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="是空的"):
        run(empty, "--org", "回兴街道", "--year", 2021)
    with pytest.raises(CommandError, match="没有找到唯一的单位"):
        run(DOCUMENTS / "plan_2021.txt", "--org", "不存在街道", "--year", 2021)


def test_json_lists_each_entrys_assignments_with_their_roles(cast, tmp_path):
    path = tmp_path / "要点.txt"
    path.write_text("一、依法行政\n1.推进依法决策。\n牵头单位：司法所；责任单位：各社区；配合单位：党政办、兴科社区\n")
    summary = json.loads(run(path, "--org", "回兴街道", "--year", 2021, "--json"))
    heading, decision = summary["entries"]
    assert heading["assignments"] == []  # a heading is handed to nobody
    assert decision["assignments"] == [
        {"unit": "司法所", "role": "lead"},
        {"group": "各社区", "role": "responsible"},
        {"unit": "党政办", "role": "cooperating"},
        {"unit": "兴科社区", "role": "cooperating"},
    ]
    assert decision["responsible_units"] == ["各社区"]  # what the document wrote, as before


def test_json_assignments_leave_unknown_names_to_the_unresolved_list(cast):
    summary = json.loads(run(DOCUMENTS / "plan_2021.txt", "--org", "回兴街道", "--year", 2021, "--json"))
    by_title = {entry["title"]: entry["assignments"] for entry in summary["entries"]}
    assert by_title["加强理论学习"] == [{"unit": "党政办", "role": "lead"}, {"group": "各社区", "role": "responsible"}]
    assert by_title["开展专题培训"] == [{"unit": "司法所", "role": "lead"}]  # 区司法局, 综治中心: unknown
    assert by_title["严格落实重大行政决策程序规定"] == [
        {"unit": "党政办", "role": "responsible"},
        {"unit": "司法所", "role": "responsible"},
    ]


def test_the_text_summary_names_the_set_aside_sheet_without_a_line(cast, tmp_path):
    from responsibility.importing.xlsx import export_plan
    from tests.workflow.drive import item_at

    item_at(cast, "deploy")
    path = tmp_path / "清单.xlsx"
    path.write_bytes(export_plan(cast.plan))
    output = run(path, "--org", "回兴街道", "--year", 2020)
    assert "1 个事项" in output
    assert "  “分办表”是分办表，未重复导入" in output and "第 0 行" not in output
