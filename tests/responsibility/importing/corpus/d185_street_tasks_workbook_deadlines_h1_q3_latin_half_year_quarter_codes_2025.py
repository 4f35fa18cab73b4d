"""A 街道 重点工作清单 as a workbook kept by a young clerk: header on row 1 (编号 | 工作任务 | 责任科室 |
时限); the deadline column written in Latin codes H1 (first half-year: 6月30日), Q3 (third quarter's
end: 9月30日), Q4 (12月31日), and once 年中 (6月30日)."""

from .sheets import workbook

SHEET = "Sheet1"
HEADER_ROW = 1

ROWS = [
    ["编号", "工作任务", "责任科室", "时限"],
    ["1", "完成辖区消防通道标识施划。施划标识线4.2公里。", "街道应急办", "H1"],
    ["2", "推进社区食堂建设。新建社区食堂3个。", "街道社会事务办", "Q3"],
    ["3", "开展重点人群健康随访。随访率达到95%以上。", "街道社区卫生服务中心", "Q4"],
    ["4", "完成物业企业信用评价。", "街道城建办", "年中"],
]

MERGES: list[str] = []


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
