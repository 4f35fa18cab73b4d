"""A 区政府办 workbook breaking down the 市 key tasks for the 区: the title merged across; a header
序号 | 重点任务 | 市级牵头部门 | 区级牵头单位 | 区级配合单位 | 完成时限; category rows merged across; each
task carries the CITY department that leads it at the city level beside the DISTRICT units that
answer for it here; the district's own units are the assignment."""

from .sheets import workbook

SHEET = "区级分解"
HEADER_ROW = 2

ROWS = [
    ["青山区落实2027年市政府重点工作任务分解表", "", "", "", "", ""],
    ["序号", "重点任务", "市级牵头部门", "区级牵头单位", "区级配合单位", "完成时限"],
    ["一、扩大有效投资", "", "", "", "", ""],
    [1, "完成重大项目投资85亿元", "市发展改革委", "区发展改革局", "区住房城乡建设局、区自然资源分局", "2027年12月底前"],
    [2, "争取地方政府专项债券资金12亿元", "市财政局", "区财政局", "区发展改革局", "2027年9月底前"],
    [3, "新开工城市更新项目8个", "市住房城乡建设局", "区住房城乡建设局", "各街道办事处", "2027年10月底前"],
    ["二、优化营商环境", "", "", "", "", ""],
    [
        4,
        "企业开办全流程时间压缩至1个工作日以内",
        "市市场监管局",
        "区市场监管局",
        "区政务服务中心、区税务局",
        "2027年6月底前",
    ],
    [5, "涉企行政检查事项减少30%", "市司法局", "区司法局", "区级各执法部门", "2027年11月底前"],
    ["三、保障改善民生", "", "", "", "", ""],
    [6, "新增城镇就业岗位6000个", "市人力资源社会保障局", "区人力资源社会保障局", "各街道办事处", "2027年12月底前"],
    [7, "建成社区食堂15个", "市民政局", "区民政局", "区市场监管局、各街道办事处", "2027年8月底前"],
]

MERGES = ["A1:F1", "A3:F3", "A7:F7", "A10:F10"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
