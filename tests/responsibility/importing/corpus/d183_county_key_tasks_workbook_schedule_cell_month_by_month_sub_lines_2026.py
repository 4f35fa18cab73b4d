"""A 县 重点任务推进表 as a workbook: title merged over the first row, header on row 2 (序号 | 重点任务 |
月度推进安排 | 牵头单位 | 配合单位 | 完成时限); the schedule cell holds month-by-month sub-lines
(3月：…；6月：…；9月：…), the item's schedule, not items of their own; deadlines written 二季度末, 汛期前
(the county's flood season starts on 6月1日, so 5月31日), 年底前."""

from .sheets import workbook

SHEET = "推进表"
HEADER_ROW = 2

ROWS = [
    ["云溪县2026年重点任务推进表", "", "", "", "", ""],
    ["序号", "重点任务", "月度推进安排", "牵头单位", "配合单位", "完成时限"],
    [
        "1",
        "实施城区防洪堤加固工程。加固堤防3.6公里。",
        "3月：完成施工招标；\n4月：全面开工；\n5月：主体完工",
        "县水利局",
        "县财政局",
        "汛期前（5月31日）",
    ],
    [
        "2",
        "建设县域医共体信息平台。",
        "3月：完成方案论证；\n6月：完成系统部署",
        "县卫健局",
        "县大数据中心",
        "二季度末",
    ],
    [
        "3",
        "新建高标准农田。新建高标准农田2.5万亩。",
        "3月：完成规划设计；\n6月：完成招标；\n9月：完成主体工程；\n12月：完成验收",
        "县农业农村局",
        "县自然资源局、各乡镇",
        "年底前",
    ],
]

MERGES = ["A1:F1"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
