"""Demo designs in every lifecycle state, with generated images."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from accounts.models import User
from designs import services
from designs.models import Category, Design, DesignState

S = DesignState


@dataclass(frozen=True)
class DemoDesign:
    slug: str
    title: str
    maker: str
    category: str
    state: str
    tags: tuple[str, ...]
    description: str
    palette: tuple[str, str, str]


DEMO_DESIGNS = (
    DemoDesign(
        "mountain-dawn-t-shirt",
        "Mountain Dawn T-Shirt",
        "maker@example.com",
        "apparel",
        S.APPROVED,
        ("t-shirt", "mountains", "outdoor"),
        "A **sunrise** over layered peaks, printed on an organic cotton T-shirt.",
        ("#f4a259", "#5b8e7d", "#264653"),
    ),
    DemoDesign(
        "sleepy-cats-t-shirt",
        "Sleepy Cats T-Shirt",
        "maker2@example.com",
        "apparel",
        S.APPROVED,
        ("t-shirt", "cats", "katzen"),
        "Three cats asleep in a pile. Drei Katzen, ein Nickerchen.",
        ("#e9c46a", "#2a9d8f", "#1d3557"),
    ),
    DemoDesign(
        "city-grid-poster",
        "City Grid Poster",
        "maker@example.com",
        "poster",
        S.APPROVED,
        ("city", "map", "minimal"),
        "The street grid of an imaginary city, in three inks.",
        ("#e63946", "#f1faee", "#457b9d"),
    ),
    DemoDesign(
        "tiny-fox-sticker",
        "Tiny Fox Sticker",
        "maker2@example.com",
        "sticker",
        S.APPROVED,
        ("fox", "animals", "cute"),
        "A fox that fits on your laptop.",
        ("#ff7f11", "#fffcf2", "#252422"),
    ),
    DemoDesign(
        "ocean-waves-mug",
        "Ocean Waves Mug",
        "maker@example.com",
        "mug",
        S.SHORTLISTED,
        ("ocean", "waves"),
        "Waves wrap around the mug, in the style of old woodcuts.",
        ("#0077b6", "#90e0ef", "#03045e"),
    ),
    DemoDesign(
        "retro-bike-poster",
        "Retro Bike Poster",
        "maker2@example.com",
        "poster",
        S.SELECTED,
        ("bicycle", "retro"),
        "A racing bike from the seventies, in flat colours.",
        ("#d62828", "#fcbf49", "#003049"),
    ),
    DemoDesign(
        "forest-pattern-t-shirt",
        "Forest Pattern T-Shirt",
        "maker@example.com",
        "apparel",
        S.ON_SALE,
        ("t-shirt", "forest", "pattern"),
        "A repeating pattern of fir trees. The crowd chose it; now it is on sale.",
        ("#2d6a4f", "#95d5b2", "#081c15"),
    ),
    DemoDesign(
        "cat-astronaut-poster",
        "Cat Astronaut Poster",
        "maker2@example.com",
        "poster",
        S.ON_SALE,
        ("cats", "space"),
        "A cat in a space suit floats past the moon.",
        ("#7209b7", "#f72585", "#3a0ca3"),
    ),
    DemoDesign(
        "sunflower-tote",
        "Sunflower Tote Bag",
        "maker@example.com",
        "tote-bag",
        S.IN_PRODUCTION,
        ("flowers", "summer"),
        "Sunflowers for the market run.",
        ("#ffb703", "#fb8500", "#023047"),
    ),
    DemoDesign(
        "neon-type-sticker",
        "Neon Type Sticker",
        "maker2@example.com",
        "sticker",
        S.NOT_SELECTED,
        ("typography", "neon"),
        "Glowing letters; the crowd liked it, the editors chose others this time.",
        ("#06d6a0", "#ef476f", "#073b4c"),
    ),
    DemoDesign(
        "old-logo-mug",
        "Old Logo Mug",
        "maker@example.com",
        "mug",
        S.RETIRED,
        ("logo",),
        "A mug from an earlier season.",
        ("#8d99ae", "#edf2f4", "#2b2d42"),
    ),
    DemoDesign(
        "abstract-shapes-poster",
        "Abstract Shapes Poster",
        "maker2@example.com",
        "poster",
        S.SUBMITTED,
        ("abstract", "shapes"),
        "Circles and triangles waiting for the editors.",
        ("#ffbe0b", "#3a86ff", "#8338ec"),
    ),
    DemoDesign(
        "blurry-photo-t-shirt",
        "Blurry Photo T-Shirt",
        "maker@example.com",
        "apparel",
        S.REJECTED,
        ("t-shirt", "photo"),
        "A photo print that was too small to print well.",
        ("#adb5bd", "#6c757d", "#343a40"),
    ),
    DemoDesign(
        "work-in-progress",
        "Work in Progress",
        "maker@example.com",
        "sticker",
        S.DRAFT,
        ("sketch",),
        "Still a sketch.",
        ("#cdb4db", "#ffc8dd", "#bde0fe"),
    ),
    DemoDesign(
        "withdrawn-lighthouse",
        "Lighthouse Poster",
        "maker2@example.com",
        "poster",
        S.WITHDRAWN,
        ("sea", "lighthouse"),
        "Withdrawn by its maker.",
        ("#e76f51", "#f4a261", "#264653"),
    ),
)

# The editor's moves that bring a submitted design to each state.
PATHS = {
    S.DRAFT: [],
    S.SUBMITTED: [],
    S.APPROVED: ["approve"],
    S.REJECTED: ["reject"],
    S.SHORTLISTED: ["approve", "shortlist"],
    S.SELECTED: ["approve", "shortlist", "select"],
    S.NOT_SELECTED: ["approve", "shortlist", "not_select"],
    S.IN_PRODUCTION: ["approve", "shortlist", "select", "production"],
    S.ON_SALE: ["approve", "shortlist", "select", "production", "sale"],
    S.RETIRED: ["approve", "shortlist", "select", "production", "sale", "retire"],
    S.WITHDRAWN: ["withdraw"],
}


def demo_image(seed: str, palette: tuple[str, str, str], *, size: int = 1400) -> ContentFile:
    """A generated pattern: enough pixels for print quality, small as a JPEG."""
    rng = random.Random(seed)
    image = Image.new("RGB", (size, size), palette[1])
    draw = ImageDraw.Draw(image)
    for _ in range(28):
        x, y = rng.randrange(size), rng.randrange(size)
        r = rng.randrange(size // 14, size // 4)
        colour = palette[rng.randrange(3)]
        if rng.random() < 0.5:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
        else:
            draw.rectangle((x - r, y - r // 2, x + r, y + r // 2), fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return ContentFile(buffer.getvalue(), name=f"{seed}.jpg")


def _advance(design: Design, move: str, editor: User) -> Design:
    if move == "approve":
        return services.design_approve(design=design, actor=editor)
    if move == "reject":
        return services.design_reject(
            design=design, actor=editor, reason="The image is too blurry to print. Please upload a sharper version."
        )
    if move == "shortlist":
        return services.design_shortlist(design=design, actor=editor, reason="Top of its voting round.")
    if move == "select":
        return services.design_select(design=design, actor=editor, reason="Strong score and many would buy it.")
    if move == "not_select":
        return services.design_not_select(design=design, actor=editor, reason="Close call: we chose two others.")
    if move == "production":
        return services.design_start_production(design=design, actor=editor)
    if move == "sale":
        return services.design_put_on_sale(design=design, actor=editor)
    if move == "retire":
        return services.design_retire(design=design, actor=editor)
    if move == "withdraw":
        return services.design_withdraw(design=design, actor=design.maker, reason="I want to rework it.")
    raise ValueError(move)


def seed_designs() -> list[Design]:
    editor = User.objects.get(email="editor@example.com")
    designs = []
    for spec in DEMO_DESIGNS:
        design = Design.objects.filter(slug=spec.slug).first()
        if design is None:
            maker = User.objects.get(email=spec.maker)
            design = services.design_create(
                maker=maker,
                title=spec.title,
                category=Category.objects.get(slug=spec.category),
                images=[demo_image(spec.slug, spec.palette)],
                description=spec.description,
                tags=spec.tags,
                rights_confirmed=True,
                submit=spec.state != S.DRAFT,
            )
            if design.slug != spec.slug:  # keep demo URLs stable
                Design.objects.filter(pk=design.pk).update(slug=spec.slug)
                design.refresh_from_db()
            for move in PATHS[spec.state]:
                design = _advance(design, move, editor)
        designs.append(design)
    return designs
