"""The security catalogue: every case in tests/security carries a category, and the run ends with a count.

Mark a module or a test with ``pytest.mark.security_category("xss")``; a case without a category, or
with one not in CATEGORIES, stops the run at collection. The terminal summary prints, per category,
how many cases ran and how they ended.
"""

from __future__ import annotations

import logging
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


# --- the Celery broker cut ------------------------------------------------------------------------


class _Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _forget_celery_connections(app) -> None:
    """Connections and result backends cached by whatever ran before (inline tasks, a real worker)."""
    app._pool = None
    app.amqp._producer_pool = None
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)


@pytest.fixture
def broker_down():
    """The Celery broker on a closed port, for one test; everything it touches is put back after.

    Independent of what ran before: cached broker connections are dropped first, search changes
    queued (and never flushed) by earlier tests in this thread are forgotten, and the fallback's
    warnings are read from the `config.celery` logger itself (not the root logger, whose handlers
    a worker started by another test may have replaced). Yields the list of those warnings.
    """
    from config.celery import app
    from search import indexing
    from tests.security import live

    keys = ("broker_url", "task_always_eager", "result_backend")
    saved = {key: app.conf[key] for key in keys}
    logger = logging.getLogger("config.celery")
    records = _Records()
    saved_logger = (logger.level, logger.disabled)
    logger.addHandler(records)
    logger.setLevel(logging.WARNING)
    logger.disabled = False
    indexing._local.pending = {}
    app.conf.update(broker_url=f"redis://127.0.0.1:{live.closed_port()}/0", task_always_eager=False)
    _forget_celery_connections(app)
    try:
        yield records.messages
    finally:
        app.conf.update(saved)
        _forget_celery_connections(app)
        indexing._local.pending = {}
        logger.removeHandler(records)
        logger.level, logger.disabled = saved_logger
