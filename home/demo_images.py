"""Illustrations the demo makes for itself with Pillow (gradients, shapes and
initials), stored in Wagtail's image library: nothing is fetched, nothing large
is committed."""

from __future__ import annotations

import io
import random
from collections.abc import Callable

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model

Colour = tuple[int, int, int]

PALETTES: dict[str, tuple[Colour, Colour, Colour]] = {
    # background from, background to, shapes
    "harbour": ((11, 79, 138), (16, 133, 151), (255, 191, 71)),
    "sunrise": ((214, 93, 64), (247, 179, 94), (255, 244, 222)),
    "forest": ((24, 92, 72), (116, 170, 106), (238, 232, 170)),
    "dusk": ((52, 38, 102), (166, 77, 121), (255, 209, 170)),
    "slate": ((38, 50, 66), (92, 118, 148), (190, 226, 245)),
    "sand": ((176, 132, 84), (236, 206, 160), (88, 60, 40)),
}


def gradient(size: tuple[int, int], start: Colour, end: Colour) -> PillowImage.Image:
    """A diagonal gradient from ``start`` (top left) to ``end``."""
    vertical = PillowImage.linear_gradient("L")
    mask = PillowImage.blend(vertical, vertical.rotate(90), 0.5).resize(size)
    return PillowImage.composite(
        PillowImage.new("RGB", size, end), PillowImage.new("RGB", size, start), mask
    )


def scene(palette: str, seed: int, size: tuple[int, int] = (1600, 900)) -> bytes:
    """An abstract landscape: a gradient sky, hills and a few buildings."""
    start, end, accent = PALETTES[palette]
    rng = random.Random(seed)  # noqa: S311 - pictures, not secrets
    width, height = size
    picture = gradient(size, start, end)
    layer = PillowImage.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    sun = (
        rng.randint(width // 8, width - width // 4),
        rng.randint(height // 8, height // 3),
    )
    radius = rng.randint(height // 10, height // 6)
    draw.ellipse(
        (sun[0] - radius, sun[1] - radius, sun[0] + radius, sun[1] + radius),
        fill=(*accent, 210),
    )
    for band in range(3):
        top = int(height * (0.55 + band * 0.12))
        shade = tuple(int(channel * (0.75 - band * 0.2)) for channel in start)
        points = [(0, height)]
        for x in range(0, width + 200, 200):
            points.append((x, top + rng.randint(-height // 12, height // 12)))
        points.append((width, height))
        draw.polygon(points, fill=(*shade, 235))
    left = rng.randint(0, width // 3)
    for _ in range(rng.randint(4, 7)):
        building_width = rng.randint(width // 20, width // 10)
        building_height = rng.randint(height // 6, height // 2)
        draw.rectangle(
            (left, height - building_height, left + building_width, height),
            fill=(*tuple(int(c * 0.35) for c in start), 240),
        )
        for row in range(height - building_height + 20, height - 20, 36):
            for column in range(left + 12, left + building_width - 12, 28):
                if rng.random() < 0.55:
                    draw.rectangle(
                        (column, row, column + 12, row + 16), fill=(*accent, 230)
                    )
        left += building_width + rng.randint(10, width // 12)
    picture.paste(layer, (0, 0), layer)
    return encode(picture)


def portrait(name: str, palette: str, size: int = 480) -> bytes:
    """A portrait made of the person's initials on a gradient, with shoulders."""
    start, end, accent = PALETTES[palette]
    picture = gradient((size, size), start, end)
    draw = ImageDraw.Draw(picture)
    draw.ellipse(
        (size * 0.12, size * 0.72, size * 0.88, size * 1.35),
        fill=tuple(int(c * 0.55) for c in start),
    )
    initials = "".join(part[0] for part in name.split()[:2]).upper()
    font = ImageFont.load_default(size=size // 3)
    draw.text((size / 2, size * 0.42), initials, font=font, fill=accent, anchor="mm")
    return encode(picture)


def mark(draw: ImageDraw.ImageDraw, box: tuple[float, float, float, float]) -> None:
    """The demo company's mark in ``box``: a compass rose pointing north-west."""
    left, top, right, bottom = box
    centre_x, centre_y = (left + right) / 2, (top + bottom) / 2
    radius = (right - left) / 2
    draw.ellipse(box, outline="white", width=max(2, round(radius / 7)))
    tip = radius * 0.78
    draw.polygon(
        [
            (centre_x - tip * 0.7, centre_y - tip * 0.7),
            (centre_x + radius * 0.16, centre_y - radius * 0.16),
            (centre_x - radius * 0.16, centre_y + radius * 0.16),
        ],
        fill="white",
    )
    draw.polygon(
        [
            (centre_x + tip * 0.7, centre_y + tip * 0.7),
            (centre_x + radius * 0.16, centre_y - radius * 0.16),
            (centre_x - radius * 0.16, centre_y + radius * 0.16),
        ],
        fill=(255, 255, 255, 150),
    )


def logo(colour: Colour, size: int = 160) -> bytes:
    """The company's emblem, as a PNG: the mark on a rounded square of
    ``colour`` with a white edge, readable on the coloured header (which writes
    the company's name beside it) and on the white of search results."""
    picture = PillowImage.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(picture)
    draw.rounded_rectangle(
        (0, 0, size - 1, size - 1),
        radius=size // 5,
        fill=colour,
        outline="white",
        width=max(2, size // 32),
    )
    inset = size * 0.18
    mark(draw, (inset, inset, size - inset, size - inset))
    return encode(picture, "PNG")


def favicon(colour: Colour, size: int = 192) -> bytes:
    """The browser tab's icon: the mark on a rounded square of ``colour``."""
    picture = PillowImage.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(picture)
    draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=size // 5, fill=colour)
    inset = size * 0.16
    mark(draw, (inset, inset, size - inset, size - inset))
    return encode(picture, "PNG")


def sharing_image(name: str, line: str, palette: str) -> bytes:
    """The default image of shared links (1200 × 630): a landscape with the
    company's mark, name and a line about it."""
    picture = PillowImage.open(io.BytesIO(scene(palette, 19, (1200, 630))))
    draw = ImageDraw.Draw(picture, "RGBA")
    draw.rounded_rectangle((60, 60, 760, 300), radius=24, fill=(0, 0, 0, 150))
    mark(draw, (96, 96, 196, 196))
    draw.text(
        (224, 146),
        name,
        font=ImageFont.load_default(size=72),
        fill="white",
        anchor="lm",
    )
    draw.text(
        (100, 250),
        line,
        font=ImageFont.load_default(size=38),
        fill="white",
        anchor="lm",
    )
    return encode(picture)


def encode(picture: PillowImage.Image, kind: str = "JPEG") -> bytes:
    data = io.BytesIO()
    if kind == "JPEG":
        picture.convert("RGB").save(data, "JPEG", quality=82, optimize=True)
    else:
        picture.save(data, kind, optimize=True)
    return data.getvalue()


def demo_image(title: str, make: Callable[[], bytes], extension: str = "jpg"):
    """The library's image of this title, made and stored when missing."""
    model = get_image_model()
    existing = model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    name = "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-")
    image = model(title=title)
    image.file = ImageFile(io.BytesIO(make()), name=f"demo-{name}.{extension}")
    image.save()
    return image
