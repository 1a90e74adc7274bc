"""Jinja2 set-up: autoescaping on, small filters, and the context every page needs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus, urlencode

from fastapi import Request
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.responses import Response

from onrecord import __version__
from onrecord.web import viewsettings
from onrecord.web.viewsettings import COOKIE, ViewSettings

TEMPLATES = Path(__file__).parent / "templates"
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(value: str) -> str:
    """`2017-04-12` -> `12 April 2017`; partial or odd dates are shown as they are."""
    try:
        day = date.fromisoformat(value)
    except (TypeError, ValueError):
        return value or "undated"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def http_url(value: str) -> str:
    """`value` if it is an http(s) URL, else "": a stored URL never becomes a script link."""
    return value if value.lower().startswith(("http://", "https://")) else ""


def number(value: int | float) -> str:
    return f"{value:,}".replace(",", "\u202f")


def query_string(params: dict[str, Any], **changes: Any) -> str:
    """`?a=1&b=2` from `params` updated with `changes`, dropping empty values."""
    merged = {**params, **changes}
    kept = {k: v for k, v in merged.items() if v not in (None, "") and (k, v) != ("page", 1)}
    return "?" + urlencode(kept) if kept else ""


# Parameter names (a route's own few) and the values links repeat from page to page
# (speaker ids, years, places, document ids), quoted once each.
_quoted = lru_cache(maxsize=4096)(quote_plus)


class Refine:
    """Links that change one or two parameters of the current page (a search's facets, a
    hit's "search in this document"): the same `?...` as `query_string(params,
    **changes)`, with the current parameters quoted once for all the links rather than
    once per link, and their names once per process."""

    def __init__(self, params: dict[str, Any]) -> None:
        self.parts: dict[str, str | None] = {
            k: quote_plus(str(v)) if v not in (None, "") else None for k, v in params.items()
        }
        self.parts.pop("page", None)

    def href(self, **changes: Any) -> str:
        parts = dict(self.parts)
        for key, value in changes.items():
            parts[key] = _quoted(str(value)) if value not in (None, "") else None
        kept = [f"{_quoted(k)}={v}" for k, v in parts.items() if v is not None]
        return "?" + "&".join(kept) if kept else ""


def excerpt(text: str, width: int = 90) -> str:
    """The first words of `text` up to `width` characters, cut at a word boundary."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width)
    return text[: cut if cut > 0 else width].rstrip(",;:") + "…"


def plain_spaces(value: Any) -> Any:
    """Every `{{ value }}` of every page: the source's non-breaking spaces (after each
    short word on en.kremlin.ru, in turns, news text, snippets and excerpts alike) as
    plain spaces, so that lines break evenly; the same length, so offsets still hold."""
    if isinstance(value, str) and "\u00a0" in value:
        return value.replace("\u00a0", " ")
    return value


def marked(pieces: list[tuple[str, bool]]) -> Markup:
    """A snippet's (piece, highlighted) runs as HTML, each piece escaped with its
    non-breaking spaces made plain (as `{{ piece }}` would be) and the highlighted ones in
    `<mark>`: one call per hit instead of a loop of the template's over its pieces."""
    out = []
    for text, highlighted in pieces:
        piece = str(escape(plain_spaces(text)))
        out.append(f"<mark>{piece}</mark>" if highlighted else piece)
    return Markup("".join(out))


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES))
    env = templates.env
    env.finalize = plain_spaces
    env.autoescape = True
    env.trim_blocks = True
    env.lstrip_blocks = True
    env.filters["long_date"] = long_date
    env.filters["number"] = number
    env.filters["http_url"] = http_url
    env.filters["excerpt"] = excerpt
    env.filters["marked"] = marked
    env.globals["query_string"] = query_string
    env.globals["Refine"] = Refine
    env.globals["version"] = __version__
    env.globals["font_sizes"] = viewsettings.FONT_SIZES
    env.globals["schemes"] = viewsettings.SCHEMES
    env.globals["spacings"] = viewsettings.SPACINGS
    env.globals["images_options"] = viewsettings.IMAGES
    env.globals["settings_fields"] = _fields_renderer(templates)
    return templates


def _fields_renderer(templates: Jinja2Templates) -> Callable[[ViewSettings], Markup]:
    """The settings form's fields, the same on every page for the same settings: rendered
    once per distinct settings (at most 150) instead of on every page."""
    rendered: dict[ViewSettings, Markup] = {}

    def settings_fields(settings: ViewSettings) -> Markup:
        html = rendered.get(settings)
        if html is None:
            template = templates.env.get_template("_settings_fields.html")
            html = rendered[settings] = Markup(template.render(settings=settings))
        return html

    return settings_fields


def view_settings(request: Request) -> ViewSettings:
    return ViewSettings.parse(request.cookies.get(COOKIE))


def render(
    request: Request, template: str, context: dict[str, Any], *, json_url: str | None = None
) -> Response:
    """An HTML page: the view's context plus what the layout needs (settings, twin link)."""
    full = {
        "settings": view_settings(request),
        "json_url": json_url,
        "here": request.url.path + (f"?{request.url.query}" if request.url.query else ""),
        **context,
    }
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, template, full)
