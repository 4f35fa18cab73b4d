"""A 县 重点任务清单 workbook of THREE worksheets, one per category, named 产业攻坚, 城乡建设攻坚 and 民生保障攻坚.
Every sheet repeats the document's title merged across row 1, then a row "类别：…行动" merged across, then the
same header 序号 | 重点任务 | 工作目标 | 责任领导 | 牵头单位 | 配合单位 | 完成时限; tasks are numbered from 1 on each
sheet. Pasted, the clerk copies the sheets one below another, a blank row between; as Word, one table."""

import io

from openpyxl import Workbook

from .sheets import fill

SHEET = "产业攻坚"
HEADER_ROW = 3

TITLE = "云溪县2026年三大攻坚行动重点任务清单"
HEADER = ["序号", "重点任务", "工作目标", "责任领导", "牵头单位", "配合单位", "完成时限"]

INDUSTRY = [
    [TITLE, "", "", "", "", "", ""],
    ["类别：产业攻坚行动", "", "", "", "", "", ""],
    HEADER,
    [
        1,
        "壮大竹木加工产业集群。",
        "新引进竹木精深加工企业5家，竹产业综合产值突破60亿元。",
        "刘建华",
        "县林业局",
        "县工业园区管委会",
        "2026年12月底前",
    ],
    [
        2,
        "推进工业技改提升。",
        "实施技改项目20个以上，完成技改投资12亿元。",
        "刘建华",
        "县工业和信息化局",
        "县财政局",
        "2026年11月底前",
    ],
    [3, "加快文旅融合发展。", "创建国家AAAA级旅游景区1个。", "张丽", "县文化和旅游局", "相关乡镇", "2026年10月底前"],
    [
        4,
        "强化项目招引落地。",
        "全年签约亿元以上项目15个，开工率不低于60%。",
        "刘建华",
        "县投资促进中心",
        "县直有关部门",
        "2026年12月底前",
    ],
]

CONSTRUCTION = [
    [TITLE, "", "", "", "", "", ""],
    ["类别：城乡建设攻坚行动", "", "", "", "", "", ""],
    HEADER,
    [
        1,
        "推进城市更新。",
        "改造老旧小区18个，惠及居民3200户。",
        "陈志远",
        "县住房城乡建设局",
        "城关镇",
        "2026年11月底前",
    ],
    [
        2,
        "完善县城路网。",
        "建成城东大道北延段，新增城市道路3.6公里。",
        "陈志远",
        "县交通运输局",
        "县自然资源局",
        "2026年9月底前",
    ],
    [3, "提升农村人居环境。", "农村卫生户厕普及率达到95%。", "王海", "县农业农村局", "各乡镇", "2026年12月底前"],
    [
        4,
        "抓好生态环境保护。",
        "县城空气质量优良天数比例保持在95%以上。",
        "王海",
        "市生态环境局云溪分局",
        "县直有关部门",
        "长期坚持",
    ],
]

LIVELIHOOD = [
    [TITLE, "", "", "", "", "", ""],
    ["类别：民生保障攻坚行动", "", "", "", "", "", ""],
    HEADER,
    [
        1,
        "稳定和扩大就业。",
        "城镇新增就业2600人，城镇调查失业率控制在5.5%以内。",
        "张丽",
        "县人力资源社会保障局",
        "各乡镇",
        "2026年12月底前",
    ],
    [2, "推进教育优质均衡发展。", "新建公办幼儿园2所，新增学位540个。", "张丽", "县教育局", "", "2026年8月底前"],
    [3, "完善养老服务体系。", "建成乡镇区域养老服务中心3个。", "王海", "县民政局", "相关乡镇", "2026年10月底前"],
]

MERGES_OF_SHEET = ["A1:G1", "A2:G2"]

# What the office gets when the clerk copies the three sheets one below another, a blank row between.
BLANK = ["", "", "", "", "", "", ""]
ROWS = [*INDUSTRY, BLANK, *CONSTRUCTION, BLANK, *LIVELIHOOD]
MERGES = ["A1:G1", "A2:G2", "A9:G9", "A10:G10", "A17:G17", "A18:G18"]


def build() -> bytes:
    book = Workbook()
    book.active.title = SHEET
    fill(book.active, INDUSTRY, MERGES_OF_SHEET, HEADER_ROW)
    fill(book.create_sheet("城乡建设攻坚"), CONSTRUCTION, MERGES_OF_SHEET, HEADER_ROW)
    fill(book.create_sheet("民生保障攻坚"), LIVELIHOOD, MERGES_OF_SHEET, HEADER_ROW)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
