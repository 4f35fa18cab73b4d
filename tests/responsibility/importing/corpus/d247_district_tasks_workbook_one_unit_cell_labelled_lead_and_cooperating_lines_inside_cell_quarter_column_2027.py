"""A 区 重点任务 workbook whose ONE 责任单位 cell holds both roles on two lines inside the cell
(牵头：… / 配合：…), and a 完成时间 column given by quarter (第二季度, 第四季度)."""

from .sheets import workbook

SHEET = "Sheet1"
HEADER_ROW = 2

ROWS = [
    ["云岭区2027年营商环境优化提升重点任务表", "", "", ""],
    ["序号", "重点任务", "责任单位", "完成时间"],
    ["1", "企业开办全流程压缩至1个工作日内", "牵头：区市场监管局\n配合：区税务局、区人社局", "第二季度"],
    ["2", "实现工程建设项目审批“一网通办”", "牵头：区住建局\n配合：区行政审批局", "第三季度"],
    ["3", "开展涉企收费专项清理", "牵头：区发改局\n配合：区财政局、区市场监管局", "第四季度"],
    ["4", "建立常态化政企沟通机制", "区工商联", "长期"],
]

MERGES = ["A1:D1"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
