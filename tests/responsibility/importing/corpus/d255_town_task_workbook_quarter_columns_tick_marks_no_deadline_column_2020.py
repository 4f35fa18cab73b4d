"""A 镇 重点工作推进表 workbook with NO 完成时限 column: four quarter columns (一季度…四季度) ticked ✓ in the
quarters a task is worked on; the task's deadline is the end of the last ticked quarter, every quarter ticked
being year-round work that still ends with the year."""

from .sheets import workbook

SHEET = "推进表"
HEADER_ROW = 2

ROWS = [
    ["桃源镇2020年重点工作季度推进表", "", "", "", "", "", "", ""],
    ["序号", "工作任务", "责任单位", "分管领导", "一季度", "二季度", "三季度", "四季度"],
    ["1", "完成农村户厕改造300户", "镇农业服务中心", "刘某", "✓", "✓", "", ""],
    ["2", "建成镇级综合文化站", "镇文化站", "周某", "", "✓", "✓", ""],
    ["3", "开展森林防火巡查", "镇林业站、各村", "吴某", "✓", "", "", "✓"],
    ["4", "推进集镇污水管网延伸", "镇村镇建设办", "刘某", "", "", "✓", ""],
    ["5", "落实河长制巡河制度", "镇水利站", "周某", "✓", "✓", "✓", "✓"],
]

MERGES = ["A1:H1"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
