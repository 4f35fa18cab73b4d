"""A 街道 民生实事项目责任分解表 laid out sideways: the title merged across row 1; the four projects are the
columns B–E, not rows; column A names what each row holds (序号, 项目名称, 建设内容及目标, 牵头领导, 牵头单位,
责任单位, 配合单位, 完成时限), so a project is read down its column; 序号 on row 2 is the bold header row;
one cell names two communities."""

from .sheets import workbook

SHEET = "民生实事"
HEADER_ROW = 2

ROWS = [
    ["南岭街道2027年民生实事项目责任分解表", "", "", "", ""],
    ["序号", 1, 2, 3, 4],
    ["项目名称", "老旧小区加装电梯", "社区嵌入式养老服务站建设", "背街小巷路灯改造", "农贸市场提档升级"],
    [
        "建设内容及目标",
        "完成既有住宅加装电梯20部。",
        "新建社区嵌入式养老服务站3个，新增养老床位60张。",
        "改造更换路灯400盏，亮灯率达到98%以上。",
        "完成桂园农贸市场改造，改造面积2800平方米。",
    ],
    ["牵头领导", "陈立", "黄敏", "陈立", "赵刚"],
    ["牵头单位", "城市管理办", "社会事务办", "城市管理办", "经济发展办"],
    ["责任单位", "各社区", "新华社区、丰收社区", "各社区", "桂园社区"],
    ["配合单位", "区住建局", "区民政局", "区城管局", "区市场监管局"],
    ["完成时限", "2027年10月底前", "2027年9月底前", "2027年6月底前", "2027年11月底前"],
]

MERGES = ["A1:E1"]


def build() -> bytes:
    return workbook(ROWS, MERGES, SHEET, HEADER_ROW)
