"""A 镇 领导班子成员分工及年度重点任务表 as an .xlsx: the title merged across A1:F1, a line under it
merged across (经镇党委会议研究确定), a third merged line 单位/更新时间, then the header on ROW 4:
序号 | 班子成员 | 分工 | 重点任务 | 责任单位 | 完成时限; the leader and his 分工 written once and
DITTO MARKS 〃 below for his further rows; the 责任单位 and 完成时限 cells sometimes 〃 or 同上 (the
value of the row above); one 重点任务 cell holding several tasks separated by ； (one row, one item);
targets 亿元 with 较上年增长, 公里, 个, 户, %以上; a 汛期前（5月31日前） deadline."""

from .sheets import workbook

SHEET = "班子分工"
HEADER_ROW = 4

ROWS = [
    ["石桥镇2026年领导班子成员分工及重点任务表", "", "", "", "", ""],
    ["（2026年2月经镇党委会议研究确定）", "", "", "", "", ""],
    ["单位：石桥镇党政办公室　　　　　　　　　　　　更新时间：2026年2月20日", "", "", "", "", ""],
    ["序号", "班子成员", "分工", "重点任务", "责任单位", "完成时限"],
    [1, "王立新（镇党委书记）", "主持镇党委全面工作", "落实全面从严治党主体责任。", "镇党政办", "2026年12月底前"],
    [
        2,
        "陈海燕（镇党委副书记、镇长）",
        "主持镇政府全面工作",
        "完成一般公共预算收入1.8亿元，较上年增长6%。",
        "镇财政所",
        "2026年12月底前",
    ],
    [3, "〃", "〃", "推进镇区道路提升改造；完成主干道白改黑4.2公里；新增停车位300个。", "镇建设办", "2026年10月31日前"],
    [
        4,
        "刘志刚（镇党委委员、副镇长）",
        "分管农业农村、水利",
        "抓好防汛抗旱工作。确保汛期水库安全度汛。",
        "镇农业服务中心",
        "汛期前（5月31日前）",
    ],
    [5, "〃", "〃", "推进农村人居环境整治；完成农村改厕420户。", "〃", "2026年9月30日前"],
    [
        6,
        "赵敏（镇党委委员、组织委员）",
        "分管党建、人才",
        "开展党员冬训；党员参训率达到95%以上。",
        "镇党建办",
        "2026年3月31日前",
    ],
    [7, "〃", "〃", "整顿软弱涣散村党组织。", "同上", "同上"],
]
MERGES = ["A1:F1", "A2:F2", "A3:F3"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
