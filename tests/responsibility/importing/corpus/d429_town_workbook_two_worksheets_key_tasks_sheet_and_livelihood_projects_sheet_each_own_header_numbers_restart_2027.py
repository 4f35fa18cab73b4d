"""A 镇 workbook of TWO worksheets: "重点工作任务" (the document's title merged across, a row 一、重点工作任务
merged across, the header 序号 | 工作任务 | 目标要求 | 分管领导 | 责任单位 | 完成时限, tasks 1–6) and "民生实事项目"
(a row 二、民生实事项目 merged across, its own header 序号 | 项目名称 | 建设内容及规模 | 投资额（万元） | 责任单位 |
配合单位 | 完成时间, one column more, projects numbered again from 1). Pasted, the clerk copies the first sheet
and then the second below it, a blank row between; as Word, both as one table."""

import io

from openpyxl import Workbook

from .sheets import fill

SHEET = "重点工作任务"
HEADER_ROW = 3

TASKS = [
    ["青石镇2027年重点工作任务和民生实事项目清单", "", "", "", "", ""],
    ["一、重点工作任务", "", "", "", "", ""],
    ["序号", "工作任务", "目标要求", "分管领导", "责任单位", "完成时限"],
    [1, "抓好粮食生产。", "粮食播种面积稳定在4.2万亩以上。", "周海", "镇农业服务中心", "2027年10月底前"],
    [2, "推进招商引资。", "全年引进5000万元以上项目3个。", "李晓东", "镇经济发展办", "2027年12月底前"],
    [
        3,
        "开展人居环境整治。",
        "创建美丽庭院示范户200户，村庄清洁行动覆盖率100%。",
        "王敏",
        "镇村建办、各村",
        "2027年11月底前",
    ],
    [4, "加强安全生产监管。", "全年开展安全检查不少于12次，杜绝较大以上安全事故。", "陈立", "镇应急办", "长期坚持"],
    [5, "做好防汛备汛工作。", "完成山塘水库隐患排查整治。", "陈立", "镇水利站", "2027年5月31日前"],
    [6, "深化“积分制”乡村治理。", "积分制管理覆盖全部行政村。", "王敏", "镇党政办、各村", "2027年9月底前"],
]

PROJECTS = [
    ["二、民生实事项目", "", "", "", "", "", ""],
    ["序号", "项目名称", "建设内容及规模", "投资额（万元）", "责任单位", "配合单位", "完成时间"],
    [1, "镇区污水管网延伸工程", "新建污水管网3.5公里。", 420, "镇村建办", "县住房城乡建设局", "2027年10月"],
    [2, "农村公路提档升级", "完成村道硬化拓宽8公里。", 560, "镇交通管理站", "各村", "2027年11月"],
    [3, "镇卫生院发热门诊改造", "改造发热门诊用房300平方米。", 150, "镇卫生院", "/", "2027年6月"],
    [4, "村级养老服务站建设", "建成村级养老服务站4个。", 80, "镇社会事务办", "相关村", "2027年9月"],
    [5, "中心小学运动场改造", "新建塑胶跑道运动场1个。", 120, "青石镇中心小学", "镇财政所", "2027年8月"],
]

TASK_MERGES = ["A1:F1", "A2:F2"]
PROJECT_MERGES = ["A1:G1"]

# What the office gets when the clerk copies the first sheet, then the second below a blank row.
ROWS = [*TASKS, ["", "", "", "", "", "", ""], *PROJECTS]
MERGES = [*TASK_MERGES, "A11:G11"]


def build() -> bytes:
    book = Workbook()
    book.active.title = SHEET
    fill(book.active, TASKS, TASK_MERGES, HEADER_ROW)
    fill(book.create_sheet("民生实事项目"), PROJECTS, PROJECT_MERGES, 2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
