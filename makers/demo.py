"""Demo brands for development: each demo maker's storefront has a banner. Never run against production data."""

from __future__ import annotations

import io
import random

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from accounts.models import User
from makers.models import Brand
from makers.services import brand_banner_replace

DEMO_BANNERS = (
    ("maker@example.com", ("#1f3a5f", "#f4efe6", "#d9653b"), "Ink-blue and coral circles and bars on cream paper"),
    ("maker2@example.com", ("#2e4a3f", "#f2f0ea", "#c9a227"), "Forest-green and ochre circles and bars on off-white"),
)


def demo_banner(seed: str, palette: tuple[str, str, str], *, width: int = 1800, height: int = 450) -> ContentFile:
    """A generated 4:1 pattern, as wide as the storefront shows it."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height), palette[1])
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randrange(height // 10, height // 3)
        colour = palette[0] if rng.random() < 0.6 else palette[2]
        if rng.random() < 0.5:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
        else:
            draw.rectangle((x - r, y - r // 3, x + r, y + r // 3), fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return ContentFile(buffer.getvalue(), name=f"{seed}.jpg")


def seed_makers() -> list[Brand]:
    """Give each demo maker a storefront banner, unless they have one (their own upload stays)."""
    brands = []
    for email, palette, description in DEMO_BANNERS:
        maker = User.objects.filter(email__iexact=email).first()
        if maker is None:
            continue
        brand = Brand.objects.filter(maker=maker, banner__isnull=False).first()
        if brand is None:
            upload = demo_banner(f"banner-{maker.handle}", palette)
            brand = brand_banner_replace(maker=maker, banner_upload=upload, banner_alt=description)
        brands.append(brand)
    return brands
