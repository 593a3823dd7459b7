"""Rendering by shape made safe: a template declares what it branches on, value logic it does
not declare is refused before anything is rendered (naming the template and line), and a build
of more than 2,000 pages by shape equals the same build with Jinja alone, byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment

from gongshi import samplegen
from gongshi.pages.render import PARALLEL_THRESHOLD, make_environment, shape_templates
from gongshi.pages.shapecheck import ShapeTemplateError, check_template, declared_shapes
from tests.sitekit import ROOT, build_site, tree

THEME = ROOT / "themes" / "gongshi"


def problems_of(templates: dict[str, str], name: str = "page.html") -> list[str]:
    env = Environment(loader=DictLoader(templates))
    env.globals["url"] = lambda path="": "/" + path
    return check_template(env, name, declared_shapes(env)[name])


@pytest.mark.parametrize("logic", [
    '{% if officer.issued_on < "2021-01-01" %}旧证{% endif %}',  # the plausible line
    '{% if "吊销" in officer.status_note %}x{% endif %}',
    '{% if officer.name.startswith("王") %}x{% endif %}',
    '{% if officer.name|upper == "A" %}x{% endif %}',
    '{{ "x" if officer.kind == "a" else "y" }}',
    '{% for r in rows %}{% if r.result == "合格" %}x{% endif %}{% endfor %}',
    '{% for r in rows if r.result != "" and r.result|trim %}x{% endfor %}',
])
def test_undeclared_value_logic_is_refused_with_its_line(logic: str) -> None:
    found = problems_of({"page.html": "{#- shape: section status.code -#}\n<p>\n" + logic + "\n</p>"})
    assert found and all("page.html 第 3 行" in problem for problem in found), found


@pytest.mark.parametrize("logic", [
    "{% if officer.issued_on %}有发证日期{% endif %}",  # blank or not: part of the shape
    "{% if not officer.note %}—{% endif %}{{ officer.note or '—' }}",
    "{% if rows|length > 1 %}多条{% endif %}",
    "{% for r in rows %}{% if loop.first %}首{% endif %}{{ r.name }}{% endfor %}",
    '{% if status.code == "valid" %}有效{% endif %}',  # declared
    '{% for key, label in [("a", "甲"), ("b", "乙")] %}{% if section == key %}{{ label }}{% endif %}{% endfor %}',
    '{% if officer.issued_on is defined %}x{% endif %}',
])
def test_blankness_lengths_loops_and_declared_values_are_allowed(logic: str) -> None:
    assert problems_of({"page.html": "{#- shape: section status.code -#}\n" + logic}) == []


def test_macros_are_checked_with_their_parameters_bound_to_what_the_call_passes() -> None:
    macros = ('{% macro table(rows, heading="表") %}{% for r in rows %}'
              '{% if r.state == "撤回" %}已撤回{% endif %}{% endfor %}{% endmacro %}')
    page = '{#- shape: section decisions.state -#}\n{% from "m.html" import table %}\n{{ table(decisions) }}\n{{ table(checks) }}'
    found = problems_of({"m.html": macros, "page.html": page})
    assert len(found) == 1 and "checks.state" in found[0] and "m.html 的 table" in found[0]


def test_the_shipped_shape_templates_pass_and_a_bad_line_stops_the_build(tmp_path: Path) -> None:
    from gongshi.settings import GongshiSettings

    settings = GongshiSettings.from_pelican({"PATH": str(ROOT / "content"), "THEME": str(THEME)})
    env = make_environment(settings)
    assert {"officer.html", "penalty.html", "company.html", "rows/penalty_row.html"} <= set(shape_templates(env))
    theme = tmp_path / "theme"
    shutil.copytree(THEME, theme)
    officer = theme / "templates" / "officer.html"
    officer.write_text(officer.read_text(encoding="utf-8").replace(
        "{% block content %}", '{% block content %}{% if officer.issued_on < "2021-01-01" %}<p>旧证</p>{% endif %}', 1),
        encoding="utf-8")
    bad = GongshiSettings.from_pelican({"PATH": str(ROOT / "content"), "THEME": str(theme)})
    with pytest.raises(ShapeTemplateError) as caught:
        make_environment(bad)
    assert "officer.html 第" in str(caught.value) and "officer.issued_on" in str(caught.value)
    # With rendering by shape off, the same template is simply rendered by Jinja.
    off = GongshiSettings.from_pelican({"PATH": str(ROOT / "content"), "THEME": str(theme),
                                        "GONGSHI_RENDER_BY_SHAPE": False})
    assert shape_templates(make_environment(off)) == {}


def test_a_large_build_by_shape_equals_jinja_byte_for_byte(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds"
    samplegen.main(["--out", str(feeds), "--officers", "1500", "--penalties", "700", "--powers", "100",
                    "--inspections", "200", "--plain"])
    by_shape, by_jinja = tmp_path / "shape", tmp_path / "jinja"
    assert build_site(feeds, by_shape, "2026-11-23", workers=2)[0] == 0  # (over PARALLEL_THRESHOLD: the pool)
    assert build_site(feeds, by_jinja, "2026-11-23", workers=2,
                      overrides={"GONGSHI_RENDER_BY_SHAPE": False})[0] == 0
    shaped, plain = tree(by_shape), tree(by_jinja)
    pages = [name for name in shaped if name.endswith(".html")]
    assert len(pages) > PARALLEL_THRESHOLD
    assert shaped.keys() == plain.keys()
    assert [name for name in shaped if shaped[name] != plain[name]] == []
