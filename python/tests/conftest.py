"""Fixtures of the Python tests: the entente tool of the same build
(ENTENTE_BIN, else ../build/entente), a sample of a real corpus and the
store `entente code --db` makes of it."""
import json
import os
import subprocess

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
SHARED = os.environ.get("SHARED", os.path.join(ROOT, "..", "shared"))


@pytest.fixture(scope="session")
def entente_bin():
    return os.environ.get("ENTENTE_BIN", os.path.join(ROOT, "build", "entente"))


@pytest.fixture(scope="session")
def sample(tmp_path_factory):
    """A folder holding the first 60 documents of fakes-syria.jsonl."""
    d = tmp_path_factory.mktemp("sample")
    with open(os.path.join(SHARED, "corpora", "fakes-syria.jsonl"), encoding="utf-8") as f:
        lines = [next(f) for _ in range(60)]
    (d / "fakes.jsonl").write_text("".join(lines), encoding="utf-8")
    return d


@pytest.fixture(scope="session")
def coded(entente_bin, sample, tmp_path_factory):
    """The CLI's events (parsed JSON Lines) and store of the sample."""
    d = tmp_path_factory.mktemp("coded")
    db = str(d / "s.sqlite")
    out = subprocess.run([entente_bin, "code", str(sample), "--db", db, "-q", "--no-progress"],
                         check=True, capture_output=True, text=True).stdout
    return [json.loads(x) for x in out.splitlines()], db
