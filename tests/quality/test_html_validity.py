"""The pages of the sample build are valid HTML by the Nu Html Checker (what W3C's validator
runs): screen readers and old browsers repair invalid markup each in their own way.

Needs Java and vnu.jar (`make browser-deps` installs both; vnu.jar into .tools/). Marked `vnu`."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.sitekit import ROOT

pytestmark = pytest.mark.vnu

VNU_JAR = ROOT / ".tools/node_modules/vnu-jar/build/dist/vnu.jar"
PER_KIND = 2
# A folder name of only lowercase letters and dashes is part of a template's address ("by-authority",
# "page"); anything else is a record's key (a number, a code, a Chinese name, a year).
LITERAL_SEGMENT = re.compile(r"[a-z_-]+")


def page_kind(rel: str, html: str) -> tuple[str, bool]:
    """Pages made by one template share this: their address with the keys starred, and whether
    they say noindex (a decision withdrawn or past its term is a page of its own, penalty_gone)."""
    *folders, name = rel.split("/")
    shape = [f if i == 0 or LITERAL_SEGMENT.fullmatch(f) else "*" for i, f in enumerate(folders)]
    return "/".join([*shape, name]), '<meta name="robots" content="noindex">' in html


def pages_to_check(output: Path) -> list[Path]:
    """PER_KIND pages of every kind found in the output: the first by address, and the largest
    of the rest (the longest tables and lists)."""
    kinds: dict[tuple[str, bool], list[Path]] = defaultdict(list)
    for file in sorted(output.rglob("*.html")):
        kinds[page_kind(file.relative_to(output).as_posix(), file.read_text("utf-8"))].append(file)
    chosen = []
    for files in kinds.values():
        chosen.append(files[0])
        chosen += sorted(files[1:], key=lambda f: f.stat().st_size, reverse=True)[:PER_KIND - 1]
    return chosen


def vnu_command() -> list[str]:
    java = shutil.which("java")
    missing = [what for what, there in (("java", java), (str(VNU_JAR), VNU_JAR.is_file())) if not there]
    if missing:
        pytest.fail(f"{' and '.join(missing)} missing: the HTML-validity test runs the Nu Html Checker "
                    "with the machine's Java. `make browser-deps` installs both "
                    "(apt-get install default-jre-headless; npm install --prefix .tools vnu-jar).",
                    pytrace=False)
    return [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]


def validate(files: list[Path], output: Path) -> list[str]:
    """The checker's findings as "file:line:column: message", all files in one run (the JVM
    takes seconds to start)."""
    # Java reads file names in the locale's encoding: under C/POSIX the Chinese ones are lost.
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    run = subprocess.run([*vnu_command(), *map(str, files)], capture_output=True, env=env, timeout=600)
    report = run.stderr.decode("utf-8", "replace")  # vnu writes its report to stderr
    try:
        messages = json.loads(report)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"vnu.jar exited {run.returncode} without a JSON report:\n{report[-2000:]}", pytrace=False)
    if run.returncode not in (0, 1):  # 1: it found errors
        pytest.fail(f"vnu.jar exited {run.returncode}:\n{report[-2000:]}", pytrace=False)
    found = []
    for message in messages:
        path = Path(unquote(urlsplit(message.get("url", "")).path))
        where = path.relative_to(output).as_posix() if path.is_relative_to(output) else str(path)
        line = message.get("lastLine", message.get("firstLine", "?"))
        found.append(f"{where}:{line}:{message.get('firstColumn', '?')}: {message.get('type')}: {message['message']}")
    return found


def test_every_kind_of_page_of_the_sample_site_is_valid_html(sample_site: Path) -> None:
    files = pages_to_check(sample_site)
    names = {f.relative_to(sample_site).as_posix() for f in files}
    # The kinds come from the output; these few prove the discovery found the ones it must.
    for must in ("index.html", "404.html", "search/index.html", "timeliness/index.html",
                 "data-dictionary/index.html", "officers/index.html", "penalties/index.html"):
        assert must in names, must
    assert any(page_kind(n, (sample_site / n).read_text("utf-8"))[1] for n in names), "no withdrawn decision"
    found = validate(files, sample_site)
    assert not found, f"{len(found)} HTML errors in {len(files)} pages checked:\n" + "\n".join(found)


def test_the_checker_reports_file_line_and_message(tmp_path: Path) -> None:
    page = tmp_path / "处罚/坏.html"
    page.parent.mkdir()
    page.write_text('<!DOCTYPE html>\n<html lang="zh-CN"><head><title>x</title></head>\n'
                    "<body><p>a</span></p></body></html>\n", "utf-8")
    assert validate([page], tmp_path) == ["处罚/坏.html:3:11: error: Stray end tag “span”."]


def test_pages_of_one_template_are_one_kind_and_a_gone_decision_its_own() -> None:
    assert page_kind("penalties/江临罚-1号/index.html", "") == page_kind("penalties/江临罚-2号/index.html", "")
    assert page_kind("penalties/江临罚-1号/index.html", "") != page_kind(
        "penalties/江临罚-3号/index.html", '<meta name="robots" content="noindex">')
    assert page_kind("penalties/year/2026/page/2/index.html", "") == ("penalties/year/*/page/*/index.html", False)
