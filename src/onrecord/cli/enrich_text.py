"""Plain-text renderings of the enrichment reports, for people at a terminal."""

from __future__ import annotations

from typing import Any


def _figure(q: dict[str, Any]) -> str:
    unit = f" {q['unit']}" if q.get("unit") else ""
    value = q.get("value")
    shown = "?" if value is None else f"{value:,}" if isinstance(value, int) else f"{value:.4g}"
    about = f" — {q['about']}" if q.get("about") else ""
    return f"    [{q['start']}:{q['end']}] '{q['text']}' = {shown}{unit}{about}"


def claims_text(report: dict[str, Any]) -> str:
    lines: list[str] = []
    for claim in report["claims"]:
        who = claim["speaker"] or "(narration)"
        lines.append(f"{claim['doc_id']} {claim['date']} {who}, turn {claim['turn']} "
                     f"[{claim['kind']} {claim['score']:.2f}]: {claim['text']}")  # fmt: skip
        lines.extend(_figure(q) for q in claim["quantities"])
        if claim.get("entity_names"):
            lines.append("    names: " + ", ".join(claim["entity_names"]))
    if not report["claims"]:
        lines.append("no claims")
    for item in report["inconsistencies"]:
        lines.append(f"INCONSISTENT in {item.get('doc_id', '')}: {item['description']}")
    for item in report.get("restatements", []):
        lines.append(f"RESTATED in {item.get('doc_id', '')}: {item['description']}")
    for item in report.get("repeated", []):
        dates = ", ".join(f"{u['date']} {u['doc_id']}" for u in item["uses"])
        lines.append(f"REPEATED ({dates}): {item['text']}")
    for item in report.get("over_time", []):
        figures = "; ".join(f"{f['date']} {f['doc_id']}: '{f['text']}'" for f in item["figures"])
        lines.append(f"CHANGED OVER TIME ({item['about']}): {figures}")
    return "\n".join(lines)


def entities_text(report: dict[str, Any]) -> str:
    lines = []
    for row in report["entities"]:
        ident = row["id"] or "(not in gazetteer)"
        docs = "doc " if row["documents"] == 1 else "docs"
        counts = f"{row['mentions']:6d} {row['documents']:5d} {docs}"
        line = f"{counts}  {row['type']:<6} {row['name']} [{ident}]"
        if "speakers" in row:
            top = ", ".join(f"{k} {v}" for k, v in list(row["speakers"].items())[:3])
            line += f"  by {top}"
        lines.append(line)
    return "\n".join(lines) or "no entities"


def mentions_text(report: dict[str, Any]) -> str:
    entity = report["entity"]
    count = len(report["mentions"])
    kind = f" ({entity['type']})" if entity["type"] else ""
    lines = [f"{entity['name']}{kind}: {count} {'mention' if count == 1 else 'mentions'}"]
    lines += [f"  {year}: {n}" for year, n in report["timeline"].items()]
    for m in report["mentions"][:200]:
        context = " ".join(m["context"].split())
        lines.append(f"{m['doc_id']} {m['date']} {m['speaker'] or '(narration)'}: {context}")
    if report["co_mentions"]:
        lines.append(
            "with: "
            + ", ".join(
                f"{c.get('name') or c['entity']} ({c['documents']})" for c in report["co_mentions"]
            )
        )
    return "\n".join(lines)


def quote_text(result: dict[str, Any]) -> str:
    """Yes / No / the figure differs, the closest wording, and the differing words marked
    ([-only in the quotation-] {+what the record says+})."""
    if not result["found"]:
        closest = result.get("closest")
        if not closest:
            return f"No: {result['reason']}."
        who = closest["speaker"] or "(narration)"
        lines = [
            f"No: {result['reason']}.",
            f"  closest wording (score {closest['score']:.2f}): {who}, {closest['date']}, "
            f"{closest['permalink']}",
            f"  “{' '.join(closest['passage'].split())}”",
        ]
        return "\n".join(lines + _marked(closest))
    if result["match"] == "exact":
        head = "Yes, word for word"
    elif result["match"] == "figure differs":
        figures = "; ".join(
            f"quoted “{d['quoted']}”, the record says “{d['said']}”"
            for d in result["figures_differ"]
        )
        head = f"No, the figure differs ({figures})"
    else:
        head = f"Nearly, with other words (score {result['score']:.2f})"
    lines = [
        f"{head}: {result['speaker'] or '(narration)'}, {result['date']}, {result['title']}",
        f"  {result['permalink']}",
        f"  “{' '.join(result['passage'].split())}”",
    ]
    return "\n".join(lines + _marked(result))


def _marked(result: dict[str, Any]) -> list[str]:
    if not result.get("marked"):
        return []
    return [
        "  the differences, marked ([-only in the quotation-] {+what the record says+}):",
        f"  {result['marked']}",
    ]
