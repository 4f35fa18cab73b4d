"""A notice publishing a list of what was decided, in made-up words (the 70th held-out set's d586).

"关于公布第二批市级传统村落名单的通知", "关于命名…名录的通知": its numbered entries are the names chosen, each with
the unit that keeps or put it forward, no task to track; it is no plan. The opposites: a notice sending a 清单 of
tasks (a plan's kind), and a list notice whose entries each give a unit its deadline as a plan's items do.
"""

from __future__ import annotations

from responsibility.importing.shape import check
from tests.responsibility.importing.made import readers

YEAR = 2027
as_txt, as_paste, as_docx = readers(YEAR)

HEAD = [
    "云岭市农业农村局文件",
    "云农发〔2027〕8号",
    "云岭市农业农村局",
    "{title}",
    "各县（区）农业农村局，各有关单位：",
    "经申报推荐、专家评审和网上公示，确定白鹭湾村等7个村为第二批市级美丽乡村示范村，现予公布。",
]
ENTRIES = [
    "一、山区片（4个）",
    "1.白鹭湾村　　保护单位：北坪县农业农村局",
    "2.青冈坪村　　保护单位：北坪县农业农村局",
    "3.石桥头村　　保护单位：南溪区农业农村局",
    "4.松涛村　　保护单位：南溪区农业农村局",
    "二、平原片（3个）",
    "5.稻花村　　保护单位：东川县农业农村局",
    "6.柳岸村　　保护单位：东川县农业农村局",
    "7.荷塘村　　保护单位：西湖镇人民政府",
    "各示范村要巩固建设成果。各县（区）农业农村局和市直有关单位要按照“建管并重”的要求，切实做好示范村的跟踪管理工作。",
    "云岭市农业农村局",
    "2027年5月20日",
]


def _notice(title: str, entries: list[str]) -> list[str]:
    return [line.format(title=title) for line in HEAD] + entries


def test_a_notice_publishing_a_list_of_names_is_no_plan():
    for form in (as_txt, as_paste, as_docx):
        lines = _notice("关于公布第二批市级美丽乡村示范村名单的通知", ENTRIES)
        assert not check(form("\n".join(lines))).looks_like_plan


def test_a_notice_naming_a_list_is_no_plan():
    lines = _notice("关于命名第二批市级美丽乡村示范村名录的通知", ENTRIES)
    assert not check(as_txt("\n".join(lines))).looks_like_plan


def test_a_notice_publishing_a_list_of_tasks_is_still_a_plan():
    # The opposite: a 清单 of tasks is a plan's kind, its entries given units and deadlines.
    tasks = [
        "一、产业发展",
        "1.新建高标准农田2万亩。（责任单位：市农田建设科；完成时限：2027年10月底前）",
        "2.培育农业龙头企业3家。（责任单位：市产业发展科；完成时限：2027年11月底前）",
        "3.建设冷链仓储设施5处。（责任单位：市市场信息科；完成时限：2027年9月底前）",
        "二、乡村建设",
        "4.完成农村改厕800户。（责任单位：市农村社会事业科；完成时限：2027年8月底前）",
        "5.整治村庄人居环境20个。（责任单位：市农村社会事业科；完成时限：2027年12月底前）",
    ]
    lines = _notice("关于公布2027年全市乡村振兴重点任务清单的通知", tasks)
    assert check(as_txt("\n".join(lines))).looks_like_plan


def test_a_list_notice_whose_entries_give_units_deadlines_is_still_a_plan():
    # The opposite: entries that each give a unit its deadline are tasks tracked, whatever the title.
    tasks = [
        "1.白鹭湾村完善村庄规划。（责任单位：北坪县农业农村局；完成时限：2027年8月底前）",
        "2.青冈坪村建设污水管网。（责任单位：北坪县农业农村局；完成时限：2027年9月底前）",
        "3.石桥头村改造村道。（责任单位：南溪区农业农村局；完成时限：2027年10月底前）",
        "4.松涛村建设文化广场。（责任单位：南溪区农业农村局；完成时限：2027年11月底前）",
        "5.稻花村完成改厕。（责任单位：东川县农业农村局；完成时限：2027年12月底前）",
    ]
    lines = _notice("关于公布第二批市级美丽乡村示范村名单的通知", tasks)
    assert check(as_txt("\n".join(lines))).looks_like_plan
