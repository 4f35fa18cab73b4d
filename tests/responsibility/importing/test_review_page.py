"""Big drafts: an import makes at most IMPORT_MAX_ENTRIES entries, and the review page shows a page of
the tree at a time with the part of the source beside it, so its cost does not grow with the plan."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from responsibility.importing import review_page
from responsibility.models import PlanImport, WorkPlan
from tests.browser import Browser, plain_text


def document(items: int, unknown_every: int = 0) -> str:
    lines = ["回兴街道2021年工作要点", "一、重点工作"]
    for n in range(1, items + 1):
        lines.append(f"{n}.第{n}项工作。")
        unit = f"未知单位{n}" if unknown_every and n % unknown_every == 0 else "司法所"
        lines.append(f"责任单位：{unit}")
    return "\n".join(lines)


def imported(cast, capture, text: str):
    browser = Browser(cast.office)
    form = {"organisation": cast.street.pk, "year": 2021, "title": "", "text": text}
    with capture(execute=True):
        browser.submit(reverse("plans:import"), form)
    return browser, PlanImport.objects.latest("id")


def source_lines(html: str) -> list[int]:
    return [int(number) for number in re.findall(r'<li id="L(\d+)"', html)]


def item_rows(html: str) -> list[str]:
    return re.findall(r'<tr id="item-(\d+)"', html)


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(review_page, "PAGE_SIZE", 4)


def test_the_review_shows_a_page_of_the_tree_with_its_part_of_the_source(
    cast, small_pages, django_capture_on_commit_callbacks
):
    browser, job = imported(cast, django_capture_on_commit_callbacks, document(10))
    url = reverse("plans:review", args=[job.plan_id])
    pages = [browser.get(f"{url}?page={number}").content.decode() for number in (1, 2, 3)]
    assert [len(item_rows(html)) for html in pages] == [4, 4, 3]  # 一、 and ten items
    assert "第 1 / 3 页，共 11 项" in plain_text(browser.get(url))
    shown = [source_lines(html) for html in pages]
    total = len(document(10).split("\n"))
    assert sum(shown, []) == list(range(1, total + 1))  # every line once, in order, across the pages
    items = {item.pk: item for item in job.plan.items.all()}
    for html, lines in zip(pages, shown, strict=True):
        assert all(items[int(pk)].source_line in lines for pk in item_rows(html))


def test_a_problem_links_to_the_page_its_line_is_on(cast, small_pages, django_capture_on_commit_callbacks):
    text = document(10) + "\n12.第十二项工作。"
    browser, job = imported(cast, django_capture_on_commit_callbacks, text)
    html = browser.get(reverse("plans:review", args=[job.plan_id])).content.decode()
    assert 'href="?page=3#L23"' in html  # 编号不连续 on the last line, shown on page 1 too


def test_after_an_edit_the_review_opens_on_the_items_page(cast, small_pages, django_capture_on_commit_callbacks):
    browser, job = imported(cast, django_capture_on_commit_callbacks, document(10))
    ninth = job.plan.items.get(title="第9项工作")
    response = browser.submit(reverse("plans:item_merge", args=[ninth.pk]), form_page=reverse("plans:import"))
    eighth = job.plan.items.get(title="第8项工作")
    assert response["Location"] == reverse("plans:review", args=[job.plan_id]) + f"?page=3#item-{eighth.pk}"
    assert str(eighth.pk) in item_rows(browser.get(response["Location"].split("#")[0]).content.decode())


def test_many_unknown_names_are_listed_a_batch_at_a_time(cast, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(review_page, "MAX_NAMES", 2)
    browser, job = imported(cast, django_capture_on_commit_callbacks, document(10, unknown_every=2))
    page = browser.get(reverse("plans:review", args=[job.plan_id]))
    html = page.content.decode()
    unknown = re.search(r'<section class="card" id="unresolved">.*?</section>', html, re.S).group(0)
    assert unknown.count("<form") == 2
    shown = plain_text(page)
    assert "共 5 个，先列出前 2 个，处理后再列出其余的。" in shown
    assert "还有 5 个名称未处理，处理后才能发布。" in shown and "发布并启动部署" not in shown


def test_many_problems_are_cut_short_and_counted(cast, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(review_page, "MAX_PROBLEMS", 1)
    text = "一、重点工作\n1.第一项。\n3.第三项。\n5.第五项。"
    browser, job = imported(cast, django_capture_on_commit_callbacks, text)
    page = plain_text(browser.get(reverse("plans:review", args=[job.plan_id])))
    assert page.count("编号不连续") == 1 and "另有 1 条未列出。" in page


def test_an_import_over_the_cap_fails_with_the_cap_named_and_makes_no_plan(
    cast, settings, django_capture_on_commit_callbacks
):
    settings.IMPORT_MAX_ENTRIES = 20
    browser, job = imported(cast, django_capture_on_commit_callbacks, document(25))
    assert job.status == PlanImport.Status.FAILED
    assert "文件中的条目超过 20 条（每次导入的上限），未导入。" in job.message
    assert "超过 20 条" in plain_text(browser.get(reverse("plans:import_status", args=[job.pk])))
    assert not WorkPlan.objects.filter(year=2021).exists()


def test_an_import_at_the_cap_goes_through(cast, settings, django_capture_on_commit_callbacks):
    settings.IMPORT_MAX_ENTRIES = 11
    _browser, job = imported(cast, django_capture_on_commit_callbacks, document(10))
    assert job.status == PlanImport.Status.DONE and job.plan.items.count() == 11
