"""A 区 重点任务 workbook with a 完成标志 (completion criteria) column and a 验收单位 (acceptance unit)
column beside 牵头单位 and 责任单位: the acceptance unit checks the work, it is not assigned it."""

from .sheets import workbook

SHEET = "任务清单"
HEADER_ROW = 2

ROWS = [
    ["临江区2027年城市更新重点任务清单", "", "", "", "", "", ""],
    ["序号", "重点任务", "完成标志", "牵头单位", "责任单位", "验收单位", "完成时限"],
    ["1", "改造老旧小区32个", "通过竣工验收", "区住建局", "各街道办事处", "区城市更新办", "2027年10月底前"],
    ["2", "新建口袋公园8处", "公园建成开放", "区城管局", "相关街道办事处", "区城市更新办", "2027年9月30日"],
    ["3", "完成背街小巷整治45条", "整治台账销号", "区城管局", "各街道办事处", "区督查室", "2027年11月底前"],
    ["4", "建立城市更新项目库", "项目库印发", "区发改局", "区住建局、区自然资源分局", "区政府办", "2027年6月底前"],
]

MERGES = ["A1:G1"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
