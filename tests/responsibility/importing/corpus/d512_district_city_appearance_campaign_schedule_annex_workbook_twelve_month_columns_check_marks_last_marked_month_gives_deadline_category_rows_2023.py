"""A 区 市容环境综合整治 方案's 附表 as a workbook: "附表" on row 1, the title merged across row 2, the header on
row 3 序号 | 整治任务 | 牵头单位 | 配合单位 | 1月 | 2月 | … | 12月, with NO 完成时限 column: each task is ticked ✓
in the months it is worked on, the last ticked month giving its deadline (some ticked in runs, one every
quarter's last month); three category rows 一、…三、 merged across; tasks numbered through."""

from .sheets import workbook

SHEET = "进度安排"
HEADER_ROW = 3

MONTHS = [f"{month}月" for month in range(1, 13)]


def ticks(*months: int) -> list[str]:
    return ["✓" if month in months else "" for month in range(1, 13)]


def category(text: str) -> list[str]:
    return [text, *[""] * 15]


ROWS = [
    ["附表", *[""] * 15],
    ["南湖区2023年市容环境综合整治行动进度安排表", *[""] * 15],
    ["序号", "整治任务", "牵头单位", "配合单位", *MONTHS],
    category("一、道路环境整治"),
    [1, "整治主次干道占道经营", "区城管执法局", "各街道", *ticks(3, 4, 5, 6)],
    [2, "规范非机动车停放秩序", "区交警大队", "区城管执法局、各街道", *ticks(4, 5, 6, 7, 8)],
    [3, "修复破损人行道和盲道", "区市政园林局", "", *ticks(5, 6, 7, 8, 9)],
    [4, "清理道路两侧违规广告牌匾", "区城管执法局", "区市场监管局", *ticks(3, 4)],
    category("二、背街小巷和老旧小区整治"),
    [5, "开展背街小巷环境提升", "区住房城乡建设局", "各街道", *ticks(4, 5, 6, 7, 8, 9, 10)],
    [6, "整治老旧小区“飞线”充电", "区应急管理局", "区供电公司、各街道", *ticks(6, 7)],
    [7, "拆除小区违法建设", "区城管执法局", "区自然资源分局、各街道", *ticks(5, 6, 7, 8, 9, 10, 11)],
    category("三、水体和绿化整治"),
    [8, "清理河道沿岸垃圾", "区水务局", "各街道", *ticks(3, 6, 9, 12)],
    [9, "补植补种道路绿化", "区市政园林局", "", *ticks(3, 4, 10, 11)],
    [10, "整治餐饮油烟和污水直排", "区生态环境分局", "区市场监管局、区城管执法局", *ticks(7, 8)],
]

MERGES = ["A2:P2", "A4:P4", "A9:P9", "A13:P13"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
