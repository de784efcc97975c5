import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from designs import rules as design_rules
from designs.validation import clean_design_image
from tests.factories import images as img


def refused(data: bytes, name: str = "upload.png") -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        clean_design_image(img.upload(data, name))
    return caught.value


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_accepts_print_quality_images_of_each_format(fmt):
    clean = clean_design_image(img.upload(img.image_bytes(1200, 1600, fmt), "art.bin"))
    assert (clean.width, clean.height) == (1200, 1600)
    assert clean.extension == {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}[fmt]


def test_refuses_a_decompression_bomb_before_decoding_it():
    error = refused(img.bomb_png())
    assert error.code == "too_many_pixels"
    assert "megapixels" in error.messages[0]


def test_refuses_svg_with_script():
    error = refused(img.svg_with_script(), "logo.png")
    assert error.code == "type"
    assert "SVG" in error.messages[0]


def test_refuses_html_named_png():
    error = refused(img.html_named_png(), "photo.png")
    assert error.code == "type"
    assert "web page" in error.messages[0]


def test_refuses_a_5_mb_text_file():
    error = refused(img.text_file(5), "notes.png")
    assert error.code == "type"
    assert "JPEG, PNG or WebP" in error.messages[0]


def test_refuses_an_image_below_print_quality():
    error = refused(img.image_bytes(600, 600))
    assert error.code == "too_small"
    assert "600 × 600" in error.messages[0] and "1200" in error.messages[0]


@pytest.mark.parametrize("maker", [img.animated_gif, img.animated_png, img.animated_webp])
def test_refuses_animated_images(maker):
    error = refused(maker(), "anim.png")
    assert error.code in {"animated", "type"}
    assert "GIF" in error.messages[0] or "Animated" in error.messages[0]


def test_refuses_a_polyglot():
    error = refused(img.polyglot_png())
    assert error.code == "polyglot"


def test_refuses_files_over_the_size_limit(monkeypatch):
    monkeypatch.setattr(design_rules, "UPLOAD_MAX_BYTES", 200_000)
    data = img.image_bytes(1300, 1300, "PNG", colour=(1, 2, 3))
    noisy = io.BytesIO()
    Image.effect_noise((1300, 1300), 100).convert("RGB").save(noisy, format="PNG")
    assert len(noisy.getvalue()) > 200_000 > len(data)
    error = refused(noisy.getvalue())
    assert error.code == "too_large"


@pytest.mark.parametrize("maker", [img.png_with_gps, img.jpeg_with_gps])
def test_metadata_with_gps_is_removed(maker):
    original = maker()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825), "the test file carries GPS data"
    clean = clean_design_image(img.upload(original))
    stored = Image.open(io.BytesIO(clean.content))
    assert not stored.getexif()
    assert b"SpyCam" not in clean.content
    assert "exif" not in stored.info


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_a_cut_off_upload_gets_a_clear_message(fmt):
    buffer = io.BytesIO()
    Image.effect_noise((1300, 1300), 100).convert("RGB").save(buffer, format=fmt)
    data = buffer.getvalue()
    error = refused(data[: len(data) // 2], "cut.bin")
    assert error.code == "broken"
    assert "incomplete" in error.messages[0]
