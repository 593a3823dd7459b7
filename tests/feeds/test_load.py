from __future__ import annotations

from pathlib import Path

from gongshi.feeds import ProblemLog, load_feeds
from gongshi.feeds.problems import Severity
from tests.feedkit import AGENCY_A, agencies, csv_bytes, officers, powers, write_feeds


def load(feeds: Path) -> tuple[dict, ProblemLog]:
    log = ProblemLog()
    return load_feeds(feeds, log).tables, log


def test_clean_feeds_load_without_problems(tmp_path: Path) -> None:
    tables, log = load(write_feeds(tmp_path / "feeds"))
    assert log.problems == []
    assert len(tables["officers"]) == 3 and len(tables["agencies"]) == 2 and len(tables["powers"]) == 2
    assert tables["officers"].frame["agency_uscc"].tolist()[0] == tables["agencies"].frame["uscc"][0]


def test_header_aliases_codes_spaces_and_full_width_are_accepted(tmp_path: Path) -> None:
    renamed = [{("执法人员姓名" if k == "姓名" else " 执法证件号 " if k == "执法证号" else
                 "执法主体" if k == "所属单位" else "ｖａｌｉｄ＿ｕｎｔｉｌ" if k == "有效期至" else k): v
                for k, v in row.items()} for row in officers()]
    tables, log = load(write_feeds(tmp_path / "feeds", officer_rows=renamed))
    assert log.problems == []
    assert tables["officers"].frame["certificate_no"].tolist()[0] == "33990001000001"
    assert tables["officers"].frame["valid_until"].tolist()[0] == "2027-05-28"


def test_unknown_column_is_a_warning_and_is_not_kept(tmp_path: Path) -> None:
    rows = [dict(row, 家庭住址="江临市某路1号") for row in officers()]
    tables, log = load(write_feeds(tmp_path / "feeds", officer_rows=rows))
    assert not log.errors
    (warning,) = log.warnings
    assert warning.column == "家庭住址" and warning.file.endswith("officers.csv")
    assert "家庭住址" not in tables["officers"].frame.columns
    assert not any("江临市某路1号" in str(v) for v in tables["officers"].frame.to_numpy().ravel())


def test_every_problem_is_collected_with_file_row_column_expected_found(tmp_path: Path) -> None:
    rows = officers()
    rows[0]["有效期至"] = "2027-02-30"  # row 2: impossible date
    rows[1]["证件状态"] = "作废"  # row 3: not in the enum
    rows[2]["所属单位"] = "江临市不存在局"  # row 4: no such agency
    rows.append(dict(officers()[0], 姓名="重复的人"))  # row 5: repeated 执法证号
    rows.append(dict(officers()[0], 执法证号="33990009000009", 姓名=""))  # row 6: required blank
    _, log = load(write_feeds(tmp_path / "feeds", officer_rows=rows))
    found = {(p.row, p.column) for p in log.errors}
    assert found == {(2, "有效期至"), (3, "证件状态"), (4, "所属单位"), (5, "执法证号"), (6, "姓名")}
    by_row = {p.row: p for p in log.errors}
    assert by_row[2].found == "2027-02-30" and "日期" in by_row[2].expected
    assert "已出现在 feeds/officers.csv 第 2 行" in by_row[5].expected
    assert str(by_row[3]).startswith("错误 feeds/officers.csv:3 列「证件状态」: 应为以下之一：有效 / 暂扣 / 注销 / 吊销")


def test_missing_required_column_names_the_file(tmp_path: Path) -> None:
    rows = [{k: v for k, v in row.items() if k != "有效期至"} for row in officers()]
    _, log = load(write_feeds(tmp_path / "feeds", officer_rows=rows))
    (problem,) = log.errors
    assert problem.row is None and problem.column == "有效期至" and problem.found == "缺少该列"


def test_uscc_failing_its_check_digit_is_a_warning_but_bad_shape_is_an_error(tmp_path: Path) -> None:
    rows = agencies()
    rows[0]["统一社会信用代码"] = "91350100M0001TGQXM"  # a real early pilot code (RULES.md)
    rows[1]["统一社会信用代码"] = "12345"
    _, log = load(write_feeds(tmp_path / "feeds", agency_rows=rows))
    assert [(p.severity, p.row) for p in log.problems if p.column == "统一社会信用代码"] == [
        (Severity.WARNING, 2), (Severity.ERROR, 3)]


def test_officer_may_name_its_agency_by_uscc(tmp_path: Path) -> None:
    rows = officers()
    rows[0]["所属单位"] = agencies()[0]["统一社会信用代码"].lower()
    tables, log = load(write_feeds(tmp_path / "feeds", officer_rows=rows))
    assert not log.errors
    assert tables["officers"].frame["agency_uscc"][0] == agencies()[0]["统一社会信用代码"]


def test_certificate_number_that_cannot_be_a_url_is_an_error(tmp_path: Path) -> None:
    rows = officers()
    rows[0]["执法证号"] = "../../etc/passwd"
    _, log = load(write_feeds(tmp_path / "feeds", officer_rows=rows))
    assert [(p.row, p.column) for p in log.errors] == [(2, "执法证号")]


def test_missing_feed_is_an_error(tmp_path: Path) -> None:
    feeds = write_feeds(tmp_path / "feeds")
    (feeds / "powers.csv").unlink()
    _, log = load(feeds)
    assert [p.file for p in log.errors] == [str(feeds / "powers")]


def test_power_agency_must_exist_and_kind_must_be_known(tmp_path: Path) -> None:
    rows = powers()
    rows[0]["实施主体"] = "某某局"
    rows[1]["事项类别"] = "行政命令"
    _, log = load(write_feeds(tmp_path / "feeds", power_rows=rows))
    assert {(p.row, p.column) for p in log.errors} == {(2, "实施主体"), (3, "事项类别")}


def test_row_with_more_cells_than_headers_is_an_error_not_dropped(tmp_path: Path) -> None:
    feeds = write_feeds(tmp_path / "feeds")
    data = (feeds / "agencies.csv").read_bytes() + "多出来的行,x,x,x,x,x,x,x,x,x,x,x,x,x,x\r\n".encode()
    (feeds / "agencies.csv").write_bytes(data)
    _, log = load(feeds)
    assert [p.row for p in log.errors] == [4]


def test_blank_lines_are_not_records(tmp_path: Path) -> None:
    feeds = write_feeds(tmp_path / "feeds")
    data = csv_bytes(officers()).replace(b"\r\n", b"\r\n\r\n", 1)
    (feeds / "officers.csv").write_bytes(data)
    tables, log = load(feeds)
    assert not log.errors
    assert tables["officers"].frame["_row"].tolist() == [3, 4, 5]
    assert tables["agencies"].frame["name"][0] == agencies()[0]["主体名称"] and AGENCY_A


def test_slugs_of_a_key_column_are_pages_urls_slugs() -> None:
    """The feeds stage computes the URL slugs of a whole column at once; the pages stage names
    each page with pages.urls.slug: they must agree, or a clash would go unreported."""
    from gongshi.pages.urls import slug, slug_all

    texts = ["江临市监罚〔2026〕12号", "ＡＢ－１２", "--x--", "", "〔〕", "a\nb", "é\u0301x", "ﬁ ½", "Ⅻ号",
             "江临 市\t监罚（2026）12号 ", "\u3000号\u3000"]
    assert slug_all(texts) == [slug(text) for text in texts]
    assert slug_all([t for t in texts if "\n" not in t]) == [slug(t) for t in texts if "\n" not in t]
    assert slug_all([]) == []
