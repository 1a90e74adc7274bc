"""Attribution lines that travel with exported material whose licence asks for them."""

from __future__ import annotations

from onrecord.model import Document

KREMLIN_ATTRIBUTION = (
    "Source: Presidential Executive Office of the Russian Federation, en.kremlin.ru, "
    "CC BY 4.0 (material re-formatted and segmented)"
)
KREMLIN_LICENCE = "https://creativecommons.org/licenses/by/4.0/"


def attribution(document: Document) -> str | None:
    """The attribution line `document` must carry, or None when its source asks for none."""
    if "kremlin.ru" in document.url or document.parser.get("name", "").startswith("kremlin"):
        return KREMLIN_ATTRIBUTION
    return None
