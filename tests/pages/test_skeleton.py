"""Rendering by shape must give exactly the bytes Jinja gives, page for page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gongshi.feeds import ProblemLog, load_feeds
from gongshi.pages import site
from gongshi.pages.qr import qr_svgs
from gongshi.pages.render import PageJob, make_environment
from gongshi.pages.skeleton import ShapeRenderer
from gongshi.privacy import make_public
from gongshi.schedule import officer_status
from gongshi.settings import GongshiSettings
from tests.sitekit import ROOT, SAMPLE_FEEDS

TODAY = dt.date(2026, 11, 23)


def settings() -> GongshiSettings:
    return GongshiSettings(feeds_dir=SAMPLE_FEEDS, today=TODAY, siteurl="https://zfgs.example.gov.cn",
                           sitename="江临市行政执法公示平台", output_dir=Path("/nonexistent"),
                           cache_dir=Path("/nonexistent"), theme_dir=ROOT / "themes" / "gongshi",
                           page_size=50, workers=1, operator="江临市司法局")


def officer_jobs():
    public = make_public(load_feeds(SAMPLE_FEEDS, ProblemLog()))
    officers, agencies = public["officers"].frame, public["agencies"].frame
    officers["state"] = officer_status(officers, TODAY)
    pages = site.officer_pages(officers, agencies, TODAY)
    return pages[0:len(pages)]


def test_every_sample_officer_page_is_byte_identical_to_jinja() -> None:
    env = make_environment(settings())
    renderer = ShapeRenderer(env, "officer.html", frozenset({"section", "status.code", "status.data", "status.label"}),
                             draw_qr=qr_svgs)
    jobs = officer_jobs()
    assert len(jobs) == 300
    for job in jobs:
        assert renderer.render(job.context) == env.get_template("officer.html").render(job.context).encode()
    assert renderer.full_renders == 0  # every shape was safe to render by skeleton
    assert len(renderer._shapes) < 40


def test_hostile_values_are_escaped_the_same_way() -> None:
    env = make_environment(settings())
    renderer = ShapeRenderer(env, "officer.html", frozenset({"section", "status.code", "status.data", "status.label"}),
                             draw_qr=qr_svgs)
    job = officer_jobs()[0]
    for hostile in ('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "{{ 7*7 }}", "&amp;", "\ue000"):
        context = {**job.context, "officer": {**job.context["officer"], "name": hostile, "category": hostile}}
        assert renderer.render(context) == env.get_template("officer.html").render(context).encode()


def test_a_template_branching_on_an_undeclared_value_falls_back_to_jinja() -> None:
    from jinja2 import DictLoader

    env = make_environment(settings())
    env.loader = DictLoader({"t.html": "{% if officer.name|length > 2 %}long{% endif %}{{ officer.name[1:] }}"})
    renderer = ShapeRenderer(env, "t.html", frozenset(), draw_qr=qr_svgs)
    for name in ("王建国", "赵敏"):
        context = {"officer": {"name": name}}
        assert renderer.render(context) == env.get_template("t.html").render(context).encode()


def test_undeclared_branch_that_first_pages_hide_fails_loudly() -> None:
    import pytest
    from jinja2 import DictLoader

    from gongshi.pages.skeleton import ShapeMismatch

    env = make_environment(settings())
    env.loader = DictLoader({"t.html": "{% if officer.name|length > 2 %}long {% endif %}{{ officer.name }}"})
    renderer = ShapeRenderer(env, "t.html", frozenset(), draw_qr=qr_svgs)
    assert renderer.render({"officer": {"name": "王建国"}}) == "long 王建国".encode()
    with pytest.raises(ShapeMismatch):
        renderer.render({"officer": {"name": "赵敏"}})


def sample_public_penalties():
    """The sample's public tables, and its decisions with their states on TODAY."""
    from gongshi.schedule.calendar import WorkCalendar
    from gongshi.schedule.penalties import PenaltyRules, penalty_states

    public = make_public(load_feeds(SAMPLE_FEEDS, ProblemLog()))
    return public, penalty_states(public["penalties"].frame, TODAY, WorkCalendar(), PenaltyRules())


def assert_every_page_as_jinja_renders_it(template: str, jobs) -> None:  # noqa: ANN001
    env = make_environment(settings())
    renderer = ShapeRenderer(env, template, frozenset({"section"}), draw_qr=qr_svgs)
    for job in jobs:
        assert renderer.render(job.context) == env.get_template(template).render(job.context).encode()
    assert renderer.full_renders == 0  # every shape was safe to render by skeleton


def test_every_sample_decision_page_is_byte_identical_to_jinja() -> None:
    from gongshi.pages import penalties

    _, frame = sample_public_penalties()
    jobs = [j for j in penalties.decision_jobs(frame) if j.template == "penalty.html"]
    assert len(jobs) > 100
    assert_every_page_as_jinja_renders_it("penalty.html", jobs)


def test_every_sample_company_page_is_byte_identical_to_jinja() -> None:
    from gongshi.pages import companies, inspections, penalties
    from gongshi.schedule.oversight import oversight_states

    public, frame = sample_public_penalties()
    checked, _ = oversight_states(public["inspections"].frame, public["supervision"].frame, TODAY)
    jobs = list(companies.company_jobs(penalties.ordered_public(frame), inspections.ordered_public(checked)))
    assert len(jobs) > 50
    assert any(len(j.context["decisions"]) > 1 for j in jobs) and any(j.context["inspections"] for j in jobs)
    assert_every_page_as_jinja_renders_it("company.html", jobs)


def test_list_lengths_and_items_shape_the_page() -> None:
    from jinja2 import DictLoader

    env = make_environment(settings())
    env.loader = DictLoader({"t.html": "{{ rows|length }}:{% for r in rows %}[{{ r.name }}{% if r.fine %}"
                                       " {{ r.fine }}{% endif %}{% if r.flag %}!{% endif %}]{% endfor %}"
                                       "{{ names|join('、') }}"})
    renderer = ShapeRenderer(env, "t.html", frozenset(), draw_qr=qr_svgs)
    contexts = [{"rows": rows, "names": names} for rows, names in [
        ([{"name": "甲", "fine": "1", "flag": True}], ["a"]),
        ([{"name": "乙", "fine": "", "flag": False}, {"name": "<b>丙</b>", "fine": "2", "flag": True}], ["x", "y&z"]),
        ([], []),
        ([{"name": "丁", "fine": "3", "flag": False}], ['"q"']),
        ([{"name": "戊", "fine": "", "flag": True}, {"name": "己", "fine": "4", "flag": True}], ["m", "n"]),
    ]]
    for context in contexts * 2:  # the second time round every shape has its skeleton
        assert renderer.render(context) == env.get_template("t.html").render(context).encode()
    assert renderer.full_renders == 0
    assert len(renderer._shapes) == 5


def test_a_set_in_the_context_is_rendered_by_jinja() -> None:
    from jinja2 import DictLoader

    env = make_environment(settings())
    env.loader = DictLoader({"t.html": "{{ tags|sort|join(',') }}"})
    renderer = ShapeRenderer(env, "t.html", frozenset(), draw_qr=qr_svgs)
    assert renderer.render({"tags": {"b", "a"}}) == b"a,b"
    assert renderer.full_renders == 1


def test_the_gate_reads_pages_by_their_values_and_still_stops_a_leak() -> None:
    from jinja2 import DictLoader

    from gongshi.privacy.gate import PrivacyGate, PrivacyLeak

    env = make_environment(settings())
    chrome = "<header>江临市行政执法公示平台</header>" * 20  # the template's own text: most of a page
    env.loader = DictLoader({"t.html": chrome + "<p>当事人：{{ d.party }}</p><p>备注：{{ d.note }}</p>"})
    gate = PrivacyGate.from_values(["E99887766"])
    renderer = ShapeRenderer(env, "t.html", frozenset(), draw_qr=qr_svgs, gate=gate)
    clean, phone, never = renderer.render_for_gate([{"d": {"party": "某公司", "note": note}} for note in
                                                    ["已整改", "联系电话13912345678", "护照E99887766"]])
    page, view = clean
    assert page == env.get_template("t.html").render(d={"party": "某公司", "note": "已整改"}).encode()
    assert view is not None and len(view) < len(page) / 5
    gate.check("a.html", page, view)
    for page, view in (phone, never):
        with pytest.raises(PrivacyLeak):
            gate.check("b.html", page, view)


def test_a_page_whose_template_text_holds_a_never_value_is_gated_whole() -> None:
    # A branch value is part of the skeleton's text, not a value: the text itself must pass.
    from jinja2 import DictLoader

    from gongshi.privacy.gate import PrivacyGate, PrivacyLeak

    env = make_environment(settings())
    env.loader = DictLoader({"t.html": "<p>{{ d.kind }}</p><p>{{ d.name }}</p>"})
    gate = PrivacyGate.from_values(["E99887766"])
    renderer = ShapeRenderer(env, "t.html", frozenset({"d.kind"}), draw_qr=qr_svgs, gate=gate)
    [(page, view)] = renderer.render_for_gate([{"d": {"kind": "E99887766", "name": "某公司"}}])
    assert view is None
    with pytest.raises(PrivacyLeak):
        gate.check("c.html", page, view)


def test_rows_listed_on_several_pages_show_their_own_values_on_each() -> None:
    # A decision's row object is shared by its authority, year, violation and kind listings;
    # each() draws it once and must still put every row's own values on every page.
    from jinja2 import DictLoader

    from gongshi.pages.render import render_many

    env = make_environment(settings())
    env.loader = DictLoader({"list.html": '{{ each("rows/penalty_row.html", "d", rows) }}',
                             "rows/penalty_row.html": "<tr><td>{{ d.decision_no }}</td><td>{{ d.party }}</td>"
                                                      "{% if d.company_url %}<td>企业</td>{% endif %}</tr>\n"})
    rows = [{"decision_no": f"罚〔2026〕{n}号", "party": f"<公司{n}>", "company_url": "c/" if n % 2 else ""}
            for n in range(6)]
    pages = [PageJob("a", "list.html", {"rows": rows[0:4]}), PageJob("b", "list.html", {"rows": rows[2:6]}),
             PageJob("c", "list.html", {"rows": rows[::-1]}), PageJob("d", "list.html", {"rows": [dict(rows[1])]})]
    row = env.get_template("rows/penalty_row.html")  # each row through Jinja itself
    expected = ["".join(row.render(d=d) for d in job.context["rows"]).encode() for job in pages]
    assert render_many(env, pages) == expected
    assert render_many(env, pages[::-1]) == expected[::-1]
    assert b"&lt;\xe5\x85\xac\xe5\x8f\xb85&gt;" in expected[2]  # (escaped, the last row first)


_FINGERPRINT_SCRIPT = """
import json, sys
from gongshi.pages.render import make_environment
from gongshi.pages.skeleton import ShapeRenderer
from tests.pages.test_skeleton import settings
renderer = ShapeRenderer(make_environment(settings()), "penalty_gone.html",
                         frozenset({"section", "gone.state", "gone.label"}), draw_qr=None)
contexts = json.loads(sys.stdin.read())
print(json.dumps([renderer.fingerprint(renderer.flatten(c), "base") for c in contexts]))
"""


def test_page_fingerprints_follow_every_value_and_are_the_same_in_every_process() -> None:
    # A rebuild keeps a page whose fingerprint is the last build's: it must change with any
    # value or blank, and not with the process (ids, string hashing) that computed it.
    import json
    import os
    import subprocess
    import sys

    gone = {"decision_no": "罚〔2026〕1号", "state": "withdrawn", "label": "已撤回", "authority": "某局",
            "decided_on": "2026-01-02", "withdrawn_on": "2026-03-04", "reason": "原因", "last_day": ""}
    contexts = [{"section": "penalties", "gone": gone}, {"section": "penalties", "gone": {**gone, "reason": "另因"}},
                {"section": "penalties", "gone": {**gone, "reason": ""}},
                {"section": "penalties", "gone": {**gone, "state": "ended"}}]
    runs = [subprocess.run([sys.executable, "-c", _FINGERPRINT_SCRIPT], input=json.dumps(contexts), text=True,
                           capture_output=True, check=True, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed})
            for seed in ("1", "2")]
    first, second = (json.loads(run.stdout) for run in runs)
    assert first == second
    assert len(set(first)) == len(contexts)


def test_every_sample_listing_page_is_byte_identical_to_jinja() -> None:
    from gongshi.pages import penalties
    from gongshi.privacy.gate import PrivacyGate

    _, frame = sample_public_penalties()
    public = penalties.ordered_public(frame)
    pages, _ = penalties.listing_pages(public, 3)  # small pages: first, middle and last ones, with links
    jobs = penalties.listing_jobs(pages, public, make_environment(settings()), PrivacyGate())
    jobs = jobs[0:len(jobs)]
    assert any(job.context["nav"].get("links") for job in jobs) and any(job.context["page_note"] for job in jobs)
    assert any(job.context["nav"] and not job.context["nav"]["links"] for job in jobs)  # (over 20 pages)
    assert_every_page_as_jinja_renders_it("penalty_list.html", jobs)


def test_listing_rows_are_gated_as_drawn_and_left_out_of_the_page_view() -> None:
    from jinja2 import DictLoader

    from gongshi.pages.render import RowDrawer
    from gongshi.pages.skeleton import CheckedHtml
    from gongshi.privacy.gate import PrivacyGate, PrivacyLeak

    env = make_environment(settings())
    env.loader = DictLoader({"list.html": "<h1>清单</h1>{{ rows }}<p>共 {{ n }} 条</p>",
                             "rows/penalty_row.html": "<tr><td>{{ d.no }}</td><td>{{ d.party }}</td></tr>\n"})
    gate = PrivacyGate.from_values(["E99887766"])
    rows = {i: {"no": f"罚〔2026〕{i}号", "party": f"<某公司{i}>"} for i in range(5)}
    rows[4]["party"] = "护照E99887766"
    draw = RowDrawer(env, "rows/penalty_row.html", "d", rows.__getitem__, gate)
    block = draw("list/1.html", [0, 1, 2])
    assert type(block) is CheckedHtml
    renderer = ShapeRenderer(env, "list.html", frozenset(), draw_qr=qr_svgs, gate=gate)
    [(page, view)] = renderer.render_for_gate([{"rows": block, "n": "3"}])
    assert page == env.get_template("list.html").render(rows=block, n="3").encode()
    assert "&lt;某公司1&gt;".encode() in page and "某公司".encode() not in view  # (checked as drawn)
    with pytest.raises(PrivacyLeak) as leak:
        draw("list/2.html", [3, 4])
    assert "list/2.html" in str(leak.value)


def test_rows_whose_edges_could_join_a_token_are_read_by_the_page_view() -> None:
    # A row ending in a digit, next to digits in the page's own text: only the page shows the
    # phone number, so the rows must stay in its view.
    from jinja2 import DictLoader

    from gongshi.pages.render import RowDrawer
    from gongshi.pages.skeleton import CheckedHtml
    from gongshi.privacy.gate import PrivacyGate, PrivacyLeak

    env = make_environment(settings())
    env.loader = DictLoader({"list.html": "<p>{{ rows }}5678</p>", "rows/penalty_row.html": "{{ d.no }}"})
    gate = PrivacyGate()
    draw = RowDrawer(env, "rows/penalty_row.html", "d", {0: {"no": "电话1391234"}}.__getitem__, gate)
    block = draw("p.html", [0])
    assert type(block) is not CheckedHtml
    renderer = ShapeRenderer(env, "list.html", frozenset(), draw_qr=qr_svgs, gate=gate)
    [(page, view)] = renderer.render_for_gate([{"rows": block}])
    assert b"13912345678" in page
    with pytest.raises(PrivacyLeak):
        gate.check("p.html", page, view)
