"""A 镇 年度目标责任书 分解指标 pasted from WPS into a new workbook: column A left EMPTY on every
row (the sheet starts in column B); the title merged across B1:I1; the header 序号 | 指标类别 |
指标内容 | 目标值 | 分值 | 责任单位 | 责任人 | 完成时限; the merged 指标类别 cells FLATTENED into the
same value repeated on every row of the category (经济发展 ×3, 乡村振兴 ×3, 平安建设 ×2); targets in
their own 目标值 column (≥45亿元, 3个, 8.5亿元, 2个, ≥60%, 1200亩, 同比下降5%, 100%); 分值 points;
责任人 a person; deadlines as a date, 第二季度末…年底前… (two stages), 全年, 2031年10月31日前,
上半年, 每月, 长期坚持; a 合计 row (100) and a signature row merged across at the foot."""

from .sheets import workbook

SHEET = "分解指标"
HEADER_ROW = 2

ROWS = [
    [None, "青溪镇2031年度目标管理责任书分解指标", "", "", "", "", "", "", ""],
    [None, "序号", "指标类别", "指标内容", "目标值", "分值", "责任单位", "责任人", "完成时限"],
    [None, 1, "经济发展", "完成规上工业总产值。", "≥45亿元", 15, "镇经发办", "周强", "2031年12月底前"],
    [None, 2, "经济发展", "招引亿元以上产业项目。", "3个", 15, "镇招商办", "吴磊", "第二季度末完成1个，年底前完成3个"],
    [None, 3, "经济发展", "完成固定资产投资。", "8.5亿元", 10, "镇经发办、镇财政所", "周强", "全年"],
    [None, 4, "乡村振兴", "创建美丽乡村精品村。", "2个", 10, "镇农业服务中心", "孙丽", "2031年10月31日前"],
    [
        None,
        5,
        "乡村振兴",
        "发展壮大农村集体经济。集体经济年收入20万元以上的村占比。",
        "≥60%",
        10,
        "镇农业服务中心、镇财政所",
        "孙丽",
        "2031年12月20日前",
    ],
    [None, 6, "乡村振兴", "推进高标准农田建设。", "1200亩", 10, "镇农业服务中心", "孙丽", "上半年"],
    [None, 7, "平安建设", "压降安全生产事故起数。", "同比下降5%", 15, "镇应急管理办", "郑伟", "每月"],
    [None, 8, "平安建设", "化解信访积案。", "100%", 15, "镇信访办", "郑伟", "长期坚持"],
    [None, "合计", "", "", "", 100, "", "", ""],
    [None, "镇长（签字）：　　　　　　分管领导（签字）：　　　　　　签订日期：2031年1月　日"] + [""] * 7,
]
MERGES = ["B1:I1", "B11:E11", "B12:I12"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
