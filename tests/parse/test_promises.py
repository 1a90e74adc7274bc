"""Label detection decided by hand, paragraph by paragraph: what a reader of the transcript
would call a speaker's label, and what is only a sentence with a colon in it."""

from __future__ import annotations

import pytest

from onrecord.parse.labels import MAX_LABEL_CHARS, split_label

LABELS = [
    ("Vladimir Putin: Good afternoon.", "Vladimir Putin", "Good afternoon."),
    (
        "President of Russia Vladimir Putin: Thank you.",
        "President of Russia Vladimir Putin",
        "Thank you.",
    ),
    (
        "chairman of VEB Vladimir Dmitriev: We have.",
        "chairman of VEB Vladimir Dmitriev",
        "We have.",
    ),
    # a lower-case role of four content words, then the name: still a label
    (
        "Senior researcher at the space research institute Anna Ivanova: Yes.",
        "Senior researcher at the space research institute Anna Ivanova",
        "Yes.",
    ),
    (
        "Master mariner of the icebreaker Yamal Dmitry Lobusov: Hello.",
        "Master mariner of the icebreaker Yamal Dmitry Lobusov",
        "Hello.",
    ),
    ("MR. SMITH: I yield.", "MR. SMITH", "I yield."),
    ("Mr. Smith: I yield.", "Mr. Smith", "I yield."),
    ("SMITH: Agreed.", "SMITH", "Agreed."),
    ("Q: Is it true?", "Q", "Is it true?"),
    ("A: It is.", "A", "It is."),
    ("Question: What next?", "Question", "What next?"),
    ("Vladimir Putin (retranslated): Yes.", "Vladimir Putin (retranslated)", "Yes."),
    ("V. Putin: Yes.", "V. Putin", "Yes."),
    ("VladimirPutin: Yes.", "VladimirPutin", "Yes."),
    ("Speaker 1: Hi.", "Speaker 1", "Hi."),
    ("The PRESIDING OFFICER: Without objection.", "The PRESIDING OFFICER", "Without objection."),
    ("В.Путин: Добрый день.", "В.Путин", "Добрый день."),
    ("Голос из зала: Спасибо.", "Голос из зала", "Спасибо."),
    ("President: The sitting is open.", "President", "The sitting is open."),
    ("Vladimir Putin:", "Vladimir Putin", ""),
    ("SMITH: hello", "SMITH", "hello"),
    ("VP: Yes.", "VP", "Yes."),
    (
        "The Prime Minister (Rishi Sunak): Thank you.",
        "The Prime Minister (Rishi Sunak)",
        "Thank you.",
    ),
]

NOT_LABELS = [
    "Dear Colleagues: welcome to Moscow.",
    "Dear colleagues: welcome to Moscow.",
    "Ladies and gentlemen: welcome.",
    "Colleagues: let us start.",
    "The message reads, in part: we agree.",
    "Thank you: that was clear.",
    "In conclusion: we won.",
    "I said: no.",
    "Vladimir Putin sent his greetings to the participants: Dear friends.",
    "At 10:30 the meeting began.",
    "See http://kremlin.ru for details.",
    "Ratio 3:1 was kept.",
    "Question: at what expense?",  # a rhetorical question inside a speech
    "Q:",
    ": nothing before the colon",
    "We met. Then Putin: he spoke.",
    # a lower-case role of five content words is a sentence, not a label
    "Senior researcher at the space research institute laboratory Anna Ivanova: Yes.",
    "the president said: yes",
    "president: yes",
    "no colon at all",
    "SMITH:hello there",  # a label's colon is followed by a space
    ": Vladimir Putin: text",
    "Figures for 2.5 Percent Growth: up",
    "Vladimir Putin thanked Dmitry Medvedev: he did.",  # a name, then a verb: a sentence
    "Head of the agency smith Jones: yes",
    "Head of: the list",  # a label ends with a capitalised word
    "Chair – minister deputy head adviser expert John Smith: yes",
]


@pytest.mark.parametrize(("paragraph", "label", "rest"), LABELS)
def test_labels(paragraph: str, label: str, rest: str) -> None:
    found = split_label(paragraph)
    assert found is not None, paragraph
    assert (found.label, found.rest, found.diarized) == (label, rest, False)


@pytest.mark.parametrize("paragraph", NOT_LABELS)
def test_not_labels(paragraph: str) -> None:
    assert split_label(paragraph) is None


@pytest.mark.parametrize(
    ("paragraph", "label", "rest"),
    [
        ("[SPEAKER_16]: We will see.", "SPEAKER_16", "We will see."),
        ("[John Smith]: Fine.", "John Smith", "Fine."),
        ("[speaker 2] okay", "speaker 2", "okay"),
    ],
)
def test_diarized_tags(paragraph: str, label: str, rest: str) -> None:
    found = split_label(paragraph)
    assert found is not None
    assert (found.label, found.rest, found.diarized) == (label, rest, True)


def test_a_label_must_end_within_the_first_250_characters() -> None:
    name = "Vladimir Putin"
    role = " ".join(["Head"] * 80)  # capitalised words: a label by its shape
    near = f"{role[: MAX_LABEL_CHARS - len(name) - 2]} {name}"
    assert len(near) < MAX_LABEL_CHARS
    assert split_label(f"{near}: Yes.") is not None
    far = f"{role[: MAX_LABEL_CHARS + 10]} {name}"
    assert split_label(f"{far}: Yes.") is None


def test_a_tooltip_kept_by_a_text_dump_is_cut_from_the_label() -> None:
    paragraph = (
        "Governor of the Central Bank Elvira Nabiullina Nabiullina Elvira Nabiullina "
        "ElviraGovernor of the Central Bank: Thank you."
    )
    found = split_label(paragraph)
    assert found is not None
    assert found.label == "Governor of the Central Bank Elvira Nabiullina"
    assert found.rest == "Thank you."


def test_a_role_with_a_dotted_abbreviation_is_still_a_label() -> None:
    found = split_label("U.S. Ambassador John Tefft: Thank you.")
    assert found is not None and found.label == "U.S. Ambassador John Tefft"
    # a sentence that runs past the abbreviation is still no label
    assert split_label("He went to the U.S. Then he said: no") is None
