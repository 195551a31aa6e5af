"""Tests of the entente package against the entente tool of the same build:
the same text coded through the library and through the CLI gives the same
events; parses are trees; a store reads back into DataFrames equal to the
CLI's analyses."""
import csv
import io
import json
import math
import sqlite3
import subprocess

import entente
from entente._lib import ffi, lib

SENTENCES = [
    ("Russian forces attacked Ukrainian positions.", "2022-03-01"),
    ("Iran condemned Israel on Monday.", "2020-01-08"),
    ("The United States did not sign an agreement with China.", "2019-05-02"),
]


def cli_code(entente_bin, text, date, *args):
    line = json.dumps({"id": "text", "date": date, "text": text})
    out = subprocess.run([entente_bin, "code", "-", "--stdin-format", "jsonl", "-q",
                          "--no-progress", *args], input=line,
                         check=True, capture_output=True, text=True).stdout
    return [json.loads(x) for x in out.splitlines()]


def test_library_is_the_build_and_its_structs_match():
    assert entente.version() == "0.1.0"
    assert entente.lib_path().endswith("libentente.so")
    assert ffi.sizeof("ent_token") == lib.ent_struct_size(b"ent_token")
    assert ffi.sizeof("ent_dyad_row") > 0 and lib.ent_struct_size(b"ent_event") > 100
    assert lib.ent_struct_size(b"no_such_struct") == 0


def test_code_equals_the_cli(entente_bin):
    total = 0
    for text, date in SENTENCES:
        got = entente.code(text, date=date)
        want = cli_code(entente_bin, text, date)
        assert got == want
        total += len(got)
    assert total >= 3
    ev = entente.code(*SENTENCES[0])[0]
    assert (ev["source"]["code"], ev["code"], ev["target"]["code"]) == ("RUSMIL", "190", "UKRMIL")
    assert isinstance(ev["code"], str) and isinstance(ev["root"], str)


def test_code_options(entente_bin):
    text, date = SENTENCES[2]
    neg = entente.code(text, date, modes=["negated"])
    assert neg and all(e["mode"] == "negated" for e in neg)
    assert entente.code(text, date, modes="asserted") == [
        e for e in entente.code(text, date) if e["mode"] == "asserted"]
    shallow = entente.code(SENTENCES[0][0], SENTENCES[0][1], parser="none")
    want = cli_code(entente_bin, SENTENCES[0][0], SENTENCES[0][1], "--parser", "none")
    assert [e["evidence"] for e in shallow] == [e["evidence"] for e in want]
    assert entente.code("", "2020-01-01") == []


def test_code_files_equals_the_cli(sample, coded):
    events, _ = coded
    got = entente.code_files([str(sample)])
    assert len(got) == len(events) and len(got) > 100
    assert got == events


def test_frame_keeps_codes_as_strings(sample, coded):
    events, _ = coded
    df = entente.frame(events)
    assert len(df) == len(events)
    assert str(df["code"].dtype) == "string" and str(df["source"].dtype) == "string"
    assert list(df["code"]) == [e["code"] for e in events]
    assert any(c.startswith("0") for c in df["code"])  # leading zeros survive


def test_parse_gives_trees_equal_to_the_cli(entente_bin, tmp_path):
    text = "Russian jets struck the town. Iran did not respond."
    sents = entente.parse(text)
    (tmp_path / "p.txt").write_text(text + "\n")
    conllu = subprocess.run([entente_bin, "parse", str(tmp_path / "p.txt")], check=True,
                            capture_output=True, text=True).stdout
    rows = [r.split("\t") for r in conllu.splitlines() if r[:1].isdigit()]
    assert [(w["form"], w["upos"], w["head"], w["deprel"]) for ws in sents for w in ws] == \
        [(r[1], r[3], int(r[6]), r[7]) for r in rows]
    assert len(sents) == 2
    for words in sents:
        assert sum(w["head"] == 0 for w in words) == 1
        assert all(0 <= w["head"] <= len(words) for w in words)
        for w in words:
            assert text.encode()[w["start"]:w["end"]].decode() == w["form"]
    assert sents[1][0]["form"] == "Iran" and sents[1][0]["upos"] == "PROPN"


def test_events_frame_reads_the_store(coded):
    events, db = coded
    df = entente.events_frame(db)
    with sqlite3.connect(db) as c:
        n = c.execute("SELECT count(*) FROM events").fetchone()[0]
    assert len(df) == n == len(events)
    assert str(df["code"].dtype) == "string"
    assert sorted(df["code"]) == sorted(e["code"] for e in events)
    counts = entente.events_frame(db, counts=True)
    assert (counts["num_articles"] >= 1).all() and (counts["num_sources"] >= 1).all()


def cli_csv(entente_bin, *args):
    out = subprocess.run([entente_bin, *args], check=True, capture_output=True, text=True).stdout
    return list(csv.DictReader(io.StringIO(out)))


def test_dyads_equal_the_cli(entente_bin, coded):
    _, db = coded
    df = entente.dyads(db)
    want = cli_csv(entente_bin, "dyads", "--db", db, "--format", "csv")
    assert len(df) == len(want) > 10
    for row, w in zip(df.itertuples(), want):
        assert (row.period, row.source, row.target) == (w["period"], w["source"], w["target"])
        assert row.events == int(w["events"]) and row.quad4 == int(w["material_conflict"])
        assert abs(row.goldstein_sum - float(w["goldstein_sum"])) < 0.01
    syr = entente.dyads(db, "SYR", by="year")
    assert len(syr) and all("SYR" in (r.source, r.target) for r in syr.itertuples())


def test_align_equals_the_cli(entente_bin, coded):
    _, db = coded
    df = entente.align(db, "SYR", "USA", by="year")
    want = cli_csv(entente_bin, "align", "SYR", "USA", "--db", db, "--format", "csv", "--by", "year")
    assert len(df) == len(want) > 0
    for row, w in zip(df.itertuples(), want):
        assert row.period == w["period"] and row.nthird == int(w["third_parties"])
        if w["similarity"]:
            assert abs(row.similarity - float(w["similarity"])) < 1e-3
        else:
            assert math.isnan(row.similarity)
