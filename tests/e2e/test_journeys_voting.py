"""Journey 3: voting closes, the editor selects the design and creates a product from it in the Wagtail admin."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from designs.models import Design, DesignState
from shop.models import Product, ProductStatus, ShopRules
from tests.e2e.conftest import log_in
from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.designs import DesignFactory
from tests.factories.site_settings import set_site_setting
from tests.factories.voting import ChallengeFactory, VoterFactory, bulk_votes, spread
from voting.models import ChallengeEntry, Vote, VotingRules
from voting.services import votes_recount

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def shortlist_rules():
    """The shortlist rule of docs/ranking.md with a shortlist of one, set as an editor would in the admin."""
    set_site_setting(ShopRules, supporter_window_hours=48)
    return set_site_setting(
        VotingRules, shortlist_top_k=1, shortlist_min_votes=20, shortlist_min_would_buy_lower=Decimal("0.2")
    )


def test_voting_closes_editor_selects_and_creates_a_product_that_is_on_sale(page, shortlist_rules):
    maker = UserFactory(email="e2e.lighthouse@example.org", handle="e2e-lighthouse")
    editor = UserFactory(email="e2e.editor3@example.org", handle="e2e-editor3")
    editor.groups.add(Group.objects.get(name="Editors"))
    supporter = VoterFactory(email="e2e.supporter@example.org", handle="e2e-supporter")
    challenge = ChallengeFactory(title="Coastal Lights", slug="coastal-lights")
    window = {"voting_starts_at": challenge.voting_starts_at, "voting_ends_at": challenge.voting_ends_at}
    winner = DesignFactory(maker=maker, title="Lighthouse Lines", slug="lighthouse-lines", **window)
    runner_up = DesignFactory(title="Foggy Pier", slug="foggy-pier", **window)
    for design in (winner, runner_up):
        ChallengeEntry.objects.create(challenge=challenge, design=design)
    # 24 earlier votes: mean 4.0, 16 would buy. The runner-up has too few votes for the shortlist.
    bulk_votes(winner, spread(24, 96, 16), prefix="lh")
    bulk_votes(runner_up, spread(5, 20, 2), prefix="fp")
    votes_recount(log=False)

    # The 25th vote is cast in the browser, with JavaScript: the panel updates in place.
    log_in(page, supporter.email, PASSWORD)
    page.goto(winner.get_absolute_url())
    panel = page.locator("[data-vote-panel]")
    assert panel.locator("[data-votes]").inner_text() == "24"
    panel.locator(".vote-form__score", has_text="5").click()
    panel.get_by_label("I'd buy it").check()
    panel.get_by_role("button", name="Vote", exact=True).click()
    page.locator("[data-vote-panel] [data-votes]", has_text="25").wait_for()
    assert Vote.objects.get(design=winner, voter=supporter).would_buy

    # The window ends; the real closing command ranks and shortlists.
    challenge.voting_ends_at = timezone.now() - timedelta(minutes=1)
    challenge.save(update_fields=["voting_ends_at"])
    out = StringIO()
    call_command("close_voting", stdout=out)
    assert "closed challenge coastal-lights" in out.getvalue()
    winner.refresh_from_db()
    runner_up.refresh_from_db()
    assert (winner.state, runner_up.state) == (DesignState.SHORTLISTED, DesignState.NOT_SELECTED)

    # The editor decides on the shortlist in the Wagtail admin.
    page.context.clear_cookies()
    log_in(page, editor.email, PASSWORD)
    page.goto("/admin/voting/shortlist/")
    row = page.locator("tr", has_text="Lighthouse Lines")
    assert row.locator("td").nth(3).inner_text() == "25"  # votes, side by side with the scores
    row.get_by_label("Selected", exact=True).check()
    row.get_by_label("Reason (the maker and the supporters read it)").fill("Strong lines; the crowd wants it.")
    with page.expect_navigation():
        row.get_by_role("button", name="Save decision").click()
    assert "Decision saved for “Lighthouse Lines”." in page.locator(".messages").inner_text()
    assert Design.objects.get(pk=winner.pk).state == DesignState.SELECTED

    # The decision appears on the design page.
    page.goto(winner.get_absolute_url())
    decision = page.locator(".vote-panel__decision")
    assert "Selected" in decision.inner_text()
    assert "Strong lines; the crowd wants it." in decision.inner_text()

    # "Create product" in the shop admin: Shop → Products → "Create from a design", then the design.
    page.goto("/admin/products/")
    with page.expect_navigation():
        page.get_by_role("link", name="Create from a design").click()
    with page.expect_navigation():
        page.locator("tr", has_text="Lighthouse Lines").get_by_role("link", name="Create product").click()
    assert page.locator("#id_title").input_value() == "Lighthouse Lines"
    assert page.locator("#id_royalty_percent").input_value() == "15.0"
    page.fill("#id_title", "Lighthouse Lines T-shirt")
    page.select_option("#id_product_type", label="T-shirt")
    page.fill("#id_description", "Organic cotton, printed in Hamburg.")
    page.fill("#id_price", "29.00")
    page.fill("#id_variants", "M, navy, LH-M-NAVY, 5\nL, navy, LH-L-NAVY, 3")
    page.check("#id_publish")
    with page.expect_navigation():
        page.get_by_role("button", name="Create product").click()
    assert "Product “Lighthouse Lines T-shirt” created." in page.locator(".messages").inner_text()
    product = Product.objects.get(design=winner)
    assert product.status == ProductStatus.ON_SALE
    assert [(v.sku, v.stock) for v in product.variants.order_by("position")] == [("LH-M-NAVY", 5), ("LH-L-NAVY", 3)]
    assert Design.objects.get(pk=winner.pk).state == DesignState.ON_SALE

    # A visitor sees the product on sale; the supporter who said "I'd buy it" has early access.
    page.context.clear_cookies()
    page.goto(product.get_absolute_url())
    assert page.locator("h1").inner_text() == "Lighthouse Lines T-shirt"
    assert "29.00\u00a0€" in page.locator(".product__price").inner_text()
    assert page.get_by_role("button", name="Add to cart").is_visible()
    options = [" ".join(text.split()) for text in page.locator(".variant-picker__option").all_inner_texts()]
    assert options == ["M / navy", "L / navy only 3 left"]
    assert "Supporters of this design have early access" in page.locator(".product__info").inner_text()
    log_in(page, supporter.email, PASSWORD)
    page.goto(product.get_absolute_url())
    assert "You have early access as a supporter of this design." in page.locator(".product__info").inner_text()
    page.goto("/shop/")
    assert page.get_by_role("link", name="Lighthouse Lines T-shirt").count() >= 1


def test_member_votes_changes_the_vote_maker_and_closed_window_are_refused(page):
    """Issue 4's done-when: a vote, a changed vote, the maker refused, a closed window refused."""
    member = VoterFactory(email="e2e.voter4@example.org", handle="e2e-voter4")
    design = DesignFactory(title="Paper Cranes")

    log_in(page, member.email, PASSWORD)
    page.goto(design.get_absolute_url())
    page.check(".vote-form input[name=score][value='3']")
    page.click(".vote-form button[type=submit]:not([name=action])")
    page.wait_for_function("document.querySelector('[data-votes]').textContent.trim() === '1'")
    assert page.locator("[data-mean-score]").inner_text().startswith("3.00")
    # The answer carried numbers, not a new panel: the script shows the member's vote in place.
    assert page.locator(".vote-form [data-vote-submit]").inner_text().strip() == "Change vote"
    assert page.locator(".vote-form [data-vote-remove]").is_visible()

    page.check(".vote-form input[name=score][value='5']")
    page.click(".vote-form button[type=submit]:not([name=action])")
    page.wait_for_function("document.querySelector('[data-mean-score]').textContent.startsWith('5.00')")
    assert page.locator("[data-votes]").inner_text().strip() == "1"
    assert Vote.objects.get(voter=member, design=design).score == 5

    # The window closes while the page is open: the next vote is refused with a message.
    Design.objects.filter(pk=design.pk).update(voting_ends_at=timezone.now() - timedelta(minutes=1))
    page.check(".vote-form input[name=score][value='1']")
    page.click(".vote-form button[type=submit]:not([name=action])")
    page.wait_for_function("document.querySelector('[data-vote-status]').textContent.toLowerCase().includes('closed')")
    assert Vote.objects.get(voter=member, design=design).score == 5

    page.context.clear_cookies()
    log_in(page, design.maker.email, PASSWORD)
    page.goto(DesignFactory(maker=design.maker, title="My Own Work").get_absolute_url())
    assert "cannot vote on your own design" in page.locator(".vote-panel").inner_text()
