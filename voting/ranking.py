"""The ranking formulas, documented with worked examples in docs/ranking.md (those examples are tests)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from voting import rules as voting_rules


def bayesian_mean(*, votes: int, score_sum: int, prior_mean: float | None = None, prior_weight: float | None = None):
    """(C·m + Σ scores) / (C + n): few votes stay near the prior, many votes speak for themselves."""
    m = voting_rules.PRIOR_MEAN if prior_mean is None else prior_mean
    c = voting_rules.PRIOR_WEIGHT if prior_weight is None else prior_weight
    if c + votes == 0:
        return 0.0
    return (c * m + score_sum) / (c + votes)


def wilson_lower_bound(*, positive: int, total: int, z: float | None = None) -> float:
    """Lower bound of the Wilson score interval for the share positive/total (95 % with z = 1.96)."""
    if total <= 0:
        return 0.0
    z = voting_rules.WILSON_Z if z is None else z
    p = positive / total
    z2 = z * z
    centre = p + z2 / (2 * total)
    spread = z * math.sqrt(p * (1 - p) / total + z2 / (4 * total * total))
    return max(0.0, (centre - spread) / (1 + z2 / total))


def crowd_score(*, bayesian: float, wilson: float, score_weight: float | None = None) -> float:
    """0-100: the Bayesian score scaled to 0-1 and the would-buy lower bound, weighted."""
    w = voting_rules.SCORE_WEIGHT if score_weight is None else score_weight
    return 100 * (w * bayesian / 5 + (1 - w) * wilson)


@dataclass(frozen=True)
class Scores:
    mean_score: float | None
    bayesian_score: float
    would_buy_share: float
    wilson_lower: float
    crowd_score: float


def scores_for(*, votes: int, score_sum: int, would_buy: int) -> Scores:
    bayes = bayesian_mean(votes=votes, score_sum=score_sum)
    wilson = wilson_lower_bound(positive=would_buy, total=votes)
    return Scores(
        mean_score=(score_sum / votes) if votes else None,
        bayesian_score=bayes,
        would_buy_share=(would_buy / votes) if votes else 0.0,
        wilson_lower=wilson,
        crowd_score=crowd_score(bayesian=bayes, wilson=wilson),
    )
