import pytest
from django.core.management import call_command

from live.models import ChatMessage, LiveShow, ShowStatus, Tip, TipStatus
from makers.models import RoyaltyEntry, RoyaltyKind

pytestmark = pytest.mark.django_db


def test_seed_demo_has_a_drop_live_now_one_upcoming_and_a_replay(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", "--no-progress")
    call_command("seed_demo", "--no-progress")
    assert sorted(LiveShow.objects.values_list("status", flat=True)) == sorted(
        [ShowStatus.LIVE, ShowStatus.SCHEDULED, ShowStatus.ENDED]
    )
    on_air = LiveShow.objects.get(status=ShowStatus.LIVE)
    assert ChatMessage.objects.filter(show=on_air).count() >= 4
    assert Tip.objects.filter(show=on_air, status=TipStatus.PAID).count() == 1
    assert RoyaltyEntry.objects.filter(kind=RoyaltyKind.TIP).count() == 1
    page = client.get(on_air.get_absolute_url())
    assert page.status_code == 200 and "youtube-nocookie.com/embed" in page.content.decode()
    past = LiveShow.objects.get(status=ShowStatus.ENDED)
    assert "Pinned during the drop" in client.get(past.get_absolute_url()).content.decode()
