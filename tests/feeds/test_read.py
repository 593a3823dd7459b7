from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from gongshi.feeds import ProblemLog, load_feeds
from gongshi.feeds.read import decode_csv_bytes, read_feed_file
from tests.feedkit import csv_bytes, officers, write_feeds


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_csv_encodings_met_in_practice_decode_to_the_same_text(encoding: str) -> None:
    text, _ = decode_csv_bytes("姓名,执法证号\n王建国,33990001000001\n".encode(encoding))
    assert text == "姓名,执法证号\n王建国,33990001000001\n"


def test_undecodable_file_is_an_error_naming_line_column_and_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "officers.csv"
    path.write_bytes("姓名\n王".encode() + b"\xff\xfe\xfd\x80\n")
    log = ProblemLog()
    assert read_feed_file(path, "officers.csv", log) == []
    (problem,) = log.errors
    assert (problem.file, problem.row, problem.column) == ("officers.csv", 2, "姓名")
    assert "字节偏移 10 处" in problem.found  # 姓名\n王 is 10 bytes of UTF-8; 0xff comes next


def test_gb18030_officer_feed_loads_with_same_values_as_utf8(tmp_path: Path) -> None:
    utf8 = write_feeds(tmp_path / "a")
    gb = write_feeds(tmp_path / "b")
    (gb / "officers.csv").write_bytes(csv_bytes(officers(), "gb18030"))
    a, b = ProblemLog(), ProblemLog()
    frame_a = load_feeds(utf8, a)["officers"].frame
    frame_b = load_feeds(gb, b)["officers"].frame
    assert not a.errors and not b.errors
    assert frame_a["name"].tolist() == frame_b["name"].tolist() == ["王建国", "李秀英", "赵敏"]


def test_xlsx_header_on_first_non_empty_row_and_excel_dates(tmp_path: Path) -> None:
    feeds = write_feeds(tmp_path)
    (feeds / "officers.csv").unlink()
    book = Workbook()
    sheet = book.active
    sheet.append([])
    sheet.append([])
    sheet.append(["姓名", "执法证号", "所属单位", "有效期至"])
    sheet.append(["王建国", "33990001000001", "江临市市场监督管理局", dt.datetime(2027, 5, 28)])
    sheet.append(["李秀英", "33990001000002", "江临市市场监督管理局", "2027年1月2日"])
    book.save(feeds / "officers.xlsx")
    log = ProblemLog()
    frame = load_feeds(feeds, log)["officers"].frame
    assert not log.errors, log.report()
    assert frame["certificate_no"].tolist() == ["33990001000001", "33990001000002"]
    assert frame["valid_until"].tolist() == ["2027-05-28", "2027-01-02"]
    assert frame["_row"].tolist() == [4, 5]  # as the spreadsheet shows them


def test_folder_of_files_is_concatenated_with_each_files_rows(tmp_path: Path) -> None:
    feeds = write_feeds(tmp_path)
    (feeds / "officers.csv").unlink()
    (feeds / "officers").mkdir()
    rows = officers()
    (feeds / "officers" / "a.csv").write_bytes(csv_bytes(rows[:2]))
    (feeds / "officers" / "b.csv").write_bytes(csv_bytes(rows[2:], "gb18030"))
    log = ProblemLog()
    frame = load_feeds(feeds, log)["officers"].frame
    assert not log.errors, log.report()
    assert frame["_file"].tolist() == [f"{feeds.name}/officers/a.csv"] * 2 + [f"{feeds.name}/officers/b.csv"]
    assert frame["_row"].tolist() == [2, 3, 2]
