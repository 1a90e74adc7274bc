"""A publisher's quality report of one transcript: `onrecord lint ID|PATH`.

    from onrecord.lint import lint_document, Vocabulary
    report = lint_document(document, vocabulary=Vocabulary.of(names), rules=["typo"])

Rules (versioned ids; `rules` picks them by id or by the id without its version):

    typo.v1            lower-case words no dictionary knows, with the likeliest word
    glued.v1           tokens glued by markup (`201stmilitary`, `VladimirPutin`)
    agreement.v1       a plural quantifier with a singular noun (`several version of`)
    brackets.v1        unbalanced brackets and quotes within a paragraph
    doubled.v1         a word written twice (`the the`)
    label-variant.v1   a speaker's name written another way in the archive or the document
    label-once.v1      in a long transcript, a speaker's label used once beside their usual one
    role-two-ways.v1   a speaker given two roles in one transcript
    metadata.v1        no title, date, place or lead
    parse-warning.v1   what the parser warned about

Text findings carry the paragraph's permalink and offsets into its text; a document's
findings its id. The archive's spellings of names (`archive_names`) and its vocabulary
keep names from being flagged.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from onrecord.archive import Archive, Filters, ResultPage, document_sort
from onrecord.errors import QueryError
from onrecord.lint.doc_rules import DOC_RULES, METADATA, ArchiveNames
from onrecord.lint.model import Finding, LintReport
from onrecord.lint.spelling import Vocabulary
from onrecord.lint.text_rules import TEXT_RULES, Paragraph
from onrecord.model import Document

__all__ = [
    "RULES",
    "Finding",
    "LintReport",
    "Vocabulary",
    "lint_archived",
    "lint_document",
    "pick_rules",
    "quality_of",
    "with_quality",
]

QUALITIES = ("low", "ok")

RULES = (*TEXT_RULES, *DOC_RULES)


def pick_rules(names: Iterable[str] | None) -> list[str]:
    """Rule ids for `--rules typo,glued.v1`; QueryError names one that does not exist."""
    if names is None:
        return list(RULES)
    picked = []
    for name in (n.strip() for n in names if n.strip()):
        found = [r for r in RULES if name in (r, r.rsplit(".", 1)[0])]
        if not found:
            raise QueryError(f"no lint rule {name!r}; the rules are {', '.join(RULES)}")
        picked += [r for r in found if r not in picked]
    return picked


def paragraphs(document: Document) -> Iterator[Paragraph]:
    units = [(-1, tuple(document.preamble))]
    units += [(t.index, tuple(t.paragraphs)) for t in document.turns]
    for turn, texts in units:
        for index, text in enumerate(texts):
            after = texts[index + 1] if index + 1 < len(texts) else None
            yield Paragraph(turn, index, text, after is None, after or "", texts)


def _permalink(doc_id: str, turn: int, paragraph: int) -> str:
    return f"{doc_id}#t{turn}-p{paragraph}" if turn >= 0 else f"{doc_id}#p{paragraph}"


def lint_document(
    document: Document,
    *,
    vocabulary: Vocabulary | None = None,
    archive_names: ArchiveNames | None = None,
    rules: Sequence[str] | None = None,
) -> LintReport:
    vocabulary = vocabulary or Vocabulary.of(s.name for s in document.speakers)
    names = archive_names or {}
    chosen = pick_rules(rules)
    report = _figures(document)
    for paragraph in paragraphs(document):
        for rule in chosen:
            check = TEXT_RULES.get(rule)
            if check is None:
                continue
            for start, end, message, suggestion in check(paragraph, vocabulary):
                report.findings.append(Finding(
                    rule, message, paragraph.text[start:end], suggestion,
                    _permalink(document.id, paragraph.turn, paragraph.index),
                    paragraph.turn, paragraph.index, start, end,
                ))  # fmt: skip
    for rule in chosen:
        if rule in DOC_RULES:
            report.findings.extend(DOC_RULES[rule](document, names))
    return report


def quality_of(document: Document) -> LintReport:
    """The badge figures of a document without its findings (no rule runs: cheap)."""
    return _figures(document)


def with_quality(
    archive: Archive,
    quality: str,
    filters: Filters | None = None,
    *,
    limit: int = 50,
    offset: int = 0,
    sort: str = "newest",
) -> ResultPage:
    """Documents whose `quality` is `low` (or `ok`), newest first (or, with sort="oldest",
    oldest first): every document the filters allow is read once (the grade is not stored)."""
    if quality not in QUALITIES:
        raise QueryError(f"quality: one of {', '.join(QUALITIES)}, not {quality!r}")
    document_sort(sort)  # an unknown sort: list_documents' QueryError
    ids = [d.id for d in archive.iter_documents(filters) if _figures(d).quality == quality]
    if sort == "newest":  # iter_documents streams in (date, id) order, oldest first
        ids.reverse()
    chosen = ids[offset : offset + limit]
    items = [archive.list_documents(Filters(doc_id=i), limit=1).items[0] for i in chosen]
    return ResultPage(items=items, total=len(ids), limit=limit, offset=offset)


def _figures(document: Document) -> LintReport:
    speakers = {s.id: s for s in document.speakers}
    unknown = sum(
        1 for t in document.turns if t.speaker not in speakers or speakers[t.speaker].generic
    )
    return LintReport(
        document.id,
        document.title,
        turns=len(document.turns),
        unknown_speaker_share=unknown / len(document.turns) if document.turns else 0.0,
        warnings=len(document.warnings),
        missing=[m for m in METADATA if not getattr(document, m)],
    )


def lint_archived(
    archive: Archive, document: Document, rules: Sequence[str] | None = None
) -> LintReport:
    """The report of a document with the archive's names and words as its vocabulary (the
    document need not be stored: a page being checked before it is published)."""
    names = archive.speaker_spellings()
    spellings = [*names, *(s.name for s in document.speakers)]
    vocabulary = Vocabulary.of(spellings, archive.paragraphs_with)
    return lint_document(document, vocabulary=vocabulary, archive_names=names, rules=rules)
