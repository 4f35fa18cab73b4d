"""The 附表 of a 市 数字经济 实施方案 as an .xlsx: 附表 alone in A1, the title merged across A2:G2,
the header on ROW 3 with TWO numbering columns: 序号 (the Chinese ordinal 一/二/三 of a 重点任务,
merged down over its rows with the 重点任务's name) and 编号 (1-1, 1-2, 2-1 … the measure's own code
continuing the task's number); one 重点任务 of a single row; a 配合单位 '/' for none; a 备注 row
merged across at the foot."""

from .sheets import workbook

SHEET = "附表"
HEADER_ROW = 3

ROWS = [
    ["附表", "", "", "", "", "", ""],
    ["鹭江市2026年数字经济高质量发展重点任务分工表", "", "", "", "", "", ""],
    ["序号", "重点任务", "编号", "工作举措", "牵头单位", "配合单位", "完成时限"],
    [
        "一",
        "夯实数字基础设施",
        "1-1",
        "加快5G网络深度覆盖。新建5G基站1500个。",
        "市工信局",
        "市通信发展办",
        "2026年10月底前",
    ],
    ["", "", "1-2", "建设城市算力调度平台。算力规模达到2000P。", "市数据局", "市发改委、市工信局", "2026年12月底前"],
    ["", "", "1-3", "推进千兆光网进小区。", "市通信发展办", "/", "2026年6月30日"],
    [
        "二",
        "壮大数字产业",
        "2-1",
        "培育软件和信息服务业。软件业务收入增长12%以上。",
        "市工信局",
        "市科技局",
        "2026年12月底前",
    ],
    [
        "",
        "",
        "2-2",
        "建设数字经济产业园。新引进数字经济企业不少于80家。",
        "市商务局",
        "各区人民政府",
        "2026年第三季度",
    ],
    [
        "三",
        "推进产业数字化转型",
        "3-1",
        "实施中小企业数字化转型城市试点。完成改造企业300家。",
        "市工信局",
        "市财政局",
        "持续推进",
    ],
    ["备注：各牵头单位于每月5日前将上月进展报市数字经济发展领导小组办公室。", "", "", "", "", "", ""],
]
MERGES = ["A1:G1", "A2:G2", "A4:A6", "B4:B6", "A7:A8", "B7:B8", "A10:G10"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
