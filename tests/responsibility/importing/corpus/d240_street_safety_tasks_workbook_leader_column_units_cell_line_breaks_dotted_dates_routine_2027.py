"""A 街道 安全生产 任务分解 workbook: a 分管领导 column, 责任科室 cells holding several offices on separate lines
(the first the lead, the rest after a line break, marked 配合), deadlines written with dots (2027.6.30, 2027.12)
and once 常态化."""

from .sheets import workbook

SHEET = "任务分解"
HEADER_ROW = 3

ROWS = [
    ["金桥街道2027年安全生产重点工作任务分解表", "", "", "", "", ""],
    ["填报单位：金桥街道平安办", "", "", "", "", ""],
    ["序号", "工作任务", "具体措施", "分管领导", "责任科室", "时间节点"],
    [
        "1",
        "开展九小场所消防安全整治",
        "排查整治九小场所不少于600家，消除电动自行车违规充电隐患",
        "王建国",
        "平安办\n配合：城管办、各社区",
        "2027.6.30",
    ],
    [
        "2",
        "推进燃气安全专项治理",
        "完成老旧燃气管道改造3.5公里，餐饮场所燃气报警器安装率达到100%",
        "李红",
        "城建办\n配合：市场监管所",
        "2027.9.30",
    ],
    ["3", "加强有限空间作业监管", "建立辖区有限空间作业单位台账，开展专项执法检查", "王建国", "平安办", "2027.12"],
    [
        "4",
        "组织安全生产宣传培训",
        "开展“安全生产月”活动，培训企业负责人和安全管理人员200人次",
        "张磊",
        "党政办\n配合：平安办",
        "常态化",
    ],
]

MERGES = ["A1:F1", "A2:F2"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
