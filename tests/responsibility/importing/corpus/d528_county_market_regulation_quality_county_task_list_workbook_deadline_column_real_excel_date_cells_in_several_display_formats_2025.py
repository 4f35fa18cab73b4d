"""A 县市场监督管理局 质量强县 重点任务清单 workbook whose 完成时限 column holds REAL EXCEL DATE CELLS, as
Excel makes them when a date is typed: most shown yyyy/m/d (2025/6/30), one typed 2025-12-31 and kept in
that format, two typed as a bare month (2025年9月, 2025年10月) that Excel stored as the FIRST of that month
and shows yyyy"年"m"月", one typed 11月15日 stored in the current year and shown m"月"d"日"; the rest text
(长期坚持, 2025年12月底前). ROWS hold what Excel shows (and copies); ``build`` writes the dates as dates."""

import datetime
import io

from openpyxl import Workbook

from .sheets import fill

SHEET = "任务清单"
HEADER_ROW = 2

ROWS = [
    ["松阳县2025年质量强县建设重点任务清单", "", "", "", "", ""],
    ["序号", "重点任务", "工作目标", "责任股室", "配合单位", "完成时限"],
    [
        1,
        "开展质量提升行动",
        "培育县级以上质量标杆企业5家，制造业产品质量合格率达到94%以上。",
        "质量发展股",
        "县经济商务局",
        "2025/11/30",
    ],
    [2, "实施标准化战略", "主导或参与制修订国家、行业和地方标准6项。", "标准化股", "县发展改革局", "2025/12/31"],
    [3, "推进品牌建设", "新增“丽水山耕”等区域公用品牌授权企业10家。", "质量发展股", "县农业农村局", "2025年9月"],
    [
        4,
        "建设质量基础设施“一站式”服务站",
        "在县经济开发区建成质量基础设施一站式服务站1个。",
        "计量股",
        "县经济开发区管委会",
        "2025/6/30",
    ],
    [
        5,
        "开展民生计量专项检查",
        "对集贸市场在用计量器具开展强制检定，受检率100%。",
        "计量股",
        "各乡镇人民政府",
        "11月15日",
    ],
    [
        6,
        "加强重点工业产品质量监督抽查",
        "完成工业产品质量监督抽查批次不少于120批次。",
        "产品质量安全监管股",
        "",
        "2025-12-31",
    ],
    [
        7,
        "开展小微企业质量管理体系认证提升",
        "帮扶小微企业通过质量管理体系认证30家。",
        "认证认可股",
        "县经济商务局",
        "2025年10月",
    ],
    [8, "推行首席质量官制度", "规模以上工业企业首席质量官设置率达到60%。", "质量发展股", "县经济商务局", "2025/9/30"],
    [9, "深化质量强县考核", "将质量工作纳入乡镇和部门年度综合考核。", "质量发展股", "县委组织部", "长期坚持"],
    [
        10,
        "开展“质量月”系列活动",
        "组织质量开放日、质量讲堂等活动不少于8场。",
        "质量发展股",
        "各乡镇人民政府",
        "2025年12月底前",
    ],
]

MERGES = ["A1:F1"]

# The cells Excel holds as dates: (row, column) → the stored date and the display format. A month typed
# alone is stored as its first day; a day typed without a year is stored in the year it was typed.
DATES = {
    (3, 6): (datetime.datetime(2025, 11, 30), "yyyy/m/d"),
    (4, 6): (datetime.datetime(2025, 12, 31), "yyyy/m/d"),
    (5, 6): (datetime.datetime(2025, 9, 1), 'yyyy"年"m"月"'),
    (6, 6): (datetime.datetime(2025, 6, 30), "yyyy/m/d"),
    (7, 6): (datetime.datetime(2025, 11, 15), 'm"月"d"日"'),
    (8, 6): (datetime.datetime(2025, 12, 31), "yyyy-mm-dd"),
    (9, 6): (datetime.datetime(2025, 10, 1), 'yyyy"年"m"月"'),
    (10, 6): (datetime.datetime(2025, 9, 30), "yyyy/m/d"),
}


def build() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    fill(sheet, ROWS, MERGES, HEADER_ROW)
    for (row, column), (value, number_format) in DATES.items():
        cell = sheet.cell(row=row, column=column)
        cell.value = value
        cell.number_format = number_format
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
