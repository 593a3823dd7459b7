"""Validation of the inspections and supervision feeds: each problem names file, row, column,
what was expected and what was found; the inspections key is (任务编号, 代码 or 名称)."""

from __future__ import annotations

from pathlib import Path

from gongshi.feeds import ProblemLog, load_feeds
from gongshi.privacy import make_public
from tests.feedkit import TASK_A, inspections, supervision, write_feeds


def load(tmp_path: Path, inspection_rows=None, supervision_rows=None):  # noqa: ANN001, ANN201
    log = ProblemLog()
    tables = load_feeds(write_feeds(tmp_path / "feeds", inspection_rows=inspection_rows or inspections(),
                                    supervision_rows=supervision_rows or supervision()), log)
    return tables, log


def test_clean_feeds_load_without_problems(tmp_path: Path) -> None:
    tables, log = load(tmp_path)
    assert log.problems == []
    assert len(tables["inspections"]) == 5 and len(tables["supervision"]) == 5
    # a blank 检查对象类别 stays blank in the feed; the privacy stage tells it by the name (RULES.md):
    # a business name is an organisation; the three unit headers are one column
    assert tables["inspections"].frame["subject_type"].tolist()[1] == ""
    assert make_public(tables)["inspections"].frame["subject_type"].tolist()[1] == "法人及非法人组织"
    assert tables["supervision"].frame["unit"].tolist()[2] == "江临市生态环境局"


def test_bad_enum_missing_required_and_out_of_range_name_file_row_column(tmp_path: Path) -> None:
    rows = inspections()
    rows[0]["检查结果"] = "合格"  # row 2: not one of the national results
    rows[1]["任务名称"] = ""  # row 3: required blank
    outcomes = supervision()
    outcomes[0]["得分"] = "120"  # row 2: above 100
    outcomes[1]["等次"] = "较好"  # row 3: not a grade
    _, log = load(tmp_path, rows, outcomes)
    found = {(p.file.split("/")[-1], p.row, p.column): p for p in log.errors}
    assert set(found) == {("inspections.csv", 2, "检查结果"), ("inspections.csv", 3, "任务名称"),
                          ("supervision.csv", 2, "得分"), ("supervision.csv", 3, "等次")}
    assert found["inspections.csv", 2, "检查结果"].found == "合格"
    assert "未发现问题" in found["inspections.csv", 2, "检查结果"].expected
    assert found["supervision.csv", 2, "得分"].expected == "0 到 100 之间的数"
    assert "应为必填值，实际为「空白」" in str(found["inspections.csv", 3, "任务名称"])


def test_duplicate_key_uses_the_code_or_else_the_name(tmp_path: Path) -> None:
    rows = inspections()
    rows.append(dict(rows[0], 检查结果="未发现问题"))  # row 7: same task, same 统一社会信用代码
    rows.append(dict(rows[3]))  # row 8: same task, no code, same name (a natural person)
    rows.append(dict(rows[3], 任务编号="JL-SJ-2026-009", 任务名称="另一任务"))  # row 9: another task: fine
    _, log = load(tmp_path, rows)
    problems = sorted(log.errors)
    key = "任务编号、统一社会信用代码（无则）检查对象名称"
    assert [(p.row, p.column) for p in problems] == [(7, key), (8, key)]
    assert problems[0].found.startswith(f"{TASK_A} / 91339900MA2B3C4D5")
    assert "已出现在 feeds/inspections.csv 第 2 行" in problems[0].expected
    assert problems[1].found == f"{TASK_A} / 陈大文"


def test_duplicate_supervision_outcome(tmp_path: Path) -> None:
    outcomes = supervision()
    outcomes.append(dict(outcomes[3], 得分="90"))  # row 7: same 类型, 项目名称, 单位
    _, log = load(tmp_path, supervision_rows=outcomes)
    (problem,) = log.errors
    assert problem.row == 7 and problem.column == "类型、项目名称、被评查单位"


def test_free_text_of_supervision_is_scrubbed_although_it_has_no_party(tmp_path: Path) -> None:
    tables, _ = load(tmp_path)
    public = make_public(tables)["supervision"].frame
    assert public["findings"].tolist()[0] == "部分案卷缺少送达回证；承办人联系电话〔手机号码已隐去〕写入卷宗封面"
