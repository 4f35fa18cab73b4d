"""The shapes of the sixty-ninth held-out set (d571–d578) the importer did not follow, in made-up words: a closing
guidance part of titled measures (（一）加强组织领导。…) stays guidance when one measure names the units of the plan
or a date to report by; a bound on a share of a whole ("不超过全年经费的15%") is the comparator's, words between
them or not; a 通告 to the public (who may apply, when to register, each step's office) is no plan. Beside each,
the near-miss that keeps its old reading."""

from __future__ import annotations

import pytest

from responsibility.importing import shape
from responsibility.importing.fields import find_indicators
from tests.responsibility.importing.made import readers

YEAR = 2027
as_txt, as_paste, as_docx = readers(YEAR)
FORMS = [as_txt, as_paste, as_docx]


def measures_plan(closing: list[str]) -> str:
    return "\n".join(
        [
            "某县图书馆2027年阅读推广提升行动方案",
            "为推动全民阅读，结合本馆实际，制定本方案。",
            "一、工作目标",
            "到2027年底，全馆年接待读者人次稳步增长，读者满意度不断提升。",
            "二、重点任务",
            "1.开展流动图书进乡村。每季度组织送书下乡，全年送书不少于4000册。",
            "牵头部门：流通部；配合部门：办公室；完成时间：2027年11月底前",
            "2.举办少儿绘本阅读季。组织亲子共读活动不少于20场。",
            "牵头部门：少儿部；配合部门：宣传组；完成时间：2027年8月底前",
            "3.建设数字阅读专区。新增电子图书资源5000种。",
            "牵头部门：信息部；配合部门：采编部；完成时间：2027年10月底前",
            "三、保障措施",
            *closing,
        ]
    )


# Three measures, each a name and its paragraph; the last names the plan's units as a group and a date to report by.
MEASURES = [
    "（一）健全工作机制。馆长办公会定期听取行动推进情况，研究解决存在的困难。",
    "（二）加强经费统筹。将阅读推广经费列入年度预算，专款专用。",
    "（三）抓好总结通报。各牵头部门每季度梳理进展，11月25日前将年度总结报办公室。",
]


@pytest.mark.parametrize("form", FORMS)
def test_closing_measures_stay_guidance_when_one_names_units_and_a_date(form):
    parsed = form(measures_plan(MEASURES))
    assert [section.node.title for section in parsed.guidance] == ["工作目标", "保障措施"]
    assert [root.title for root in parsed.roots] == ["重点任务"]
    assert len(parsed.leaves()) == 3


@pytest.mark.parametrize("form", FORMS)
def test_closing_measures_most_of_which_say_who_and_when_stay_tasks(form):
    # The opposite: when half the measures or more say who does them and by when, they are plainly tasks.
    closing = [
        MEASURES[0],
        "（二）开展馆员轮训。各业务部门9月30日前完成全员轮训。",
        MEASURES[2],
    ]
    parsed = form(measures_plan(closing))
    assert [section.node.title for section in parsed.guidance] == ["工作目标"]
    assert [root.title for root in parsed.roots] == ["重点任务", "保障措施"]


@pytest.mark.parametrize("form", FORMS)
def test_closing_measures_with_a_label_stay_tasks(form):
    # The opposite: a label in one measure gives it a unit to answer for: the part is work.
    closing = [*MEASURES[:2], "（三）抓好总结通报。每季度梳理进展。（责任部门：办公室；完成时间：11月25日前）"]
    parsed = form(measures_plan(closing))
    assert [root.title for root in parsed.roots] == ["重点任务", "保障措施"]


def comparator(text: str) -> list[tuple[str, str]]:
    return [(str(found.value), found.comparator) for found in find_indicators(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("展厅临时布展面积不超过场馆总面积的15%", [("15", "lte")]),
        ("宣传经费支出不低于年度预算的8%", [("8", "gte")]),
        ("单次团体预约人数控制在馆内容量的60%", [("60", "lte")]),
    ],
)
def test_a_bound_on_a_share_of_a_whole_is_the_figures(text, expected):
    assert comparator(text) == expected


def test_a_bound_on_something_else_leaves_the_figure_its_own_reading():
    # The opposite: the comparator bounds the thing counted, not the figure ("不超过规定的展厅" picks out which
    # rooms); the figure's own share stays a lower bound, as an unmarked figure is read.
    assert comparator("布展时长不超过规定的展厅占比85%") == [("85", "gte")]


def announcement(title: str, steps: list[str]) -> str:
    return "\n".join(
        [
            "某县人民政府",
            "某政通〔2027〕3号",
            title,
            "为做好2027年度公益性岗位招募工作，现将有关事项通告如下：",
            "一、招募对象和条件",
            "（一）招募对象。本县户籍、年满18周岁的就业困难人员。",
            "（二）身体条件。身体健康，能胜任岗位工作。",
            "二、报名时间和方式",
            "（一）报名时间。2027年3月1日至3月15日。",
            "（二）报名方式。本人携带身份证到所在乡镇便民服务中心报名。",
            "三、招募程序",
            *steps,
            "四、咨询方式",
            "咨询电话：县人社局　0791-1234567",
            "某县人民政府",
            "2027年2月20日",
        ]
    )


PROCEDURE = [
    "（一）资格审查。县人社局会同乡镇对报名人员进行资格审查。",
    "（二）面试考核。县就业服务中心组织面试，择优确定拟聘人员。",
    "（三）公示聘用。拟聘人员名单公示5个工作日后办理聘用手续。",
]


@pytest.mark.parametrize("form", FORMS)
def test_a_public_announcement_is_no_plan(form):
    parsed = form(announcement("关于招募2027年度公益性岗位人员的通告", PROCEDURE))
    assert not shape.check(parsed).looks_like_plan


@pytest.mark.parametrize("form", FORMS)
def test_an_announcement_whose_entries_give_units_their_dates_is_a_plan(form):
    # The opposite: under a 通告's title, entries that give most of them units and deadlines, as a plan's items
    # do, are tasks to track.
    text = "\n".join(
        [
            "关于开展2027年度河道垃圾清理整治行动的通告",
            "一、清理范围",
            "（一）清理主干河道漂浮物。（责任单位：县水利局；完成时限：3月31日前）",
            "（二）清理支流沿岸堆放垃圾。（责任单位：各乡镇；完成时限：4月30日前）",
            "二、整治内容",
            "（一）拆除河道违规搭建。（责任单位：县住建局；完成时限：5月31日前）",
            "（二）整治沿河排污口。（责任单位：县生态环境分局；完成时限：6月30日前）",
            "（三）建立河道保洁长效机制。（责任单位：县水利局；完成时限：长期坚持）",
        ]
    )
    assert shape.check(form(text)).looks_like_plan
