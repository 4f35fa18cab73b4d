"""A 街道 平安建设工作任务清单 workbook: the title merged across row 1, a two-row header whose merged
cells group the columns – 序号, 时间节点 and 备注 merged down rows 2–3, 工作事项 merged across over
事项 | 具体内容 and 责任分工 merged across over 牵头科室 | 配合科室; the 事项 (a short name of the work,
no number) merged down over its rows, the 具体内容 the task; 序号 numbered through; 时间节点 written
month/day without the year (6/30, 9/30, 12/31) or 长期; a 备注 column of reporting notes."""

from .sheets import workbook

SHEET = "任务清单"
HEADER_ROW = 2

ROWS = [
    ["桂园街道2025年平安建设工作任务清单", "", "", "", "", "", ""],
    ["序号", "工作事项", "", "责任分工", "", "时间节点", "备注"],
    ["", "事项", "具体内容", "牵头科室", "配合科室", "", ""],
    [
        1,
        "矛盾纠纷排查化解",
        "每月开展一次矛盾纠纷全面排查，调解成功率达到95%以上。",
        "综治中心",
        "司法所、各社区",
        "长期",
        "每月25日前报送排查台账",
    ],
    [2, "", "建成社区人民调解工作室8个。", "司法所", "各社区", "6/30", ""],
    [3, "重点人群服务管理", "落实社区矫正对象“一人一档”管理。", "司法所", "派出所", "9/30", ""],
    [
        4,
        "",
        "对辖区严重精神障碍患者开展随访，规范管理率达到90%以上。",
        "社会事务科",
        "社区卫生服务中心、各社区",
        "12/31",
        "按季度报送",
    ],
    [
        5,
        "公共安全隐患整治",
        "开展老旧小区消防安全隐患排查整治，整治隐患不少于200处。",
        "应急管理办",
        "城市管理科、各社区",
        "10/31",
        "",
    ],
    [6, "", "新增小区视频监控点位150个。", "综治中心", "派出所", "11/30", "纳入街道民生实事"],
    [7, "平安宣传", "开展平安建设宣传进社区活动12场次。", "党建工作办", "各社区", "12/31", ""],
]

MERGES = ["A1:G1", "A2:A3", "B2:C2", "D2:E2", "F2:F3", "G2:G3", "B4:B5", "B6:B7", "B8:B9"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
