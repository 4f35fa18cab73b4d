"""The results, rewards and scheme pages say dates and rules as every other page does, in plain words."""

import re
from decimal import Decimal

import pytest

from assessment.compute import publish
from assessment.models import RewardProposal
from tests.assessment.scenario import scheme_for
from tests.assessment.year import build_year, url
from tests.browser import Browser, plain_text, text

ISO_DATE = re.compile(r"\b20\d\d-\d\d-\d\d\b")


@pytest.fixture
def published(cast):
    return publish(build_year(cast).compute(cast.office), user=cast.committee)


def visible_text(response) -> str:
    """The page's words, without attributes and hidden form values (an ISO date may sit there)."""
    return plain_text(response)


@pytest.mark.parametrize("page", ["index", "result", "rewards"])
def test_results_and_rewards_pages_write_dates_as_every_other_page(cast, published, page):
    path = url(page) if page == "index" else url(page, published.pk)
    shown = visible_text(Browser(cast.committee).get(path))
    assert not ISO_DATE.findall(shown), ISO_DATE.findall(shown)
    if page != "rewards":
        assert re.search(r"20\d\d年\d{1,2}月\d{1,2}日", shown)


def test_a_cap_of_zero_is_said_in_words(cast):
    scheme = scheme_for(cast, late_cap=Decimal(0), return_cap=Decimal(2), bonus_cap=Decimal(0))
    page = plain_text(Browser(cast.committee).get(url("scheme", scheme.pk)))
    assert "0 为不超过事项分值" not in page and "上限 0 分" not in page and "0（不设上限）" not in page
    assert "累计最多扣到该事项分值为止" in page and "累计最多扣 2 分" in page


def test_a_decided_proposal_says_whether_it_was_agreed():
    labels = dict(RewardProposal.Status.choices)
    assert labels["approved"] == "已同意，执行" and labels["rejected"] == "未同意，不执行"


def test_evidence_fingerprints_are_one_click_away_not_raw_strings(cast, published):
    html = text(Browser(cast.committee).get(url("rewards", published.pk)))
    assert not re.search(r">[0-9a-f]{10,}…?<", html)
