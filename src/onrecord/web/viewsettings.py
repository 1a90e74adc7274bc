"""Reader view settings, like the accessible version of the source site.

Kept in one cookie, set by a plain form POST (works without JavaScript) and applied as
classes on `<html>`; the stylesheet does the rest. The cookie value is four dot-joined
tokens, `150.white-on-black.loose.off`; anything unknown falls back to the default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

COOKIE = "onrecord_view"
COOKIE_MAX_AGE = 365 * 24 * 3600

FONT_SIZES = (100, 125, 150, 175, 200)  # per cent, up to the 200% WCAG asks to work
SCHEMES = {
    "default": "Default",
    "black-on-white": "Black on white",
    "white-on-black": "White on black",
    "blue-on-lightblue": "Dark blue on light blue",
    "brown-on-beige": "Brown on beige",
}
SPACINGS = {"normal": "Normal", "wide": "Wide (1.8)", "widest": "Widest (2.2)"}
IMAGES = {"on": "Shown", "off": "Hidden"}


@dataclass(frozen=True)
class ViewSettings:
    font: int = 100
    scheme: str = "default"
    spacing: str = "normal"
    images: str = "on"

    @classmethod
    def parse(cls, value: str | None) -> ViewSettings:
        parts = (value or "").split(".")
        if len(parts) != 4:
            return cls()
        font, scheme, spacing, images = parts
        return cls().updated(font=font, scheme=scheme, spacing=spacing, images=images)

    def updated(
        self,
        *,
        font: str | int | None = None,
        scheme: str | None = None,
        spacing: str | None = None,
        images: str | None = None,
    ) -> ViewSettings:
        """A copy with every valid value applied; invalid ones are ignored."""
        out = self
        if str(font).isdigit() and int(str(font)) in FONT_SIZES:
            out = replace(out, font=int(str(font)))
        if scheme in SCHEMES:
            out = replace(out, scheme=scheme)
        if spacing in SPACINGS:
            out = replace(out, spacing=spacing)
        if images in IMAGES:
            out = replace(out, images=images)
        return out

    def step_font(self, step: int) -> ViewSettings:
        i = FONT_SIZES.index(self.font) + step
        return replace(self, font=FONT_SIZES[max(0, min(i, len(FONT_SIZES) - 1))])

    @property
    def cookie_value(self) -> str:
        return f"{self.font}.{self.scheme}.{self.spacing}.{self.images}"

    @property
    def html_classes(self) -> str:
        classes = [f"font-{self.font}", f"scheme-{self.scheme}", f"spacing-{self.spacing}"]
        if self.images == "off":
            classes.append("no-images")
        return " ".join(classes)

    def to_dict(self) -> dict[str, str | int]:
        return {
            "font": self.font,
            "scheme": self.scheme,
            "spacing": self.spacing,
            "images": self.images,
        }


# A path on this site: '/', then no second '/' or '\\' (which browsers read as another
# host), then only the characters RFC 3986 allows in a path and query. Tabs, newlines and
# spaces are out: browsers drop them, so '/\t/evil.example' would be read as '//evil.example'.
_SAME_SITE_PATH = re.compile(r"/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@/%?#]*")


def safe_next(target: str | None) -> str:
    """A path on this site to go back to after the form; anything else goes home (no open
    redirect)."""
    if not target or not _SAME_SITE_PATH.fullmatch(target) or "\\" in target:
        return "/"
    return target
