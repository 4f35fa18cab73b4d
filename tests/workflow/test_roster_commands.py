"""The first run of a new office from the command line: create_organisation, then import_roster
(the pages do the same), then the plan."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from responsibility.models import Person, Post, Unit, WorkPlan
from responsibility.permissions import ensure_role_groups
from tests.browser import Browser, messages, plain_text, url
from tests.roster_book import book, org_state
from tests.workflow.drive import find_task, item_at

ROSTER = [
    ["党工委", "", "书记", "党工委委员", "王书记", "13900000001", ""],
    ["党工委", "", "副书记", "牵头领导", "张副书记", "13900000002", ""],
    ["司法所", "", "所长", "责任人", "赵所长", "13900000003", "zhao@example.cn"],
    ["兴科社区", "", "党委书记", "责任人", "沈书记", "13900000004", ""],
    ["督查室", "", "督查员", "督查员", "孙督查", "13900000005", ""],
]
NEW = "Hx-2026-shifa"


def command(name: str, *args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(name, *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def roster_file(tmp_path, rows, name="名册.xlsx"):
    path = tmp_path / name
    path.write_bytes(book(rows))
    return path


def passwords(output: str) -> dict[str, str]:
    return dict(re.findall(r"登录名 (\S+)\s+初始密码 (\S+)", output))


# --- import_roster -------------------------------------------------------------------------------------


def test_import_roster_sets_up_the_organisation_and_prints_the_new_accounts(cast, tmp_path):
    out, _err = command("import_roster", roster_file(tmp_path, ROSTER), "--org", "回兴街道")

    # 督查室督查员 is 孙督查 already: he keeps his post and gets his number.
    assert "已导入：新建单位 0 个" in out and "新建岗位 4 个" in out and "新建人员 4 人" in out
    assert "更新人员联系方式 1 人" in out
    assert cast.inspector.__class__.objects.get(pk=cast.inspector.pk).phone == "13900000005"
    accounts = passwords(out)
    assert set(accounts) == {f"1390000000{n}" for n in range(1, 5)}
    zhao = Person.objects.get(phone="13900000003")
    assert zhao.check_password(accounts["13900000003"]) and zhao.must_change_password
    assert Post.objects.get(unit=cast.justice, title="所长").holder == zhao


def test_import_roster_twice_changes_nothing(cast, tmp_path):
    path = roster_file(tmp_path, ROSTER)
    command("import_roster", path, "--org", "回兴街道")
    before = org_state()

    out, _err = command("import_roster", path, "--org", "回兴街道")

    assert out.strip() == "名册与系统中的组织机构一致，没有需要更新的内容。"
    assert org_state() == before


def test_a_bad_roster_is_reported_row_by_row_and_nothing_is_saved(cast, tmp_path):
    rows = [*ROSTER, ["综治办", "平安中心", "主任", "责任人", "", "", ""]]
    rows.append(["司法所", "", "所长", "责任人", "", "", ""])
    before = org_state()
    err = io.StringIO()

    with pytest.raises(CommandError, match="名册中有 2 处问题，未导入任何内容。"):
        call_command("import_roster", str(roster_file(tmp_path, rows)), "--org", "回兴街道", stderr=err)

    assert err.getvalue().splitlines() == [
        "第 7 行：上级单位“平安中心”不存在：既不是本组织已有的单位，也不在本表的“单位”列中。",
        "第 8 行：岗位“司法所 所长”已在第 4 行填写：一个岗位只有一名在岗人员。"
        "一人兼任几个岗位时，请分行填写不同的岗位。",
    ]
    assert org_state() == before


def test_a_dry_run_saves_nothing(cast, tmp_path):
    before = org_state()
    out, _err = command("import_roster", roster_file(tmp_path, ROSTER), "--org", "回兴街道", "--dry-run")
    assert out.startswith("检查通过（未保存）：") and "初始密码" not in out
    assert org_state() == before


def test_a_changed_holder_takes_the_posts_open_work(cast, tmp_path):
    item = item_at(cast, "work")
    rows = [["司法所", "", "司法所所长", "责任人", "郑所长", "13900000009", ""]]

    out, _err = command("import_roster", roster_file(tmp_path, rows), "--org", "回兴街道")

    assert "更换在岗人员 1 个岗位（转交待办 1 项）" in out
    assert find_task(item, "work").owner == Person.objects.get(phone="13900000009")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--org", "新安街道"],
            "没有找到唯一的单位“新安街道”。 先用 manage.py create_organisation 新安街道 创建组织。",
        ),
        (["--org", "司法所"], "“司法所”不是一个组织（街道/机关）的名称。"),
    ],
)
def test_the_organisation_must_exist(cast, tmp_path, args, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        command("import_roster", roster_file(tmp_path, ROSTER), *args)


def test_a_missing_file_is_reported(cast, tmp_path):
    with pytest.raises(CommandError, match="没有找到文件"):
        command("import_roster", tmp_path / "none.xlsx", "--org", "回兴街道")


# --- create_organisation -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_create_organisation_makes_the_first_office_clerk():
    out, _err = command("create_organisation", "新安街道", "--name", "李文员", "--phone", "139 0000 0008")

    organisation = Unit.objects.get(name="新安街道")
    assert organisation.kind == Unit.Kind.ORGANISATION and organisation.parent is None
    post = Post.objects.get(unit__parent=organisation, unit__name="党政办", title="法治办干事")
    clerk = post.holder
    assert post.role == Post.Role.OFFICE and clerk.username == "13900000008"
    assert clerk.check_password(passwords(out)["13900000008"]) and clerk.must_change_password
    assert clerk.has_perm("responsibility.manage_organisation")


@pytest.mark.django_db
def test_create_organisation_with_an_administrator():
    command(
        "create_organisation", "新安街道", "--name", "陈管理", "--phone", "13900000008", "--admin", "--unit", "信息中心"
    )
    post = Post.objects.get(unit__name="信息中心")
    assert post.role == Post.Role.ADMIN and post.title == "法治办干事"


@pytest.mark.django_db
def test_create_organisation_twice_makes_no_second_account():
    command("create_organisation", "新安街道", "--name", "李文员", "--phone", "13900000008")
    with pytest.raises(CommandError, match="岗位“党政办法治办干事”已有在岗人员“李文员”，未创建新账号。"):
        command("create_organisation", "新安街道", "--name", "李武员", "--phone", "13900000009")
    assert Person.objects.count() == 1 and Unit.objects.filter(name="新安街道").count() == 1


@pytest.mark.django_db
def test_create_organisation_refuses_a_bad_or_taken_number():
    with pytest.raises(CommandError, match="手机号“123”格式不正确"):
        command("create_organisation", "新安街道", "--name", "李文员", "--phone", "123")
    command("create_organisation", "新安街道", "--name", "李文员", "--phone", "13900000008")
    with pytest.raises(CommandError, match="手机号 13900000008 已有账号。"):
        command("create_organisation", "新安街道", "--name", "李文员", "--phone", "13900000008")


# --- the first run, end to end -------------------------------------------------------------------------

PLAN = """回兴街道2021年法治建设工作要点
一、依法全面履行政府职能
1.完善内部制度建设。（牵头单位：司法所；责任人：赵所长；完成时限：2021年12月底前）
2.推进社区依法治理。（牵头单位：兴科社区；完成时限：2021年6月底前）
"""


@pytest.mark.django_db
def test_a_new_office_starts_from_an_empty_database(tmp_path):
    ensure_role_groups()
    out, _err = command("create_organisation", "回兴街道", "--name", "李文员", "--phone", "13900000009")
    password = passwords(out)["13900000009"]

    office = Browser()
    office.submit(reverse("login"), {"username": "13900000009", "password": password})
    assert office.get(url("org"))["Location"] == reverse("password_change")
    office.submit(reverse("password_change"), {"old_password": password, "new_password1": NEW, "new_password2": NEW})
    organisation = Unit.objects.get(name="回兴街道")
    first_run = "还没有承办单位的责任人岗位。请先导入人员名册"
    assert first_run in plain_text(office.get(url("home")))  # the roster before the plan
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = office.submit(
        url("org_roster", organisation.pk), {"file": SimpleUploadedFile("名册.xlsx", book(ROSTER))}, follow=True
    )
    assert "新建单位 4 个" in plain_text(response) and "新建人员 5 人" in plain_text(response)
    assert first_run not in plain_text(office.get(url("home")))

    plan_file = tmp_path / "要点.txt"
    plan_file.write_text(PLAN, encoding="utf-8")
    summary = json.loads(command("import_workplan", plan_file, "--org", "回兴街道", "--year", 2021, "--json")[0])
    plan = WorkPlan.objects.get(pk=summary["plan"]["id"])
    assert plan.organisation == organisation
    assert {name["name"] for name in summary["unresolved"]} == set()
    assert "回兴街道2021年法治建设工作要点" in plain_text(office.get(url("plans")))
    assert messages(office.get(url("plans"))) == []
