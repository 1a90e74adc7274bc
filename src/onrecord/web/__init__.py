"""The web reader and the REST API: `create_app(WebConfig(db_path))`.

app.py          the factory: middleware, routers, static files, error handlers
pages.py        HTML routes          api.py / upload.py   the JSON twins under /api/v1
views_docs.py   home, documents, reader, revisions, diff, citation (no HTML, no SQL)
views_people.py search, speakers, speaker
reader.py       a Document shaped for reading: anchors, legend, question-answer pairs
cite.py         plain text, BibTeX and CSL-JSON citations of one paragraph
chart.py        server-side bar charts (inline SVG)
viewsettings.py font size, colour scheme, spacing, images: one cookie
security.py     security headers and the request body limit
errors.py       exceptions -> JSON or HTML error responses, in one place
"""

from onrecord.web.app import create_app
from onrecord.web.config import WebConfig

__all__ = ["WebConfig", "create_app"]
