"""MHTML: a web page saved as one file ("Webpage, Single File" in Chromium browsers, .mht in
others): a MIME message whose first text/html part is the page, as the browser showed it."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage

from onrecord.errors import InputError
from onrecord.sources.files import RawInput

SNIFF_BYTES = 4096


def is_mhtml(data: bytes) -> bool:
    head = data[:SNIFF_BYTES].lower()
    return b"mime-version:" in head and b"multipart/related" in head


def mhtml_page(raw: RawInput) -> tuple[str, str]:
    """The saved page's HTML and the address it was saved from."""
    message = email.message_from_bytes(raw.data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            location = part.get("Content-Location") or message.get("Snapshot-Content-Location")
            return _html_of(part, raw.source), str(location or "")
    raise InputError("MHTML file holds no HTML page", source=raw.source)


def _html_of(part: EmailMessage, source: str) -> str:
    # Browsers leave the charset out of the part's header: the page's own is UTF-8 then.
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    try:
        return payload.decode(part.get_content_charset() or "utf-8")
    except (LookupError, UnicodeDecodeError) as err:
        raise InputError(f"MHTML page cannot be decoded ({err})", source=source) from err
