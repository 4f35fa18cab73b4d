"""A 街道 工作台账 workbook with a 分管领导 column and a 责任人 column (people's names, not units)
beside the 责任科室 column, and deadlines typed as dotted numbers (2020.06, 2020.9.30)."""

from .sheets import workbook

SHEET = "台账"
HEADER_ROW = 2

ROWS = [
    ["南湖街道2020年重点工作台账", "", "", "", "", ""],
    ["序号", "工作内容", "分管领导", "责任科室", "责任人", "计划完成时间"],
    ["1", "完成辖区第七次全国人口普查入户登记", "王建平", "街道统计站", "刘芳", "2020.11.30"],
    ["2", "新建社区养老服务站2个", "陈丽", "街道社会事务办", "赵磊", "2020.09"],
    ["3", "推进老旧楼道照明改造", "王建平", "街道城建科", "孙浩", "2020.6"],
    ["4", "开展“平安南湖”创建活动", "李国强", "街道综治中心", "周敏", "2020.12"],
]

MERGES = ["A1:F1"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
