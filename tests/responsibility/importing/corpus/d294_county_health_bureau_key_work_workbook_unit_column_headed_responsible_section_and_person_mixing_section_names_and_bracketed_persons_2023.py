"""A 县卫健局 重点工作分解 workbook whose unit column is headed 责任科室（人）: cells mix sections with the
responsible person in brackets ("办公室（张某某）"), two sections each with a person, and a leader's post and
name before a section; the persons are not units."""

from .sheets import workbook

SHEET = "Sheet1"
HEADER_ROW = 3

ROWS = [
    ["附件", "", "", "", ""],
    ["清河县卫生健康局2023年重点工作分解表", "", "", "", ""],
    ["序号", "重点工作", "工作目标", "责任科室（人）", "完成时间"],
    ["1", "推进紧密型县域医共体建设", "医共体内县域就诊率达到90%", "医政医管科（李某）", "2023年12月"],
    ["2", "开展基层医疗卫生机构能力提升", "建成社区医院2家", "基层卫生科（吴某）", "2023年10月"],
    ["3", "做好传染病监测预警", "法定传染病报告及时率100%", "疾控科（周某）、基层卫生科（吴某）", "全年"],
    ["4", "加强财务内控管理", "完成内控制度修订", "分管副局长刘某某、规划财务科（陈某）", "2023年6月"],
    ["5", "做好机关政务信息报送", "全年报送政务信息不少于60篇", "办公室（张某某）", "2023年12月"],
]

MERGES = ["A2:E2"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
