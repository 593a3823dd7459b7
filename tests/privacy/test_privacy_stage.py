"""The privacy stage on whole feeds, point by point (issue: 脱敏 that holds on real free text):
sole traders, blank party types, minors by ID number, the registry across datasets, personal
data in public columns, never-values, withdrawn pages, the review file, company pages, CSV."""

from __future__ import annotations

import stat
from pathlib import Path

from gongshi.feeds import ProblemLog, load_feeds
from gongshi.opendata.downloads import neutralise_formula
from gongshi.privacy import check_public_columns, make_public, never_values, people_of
from gongshi.privacy.gate import PrivacyGate
from tests.feedkit import fix_uscc, inspections, penalties, supervision, write_feeds
from tests.sitekit import build_site

TODAY = "2026-11-23"


def _decision(number: str, **values: str) -> dict[str, str]:
    base = dict(penalties()[0])
    base.update({"决定书文号": number, **values})
    return base


def _public(tmp_path: Path, penalty_rows=None, inspection_rows=None, supervision_rows=None):  # noqa: ANN001, ANN202
    log = ProblemLog()
    raw = load_feeds(write_feeds(tmp_path / "feeds", penalty_rows=penalty_rows or penalties(),
                                 inspection_rows=inspection_rows, supervision_rows=supervision_rows), log)
    assert not log.errors, log.report()
    return raw, make_public(raw)


def test_a_sole_traders_operator_is_masked_inside_the_trade_name_and_as_its_representative(tmp_path: Path) -> None:
    rows = [_decision("江临市监罚〔2026〕201号", 当事人类别="个体工商户", 当事人名称="个体工商户柴进",
                      统一社会信用代码=fix_uscc("92339900MA2D1E2F4"), 法定代表人="柴进",
                      违法事实="经营者柴进未办理健康证明。"),
            _decision("江临市监罚〔2026〕202号", 当事人类别="个体工商户", 当事人名称="临江区宋斌便利店",
                      统一社会信用代码=fix_uscc("92339900MA2D1E2F5"), 法定代表人="宋斌",
                      违法事实="临江区宋斌便利店销售过期食品，宋斌当场承认。"),
            _decision("江临市监罚〔2026〕203号", 当事人类别="个体工商户", 当事人名称="欧阳明华（个体）",
                      统一社会信用代码=fix_uscc("92339900MA2D1E2F6"), 法定代表人="")]
    _, public = _public(tmp_path, rows)
    frame = public["penalties"].frame.set_index("decision_no")
    assert frame.at["江临市监罚〔2026〕201号", "party_name"] == "个体工商户柴某某"
    assert frame.at["江临市监罚〔2026〕201号", "legal_representative"] == "柴某某"
    assert frame.at["江临市监罚〔2026〕202号", "party_name"] == "临江区宋某某便利店"
    assert "宋斌" not in frame.at["江临市监罚〔2026〕202号", "facts"]
    assert frame.at["江临市监罚〔2026〕203号", "party_name"] == "欧阳某某（个体）"


def test_a_blank_subject_type_is_a_person_when_the_name_is_one(tmp_path: Path) -> None:
    rows = inspections()
    rows[1] = rows[1] | {"检查对象名称": "司马志刚", "统一社会信用代码": "", "整改要求": "司马志刚应于十日内整改"}
    _, public = _public(tmp_path, inspection_rows=rows)
    frame = public["inspections"].frame
    assert "司马志刚" not in frame["subject_name"].tolist()
    assert "司马某某" in frame["subject_name"].tolist()
    assert frame["subject_type"].tolist()[1] == "自然人"
    assert frame["subject_type"].tolist()[0] == "法人及非法人组织"  # a company's name stays an organisation


def test_a_minor_is_withheld_by_the_id_numbers_birth_date_whatever_the_flag_says(tmp_path: Path) -> None:
    # born 2011-03-04: 15 on the decision day 2026-10-20; the flag says 否
    rows = [_decision("江临市监罚〔2026〕301号", 当事人类别="自然人", 当事人名称="李小东", 统一社会信用代码="",
                      法定代表人="", 当事人证件号码="110105201103040011", 当事人是否未成年人="否"),
            _decision("江临市监罚〔2026〕302号", 当事人类别="自然人", 当事人名称="李大东", 统一社会信用代码="",
                      法定代表人="", 当事人证件号码="110105199003040011", 当事人是否未成年人="")]
    _, public = _public(tmp_path, rows)
    assert public["penalties"].frame["decision_no"].tolist() == ["江临市监罚〔2026〕302号"]


def test_a_person_masked_in_a_decision_is_masked_in_a_supervision_finding_too(tmp_path: Path) -> None:
    outcomes = supervision()
    outcomes[0] = outcomes[0] | {"发现问题": "对张三无证销售食品一案未听取陈述申辩"}  # the party of a decision
    _, public = _public(tmp_path, supervision_rows=outcomes)
    findings = public["supervision"].frame["findings"].tolist()[0]
    assert "张三" not in findings and "张某某" in findings


def test_personal_data_in_a_public_column_is_a_feed_error_naming_file_row_column_and_kind(tmp_path: Path) -> None:
    tasks = inspections()
    tasks[0] = tasks[0] | {"任务名称": "食品抽查（联系人手机13912345670）"}
    rows = [_decision("江临市监罚〔2026〕张三1号", 当事人类别="自然人", 当事人名称="张三", 统一社会信用代码="",
                      法定代表人="")]
    log = ProblemLog()
    raw = load_feeds(write_feeds(tmp_path / "feeds", penalty_rows=rows, inspection_rows=tasks), log)
    people = people_of(raw)
    for table in raw.tables.values():
        check_public_columns(table, people, log)
    found = {(p.file.split("/")[-1], p.row, p.column): p for p in log.errors}
    assert ("inspections.csv", 2, "任务名称") in found
    assert "手机号码" in found["inspections.csv", 2, "任务名称"].expected
    assert "13912345670" not in found["inspections.csv", 2, "任务名称"].found  # the message does not leak it
    assert ("penalties.csv", 2, "决定书文号") in found
    # an agency's own published line is no personal data
    assert not any(p.file.endswith("agencies.csv") for p in log.errors)


def test_type_words_and_an_organisations_own_code_are_not_never_values(tmp_path: Path) -> None:
    rows = [_decision("江临市监罚〔2026〕401号", 法定代表人证件类型="统一社会信用代码",
                      当事人证件类型="统一社会信用代码", 当事人证件号码=fix_uscc("91339900MA2B3C4D5"))]
    raw, _ = _public(tmp_path, rows)
    values = never_values(raw)
    assert "统一社会信用代码" not in values and "身份证" not in values
    assert fix_uscc("91339900MA2B3C4D5") not in values
    assert "339901198503120016" in values


def test_the_gate_catches_never_values_in_any_spelling() -> None:
    gate = PrivacyGate.from_values(["E99887766"])
    assert gate.scan_text("x.html", "证件 E9988 7766")
    assert gate.scan_text("x.html", "证件 Ｅ９９８８７７６６")
    assert gate.scan_text("x.html", "证件 e99887766")


def test_a_withdrawal_reason_is_scrubbed_like_every_scrub_column(tmp_path: Path) -> None:
    rows = penalties()
    rows[2] = rows[2] | {"撤回原因": "经复查，实际经营人为李四（手机13800001111），原决定撤销"}
    _, public = _public(tmp_path, rows)
    reason = public["penalties"].frame.set_index("decision_no").at["江临市监罚〔2026〕103号", "withdrawal_reason"]
    assert "李四" not in reason and "13800001111" not in reason and "李某某" in reason


def test_the_build_writes_a_private_review_file_outside_the_output(tmp_path: Path) -> None:
    feeds = write_feeds(tmp_path / "feeds", penalty_rows=penalties())
    output = tmp_path / "output"
    assert build_site(feeds, output, TODAY)[0] == 0
    reviews = list((tmp_path / "output-cache").rglob("privacy-review.csv"))
    assert len(reviews) == 1 and not list(output.rglob("privacy-review.csv"))
    assert stat.S_IMODE(reviews[0].stat().st_mode) == 0o600
    text = reviews[0].read_text("utf-8-sig")
    assert "penalties.csv" in text and "违法事实" in text and "身份证号" in text


def test_a_company_page_never_joins_a_masked_person_to_a_trade_name(tmp_path: Path) -> None:
    code = fix_uscc("92339900MA2D1E2F7")
    rows = [_decision("江临市监罚〔2026〕501号", 当事人类别="个体工商户", 当事人名称="好运来五金店",
                      统一社会信用代码=code, 法定代表人="赵大宝"),
            _decision("江临市监罚〔2026〕502号", 当事人类别="个体工商户", 当事人名称="赵大宝",
                      统一社会信用代码=code, 法定代表人="赵大宝")]
    feeds = write_feeds(tmp_path / "feeds", penalty_rows=rows)
    output = tmp_path / "output"
    assert build_site(feeds, output, TODAY)[0] == 0
    page = (output / "companies" / code / "index.html").read_text("utf-8")
    assert "好运来五金店" in page and "赵某某" not in page and "赵大宝" not in page


def test_csv_cells_starting_a_formula_in_any_form_are_neutralised() -> None:
    for cell in ["=1+1", "＝SUM(A1)", "＋1", "－1", "＠x", " =cmd", "\u200b+1", "\u3000=1"]:
        assert neutralise_formula(cell).startswith("'"), cell
    assert neutralise_formula("罚款5000元") == "罚款5000元"
