"""Web archives: a page saved by Safari ("Web Archive", `.webarchive`, its default on a Mac),
a property list whose main resource is the page's HTML as the browser received it, with the
address it came from; pictures, styles and frames are other resources, not read."""

from __future__ import annotations

import plistlib
from typing import Any

from onrecord.errors import InputError
from onrecord.sources.files import RawInput

MAIN = b"WebMainResource"
_XML_PLIST = b"<!DOCTYPE plist"


def is_webarchive(data: bytes) -> bool:
    """A binary property list (or the XML kind) that holds a main web resource."""
    binary = data.startswith(b"bplist00")
    return (binary or _XML_PLIST in data[:512]) and MAIN in data


def webarchive_page(raw: RawInput) -> tuple[str, str]:
    """The saved page's text (HTML, or the text a plain page was) and its address."""
    main = _main_resource(raw)
    data = main.get("WebResourceData")
    if not isinstance(data, bytes) or not data.strip():
        raise InputError("web archive holds no page (field: WebResourceData)", source=raw.source)
    encoding = str(main.get("WebResourceTextEncodingName") or "utf-8")
    try:
        text = data.decode(encoding)
    except (LookupError, UnicodeDecodeError) as err:
        raise InputError(f"web archive page cannot be decoded ({err})", source=raw.source) from err
    return text, str(main.get("WebResourceURL") or "")


def _main_resource(raw: RawInput) -> dict[str, Any]:
    try:
        archive = plistlib.loads(raw.data)
    # plistlib reports a damaged or hostile file in many ways (a bad offset, a loop of
    # references, nesting past the recursion limit): each is a file we cannot read
    except Exception as err:
        raise InputError(
            f"web archive cannot be read ({type(err).__name__})", source=raw.source
        ) from err
    main = archive.get(MAIN.decode()) if isinstance(archive, dict) else None
    if not isinstance(main, dict):
        raise InputError("web archive holds no page (field: WebMainResource)", source=raw.source)
    return main
