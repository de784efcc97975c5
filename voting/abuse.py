"""Anti-abuse rules: which votes are held back (weight 0) until an editor clears them. See docs/voting.md."""

from __future__ import annotations

import ipaddress
from datetime import datetime, timedelta

from django.utils.translation import gettext_lazy as _

from accounts.models import User
from designs.models import Design
from voting import rules as voting_rules

NEW_ACCOUNT_CONCENTRATION = "new_account_concentration"
NETWORK_BURST = "network_burst"

REASON_LABELS = {
    NEW_ACCOUNT_CONCENTRATION: _("New account whose votes concentrate on one maker"),
    NETWORK_BURST: _("Burst of votes from the same network"),
}


def reason_label(code: str) -> str:
    return str(REASON_LABELS.get(code, code))


def network_of(ip: str | None) -> str:
    """The /24 (IPv4) or /48 (IPv6) a request came from: enough to spot a burst, without keeping the address."""
    if not ip:
        return ""
    try:
        address = ipaddress.ip_address(ip.strip())
    except ValueError:
        return ""
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def is_new_account(voter: User, now: datetime) -> bool:
    return now - voter.date_joined < timedelta(hours=voting_rules.SUSPICIOUS_ACCOUNT_HOURS)


def concentrates_on_maker(*, voter: User, design: Design) -> bool:
    """Counting the vote being cast: enough votes, and most of them on this design's maker."""
    from voting.models import Vote

    others = Vote.objects.filter(voter=voter).exclude(design=design)
    total = others.count() + 1
    same_maker = others.filter(design__maker_id=design.maker_id).count() + 1
    return total >= voting_rules.CONCENTRATION_MIN_VOTES and same_maker / total >= voting_rules.CONCENTRATION_SHARE


def burst_window_start(now: datetime) -> datetime:
    return now - timedelta(minutes=voting_rules.BURST_MINUTES)


def is_network_burst(*, voter: User, design: Design, network: str, now: datetime) -> bool:
    """Counting the vote being cast: this many votes on the design from one network within the window."""
    from voting.models import Vote

    if not network:
        return False
    recent = (
        Vote.objects.filter(design=design, network=network, created_at__gte=burst_window_start(now))
        .exclude(voter=voter)
        .count()
    )
    return recent + 1 >= voting_rules.BURST_VOTES


def suspicious_reasons(*, voter: User, design: Design, network: str, now: datetime) -> list[str]:
    reasons = []
    if is_new_account(voter, now) and concentrates_on_maker(voter=voter, design=design):
        reasons.append(NEW_ACCOUNT_CONCENTRATION)
    if is_network_burst(voter=voter, design=design, network=network, now=now):
        reasons.append(NETWORK_BURST)
    return reasons
