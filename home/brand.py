"""The company's colours: WCAG contrast checks and the values the site's styles read.

The public styles (``static/css/site.css``) use CSS custom properties; the brand
stylesheet (``home/brand.css``, served by ``home.views.brand_stylesheet``) sets them
from the site settings, so a change of colour needs no rebuild.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass

from django.core.validators import RegexValidator
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

# The text colours of the site (site.css: --colour-text and white).
BODY_TEXT = "#1b1b1b"
WHITE = "#ffffff"
# The pale background of panels and the footer (site.css: --colour-surface): links
# in the primary colour are read on it too.
SURFACE = "#f3f5f8"
DEFAULT_PRIMARY = "#0b4f8a"
DEFAULT_ACCENT = "#f2b134"
# WCAG 2.2 AA, normal text.
MINIMUM_CONTRAST = 4.5

HEX_COLOUR = RegexValidator(
    r"^#[0-9a-fA-F]{6}$",
    message=_("Give a colour as # and six hexadecimal digits, such as #0b4f8a."),
)


def is_hex_colour(value: str) -> bool:
    return re.fullmatch(r"#[0-9a-fA-F]{6}", value) is not None


def _channel(value: int) -> float:
    value = value / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """The WCAG relative luminance of ``#rrggbb``."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio of two ``#rrggbb`` colours, from 1 to 21."""
    lighter, darker = sorted(
        (relative_luminance(first), relative_luminance(second)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def format_ratio(ratio: float) -> str:
    """``2.9`` for 2.97: rounded down, so that a refused ratio never reads 4.5."""
    return number_format(math.floor(ratio * 10) / 10, 1)


def text_colour_on(background: str) -> str:
    """White or the body text colour, whichever reads better on ``background``."""
    if contrast_ratio(background, WHITE) >= contrast_ratio(background, BODY_TEXT):
        return WHITE
    return BODY_TEXT


def primary_contrast_error(colour: str) -> str | None:
    """Why ``colour`` cannot be the primary colour (white text on it, and links in
    it on white and pale panels), or None when it can."""
    for background, description in (
        (WHITE, _("with white text")),
        (SURFACE, _("for links on the pale panels")),
    ):
        ratio = contrast_ratio(colour, background)
        if ratio < MINIMUM_CONTRAST:
            return _(
                "Contrast %(ratio)s:1 %(use)s; at least %(minimum)s:1 is needed."
            ) % {
                "ratio": format_ratio(ratio),
                "use": description,
                "minimum": number_format(MINIMUM_CONTRAST, 1),
            }
    return None


def accent_contrast_error(colour: str) -> str | None:
    """Why ``colour`` cannot be the accent colour (its text is white or the body
    text colour, whichever reads better), or None when it can."""
    text = text_colour_on(colour)
    ratio = contrast_ratio(colour, text)
    if ratio >= MINIMUM_CONTRAST:
        return None
    description = (
        _("with white text") if text == WHITE else _("with the body text colour")
    )
    return _("Contrast %(ratio)s:1 %(use)s; at least %(minimum)s:1 is needed.") % {
        "ratio": format_ratio(ratio),
        "use": description,
        "minimum": number_format(MINIMUM_CONTRAST, 1),
    }


def darker(colour: str, amount: float = 0.2) -> str:
    """``colour`` mixed with black: hovered buttons and links, darker still."""
    channels = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(value * (1 - amount)):02x}" for value in channels)


@dataclass(frozen=True)
class BrandColours:
    """The colours the brand stylesheet sets, from the site settings."""

    primary: str = DEFAULT_PRIMARY
    accent: str = DEFAULT_ACCENT

    @classmethod
    def of(cls, portal_settings) -> BrandColours:
        def valid(value: str, default: str) -> str:
            return value.lower() if is_hex_colour(value) else default

        return cls(
            primary=valid(portal_settings.primary_colour, DEFAULT_PRIMARY),
            accent=valid(portal_settings.accent_colour, DEFAULT_ACCENT),
        )

    @property
    def primary_dark(self) -> str:
        return darker(self.primary)

    @property
    def accent_text(self) -> str:
        return text_colour_on(self.accent)

    @property
    def version(self) -> str:
        """Changes with the colours: the stylesheet's address carries it, so that
        browsers keep it for long and fetch the new one after a change."""
        text = f"{self.primary}{self.accent}".encode()
        return hashlib.sha256(text).hexdigest()[:10]
