"""A 县政府督查室 督办单 as a workbook: ONE task on a form of two columns (label | value), the form's name
merged across the first row; 督办编号 (a 文号-like serial), 交办日期 (not a deadline), 督办事项 (the task: a
sentence, then its detail with targets), 交办依据 (a leader's instruction, not an item), 承办单位 naming the
lead by （牵头） and the cooperating units by 配合 in one cell, 办理时限, 办理要求 with weekly and after-the-fact
reporting times (not deadlines), 督办联系人 with a telephone number, and 签发 with a name."""

from .sheets import workbook

SHEET = "督办单"
HEADER_ROW = 1

ROWS = [
    ["东川县人民政府督查室督办单", ""],
    ["督办编号", "东督办〔2026〕12号"],
    ["交办日期", "2026年4月8日"],
    [
        "督办事项",
        "完成县城区易涝积水点整治。对照汛前排查清单，完成县城区7处易涝积水点改造，新建和改造排水管网3.2公里，确保主汛期不发生严重内涝。",
    ],
    ["交办依据", "县委主要领导4月3日在全县防汛工作调度会上的讲话要求"],
    ["承办单位", "县住建局（牵头）；县水利局、县城管局、城关镇人民政府配合"],
    ["办理时限", "2026年5月31日前"],
    [
        "办理要求",
        "承办单位于每周五下午下班前报送工作进展；办结后3个工作日内书面报送办理结果，逾期未办结的须说明原因。",
    ],
    ["督办联系人", "李明远（县政府督查室）  联系电话：0870-6123456"],
    ["签发", "王建华"],
]

MERGES = ["A1:B1"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
