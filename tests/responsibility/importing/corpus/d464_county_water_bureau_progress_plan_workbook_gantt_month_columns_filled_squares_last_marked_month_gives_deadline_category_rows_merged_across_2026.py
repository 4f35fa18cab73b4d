"""A 县水利局 重点工作推进计划表 drawn as a bar chart in a workbook (横道图): the title merged across
row 1; a two-row header, 序号 | 工作内容 | 责任股室 | 责任人 merged down rows 2–3 and
计划进度（■为实施月份） merged across twelve month columns, 1月 … 12月 on row 3; each task's months
of work marked ■, no deadline column (the last marked month is when the work is done); category rows
一、二、 merged across the whole width; 责任人 a person."""

from .sheets import workbook

SHEET = "推进计划"
HEADER_ROW = 2

M = "■"


def _months(first: int, last: int) -> list[str]:
    return [M if first <= month <= last else "" for month in range(1, 13)]


ROWS = [
    ["凤台县水利局2026年重点工作推进计划表", *[""] * 15],
    ["序号", "工作内容", "责任股室", "责任人", "计划进度（■为实施月份）", *[""] * 11],
    ["", "", "", "", *[f"{month}月" for month in range(1, 13)]],
    ["一、水利工程建设", *[""] * 15],
    [1, "实施小型水库除险加固工程，完成病险水库除险加固6座。", "建设管理股", "李振华", *_months(1, 5)],
    [2, "推进农村供水保障工程，新建改造供水管网120公里。", "农村水利股", "陈晓东", *_months(3, 10)],
    [3, "开展中小河流治理，治理河长28公里。", "河湖管理股", "周敏", *_months(2, 11)],
    ["二、水旱灾害防御", *[""] * 15],
    [4, "修订完善全县山洪灾害防御预案。", "水旱灾害防御股", "王建国", *_months(2, 4)],
    [5, "开展汛前水利工程安全隐患排查整治。", "水旱灾害防御股", "王建国", *_months(3, 5)],
    [6, "组织防汛抢险应急演练2次。", "水旱灾害防御股、建设管理股", "王建国", *_months(5, 7)],
]

MERGES = ["A1:P1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:P2", "A4:P4", "A8:P8"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
