"""A 区防汛抗旱指挥部办公室 重点工作任务清单 workbook: category rows merged across, a 责任单位 cell holding
several units one a line (Alt+Enter breaks inside the cell, the first the lead by the header's rule), a
具体措施 cell of two numbered measures on two lines, and deadlines by quarter (二季度末, 第三季度)."""

from .sheets import workbook

SHEET = "Sheet1"
HEADER_ROW = 2

ROWS = [
    ["柳河区2027年防汛抗旱重点工作任务清单", "", "", "", ""],
    ["序号", "工作任务", "具体措施", "责任单位\n（第一个为牵头单位）", "完成时限"],
    ["一、汛前准备", "", "", "", ""],
    [
        "1",
        "完成病险水库除险加固",
        "1.完成小（1）型水库除险加固3座；\n2.同步完善雨水情测报设施。",
        "区水利局\n区财政局",
        "二季度末",
    ],
    [
        "2",
        "修订完善防汛应急预案",
        "1.修订区级防汛应急预案；\n2.指导各镇（街道）修订村级防汛预案。",
        "区应急管理局\n区水利局\n各镇（街道）",
        "第一季度",
    ],
    ["二、汛期应对", "", "", "", ""],
    [
        "3",
        "开展山洪灾害危险区转移演练",
        "1.组织危险区群众转移演练不少于20场；\n2.更新转移责任人名单。",
        "各镇（街道）\n区应急管理局",
        "第三季度",
    ],
    [
        "4",
        "储备防汛抢险物资",
        "1.补充编织袋5万条、救生衣2000件；\n2.建立物资调运台账。",
        "区应急管理局",
        "二季度末",
    ],
    [
        "5",
        "实施城区易涝点改造",
        "1.完成易涝点改造12处；\n2.汛期加密巡查。",
        "区住建局\n区城管局",
        "第四季度",
    ],
]

MERGES = ["A1:E1", "A3:E3", "A6:E6"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
