"""Demo voting: an open challenge, a past one with results, open-gallery designs, and voters. Idempotent."""

from __future__ import annotations

import io
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.files.images import ImageFile
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from PIL import Image, ImageDraw
from wagtail.images import get_image_model

from accounts.models import User
from community.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, seed_accounts
from designs.models import Category, Design, DesignImage, DesignState
from voting import services
from voting.models import Challenge, ChallengeEntry, Vote

S = DesignState
VOTER_COUNT = 24

# slug, title, maker email, category slug, colour
DEMO_DESIGNS = [
    ("bold-type-poster", "Bold Type", "maker@example.com", "poster", "#b4361f"),
    ("paper-tiger", "Paper Tiger", "maker@example.com", "poster", "#d98a1c"),
    ("tidal-lines", "Tidal Lines", "maker2@example.com", "poster", "#1f5f8b"),
    ("neon-bloom", "Neon Bloom", "maker2@example.com", "poster", "#9b2f8f"),
    ("winter-owls", "Winter Owls", "maker@example.com", "poster", "#3d5a6c"),
    ("frost-lines", "Frost Lines", "maker2@example.com", "poster", "#6c8ea4"),
    ("snow-market", "Snow Market", "maker2@example.com", "poster", "#8d99ae"),
    ("citrus-slice", "Citrus Slice", "maker@example.com", "sticker", "#e0a800"),
    ("quiet-forest", "Quiet Forest", "maker2@example.com", "mug", "#2f6b3a"),
]
OPEN_ENTRIES = ["bold-type-poster", "paper-tiger", "tidal-lines", "neon-bloom"]
PAST_ENTRIES = ["winter-owls", "frost-lines", "snow-market"]
GALLERY = ["citrus-slice", "quiet-forest"]
# Per design: (score, would_buy) for voter i, as a function of i, so reruns give the same votes.
PLANS = {
    "bold-type-poster": lambda i: (4 + (i % 3 == 0), i % 2 == 0),
    "paper-tiger": lambda i: (3 + (i % 4 == 0), i % 3 == 0),
    "tidal-lines": lambda i: (2 + (i % 2), i % 5 == 0),
    "neon-bloom": lambda i: (3 + (i % 3 == 1), i % 4 == 0),
    "winter-owls": lambda i: (4 + (i % 2), i % 4 != 3),
    "frost-lines": lambda i: (3 + (i % 2), i % 3 == 0),
    "snow-market": lambda i: (2 + (i % 3 == 0), i % 6 == 0),
    "citrus-slice": lambda i: (4, i % 2 == 1),
    "quiet-forest": lambda i: (3 + (i % 5 == 0), i % 4 == 0),
}
VOTES_PER_DESIGN = {"tidal-lines": 12, "neon-bloom": 9, "snow-market": 10, "quiet-forest": 7}


def _voters() -> list[User]:
    password = make_password(DEMO_PASSWORD)  # one hash for all: seeding stays fast
    joined = timezone.now() - timedelta(days=60)
    voters = []
    for i in range(1, VOTER_COUNT + 1):
        email = f"voter{i}@example.com"
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create(
                email=email, handle=f"demo-voter-{i}", display_name=f"Demo Voter {i}", date_joined=joined
            )
        user.password = password
        user.date_joined = min(user.date_joined, joined)
        user.save(update_fields=["password", "date_joined"])
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        voters.append(user)
    return voters


def _cover(design: Design, colour: str) -> None:
    if design.images.exists():
        return
    picture = Image.new("RGB", (1200, 1200), colour)
    draw = ImageDraw.Draw(picture)
    for step in range(0, 600, 150):
        draw.ellipse((step, step, 1200 - step, 1200 - step), outline="white", width=6)
    draw.text((80, 1080), design.title, fill="white", font_size=72)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    image = get_image_model()(title=design.title)
    image.file = ImageFile(buffer, name=f"demo-{design.slug}.png")
    image.save()
    DesignImage.objects.create(design=design, image=image, position=0, alt_text=design.title)


def _design(slug: str, title: str, maker: User, category: str, colour: str, **defaults) -> Design:
    design = Design.objects.filter(slug=slug).first()
    if design is None:
        design = Design.objects.create(
            slug=slug,
            title=title,
            maker=maker,
            category=Category.objects.get(slug=category),
            rights_confirmed=True,
            description=f"{title}: a demo design.",
            **defaults,
        )
    _cover(design, colour)
    return design


def _challenge(slug: str, **fields) -> Challenge:
    challenge, _ = Challenge.objects.update_or_create(slug=slug, defaults=fields)
    challenge.categories.set([Category.objects.get(slug="poster")])
    return challenge


def _design_pages_installed() -> bool:
    try:
        reverse("designs:detail", kwargs={"slug": "x"})
    except NoReverseMatch:
        return False
    return True


def seed_voting() -> None:
    emails = [a.email for a in DEMO_ACCOUNTS]
    accounts = {u.email: u for u in User.objects.filter(email__in=emails)}
    if len(accounts) < len(emails):
        accounts = seed_accounts()
    voters = _voters()
    now = timezone.now()
    # Demo accounts may vote at once (real accounts wait VOTING_MIN_ACCOUNT_AGE_HOURS).
    User.objects.filter(pk__in=[u.pk for u in accounts.values()], date_joined__gt=now - timedelta(days=30)).update(
        date_joined=now - timedelta(days=30)
    )
    open_challenge = _challenge(
        "bold-type",
        title="Bold Type",
        brief="Posters built from **letters alone**: no pictures, just type that speaks.\n\n"
        "Entries are scored 0-5 by the community; the top designs go to the editors.",
        submission_starts_at=now - timedelta(days=14),
        submission_ends_at=now - timedelta(days=3),
        voting_starts_at=now - timedelta(days=2),
        voting_ends_at=now + timedelta(days=5),
        max_entries_per_maker=3,
        prize_terms="15 % royalty on every sale, and a print run of 100.",
        title_de="Starke Schrift",
        brief_de="Poster nur aus **Buchstaben**: keine Bilder, nur Schrift, die spricht.\n\n"
        "Die Community bewertet die Beiträge mit 0 bis 5 Punkten; die besten gehen an die Redaktion.",
    )
    # A challenge taking entries now, so makers can try entering a design (challenge page or design page).
    _challenge(
        "tiny-monsters",
        title="Tiny Monsters",
        brief="Friendly little creatures on posters. Cute, odd or both.\n\n"
        "Enter up to three designs; voting starts when entries close.",
        title_de="Kleine Monster",
        brief_de="Freundliche kleine Wesen auf Postern. Niedlich, seltsam oder beides.\n\n"
        "Reiche bis zu drei Entwürfe ein; die Abstimmung beginnt, wenn die Einreichung endet.",
        submission_starts_at=now - timedelta(days=2),
        submission_ends_at=now + timedelta(days=12),
        voting_starts_at=now + timedelta(days=13),
        voting_ends_at=now + timedelta(days=20),
        max_entries_per_maker=3,
        prize_terms="15 % royalty on every sale.",
    )
    past_challenge = _challenge(
        "winter-prints",
        title="Winter Prints",
        brief="Prints for the cold months: snow, frost, quiet streets.",
        title_de="Winterdrucke",
        brief_de="Drucke für die kalten Monate: Schnee, Frost, stille Straßen.",
        submission_starts_at=now - timedelta(days=45),
        submission_ends_at=now - timedelta(days=30),
        voting_starts_at=now - timedelta(days=28),
        voting_ends_at=now - timedelta(days=21),
        max_entries_per_maker=3,
        prize_terms="15 % royalty on every sale.",
    )
    designs = {}
    for slug, title, email, category, colour in DEMO_DESIGNS:
        designs[slug] = _design(slug, title, accounts[email], category, colour, state=S.APPROVED, approved_at=now)

    for slug in OPEN_ENTRIES:
        design = designs[slug]
        ChallengeEntry.objects.get_or_create(design=design, defaults={"challenge": open_challenge})
        if design.state == S.APPROVED:
            Design.objects.filter(pk=design.pk).update(
                voting_starts_at=open_challenge.voting_starts_at, voting_ends_at=open_challenge.voting_ends_at
            )
    for slug in GALLERY:
        Design.objects.filter(pk=designs[slug].pk, state=S.APPROVED).update(
            voting_starts_at=now - timedelta(days=1), voting_ends_at=now + timedelta(days=13)
        )
    for slug in PAST_ENTRIES:
        ChallengeEntry.objects.get_or_create(design=designs[slug], defaults={"challenge": past_challenge})
        Design.objects.filter(pk=designs[slug].pk, state=S.APPROVED, voting_ends_at__isnull=True).update(
            voting_starts_at=past_challenge.voting_starts_at, voting_ends_at=past_challenge.voting_ends_at
        )

    # Votes: stored directly with their time in the window, then the counters are recounted.
    for slug, plan in PLANS.items():
        design = Design.objects.get(pk=designs[slug].pk)
        count = VOTES_PER_DESIGN.get(slug, VOTER_COUNT)
        cast_at = (design.voting_starts_at or now) + timedelta(hours=3)
        for i, voter in enumerate(voters[:count]):
            score, buy = plan(i)
            Vote.objects.get_or_create(
                design=design, voter=voter, defaults={"score": score, "would_buy": buy, "created_at": cast_at}
            )
    services.votes_recount(log=False)  # builds the counters of the votes stored above

    # The past challenge has results, and the editors picked its winner. Closing tells the makers with a
    # link to the design page, so it waits until the design pages are installed.
    if not _design_pages_installed():
        return
    services.challenge_close(challenge=past_challenge)
    editor = accounts["editor@example.com"]
    winner = Design.objects.get(slug="winter-owls")
    if winner.state == S.SHORTLISTED and editor.has_perm("designs.moderate_design"):
        services.design_decide(
            design=winner, actor=editor, selected=True, reason="Loved by the crowd: 18 of 24 voters would buy it."
        )
