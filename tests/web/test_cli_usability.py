"""The command line as a person finds it: dates, busy ports, permalinks, counts, start-up."""

from __future__ import annotations

import importlib
import json
import socket
import subprocess
import sys

import pytest
from click.testing import CliRunner

from onrecord.cli import COMMANDS, main
from onrecord.cli.render import count

from .browser import free_port


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize("value", ["yesterday", "12/04/2017", "2017-13-45", "2017-02-30"])
@pytest.mark.parametrize("command", ["search", "list"])
def test_bad_dates_are_a_usage_error(web_db: str, command: str, value: str) -> None:
    args = [command, "--db", web_db, "--from", value] + (
        ["security"] if command == "search" else []
    )
    code, out = run(*args)
    assert code == 2, out
    assert "--from" in out and ("expected a date like 2017" in out or "not a day" in out)


def test_good_partial_dates_still_filter(web_db: str) -> None:
    code, out = run("list", "--db", web_db, "--from", "2017-04", "--to", "2017-04-30")
    assert code == 0 and "54271" in out


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ([], ["63362", "63281", "62698"]),  # newest first, as the web list
        (["--sort", "newest"], ["63362", "63281", "62698"]),
        (["--sort", "oldest"], ["39252", "26889", "26917"]),  # 2000-09-08, 2001-11, 2001-12
        (["--sort", "oldest", "--from", "2017"], ["54097", "54271", "54416"]),
    ],
)
def test_list_sorts_by_date(web_db: str, options: list[str], expected: list[str]) -> None:
    code, out = run("list", "--db", web_db, "--limit", "3", "--format", "json", *options)
    assert code == 0, out
    assert [d["id"] for d in json.loads(out)["items"]] == expected


def test_list_of_low_quality_documents_sorts_too(web_db: str) -> None:
    """The three low-grade pages (lint's report), by date: 2013-03-22, 2018-06-05, 2019-04-25."""
    ids = {}
    for sort in ("oldest", "newest"):
        code, out = run(
            "list", "--db", web_db, "--quality", "low", "--sort", sort, "--format", "json"
        )
        assert code == 0, out
        ids[sort] = [d["id"] for d in json.loads(out)["items"]]
    assert ids == {"oldest": ["17723", "57678", "60344"], "newest": ["60344", "57678", "17723"]}


def test_list_with_an_unknown_order_is_a_usage_error(web_db: str) -> None:
    code, out = run("list", "--db", web_db, "--sort", "date-desc")
    assert code == 2 and "'date-desc' is not one of 'newest', 'oldest'" in out


def test_serve_on_a_busy_port_says_so_before_claiming_to_serve(web_db: str) -> None:
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        code, out = run("serve", "--db", web_db, "--port", str(port))
    assert code == 22, out
    assert f"port {port} on 127.0.0.1 is taken" in out and "serving" not in out


def test_serve_refuses_a_base_url_that_is_not_http(web_db: str) -> None:
    code, out = run("serve", "--db", web_db, "--base-url", "archive.example.org")
    assert code == 2 and "--base-url" in out


def test_show_a_paragraph_permalink_prints_that_paragraph(web_db: str) -> None:
    code, out = run("show", "--db", web_db, "54688#t5-p1")
    assert code == 0, out
    assert "[t5-p1]" in out and "Presidents come and go" in out
    assert "[t5-p0]" not in out and "[t6" not in out
    code, out = run("show", "--db", web_db, "54688#t5-p1", "--context", "1")
    assert "[t5-p0]" in out and "[t5-p1]" in out
    code, out = run("show", "--db", web_db, "54688#t5-p9")
    assert code == 13 and "no paragraph t5-p9" in out


def test_counts_read_right_and_search_names_no_engine(web_db: str) -> None:
    assert count(1, "matching paragraph") == "1 matching paragraph"
    assert count(2, "speaker") == "2 speakers" and count(1_300, "word") == "1,300 words"
    code, out = run("search", "--db", web_db, '"patriotic hackers"')
    assert code == 0 and out.startswith("1 matching paragraph for")
    assert "(tantivy)" not in out and "(fts5)" not in out
    code, out = run("stats", "--db", web_db, "54688")
    assert "1 document (1 revision)" in out and "2 speakers" in out


def test_mentions_of_an_unknown_entity_is_not_found(web_db: str) -> None:
    code, out = run("mentions", "--db", web_db, "Narnia")
    assert code == 13 and "no such entity: 'Narnia'" in out
    code, out = run("mentions", "--db", web_db, "CSTO")
    assert code == 0 and "Collective Security Treaty Organisation (org):" in out


def test_the_lazy_command_table_is_in_step_with_the_modules() -> None:
    modules = {module for module, _ in COMMANDS.values()}
    found = {}
    for module in modules:
        for command in importlib.import_module(f"onrecord.cli.{module}").commands:
            found[command.name] = module
    assert found == {name: module for name, (module, _) in COMMANDS.items()}


def _loaded_after(*args: str) -> set[str]:
    code = (
        "import sys\n"
        "from onrecord.cli import main\n"
        f"try:\n    main({list(args)!r})\nexcept SystemExit:\n    pass\n"
        "heavy = ('onrecord.parse', 'onrecord.export', 'onrecord.web', 'onrecord.enrich',"
        " 'fastapi', 'pyarrow', 'tqdm', 'selectolax', 'lxml')\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith(heavy))), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return set(result.stderr.split())


def test_help_and_search_load_only_what_they_need(web_db: str) -> None:
    """Start-up: `--help` loads no command module's dependencies; a search loads neither
    the parsers, the exporters, the enrichers nor the web app."""
    assert _loaded_after("--help") == set()
    assert _loaded_after("search", "--db", web_db, "security") == set()
