"""A 区 城市更新重点项目 倒排工期计划表 workbook: the title merged across; TWO header rows (序号, 项目名称,
建设内容, 责任单位, 配合单位, 备注 merged down over both; 节点一 / 节点二 / 节点三 each merged across the first
row over a PAIR of columns 工作内容 | 完成时间 in the second); no categories; each project's milestones are
three (content, date) pairs, the last filled node's date being the project's deadline ('/' in both cells
of a node not planned); dates written 2025.4.30, 2025年5月20日, 4月底 / 9月底 and 2025-10-31 in one table;
'/' for no cooperating unit; a 备注 column of remarks."""

from .sheets import workbook

SHEET = "倒排工期"
HEADER_ROW = 2

ROWS = [
    ["石湖区2025年城市更新重点项目倒排工期计划表", "", "", "", "", "", "", "", "", "", "", ""],
    ["序号", "项目名称", "建设内容", "责任单位", "配合单位", "节点一", "", "节点二", "", "节点三", "", "备注"],
    ["", "", "", "", "", "工作内容", "完成时间", "工作内容", "完成时间", "工作内容", "完成时间", ""],
    [
        1,
        "人民路片区老旧小区改造",
        "改造老旧小区6个，惠及居民1320户",
        "区住建局",
        "人民路街道",
        "完成设计及施工招标",
        "2025.4.30",
        "全面开工建设",
        "2025.6.15",
        "完工验收",
        "2025.11.30",
        "市级民生实事",
    ],
    [
        2,
        "滨河路雨污分流改造",
        "新建雨污分流管网12.5公里",
        "区水务局",
        "区城管局",
        "完成施工图审查",
        "2025年4月20日",
        "管网铺设完成",
        "2025年8月31日",
        "路面恢复通车",
        "2025年10月31日",
        "",
    ],
    [
        3,
        "石湖公园提质改造",
        "改造绿地3.6万平方米，新建游步道2公里",
        "区园林绿化中心",
        "/",
        "方案批复",
        "4月底",
        "主体工程完工",
        "9月底",
        "/",
        "/",
        "汛期暂停水下施工",
    ],
    [
        4,
        "城区智慧停车系统建设",
        "接入公共停车泊位3000个",
        "区城管局",
        "区公安分局交警大队",
        "平台上线试运行",
        "2025-07-01",
        "泊位接入完成",
        "2025-10-31",
        "全面投入运行",
        "2025-12-31",
        "",
    ],
    [
        5,
        "农贸市场标准化改造",
        "改造提升农贸市场4个",
        "区商务局",
        "区市场监管局、相关街道",
        "完成选址评估",
        "2025.5.31",
        "改造完工",
        "2025.12.20",
        "/",
        "/",
        "",
    ],
]

MERGES = ["A1:L1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:E3", "F2:G2", "H2:I2", "J2:K2", "L2:L3"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
