"""Journeys 1 and 6: a newcomer signs up, verifies, votes and comments; search with a typo and a facet."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from accounts.models import User
from designs.models import DesignState
from tests.e2e.conftest import axe_violations
from tests.factories.designs import DesignFactory, category
from voting import rules as voting_rules
from voting.models import Vote

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "a long and fresh password 42"


def test_visitor_signs_up_verifies_votes_and_comments(page, monkeypatch):
    # A brand-new account may vote at once here; the age rule has its own tests.
    monkeypatch.setattr(voting_rules, "MIN_ACCOUNT_AGE_HOURS", 0)
    design = DesignFactory(title="Harbour Lights", state=DesignState.APPROVED)

    page.goto("/accounts/signup/")
    page.fill("input[name=email]", "newcomer@example.org")
    page.fill("input[name=username]", "newcomer")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    with page.expect_navigation():
        page.press("input[name=password2]", "Enter")
    assert "confirm" in page.content().lower() or "verify" in page.content().lower()

    message = next(m for m in reversed(mail.outbox) if "newcomer@example.org" in m.to)
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    user = User.objects.get(email="newcomer@example.org")
    assert user.emailaddress_set.get().verified

    if "/accounts/login/" in page.url:
        page.fill("input[name=login]", "newcomer@example.org")
        page.fill("input[name=password]", PASSWORD)
        with page.expect_navigation():
            page.press("input[name=password]", "Enter")

    page.goto(design.get_absolute_url())
    page.check(".vote-form input[name=score][value='4']")
    page.check(".vote-form input[name=would_buy]")
    page.click(".vote-form button[type=submit]:not([name=action])")
    page.wait_for_function("document.querySelector('[data-votes]').textContent.trim() === '1'")
    vote = Vote.objects.get(voter=user, design=design)
    assert (vote.score, vote.would_buy) == (4, True)

    page.fill("textarea[name=comment]", "Love the **colours** in this one.")
    page.click(".comment-form button[type=submit]")
    page.wait_for_selector("text=Love the")
    page.reload()
    assert page.locator("strong", has_text="colours").count() >= 1


def test_search_with_a_typo_and_a_facet_finds_the_design(page):
    shirt = DesignFactory(title="Sleepy Cats T-Shirt", category=category("apparel"))
    DesignFactory(title="Cat Poster Deluxe", category=category("poster"))
    page.goto("/search/?q=tshrit")
    assert page.get_by_role("link", name="Sleepy Cats T-Shirt").count() >= 1

    page.goto("/search/?q=cat")
    assert page.get_by_role("link", name="Cat Poster Deluxe").count() >= 1
    # The facet checkbox submits its form as soon as it is ticked.
    with page.expect_navigation():
        page.locator("label", has_text="Apparel").locator("input[type=checkbox]").first.check()
    assert "category=" in page.url
    assert page.get_by_role("link", name=shirt.title).count() >= 1
    assert page.get_by_role("link", name="Cat Poster Deluxe").count() == 0
    assert axe_violations(page) == []
