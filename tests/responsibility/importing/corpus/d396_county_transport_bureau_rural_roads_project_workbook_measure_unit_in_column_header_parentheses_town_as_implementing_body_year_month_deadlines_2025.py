"""A 县交通运输局 农村公路建设项目计划表 workbook: the title merged across, a unit line (单位：公里、万元)
merged across on row 2, the header on row 3 序号 | 项目名称 | 建设性质 | 所在乡镇 | 建设规模（公里） |
计划投资（万元） | 实施主体 | 计划完工时间 | 备注; the measure unit of the size and of the money is given once, in
the HEADER's parentheses, the cells hold bare numbers; the 实施主体 is a 乡镇人民政府 or the 县公路事业发展中心;
completion as year and month strings (2025年10月)."""

from .sheets import workbook

SHEET = "项目表"
HEADER_ROW = 3

ROWS = [
    ["平川县2025年农村公路建设项目计划表", "", "", "", "", "", "", "", ""],
    ["单位：公里、万元", "", "", "", "", "", "", "", ""],
    [
        "序号",
        "项目名称",
        "建设性质",
        "所在乡镇",
        "建设规模（公里）",
        "计划投资（万元）",
        "实施主体",
        "计划完工时间",
        "备注",
    ],
    [1, "柳湾至石桥村道提质改造", "改建", "柳湾镇", 6.8, 544, "柳湾镇人民政府", "2025年10月", ""],
    [2, "县道X203线路面大中修", "大中修", "河口乡", 12.5, 1250, "县公路事业发展中心", "2025年9月", "省补项目"],
    [3, "红旗村至水库连接线新建", "新建", "红旗镇", 3.2, 416, "红旗镇人民政府", "2025年11月", ""],
    [4, "乡道Y015线安全生命防护工程", "安防", "河口乡", 18, 270, "河口乡人民政府", "2025年8月", "含波形护栏"],
    [5, "危桥改造（龙潭桥）", "改建", "龙潭镇", 0.12, 360, "县公路事业发展中心", "2025年12月", ""],
]

MERGES = ["A1:I1", "A2:I2"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
