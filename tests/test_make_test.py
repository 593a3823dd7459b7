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


def test_browser_deps_installs_java_and_a_pinned_vnu_jar_where_the_html_test_looks():
    from tests.quality.test_html_validity import VNU_JAR

    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^browser-deps:.*\n((?:\t.*\n?)+)", text, re.M).group(1)
    assert "default-jre-headless" in recipe and "apt-get install" in recipe
    version = re.search(r"^VNU_VERSION := (\S+)$", text, re.M).group(1)
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    assert "npm install --prefix .tools" in recipe and "vnu-jar@$(VNU_VERSION)" in recipe
    assert VNU_JAR.is_relative_to(ROOT / ".tools")
    assert ".tools" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()  # (a folder or a link)
