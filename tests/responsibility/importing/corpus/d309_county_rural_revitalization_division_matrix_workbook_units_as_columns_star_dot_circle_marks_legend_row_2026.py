"""A 县委农办 乡村振兴 责任分工 workbook laid out as a MATRIX: the tasks in rows, the units as column
headers, and a mark in a task's row under each unit it involves (★ lead, ● responsible, ○ cooperating),
the legend in a 注 row merged across at the end."""

from .sheets import workbook

SHEET = "分工表"
HEADER_ROW = 3

ROWS = [
    ["附件2", "", "", "", "", "", "", "", ""],
    ["丰源县2026年乡村振兴重点任务责任分工表", "", "", "", "", "", "", "", ""],
    [
        "序号",
        "重点任务",
        "完成时限",
        "县农业农村局",
        "县财政局",
        "县水利局",
        "县自然资源局",
        "县乡村振兴局",
        "各乡镇人民政府",
    ],
    ["1", "新建高标准农田3万亩", "2026年11月底", "★", "○", "○", "○", "", "●"],
    ["2", "粮食播种面积稳定在62万亩以上", "2026年10月底", "★", "", "", "", "", "●"],
    ["3", "完成农村供水保障工程12处", "2026年12月底", "", "○", "★", "", "", "●"],
    ["4", "健全防止返贫动态监测和帮扶机制，确保不发生规模性返贫", "长期", "○", "○", "", "", "★", "●"],
    ["5", "完成农村卫生户厕改造1500户", "2026年9月底", "★", "", "", "", "", "●"],
    ["6", "盘活利用农村闲置宅基地200宗", "2026年12月底", "○", "", "", "★", "", "●"],
    ["注：★为牵头单位，●为责任单位，○为配合单位。", "", "", "", "", "", "", "", ""],
]

MERGES = ["A2:I2", "A10:I10"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
