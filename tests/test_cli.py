"""The command line, run as a user runs it."""

import json
import subprocess
import sys

import pytest

from conftest import ROOT, SHARED
from eventcoder.cli import main


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "eventcoder.cli", *args], input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_code_a_text_file_writes_json_lines(tmp_path):
    doc = tmp_path / "story.txt"
    doc.write_text("Kenya condemned the attack on a police station in Mandera.", encoding="utf-8")
    out = tmp_path / "events.jsonl"
    result = run("code", str(doc), "--date", "2024-02-01", "-o", str(out))
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in out.read_text().splitlines()]
    assert events and all(e["doc_id"] == "story" and e["date"] == "2024-02-01" for e in events)


def test_bad_records_are_named_and_the_good_ones_still_coded(tmp_path):
    lines = [
        json.dumps({"id": "a", "text": "Chad condemned the attack on Sudan.", "date": "2024-01-01"}),
        "{not json",
        json.dumps({"id": "c", "date": "2024-01-01"}),
        json.dumps({"id": "d", "text": "Mali rejected the plan.", "date": "01/02/2024"}),
        json.dumps({"id": "e", "text": "Ghana condemned the coup in Guinea.", "date": "2024-01-03"}),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("code", str(path))
    assert result.returncode == 1
    assert f"{path}:2: bad JSON" in result.stderr
    assert f"{path}:3 (id c): missing text" in result.stderr
    assert f"{path}:4 (id d): date '01/02/2024' is not an ISO date" in result.stderr
    doc_ids = {json.loads(line)["doc_id"] for line in result.stdout.splitlines()}
    assert doc_ids == {"a", "e"}


def test_stdin_plain_text(tmp_path):
    result = run("code", "-", "--date", "2024-05-05", stdin="Germany expelled two Russian diplomats.")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def test_missing_file_is_one_clear_line(capsys):
    assert main(["code", "/no/such/file.txt"]) == 1
    err = capsys.readouterr().err
    assert "error: /no/such/file.txt: file not found" in err


def test_explain_shows_each_stage():
    result = run("explain", "Israel did not attack Lebanon. Egypt said Sudan shelled Chad.")
    assert result.returncode == 0, result.stderr
    for part in ("tokens", "actor mentions", "triggers", "verdict", "source roles"):
        assert part in result.stdout


def test_actors_json_batch_from_stdin():
    result = run("actors", "-", "--json", stdin="Indian police arrested a man.\nThe UN criticised Iran.\n")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 2
    assert {"text", "start", "end", "code", "sector", "org", "name", "reason"} <= set(rows[0][0])
    assert any(a["org"] == "UN" for a in rows[1])


def test_lexicon_check_names_file_and_line_of_a_mistake(tmp_path):
    (tmp_path / "lexicon").mkdir()
    bad = tmp_path / "lexicon" / "bad.tsv"
    bad.write_text("trigger\tpos\tcameo\tsource\ttarget\tmode\tnote\nembrace\tVERB\t0x1\n", encoding="utf-8")
    result = run("lexicon", "check", "--dictionaries", str(tmp_path))
    assert result.returncode == 2
    assert f"{bad}:2: unknown CAMEO code" in result.stderr
    assert run("lexicon", "check").returncode == 0


def test_lexicon_coverage_lists_every_code():
    result = run("lexicon", "coverage")
    assert result.returncode == 0
    assert "\n043 " in result.stdout and "ASSAULT" in result.stdout


def test_help_everywhere():
    for command in ("code", "evaluate", "explain", "actors", "lexicon"):
        assert run(command, "--help").returncode == 0


@pytest.mark.skipif(not (SHARED / "gold").exists(), reason="../shared/gold is not beside the checkout")
def test_evaluate_prints_three_levels():
    result = run("evaluate", str(SHARED / "gold" / "oic-contact-group-communique.jsonl"), "-v")
    assert result.returncode == 0, result.stderr
    for level in ("type ", "type+source ", "type+source+target "):
        assert level in result.stdout


def test_explain_lists_a_person_from_the_people_files(coder):
    from eventcoder.explain import explain

    text = "Antonio Guterres urged both sides to return to talks."
    shown = explain(coder.analyse(text, date="2020-05-01"))
    assert "'Antonio Guterres': person" in shown
    assert "secretary-general IGO" in shown
