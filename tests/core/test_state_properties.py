"""Templates ask objects about their state through properties, never by comparing state strings."""

import re
from pathlib import Path

from designs.models import Design, DesignState
from live.models import LiveShow, ShowStatus
from shop.models import Order, OrderStatus, ReturnRequest, ReturnStatus

TEMPLATES = Path(__file__).resolve().parents[2] / "site" / "templates"


def test_state_properties():
    assert Design(state=DesignState.DRAFT).is_draft and not Design(state=DesignState.APPROVED).is_draft
    assert Design(state=DesignState.SUBMITTED).is_submitted and Design(state=DesignState.SELECTED).is_selected
    assert LiveShow(status=ShowStatus.SCHEDULED).is_scheduled and not LiveShow(status=ShowStatus.LIVE).is_scheduled
    assert Order(status=OrderStatus.PAID).is_paid and Order(status=OrderStatus.DELIVERED).is_delivered
    assert ReturnRequest(status=ReturnStatus.REQUESTED).is_requested
    assert ReturnRequest(status=ReturnStatus.APPROVED).is_approved


def test_no_template_compares_an_objects_state_or_status_with_a_string():
    pattern = re.compile(r"\.(state|status) *(==|!=|in) *['\"]")
    found = [
        f"{path.relative_to(TEMPLATES)}:{n}"
        for path in TEMPLATES.rglob("*.html")
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line)
    ]
    assert found == []
