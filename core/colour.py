"""Colours as #rrggbb and their WCAG 2.x contrast."""

from __future__ import annotations

import re

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
WHITE = "#ffffff"
AA_NORMAL_TEXT = 4.5


def parse_hex(value: str) -> tuple[int, int, int] | None:
    value = (value or "").strip()
    if re.fullmatch(r"#?[0-9a-fA-F]{3}", value):
        value = "#" + "".join(c * 2 for c in value.lstrip("#"))
    if not value.startswith("#"):
        value = "#" + value
    if not HEX.match(value):
        return None
    return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)


def normalise_hex(value: str) -> str | None:
    rgb = parse_hex(value)
    return None if rgb is None else "#{:02x}{:02x}{:02x}".format(*rgb)


def relative_luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    a, b = parse_hex(first), parse_hex(second)
    if a is None or b is None:
        raise ValueError("not a #rrggbb colour")
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def darker(value: str, factor: float = 0.78) -> str:
    """The hover shade of an accent colour."""
    r, g, b = parse_hex(value) or (0, 0, 0)
    return f"#{int(r * factor):02x}{int(g * factor):02x}{int(b * factor):02x}"
