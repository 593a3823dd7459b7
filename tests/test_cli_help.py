"""`gongshi … --help` explains every option in Chinese: what staff see when they ask."""

from __future__ import annotations

import argparse
import re

import pytest

from gongshi.cli import build_parser, main

CJK = re.compile(r"[\u4e00-\u9fff]")


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    [sub] = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


def _help_text(argv: list[str], capsys) -> str:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 0
    return capsys.readouterr().out


def test_every_subcommand_is_listed_with_a_chinese_summary(capsys) -> None:
    text = _help_text(["--help"], capsys)
    assert text.startswith("用法：gongshi")
    for name in ("check", "build", "serve", "due", "search"):
        line = text[text.index(f"    {name}\n"):].splitlines()[1]
        assert CJK.search(line), name
    assert "show this help" not in text


@pytest.mark.parametrize("name", ["check", "build", "serve", "due", "search"])
def test_every_option_of_a_subcommand_has_chinese_help(name: str, capsys) -> None:
    parser = _subcommands()[name]
    assert parser.description and CJK.search(parser.description)
    text = _help_text([name, "--help"], capsys)
    assert text.startswith(f"用法：gongshi {name}") and parser.description in text
    assert "show this help" not in text and "usage:" not in text
    for action in parser._actions:
        assert action.help and CJK.search(action.help), (name, action.dest)
        shown = action.option_strings[-1] if action.option_strings else action.metavar
        # the option, then its help on the line below it
        assert re.search(rf"^  .*{re.escape(shown)}.*\n      {re.escape(action.help[:20])}", text, re.M), \
            (name, shown)


def test_a_mistyped_option_is_explained_in_chinese(capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["build", "--today", "2026-13-01"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "应为 YYYY-MM-DD 格式的日期" in err and "gongshi build --help" in err
