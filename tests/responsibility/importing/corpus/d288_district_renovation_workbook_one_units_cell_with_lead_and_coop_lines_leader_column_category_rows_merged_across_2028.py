"""A 区 workbook whose 责任单位 column holds BOTH ROLES IN ONE CELL on two lines (“牵头：…” then “配合：…”),
a 责任领导 column of posts before it, and category rows (一、二、) merged across the whole row."""

from .sheets import workbook

SHEET = "任务表"
HEADER_ROW = 2

ROWS = [
    ["沙河区2028年城镇老旧小区改造重点任务表", "", "", "", ""],
    ["序号", "工作任务", "责任领导", "责任单位", "完成时限"],
    ["一、改造提升", "", "", "", ""],
    ["1", "完成42个老旧小区基础类改造", "分管副区长", "牵头：区住建局\n配合：各街道办事处", "2028年11月30日"],
    ["2", "加装电梯60部", "分管副区长", "牵头：区住建局\n配合：区市场监管局、区自然资源局", "2028年12月31日"],
    ["二、长效管理", "", "", "", ""],
    ["3", "推行老旧小区物业服务全覆盖", "分管副区长", "牵头：区住建局\n配合：各街道办事处", "2028年10月31日"],
    ["4", "建立改造项目质量回访制度", "分管副区长", "区住建局", "2028年6月30日"],
]

MERGES = ["A1:E1", "A3:E3", "A6:E6"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
