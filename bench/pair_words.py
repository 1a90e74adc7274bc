"""Write the word list that decides which two-word phrases get their own index term.

    .venv/bin/python bench/pair_words.py [--pages DIR] [--share 0.005]

The search index gives a pair of adjacent words its own term (see
onrecord.store.tantivy_index) only when both words are on this list: the words found in
at least `--share` of the paragraphs of the DEV pages. A phrase with a rarer word is
answered by a phrase query over the words, whose cost that rarer word bounds. The list
changes speed only, never results; a changed list makes the next ingest rebuild the index.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from onrecord.parse import parse_file
from onrecord.speakers import fold
from onrecord.store.tantivy_index import PAIR_WORDS_FILE, _words

DEV = Path(__file__).resolve().parents[2] / "shared" / "kremlin" / "dev" / "html"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=DEV)
    parser.add_argument("--share", type=float, default=0.005)
    args = parser.parse_args()
    analyzer = _words()
    frequency: Counter[str] = Counter()
    paragraphs = 0
    for path in sorted(args.pages.glob("*.html")):
        document = parse_file(path)
        texts = [p for turn in document.turns for p in turn.paragraphs] + document.preamble
        for text in texts:
            frequency.update(set(analyzer.analyze(fold(text))))
        paragraphs += len(texts)
    words = sorted(w for w, n in frequency.items() if n >= args.share * paragraphs)
    header = (
        f"# Words in at least {args.share:.1%} of the {paragraphs} paragraphs of the DEV"
        " pages (bench/pair_words.py):\n# a pair of two of them is one search-index term.\n"
    )
    PAIR_WORDS_FILE.write_text(header + "\n".join(words) + "\n")
    print(f"{len(words)} words from {paragraphs} paragraphs -> {PAIR_WORDS_FILE}")


if __name__ == "__main__":
    main()
