"""The roster (人员名册): one file that sets up units, posts and people, all or nothing.

Every bad row is reported with its number and nothing is saved; the same file twice changes nothing;
a changed row changes what it says; the roster downloaded as it stands imports unchanged.
"""

from __future__ import annotations

import pytest

from responsibility.models import Person, Post, Unit
from responsibility.roster import RosterRejected, import_roster, roster_workbook
from tests.roster_book import book, read_back
from tests.roster_book import org_state as snapshot

ORG = "回兴街道"

GOOD = [
    ["平安办", "", "主任", "责任人", "钱平安", "13900000001", "qian@example.cn"],
    ["平安办", "", "副主任", "责任人", "", "", ""],  # vacant
    ["双湖社区", "", "党委书记", "责任人", "韩书记", "13900000002", ""],
    ["双湖网格一", "双湖社区", "网格员", "责任人", "韩书记", "13900000002", ""],  # one person, two posts
    ["兴科网格", "兴科社区", "", "", "", "", ""],  # a unit without posts, under an existing one
    ["司法所", "", "司法所所长", "责任人", "赵所长", "", ""],  # the holder named without his number
    [ORG, "", "主任", "党工委委员", "冯主任", "139 0000 0003", ""],  # a post of the organisation itself
]


def run(cast, rows, **kwargs):
    return import_roster(cast.street, "名册.xlsx", book(rows, **kwargs))


def problems(cast, rows, **kwargs) -> list[str]:
    before = snapshot()
    with pytest.raises(RosterRejected) as rejected:
        run(cast, rows, **kwargs)
    assert snapshot() == before, "a rejected roster saved something"
    return [str(problem) for problem in rejected.value.problems]


def unit(name: str) -> Unit:
    return Unit.objects.get(name=name)


def post(unit_name: str, title: str) -> Post:
    return Post.objects.select_related("holder").get(unit__name=unit_name, title=title)


# --- a good roster -------------------------------------------------------------------------------------


def test_a_roster_sets_up_units_posts_and_people(cast):
    summary = run(cast, GOOD)

    assert unit("平安办").parent == cast.street
    assert unit("双湖社区").kind == Unit.Kind.COMMUNITY
    assert unit("双湖网格一").parent == unit("双湖社区")
    assert unit("兴科网格").parent == cast.community
    assert post("平安办", "主任").holder.full_name == "钱平安"
    assert post("平安办", "副主任").holder is None
    assert post("双湖社区", "党委书记").holder == post("双湖网格一", "网格员").holder
    assert post("司法所", "司法所所长").holder == cast.official
    assert post(ORG, "主任").role == Post.Role.COMMITTEE
    assert (summary.units_created, summary.posts_created, summary.people_created) == (4, 5, 3)
    assert summary.holders_changed == 0


def test_new_people_log_in_with_their_number_and_a_one_time_password(cast):
    summary = run(cast, GOOD)

    accounts = {person.full_name: (person, password) for person, password in summary.accounts}
    assert set(accounts) == {"钱平安", "韩书记", "冯主任"}
    person, password = accounts["冯主任"]
    person.refresh_from_db()
    assert person.username == person.phone == "13900000003"
    assert person.check_password(password) and person.must_change_password
    assert person.organisation == cast.street
    assert Person.objects.get(phone="13900000001").email == "qian@example.cn"


def test_a_new_holder_gets_the_rights_of_his_role(cast):
    run(cast, [["督查室", "", "副督查员", "督查员", "冯督查", "13900000004", ""]])

    person = Person.objects.get(phone="13900000004")
    assert person.groups.filter(name="inspectors").exists()


def test_the_same_roster_twice_changes_nothing(cast):
    run(cast, GOOD)
    before = snapshot()

    summary = run(cast, GOOD)

    assert not summary.changed and summary.accounts == []
    assert snapshot() == before


def test_the_roster_as_downloaded_imports_unchanged(cast):
    run(cast, GOOD)
    before = snapshot()

    summary = import_roster(cast.street, "名册.xlsx", roster_workbook(cast.street))

    assert not summary.changed
    assert snapshot() == before


def test_the_downloaded_roster_lists_every_post_and_unit(cast):
    rows = read_back(roster_workbook(cast.street))

    assert ["司法所", "", "司法所所长", "责任人", "赵所长", "", "official@example.cn"] in rows
    assert ["党工委", "", "分管副主任", "牵头领导", "张主任", "", "leader@example.cn"] in rows
    assert all(row[0] != ORG for row in rows)  # the organisation has no post of its own yet


# --- a changed row -------------------------------------------------------------------------------------


def changed(rows: list[list], index: int, **cells) -> list[list]:
    columns = ["unit", "parent", "post", "role", "name", "phone", "email"]
    rows = [list(row) for row in rows]
    for name, value in cells.items():
        rows[index][columns.index(name)] = value
    return rows


def test_a_changed_role_moves_the_holders_rights(cast):
    run(cast, GOOD)
    qian = Person.objects.get(phone="13900000001")

    summary = run(cast, changed(GOOD, 0, role="督查员"))

    assert post("平安办", "主任").role == Post.Role.INSPECTOR
    assert qian.groups.filter(name="inspectors").exists()
    assert summary.roles_changed == 1 and not summary.people_created


def test_a_changed_parent_moves_the_unit(cast):
    run(cast, GOOD)

    summary = run(cast, changed(GOOD, 3, parent="兴科社区"))

    assert unit("双湖网格一").parent == cast.community
    assert summary.units_moved == 1 and summary.units_created == 0


def test_a_changed_email_and_number_update_the_same_person(cast):
    run(cast, GOOD)
    qian = Person.objects.get(phone="13900000001")

    summary = run(cast, changed(GOOD, 0, phone="13900000009", email="qian@gov.example.cn"))

    qian.refresh_from_db()
    assert (qian.phone, qian.email) == ("13900000009", "qian@gov.example.cn")
    assert summary.people_updated == 1 and summary.people_created == 0
    assert post("平安办", "主任").holder == qian


def test_a_new_holder_takes_the_post_over(cast):
    run(cast, GOOD)
    qian = Person.objects.get(phone="13900000001")

    summary = run(cast, changed(GOOD, 0, name="孙接任", phone="13900000008", email=""))

    successor = post("平安办", "主任").holder
    assert successor.full_name == "孙接任" and successor != qian
    assert summary.holders_changed == 1 and summary.people_created == 1
    assert not qian.groups.filter(pk=post("平安办", "主任").group_id).exists()


def test_a_row_left_without_a_person_makes_the_post_vacant(cast):
    summary = run(cast, [["司法所", "", "司法所所长", "责任人", "", "", ""]])

    assert post("司法所", "司法所所长").holder is None
    assert summary.holders_changed == 1


def test_people_and_posts_the_roster_leaves_out_stay(cast):
    before = snapshot()

    run(cast, [["平安办", "", "主任", "责任人", "钱平安", "13900000001", ""]])

    after = snapshot()
    assert set(before["posts"]) <= set(after["posts"])
    assert set(before["people"]) <= set(after["people"])


# --- how offices fill it in ----------------------------------------------------------------------------


def test_a_blank_or_merged_unit_continues_the_unit_above(cast):
    rows = [
        ["平安办", "", "主任", "责任人", "钱平安", "13900000001", ""],
        ["", "", "副主任", "责任人", "", "", ""],
        ["综治办", "", "主任", "责任人", "", "", ""],
        [None, "", "干事", "责任人", "", "", ""],
        [None, "", "联络员", "责任人", "", "", ""],
    ]
    run(cast, rows, merge=["A4:A6"])

    assert set(Post.objects.filter(unit__name="平安办").values_list("title", flat=True)) == {"主任", "副主任"}
    assert set(Post.objects.filter(unit__name="综治办").values_list("title", flat=True)) == {"主任", "干事", "联络员"}


def test_a_title_row_other_column_names_and_a_number_cell_are_read(cast):
    header = ["序号", "单位名称", "上级部门", "职务", "角色", "姓名", "手机号码", "电子邮箱"]
    rows = [[1, "平安办", "", "主任", "责任人", "钱平安", 13900000001, ""]]

    run(cast, rows, header=header, title="回兴街道人员名册")

    assert post("平安办", "主任").holder.phone == "13900000001"


def test_roles_are_read_by_their_label_and_common_words(cast):
    rows = [
        ["平安办", "", "主任", "单位负责人", "", "", ""],
        ["平安办", "", "管理员", "系统管理员", "", "", ""],
        ["平安办", "", "分管", "分管领导", "", "", ""],
    ]
    run(cast, rows)

    roles = dict(Post.objects.filter(unit__name="平安办").values_list("title", "role"))
    assert roles == {"主任": Post.Role.UNIT_HEAD, "管理员": Post.Role.ADMIN, "分管": Post.Role.LEADER}


# --- bad rows: each reported with its row, nothing saved -----------------------------------------------


def test_an_unknown_parent_unit_is_reported(cast):
    found = problems(cast, [["平安办", "街道平安中心", "主任", "责任人", "", "", ""]])
    assert found == ["第 2 行：上级单位“街道平安中心”不存在：既不是本组织已有的单位，也不在本表的“单位”列中。"]


def test_a_parent_given_later_in_the_roster_is_known(cast):
    run(cast, [["网格一", "平安办", "", "", "", "", ""], ["平安办", "", "", "", "", "", ""]])
    assert unit("网格一").parent == unit("平安办")


def test_a_phone_given_to_two_names_is_reported(cast):
    rows = [
        ["平安办", "", "主任", "责任人", "钱平安", "13900000001", ""],
        ["综治办", "", "主任", "责任人", "孙综治", "13900000001", ""],
    ]
    found = problems(cast, rows)
    assert found == [
        "第 3 行：手机号 13900000001 在第 2 行填写的是“钱平安”，这里是“孙综治”：一个手机号只能是一个人的。"
    ]


def test_a_phone_that_is_someone_elses_is_reported(cast):
    cast.official.phone = "13900000001"
    cast.official.save()
    found = problems(cast, [["平安办", "", "主任", "责任人", "钱平安", "13900000001", ""]])
    assert found == [
        "第 2 行：手机号 13900000001 已是“赵所长”的手机号（本表填写的是“钱平安”）。"
        "如是同一人改了姓名，请先在人员页面修改。"
    ]


def test_a_bad_role_is_reported_with_the_roles_to_choose_from(cast):
    found = problems(cast, [["平安办", "", "主任", "大组长", "", "", ""]])
    assert len(found) == 1
    assert found[0].startswith("第 2 行：角色“大组长”无法识别（可选：党工委委员、牵头领导、党政办/法治办、责任人")


def test_a_post_without_a_role_is_reported(cast):
    found = problems(cast, [["平安办", "", "主任", "", "", "", ""]])
    assert found[0].startswith("第 2 行：请填写岗位“主任”的角色")


def test_a_post_whose_holder_appears_twice_is_reported(cast):
    rows = [
        ["平安办", "", "主任", "责任人", "钱平安", "13900000001", ""],
        ["平安办", "", "主任", "责任人", "孙平安", "13900000002", ""],
    ]
    found = problems(cast, rows)
    assert found == [
        "第 3 行：岗位“平安办 主任”已在第 2 行填写：一个岗位只有一名在岗人员。"
        "一人兼任几个岗位时，请分行填写不同的岗位。"
    ]


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        (["平安办", "", "主任", "责任人", "钱平安", "1390000", ""], "手机号“1390000”格式不正确：应为 11 位手机号码。"),
        (["平安办", "", "主任", "责任人", "钱平安", "13900000001", "qian@"], "邮箱“qian@”格式不正确。"),
        (["平安办", "", "", "责任人", "钱平安", "13900000001", ""], "填写了角色或人员，但没有填写“岗位”。"),
        (["平安办", "", "主任", "责任人", "", "13900000001", ""], "填写了手机号，但没有填写“姓名”。"),
        (
            ["平安办", "", "主任", "责任人", "钱平安", "", ""],
            "“钱平安”不是岗位“平安办 主任”的现任人员：新任人员须填写手机号。",
        ),
        (["平安办", "平安办", "主任", "责任人", "", "", ""], "单位“平安办”不能是自己的上级单位。"),
        ([ORG, "党政办", "主任", "责任人", "", "", ""], "“回兴街道”是本组织本身，“上级单位”应留空。"),
        (["平安办", "", "主任" * 60, "责任人", "", "", ""], "“岗位”超过 100 个字。"),
    ],
)
def test_a_bad_cell_is_reported_with_its_row(cast, cells, message):
    assert problems(cast, [cells]) == [f"第 2 行：{message}"]


def test_a_unit_given_two_parents_is_reported(cast):
    rows = [["平安办", "", "主任", "责任人", "", "", ""], ["平安办", "党政办", "副主任", "责任人", "", "", ""]]
    found = problems(cast, rows)
    assert found == ["第 3 行：单位“平安办”在第 2 行的上级单位是“回兴街道”，这里是“党政办”：一个单位只有一个上级单位。"]


def test_units_placed_under_each_other_are_reported(cast):
    rows = [["党政办", "司法所", "", "", "", "", ""], ["司法所", "党政办", "", "", "", "", ""]]
    found = problems(cast, rows)
    assert "第 2 行：单位的上级关系形成循环：党政办 → 司法所 → 党政办。" in found
    assert "第 3 行：单位的上级关系形成循环：司法所 → 党政办 → 司法所。" in found


def test_a_unit_placed_under_its_own_child_is_reported(cast):
    run(cast, [["网格一", "兴科社区", "", "", "", "", ""]])
    found = problems(cast, [["兴科社区", "网格一", "", "", "", "", ""]])
    assert found == ["第 2 行：单位的上级关系形成循环：兴科社区 → 网格一 → 兴科社区。"]


def test_an_email_given_to_two_people_is_reported(cast):
    rows = [
        ["平安办", "", "主任", "责任人", "钱平安", "13900000001", "ping@example.cn"],
        ["综治办", "", "主任", "责任人", "孙综治", "13900000002", "ping@example.cn"],
    ]
    found = problems(cast, rows)
    assert found == ["第 3 行：邮箱“ping@example.cn”在第 2 行已填写为“钱平安”的邮箱。"]


def test_an_email_that_is_someone_elses_is_reported(cast):
    found = problems(cast, [["平安办", "", "主任", "责任人", "钱平安", "13900000001", "OFFICIAL@example.cn"]])
    assert found == ["第 2 行：邮箱“OFFICIAL@example.cn”已是“赵所长”的邮箱。"]


def test_a_deactivated_person_is_not_brought_back_by_the_roster(cast):
    cast.official.phone, cast.official.is_active = "13900000001", False
    cast.official.save()
    found = problems(cast, [["平安办", "", "主任", "责任人", "赵所长", "13900000001", ""]])
    assert found == ["第 2 行：人员“赵所长”已停用；如需恢复，请先在人员页面启用。"]


def test_a_person_of_another_organisation_is_reported(cast):
    other = Unit.objects.create(name="新安街道", kind=Unit.Kind.ORGANISATION)
    stranger = Person.objects.create_user("stranger", full_name="外人", phone="13900000001", organisation=other)
    found = problems(cast, [["平安办", "", "主任", "责任人", "外人", "13900000001", ""]])
    assert found == ["第 2 行：手机号 13900000001 已是其他组织人员“外人”的手机号。"]
    assert stranger.posts.count() == 0


def test_a_unit_name_the_organisation_has_twice_is_reported(cast):
    Unit.objects.create(name="网格一", parent=cast.community)
    Unit.objects.create(name="网格一", parent=cast.justice)
    found = problems(cast, [["网格一", "", "网格员", "责任人", "", "", ""]])
    assert found == ["第 2 行：本组织有 2 个名为“网格一”的单位，请先在单位页面改名再导入。"]


def test_every_bad_row_is_reported_and_the_good_ones_are_not_saved(cast):
    rows = [
        ["平安办", "", "主任", "责任人", "钱平安", "13900000001", ""],
        ["综治办", "不存在", "主任", "责任人", "", "", ""],
        ["城管办", "", "主任", "组长", "", "", ""],
        ["督查室", "", "督查员", "督查员", "孙平安", "13900000001", ""],
        ["双湖社区", "", "书记", "责任人", "韩书记", "13900000002", ""],
    ]
    found = problems(cast, rows)
    assert [line.split("：")[0] for line in found] == ["第 3 行", "第 4 行", "第 5 行"]
    assert not Unit.objects.filter(name__in=["平安办", "双湖社区"]).exists()


def test_an_unknown_column_is_reported(cast):
    header = ["单位", "上级单位", "岗位", "角色", "姓名", "手机", "邮箱", "职级"]
    found = problems(cast, [["平安办", "", "主任", "责任人", "", "", "", "正科"]], header=header)
    assert found == ["第 1 行：无法识别的列“职级”（名册的列：单位、上级单位、岗位、角色、姓名、手机、邮箱）。"]


def test_a_sheet_without_the_roster_columns_is_refused(cast):
    found = problems(cast, [["平安办", "主任"]], header=["部门名称", "人员"])
    assert found == ["找不到名册的表头：须有 “单位”、“岗位” 列（可下载名册模板参照填写）。"]


def test_a_file_that_is_not_a_workbook_is_refused(cast):
    with pytest.raises(RosterRejected) as rejected:
        import_roster(cast.street, "名册.txt", "单位\t岗位\n平安办\t主任\n".encode())
    assert [str(p) for p in rejected.value.problems] == ["请上传 Excel 工作簿（.xlsx），按名册模板的格式填写。"]
