"""Fixed account rules (constants, with the reason next to each)."""

from __future__ import annotations

# Sign-ups from one IP address per day.
SIGNUPS_PER_IP_PER_DAY = 3
