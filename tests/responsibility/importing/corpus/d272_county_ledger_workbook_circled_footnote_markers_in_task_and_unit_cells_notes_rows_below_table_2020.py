"""A 县 工作台账 workbook: task and unit cells carry circled footnote markers (①②③), and below the
table, after an empty row, one notes row per marker ('① …'), each merged across: not items."""

from .sheets import workbook

SHEET = "台账"
HEADER_ROW = 2

ROWS = [
    ["平阳县2020年农村饮水安全巩固提升工作台账", "", "", "", ""],
    ["序号", "工作内容", "责任单位", "配合单位", "完成时间"],
    ["1", "新建改造农村供水工程25处①", "县水利局", "各乡镇人民政府", "2020年10月31日"],
    ["2", "农村自来水普及率达到92%", "县水利局", "县卫健局②", "2020年12月31日"],
    ["3", "开展水质季度检测③", "县卫健局", "县水利局", "每季度末"],
    ["4", "落实供水工程管护经费", "县财政局", "县水利局", "2020年6月30日"],
    ["", "", "", "", ""],
    ["① 含规模化供水工程3处。", "", "", "", ""],
    ["② 县疾控中心具体承担检测任务。", "", "", "", ""],
    ["③ 检测结果于次月10日前报县政府。", "", "", "", ""],
]

MERGES = ["A1:E1", "A8:E8", "A9:E9", "A10:E10"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
