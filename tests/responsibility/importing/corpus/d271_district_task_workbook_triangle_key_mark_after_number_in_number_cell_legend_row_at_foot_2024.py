"""A 区 任务分解 workbook: the number cell of a KEY task carries ▲ after the number ('2▲'), and a legend row
merged across at the foot ('注：标▲的为区政府重点督办事项。'), not an item."""

from .sheets import workbook

SHEET = "任务分解"
HEADER_ROW = 2

ROWS = [
    ["东湖区2024年生态环境保护重点任务分解表", "", "", "", ""],
    ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
    ["一、大气污染防治", "", "", "", ""],
    ["1", "淘汰国三及以下排放标准柴油货车300辆", "区生态环境分局", "区交通运输局、区公安分局", "2024年11月底前"],
    ["2▲", "完成工业炉窑深度治理15台", "区生态环境分局", "区工信局", "2024年9月30日前"],
    ["二、水污染防治", "", "", "", ""],
    ["3▲", "消除城市黑臭水体4条", "区水务局", "区城管局、相关街道", "2024年10月底前"],
    ["4", "开展入河排污口排查整治", "区生态环境分局", "区水务局", "全年"],
    ["注：标▲的为区政府重点督办事项。", "", "", "", ""],
]

MERGES = ["A1:E1", "A3:E3", "A6:E6", "A9:E9"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
