"""Word forms for search: English stems and British/American spellings.

`stem("militants") == stem("militant")`; `variants("organisation")` is
`{"organisation", "organization"}`. Both search indexes store folded words (see
`identity.fold`); the Tantivy index also stores their stems, and a query word is looked up
as the stems of all its spellings, so `organization` finds `organisation` and
`defense` finds `defence` whichever spelling the transcript or the query has.
"""

from __future__ import annotations

import functools
import re

import tantivy

MAX_TOKEN = 40  # Tantivy's usual cut: longer "words" are noise (URLs, hashes)


def stem_analyzer() -> tantivy.TextAnalyzer:
    """The analyzer of the index's stemmed fields (Snowball's English stemmer)."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(MAX_TOKEN))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


_ANALYZER = stem_analyzer()


@functools.lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """The English stem of one folded word, as the index's stemmed fields hold it."""
    out = _ANALYZER.analyze(word)
    return out[0] if out else word


# Whole words (and their plurals) spelled differently; the rules below cover -ise/-ize,
# -isation/-ization and -yse/-yze.
_PAIRS = """
centre center  centres centers  centred centered  theatre theater  theatres theaters
metre meter  metres meters  kilometre kilometer  kilometres kilometers  litre liter
litres liters  fibre fiber  calibre caliber  spectre specter  sombre somber  lustre luster
defence defense  defences defenses  offence offense  offences offenses  licence license
licences licenses  pretence pretense  programme program  programmes programs
catalogue catalog  analogue analog  dialogue dialog  dialogues dialogs
travelled traveled  travelling traveling  traveller traveler  travellers travelers
cancelled canceled  cancelling canceling  modelling modeling  labelled labeled
signalled signaled  fuelled fueled  counselling counseling  counsellor counselor
marvellous marvelous  jewellery jewelry  enrolment enrollment  fulfil fulfill
fulfilment fulfillment  skilful skillful  wilful willful  judgement judgment
judgements judgments  acknowledgement acknowledgment  ageing aging  grey gray
plough plow  sceptical skeptical  sceptic skeptic  aluminium aluminum  manoeuvre maneuver
manoeuvres maneuvers  paediatric pediatric  encyclopaedia encyclopedia  anaemia anemia
oestrogen estrogen  diarrhoea diarrhea  foetus fetus  tonne ton  tonnes tons
"""
# -our/-or roots: the rest of the word is kept (favourite, honourable, neighbourhood)
_OUR = (
    "colour favour honour labour neighbour behaviour harbour rumour vigour endeavour humour"
    " flavour armour savour parlour valour rigour vapour splendour candour clamour tumour"
    " odour saviour demeanour fervour"
).split()
_IZE = re.compile(r"(?<=[a-z]{2})(is|iz)(e|es|ed|ing|er|ers|ation|ations|ational)$")
_YZE = re.compile(r"(?<=[a-z]{2})(ys|yz)(e|es|ed|ing|er|ers)$")


def _pairs() -> dict[str, str]:
    words = _PAIRS.split()
    out: dict[str, str] = {}
    for british, american in zip(words[::2], words[1::2], strict=True):
        out[british] = american
        out[american] = british
    return out


_OTHER = _pairs()


@functools.lru_cache(maxsize=65_536)
def variants(word: str) -> tuple[str, ...]:
    """The word and its other spelling(s), British and American, folded; the word first."""
    out = [word]
    other = _OTHER.get(word)
    if other:
        out.append(other)
    for root in _OUR:
        american = root[:-2] + "r"
        if word.startswith(root):
            out.append(american + word[len(root) :])
        elif word.startswith(american) and len(word) > 3:
            out.append(root + word[len(american) :])
    for pattern, swap in ((_IZE, {"is": "iz", "iz": "is"}), (_YZE, {"ys": "yz", "yz": "ys"})):
        match = pattern.search(word)
        if match:
            out.append(word[: match.start()] + swap[match.group(1)] + match.group(2))
    return tuple(dict.fromkeys(out))


def stems(word: str) -> tuple[str, ...]:
    """The stems of all the word's spellings, distinct."""
    return tuple(dict.fromkeys(stem(v) for v in variants(word)))


# Words that say nothing about what is asked for: function words, question words and verbs
# of saying (`what did Putin say about oil` asks for `oil`, from Putin).
STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing done down during each
    else ever few for from further had has have having he her here hers herself him himself
    his how i if in into is it its itself just let like me more most my myself no nor not now
    of off on once only or other ought our ours ourselves out over own same she should so
    some such than that the their theirs them themselves then there these they this those
    through to too under until up upon very was we were what when where which while who whom
    whose why will with would you your yours yourself yourselves s t don doesn didn isn wasn
    aren weren won wouldn shouldn couldn ve ll re d m
    say said says saying tell told tells speak spoke spoken speaking talk talked talks
    talking mention mentioned mentions discuss discussed discusses discussing think thinks
    thought view views opinion opinions position stance stand regarding concerning according
    ask asked asks answer answered answers respond responded reply replied explain explained
    describe described comment commented remark remarked claim claimed state stated
    anything something thing things way ways kind sort much many one ones get got make made
    happen happened happens mr mrs ms please know knew known want wanted going go
    """.split()
)
