"""A 镇 工作台账 workbook: groups of tasks under category rows merged across, an EMPTY SPACER ROW and a
NOTES ROW merged across (注：…, not an item) between groups."""

from .sheets import workbook

SHEET = "台账"
HEADER_ROW = 2

ROWS = [
    ["白沙镇2025年乡村振兴重点工作台账", "", "", "", ""],
    ["序号", "工作任务", "责任单位", "配合单位", "完成时限"],
    ["一、产业发展", "", "", "", ""],
    ["1", "新建高标准农田3000亩", "农业服务中心", "各村民委员会", "2025年10月底前"],
    ["2", "培育农民专业合作社5家", "农业服务中心", "", "2025年12月底前"],
    ["注：高标准农田面积以县级验收数为准。", "", "", "", ""],
    ["", "", "", "", ""],
    ["二、乡村治理", "", "", "", ""],
    ["3", "修订完善村规民约", "党政办", "各村民委员会", "2025年6月底前"],
    ["4", "开展“美丽庭院”评选", "妇联", "", "2025年9月30日前"],
    ["注：评选结果报镇党委会审定。", "", "", "", ""],
    ["", "", "", "", ""],
]

MERGES = ["A1:E1", "A3:E3", "A6:E6", "A8:E8", "A11:E11"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
