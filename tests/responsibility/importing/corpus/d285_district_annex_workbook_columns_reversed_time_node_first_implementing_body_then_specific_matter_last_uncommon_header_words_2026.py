"""A 区 annex workbook whose columns run in an UNUSUAL ORDER with UNCOMMON HEADER WORDS: 序号, 时间节点 (the
deadline) first, then 落实主体 (the units), then 具体事项 (the task) last; one 落实主体 cell says who leads
(“区教育局牵头，各镇街配合”), one 时间节点 is 持续推进."""

from .sheets import workbook

SHEET = "附件2"
HEADER_ROW = 2

ROWS = [
    ["附件2  临川区2026年学前教育普及普惠攻坚任务分解表", "", "", ""],
    ["序号", "时间节点", "落实主体", "具体事项"],
    ["1", "2026年3月底前", "区教育局", "编制全区学前教育资源布局规划"],
    ["2", "2026年8月底前", "区教育局牵头，各镇街配合", "新建改扩建公办幼儿园6所，新增学位1800个"],
    ["3", "2026年6月底前", "区财政局、区教育局", "落实公办幼儿园生均公用经费拨款标准"],
    ["4", "2026年9月底前", "区卫健局", "开展托幼机构卫生保健专项检查"],
    ["5", "持续推进", "区教育局、区人社局", "补充配备公办幼儿园教职工"],
]

MERGES = ["A1:D1"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
