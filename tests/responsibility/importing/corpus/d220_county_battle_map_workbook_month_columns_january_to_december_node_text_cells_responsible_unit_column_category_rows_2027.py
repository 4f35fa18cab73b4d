"""A 县 “挂图作战”推进表 workbook: title merged across, header 序号 | 重点任务 | 1月 … 12月 | 责任单位, each month's
cell holding that month's node text (most cells empty), two category rows merged across; a task's deadline is the
end of its last month that holds a node."""

from .sheets import workbook

SHEET = "作战图"
HEADER_ROW = 2

MONTHS = [f"{month}月" for month in range(1, 13)]


def _row(number: str, task: str, nodes: dict[int, str], units: str) -> list[str]:
    return [number, task, *(nodes.get(month, "") for month in range(1, 13)), units]


ROWS = [
    ["云岭县2027年优化营商环境攻坚“挂图作战”推进表", *[""] * 14],
    ["序号", "重点任务", *MONTHS, "责任单位"],
    ["一、提升政务服务效能", *[""] * 14],
    _row("1", "推行企业开办“一日办结”", {3: "出台实施方案", 6: "实现全程网办", 9: "全面推开并总结"}, "县市场监管局"),
    _row(
        "2",
        "深化工程建设项目审批制度改革",
        {2: "梳理审批事项清单", 5: "上线联审平台", 8: "推行区域评估", 11: "开展成效评估"},
        "县住建局、县自然资源局",
    ),
    _row("3", "建设县政务服务中心综合窗口", {4: "完成窗口改造", 7: "试运行", 12: "全面运行"}, "县政务服务中心"),
    ["二、优化市场环境", *[""] * 14],
    _row("4", "清理拖欠中小企业账款", {month: "动态清零" for month in range(1, 13)}, "县工信局、县财政局"),
    _row("5", "规范涉企行政执法检查", {6: "制定涉企检查事项清单"}, "县司法局"),
]

MERGES = ["A1:O1", "A3:O3", "A7:O7"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
