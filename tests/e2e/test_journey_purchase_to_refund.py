"""Issue 13's "done when": from a guest's purchase to the refund of a return, every step a click in Chromium.

A guest adds a product from the header-linked cart, gives a German address, sees shipping and VAT, pays with
the test card (localstripe, a real HTTP server, as `make run` starts it) and gets the confirmation email with
the invoice PDF. Fulfilment staff start production, ship with carrier and tracking and mark the parcel
delivered in the Wagtail admin; the buyer follows the timeline on the signed order page (the link from the
email), requests a return there, staff approve it and the refund goes through Stripe; the maker sees the
royalty reversed on their dashboard. The whole journey runs at 1280 px, and once more with the buyer on a
390 px phone.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from makers.models import RoyaltyEntry
from shop.models import Order, OrderStatus
from tests.e2e.conftest import GERMAN_ADDRESS, LAUNCH_ARGS, axe_violations, log_in, screenshot  # noqa: F401
from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.designs import DesignFactory
from tests.factories.shop import make_product
from tests.shop import conftest as shop_fixtures
from tests.shop.conftest import charge_id, ls_get

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

localstripe = shop_fixtures.localstripe
stripe_on = shop_fixtures.stripe_on

S = OrderStatus
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
TRACKING = "00340434161094042557"


@pytest.fixture
def people():
    maker = UserFactory(email="e2e.journeymaker@example.org", handle="e2e-journeymaker", display_name="Jo Maker")
    design = DesignFactory(maker=maker, title="Tidal Lines", slug="tidal-lines", state="on_sale")
    product = make_product(design=design, price="23.80", stock=5, royalty_share="0.15")
    product.title = "Tidal Lines Tee"
    product.save(update_fields=["title"])
    staff = UserFactory(email="e2e.fulfilment@example.org", handle="e2e-fulfilment")
    staff.groups.add(Group.objects.get(name="Fulfilment"))
    return {"maker": maker, "product": product, "staff": staff}


def _tab(browser, live_server, device):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", bypass_csp=True, **device)
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    return tab


def _fits(tab) -> bool:
    """Nothing sticks out sideways: the page is exactly as wide as the screen (a phone would zoom out)."""
    return tab.evaluate("document.documentElement.scrollWidth") <= tab.viewport_size["width"]


def _cart_count(tab) -> str:
    badge = tab.locator(".site-header .cart-link__count")
    return badge.inner_text() if badge.is_visible() else "0"


def _admin_login(tab, user) -> None:
    tab.goto("/admin/")
    tab.fill("input[name=username]", user.email)
    tab.fill("input[name=password]", PASSWORD)
    with tab.expect_navigation():
        tab.get_by_role("button", name="Sign in").click()


def _admin_open_order(tab, order) -> None:
    with tab.expect_navigation():
        tab.get_by_role("link", name="Orders").first.click()
    with tab.expect_navigation():
        tab.get_by_role("link", name=order.number, exact=True).click()
    assert f"/admin/shop_orders/inspect/{order.pk}/" in tab.url


def _admin_said(tab) -> str:
    return tab.locator(".messages").inner_text()


def _journey(browser, live_server, people, settings, stripe, buyer_device, tag):
    settings.SITE_URL = live_server.url  # the links in the emails lead to this server
    product, staff, maker = people["product"], people["staff"], people["maker"]
    buyer = _tab(browser, live_server, buyer_device)
    phone = buyer_device is PHONE
    mail.outbox.clear()

    # The guest: product page, "Add to cart", the cart from the header, checkout with a German address.
    buyer.goto(product.get_absolute_url())
    assert _fits(buyer)
    buyer.get_by_role("button", name="Add to cart").click()
    buyer.locator(".buy-form .form-status", has_text="Added to your cart").wait_for()
    assert _cart_count(buyer) == "1"
    with buyer.expect_navigation():
        buyer.locator(".site-header").get_by_role("link", name="Cart").click()
    assert "Tidal Lines Tee" in buyer.locator(".cart-line").inner_text() and _fits(buyer)
    with buyer.expect_navigation():
        buyer.get_by_role("link", name="Check out").click()
    guest = f"e2e.journey.{tag}@example.org"
    buyer.get_by_label("Email").fill(guest)
    for label, value in GERMAN_ADDRESS.items():
        buyer.get_by_label(label, exact=False).first.fill(value)
    assert buyer.locator("select[name=country]").input_value() == "DE"
    totals = buyer.locator(".totals").inner_text()
    # 23.80 + 4.90 shipping = 28.70, of which 19 % German VAT: 4.58.
    assert "4.90" in totals and "28.70" in totals and "incl. 19 % VAT (Germany)" in totals and "4.58" in totals
    assert _fits(buyer)
    screenshot(buyer, f"journey-{tag}-checkout")
    buyer.locator("input[name=accept_terms]").check()
    with buyer.expect_navigation():
        buyer.get_by_role("button", name="Order and pay").click()
    order = Order.objects.get(email=guest)
    assert order.user is None and order.total == Decimal("28.70") and order.vat_total == Decimal("4.58")
    with buyer.expect_navigation():
        buyer.get_by_role("button", name="Pay with a test card").click()
    assert "Payment status: Paid." in buyer.locator(".messages").inner_text()
    assert _cart_count(buyer) == "0"
    order.refresh_from_db()
    assert order.status == S.PAID
    intent = ls_get(stripe, f"/v1/payment_intents/{order.payment_intent_id}")
    assert (intent["status"], intent["amount"]) == ("succeeded", 2870)

    # The confirmation email: the invoice as a PDF, the withdrawal form, the signed link to the order.
    confirmation = next(m for m in mail.outbox if m.subject == f"[Commonmade] Order confirmation {order.number}")
    assert confirmation.to == [guest]
    invoice = order.invoices.get()
    assert [(name, kind) for name, _content, kind in confirmation.attachments] == [
        (f"{invoice.number}.pdf", "application/pdf")
    ]
    assert confirmation.attachments[0][1][:4] == b"%PDF"
    assert "Model withdrawal form" in confirmation.body
    link = re.search(r"^Your order: (\S+)$", confirmation.body, re.M).group(1)
    assert link == live_server.url + f"/shop/orders/{order.access_token}/"
    assert "/account/orders/" not in confirmation.body

    # Staff: log in to the admin, open the order from the list, production, then shipped with DHL tracking.
    staff_tab = _tab(browser, live_server, DESKTOP)
    _admin_login(staff_tab, staff)
    _admin_open_order(staff_tab, order)
    with staff_tab.expect_navigation():
        staff_tab.get_by_role("button", name="Start production").click()
    assert f"Order {order.number} is in production." in _admin_said(staff_tab)
    staff_tab.get_by_label("Carrier").select_option(label="DHL")
    staff_tab.get_by_label("Tracking number").fill(TRACKING)
    with staff_tab.expect_navigation():
        staff_tab.get_by_role("button", name="Mark shipped").click()
    assert "the buyer got the tracking link" in _admin_said(staff_tab)
    screenshot(staff_tab, f"journey-{tag}-admin-shipped")

    # The buyer opens the link from the email: the timeline, with the tracking link.
    shipped_mail = next(m for m in mail.outbox if m.subject == f"[Commonmade] Your order {order.number} is on its way")
    assert TRACKING in shipped_mail.body and link in shipped_mail.body
    buyer.goto(link)
    timeline = buyer.locator(".timeline")
    assert [t.strip() for t in timeline.locator("strong").all_inner_texts()] == ["Paid", "In production", "Shipped"]
    order.refresh_from_db()
    tracking = timeline.get_by_role("link", name=TRACKING)
    assert tracking.get_attribute("href") == order.tracking_url and "dhl" in order.tracking_url
    assert buyer.locator(".facts").get_by_role("link", name=TRACKING).count() == 1
    # The invoice downloads from the signed page too.
    with buyer.expect_download() as download:
        buyer.get_by_role("link", name=re.compile(rf"Invoice {invoice.number}")).click()
    assert download.value.suggested_filename == f"{invoice.number}.pdf"
    assert _fits(buyer)
    screenshot(buyer, f"journey-{tag}-buyer-shipped")

    # Staff: delivered.
    with staff_tab.expect_navigation():
        staff_tab.get_by_role("button", name="Mark delivered").click()
    assert f"Order {order.number} is delivered." in _admin_said(staff_tab)

    # The buyer sends it back from the signed order page, within the 14 days.
    buyer.reload()
    assert "Delivered" in buyer.locator(".timeline").inner_text()
    form = buyer.locator("form.return-form")
    assert form.get_by_label("Tidal Lines Tee", exact=False).input_value() == "1"
    form.get_by_label("Reason").select_option(label="Wrong size")
    form.get_by_label("Anything we should know?", exact=False).fill("Too small, sorry.")
    if not phone:
        assert axe_violations(buyer) == []
    request_button = form.get_by_role("button", name="Request a return")
    assert request_button.evaluate("b => getComputedStyle(b).backgroundColor") == "rgba(0, 0, 0, 0)"  # ghost
    with buyer.expect_navigation():
        request_button.click()
    assert "We received your return request" in buyer.locator(".messages").inner_text()
    assert "Your return request is being reviewed" in buyer.locator("main").inner_text()
    order.refresh_from_db()
    assert order.status == S.RETURN_REQUESTED
    screenshot(buyer, f"journey-{tag}-buyer-return")

    # Staff approve the return: the refund goes through Stripe.
    staff_tab.reload()
    assert "Too small, sorry." in staff_tab.locator("main").inner_text()
    assert staff_tab.get_by_role("button", name="Mark shipped").count() == 0
    with staff_tab.expect_navigation():
        staff_tab.get_by_role("button", name="Approve and refund").click()
    assert "Return approved and refunded." in _admin_said(staff_tab)
    order.refresh_from_db()
    assert order.status == S.REFUNDED and order.refunded_amount == Decimal("28.70")  # goods and shipping
    intent = ls_get(stripe, f"/v1/payment_intents/{order.payment_intent_id}")
    charge = ls_get(stripe, f"/v1/charges/{charge_id(intent['latest_charge'])}")
    assert charge["amount_refunded"] == 2870
    screenshot(staff_tab, f"journey-{tag}-admin-refunded")

    # The buyer: the refund in the timeline, the credit note, the email.
    buyer.reload()
    assert "Refunded" in buyer.locator(".facts").inner_text()
    assert buyer.get_by_role("link", name=re.compile(r"Credit note CMG-")).count() == 1
    refund_mail = next(m for m in mail.outbox if m.subject == f"[Commonmade] Refund for order {order.number}")
    assert link in refund_mail.body and refund_mail.attachments[0][0].startswith("CMG-")
    assert _fits(buyer)

    # The maker, on their dashboard: the royalty earned, then reversed.
    entries = RoyaltyEntry.objects.filter(maker=maker, order_line__order=order)
    earned = sum(e.amount for e in entries if e.amount > 0)
    assert earned > 0 and sum(e.amount for e in entries) == 0
    maker_tab = _tab(browser, live_server, DESKTOP)
    log_in(maker_tab, maker.email, PASSWORD)
    with maker_tab.expect_navigation():
        maker_tab.locator(".site-header").get_by_role("link", name=maker.handle).click()
    with maker_tab.expect_navigation():
        maker_tab.get_by_role("link", name="Maker dashboard").click()
    royalties = maker_tab.locator("section[aria-labelledby=royalties-title]").inner_text()
    assert f"Refund of order {order.number}" in royalties
    from core.money import format_money

    assert format_money(earned) in royalties and format_money(-earned) in royalties
    sales = maker_tab.locator("section[aria-labelledby=sales-status-title]").inner_text()
    assert "Tidal Lines Tee" in sales
    screenshot(maker_tab, f"journey-{tag}-maker-dashboard")
    for tab in (buyer, staff_tab, maker_tab):
        tab.context.close()


def test_guest_purchase_to_refund_at_1280(browser, live_server, people, settings, stripe_on):
    _journey(browser, live_server, people, settings, stripe_on, DESKTOP, "desktop")


def test_guest_purchase_to_refund_with_the_buyer_on_a_phone(browser, live_server, people, settings, stripe_on):
    _journey(browser, live_server, people, settings, stripe_on, PHONE, "phone")


def test_the_german_header_of_a_member_fits_a_phone(phone):
    from notifications.services import notify
    from shop.cart import MemberCart

    member = UserFactory(email="e2e.langer@example.org", handle="e2e-langer-name")
    MemberCart(member).set(make_product(price="10.00").variants.get().pk, 1)  # a count next to the cart icon
    for n in range(12):  # and one next to "Benachrichtigungen"
        notify(recipient=member, kind="reply", title=f"Antwort {n}", body="", url="/", send_email=False)
    log_in(phone, member.email, PASSWORD)
    for path in ("/de/shop/cart/", "/de/account/orders/"):
        phone.goto(path)
        assert phone.locator(".account-menu").get_by_role("button", name="Abmelden").is_visible()
        assert _fits(phone), path
