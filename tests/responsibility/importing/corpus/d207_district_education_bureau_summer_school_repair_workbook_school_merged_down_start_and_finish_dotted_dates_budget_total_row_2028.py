"""A 区教育局 暑期校舍维修 workbook: the SCHOOL merged down over its projects (a place, not a unit and not a
heading), a budget column in 万元, TWO date columns 开工时间 and 竣工时间 written as dotted month.day with no
year (the deadline is the 竣工时间), and a 合计 row."""

from .sheets import workbook

SHEET = "项目安排"
HEADER_ROW = 2

ROWS = [
    ["临川区教育局2028年暑期校舍维修改造项目安排表", "", "", "", "", "", ""],
    ["序号", "学校", "维修项目", "预算（万元）", "开工时间", "竣工时间", "责任科室"],
    ["1", "临川区第一中学", "教学楼屋面防水改造", 48, "7.10", "8.20", "计划财务科"],
    ["2", "", "学生宿舍卫生间改造", 65, "7.10", "8.25", "计划财务科"],
    ["3", "城南小学", "操场塑胶跑道翻新", 56, "7.15", "8.28", "体卫艺科"],
    ["4", "", "食堂排烟系统改造", 22, "7.20", "8.15", "安全管理科"],
    ["5", "石门镇中心小学", "围墙及校门改造", 30, "7.12", "8.10", "计划财务科"],
    ["合计", "", "", 221, "", "", ""],
]

MERGES = ["A1:G1", "B3:B4", "B5:B6", "A8:C8"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
