"""The security catalogue: every case in tests/security carries a category, and the run ends with a count.

Mark a module or a test with ``pytest.mark.security_category("xss")``; a case without a category, or
with one not in CATEGORIES, stops the run at collection. The terminal summary prints, per category,
how many cases ran and how they ended.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

# localstripe (a real HTTP server speaking Stripe's API) for the payment cases, as in tests/shop.
from tests.shop.conftest import localstripe, stripe_on  # noqa: F401

CATEGORIES = (
    "xss",
    "authz",
    "csrf",
    "uploads",
    "payments",
    "concurrency",
    "auth",
    "hostile-input",
    "deployment",
    "faults",
    "privacy",
)
HERE = Path(__file__).resolve().parent


def category_of(item: pytest.Item) -> str | None:
    marker = item.get_closest_marker("security_category")
    return marker.args[0] if marker and marker.args else None


def pytest_collection_modifyitems(config, items):
    problems = []
    for item in items:
        if HERE not in Path(str(item.fspath)).resolve().parents:
            continue
        category = category_of(item)
        if category not in CATEGORIES:
            problems.append(f"{item.nodeid}: security_category {category!r} is not one of {', '.join(CATEGORIES)}")
            continue
        # Reports carry user properties, also from pytest-xdist workers to the controller.
        item.user_properties.append(("security_category", category))
    if problems:
        raise pytest.UsageError("tests/security cases need a known category:\n" + "\n".join(problems))


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    outcome_of: dict[str, str] = {}
    category_of_case: dict[str, str] = {}
    for outcome in ("passed", "failed", "error", "skipped", "xfailed", "xpassed"):
        for report in terminalreporter.stats.get(outcome, []):
            category = dict(getattr(report, "user_properties", ())).get("security_category")
            if category is None:
                continue
            category_of_case[report.nodeid] = category
            # A failure in any phase decides; a pass counts once.
            if outcome_of.get(report.nodeid) in (None, "passed"):
                outcome_of[report.nodeid] = outcome
    if not category_of_case:
        return
    terminalreporter.section("security catalogue: cases per category")
    for category in CATEGORIES:
        cases = [nodeid for nodeid, value in category_of_case.items() if value == category]
        if not cases:
            continue
        counts = Counter(outcome_of[nodeid] for nodeid in cases)
        detail = ", ".join(f"{counts[key]} {key}" for key in ("passed", "failed", "error", "skipped") if counts[key])
        terminalreporter.write_line(f"{category:<14} {len(cases):>5} cases  ({detail})")
    terminalreporter.write_line(f"{'total':<14} {len(category_of_case):>5} cases")
