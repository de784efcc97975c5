"""The formulas, and the worked examples of docs/ranking.md read from the document itself."""

import math
import re
from pathlib import Path

import pytest

from voting import rules as voting_rules
from voting.ranking import bayesian_mean, crowd_score, scores_for, wilson_lower_bound

DOC = Path(__file__).resolve().parents[2] / "docs" / "ranking.md"
DOC_DEFAULTS = {
    "PRIOR_MEAN": 2.5,
    "PRIOR_WEIGHT": 10,
    "WILSON_Z": 1.96,
    "SCORE_WEIGHT": 0.6,
}


def worked_examples():
    text = DOC.read_text()
    block = re.search(r"<!-- worked-examples:start -->(.*?)<!-- worked-examples:end -->", text, re.S).group(1)
    rows = []
    for line in block.strip().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not cells[0].isdigit():
            continue
        n, total, k = (int(c) for c in cells[:3])
        bayes, wilson, score = (float(c) for c in cells[3:6])
        rows.append((n, total, k, bayes, wilson, score))
    return rows


@pytest.fixture
def doc_settings():
    """The worked examples are computed with the rules' own values (voting/rules.py)."""
    for name, value in DOC_DEFAULTS.items():
        assert getattr(voting_rules, name) == value, name


def test_the_document_has_worked_examples():
    assert len(worked_examples()) >= 5


@pytest.mark.parametrize("n,total,k,bayes,wilson,score", worked_examples())
def test_worked_example_from_docs(doc_settings, n, total, k, bayes, wilson, score):
    result = scores_for(votes=n, score_sum=total, would_buy=k)
    assert result.bayesian_score == pytest.approx(bayes, abs=5e-5)
    assert result.wilson_lower == pytest.approx(wilson, abs=5e-5)
    assert result.crowd_score == pytest.approx(score, abs=5e-3)


def test_hand_computed_row_n40(doc_settings):
    assert bayesian_mean(votes=40, score_sum=160) == pytest.approx(3.7)
    p, z, n = 0.5, 1.96, 40
    expected = (p + z * z / (2 * n) - z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / (1 + z * z / n)
    assert wilson_lower_bound(positive=20, total=40) == pytest.approx(expected)
    assert expected == pytest.approx(0.35199, abs=1e-5)
    assert crowd_score(bayesian=3.7, wilson=expected) == pytest.approx(58.48, abs=5e-3)


def test_no_votes_means_the_prior_and_no_buyers(doc_settings):
    result = scores_for(votes=0, score_sum=0, would_buy=0)
    assert result.mean_score is None
    assert result.bayesian_score == 2.5
    assert result.wilson_lower == 0.0
    assert result.crowd_score == pytest.approx(30.0)


def test_few_perfect_votes_rank_below_many_good_ones(doc_settings):
    few = scores_for(votes=3, score_sum=15, would_buy=3)
    many = scores_for(votes=40, score_sum=160, would_buy=20)
    assert few.mean_score > many.mean_score
    assert few.crowd_score < many.crowd_score


def test_prior_rules_are_used(monkeypatch):
    monkeypatch.setattr(voting_rules, "PRIOR_MEAN", 4.0)
    monkeypatch.setattr(voting_rules, "PRIOR_WEIGHT", 5)
    assert bayesian_mean(votes=5, score_sum=10) == pytest.approx((5 * 4.0 + 10) / 10)


def test_wilson_bound_lies_below_the_share_and_grows_with_evidence():
    small = wilson_lower_bound(positive=1, total=2, z=1.96)
    large = wilson_lower_bound(positive=500, total=1000, z=1.96)
    assert 0 < small < large < 0.5
