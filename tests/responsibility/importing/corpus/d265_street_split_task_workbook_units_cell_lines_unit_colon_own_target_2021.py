"""A 街道 分办 workbook: each task one row, the 责任单位及任务 cell holding one line per unit, '单位：目标'
(line breaks inside the cell), one 完成时限 for the task."""

from .sheets import workbook

SHEET = "Sheet1"
HEADER_ROW = 2

ROWS = [
    ["南湖街道2021年人居环境整治任务分解表", "", "", ""],
    ["序号", "工作任务", "责任单位及任务", "完成时限"],
    ["1", "清理背街小巷卫生死角", "城管办：清理死角120处\n各社区：建立巡查台账", "2021年5月31日"],
    ["2", "整治占道经营", "城管办：规范摊点80个\n市场监管所：查处无照经营\n派出所：配合执法", "2021年7月31日"],
    ["3", "开展爱国卫生月活动", "各社区：每月开展活动1次", "长期坚持"],
]

MERGES = ["A1:D1"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
