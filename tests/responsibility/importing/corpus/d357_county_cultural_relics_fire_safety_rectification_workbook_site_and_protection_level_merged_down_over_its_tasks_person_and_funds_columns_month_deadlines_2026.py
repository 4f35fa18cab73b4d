"""A 县文化和旅游局 (县文物局) 文物建筑消防安全隐患整改清单 workbook: the title merged across; a second merged
line with the filer and the date it was made (not a deadline); a header 序号 | 文物点名称 | 保护级别 | 整改任务 |
责任单位 | 责任人 | 资金估算（万元） | 整改期限; a SITE with two or three tasks has its 文物点名称 and 保护级别
MERGED DOWN over its rows, each row its own task with its own 序号; 责任人 names persons with their posts; the
funds column is money, not a target; deadlines are a month only (2026年6月) or a full date; a 注 row at the foot."""

from .sheets import workbook

SHEET = "整改清单"
HEADER_ROW = 3

ROWS = [
    ["石门县2026年文物建筑消防安全隐患整改清单", "", "", "", "", "", "", ""],
    ["填报单位：石门县文化和旅游局（县文物局）　　　　制表日期：2026年3月5日", "", "", "", "", "", "", ""],
    ["序号", "文物点名称", "保护级别", "整改任务", "责任单位", "责任人", "资金估算（万元）", "整改期限"],
    [
        1,
        "石门文庙",
        "全国重点文物保护单位",
        "更换大成殿老化电气线路，加装电气火灾监控探测器24个",
        "县文物保护中心",
        "主任 陈立新",
        38,
        "2026年6月",
    ],
    [
        2,
        "",
        "",
        "配齐室外消火栓和微型消防站，组织消防演练不少于2次",
        "县文物保护中心",
        "主任 陈立新",
        15,
        "2026年8月",
    ],
    [
        3,
        "龙潭古桥",
        "省级文物保护单位",
        "清理桥面违规堆放可燃物，设置禁火警示标识",
        "龙潭镇人民政府",
        "副镇长 刘海燕",
        2,
        "2026年4月30日",
    ],
    [
        4,
        "周家大院",
        "县级文物保护单位",
        "拆除院内私搭乱建厨房3处",
        "城关镇人民政府",
        "副镇长 赵明",
        6,
        "2026年5月",
    ],
    [
        5,
        "",
        "",
        "安装独立式感烟火灾探测报警器40个",
        "城关镇人民政府",
        "副镇长 赵明",
        4,
        "2026年5月",
    ],
    [
        6,
        "",
        "",
        "落实文物安全直接责任人和专职看护人员",
        "城关镇人民政府",
        "副镇长 赵明",
        "",
        "2026年3月31日",
    ],
    [
        "注：整改期限只写月份的，以该月最后一日为限；整改完成后由责任单位报县文物局组织验收销号。",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
]

MERGES = ["A1:H1", "A2:H2", "B4:B5", "C4:C5", "B7:B9", "C7:C9", "A10:H10"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
