"""A 镇 重点项目投资计划表 workbook as project lists are kept: the title merged across row 1, a 单位 note
merged across row 2, the header on row 3; a 合计 row DIRECTLY UNDER THE HEADER (its name in the 项目名称
column with the project count, the totals in the money columns); then each category a row of its own that
is NOT merged: a bare Chinese ordinal in 序号 (一 / 二 / 三), the category's name with its count in
项目名称, and the category's SUBTOTALS in the money columns; the projects under it numbered 1–9 on."""

from .sheets import workbook

SHEET = "投资计划"
HEADER_ROW = 3

ROWS = [
    ["白沙镇2024年重点项目投资计划表", "", "", "", "", "", ""],
    ["单位：万元", "", "", "", "", "", ""],
    ["序号", "项目名称", "建设内容及规模", "总投资", "2024年计划投资", "责任单位", "计划完成时间"],
    ["", "合计（9个）", "", 38650, 13720, "", ""],
    ["一", "产业发展类（3个）", "", 21800, 7300, "", ""],
    [1, "白沙食品产业园标准厂房二期", "新建标准厂房4栋及配套道路、管网", 12000, 4000, "镇经济发展办", "2024年12月"],
    [2, "高标准茶园基地提升", "改造提升茶园及机耕道、喷灌设施", 4800, 1800, "镇农业综合服务中心", "2024年10月"],
    [3, "农产品冷链仓储中心", "建设冷库及分拣中心，配套冷链运输车辆", 5000, 1500, "镇经济发展办", "2024年11月"],
    ["二", "基础设施类（3个）", "", 10850, 4120, "", ""],
    [4, "集镇污水管网改造", "改造集镇雨污管网，新建提升泵站", 3600, 1600, "镇规划建设办", "2024年9月"],
    [5, "白沙至青龙村道提档升级", "道路拓宽改造及安防设施", 5250, 1520, "镇规划建设办", "2024年12月"],
    [6, "农村供水管网延伸", "延伸供水主管网及入户改造", 2000, 1000, "镇农业综合服务中心", "2024年8月"],
    ["三", "社会民生类（3个）", "", 6000, 2300, "", ""],
    [7, "镇卫生院门诊楼改扩建", "改扩建门诊楼及医技用房", 3200, 1200, "镇卫生院", "2024年12月"],
    [8, "白沙中心幼儿园扩建", "新建教学综合楼，增加学位", 2100, 800, "镇中心学校", "2024年8月"],
    [9, "集镇公园及停车场建设", "建设口袋公园及生态停车场", 700, 300, "镇规划建设办", "2024年6月"],
]

MERGES = ["A1:G1", "A2:G2"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
