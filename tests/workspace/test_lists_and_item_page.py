"""The lists' search, filters and pages; the item page's evidence previews, contacts and deadlines."""

from __future__ import annotations

import datetime
import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.datastructures import MultiValueDict

from responsibility.models import ItemStatus, Post, ResponsibilityItem
from tests.browser import Browser, plain_text, text, url
from tests.workflow.drive import find_task, item_at, set_deadline
from tests.workspace.page import block, block_text
from workflow import lists, services
from workflow.templatetags.luoshi import time_left

ITEM_LINK = re.compile(r'href="/items/(\d+)/"')


def linked_items(response) -> list[int]:
    return [int(pk) for pk in ITEM_LINK.findall(text(response))]


def many(cast, n: int, **kwargs) -> list[ResponsibilityItem]:
    items = [cast.item(f"事项{i:03d}", number=f"{i}.", with_indicator=False, **kwargs) for i in range(n)]
    ResponsibilityItem.objects.filter(pk__in=[i.pk for i in items]).update(status=ItemStatus.IN_PROGRESS)
    return items


# --- 责任清单: pages, search, filters ----------------------------------------------------------------


def test_the_list_is_shown_a_page_at_a_time(cast, browsers):
    items = many(cast, lists.PAGE_SIZE + 10)
    first = browsers["committee"].get(url("items"))
    second = browsers["committee"].get(url("items") + "?page=2")
    assert len(linked_items(first)) == lists.PAGE_SIZE and len(linked_items(second)) == 10
    assert set(linked_items(first)) | set(linked_items(second)) == {item.pk for item in items}
    assert "第 1 / 2 页，共 60 项" in plain_text(first) and 'rel="next"' in text(first)


def test_the_pages_keep_the_filters(cast, browsers):
    many(cast, lists.PAGE_SIZE + 1)
    page = browsers["committee"].get(url("items") + "?status=in_progress")
    assert 'href="?status=in_progress&amp;page=2"' in text(page)


def test_the_list_searches_titles(cast, browsers):
    many(cast, 3)
    cast.item("人民调解工作", number="9.")
    page = browsers["committee"].get(url("items") + "?q=调解")
    assert [ResponsibilityItem.objects.get(pk=pk).title for pk in linked_items(page)] == ["人民调解工作"]


def test_the_list_filters_by_status_light_and_lateness(cast, browsers):
    draft = cast.item("草稿事项", number="8.")
    late = cast.item("逾期事项", number="9.")
    ResponsibilityItem.objects.filter(pk=late.pk).update(
        status=ItemStatus.IN_PROGRESS, due_by=timezone.localdate() - datetime.timedelta(days=3), rag="red"
    )
    assert linked_items(browsers["committee"].get(url("items") + "?status=draft")) == [draft.pk]
    assert linked_items(browsers["committee"].get(url("items") + "?overdue=on")) == [late.pk]
    assert linked_items(browsers["committee"].get(url("items") + "?rag=red")) == [late.pk]


def test_mine_means_the_items_i_lead_or_answer_for(cast, browsers):
    led = item_at(cast, "work", title="我牵头的")
    other = item_at(cast, "work", title="别人牵头的")
    ResponsibilityItem.objects.filter(pk=other.pk).update(lead_leader_post=cast.posts["committee"])
    assert linked_items(browsers["leader"].get(url("items") + "?mine=lead")) == [led.pk]
    assert set(linked_items(browsers["official"].get(url("items") + "?mine=responsible"))) == {led.pk, other.pk}


def test_the_plan_filter_offers_only_the_plans_of_items_one_may_see(cast, browsers):
    item_at(cast, "work")
    page = text(browsers["official2"].get(url("items")))
    assert cast.plan.title not in page
    assert cast.plan.title in text(browsers["official"].get(url("items")))


def test_the_list_keeps_the_plan_tree_on_each_page(cast, browsers):
    part = ResponsibilityItem.objects.create(plan=cast.plan, number="一、", title="主要举措和成效")
    many(cast, lists.PAGE_SIZE + 2, parent=part)
    second = plain_text(browsers["committee"].get(url("items") + "?page=2"))
    assert "主要举措和成效" in second


# --- 我的待办: the full list stays, filtered and paginated ---------------------------------------


def test_my_tasks_filter_by_step_and_search(cast, browsers):
    item_at(cast, "deploy", title="待部署甲")
    item_at(cast, "decide_extension", title="待审批乙")
    tasks = browsers["office"].get(url("my_tasks") + "?step=decide_extension")
    assert "待审批乙" in text(tasks) and "待部署甲" not in text(tasks)
    found = browsers["office"].get(url("my_tasks") + "?q=部署甲")
    assert "待部署甲" in text(found) and "待审批乙" not in text(found)


# --- the item page: evidence previews ------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    return buffer.getvalue()


DOCX = _docx()


@pytest.fixture
def reported(cast, media):
    item = item_at(cast, "work")
    files = [
        SimpleUploadedFile("现场照片.png", PNG, content_type="image/png"),
        SimpleUploadedFile("台账.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
        SimpleUploadedFile("说明.docx", DOCX, content_type="application/msword"),
        SimpleUploadedFile("名单.csv", "序号,单位\n1,司法所\n".encode(), content_type="image/png"),
    ]
    data = {"action": "report", "period": "2020-03", "percent_done": "40", "narrative": "已开展"}
    services.complete(cast.official, find_task(item, "work").pk, data, MultiValueDict({"evidence": files}))
    return item, {e.original_name: e for e in item.reports.get().evidence.all()}


def test_images_show_as_thumbnails_pdfs_embedded_and_other_files_listed(cast, browsers, reported):
    item, files = reported
    page = text(browsers["committee"].get(url("item", item.pk)))
    image, pdf, doc, svg = (url("evidence", files[n].pk) for n in ["现场照片.png", "台账.pdf", "说明.docx", "名单.csv"])
    assert f'<img class="thumb" src="{image}?inline=1" alt="现场照片.png"' in page
    assert f'<object class="pdf" data="{pdf}?inline=1" type="application/pdf"' in page
    assert f'href="{doc}" download>说明.docx</a>' in page and f"{doc}?inline=1" not in page
    assert f'href="{svg}" download>名单.csv</a>' in page and f"{svg}?inline=1" not in page


def test_a_preview_is_served_inline_with_the_type_of_its_extension(cast, browsers, reported):
    item, files = reported
    image = browsers["committee"].get(url("evidence", files["现场照片.png"].pk) + "?inline=1")
    assert image["Content-Type"] == "image/png" and image["Content-Disposition"].startswith("inline")
    assert image["X-Content-Type-Options"] == "nosniff"
    pdf = browsers["committee"].get(url("evidence", files["台账.pdf"].pk) + "?inline=1")
    assert pdf["Content-Type"] == "application/pdf" and pdf["X-Frame-Options"] == "SAMEORIGIN"


def test_a_file_that_is_not_an_image_or_pdf_is_always_a_download(cast, browsers, reported):
    item, files = reported
    svg = browsers["committee"].get(url("evidence", files["名单.csv"].pk) + "?inline=1")
    assert svg["Content-Disposition"].startswith("attachment")


def test_a_preview_is_refused_to_whoever_may_not_see_the_item(cast, browsers, reported):
    item, files = reported
    assert browsers["outsider"].get(url("evidence", files["现场照片.png"].pk) + "?inline=1").status_code == 404
    assert browsers["official2"].get(url("evidence", files["台账.pdf"].pk) + "?inline=1").status_code == 404


# --- the item page: whom to contact -----------------------------------------------------------------------


def with_phones(cast) -> None:
    for person, phone in [(cast.official, "13800000001"), (cast.leader, "13800000002")]:
        person.phone = phone
        person.save(update_fields=["phone"])


def test_the_item_page_names_whom_to_contact_with_phone_and_email(cast, browsers):
    with_phones(cast)
    head = Post.objects.create(unit=cast.justice, title="所长", role=Post.Role.UNIT_HEAD, holder=cast.official2)
    item = item_at(cast, "work")
    page = browsers["committee"].get(url("item", item.pk))
    contacts = block_text(page, "contacts")
    assert "责任人 赵所长 司法所司法所所长" in contacts and "13800000001" in contacts
    assert "official@example.cn" in contacts
    assert "单位负责人 钱主任 司法所所长" in contacts
    assert "牵头领导 张主任" in contacts and "13800000002" in contacts
    assert 'href="tel:13800000001"' in block(page, "contacts")
    assert head.pk


@pytest.mark.parametrize("role", ["outsider", "official2"])
def test_those_who_may_not_see_the_item_get_no_contacts(cast, browsers, role):
    with_phones(cast)
    item = item_at(cast, "work")
    page = browsers[role].get(url("item", item.pk))
    assert page.status_code == 404 and "13800000001" not in text(page)


# --- Chinese deadlines and dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(("days", "shown"), [(3, "剩余3天"), (0, "今天到期"), (-12, "逾期12天")])
def test_deadlines_are_said_in_days_left_or_overdue(cast, days, shown):
    item = cast.item(status=ItemStatus.IN_PROGRESS)
    today = item.deadline - datetime.timedelta(days=days)
    assert time_left(item, today) == shown


def test_an_overdue_item_says_its_days_once_where_its_deadline_is_shown(cast, browsers):
    item = item_at(cast, "work")
    set_deadline(item, timezone.localdate() - datetime.timedelta(days=12))
    pages = [
        browsers["committee"].get(url("items")),
        browsers["official"].get(url("my_tasks")),
        browsers["official"].get(url("item", item.pk)),
        browsers["official"].get("/"),
    ]
    for page in pages:
        assert plain_text(page).count("逾期12天") == 1, page.wsgi_request.path
    # The board shows no deadline column: there the status says it.
    assert "逾期12天" in plain_text(browsers["committee"].get(url("board")))


def test_a_closed_or_ongoing_item_has_no_days_left(cast):
    assert time_left(cast.item(status=ItemStatus.CLOSED)) == ""
    assert time_left(cast.item(status=ItemStatus.IN_PROGRESS, ongoing=True)) == ""


def test_dates_are_written_the_chinese_way(cast, browsers):
    item = item_at(cast, "work")
    ResponsibilityItem.objects.filter(pk=item.pk).update(deadline=datetime.date(2020, 6, 30))
    assert "2020年6月30日" in plain_text(browsers["committee"].get(url("item", item.pk)))


def test_english_can_still_be_chosen_on_the_workspace(cast):
    browser = Browser(cast.committee)
    browser.client.cookies["django_language"] = "en"
    page = browser.get("/")
    assert page.status_code == 200 and '<html lang="en">' in text(page)
    translation.activate("zh-hans")


# --- the phone: the header folds, tables scroll or stack ------------------------------------------------


def test_the_header_folds_into_a_menu_on_a_phone(cast, browsers):
    page = text(browsers["official"].get(reverse("workflow:home")))
    assert 'id="nav-toggle"' in page and '<label for="nav-toggle" class="nav-button">' in page
    css = reverse("workflow:home") and open("static/css/luoshi.css", encoding="utf-8").read()
    assert ".nav-toggle:checked~nav{display:flex}" in css and "table.stack thead{display:none}" in css
