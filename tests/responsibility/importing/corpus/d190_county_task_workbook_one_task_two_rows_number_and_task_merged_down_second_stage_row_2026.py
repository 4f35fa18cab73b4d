"""A 县 重点任务清单 workbook where ONE TASK SPANS TWO ROWS: 序号 and 重点任务 merged down over two rows, the
second row adding a second stage (its own 责任单位 and 完成时限); the task's deadline is the later stage's."""

from .sheets import workbook

SHEET = "任务清单"
HEADER_ROW = 2

ROWS = [
    ["柳溪县2026年城乡供水一体化重点任务清单", "", "", "", ""],
    ["序号", "重点任务", "阶段目标", "责任单位", "完成时限"],
    ["1", "建设县城第二水厂", "完成主体工程建设", "县水务局", "2026年6月底前"],
    ["", "", "通水试运行，日供水能力达到5万吨", "县水务局、县供水公司", "2026年10月底前"],
    ["2", "改造农村供水管网", "完成管网改造120公里", "县水务局", "2026年9月底前"],
    ["", "", "完成验收并移交管护", "各乡镇人民政府", "2026年12月底前"],
    ["3", "建立农村供水水质检测制度", "每季度开展一次水质抽检", "县卫健局", "长期坚持"],
]

MERGES = ["A1:E1", "A3:A4", "B3:B4", "A5:A6", "B5:B6"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
