"""Reward and penalty proposals through the pages, and the ledger (奖惩台账) they end in."""

from __future__ import annotations

import pytest

from assessment.compute import publish
from assessment.models import RewardProposal, RewardRule
from tests.assessment.year import build_year, url
from tests.browser import Browser, messages, plain_text, row_texts

ROLES = ["committee", "office", "leader", "official", "official2", "inspector", "assessor", "outsider"]
SEE_ALL = {"committee", "office", "assessor"}


@pytest.fixture
def year(cast):
    return build_year(cast)


@pytest.fixture
def published(cast, year):
    return publish(year.compute(cast.office), user=cast.committee)


@pytest.fixture
def browsers(cast):
    return {role: Browser(person) for role, person in cast.roles.items()}


def proposal(assessment, **kwargs) -> RewardProposal:
    return RewardProposal.objects.select_related("unit").get(assessment=assessment, **kwargs)


def test_publishing_proposes_from_grades_and_events(cast, year, published):
    proposals = {
        (p.unit.name, p.action, p.grade, p.factor is not None)
        for p in RewardProposal.objects.filter(assessment=published).select_related("unit")
    }
    assert proposals == {
        ("甲单位", RewardRule.Action.COMMENDATION, "优秀", False),
        ("司法所", RewardRule.Action.BONUS_FACTOR, "良好", True),
        ("兴科社区", RewardRule.Action.TALK, "", False),
    }


# --- who sees and decides ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_proposals_are_listed_for_insiders_only_after_publishing(cast, year, browsers, role):
    draft = year.compute(cast.office)
    assert browsers[role].get(url("rewards", draft.pk)).status_code == 404
    publish(draft, user=cast.committee)
    assert browsers[role].get(url("rewards", draft.pk)).status_code == (404 if role == "outsider" else 200)


@pytest.mark.parametrize(
    ("role", "units"),
    [
        ("committee", ["甲单位", "司法所", "兴科社区"]),
        ("assessor", ["甲单位", "司法所", "兴科社区"]),
        ("leader", ["甲单位", "司法所", "兴科社区"]),  # leads every item of the year
        ("official", ["司法所"]),
        ("official2", ["兴科社区"]),
        ("inspector", []),
    ],
)
def test_each_reader_sees_the_proposals_about_him(cast, published, browsers, role, units):
    shown = [row.split()[0] for row in row_texts(browsers[role].get(url("rewards", published.pk)))]
    assert shown == (units or ["没有奖惩建议。"])


DECIDE = {"committee": 302, "outsider": 404, "official2": 404, "inspector": 404}


@pytest.mark.parametrize("role", ROLES)
def test_only_the_committee_decides(cast, published, browsers, role):
    justice = proposal(published, unit=cast.justice)
    path = url("decide", published.pk, justice.pk)
    response = browsers[role].submit(path, {"decision": "approve"}, form_page=url("index"))
    # Who cannot see the proposal (another unit's, an outsider) does not learn it exists.
    assert response.status_code == DECIDE.get(role, 403)
    justice.refresh_from_db()
    assert (justice.status == RewardProposal.Status.APPROVED) == (role == "committee")


@pytest.mark.parametrize("role", ROLES)
def test_only_the_committee_approves_all(cast, published, browsers, role):
    response = browsers[role].submit(url("approve_all", published.pk), {}, form_page=url("index"))
    assert response.status_code == {"committee": 302, "outsider": 404}.get(role, 403)
    pending = RewardProposal.objects.filter(assessment=published, status=RewardProposal.Status.PROPOSED).count()
    assert pending == (0 if role == "committee" else 3)


def test_the_decide_buttons_show_for_the_committee_only(cast, published, browsers):
    assert "同意其余 3 条" in plain_text(browsers["committee"].get(url("rewards", published.pk)))
    office = browsers["office"].get(url("rewards", published.pk)).content.decode()
    assert "同意其余" not in office and 'name="decision"' not in office


# --- deciding, then the ledger -----------------------------------------------------------------------------------


def test_approved_rejected_and_approved_all_end_in_the_ledger(cast, year, published, browsers):
    committee = browsers["committee"]
    rewards = url("rewards", published.pk)
    justice = proposal(published, unit=cast.justice)
    community = proposal(published, unit=cast.community)

    data = {"decision": "approve", "note": "同意，系数1.1"}
    page = committee.submit(url("decide", published.pk, justice.pk), data, form_page=rewards, follow=True)
    assert page.redirect_chain[-1][0] == rewards
    assert any(m.startswith("已决定：") for m in messages(page))
    data = {"decision": "reject", "note": "已整改，暂缓约谈"}
    committee.submit(url("decide", published.pk, community.pk), data, form_page=rewards)
    data = {"note": "党工委会议审定"}
    page = committee.submit(url("approve_all", published.pk), data, form_page=rewards, follow=True)
    assert "已同意其余 1 条建议。" in messages(page)

    statuses = dict(RewardProposal.objects.filter(assessment=published).values_list("unit__name", "status"))
    assert statuses == {"司法所": "approved", "兴科社区": "rejected", "甲单位": "approved"}
    justice.refresh_from_db()
    assert (justice.note, justice.decided_by) == ("同意，系数1.1", cast.committee)

    path = url("decide", published.pk, justice.pk)
    again = committee.submit(path, {"decision": "reject"}, form_page=rewards, follow=True)
    assert "党工委已对该建议作出决定。" in messages(again)

    record = browsers["official"].get(url("unit_record", cast.justice.pk))
    assert record.status_code == 200
    shown = plain_text(record)
    assert "绩效奖金系数 1.10" in shown and "评为良好" in shown and "同意，系数1.1" in shown
    assert "2020 2020年度法治建设考核细则 · 第 1 版 97.90 良好 2" in shown

    community_record = plain_text(browsers["official2"].get(url("unit_record", cast.community.pk)))
    assert "暂无奖惩记录。" in community_record  # the rejected talk is not in the ledger
    assert "38.00 不合格" in community_record


def test_the_ledger_shows_the_newest_published_version_of_each_year(cast, year, published, browsers):
    second = year.compute(cast.office, reason="复核")
    assert "第 1 版" in plain_text(browsers["office"].get(url("unit_record", cast.justice.pk)))
    publish(second, user=cast.committee)
    shown = plain_text(browsers["office"].get(url("unit_record", cast.justice.pk)))
    assert "第 2 版" in shown and "第 1 版" not in shown


UNIT_RECORD = {"committee": 200, "office": 200, "assessor": 200, "leader": 200, "official": 200}


@pytest.mark.parametrize("role", ROLES)
def test_a_units_ledger_is_for_its_own_people_and_those_who_see_all(cast, published, browsers, role):
    assert browsers[role].get(url("unit_record", cast.justice.pk)).status_code == UNIT_RECORD.get(role, 404)


@pytest.mark.parametrize("role", ROLES)
def test_a_persons_ledger_is_for_himself_and_those_who_see_all(cast, published, browsers, role):
    expected = 200 if role in SEE_ALL | {"official"} else 404
    assert browsers[role].get(url("person_record", cast.official.pk)).status_code == expected


def test_a_persons_ledger_lists_his_results_and_approved_rewards(cast, year, published, browsers):
    RewardRule.objects.create(
        scheme=year.scheme, subject=RewardRule.Subject.PERSON, grade="良好", action=RewardRule.Action.COMMENDATION
    )
    second = year.compute(cast.office, reason="增加个人奖惩规则")
    publish(second, user=cast.committee)
    mine = RewardProposal.objects.get(assessment=second, person=cast.official)
    data = {"decision": "approve", "note": "通报表扬"}
    browsers["committee"].submit(url("decide", second.pk, mine.pk), data, form_page=url("rewards", second.pk))
    shown = plain_text(browsers["official"].get(url("person_record", cast.official.pk)))
    assert "责任人：赵所长（司法所 司法所所长）" in shown
    assert "96.40 良好" in shown
    assert "通报表扬 评为良好 通报表扬" in shown
