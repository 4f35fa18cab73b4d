"""The import through its pages: upload, progress, review (names, edit, merge, split), publish, export."""

import datetime
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from responsibility.importing import SAMPLES, review
from responsibility.models import ItemStatus, PlanImport, ResponsibilityItem, Unit, UnitAlias, WorkPlan
from tests.browser import Browser, field_errors, messages, plain_text

DOCUMENTS = Path(__file__).parent / "documents"
ROLES = ["committee", "office", "leader", "official", "official2", "inspector", "assessor", "outsider"]


def upload(browser, cast, name="plan_2021.txt", data=None, **extra):
    form = {"organisation": cast.street.pk, "year": 2021, "title": "", "text": "", **extra}
    if name:
        path = SAMPLES / "huixing_2020_report.txt" if name == "seed_2020.txt" else DOCUMENTS / name
        form["file"] = SimpleUploadedFile(name, data if data is not None else path.read_bytes())
    return browser.submit(reverse("plans:import"), form)


@pytest.fixture
def imported(cast, django_capture_on_commit_callbacks):
    browser = Browser(cast.office)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(browser, cast)
    job = PlanImport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("plans:import_status", args=[job.pk])
    job.refresh_from_db()
    return browser, job.plan


def item(plan, title):
    return plan.items.get(title__startswith=title)


def test_an_upload_becomes_a_draft_plan_shown_for_review(cast, imported):
    browser, plan = imported
    status = browser.get(reverse("plans:import_status", args=[PlanImport.objects.get().pk]))
    assert status["Location"] == reverse("plans:review", args=[plan.pk])
    page = plain_text(browser.get(status["Location"]))
    assert plan.status == WorkPlan.Status.DRAFT and plan.year == 2021
    assert "回兴党工委发〔2021〕8号" in page  # the header, apart from the items
    assert "加强理论学习" in page and "严格落实重大行政决策程序规定" in page
    assert "某不存在的协会" in page  # an unknown name is listed, not dropped


def test_names_are_matched_to_units_and_group_words_kept_as_groups(cast, imported):
    _browser, plan = imported
    study = item(plan, "加强理论学习")
    assert study.lead_unit == cast.office_unit
    assert study.unit_groups == {"responsible_units": ["各社区"]} and not study.responsible_units.exists()
    assert study.lead_leader_post is None and study.unresolved == {"lead_leaders": ["张书记"]}


def test_the_review_shows_a_group_word_as_a_group_not_as_an_unknown_name(cast, imported):
    browser, plan = imported
    page = browser.get(reverse("plans:review", args=[plan.pk]))
    row = _row_text(page, item(plan, "加强理论学习"))
    assert "责任单位：各社区（单位组，部署时展开为该类全部单位）" in row
    assert "未识别" not in row.replace("未识别：张书记", "")
    unknown = re.search(r'<section class="card" id="unresolved">.*?</section>', page.content.decode(), re.S)
    assert "各社区" not in unknown.group(0)


def _row_text(page, entry) -> str:
    html = page.content.decode()
    found = re.search(rf'<tr id="item-{entry.pk}".*?</tr>', html, re.S)
    return re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", found.group(0)))


def test_progress_is_served_for_the_page_to_poll(cast, imported):
    browser, plan = imported
    state = browser.get(reverse("plans:import_progress", args=[PlanImport.objects.get().pk])).json()
    assert state == {"status": "done", "progress": 100, "message": "", "review_url": f"/plans/{plan.pk}/review/"}


def test_mapping_a_name_updates_every_item_and_is_remembered(cast, imported):
    browser, plan = imported
    response = browser.submit(
        reverse("plans:map_name", args=[plan.pk]),
        {"field": "cooperating_units", "name": "区司法局", "action": "map", "unit": cast.justice.pk},
        form_page=reverse("plans:review", args=[plan.pk]),
        follow=True,
    )
    assert messages(response) == ["“区司法局”已处理，涉及 1 个事项。"]
    training = item(plan, "开展专题培训")
    assert cast.justice in training.cooperating_units.all()
    assert "cooperating_units" not in training.unresolved or "区司法局" not in training.unresolved["cooperating_units"]
    assert UnitAlias.objects.filter(unit=cast.justice, name="区司法局").exists()


def test_creating_a_unit_for_an_unknown_name(cast, imported):
    browser, plan = imported
    browser.submit(
        reverse("plans:map_name", args=[plan.pk]),
        {"field": "responsible_units", "name": "综合行政执法大队", "action": "create", "kind": "department"},
        form_page=reverse("plans:review", args=[plan.pk]),
    )
    unit = Unit.objects.get(name="综合行政执法大队")
    assert unit.parent == cast.street
    assert list(item(plan, "全面推行行政执法").responsible_units.all()) == [unit]


def resolve_everything(browser, cast, plan):
    decisions = {
        ("lead_leaders", "张书记"): {"action": "map", "post": cast.posts["committee"].pk},
        ("persons", "王司法"): {"action": "map", "post": cast.posts["official"].pk},
    }
    for entry in list(_unresolved(plan)):
        data = decisions.get(entry, {"action": "ignore"})
        browser.submit(
            reverse("plans:map_name", args=[plan.pk]),
            {"field": entry[0], "name": entry[1], **data},
            form_page=reverse("plans:review", args=[plan.pk]),
        )


def _unresolved(plan):
    for value in plan.items.values_list("unresolved", flat=True):
        for key, names in value.items():
            for name in names:
                yield key, name


def test_publishing_waits_until_every_name_is_handled(cast, imported):
    browser, plan = imported
    review = plain_text(browser.get(reverse("plans:review", args=[plan.pk])))
    assert "处理后才能发布" in review and "发布并启动部署" not in review
    resolve_everything(browser, cast, plan)
    assert not list(_unresolved(plan))
    assert item(plan, "加强理论学习").lead_leader_post == cast.posts["committee"]
    review = plain_text(browser.get(reverse("plans:review", args=[plan.pk])))
    assert "发布并启动部署" in review
    browser.submit(reverse("workflow:publish", args=[plan.pk]), form_page=reverse("plans:review", args=[plan.pk]))
    leaves = plan.items.filter(is_heading=False)
    assert leaves.count() == 7 and set(leaves.values_list("status", flat=True)) == {ItemStatus.DEPLOYING}
    # Groups do not hold publishing back: they stay on the items, to expand at deploy.
    assert item(plan, "加强理论学习").unit_groups == {"responsible_units": ["各社区"]}


def test_editing_an_item_reassigns_it(cast, imported):
    browser, plan = imported
    target = item(plan, "开展执法案卷评查")
    page = reverse("plans:item_edit", args=[target.pk])
    form = {
        "number": "2.",
        "title": "开展执法案卷评查",
        "content": "",
        "target": "评查案卷不少于30件",
        "points": "5",
        "lead_unit": cast.justice.pk,
        "responsible_units": [cast.justice.pk, cast.community.pk],
        "responsible_post": cast.posts["official"].pk,
        "deadline": "2021-09-30",
        "report_cadence": "monthly",
        "report_day": "25",
    }
    response = browser.submit(page, form)
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.lead_unit == cast.justice and target.report_day == 25
    assert set(target.responsible_units.all()) == {cast.justice, cast.community}


def test_merging_keeps_the_text_of_the_merged_item(cast, imported):
    browser, plan = imported
    second = item(plan, "健全法律顾问制度")
    first = item(plan, "严格落实重大行政决策")
    browser.submit(reverse("plans:item_merge", args=[second.pk]), form_page=reverse("plans:review", args=[plan.pk]))
    first.refresh_from_db()
    assert not ResponsibilityItem.objects.filter(pk=second.pk).exists()
    assert "2 健全法律顾问制度" in first.content


def test_splitting_moves_paragraphs_into_a_new_item(cast, imported):
    browser, plan = imported
    training = item(plan, "开展专题培训")
    training.content = "第一段内容。\n\n开展线上培训。全员参加。"
    training.save()
    browser.submit(reverse("plans:item_split", args=[training.pk]), {"paragraph": 1})
    new = plan.items.get(title="开展线上培训")
    assert new.content == "全员参加。" and new.parent_id == training.parent_id
    training.refresh_from_db()
    assert training.content == "第一段内容。"


def test_a_corrupt_docx_is_refused_on_the_form_and_nothing_is_queued(cast):
    response = upload(Browser(cast.office), cast, name="要点.docx", data=b"PK\x03\x04 not really a zip")
    assert response.status_code == 200
    assert "已损坏" in " ".join(field_errors(response, "file"))
    assert not PlanImport.objects.exists() and not WorkPlan.objects.filter(year=2021).exists()


def test_a_text_without_numbering_fails_with_the_reason(cast, django_capture_on_commit_callbacks):
    browser = Browser(cast.office)
    with django_capture_on_commit_callbacks(execute=True):
        upload(browser, cast, name=None, text="请各单位认真做好工作。")
    job = PlanImport.objects.get()
    assert job.status == PlanImport.Status.FAILED and "没有找到任何编号" in job.message
    assert "没有找到任何编号" in plain_text(browser.get(reverse("plans:import_status", args=[job.pk])))
    assert not WorkPlan.objects.filter(year=2021).exists()


def test_nothing_is_half_imported_when_building_fails(cast, monkeypatch, django_capture_on_commit_callbacks):
    from responsibility.importing import build

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(build.Indicator.objects, "bulk_create", broken)
    with django_capture_on_commit_callbacks(execute=True):
        upload(Browser(cast.office), cast)
    job = PlanImport.objects.get()
    assert job.status == PlanImport.Status.FAILED and "导入失败" in job.message
    assert not WorkPlan.objects.filter(year=2021).exists()
    assert not ResponsibilityItem.objects.filter(plan__year=2021).exists()


@pytest.mark.parametrize("role", ROLES)
def test_only_the_office_may_import(cast, role):
    response = Browser(cast.roles[role]).get(reverse("plans:import"))
    assert response.status_code == (200 if role == "office" else 404)


@pytest.mark.parametrize("role", ROLES)
def test_review_and_export_are_for_office_and_committee(cast, imported, role):
    _browser, plan = imported
    browser = Browser(cast.roles[role])
    expected = 200 if role in ("office", "committee") else 404
    assert browser.get(reverse("plans:review", args=[plan.pk])).status_code == expected
    assert browser.get(reverse("plans:export", args=[plan.pk])).status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_only_the_office_changes_a_draft(cast, imported, role):
    _browser, plan = imported
    target = item(plan, "开展专题培训")
    browser = Browser(cast.roles[role])
    expected = 200 if role == "office" else 404
    assert browser.get(reverse("plans:item_edit", args=[target.pk])).status_code == expected
    response = browser.submit(reverse("plans:item_merge", args=[target.pk]), form_page=reverse("plans:import"))
    assert response.status_code == (302 if role == "office" else 404)


def test_the_committee_reads_the_review_but_cannot_change_it(cast, imported):
    _browser, plan = imported
    page = plain_text(Browser(cast.committee).get(reverse("plans:review", args=[plan.pk])))
    assert "加强理论学习" in page and "编辑" not in page and "并入上一项" not in page


def test_removing_a_part_takes_its_subtree_and_regroups_the_categories(cast, django_capture_on_commit_callbacks):
    browser = Browser(cast.office)
    with django_capture_on_commit_callbacks(execute=True):
        upload(browser, cast, name="seed_2020.txt")
    plan = PlanImport.objects.get().plan
    assert list(plan.categories.values_list("name", flat=True))[:1] == ["2020 年推进法治政府建设的主要举措和成效"]
    for number in ["二、", "三、", "四、"]:
        part = plan.items.get(number=number, parent=None)
        page = reverse("plans:item_remove", args=[part.pk])
        assert "确认删除" in plain_text(browser.get(page))
        browser.submit(page)
    assert plan.items.filter(parent=None).count() == 1
    names = list(plan.categories.order_by("order").values_list("name", flat=True))
    assert len(names) == 8 and names[0] == "依法全面履行政府职能情况" and names[7] == "强化组织保障和落实机制情况"
    leaves = plan.items.filter(is_heading=False)
    assert leaves.count() == 19 and not leaves.filter(category=None).exists()
    assert "二、2020 年主要负责人" in plan.source_text  # the source keeps what the draft dropped


def test_the_plans_page_cannot_publish_past_unknown_names(cast, imported):
    browser, plan = imported
    response = browser.submit(
        reverse("workflow:publish", args=[plan.pk]), form_page=reverse("workflow:plans"), follow=True
    )
    assert any("未识别的名称没有处理" in message for message in messages(response))
    assert not plan.items.exclude(status=ItemStatus.DRAFT).exists()


def test_approximate_matches_are_shown_for_checking(cast, django_capture_on_commit_callbacks):
    Unit.objects.create(name="综治中心办公室", parent=cast.street)
    browser = Browser(cast.office)
    with django_capture_on_commit_callbacks(execute=True):
        upload(browser, cast, name=None, text="一、平安建设\n1.开展矛盾排查。\n责任单位：区综治中心办公室\n")
    plan = PlanImport.objects.get().plan
    page = plain_text(browser.get(reverse("plans:review", args=[plan.pk])))
    assert "“区综治中心办公室”按近似名称对应到“综治中心办公室”，请确认。" in page


def form_fields(html):
    """What the browser would send back for the page's first POST form, untouched."""
    import re as regex
    from html import unescape

    form = regex.search(r'<form method="post"(.*?)</form>', html, regex.S).group(1)
    data = {}
    for tag in regex.findall(r"<input[^>]*>", form):
        name = regex.search(r'name="([^"]+)"', tag)
        value = regex.search(r'value="([^"]*)"', tag)
        kind = regex.search(r'type="([^"]+)"', tag)
        if not name or name.group(1) == "csrfmiddlewaretoken":
            continue
        if kind and kind.group(1) in ("checkbox", "radio"):
            if "checked" in tag:
                data.setdefault(name.group(1), []).append(unescape(value.group(1)) if value else "on")
            continue
        data[name.group(1)] = unescape(value.group(1)) if value else ""
    for name, body in regex.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, regex.S):
        data[name] = unescape(body).removeprefix("\n").replace("\n", "\r\n")
    for name, body in regex.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, regex.S):
        chosen = regex.findall(r'<option value="([^"]*)"[^>]*selected', body)
        data[name] = chosen[0] if chosen else ""
    return data


def test_saving_the_edit_form_untouched_keeps_the_deadline_and_the_paragraphs(cast, imported):
    browser, plan = imported
    target = item(plan, "加强理论学习")
    target.content = "第一段。\n\n第二段。"
    target.save()
    page = reverse("plans:item_edit", args=[target.pk])
    html = browser.get(page).content.decode()
    assert 'value="2021-12-31"' in html  # what a browser's date field can show
    browser.submit(page, form_fields(html))
    target.refresh_from_db()
    assert target.deadline == datetime.date(2021, 12, 31)
    assert target.content == "第一段。\n\n第二段。"
    assert len(review.paragraphs_of(target)) == 2


def test_a_name_kept_as_written_stays_on_the_item_and_in_the_export(cast, imported):
    browser, plan = imported
    browser.submit(
        reverse("plans:map_name", args=[plan.pk]),
        {"field": "cooperating_units", "name": "某不存在的协会", "action": "ignore"},
        form_page=reverse("plans:review", args=[plan.pk]),
    )
    publicity = item(plan, "加强普法宣传")
    assert publicity.kept_names == {"cooperating_units": ["某不存在的协会"]}
    assert "保留原文：某不存在的协会" in plain_text(browser.get(reverse("plans:review", args=[plan.pk])))
    from responsibility.importing.xlsx import item_cells

    assert "某不存在的协会" in item_cells(publicity, 2021)["cooperating_units"]


def test_person_names_cannot_be_created_as_units(cast, imported):
    browser, plan = imported
    html = browser.get(reverse("plans:review", args=[plan.pk])).content.decode()
    person_form = html[html.index('value="张书记"') :]
    person_form = person_form[: person_form.index("</form>")]
    assert 'value="create"' not in person_form and 'value="map"' in person_form


def test_the_same_file_imported_again_is_flagged(cast, imported, django_capture_on_commit_callbacks):
    browser, _plan = imported
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(browser, cast)
    page = browser.get(response["Location"], follow=True)
    assert any("这份文件已于" in message for message in messages(page))


def test_unfinished_imports_are_listed_on_the_plans_page(cast, django_capture_on_commit_callbacks):
    browser = Browser(cast.office)
    with django_capture_on_commit_callbacks(execute=True):
        upload(browser, cast, name=None, text="没有编号的一段话。")
    page = plain_text(browser.get(reverse("workflow:plans")))
    assert "未完成的导入" in page and "失败" in page
    assert "未完成的导入" not in plain_text(Browser(cast.committee).get(reverse("workflow:plans")))


def test_a_notice_that_sends_a_plan_gives_the_plan_its_own_name(cast):
    from responsibility.importing.build import plan_title
    from responsibility.importing.parse import parse
    from responsibility.importing.readers import read

    parsed = parse(read("通知.txt", (DOCUMENTS / "web_notice.txt").read_bytes()))
    assert plan_title(parsed) == "渝北区2023年法治政府建设工作要点"


def test_publishing_asks_first(cast, imported):
    browser, plan = imported
    resolve_everything(browser, cast, plan)
    html = browser.get(reverse("plans:review", args=[plan.pk])).content.decode()
    assert "data-confirm=" in html and "确定发布吗" in html


def test_the_list_names_each_plan_where_it_starts(cast, imported):
    _browser, plan = imported
    cast.item("完善内部制度建设")
    page = Browser(cast.committee).get(reverse("workflow:items")).content.decode()
    rows = re.findall(r'<tr class="plan-row"><td colspan="7"><strong>(.*?)</strong>', page)
    assert rows == [cast.plan.title, plan.title] or rows == [plan.title, cast.plan.title]


def test_the_review_page_costs_the_same_for_few_and_many_items(cast, django_capture_on_commit_callbacks):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def review_queries(size):
        lines = [f"一、第{size}批工作"]
        lines += [
            f"{n}.第{n}项工作，开展活动不少于{n}场次。\n责任单位：司法所、未知单位{n}\n时间节点：6月底前完成方案"
            for n in range(1, size + 1)
        ]
        browser = Browser(cast.office)
        with django_capture_on_commit_callbacks(execute=True):
            upload(browser, cast, name=None, text="\n".join(lines))
        plan = PlanImport.objects.latest("id").plan
        browser.get(reverse("plans:review", args=[plan.pk]))
        with CaptureQueriesContext(connection) as queries:
            assert browser.get(reverse("plans:review", args=[plan.pk])).status_code == 200
        return len(queries)

    assert review_queries(20) == review_queries(3)


def test_with_the_broker_unreachable_the_import_runs_in_the_request(
    cast, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    from kombu.exceptions import OperationalError

    from responsibility.tasks import run_import

    def unreachable(*args):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(run_import, "delay", unreachable)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(Browser(cast.office), cast)
    job = PlanImport.objects.get()
    assert response.status_code == 302
    assert job.status == PlanImport.Status.DONE and job.plan is not None
    assert "broker unreachable" in caplog.text and "run here instead" in caplog.text


def test_the_office_may_drop_a_group_word_on_the_edit_page(cast, imported):
    browser, plan = imported
    study = item(plan, "加强理论学习")
    page = reverse("plans:item_edit", args=[study.pk])
    shown = plain_text(browser.get(page))
    assert "单位组" in shown and "责任单位：各社区" in shown
    form = {
        "number": study.number,
        "title": study.title,
        "content": study.content,
        "target": study.target,
        "points": "0",
        "lead_unit": cast.office_unit.pk,
        "deadline": "2021-12-31",
        "report_cadence": "quarterly",
    }
    assert browser.submit(page, {**form, "groups": ["responsible_units:各社区"]}).status_code == 302
    study.refresh_from_db()
    assert study.unit_groups == {"responsible_units": ["各社区"]}  # kept while ticked
    assert browser.submit(page, form).status_code == 302
    study.refresh_from_db()
    assert study.unit_groups == {} and study.lead_unit == cast.office_unit


def test_the_edit_page_of_an_item_without_groups_has_no_group_field(cast, imported):
    browser, plan = imported
    page = browser.get(reverse("plans:item_edit", args=[item(plan, "开展专题培训").pk]))
    assert 'name="groups"' not in page.content.decode()
