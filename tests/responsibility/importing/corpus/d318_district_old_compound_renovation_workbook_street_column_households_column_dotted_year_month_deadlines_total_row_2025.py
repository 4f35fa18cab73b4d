"""A 区 城镇老旧小区改造计划表 as an .xlsx: 附件2 on the first row, the title merged across the second,
the header on ROW 3: 序号 | 所属街道 | 小区名称 | 建成年代 | 改造户数（户） | 主要改造内容 | 实施主体 |
计划完工时间; the 所属街道 repeated on every row (where the compound lies, not a role), the households
as a bare number under a header that carries the unit, 计划完工时间 written with a dot (2025.10, 2025.9),
and a 合计 row at the bottom."""

from .sheets import workbook

SHEET = "改造计划"
HEADER_ROW = 3

ROWS = [
    ["附件2", "", "", "", "", "", "", ""],
    ["临湖区2025年城镇老旧小区改造计划表", "", "", "", "", "", "", ""],
    ["序号", "所属街道", "小区名称", "建成年代", "改造户数（户）", "主要改造内容", "实施主体", "计划完工时间"],
    [1, "湖滨街道", "桃园新村", "1992年", 386, "雨污分流、屋面防水、加装电梯4部", "湖滨街道办事处", "2025.10"],
    [2, "湖滨街道", "纺机宿舍", "1988年", 124, "外墙保温、管网改造、增设充电桩", "湖滨街道办事处", "2025.9"],
    [3, "湖滨街道", "人民路12号院", "1990年", 58, "屋面防水、楼道照明改造", "区住建局", "2025.8"],
    [4, "新城街道", "粮食局家属院", "1995年", 210, "雨污分流、弱电入地、停车位改造", "区城投集团", "2025.11"],
    [5, "新城街道", "东风小区", "1993年", 472, "管网改造、加装电梯6部、适老化改造", "区城投集团", "2025.12"],
    ["合计", "", "", "", 1250, "", "", ""],
]

MERGES = ["A2:H2", "A9:D9"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
