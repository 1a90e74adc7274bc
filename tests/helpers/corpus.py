"""A corpus small enough to read: three made-up documents whose every paragraph's words
are listed beside it, for tests whose expected answers are worked out by hand."""

from __future__ import annotations

from onrecord.model import Document, Speaker, Turn

PUTIN = Speaker("vladimir-putin", "Vladimir Putin", ["President of Russia"], ["Vladimir Putin"])
SMITH = Speaker("anna-smith", "Anna Smith", ["Journalist"], ["Anna Smith"])
PESKOV = Speaker("dmitry-peskov", "Dmitry Peskov", ["Press Secretary"], ["Dmitry Peskov"])


def doc(doc_id: str, date: str, place: str, speakers: list[Speaker], **parts: object) -> Document:
    turns = [
        Turn(i, who.name, who.id, list(paragraphs))
        for i, (who, paragraphs) in enumerate(parts["turns"])  # type: ignore[arg-type]
    ]
    return Document(
        id=doc_id,
        source=f"test:{doc_id}",
        sha256=doc_id * 8,
        parser={"name": "test", "version": "v1"},
        title=f"Talks {doc_id}",
        date=date,
        place=place,
        speakers=speakers,
        turns=turns,
        preamble=list(parts.get("preamble", [])),  # type: ignore[call-overload]
    )


CORPUS = [
    doc(
        "d1",
        "2017-04-12",
        "Moscow, the Kremlin",
        [PUTIN, SMITH],
        preamble=["Ministers from Europe arrived."],  # d1#p0: ministers from europe arrived
        turns=[
            (SMITH, ["What about Russia and Europe?"]),  # d1#t0-p0: what about russia and europe
            (
                PUTIN,
                [
                    "Russia is part of Europe.",  # d1#t1-p0: russia is part of europe
                    "The ruble is stable; rural areas grow.",  # d1#t1-p1: ruble rural ...
                    "Gas prices fell in Russia, oil prices rose.",  # d1#t1-p2: gas ... russia
                ],
            ),
        ],
    ),
    doc(
        "d2",
        "2018-06-01",
        "Sochi",
        [PESKOV, PUTIN],
        turns=[
            (
                PESKOV,
                [
                    "Russia talks with China.",  # d2#t0-p0: russia talks with china
                    "Prices of gas are high.",  # d2#t0-p1: prices of gas are high
                ],
            ),
            (
                PUTIN,
                [
                    "Europe buys our gas.",  # d2#t1-p0: europe buys our gas
                    "Russia, not Europe, decides.",  # d2#t1-p1: russia not europe decides
                ],
            ),
        ],
    ),
    doc(
        "d3",
        "2019-01-15",
        "Moscow",
        [SMITH],
        turns=[
            (SMITH, ["Rules run the rubber market."]),  # d3#t0-p0: rules run the rubber market
            (SMITH, ["Café Pushkin serves Europe’s finest."]),  # d3#t1-p0: cafe ... europe s
        ],
    ),
]
