"""The office sets up its organisation from the pages: units, posts, people and the roster."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from responsibility.models import Person, Post, Unit
from tests.browser import Browser, field_errors, messages, plain_text, row_texts, text, url
from tests.roster_book import book, org_state


@pytest.fixture
def office(cast):
    return Browser(cast.office)


def tree_rows(response) -> list[str]:
    return [row.split(" ")[0] for row in row_texts(response)]


def one_time_passwords(response) -> dict[str, str]:
    """The credentials table: login name -> one-time password."""
    body = re.search(r'<table class="list credentials">(.*?)</table>', text(response), re.S)
    assert body, "no one-time passwords on the page"
    rows = re.findall(r"<tr><td>.*?</td><td>(.*?)</td><td><code>(.*?)</code></td></tr>", body.group(1), re.S)
    return dict(rows)


# --- the unit tree -------------------------------------------------------------------------------------


def test_the_office_sees_its_organisations_tree(cast, office):
    response = office.get(url("org"), follow=True)

    assert response.status_code == 200
    assert tree_rows(response) == ["回兴街道", "党工委", "党政办", "司法所", "兴科社区", "督查室", "考核组"]
    assert 'class="depth-1"' in text(response)


def test_the_office_creates_a_unit_under_another(cast, office):
    response = office.submit(
        url("org_unit_new", cast.street.pk),
        {"name": "兴科网格一", "short_name": "网格一", "kind": "community", "parent": cast.community.pk, "order": 1},
        follow=True,
    )

    unit = Unit.objects.get(name="兴科网格一")
    assert unit.parent == cast.community and unit.kind == Unit.Kind.COMMUNITY
    assert messages(response) == ["已新建单位“兴科网格一”。"]


def test_the_office_renames_moves_and_orders_a_unit(cast, office):
    data = {
        "name": "司法所（调委会）",
        "short_name": "",
        "kind": "department",
        "parent": cast.office_unit.pk,
        "order": 0,
    }
    office.submit(url("org_unit", cast.justice.pk), data)
    cast.justice.refresh_from_db()
    assert (cast.justice.name, cast.justice.parent) == ("司法所（调委会）", cast.office_unit)

    data = {"name": "党工委", "short_name": "", "kind": "committee", "parent": cast.street.pk, "order": 5}
    office.submit(url("org_unit", cast.committee_unit.pk), data)
    rows = tree_rows(office.get(url("org_tree", cast.street.pk)))
    assert rows[-1] == "党工委"  # the others are at 0
    assert rows.index("司法所（调委会）") == rows.index("党政办") + 1


def test_a_unit_cannot_be_moved_under_its_own_unit(cast, office):
    child = Unit.objects.create(name="网格一", parent=cast.community)
    data = {"name": "兴科社区", "kind": "community", "parent": child.pk, "order": 0}

    response = office.submit(url("org_unit", cast.community.pk), data)

    assert field_errors(response, "parent")
    cast.community.refresh_from_db()
    assert cast.community.parent == cast.street


def test_a_unit_name_the_organisation_has_is_refused(cast, office):
    data = {"name": "司法所", "kind": "department", "parent": cast.community.pk, "order": 0}
    response = office.submit(url("org_unit_new", cast.street.pk), data)
    assert field_errors(response, "name") == ["本组织已有名为“司法所”的单位（在“回兴街道”下）。"]
    assert Unit.objects.filter(name="司法所").count() == 1


def test_the_organisation_itself_is_renamed_but_not_moved(cast, office):
    assert 'name="parent"' not in text(office.get(url("org_unit", cast.street.pk)))
    office.submit(url("org_unit", cast.street.pk), {"name": "回兴街道办事处", "short_name": "回兴", "order": 0})
    cast.street.refresh_from_db()
    assert cast.street.name == "回兴街道办事处" and cast.street.parent is None


# --- posts ---------------------------------------------------------------------------------------------


def test_the_office_adds_a_post_with_its_holder(cast, office, admin):
    successor = Person.objects.create_user("zheng", full_name="郑干事", organisation=cast.street)
    response = office.submit(
        url("org_post_new", cast.justice.pk),
        {"title": "副所长", "role": "official", "holder": successor.pk},
        form_page=url("org_unit", cast.justice.pk),
        follow=True,
    )

    post = Post.objects.get(unit=cast.justice, title="副所长")
    assert post.holder == successor and post.role == Post.Role.OFFICIAL
    assert ["副所长", "郑干事"] == re.findall("副所长|郑干事", row_texts(response)[1])
    assert messages(response) == ["已新增岗位“副所长”。"]


def test_a_unit_without_posts_says_why_it_needs_one(cast, office):
    unit = Unit.objects.create(name="区司法局", kind=Unit.Kind.EXTERNAL)
    response = office.get(url("org_unit", unit.pk))
    assert "没有岗位的单位不能被指定为责任单位的责任人" in plain_text(response)
    assert "区司法局" in plain_text(office.get(url("org_tree", cast.street.pk)))


def test_changing_a_posts_role_moves_its_holders_rights(cast, office):
    post = cast.posts["official2"]
    office.submit(url("org_post", post.pk), {"title": "社区主任", "role": "inspector"})

    post.refresh_from_db()
    assert post.role == Post.Role.INSPECTOR
    assert cast.official2.groups.filter(name="inspectors").exists()


def test_a_post_title_the_unit_has_is_refused(cast, office):
    response = office.submit(url("org_post_new", cast.justice.pk), {"title": "司法所所长", "role": "official"})
    assert field_errors(response, "title") == ["“司法所”已有岗位“司法所所长”。"]


# --- people --------------------------------------------------------------------------------------------


def test_the_people_page_lists_phone_and_email(cast, office):
    cast.official.phone = "13900000001"
    cast.official.save()
    rows = row_texts(office.get(url("org_people", cast.street.pk)))
    assert any("赵所长" in row and "13900000001" in row and "official@example.cn" in row for row in rows)


def test_a_new_person_is_shown_his_one_time_password_once(cast, office):
    response = office.submit(
        url("org_person_new", cast.street.pk),
        {
            "full_name": "郑干事",
            "phone": "139-0000-0007",
            "email": "zheng@example.cn",
            "post": cast.posts["official"].pk,
        },
    )

    passwords = one_time_passwords(response)
    person = Person.objects.get(phone="13900000007")
    assert list(passwords) == ["13900000007"]
    assert person.check_password(passwords["13900000007"]) and person.must_change_password
    assert person.organisation == cast.street
    assert cast.posts["official"].__class__.objects.get(pk=cast.posts["official"].pk).holder == person
    assert response["Cache-Control"] == "no-store"
    assert passwords["13900000007"] not in text(office.get(url("org_person", person.pk)))


def test_a_new_persons_number_and_address_must_be_free(cast, office):
    cast.official.phone = "13900000001"
    cast.official.save()
    response = office.submit(
        url("org_person_new", cast.street.pk),
        {"full_name": "郑干事", "phone": "13900000001", "email": "Official@example.cn"},
    )
    assert field_errors(response, "phone") == ["手机号 13900000001 已是“赵所长”的手机号。"]
    assert field_errors(response, "email") == ["邮箱“Official@example.cn”已是“赵所长”的邮箱。"]
    response = office.submit(url("org_person_new", cast.street.pk), {"full_name": "郑干事", "phone": "12345"})
    assert field_errors(response, "phone") == ["手机号“12345”格式不正确：应为 11 位手机号码。"]
    assert not Person.objects.filter(full_name="郑干事").exists()


def test_the_office_edits_a_persons_phone_and_email(cast, office):
    office.submit(
        url("org_person", cast.official.pk), {"full_name": "赵所长", "phone": "13900000001", "email": "z@x.cn"}
    )
    cast.official.refresh_from_db()
    assert (cast.official.phone, cast.official.email) == ("13900000001", "z@x.cn")


def test_assigning_a_person_to_a_post_hands_it_over(cast, office):
    successor = Person.objects.create_user("zheng", full_name="郑干事", organisation=cast.street)
    post = cast.posts["official"]
    response = office.submit(
        url("org_person_assign", successor.pk),
        {"post": post.pk},
        form_page=url("org_person", successor.pk),
        follow=True,
    )
    post.refresh_from_db()
    assert post.holder == successor
    assert messages(response) == ["司法所司法所所长 已由 赵所长 移交给 郑干事，转交待办 0 项。"]


def test_resetting_a_password_shows_a_new_one_time_password(cast, office):
    response = office.submit(
        url("org_person_reset_password", cast.official.pk), form_page=url("org_person", cast.official.pk)
    )
    password = one_time_passwords(response)["official"]
    cast.official.refresh_from_db()
    assert cast.official.check_password(password) and cast.official.must_change_password


def test_the_office_cannot_deactivate_itself(cast, office):
    response = office.submit(
        url("org_person_deactivate", cast.office.pk), form_page=url("org_person", cast.office.pk), follow=True
    )
    assert messages(response) == ["不能停用自己的账号。"]
    cast.office.refresh_from_db()
    assert cast.office.is_active


def test_a_deactivated_person_is_enabled_again(cast, office):
    cast.official.is_active = False
    cast.official.save()
    office.submit(url("org_person_activate", cast.official.pk), form_page=url("org_person", cast.official.pk))
    cast.official.refresh_from_db()
    assert cast.official.is_active


# --- the roster ----------------------------------------------------------------------------------------


ROSTER = [
    ["平安办", "", "主任", "责任人", "钱平安", "13900000001", ""],
    ["平安办", "", "副主任", "责任人", "", "", ""],
    ["双湖社区", "", "党委书记", "责任人", "韩书记", "13900000002", ""],
]


def upload(office, cast, data: bytes, name: str = "名册.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return office.submit(url("org_roster", cast.street.pk), {"file": SimpleUploadedFile(name, data)}, follow=True)


def test_the_roster_template_downloads_as_a_workbook(cast, office):
    response = office.get(url("org_roster_download", cast.street.pk))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert "filename*=utf-8''%E5%9B%9E%E5%85%B4" in response["Content-Disposition"]


def test_a_roster_imported_from_the_page_shows_the_new_accounts_once(cast, office):
    response = upload(office, cast, book(ROSTER))

    passwords = one_time_passwords(response)
    assert set(passwords) == {"13900000001", "13900000002"}
    assert "新建单位 2 个" in plain_text(response) and "新建岗位 3 个" in plain_text(response)
    assert Person.objects.get(phone="13900000001").check_password(passwords["13900000001"])


def test_a_bad_roster_lists_each_row_and_saves_nothing(cast, office):
    before = org_state()
    rows = [*ROSTER, ["综治办", "不存在", "主任", "组长", "", "", ""]]

    response = upload(office, cast, book(rows))

    assert "名册中有 2 处问题，未导入任何内容" in plain_text(response)
    problems = sorted(row_texts(response))
    assert problems[0].startswith("5上级单位“不存在”不存在") and problems[1].startswith("5角色“组长”无法识别")
    assert org_state() == before


def test_the_same_roster_twice_is_said_to_change_nothing(cast, office):
    upload(office, cast, book(ROSTER))
    before = org_state()
    response = upload(office, cast, book(ROSTER))
    assert messages(response) == ["名册与系统中的组织机构一致，没有需要更新的内容。"]
    assert org_state() == before


def test_a_roster_that_is_not_a_workbook_is_refused_on_the_page(cast, office):
    response = upload(office, cast, "单位,岗位\n".encode(), name="名册.csv")
    assert "未导入任何内容" in plain_text(response)


# --- another organisation ------------------------------------------------------------------------------


def test_another_organisations_units_posts_and_people_are_not_found(cast, office):
    other = Unit.objects.create(name="新安街道", kind=Unit.Kind.ORGANISATION)
    unit = Unit.objects.create(name="新安司法所", parent=other)
    stranger = Person.objects.create_user("stranger", full_name="外人", organisation=other)
    post = Post.objects.create(unit=unit, title="所长", role=Post.Role.OFFICIAL, holder=stranger)

    for path in [
        url("org_tree", other.pk),
        url("org_unit", unit.pk),
        url("org_post", post.pk),
        url("org_person", stranger.pk),
        url("hand_over", post.pk),
        url("org_roster", other.pk),
    ]:
        assert office.get(path).status_code == 404, path
    assert "新安司法所" not in plain_text(office.get(url("posts")))
    assert "外人" not in plain_text(office.get(url("org_people", cast.street.pk)))
    response = office.submit(url("org_person_assign", cast.outsider.pk), {"post": post.pk}, form_page=url("items"))
    post.refresh_from_db()
    assert post.holder == stranger and response.status_code == 302


def test_the_header_links_the_set_up_pages_for_the_office_only(cast, office):
    assert reverse("workflow:org") in text(office.get(url("home")))
    assert reverse("workflow:org") not in text(Browser(cast.official).get(url("home")))
