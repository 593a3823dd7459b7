"""README's test command (`make test`, also what .ci/run runs) lints before it tests."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_make_test_runs_ruff_before_pytest():
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    body = re.search(r"^test:.*\n((?:\t.*\n?)+)", text, re.M).group(1).splitlines()
    ruff = [i for i, line in enumerate(body) if "ruff check plugins tests benchmarks" in line]
    pytest_ = [i for i, line in enumerate(body) if "-m pytest" in line]
    assert ruff and pytest_ and ruff[0] < pytest_[0]
    # A finding fails the recipe: no "-" prefix, no "|| true".
    line = body[ruff[0]]
    assert not line.lstrip().startswith("-") and "||" not in line


def test_ruff_is_pinned_in_the_test_extra():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pins = [d for d in meta["project"]["optional-dependencies"]["test"] if d.lower().startswith("ruff")]
    assert pins and re.fullmatch(r"ruff==\d+\.\d+\.\d+", pins[0].split("#")[0].strip())
