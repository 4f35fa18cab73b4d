"""A 区 任务台账 workbook whose unit cells carry a CONTACT AND MOBILE NUMBER in brackets beside each unit
("区住建局（联系人：张某 13812345678）"), the cooperating cell too, and one cell two units each with its
own contact; the contacts and numbers are not part of the unit names."""

from .sheets import workbook

SHEET = "任务台账"
HEADER_ROW = 2

ROWS = [
    ["东湖区2024年城市精细化管理提升行动任务台账", "", "", "", ""],
    ["序号", "工作任务", "牵头单位（联系人及电话）", "配合单位（联系人及电话）", "完成时限"],
    ["1", "完成背街小巷改造45条", "区住建局（联系人：张某 13812345678）", "各街道办事处", "2024年10月31日前"],
    [
        "2",
        "新增公共停车泊位2000个",
        "区城管局（联系人：李某某 13905551234）",
        "区公安分局交警大队（联系人：王某 0571-86001234）",
        "2024年12月31日前",
    ],
    [
        "3",
        "开展占道经营专项整治",
        "区城管局（联系人：李某某 13905551234）",
        "区市场监管局（联系人：赵某 13700001111）、各街道办事处",
        "2024年6月30日前",
    ],
    [
        "4",
        "建成垃圾分类示范小区30个",
        "区城管局（联系人：陈某 15966668888）、区住建局（联系人：张某 13812345678）",
        "",
        "2024年11月30日前",
    ],
    ["5", "建立城市管理问题“随手拍”处置机制", "区大数据中心（联系人：周某，电话：88015566）", "区城管局", "长期坚持"],
]

MERGES = ["A1:E1"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
