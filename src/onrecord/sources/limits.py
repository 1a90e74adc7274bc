"""Limits on the shape of one input, checked in linear time before a parser sees it.

A file under the size limit can still be built to make a parser work for minutes: HTML's
tree builder scans the open elements for every block start tag, so n nested `<div>`s cost
n² (selectolax: 8,000 deep 0.12 s, 20,000 deep 0.6 s, 100,000 deep 31 s), and Python's JSON
reader recurses once per level (`loads` turns its RecursionError into an input error).
Real pages nest a few dozen blocks deep; the limit below is far above that and keeps the
worst case under a tenth of a second.
"""

from __future__ import annotations

import json
import re
from typing import Any

from onrecord.errors import InputError, TooLargeError

MAX_HTML_DEPTH = 2_000  # block elements open at once; Blink's parser stops nesting at 512

# Block elements whose start tag makes the HTML tree builder look through the open elements
# (they close an open <p>); inline elements and table parts do not, whatever their depth.
_BLOCK_TAG = re.compile(
    rb"<(/?)(?:div|section|article|aside|blockquote|center|details|dialog|dir|dl|fieldset"
    rb"|figcaption|figure|footer|header|hgroup|main|menu|nav|ol|ul|summary|address)[\s/>]",
    re.IGNORECASE,
)


def check_html_depth(html: str | bytes, source: str) -> None:
    """Refuse HTML whose block elements nest deeper than MAX_HTML_DEPTH (exit 6)."""
    data = html.encode("utf-8", "surrogatepass") if isinstance(html, str) else html
    if data.count(b"<") <= MAX_HTML_DEPTH:
        return
    depth = 0
    for match in _BLOCK_TAG.finditer(data):
        if match.group(1):
            depth = max(depth - 1, 0)
            continue
        depth += 1
        if depth > MAX_HTML_DEPTH:
            raise TooLargeError(
                f"HTML nested more than {MAX_HTML_DEPTH:,} blocks deep", source=source
            )


def loads(text: str | bytes, source: str) -> Any:
    """JSON from text: InputError when it is not JSON, TooLargeError (exit 6) when it nests
    deeper than Python's recursion limit (about 1,000 levels)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(
            f"invalid JSON at line {err.lineno} column {err.colno}: {err.msg}", source=source
        ) from err
    except RecursionError as err:
        raise TooLargeError("JSON nested too deep to read", source=source) from err
