"""Image bytes made in the tests: valid ones, and every kind the upload must refuse."""

from __future__ import annotations

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def image_bytes(width: int = 1300, height: int = 1300, fmt: str = "PNG", colour=(200, 60, 40), **save) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format=fmt, **save)
    return buffer.getvalue()


def upload(data: bytes, name: str = "design.png", content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def gps_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Inc."  # Make
    exif[0x0110] = "Model X"  # Model
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (52.0, 31.0, 12.0)
    gps[3] = "E"
    gps[4] = (13.0, 24.0, 36.0)
    return exif.tobytes()


def png_with_gps(width: int = 1300, height: int = 1300) -> bytes:
    return image_bytes(width, height, "PNG", exif=gps_exif())


def jpeg_with_gps(width: int = 1300, height: int = 1300) -> bytes:
    return image_bytes(width, height, "JPEG", exif=gps_exif())


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def bomb_png(side: int = 50_000) -> bytes:
    """A tiny file whose header claims 2.5 gigapixels: decoding it would exhaust memory."""
    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    row = b"\x00" + b"\x00" * 3 * side
    compressor = zlib.compressobj(9)
    data = compressor.compress(row * 4) + compressor.flush()
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", data) + _png_chunk(b"IEND", b"")


def svg_with_script() -> bytes:
    return (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="2000">'
        b"<script>alert(document.cookie)</script></svg>"
    )


def html_named_png() -> bytes:
    return b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def text_file(megabytes: int = 5) -> bytes:
    return b"lorem ipsum dolor sit amet\n" * (megabytes * 1024 * 1024 // 27)


def animated_gif(side: int = 1300) -> bytes:
    frames = [Image.new("RGB", (side, side), colour) for colour in ((255, 0, 0), (0, 0, 255))]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return buffer.getvalue()


def animated_png(side: int = 1300) -> bytes:
    frames = [Image.new("RGB", (side, side), colour) for colour in ((255, 0, 0), (0, 0, 255))]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="PNG", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return buffer.getvalue()


def animated_webp(side: int = 1300) -> bytes:
    frames = [Image.new("RGB", (side, side), colour) for colour in ((255, 0, 0), (0, 0, 255))]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="WEBP", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return buffer.getvalue()


def polyglot_png() -> bytes:
    """A valid PNG with a web page appended after its end."""
    return image_bytes(1300, 1300) + b"<html><script>alert('polyglot')</script></html>"
