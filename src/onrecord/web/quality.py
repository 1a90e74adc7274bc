"""The "Quality" tab of the reader and its JSON twin: a document's lint report."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from onrecord.lint import lint_archived, pick_rules
from onrecord.web.pages import archive_of
from onrecord.web.templating import render

api = APIRouter(prefix="/api/v1", tags=["documents"])
pages = APIRouter(include_in_schema=False)
Rules = Annotated[str | None, Query(max_length=300, description="typo,brackets,...")]


def _report(request: Request, doc_id: str, rules: str | None) -> Any:
    chosen = pick_rules(rules.split(",")) if rules else None
    archive = archive_of(request)
    return lint_archived(archive, archive.get(doc_id), chosen)


@api.get("/documents/{doc_id}/quality", summary="Quality report: typos, labels, metadata")
def quality_json(request: Request, doc_id: str, rules: Rules = None) -> dict[str, Any]:
    return dict(_report(request, doc_id, rules).to_dict())


@pages.get("/documents/{doc_id}/quality")
def quality_page(request: Request, doc_id: str, rules: Rules = None) -> Response:
    report = _report(request, doc_id, rules)
    twin = f"/api/v1/documents/{quote(doc_id, safe='')}/quality"
    return render(request, "quality.html", {"report": report}, json_url=twin)
