"""A 区 任务台账 workbook whose unit cells hold CIRCLED CODES (①③) explained by a legend row merged across
at the bottom (单位代码：①区教育局 ②区卫健局 …); the clerk writes the units the codes stand for."""

from .sheets import workbook

SHEET = "台账"
HEADER_ROW = 2

ROWS = [
    ["南岭区2028年民生实事任务台账", "", "", "", ""],
    ["序号", "民生实事", "牵头单位", "配合单位", "完成时间"],
    ["1", "新建改扩建中小学校4所", "①", "③⑤", "2028年8月31日"],
    ["2", "新增婴幼儿托位600个", "②", "①④", "2028年12月31日"],
    ["3", "改造提升农贸市场8个", "④", "⑤", "2028年10月31日"],
    ["4", "建设社区嵌入式养老服务站10个", "⑥", "②③", "2028年11月30日"],
    ["单位代码：①区教育局 ②区卫健局 ③区财政局 ④区商务局 ⑤区住建局 ⑥区民政局", "", "", "", ""],
]

MERGES = ["A1:E1", "A7:E7"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
