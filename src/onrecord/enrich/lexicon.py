"""Words and thresholds of the enrichers, kept as data in one place.

Each threshold says how it was chosen. Everything here is English, as on en.kremlin.ru.
"""

from __future__ import annotations

# --- numbers written as words -------------------------------------------------------------

UNITS_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS_WORDS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALE_WORDS: dict[str, int] = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
# Abbreviated scales glued to or after a figure: "$100bn", "5 mln".
SCALE_ABBREVIATIONS: dict[str, int] = {
    "bn": 1_000_000_000,
    "mln": 1_000_000,
    "mn": 1_000_000,
    "trln": 1_000_000_000_000,
    "tn": 1_000_000_000_000,
}
FRACTION_WORDS: dict[str, float] = {
    "half": 1 / 2,
    "third": 1 / 3,
    "thirds": 1 / 3,
    "quarter": 1 / 4,
    "quarters": 1 / 4,
    "fifth": 1 / 5,
    "fifths": 1 / 5,
    "tenth": 1 / 10,
    "tenths": 1 / 10,
}
# Multipliers written as one word: "twofold", "two-fold" is handled by the number + "-fold".
FOLD_WORDS: dict[str, int] = {
    "twofold": 2, "threefold": 3, "fourfold": 4, "fivefold": 5, "sixfold": 6, "sevenfold": 7,
    "eightfold": 8, "ninefold": 9, "tenfold": 10, "hundredfold": 100,
}  # fmt: skip

# --- approximation ------------------------------------------------------------------------

# Phrase before a figure -> bound. "approx": near the value; "lt"/"gt": strictly below/above;
# "le"/"ge": at most / at least. Longest phrases first when compiled.
APPROX_BEFORE: dict[str, str] = {
    "around": "approx", "about": "approx", "approximately": "approx", "roughly": "approx",
    "some": "approx", "circa": "approx", "an estimated": "approx", "close to": "lt",
    "nearly": "lt", "almost": "lt", "just under": "lt", "slightly less than": "lt",
    "a little less than": "lt", "less than": "lt", "fewer than": "lt", "under": "lt",
    "below": "lt", "not quite": "lt", "more than": "gt", "over": "gt", "above": "gt",
    "just over": "gt", "slightly more than": "gt", "a little more than": "gt",
    "a little over": "gt", "well over": "gt", "in excess of": "gt", "upwards of": "gt",
    "exceeding": "gt", "at least": "ge", "no less than": "ge", "not less than": "ge",
    "no fewer than": "ge", "up to": "le", "at most": "le", "no more than": "le",
    "not more than": "le", "as many as": "le", "as much as": "le",
}  # fmt: skip
APPROX_AFTER: dict[str, str] = {"or so": "approx", "or more": "ge", "plus": "ge", "odd": "gt"}

# Bounds that stay close to their figure ("nearly 10,000" is not 5,000; "just over 1,000" is
# not 3,000). The other "lt"/"gt" phrases are open bounds: "more than 1000 km" is met by any
# length above it, so "1,300 km" restates it more precisely and does not disagree.
NEAR_BELOW = frozenset(
    {"close to", "nearly", "almost", "just under", "slightly less than", "a little less than",
     "not quite"}
)  # fmt: skip
NEAR_ABOVE = frozenset(
    {"just over", "slightly more than", "a little more than", "a little over", "odd"}
)

# How far an approximate figure may stretch before two figures for the same thing disagree.
# Calibrated on the seed and on DEV pages read by hand: "around 9,000" and "nearly 10,000" of
# the same militants must disagree, while rounding such as "around 20,000" vs "19,800" must
# not. "more than 1000 km" then "1,300 km" agree (issue 18 revised the earlier reading that
# flagged them): an open bound and a value inside it are a restatement.
APPROX_TOLERANCE = 0.05  # "around X": X ± 5%
BELOW_TOLERANCE = 0.05  # "nearly X": [X - 5%, X)
ABOVE_TOLERANCE = 0.20  # "just over X": (X, X + 20%]
EXACT_TOLERANCE = 0.005  # two exact figures may differ by rounding only
# Figures not linked by the text (anaphora, apposition) are compared only when their subject
# has at least this many words ("foreign militants in Syria"), is not a change (percent,
# times), and was not guessed from the words before the figure (unless it names a
# dimension). Chosen by reading the flags on DEV: one- and two-word subjects ("people",
# "the share") and percentages were nearly all parallel lists, not disagreements.
SPECIFIC_WORDS = 3
CHANGE_UNITS = frozenset(["percent", "pp", "times", "year", "month", "week", "day", "hour"])
DIMENSIONS = ("length of", "area of", "weight of")
MAX_GROUP = 50  # more figures than this about one subject in a document: it is too vague

# --- units ----------------------------------------------------------------------------------

# Written unit (lower case, singular and plural) -> canonical unit.
UNIT_WORDS: dict[str, str] = {
    "percent": "percent", "per cent": "percent", "%": "percent",
    "percentage point": "pp", "percentage points": "pp",
    "times": "times", "fold": "times",
    "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km", "km": "km",
    "square kilometres": "km2", "square kilometers": "km2", "sq km": "km2",
    "metre": "m", "metres": "m", "meter": "m", "meters": "m",
    "cubic metres": "m3", "cubic meters": "m3",
    "centimetres": "cm", "millimetres": "mm", "miles": "mile", "mile": "mile",
    "hectare": "ha", "hectares": "ha",
    "tonne": "tonne", "tonnes": "tonne", "ton": "tonne", "tons": "tonne",
    "metric tons": "tonne", "metric tonnes": "tonne", "metric ton": "tonne",
    "kilogramme": "kg", "kilogrammes": "kg", "kilogram": "kg", "kilograms": "kg", "kg": "kg",
    "barrel": "barrel", "barrels": "barrel", "litre": "litre", "litres": "litre",
    "megawatt": "MW", "megawatts": "MW", "mw": "MW", "gigawatt": "GW", "gigawatts": "GW",
    "gw": "GW", "kilowatt-hours": "kWh", "kwh": "kWh", "degrees": "degree", "degree": "degree",
    "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB",
    "dollar": "USD", "dollars": "USD", "us dollars": "USD", "euro": "EUR", "euros": "EUR",
    "yuan": "CNY", "yen": "JPY", "usd": "USD", "eur": "EUR", "rub": "RUB",
    "year": "year", "years": "year", "month": "month", "months": "month", "week": "week",
    "weeks": "week", "day": "day", "days": "day", "hour": "hour", "hours": "hour",
    "minute": "minute", "minutes": "minute", "seconds": "second",
    "decade": "decade", "decades": "decade", "century": "century", "centuries": "century",
}  # fmt: skip
CURRENCY_SIGNS: dict[str, str] = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY"}
# What a figure measures when the unit says so; used to name what it is about.
UNIT_DIMENSION: dict[str, str] = {
    "km": "length", "m": "length", "mile": "length", "cm": "length", "mm": "length",
    "km2": "area", "ha": "area", "tonne": "weight", "kg": "weight",
}  # fmt: skip

# --- dates ----------------------------------------------------------------------------------

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
# A four-digit number in this range with nothing that makes it a count is a year.
YEAR_MIN, YEAR_MAX = 1000, 2099
# Words before a number that make it an identifier, not a quantity ("Article 5").
IDENTIFIER_BEFORE = frozenset(
    "article articles paragraph section chapter resolution no no. number decree item point "
    "flight page clause part protocol order law channel grade class category level stage "
    "phase round group line unit units project projects block blocks platform".split()
)
# Approximation words that may stand before a year ("up to 2010", "by 2024"): they do not
# make a four-digit number a count.
YEAR_APPROX = frozenset(["up to", "until", "by", "before", "after", "since"])
# Verbs after a year that opens a sentence: "2018 is the Year of Music" names the year;
# a plural noun after it ("2018 workers") still makes it a count.
YEAR_VERBS = frozenset(
    "is was has had will marks marked sees saw becomes became brings brought".split()
)
# Words after a number glued to "m" that make it metres, not millions ("a 25m tower" is
# metres only with a measuring word: "25m high"); "25m ethnic Russians" is 25 million.
METRE_AFTER = frozenset("high long tall wide deep away above below from of in on".split())
# Comparatives after "a hundred/thousand times" that make it a figure ("a thousand times
# more"); without one it is a manner of speaking ("I have said it a thousand times").
COMPARATIVE_AFTER = frozenset(
    "more less fewer higher lower larger smaller bigger greater cheaper faster slower "
    "as over".split()
)
# Words before a fraction that make it a period or an ordinal ("the first three quarters").
FRACTION_NOT_AFTER = frozenset("first last second third fourth past next previous".split())
# Words before a year.
YEAR_PREPOSITIONS = frozenset(
    "in since by until till from to before after between and of for during through year "
    "early late mid spring summer autumn winter".split()
)

# --- claims ---------------------------------------------------------------------------------

COMPARATIVE_WORDS = frozenset(
    "more less fewer higher lower larger smaller bigger greater increase increased increases "
    "grew grown growth rose risen fell fallen decline declined decreased doubled tripled "
    "halved exceeded record compared biggest largest highest lowest most least".split()
)
CAUSAL_MARKERS = (
    "because", "due to", "as a result", "led to", "leads to", "caused", "causes",
    "resulted in", "thanks to", "owing to", "consequence",
)  # fmt: skip
HEDGE_OR_OPINION = frozenset(
    "think believe hope wish feel would could should might perhaps maybe probably "
    "congratulate thank welcome glad pleased happy".split()
)
# Claim score weights, set so that a sentence with a figure scores above 0.5 and a
# hedged sentence without figures, entities or comparisons below it (checked on the seed
# and on the annotated DEV pages).
CLAIM_WEIGHTS: dict[str, float] = {
    "quantity": 0.55,
    "comparative": 0.2,
    "causal": 0.15,
    "entity": 0.1,
    "past": 0.05,
    "hedge": -0.2,
    "question": -0.5,
}
CLAIM_THRESHOLD = 0.5
# Sentences longer than this are not scored as claims: no one checks a 1 MB "sentence".
MAX_CLAIM_CHARS = 2_000
