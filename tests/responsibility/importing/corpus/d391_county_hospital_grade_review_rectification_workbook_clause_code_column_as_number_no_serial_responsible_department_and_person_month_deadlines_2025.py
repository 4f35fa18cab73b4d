"""A 县人民医院 二级甲等医院复审 迎评整改任务表 workbook: the title merged across, a 制表 line merged across
on row 2, the header on row 3 条款号 | 评审标准要求 | 存在问题 | 整改措施 | 责任科室 | 责任人 | 完成时间; no 序号
column: the first column holds the accreditation standard's CLAUSE CODES (3.1.2, 4.2.3.1, dotted decimal codes
of up to four levels) that number the rows; the 责任科室 are the hospital's own departments, sometimes two
joined by 、; deadlines written as a year and month (2025年8月)."""

from .sheets import workbook

SHEET = "整改任务表"
HEADER_ROW = 3

ROWS = [
    ["石门县人民医院二级甲等医院复审迎评整改任务表", "", "", "", "", "", ""],
    ["制表：医务科（等级医院评审办公室）　　　　制表日期：2025年4月28日", "", "", "", "", "", ""],
    ["条款号", "评审标准要求", "存在问题", "整改措施", "责任科室", "责任人", "完成时间"],
    [
        "3.1.2",
        "建立急诊绿色通道，胸痛、卒中患者优先救治",
        "卒中患者入院至溶栓时间偏长",
        "优化卒中救治流程，入院至溶栓时间控制在60分钟以内",
        "急诊科、神经内科",
        "刘洋",
        "2025年6月",
    ],
    [
        "3.4.1",
        "落实手术安全核查制度",
        "部分手术安全核查表填写不完整",
        "开展手术安全核查专项督查，核查表规范填写率达到100%",
        "手术麻醉科",
        "孙伟",
        "2025年5月",
    ],
    [
        "4.2.3.1",
        "医院感染管理组织健全，监测到位",
        "多重耐药菌监测报告不及时",
        "完善院感监测信息系统，每月开展院感质控分析1次",
        "院感科",
        "黄丽",
        "2025年7月",
    ],
    [
        "4.5.2",
        "合理用药，抗菌药物分级管理",
        "住院患者抗菌药物使用率偏高",
        "加强处方点评，住院患者抗菌药物使用率控制在60%以下",
        "药剂科、医务科",
        "林峰",
        "2025年8月",
    ],
    [
        "5.3.1",
        "病历书写规范，按时归档",
        "出院病历归档不及时",
        "落实病历质控，出院病历2日归档率达到95%以上",
        "病案室",
        "徐敏",
        "2025年6月",
    ],
]

MERGES = ["A1:G1", "A2:G2"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
