"""A 区 重点民生项目推进表 laid out TRANSPOSED, as offices do when a handful of projects are compared side by
side on one landscape page: the title merged across A1:E1, then each ROW is one field (序号, 项目名称,
建设内容及目标, 牵头单位, 责任单位, 配合单位, 计划完成时间, 分管区领导) with its label in column A, and each
COLUMN B–E is one project; a 注 row merged across at the foot."""

from .sheets import workbook

SHEET = "民生项目"
HEADER_ROW = 2

ROWS = [
    ["滨海区2027年重点民生项目推进表", "", "", "", ""],
    ["序号", 1, 2, 3, 4],
    [
        "项目名称",
        "建设滨海区第二人民医院",
        "实施中小学食堂“明厨亮灶”工程",
        "增加城区公共停车泊位",
        "建设社区嵌入式托育点",
    ],
    [
        "建设内容及目标",
        "新增床位500张，年内完成主体工程封顶",
        "全区86所中小学食堂全部完成“明厨亮灶”改造",
        "新增公共停车泊位3000个",
        "建成社区嵌入式托育点10个，新增托位300个",
    ],
    ["牵头单位", "区卫生健康委", "区教育局", "区住房城乡建设局", "区卫生健康委"],
    ["责任单位", "区城投集团", "各中小学", "各街道", "各街道"],
    ["配合单位", "区发展改革委、区自然资源局", "区市场监管局", "公安滨海分局交警大队、区城管局", "区妇联"],
    ["计划完成时间", "2027年12月31日", "2027年8月31日", "2027年11月30日", "2027年10月31日"],
    ["分管区领导", "张敏", "刘洋", "陈东", "张敏"],
    ["注：各项目每月5日前由牵头单位将上月进展报区政府督查室。", "", "", "", ""],
]

MERGES = ["A1:E1", "A10:E10"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
