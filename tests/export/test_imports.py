"""Importers: subtitles, speech-to-text JSON, onrecord records; detect(); bad input."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from onrecord.errors import InputError, SchemaError
from onrecord.export import export
from onrecord.imports import detect, detect_bytes, read, read_bytes
from onrecord.imports.aws_transcribe import AwsTranscribeReader
from onrecord.imports.azure_speech import AzureSpeechReader
from onrecord.imports.deepgram import DeepgramReader
from onrecord.imports.google_speech import GoogleSpeechReader
from onrecord.imports.revai import RevAiReader
from onrecord.imports.subtitles import WebVttReader
from onrecord.imports.whisperx import WhisperXReader
from onrecord.model import Document

from .conftest import IMPORTS, make_document


def _turns(document: Document) -> list[tuple[str, str, float | None, float | None]]:
    return [(t.speaker, t.text, t.start, t.end) for t in document.turns]


@pytest.mark.parametrize(
    ("name", "reader"),
    [
        ("interview.vtt", "webvtt"),
        ("prefixes.vtt", "webvtt"),
        ("interview.srt", "srt"),
        ("whisperx.json", "whisperx"),
        ("aws_transcribe.json", "aws-transcribe"),
        ("aws_transcribe_words.json", "aws-transcribe"),
        ("deepgram.json", "deepgram"),
        ("deepgram_words.json", "deepgram"),
        ("revai.json", "revai"),
        ("azure_speech.json", "azure-speech"),
        ("google_speech.json", "google-speech"),
        ("bad_record.jsonl", "onrecord-jsonl"),
        ("README.md", None),
    ],
)
def test_detect_names_the_reader(imports_dir: Path, name: str, reader: str | None) -> None:
    found = detect(imports_dir / name)
    assert (found.name if found else None) == reader


def test_detect_does_not_claim_kremlin_pages(kremlin_dir: Path) -> None:
    assert detect(kremlin_dir / "54271.txt") is None
    assert detect(kremlin_dir / "54271.html") is None


def test_webvtt_voice_tags_merge_cues_into_turns_with_times(imports_dir: Path) -> None:
    [document] = read(imports_dir / "interview.vtt")
    assert _turns(document) == [
        (
            "jane-reporter",
            "Good evening, and thank you for joining us tonight. What will the budget cut?",
            1.0,
            7.25,
        ),
        (
            "mayor-tom-smith",
            "Nothing that matters & nothing that works. Let me be clear about that.",
            7.8,
            65.0,
        ),
        ("jane-reporter", "Thank you.", 3605.0, 3609.0),
    ]
    assert [s.name for s in document.speakers] == ["Jane Reporter", "Mayor Tom Smith"]
    assert document.title == "Interview with the mayor"
    assert document.id == "interview"


def test_webvtt_records_source_hash_and_reader(imports_dir: Path) -> None:
    path = imports_dir / "interview.vtt"
    [document] = read(path)
    assert document.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert document.parser == {"name": "webvtt", "version": WebVttReader.version}
    assert document.source == str(path)


def test_name_prefixes_start_turns_and_unmarked_cues_continue_them(imports_dir: Path) -> None:
    [document] = read(imports_dir / "prefixes.vtt")
    assert [(t.label, t.text) for t in document.turns] == [
        ("ANCHOR", "Welcome back."),
        ("DR. LEE", "Thanks. Here is the plan: we test every sample. and report weekly."),
        ("ANCHOR", "Good."),
    ]
    assert document.turns[1].start == 2.0 and document.turns[1].end == 6.0


def test_srt_with_prefixes(imports_dir: Path) -> None:
    [document] = read(imports_dir / "interview.srt")
    assert _turns(document) == [
        ("jane", "Are you running again?", 1.0, 3.0),
        ("tom-smith", "I have not decided. Ask me in spring.", 3.5, 8.0),
        ("jane", "We will.", 8.1, 9.0),
    ]
    assert document.parser["name"] == "srt"


def test_whisperx_segments_become_turns(imports_dir: Path) -> None:
    [document] = read(imports_dir / "whisperx.json")
    assert _turns(document) == [
        ("speaker00", "Welcome to the hearing. Please state your name.", 0.03, 4.0),
        ("speaker01", "Maria Okafor, city engineer. Thank you.", 4.5, 7.0),
        ("speaker00", "Let us begin.", 7.2, 9.9),
    ]
    assert document.parser == {"name": "whisperx", "version": WhisperXReader.version}


def test_amazon_transcribe_segments_become_turns(imports_dir: Path) -> None:
    # the same hearing as whisperx.json, as Amazon Transcribe writes it: times as strings of
    # seconds, `spk_0` for the first voice, two segments of one voice in a row one turn
    [document] = read(imports_dir / "aws_transcribe.json")
    assert _turns(document) == [
        ("speaker-0", "Welcome to the hearing. Please state your name.", 0.03, 4.0),
        ("speaker-1", "Maria Okafor, city engineer. Thank you.", 4.5, 7.0),
        ("speaker-0", "Let us begin.", 7.2, 9.9),
    ]
    assert [s.name for s in document.speakers] == ["Speaker 0", "Speaker 1"]
    assert document.parser == {"name": "aws-transcribe", "version": AwsTranscribeReader.version}


def test_amazon_transcribe_words_are_joined_by_speaker(imports_dir: Path) -> None:
    # older files: words alone, punctuation to the word before, speakers by the words' times
    [document] = read(imports_dir / "aws_transcribe_words.json")
    assert _turns(document) == [
        ("speaker-0", "Good morning, everyone.", 0.44, 1.9),
        ("speaker-1", "Any news?", 2.5, 3.0),
        ("speaker-0", "None today.", 4.6, 5.3),
    ]


@pytest.mark.parametrize("start", ["soon", "", "nan", "1e999"])
def test_a_bad_amazon_transcribe_segment_names_it_and_its_field(tmp_path: Path, start: str) -> None:
    data = json.loads((IMPORTS / "aws_transcribe.json").read_text())
    data["results"]["audio_segments"][2]["start_time"] = start
    path = tmp_path / "job.json"
    path.write_text(json.dumps(data))
    with pytest.raises(InputError, match=r"job\.json: audio segment 2: .*field: start_time"):
        read(path)


DEEPGRAM_TURNS = [
    ("speaker-0", "Good morning, everyone.", 0.08, 1.9),
    ("speaker-1", "Any news?", 2.5, 3.0),
    ("speaker-0", "None today.", 4.6, 5.3),
]


def test_deepgram_utterances_paragraphs_or_words_become_turns(tmp_path: Path) -> None:
    # what the request asked Deepgram for decides what the file holds: each gives the turns
    [document] = read(IMPORTS / "deepgram.json")
    assert _turns(document) == DEEPGRAM_TURNS
    assert [s.name for s in document.speakers] == ["Speaker 0", "Speaker 1"]
    assert document.parser == {"name": "deepgram", "version": DeepgramReader.version}
    data = json.loads((IMPORTS / "deepgram.json").read_text())
    del data["results"]["utterances"]
    del data["results"]["channels"][0]["alternatives"][0]["words"]
    path = tmp_path / "paragraphs.json"
    path.write_text(json.dumps(data))
    assert _turns(read(path)[0]) == DEEPGRAM_TURNS
    assert _turns(read(IMPORTS / "deepgram_words.json")[0]) == DEEPGRAM_TURNS
    # a request without diarization: words of no speaker, one turn that says so
    words = json.loads((IMPORTS / "deepgram_words.json").read_text())
    for word in words["results"]["channels"][0]["alternatives"][0]["words"]:
        del word["speaker"]
    path.write_text(json.dumps(words))
    [plain] = read(path)
    assert [(t.label, t.text) for t in plain.turns] == [
        ("", "Good morning, everyone. Any news? None today.")
    ]


def test_revai_monologues_become_turns(tmp_path: Path) -> None:
    # elements joined as written (spaces and punctuation are elements); a name where the
    # transcript gives one, else the number
    [document] = read(IMPORTS / "revai.json")
    assert _turns(document) == DEEPGRAM_TURNS  # the same three turns, in Rev.ai's shape
    assert document.parser == {"name": "revai", "version": RevAiReader.version}
    data = json.loads((IMPORTS / "revai.json").read_text())
    data["monologues"][1]["speaker_name"] = "Tom Lee"
    data["monologues"][2]["elements"][0]["ts"] = "soon"
    path = tmp_path / "named.json"
    path.write_text(json.dumps(data))
    with pytest.raises(InputError, match=r"named\.json: monologue 2: .*field: elements/ts"):
        read(path)
    data["monologues"][2]["elements"][0]["ts"] = 4.6
    path.write_text(json.dumps(data))
    assert [t.speaker for t in read(path)[0].turns] == ["speaker-0", "tom-lee", "speaker-0"]


def test_azure_speech_phrases_become_turns_in_time_order(tmp_path: Path) -> None:
    # ticks of 100 ns; phrases sorted by their offset; a phrase not recognised is skipped
    [document] = read(IMPORTS / "azure_speech.json")
    assert [(t.speaker, t.text, t.start, t.end) for t in document.turns] == [
        ("speaker-1", "Good morning, everyone.", 0.07, 1.66),
        ("speaker-2", "Any news?", 2.5, 3.0),
        ("speaker-1", "None today.", 4.6, 5.3),
    ]
    assert document.parser == {"name": "azure-speech", "version": AzureSpeechReader.version}
    data = json.loads((IMPORTS / "azure_speech.json").read_text())
    data["recognizedPhrases"][1]["nBest"] = []
    path = tmp_path / "call.json"
    path.write_text(json.dumps(data))
    with pytest.raises(InputError, match=r"call\.json: phrase 1: .*field: nBest/display"):
        read(path)


def test_google_speech_words_with_speaker_tags_become_turns(tmp_path: Path) -> None:
    # the last result holds every word with its speaker; earlier ones only transcripts
    [document] = read(IMPORTS / "google_speech.json")
    assert [(t.speaker, t.text, t.start, t.end) for t in document.turns] == [
        ("speaker-1", "Good morning, everyone.", 0.08, 1.9),
        ("speaker-2", "Any news?", 2.5, 3.0),
        ("speaker-1", "None today.", 4.6, 5.3),
    ]
    assert document.parser == {"name": "google-speech", "version": GoogleSpeechReader.version}
    data = json.loads((IMPORTS / "google_speech.json").read_text())
    last = data["results"][-1]["alternatives"][0]["words"]
    last[0]["startTime"] = {"seconds": "0", "nanos": 80000000}  # protobuf's own JSON
    path = tmp_path / "speech.json"
    path.write_text(json.dumps(data))
    assert read(path)[0].turns[0].start == 0.08
    # without diarization: the transcripts, nobody's (and said so)
    data["results"] = data["results"][:-1]
    path.write_text(json.dumps(data))
    [plain] = read(path)
    assert [(t.label, t.text) for t in plain.turns] == [
        ("", "Good morning, everyone. Any news? None today.")
    ]
    assert plain.warnings == ["attribution: 1 turns have no speaker, e.g. turn 0"]
    last[1]["word"] = 7
    data["results"].append({"alternatives": [{"words": last}]})
    path.write_text(json.dumps(data))
    with pytest.raises(InputError, match=r"speech\.json: word 1: .*field: word"):
        read(path)
    # results of another tool's shape are not taken for Google's
    path.write_text(json.dumps({"results": [{"id": 1, "text": "Hello."}]}))
    assert detect(path) is None


def test_a_bad_deepgram_utterance_names_it_and_its_field(tmp_path: Path) -> None:
    data = json.loads((IMPORTS / "deepgram.json").read_text())
    data["results"]["utterances"][1]["speaker"] = "B"
    path = tmp_path / "call.json"
    path.write_text(json.dumps(data))
    with pytest.raises(
        InputError, match=r"call\.json: utterance 1: not a number \(field: speaker\)"
    ):
        read(path)
    data["results"]["utterances"][1]["speaker"] = 1
    data["results"]["utterances"][1]["start"] = True  # JSON's true is no time
    path.write_text(json.dumps(data))
    with pytest.raises(InputError, match=r"call\.json: utterance 1: not a number \(field: start\)"):
        read(path)
    # an utterance of no words is no turn; results of no words at all are refused
    data["results"]["utterances"][1] = {"speaker": 1, "start": 2.5, "transcript": " "}
    path.write_text(json.dumps(data))
    assert [t.text for t in read(path)[0].turns] == ["Good morning, everyone. None today."]
    for utterance in data["results"]["utterances"]:
        utterance["transcript"] = ""
    path.write_text(json.dumps(data))
    with pytest.raises(InputError, match=r"call\.json: no words in the results"):
        read(path)
    # results without Deepgram's metadata are some other tool's: not read as Deepgram's
    del data["metadata"]
    path.write_text(json.dumps(data))
    assert detect(path) is None


# YouTube's automatic captions as yt-dlp saves them: each cue's text opens with a line of one
# space, repeats the line before above its new words (timed word by word), and a cue of ten
# milliseconds shows the finished line alone.
ROLLING = (
    "WEBVTT\nKind: captions\nLanguage: en\n\n"
    "00:00:00.000 --> 00:00:02.350 align:start position:0%\n \n"
    "good<00:00:00.320><c> afternoon</c><00:00:00.640><c> everyone</c>\n\n"
    "00:00:02.350 --> 00:00:02.360 align:start position:0%\ngood afternoon everyone\n \n\n"
    "00:00:02.360 --> 00:00:05.030 align:start position:0%\ngood afternoon everyone\n"
    "thank<00:00:02.800><c> you</c><00:00:03.040><c> for</c><00:00:03.200><c> coming</c>\n\n"
    "00:00:05.030 --> 00:00:05.040 align:start position:0%\nthank you for coming\n \n\n"
    "00:00:05.040 --> 00:00:07.510 align:start position:0%\nthank you for coming\n[Music]\n"
)


def test_rolling_captions_are_read_once_each(tmp_path: Path) -> None:
    path = tmp_path / "briefing.en.vtt"
    path.write_text(ROLLING, encoding="utf-8")
    document = read(path)[0]
    # before: refused (`line 7: no timing line`: the line of one space read as a cue's end);
    # read as blank-separated blocks, each line came three times
    assert _turns(document) == [
        ("", "good afternoon everyone thank you for coming [Music]", 0.0, 7.51)
    ]
    # the same words in cues of captions that do not roll are said again
    path.write_text(
        "WEBVTT\n\n00:01.000 --> 00:02.000\n- Yes.\n\n00:02.000 --> 00:03.000\n- Yes.\n\n"
        "00:03.000 --> 00:04.000\n- Yes.\n\n00:04.000 --> 00:05.000\n- No.\n",
        encoding="utf-8",
    )
    assert [t.text for t in read(path)[0].turns] == ["Yes.", "Yes.", "Yes.", "No."]
    # a line of spaces between cues: the next timing line still opens a cue, as WebVTT reads it
    path.write_text("WEBVTT\n\n00:01.000 --> 00:02.000\nHello\n \n00:02.000 --> 00:03.000\nall\n")
    assert [(t.text, t.end) for t in read(path)[0].turns] == [("Hello all", 3.0)]


def test_malformed_vtt_cue_names_file_line_and_field(imports_dir: Path) -> None:
    with pytest.raises(InputError) as caught:
        read(imports_dir / "bad_cue.vtt")
    message = str(caught.value)
    assert "bad_cue.vtt:8:" in message and "field: end" in message
    assert "\n" not in message


def test_vtt_without_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.vtt"
    path.write_text("00:01.000 --> 00:02.000\nHello\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"x\.vtt:1: .*field: header"):
        read(path)


def test_srt_block_without_timing_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "x.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\nHi\n\n2\nno timing here\n", "utf-8")
    with pytest.raises(InputError, match=r"x\.srt:5: .*field: timing"):
        read(path)


def test_bad_whisperx_segment_names_segment_and_field(imports_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"bad_whisperx\.json: segment 1: .*field: start"):
        read(imports_dir / "bad_whisperx.json")
    nan = tmp_path / "nan.json"  # Python's json reads NaN, which is no time
    nan.write_text('{"segments": [{"start": NaN, "end": 1.0, "text": "Hi.", "speaker": "A"}]}')
    with pytest.raises(InputError, match=r"nan\.json: segment 0: .*field: start"):
        read(nan)


def test_jsonl_record_violating_schema_names_line_and_field(imports_dir: Path) -> None:
    with pytest.raises(SchemaError) as caught:
        read(imports_dir / "bad_record.jsonl")
    assert "bad_record.jsonl:2" in str(caught.value)
    assert "date" in str(caught.value)


def test_json_record_missing_a_field_names_record_and_field(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps([{"id": "x", "parser": {}, "turns": []}]), encoding="utf-8")
    with pytest.raises(SchemaError, match=r"one\.json: record 1: "):
        read(path)


def test_unknown_file_is_an_input_error(imports_dir: Path) -> None:
    with pytest.raises(InputError, match="not a format onrecord imports"):
        read(imports_dir / "README.md")


def _convokit_corpus(tmp_path: Path) -> Path:
    export([make_document()], "convokit", tmp_path / "ck")
    return tmp_path / "ck"


def test_convokit_corpus_with_a_missing_file_names_it(tmp_path: Path) -> None:
    corpus = _convokit_corpus(tmp_path)
    (corpus / "speakers.json").unlink()
    with pytest.raises(InputError, match=r"speakers\.json: missing file .*field: speakers\.json"):
        read(corpus)


def test_convokit_utterance_without_speaker_names_line_and_field(tmp_path: Path) -> None:
    corpus = _convokit_corpus(tmp_path)
    lines = (corpus / "utterances.jsonl").read_text(encoding="utf-8").splitlines()
    broken = json.loads(lines[1])
    del broken["speaker"]
    lines[1] = json.dumps(broken)
    (corpus / "utterances.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"utterances\.jsonl:2: .*field: speaker"):
        read(corpus)


def test_convokit_corpus_from_elsewhere_gets_speakers_from_speakers_json(tmp_path: Path) -> None:
    corpus = tmp_path / "other"
    corpus.mkdir()
    utterances = [
        {"id": "u1", "conversation_id": "u1", "speaker": "ann", "reply_to": None, "text": "Hi."},
        {"id": "u2", "conversation_id": "u1", "speaker": "bob", "reply_to": "u1", "text": "Yo."},
    ]
    (corpus / "utterances.jsonl").write_text("\n".join(map(json.dumps, utterances)), "utf-8")
    (corpus / "speakers.json").write_text(json.dumps({"ann": {"meta": {"name": "Ann"}}}), "utf-8")
    for name in ("conversations.json", "corpus.json", "index.json"):
        (corpus / name).write_text("{}", encoding="utf-8")
    [document] = read(corpus)
    assert document.id == "u1"
    assert [(t.speaker, t.text) for t in document.turns] == [("ann", "Hi."), ("bob", "Yo.")]
    assert [(s.id, s.name) for s in document.speakers] == [("ann", "Ann"), ("bob", "bob")]
    assert document.parser == {"name": "convokit", "version": "1"}


def test_tei_file_not_well_formed_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "x.xml"
    path.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<teiHeader>\n</TEI>\n', encoding="utf-8"
    )
    with pytest.raises(InputError, match=r"x\.xml:3: not well-formed XML"):
        read(path)


def test_single_tei_file_reads_without_its_corpus(tmp_path: Path) -> None:
    export([make_document()], "tei", tmp_path / "tei")
    [document] = read(tmp_path / "tei" / "onrecord.1001.xml")
    assert document.id == "1001"
    assert [t.speaker for t in document.turns] == ["jane-doe", "vladimir-putin", "question"]
    assert document.speakers[0].name == "jane-doe"  # names live in corpus.xml's listPerson


@pytest.mark.parametrize(
    "name",
    [
        "interview.vtt",
        "interview.srt",
        "whisperx.json",
        "aws_transcribe_words.json",
        "deepgram.json",
        "revai.json",
        "azure_speech.json",
        "google_speech.json",
    ],
)
def test_bytes_read_the_same_as_the_file(imports_dir: Path, name: str) -> None:
    path = imports_dir / name
    data = path.read_bytes()
    assert detect_bytes(data, str(path)) is detect(path)
    assert [d.to_dict() for d in read_bytes(data, str(path))] == [d.to_dict() for d in read(path)]


def test_bytes_of_a_saved_page_are_no_import_format(kremlin_dir: Path) -> None:
    path = kremlin_dir / "54271.txt"
    assert detect_bytes(path.read_bytes(), str(path)) is None
