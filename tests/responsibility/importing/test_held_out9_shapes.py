"""The shapes the ninth held-out set (d91–d98) showed the importer did not follow, in made-up words,
one section per cause: a closing part named "X要求"; a 纪要's masthead with its serial and the printing
office's dated line; rules in 第X章/第X条, some articles naming parts; labels in square brackets
(【牵头单位】); decimal numbering 1 / 1.1 / 1.1.1 with bare part numbers; a 目标任务 column beside 目标值;
notes numbered under a table (注：1．… 2．…)."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing.headers import doc_number_of
from tests.responsibility.importing.made import readers

from .test_held_out_shapes import tree

YEAR = 2023
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


def _items(plan):
    return [node for node, _depth in plan.walk() if not node.children]


# --- a closing part named "X要求" ------------------------------------------------------------------

URGED = "\n".join(
    [
        "某县人民政府督查室",
        "关于对2023年滞后民生工作进行督办的通知",
        "",
        "各有关单位：",
        "经县政府领导同意，现对以下事项进行督办。",
        "",
        "一、督办事项",
        "（一）乡镇卫生院改造。要求加快施工进度。",
        "承办单位：县卫健局",
        "办结时限：2023年10月31日前",
        "（二）农村公路养护。要求完成养护里程120公里。",
        "承办单位：县交通运输局",
        "办结时限：2023年11月30日前",
        "",
        "二、落实要求",
        "（一）强化统筹调度。各承办单位要明确专人负责，逐项推进落实。",
        "（二）及时反馈情况。各承办单位于每周五将推进情况报县督查室。",
    ]
)


@pytest.mark.parametrize("form", ALL_FORMS)
def test_a_closing_part_named_for_requirements_is_guidance(form):
    plan = form(URGED)
    assert tree(plan) == ["一、|督办事项", "  （一）|乡镇卫生院改造", "  （二）|农村公路养护"]
    assert [section.node.title for section in plan.guidance] == ["落实要求"]


def test_a_requirements_part_that_assigns_work_stays_work():
    plan = as_txt(URGED.replace("逐项推进落实。", "逐项推进落实。（责任单位：县督查室；完成时限：2023年12月底前）"))
    assert not plan.guidance


# --- a 纪要 under a masthead with a serial and the printing office's dated line ---------------------

MINUTES = "\n".join(
    [
        "某乡人民政府",
        "乡长办公会议纪要",
        "〔2023〕第7期",
        "某乡党政办公室　　　　　　　　2023年6月2日",
        "某乡2023年第7次乡长办公会议纪要",
        "",
        "2023年5月30日，乡长主持召开乡长办公会议，研究防汛工作。现将议定事项纪要如下：",
        "",
        "一、关于防汛工作",
        "（一）排查山塘水库隐患。（责任单位：乡水利站；完成时限：6月15日前）",
        "（二）储备防汛物资。（责任单位：乡应急办；完成时限：6月底前）",
    ]
)


@pytest.mark.parametrize("form", ALL_FORMS)
def test_minutes_under_a_masthead_with_serial_and_dated_office_line_keep_their_own_title(form):
    plan = form(MINUTES)
    assert plan.title == "某乡2023年第7次乡长办公会议纪要"
    assert doc_number_of(plan.headers) == ""
    assert len(_items(plan)) == 2


def test_the_printing_office_and_date_may_be_set_apart_by_a_tab():
    plan = as_txt(MINUTES.replace("某乡党政办公室　　　　　　　　2023年6月2日", "某乡党政办公室\t2023年6月2日"))
    assert plan.title == "某乡2023年第7次乡长办公会议纪要"


# --- rules in chapters and articles, some articles naming parts ------------------------------------

RULES = "\n".join(
    [
        "某区2023年度街道绩效考核细则",
        "",
        "第一章　总　则",
        "第一条　为推动各项工作落实，根据有关规定，制定本细则。",
        "第二条　本细则适用于全区各街道。",
        "第二章　考核指标",
        "第三条　城市管理指标（50分）",
        "（一）垃圾分类。生活垃圾回收利用率达到40%以上。（25分）",
        "（二）违建治理。新增违法建设零增长。（25分）",
        "第四条　平安建设指标（50分）",
        "（一）矛盾调处。矛盾纠纷调处成功率达到98%以上。（30分）",
        "（二）消防安全。全年不发生较大火灾事故。（20分）",
        "第三章　扣分事项",
        "第五条　被上级通报批评的，每次扣2分。",
        "第六条　各项扣分由区考核办会同相关部门负责认定。",
        "第四章　附　则",
        "第七条　本细则自印发之日起施行。",
    ]
)


@pytest.mark.parametrize("form", ALL_FORMS)
def test_articles_that_name_parts_are_headings_and_articles_that_are_rules_are_guidance(form):
    plan = form(RULES)
    assert tree(plan) == [
        "第二章|考核指标",
        "  第三条|城市管理指标",
        "    （一）|垃圾分类",
        "    （二）|违建治理",
        "  第四条|平安建设指标",
        "    （一）|矛盾调处",
        "    （二）|消防安全",
    ]
    assert [section.node.number for section in plan.guidance] == ["第一章", "第三章", "第四章"]
    assert not [problem for problem in plan.warnings if "编号不连续" in problem.message]


def test_a_chapter_of_articles_with_labelled_units_stays_work():
    plan = as_txt(RULES.replace("第五条　被上级通报批评的，每次扣2分。", "第五条　建立扣分台账。责任单位：区考核办。"))
    assert "第三章" not in [section.node.number for section in plan.guidance]


def test_an_unnumbered_closing_part_over_articles_of_rules_is_still_guidance():
    plan = as_txt(
        "\n".join(
            [
                "某县2023年安全生产考核办法",
                "",
                "为做好考核工作，制定本办法。",
                "",
                "考核内容",
                "1.落实安全责任。（责任单位：县应急局；完成时限：2023年6月底前）",
                "2.开展隐患排查。（责任单位：县应急局；完成时限：2023年9月底前）",
                "附则",
                "第三条　本办法自印发之日起施行。",
            ]
        )
    )
    assert [node.title for node in _items(plan)] == ["落实安全责任", "开展隐患排查"]
    assert _items(plan)[1].content == []
    assert [section.node.title for section in plan.guidance] == ["附则"]


# --- labels in square brackets ---------------------------------------------------------------------


def test_square_bracket_labels_after_the_task_on_its_line():
    plan = as_txt("某镇2023年工作要点\n\n一、重点工作\n1.开展培训。【责任单位】党政办【完成时限】6月底前")
    (item,) = _items(plan)
    assert item.title == "开展培训"
    assert item.fields.responsible_units == ["党政办"] and item.fields.deadline == D(2023, 6, 30)


# --- decimal numbering 1 / 1.1 / 1.1.1, fields in square brackets ---------------------------------

DECIMAL = "\n".join(
    [
        "某县2023年智慧农业建设实施方案",
        "",
        "为推进农业数字化转型，制定本方案。",
        "",
        "1　工作目标",
        "1.1　总体目标。到2023年底，建成智慧农业示范基地5个。",
        "2　主要任务",
        "2.1　建设农业物联网",
        "2.1.1　布设土壤墒情监测点。全年布设监测点60个。",
        "【牵头单位】县农业农村局【配合单位】各乡镇人民政府【完成时限】2023年10月31日前",
        "2.1.2　建设农机作业监测平台。",
        "【责任单位】县农机中心【完成时限】长期坚持",
        "2.2　培育数字农业主体",
        "2.2.1　认定数字农业示范企业。",
        "【牵头单位】县农业农村局【配合单位】县财政局、县科技局【完成时限】2023年12月31日前",
        "3　保障措施",
        "3.1　加强组织领导。县农业农村局统筹推进全县智慧农业建设。",
    ]
)


def _decimal_checks(plan):
    assert tree(plan) == [
        "2|主要任务",
        "  2.1|建设农业物联网",
        "    2.1.1|布设土壤墒情监测点",
        "    2.1.2|建设农机作业监测平台",
        "  2.2|培育数字农业主体",
        "    2.2.1|认定数字农业示范企业",
    ]
    assert [section.node.number for section in plan.guidance] == ["1", "3"]
    first, second, third = _items(plan)
    assert first.fields.lead_units == ["县农业农村局"]
    assert first.fields.cooperating_units == ["各乡镇人民政府"]
    assert first.fields.deadline == D(2023, 10, 31)
    assert second.fields.responsible_units == ["县农机中心"] and second.fields.ongoing
    assert third.fields.cooperating_units == ["县财政局", "县科技局"]
    assert third.fields.deadline == D(2023, 12, 31)


@pytest.mark.parametrize("form", ALL_FORMS)
def test_decimal_numbering_with_bare_part_numbers_and_square_bracket_labels(form):
    _decimal_checks(form(DECIMAL))


def test_decimal_numbering_run_into_the_names_as_a_pdf_gives_it():
    _decimal_checks(as_txt(DECIMAL.replace("　", "")))


def test_a_number_run_into_a_word_is_no_number_without_its_first_decimal_under_it():
    plan = as_txt("某镇2023年工作要点\n\n为做好工作，制定本要点。\n\n一、重点工作\n1.开展培训。\n3个村完成改造。")
    assert tree(plan) == ["一、|重点工作", "  1.|开展培训"]


# --- a table of 目标任务 beside 目标值, notes numbered under it -----------------------------------------

TARGETS = "\n".join(
    [
        "某乡2023年度目标任务责任清单",
        "",
        "序号\t目标任务\t目标值\t责任单位\t配合单位\t完成时限",
        "一、产业发展\t\t\t\t\t",
        "1\t粮食播种面积\t≥3.2万亩\t农业站\t各村\t2023年10月31日前",
        "2\t新增规上企业\t≥2家\t经发办\t/\t2023年12月31日前",
        "二、社会事业\t\t\t\t\t",
        "3\t城镇登记失业率\t≤4%\t社保所\t/\t长期",
        "注：1．“≥”表示不低于，“≤”表示不高于。",
        "2．责任单位为第一责任单位。",
        "3．配合单位按职责做好配合。",
    ]
)


@pytest.mark.parametrize("form", ALL_FORMS)
def test_target_tasks_beside_target_values(form):
    plan = form(TARGETS)
    assert tree(plan) == [
        "一、|产业发展",
        "  1|粮食播种面积",
        "  2|新增规上企业",
        "二、|社会事业",
        "  3|城镇登记失业率",
    ]
    first, second, third = _items(plan)
    assert first.fields.responsible_units == ["农业站"] and first.fields.cooperating_units == ["各村"]
    assert first.fields.deadline == D(2023, 10, 31) and third.fields.ongoing
    assert [(i.comparator, i.value, i.unit) for i in third.indicators] == [("lte", 4, "%")]


@pytest.mark.parametrize("form", ALL_FORMS)
def test_notes_numbered_under_a_table_are_no_entries(form):
    plan = form(TARGETS.replace("目标任务", "工作任务"))
    assert len(_items(plan)) == 3
    skipped = "\n".join(problem.text for problem in plan.not_understood)
    assert "2．责任单位为第一责任单位。" in skipped and "3．配合单位按职责做好配合。" in skipped


def test_target_tasks_beside_a_task_column_stay_the_targets():
    plan = as_txt(
        "某乡2023年重点工作清单\n\n序号\t重点任务\t目标任务\t责任单位\t完成时限\n"
        "1\t改造农村公路\t完成12公里\t交通站\t2023年10月31日前"
    )
    (item,) = _items(plan)
    assert item.title == "改造农村公路" and item.fields.target == "完成12公里"


def test_numbers_after_notes_that_do_not_run_on_are_entries():
    plan = as_txt("某镇2023年工作要点\n\n一、重点工作\n1.开展培训。\n注：1．培训另行通知。\n二、其他工作\n2.完善台账。")
    assert [node.number for node, _depth in plan.walk()] == ["一、", "1.", "二、", "2."]


def test_the_next_item_due_after_a_note_is_an_item_not_a_note():
    plan = as_txt("某镇2023年工作要点\n\n一、重点工作\n1.开展培训。\n注：1．培训另行通知。\n2.完善台账。")
    assert [node.number for node, _depth in plan.walk()] == ["一、", "1.", "2."]
