"""A first vote in one statement on PostgreSQL: `voting_cast_new(...)` (voting.services._cast_in_one_statement).

The function takes the design's counter row FOR UPDATE, checks the rules that need the database,
inserts the vote and adds it to the counters; it runs as the request's only statement, so it is its
own transaction (one round trip, no BEGIN or COMMIT of its own). Given the design's slug instead of
its id (the vote button's address), it finds the design itself, so the view reads no design first. Whatever is not the plain case (no
counter row yet, the design not open, the member's own design, no verified e-mail, a vote already
there, a burst from the network, a milestone the vote would reach) makes it write nothing and answer
'other': the caller then takes the general path in Python, which has every rule and message.

A VOLATILE plpgsql function takes a new snapshot for each statement in READ COMMITTED, so the reads
after the lock see every vote committed by the lock's previous holder (a single statement could not:
its subqueries would keep the snapshot taken before the wait).

The scores are the formulas of voting/ranking.py, with the constants passed in; the tests compare
both (tests/voting/test_one_statement.py).
"""

from django.db import migrations

CREATE = r"""
CREATE OR REPLACE FUNCTION voting_cast_new(
    p_design bigint,
    p_slug text,
    p_voter bigint,
    p_score integer,
    p_would_buy boolean,
    p_network text,
    p_now timestamptz,
    p_burst_start timestamptz,
    p_burst_votes integer,
    p_milestones integer[],
    p_milestone_days integer[],
    p_prior_mean double precision,
    p_prior_weight double precision,
    p_z double precision,
    p_score_weight double precision,
    OUT outcome text,
    OUT design_id bigint,
    OUT vote_id bigint,
    OUT votes bigint,
    OUT score_sum bigint,
    OUT would_buy bigint,
    OUT discounted bigint,
    OUT bayesian_score double precision,
    OUT wilson_lower double precision,
    OUT crowd_score double precision
) LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
    s record;
    d record;
    n bigint;
    wb bigint;
    p double precision;
    z2 double precision;
    top integer;
    i integer;
BEGIN
    outcome := 'other';
    -- The vote button knows the design's address only: no read of the design before the vote.
    IF p_design IS NULL THEN
        SELECT x.id INTO p_design FROM designs_design x WHERE x.slug = p_slug;
        IF NOT FOUND THEN
            RETURN;
        END IF;
    END IF;
    design_id := p_design;
    -- Every change of a design's votes takes this lock first (voting.services).
    SELECT c.votes, c.score_sum, c.would_buy, c.discounted INTO s
      FROM voting_designvotestats c WHERE c.design_id = p_design FOR UPDATE;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    -- A new snapshot: every vote committed before the lock was granted is seen.
    SELECT x.maker_id, x.state, x.moderation_removed, x.voting_starts_at, x.voting_ends_at,
           EXISTS (SELECT 1 FROM account_emailaddress e WHERE e.user_id = p_voter AND e.verified) AS email_verified,
           EXISTS (SELECT 1 FROM voting_vote v WHERE v.design_id = p_design AND v.voter_id = p_voter) AS voted,
           EXISTS (SELECT 1 FROM voting_challengeentry ce WHERE ce.design_id = p_design) AS in_challenge,
           (SELECT MAX(m.supporters) FROM voting_milestonereached m WHERE m.design_id = p_design) AS top_milestone,
           CASE WHEN p_network = '' THEN 0 ELSE
               (SELECT COUNT(*) FROM voting_vote b WHERE b.design_id = p_design AND b.network = p_network
                   AND b.created_at >= p_burst_start AND b.voter_id <> p_voter) END AS burst_others
      INTO d
      FROM designs_design x WHERE x.id = p_design;
    IF NOT FOUND
       OR d.state <> 'approved' OR d.moderation_removed
       OR (d.voting_starts_at IS NOT NULL AND p_now < d.voting_starts_at)
       OR (d.voting_ends_at IS NOT NULL AND p_now >= d.voting_ends_at)
       OR d.maker_id = p_voter
       OR NOT d.email_verified
       OR d.voted
       OR (p_network <> '' AND d.burst_others + 1 >= p_burst_votes) THEN
        RETURN;
    END IF;
    n := s.votes + 1;
    wb := s.would_buy + (CASE WHEN p_would_buy THEN 1 ELSE 0 END);
    -- A milestone this vote could reach: the general path records it.
    IF d.voting_starts_at IS NOT NULL AND NOT d.in_challenge AND p_milestones IS NOT NULL THEN
        top := COALESCE(d.top_milestone, 0);
        FOR i IN 1 .. COALESCE(array_length(p_milestones, 1), 0) LOOP
            IF p_milestones[i] > top THEN
                IF wb >= p_milestones[i]
                   AND p_now <= d.voting_starts_at + make_interval(days => p_milestone_days[i]) THEN
                    RETURN;
                END IF;
                EXIT;
            END IF;
        END LOOP;
    END IF;
    INSERT INTO voting_vote (design_id, voter_id, score, would_buy, weight, suspicious_reasons,
                             cleared_by_id, cleared_at, network, created_at, updated_at)
    VALUES (p_design, p_voter, p_score, p_would_buy, 1, '[]'::jsonb, NULL, NULL, p_network, p_now, p_now)
    ON CONFLICT DO NOTHING
    RETURNING id INTO vote_id;
    IF vote_id IS NULL THEN
        RETURN;
    END IF;
    votes := n;
    score_sum := s.score_sum + p_score;
    would_buy := wb;
    discounted := s.discounted;
    -- voting.ranking.scores_for, operation for operation (the same doubles as Python).
    IF p_prior_weight + n = 0 THEN
        bayesian_score := 0.0;
    ELSE
        bayesian_score := (p_prior_weight * p_prior_mean + score_sum::double precision)
                          / (p_prior_weight + n::double precision);
    END IF;
    p := wb::double precision / n::double precision;
    z2 := p_z * p_z;
    wilson_lower := GREATEST(0.0::double precision,
        ((p + z2 / (2 * n)::double precision)
         - p_z * sqrt(p * (1 - p) / n::double precision + z2 / (4 * n * n)::double precision))
        / (1 + z2 / n::double precision));
    crowd_score := 100 * (p_score_weight * bayesian_score / 5 + (1 - p_score_weight) * wilson_lower);
    UPDATE voting_designvotestats t
       SET votes = voting_cast_new.votes, score_sum = voting_cast_new.score_sum,
           would_buy = voting_cast_new.would_buy, bayesian_score = voting_cast_new.bayesian_score,
           wilson_lower = voting_cast_new.wilson_lower, crowd_score = voting_cast_new.crowd_score,
           updated_at = p_now
     WHERE t.design_id = p_design;
    outcome := 'cast';
END;
$fn$;
"""

DROP = "DROP FUNCTION IF EXISTS voting_cast_new(bigint, text, bigint, integer, boolean, text, timestamptz, timestamptz, integer, integer[], integer[], double precision, double precision, double precision, double precision)"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("voting", "0004_voting_rules_site_setting"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
