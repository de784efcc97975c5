"""Fixed voting rules (docs/voting.md, docs/ranking.md). The shortlist is editors' to tune (VotingRules).

Read them as `rules.NAME` (module attribute) so the code always sees the current value.
"""

from __future__ import annotations

# Who may vote: an account at least a day old (and a verified email); vote actions per member and minute.
MIN_ACCOUNT_AGE_HOURS = 24
RATE_LIMIT_PER_MINUTE = 60

# Ranking (docs/ranking.md, whose worked examples the tests read): the Bayesian prior pulls a design
# with few votes towards 2.5 as if it had 10 more votes; the would-buy share is the 95 % Wilson lower
# bound (z = 1.96); the crowd score is 60 % score, 40 % would-buy.
PRIOR_MEAN = 2.5
PRIOR_WEIGHT = 10
WILSON_Z = 1.96
SCORE_WEIGHT = 0.6

# Early leave: after a day, a design with at least 10 votes and a mean below 1.5 leaves voting.
EARLY_HOURS = 24
EARLY_MIN_VOTES = 10
EARLY_FLOOR = 1.5

# Supporter milestones (LEGO Ideas style): (supporters, days after voting starts) to reach them.
MILESTONES: tuple[tuple[int, int], ...] = ((50, 14), (250, 60), (1000, 180))

# Anti-abuse (docs/voting.md): accounts younger than this count as new; a voter whose votes go mostly
# (80 % of at least 3) to one maker concentrates on them; 5 votes on one design from one network
# within 10 minutes is a burst.
SUSPICIOUS_ACCOUNT_HOURS = 72
CONCENTRATION_MIN_VOTES = 3
CONCENTRATION_SHARE = 0.8
BURST_MINUTES = 10
BURST_VOTES = 5

# Trending: the week's ranking keeps this many designs.
TRENDING_SIZE = 100
