"""A complete 100-point 考核细则 of the real form, and a year of six units scored by hand.

The scheme is configured through its workbook alone (``SHEETS``: the sheets as an office fills them);
the facts are the units' items, the scores the assessors and the scoring department enter, and the
events the office records. ``EXPECTED`` is the result worked out by hand, line by line, below.

The scheme (加分制, 满分 100):

- 共性指标 40 points, every unit, six indicators:
  组织领导 6 (考核组评定); 信息报送 8 (按完成比例得分: 实报 ÷ 应报 10, 党政办 fills it in);
  按时办结 8 (按次扣分: 2 per late item, 扣完为止); 整改落实 6 (按次扣分: 1.5 per return, 扣完为止);
  事项完成率 6 (按完成比例得分 over the share of items done); 满意度测评 6 (按完成比例得分: 满意度 ÷ 100).
- 个性指标 60 points: each unit's own two items of 30 points in the plan's category 个性指标; an item
  late loses 0.5 per started week, at most 2; an unfinished item counts by its progress.
- 附加分: 通报表扬 国家级 5 / 省级 3 / 市级 1, 取最高 (one group 表扬), 加分上限 3;
  通报批评 −2 each (under 共性指标); 黄牌警告 −0.5 and 不得评为优秀; 上级考核扣分 by its own amount at
  50%; 扣分上限 3; 安全生产事故 一票否决 (定为最低等次).
- Groups: 社区 (kind 社区) under the common bands 优秀 90 / 良好 80 / 合格 60 / 不合格 0; 科室 (kind 内设机构)
  under its own bands 优秀 92 / 良好 85 / 合格 70 / 不合格 0; each group 优秀 at most 34% (of 3: 1).

By hand (every item due 2020-06-30, reckoned at 2020-12-31):

社区A  items: A1 on time 30; A2 claimed 07-10 (10 days: 2 weeks × 0.5 = −1), returned once → 29.
       个性 59/60 → 59. 共性: 组织领导 5.5; 信息报送 9/10 × 8 = 7.2; 按时办结 1 late × 2 → 6;
       整改落实 1 return × 1.5 → 4.5; 完成率 100% → 6; 满意度 95% × 6 = 5.7 → 34.9. Base 93.9.
       表扬 市级 +1 (05-03), then 省级 3 in the same group: +2 (the best counts) → +3 → 96.9.
社区B  items: B1 on time 30; B2 not done, 50% → 15, late to 12-31 (27 weeks, capped −2) → 13. 个性 43.
       共性: 4; 6/10 → 4.8; 1 late → 6; 0 returns → 6; 1 of 2 done, 50% → 3; 88% → 5.28 → 29.08.
       Base 72.08. 黄牌 −0.5 (and no 优秀) → 71.58.
社区C  items: both on time → 60. 共性: 6; 10/10 → 8; 8; 6; 6; 100% → 6 → 40. Base 100.
       上级考核扣4分 at 50% → −2 → 98.
       社区 group: C 98 优秀 (the one 优秀 of three); A 96.9 ≥ 90 but the quota is used → 良好;
       B 71.58 合格. Ranks C 1, A 2, B 3.
党政办 (科室D) items: D1 on time; D2 on time, returned once (no item deduction for returns) → 60.
       共性: 5; 10/10 → 8; 0 late → 8; 1 return → 4.5; 100% → 6; 93% → 5.58 → 37.08. Base 97.08.
       表扬 国家级 5, cut by 加分上限 3 → +3 → 100.08.
科室E  items: E1 claimed 07-20 (20 days: 3 weeks → −1.5) → 28.5; E2 on time 30 → 58.5.
       共性: 4.5; 7/10 → 5.6; 1 late → 6; 6; 6; 90% → 5.4 → 33.5. Base 92.
       通报批评 × 2 = −4, cut by 扣分上限 3 → −3 → 89.
科室F  items: F1 on time 30; F2 not done, 80% → 24, late (−2) → 22 → 52.
       共性: 3; 5/10 → 4; 1 late → 6; 6; 50% → 3; 85% → 5.1 → 27.1. Base 79.1. 安全生产事故: 一票否决.
       科室 group (bands 92/85/70/0): D 100.08 优秀; E 89 良好; F 不合格 (vetoed), last. Ranks D 1, E 2, F 3.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

D = Decimal
DUE = datetime.date(2020, 6, 30)

SHEETS = {
    "基本设置": [
        ["项目", "内容"],
        ["名称", "2020年度街道综合考核细则"],
        ["满分", 100],
        ["计分方式", "加分制：按各类别得分累加"],
        ["未完成事项", "未完成按进度得分"],
        ["逾期扣分", 0.5],
        ["逾期计扣单位", "每逾期一周（不足一周按一周计）"],
        ["逾期扣分上限", 2],
        ["每次退回整改扣分", 0],
        ["加分上限", 3],
        ["扣分上限", 3],
        ["优秀比例上限（%）", 100],
    ],
    "考核细则": [
        [
            "类别",
            "类别分值",
            "考核指标",
            "指标分值",
            "评分标准",
            "对应清单类别",
            "评分方式",
            "适用单位",
            "数据来源",
            "目标值",
            "每次扣分",
            "最低得分",
            "评分责任单位",
        ],
        ["共性指标", 40, "组织领导", 6, "由考核组评定，0–6分", "", "考核组评定", "全部单位", "", "", "", "", ""],
        [
            "共性指标",
            40,
            "信息报送",
            8,
            "全年应报10篇，按完成比例得分",
            "",
            "按完成比例得分",
            "全部单位",
            "评分单位填报",
            10,
            "",
            "",
            "党政办",
        ],
        [
            "共性指标",
            40,
            "按时办结",
            8,
            "每逾期一项扣2分，扣完为止",
            "",
            "按次扣分",
            "全部单位",
            "逾期事项数",
            "",
            2,
            0,
            "",
        ],
        [
            "共性指标",
            40,
            "整改落实",
            6,
            "每退回整改一次扣1.5分，扣完为止",
            "",
            "按次扣分",
            "全部单位",
            "退回整改次数",
            "",
            1.5,
            0,
            "",
        ],
        [
            "共性指标",
            40,
            "事项完成率",
            6,
            "按事项完成比例得分",
            "",
            "按完成比例得分",
            "全部单位",
            "事项完成率（%）",
            "",
            "",
            "",
            "",
        ],
        [
            "共性指标",
            40,
            "满意度测评",
            6,
            "满意度×6分",
            "",
            "按完成比例得分",
            "全部单位",
            "评分单位填报",
            100,
            "",
            "",
            "",
        ],
        ["个性指标", 60, "", "", "", "个性指标", "", "", "", "", "", "", ""],
    ],  # fmt: skip
    "等次": [
        ["等次", "最低分", "分组"],
        ["优秀", 90, ""],
        ["良好", 80, ""],
        ["合格", 60, ""],
        ["不合格", 0, ""],
        ["优秀", 92, "科室"],
        ["良好", 85, "科室"],
        ["合格", 70, "科室"],
        ["不合格", 0, "科室"],
    ],
    "考核分组": [
        ["分组", "单位类型", "指定单位", "优秀比例上限（%）"],
        ["社区", "社区", "", 34],
        ["科室", "内设机构", "", 34],
    ],
    "加减分": [
        [
            "类型",
            "名称",
            "级别",
            "每次分值",
            "累计上限",
            "所属类别",
            "否决效果",
            "折算比例（%）",
            "取最高分组",
            "所属指标",
        ],
        ["加分", "通报表扬", "国家级", 5, "", "", "", 100, "表扬", ""],
        ["加分", "通报表扬", "省级", 3, "", "", "", 100, "表扬", ""],
        ["加分", "通报表扬", "市级", 1, "", "", "", 100, "表扬", ""],
        ["扣分", "通报批评", "", 2, "", "共性指标", "", 100, "", ""],
        ["扣分", "黄牌警告", "", 0.5, "", "", "不得评为最高等次", 100, "", ""],
        ["扣分", "上级考核扣分", "", 0, "", "", "", 50, "", ""],
        ["一票否决", "安全生产事故", "", 0, "", "", "定为最低等次", 100, "", ""],
    ],  # fmt: skip
}

# The units: name, kind, and their two items: (title, claimed on, returns, percent if not done).
UNITS = {
    "社区A": ("community", [("A1", datetime.date(2020, 6, 20), 0, None), ("A2", datetime.date(2020, 7, 10), 1, None)]),
    "社区B": ("community", [("B1", datetime.date(2020, 6, 1), 0, None), ("B2", None, 0, 50)]),
    "社区C": ("community", [("C1", datetime.date(2020, 5, 1), 0, None), ("C2", datetime.date(2020, 6, 30), 0, None)]),
    "党政办": ("department", [("D1", datetime.date(2020, 6, 10), 0, None), ("D2", datetime.date(2020, 6, 15), 1, None)]),  # noqa: E501
    "科室E": ("department", [("E1", datetime.date(2020, 7, 20), 0, None), ("E2", datetime.date(2020, 6, 1), 0, None)]),
    "科室F": ("department", [("F1", datetime.date(2020, 6, 2), 0, None), ("F2", None, 0, 80)]),
}  # fmt: skip

# 考核组评定 (组织领导), entered by the office.
ASSESSED = {"社区A": "5.5", "社区B": "4", "社区C": "6", "党政办": "5", "科室E": "4.5", "科室F": "3"}
# 信息报送 (entered by 党政办) and 满意度测评 (entered by the office): the units' numbers.
REPORTS_SENT = {"社区A": "9", "社区B": "6", "社区C": "10", "党政办": "10", "科室E": "7", "科室F": "5"}
SATISFACTION = {"社区A": "95", "社区B": "88", "社区C": "100", "党政办": "93", "科室E": "90", "科室F": "85"}

# Events: (unit, rule name, level, day, quantity, own amount).
EVENTS = [
    ("社区A", "通报表扬", "市级", datetime.date(2020, 5, 3), 1, None),
    ("社区A", "通报表扬", "省级", datetime.date(2020, 9, 8), 1, None),
    ("社区B", "黄牌警告", "", datetime.date(2020, 8, 1), 1, None),
    ("社区C", "上级考核扣分", "", datetime.date(2020, 10, 9), 1, "4"),
    ("党政办", "通报表扬", "国家级", datetime.date(2020, 11, 2), 1, None),
    ("科室E", "通报批评", "", datetime.date(2020, 4, 12), 2, None),
    ("科室F", "安全生产事故", "", datetime.date(2020, 9, 30), 1, None),
]

# unit: (共性指标 points, 个性指标 points, base, bonus, deduction, total, group, grade, rank)
EXPECTED = {
    "社区A": (D("34.9"), D("59"), D("93.9"), D("3"), D("0"), D("96.9"), "社区", "良好", 2),
    "社区B": (D("29.08"), D("43"), D("72.08"), D("0"), D("0.5"), D("71.58"), "社区", "合格", 3),
    "社区C": (D("40"), D("60"), D("100"), D("0"), D("2"), D("98"), "社区", "优秀", 1),
    "党政办": (D("37.08"), D("60"), D("97.08"), D("3"), D("0"), D("100.08"), "科室", "优秀", 1),
    "科室E": (D("33.5"), D("58.5"), D("92"), D("0"), D("3"), D("89"), "科室", "良好", 2),
    "科室F": (D("27.1"), D("52"), D("79.1"), D("0"), D("0"), D("79.1"), "科室", "不合格", 3),
}

# 分类小计: unit: (共性指标 after the events tied to it, 个性指标, what is tied to no category).
# Only 通报批评 is tied to a category (共性指标): 科室E's 33.5 − 3 (the 扣分上限 left of its 4) = 30.5.
SUBTOTALS = {
    "社区A": (D("34.9"), D("59"), D("3")),
    "社区B": (D("29.08"), D("43"), D("-0.5")),
    "社区C": (D("40"), D("60"), D("-2")),
    "党政办": (D("37.08"), D("60"), D("3")),
    "科室E": (D("30.5"), D("58.5"), D("0")),
    "科室F": (D("27.1"), D("52"), D("0")),
}
