"""How `data/common_words.txt` is made: English words that are not names, from DEV itself.

    python -m onrecord.enrich.wordlists ../shared/kremlin/dev/text > \
        src/onrecord/enrich/data/common_words.txt

A word is common when DEV has it in lower case at least twice (`general`, `electric`,
`mark`), or capitalised at least three times and only at the start of a sentence
(`Meanwhile`, `However`). Names are written capitalised in the middle of sentences, so they
are not in the list (`Bure`, `Afonin`, `Abe`); given names that are also words (`Mark`,
`Frank`) are, which is why the given-name list is checked first. The name rules use it to
refuse spans such as `General Electric` or `Meanwhile Ivanov`.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

_WORD = re.compile(r"[A-Za-z][a-z]+(?:-[a-z]+)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;…“\"\n]\s*)$")


def common_words(texts: list[str]) -> set[str]:
    lower: Counter[str] = Counter()
    initial: Counter[str] = Counter()
    middle: Counter[str] = Counter()
    for text in texts:
        for m in _WORD.finditer(text):
            word = m.group()
            if word[0].islower():
                lower[word] += 1
            elif m.start() == 0 or _SENTENCE_START.search(text, max(0, m.start() - 3), m.start()):
                initial[word.lower()] += 1
            else:
                middle[word.lower()] += 1
    words = {w for w, n in lower.items() if n >= 2}
    return words | {w for w, n in initial.items() if n >= 3 and not middle[w]}


def main(argv: list[str]) -> int:
    texts = [p.read_text("utf-8") for p in sorted(Path(argv[0]).glob("*.txt"))]
    words = sorted(common_words(texts))
    print("# Lower-case words that are not names: see onrecord/enrich/wordlists.py (made from")
    print(f"# the {len(texts)} DEV page texts; {len(words)} words, one a line).")
    print("\n".join(words))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
