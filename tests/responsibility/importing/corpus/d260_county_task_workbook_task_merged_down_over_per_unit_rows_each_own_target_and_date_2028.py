"""A 县 任务分办表 workbook: 序号 and 工作任务 merged down over per-unit rows, each row a unit with its own
分解目标 and 完成时限 (分办: one task split among units)."""

from .sheets import workbook

SHEET = "分办表"
HEADER_ROW = 2

ROWS = [
    ["青川县2028年高标准农田建设任务分办表", "", "", "", ""],
    ["序号", "工作任务", "承办单位", "分解目标", "完成时限"],
    ["1", "新建高标准农田", "东河镇", "建成高标准农田1.2万亩", "2028年9月30日"],
    ["", "", "西坪乡", "建成高标准农田0.8万亩", "2028年10月31日"],
    ["", "", "县农业农村局", "完成项目验收", "2028年12月31日"],
    ["2", "推进农田灌溉设施配套", "县水利局", "新建灌溉渠道35公里", "2028年8月31日"],
    ["", "", "各乡镇", "完成渠系管护责任落实", "2028年11月30日"],
]

MERGES = ["A1:E1", "A3:A5", "B3:B5", "A6:A7", "B6:B7"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
