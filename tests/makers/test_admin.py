"""The royalty ledger and payouts in the Wagtail admin: editors read them, nobody edits them there."""

from __future__ import annotations

from decimal import Decimal

import pytest

from makers.models import Payout, PayoutStatus, RoyaltyEntry, RoyaltyKind
from tests.factories.accounts import UserFactory
from tests.factories.editorial import staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledger():
    from tests.factories.shop import make_product, paid_line

    maker = UserFactory(handle="ledger-maker")
    line = paid_line(UserFactory(), make_product(maker=maker))
    entry = RoyaltyEntry.objects.create(
        maker=maker,
        order_line=line,
        kind=RoyaltyKind.EARNING,
        quantity=1,
        amount=Decimal("3.75"),
        description="Royalty for a poster",
    )
    payout = Payout.objects.create(maker=maker, period="2026-04", amount=Decimal("42.00"), status=PayoutStatus.PAID)
    return entry, payout


def test_editors_list_and_inspect_the_ledger_and_payouts(client, ledger):
    entry, payout = ledger
    client.force_login(staff_user("Editors"))
    html = client.get("/admin/royalty-ledger/").content.decode()
    assert "Royalty for a poster" in html and "ledger-maker" in html
    html = client.get("/admin/payouts/").content.decode()
    assert "2026-04" in html
    assert client.get(f"/admin/payouts/inspect/{payout.pk}/").status_code == 200
    admin_home = client.get("/admin/").content.decode()
    assert "Royalties" in admin_home


def test_nobody_edits_the_ledger_in_the_admin(client, ledger):
    entry, payout = ledger
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    for url in (
        "/admin/royalty-ledger/new/",
        f"/admin/royalty-ledger/edit/{entry.pk}/",
        f"/admin/payouts/delete/{payout.pk}/",
    ):
        assert client.get(url).status_code in (302, 403), url
    entry.refresh_from_db()
    assert entry.amount == Decimal("3.75")


def test_members_without_the_permission_are_refused(client, ledger):
    client.force_login(staff_user("Moderators"))
    response = client.get("/admin/payouts/")
    assert response.status_code in (302, 403)
