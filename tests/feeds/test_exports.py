"""Real exports in, nothing lost: the files staff actually commit (workbooks of every kind,
templates with title rows and two-row headers, hidden parts, GB18030 and UTF-16 text), each
read to the same published values as a plain CSV, or refused with a problem naming the place."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from gongshi.feeds import ProblemLog, load_feeds
from gongshi.feeds.problems import Problem, Severity
from tests.feedkit import csv_bytes, officers, penalties, write_feeds

OFFICER_HEADERS = list(officers()[0]) + ["状态变更日期"]


def load(feeds: Path):  # noqa: ANN201
    log = ProblemLog()
    return load_feeds(feeds, log), log


def values(frame: pd.DataFrame) -> list[dict]:
    """The typed records, without where they came from."""
    return frame.drop(columns=["_file", "_sheet", "_row"]).to_dict("records")


def expected_officers(tmp_path: Path) -> list[dict]:
    tables, log = load(write_feeds(tmp_path / "csv"))
    assert not log.errors
    return values(tables["officers"].frame)


def officer_grid(headers: list[str] | None = None) -> list[list]:
    headers = headers or OFFICER_HEADERS
    return [headers] + [[row.get(h, "") for h in headers] for row in officers()]


def save_xlsx(path: Path, sheets: dict[str, list[list]], hide=None) -> Workbook:  # noqa: ANN001
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    if hide:
        hide(book)
    book.save(path)
    return book


def grid_of(rows: list[dict]) -> list[list]:
    headers = list(dict.fromkeys(k for row in rows for k in row))
    return [headers] + [[row.get(h, "") for h in headers] for row in rows]


def officers_only(tmp_path: Path) -> Path:
    feeds = write_feeds(tmp_path / "feeds")
    (feeds / "officers.csv").unlink()
    return feeds


def problems_of(log: ProblemLog, severity: Severity) -> list[Problem]:
    return [p for p in log.problems if p.severity is severity]


# -- 1. nothing lost ---------------------------------------------------------------------------
def test_misnamed_files_are_errors_with_the_name_they_should_have(tmp_path: Path) -> None:
    feeds = write_feeds(tmp_path / "feeds", penalty_rows=[])
    (feeds / "penalties.csv").unlink()
    (feeds / "penalty").mkdir()
    (feeds / "penalty" / "2026-03.csv").write_bytes(csv_bytes(penalties()))
    (feeds / "officers.csv").rename(feeds / "officer.csv")
    (feeds / "powers.json").write_text("[]")
    _, log = load(feeds)
    found = {p.file: p.found for p in log.errors}
    assert "是否应为「penalties」" in found["feeds/penalty/2026-03.csv"]
    assert "是否应为「officers」" in found["feeds/officer.csv"]
    assert "无法读取" in found["feeds/powers.json"]
    assert found[str(feeds / "officers")] == "不存在"  # officer.csv is not taken for it


def test_dataset_names_match_case_insensitively_and_non_feeds_are_left_alone(tmp_path: Path) -> None:
    feeds = write_feeds(tmp_path / "feeds")
    (feeds / "officers.csv").rename(feeds / "OFFICERS.CSV")
    (feeds / "README.md").write_text("说明")
    (feeds / ".gitkeep").write_text("")
    (feeds / "~$penalties.xlsx").write_bytes(b"lock")
    (feeds / "calendar.csv").write_bytes(csv_bytes([{"日期": "2027-01-01", "类型": "休", "说明": "元旦"}]))
    tables, log = load(feeds)
    assert log.problems == []
    assert len(tables["officers"]) == 3 and tables["calendar"].frame["date"].tolist() == ["2027-01-01"]


def test_header_only_file_is_a_warning_naming_it(tmp_path: Path) -> None:
    feeds = write_feeds(tmp_path / "feeds", penalty_rows=[])
    (feeds / "penalties.csv").write_bytes(csv_bytes([], headers=list(penalties()[0])))
    tables, log = load(feeds)
    assert not log.errors and len(tables["penalties"]) == 0
    (warning,) = log.warnings
    assert warning.file == "feeds/penalties.csv" and "只有表头" in warning.found


# -- 2. formats --------------------------------------------------------------------------------
@pytest.mark.parametrize("suffix", [".xlsx", ".xlsm"])
def test_xlsx_and_xlsm_publish_the_csv_values(tmp_path: Path, suffix: str) -> None:
    feeds = officers_only(tmp_path)
    save_xlsx(feeds / f"officers{suffix}", {"Sheet1": officer_grid()})
    tables, log = load(feeds)
    assert log.problems == []
    assert values(tables["officers"].frame) == expected_officers(tmp_path)


def test_xls_publishes_the_csv_values_and_skips_its_hidden_row_and_sheet(tmp_path: Path) -> None:
    import xlwt

    feeds = officers_only(tmp_path)
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("人员")
    grid = officer_grid()
    grid.insert(2, ["已删除", "33990009000009", "江临市市场监督管理局", "", "", "", "2022-02-05", "2027-01-01"])
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    sheet.row(2).hidden = True
    old = book.add_sheet("旧名单")
    for c, value in enumerate(grid[0]):
        old.write(0, c, value)
    old.write(1, 0, "离职人员")
    old.visibility = 1  # hidden
    book.save(str(feeds / "officers.xls"))
    tables, log = load(feeds)
    assert not log.errors, log.report()
    assert values(tables["officers"].frame) == expected_officers(tmp_path)
    assert sorted(p.found for p in log.warnings) == ["隐藏工作表「旧名单」", "隐藏行 3"]


def test_ods_publishes_the_csv_values(tmp_path: Path) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    feeds = officers_only(tmp_path)
    document = OpenDocumentSpreadsheet()
    table = Table(name="人员")
    for row in officer_grid():
        element = TableRow()
        for value in row:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=value))
            element.addElement(cell)
        table.addElement(element)
    document.spreadsheet.addElement(table)
    document.save(str(feeds / "officers.ods"))
    tables, log = load(feeds)
    assert log.problems == []
    assert values(tables["officers"].frame) == expected_officers(tmp_path)


def test_gb18030_with_small_form_brackets_and_rare_characters_is_read(tmp_path: Path) -> None:
    rows = penalties()[:2]
    rows[0]["决定书文号"] = "江临市监罚﹝2026﹞101号"  # U+FE5D/FE5E, as some systems export 〔〕
    rows[1]["当事人名称"] = "江临市𠮷祥𬌗科技有限公司"  # U+20BB7 and U+2C317: four bytes in GB18030
    feeds = write_feeds(tmp_path / "feeds")
    (feeds / "penalties.csv").write_bytes(csv_bytes(rows, "gb18030"))
    tables, log = load(feeds)
    assert not log.errors, log.report()
    frame = tables["penalties"].frame
    assert frame["decision_no"].tolist()[0] == "江临市监罚﹝2026﹞101号"
    assert frame["party_name"].tolist()[1] == "江临市𠮷祥𬌗科技有限公司"


def test_text_that_is_not_chinese_is_still_refused(tmp_path: Path) -> None:
    feeds = write_feeds(tmp_path / "feeds")
    # decodes as GB18030, but into the private-use area and control characters: not text
    (feeds / "officers.csv").write_bytes("姓名,执法证号\n".encode("gb18030") + b"\xfe\xfe\x01\x02,\xaa\xa1\n")
    tables, log = load(feeds)
    (error,) = log.errors
    assert error.file == "feeds/officers.csv" and error.row == 2 and error.column == "姓名"
    assert "GB18030" in error.found


def test_utf16_tab_separated_unicode_text_is_a_feed(tmp_path: Path) -> None:
    feeds = officers_only(tmp_path)
    text = "\r\n".join("\t".join(row) for row in officer_grid()) + "\r\n"
    (feeds / "officers.txt").write_bytes(text.encode("utf-16"))  # with BOM, as Excel writes it
    tables, log = load(feeds)
    assert log.problems == []
    assert values(tables["officers"].frame) == expected_officers(tmp_path)


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_delimiters_are_sniffed_from_the_header(tmp_path: Path, delimiter: str) -> None:
    feeds = officers_only(tmp_path)
    rows = officer_grid()
    rows[1][4] = "江临市,临江区"  # a comma inside a cell must not split it
    text = "江临市执法人员名单\n" + "\n".join(delimiter.join(row) for row in rows) + "\n"
    (feeds / "officers.csv").write_text(text, "utf-8")
    tables, log = load(feeds)
    assert not log.errors and not log.warnings, log.report()
    assert tables["officers"].frame["region"].tolist()[0] == "江临市,临江区"


def test_encoding_error_names_the_line_and_the_column(tmp_path: Path) -> None:
    feeds = write_feeds(tmp_path / "feeds")
    rows = officers()
    data = csv_bytes(rows).replace("李秀英".encode(), b"\xff\xfe")
    (feeds / "officers.csv").write_bytes(data)
    _, log = load(feeds)
    (error,) = log.errors
    assert (error.file, error.row, error.column) == ("feeds/officers.csv", 3, "姓名")


# -- 3. templates ------------------------------------------------------------------------------
def test_template_title_instructions_two_row_header_and_markers(tmp_path: Path) -> None:
    feeds = write_feeds(tmp_path / "feeds")
    rows = penalties()[:3]
    plain, *records = grid_of(rows)
    headers = ["*" + h if h in ("决定书文号", "当事人名称") else h + "（必填）" if h == "处罚决定日期" else h
               for h in plain]
    headers[plain.index("当事人名称")] = "行政相对人名称"  # the national template's name
    codes = {"决定书文号": "CF_WSH", "当事人名称": "CF_XDR_MC", "处罚决定日期": "CF_JDRQ"}
    grid = [["江临市行政处罚决定信息公示表"], ["填表说明：带*为必填项，日期格式为 2026-01-01"],
            headers, [codes.get(h, "") for h in plain]] + records
    save_xlsx(feeds / "penalties.xlsx", {"处罚决定": grid})
    tables, log = load(feeds)
    csv_tables, _ = load(write_feeds(tmp_path / "csv", penalty_rows=rows))
    assert not log.errors and not log.warnings, log.report()
    assert values(tables["penalties"].frame) == values(csv_tables["penalties"].frame)
    assert tables["penalties"].frame["_row"].tolist() == [5, 6, 7]
    (note,) = log.notes
    assert note.sheet == "处罚决定" and "表头在第 3 行，数据从第 5 行起" in note.found


def test_codes_row_above_the_chinese_names_works_too(tmp_path: Path) -> None:
    feeds = write_feeds(tmp_path / "feeds")
    rows = penalties()[:2]
    codes = {"决定书文号": "CF_WSH", "当事人名称": "CF_XDR_MC"}
    grid = [[codes.get(h, "") for h in rows[0]], list(rows[0])] + [[r[h] for h in rows[0]] for r in rows]
    save_xlsx(feeds / "penalties.xlsx", {"Sheet1": grid})
    tables, log = load(feeds)
    assert not log.errors and not log.warnings, log.report()
    assert tables["penalties"].frame["decision_no"].tolist() == ["江临市监罚〔2026〕101号", "江临市监罚〔2026〕102号"]


def test_merged_group_header_above_sub_headers(tmp_path: Path) -> None:
    from openpyxl.utils import get_column_letter

    feeds = officers_only(tmp_path)
    grid = officer_grid()
    headers = grid[0]
    # row 1: a group cell 人员信息 merged over A1:C1, every other header merged over two rows;
    # row 2: the group's sub-headers (姓名, 执法证号, 所属单位)
    group = ["人员信息", "", ""] + headers[3:]
    grid[0] = headers[:3] + [""] * (len(headers) - 3)

    def merge(book: Workbook) -> None:
        sheet = book["人员"]
        sheet.merge_cells("A1:C1")
        for column in range(4, len(headers) + 1):
            letter = get_column_letter(column)
            sheet.merge_cells(f"{letter}1:{letter}2")

    save_xlsx(feeds / "officers.xlsx", {"人员": [group] + grid}, hide=merge)
    tables, log = load(feeds)
    assert not log.errors and not log.warnings, log.report()
    assert values(tables["officers"].frame) == expected_officers(tmp_path)
    assert tables["officers"].frame["_row"].tolist() == [3, 4, 5]


def test_data_sheet_chosen_by_header_and_every_matching_sheet_read(tmp_path: Path) -> None:
    feeds = officers_only(tmp_path)
    grid = officer_grid()
    save_xlsx(feeds / "officers.xlsx", {"填报说明": [["本表用于填报执法人员"], ["姓名：执法人员的姓名"]],
                                        "一月": grid[:3], "二月": [grid[0], grid[3]]})
    tables, log = load(feeds)
    assert not log.errors and not log.warnings, log.report()
    frame = tables["officers"].frame
    assert values(frame) == expected_officers(tmp_path)
    assert list(zip(frame["_sheet"], frame["_row"])) == [("一月", 2), ("一月", 3), ("二月", 2)]
    assert {p.sheet for p in log.notes} == {"一月", "二月"}


# -- 4. hidden things ----------------------------------------------------------------------------
def test_hidden_sheets_rows_and_columns_are_not_published_and_are_named(tmp_path: Path) -> None:
    feeds = officers_only(tmp_path)
    grid = officer_grid()
    grid.insert(2, ["筛掉的人", "33990009000009", "江临市市场监督管理局", "", "", "", "", "2027-01-01"])

    def hide(book: Workbook) -> None:
        book["人员"].row_dimensions[3].hidden = True
        book["人员"].column_dimensions["J"].hidden = True  # 手机号码
        book["人员"].column_dimensions["L"].hidden = True  # an internal column
        book["旧表"].sheet_state = "hidden"
        book["草稿"].sheet_state = "veryHidden"

    headers = grid[0]
    grid[0] = headers + ["内部备注"]
    for row in grid[1:]:
        row.append("仅内部可见")
    save_xlsx(feeds / "officers.xlsx", {"人员": grid, "旧表": officer_grid(), "草稿": officer_grid()}, hide=hide)
    tables, log = load(feeds)
    assert not log.errors, log.report()
    frame = tables["officers"].frame
    assert frame["name"].tolist() == ["王建国", "李秀英", "赵敏"] and len(frame) == 3
    found = sorted(p.found for p in log.warnings)
    assert found == ["隐藏列 J（手机号码）、L（内部备注）", "隐藏工作表「旧表」", "隐藏工作表「草稿」", "隐藏行 3"]
    assert frame["mobile"].tolist() == ["", "", ""]  # the hidden column is not read


def _rewrite(path: Path, part: str, change) -> None:  # noqa: ANN001
    """Edit one XML part inside a workbook: what Excel and other writers produce, but openpyxl
    does not."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, change(data) if item.filename == part else data)
    path.write_bytes(buffer.getvalue())


def test_a_stale_dimension_record_does_not_cut_the_sheet(tmp_path: Path) -> None:
    feeds = officers_only(tmp_path)
    save_xlsx(feeds / "officers.xlsx", {"人员": officer_grid()})
    _rewrite(feeds / "officers.xlsx", "xl/worksheets/sheet1.xml",
             lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:C2"', xml))
    tables, log = load(feeds)
    assert log.problems == []
    assert values(tables["officers"].frame) == expected_officers(tmp_path)


# -- 5. cell types -----------------------------------------------------------------------------
def test_a_code_typed_as_a_number_is_an_error_naming_the_cell(tmp_path: Path) -> None:
    feeds = write_feeds(tmp_path / "feeds")
    rows = penalties()[:2]
    grid = [list(rows[0])] + [[r[h] for h in rows[0]] for r in rows]
    column = list(rows[0]).index("统一社会信用代码")
    grid[2][column] = 914403001922038216  # Excel keeps 914403001922038000
    save_xlsx(feeds / "penalties.xlsx", {"Sheet1": grid})
    _, log = load(feeds)
    (error,) = log.errors
    letter = chr(ord("A") + column)
    assert (error.file, error.sheet, error.row, error.column) == ("feeds/penalties.xlsx", "Sheet1", 3, "统一社会信用代码")
    assert f"单元格 {letter}3 是数字" in error.found and "文本" in error.expected


def test_certificate_number_with_a_lost_leading_zero_is_an_error(tmp_path: Path) -> None:
    feeds = officers_only(tmp_path)
    grid = officer_grid()
    grid[1][1] = 3990003000001  # 03990003000001 typed into a number cell
    save_xlsx(feeds / "officers.xlsx", {"人员": grid})
    _, log = load(feeds)
    assert [(p.row, p.column, p.found) for p in log.errors] == [(2, "执法证号", "单元格 B2 是数字 3990003000001")]


def test_formula_without_saved_value_is_an_error_naming_the_cell(tmp_path: Path) -> None:
    feeds = write_feeds(tmp_path / "feeds")
    rows = penalties()[:2]
    grid = [list(rows[0])] + [[r[h] for h in rows[0]] for r in rows]
    column = list(rows[0]).index("罚款金额（万元）")
    grid[1][column] = "=5000/10000"  # openpyxl saves no result, as some generators do
    save_xlsx(feeds / "penalties.xlsx", {"Sheet1": grid})
    _, log = load(feeds)
    (error,) = log.errors
    letter = chr(ord("A") + column)
    assert (error.row, error.column) == (2, "罚款金额（万元）")
    assert f"单元格 {letter}2 是公式" in error.found


def test_float_artefacts_dates_serials_and_full_width_dates(tmp_path: Path) -> None:
    feeds = write_feeds(tmp_path / "feeds")
    rows = penalties()[:4]
    grid = grid_of(rows)
    headers = grid[0]
    fine, decided = headers.index("罚款金额（万元）"), headers.index("处罚决定日期")
    grid[1][fine], grid[1][decided] = 3.3, dt.datetime(2026, 10, 20)
    grid[2][decided] = 46315  # an Excel serial number: 2026-10-20
    grid[3][decided] = "２０２６-１０-２０"
    grid[4][decided] = "２０２６／１０／２０"
    save_xlsx(feeds / "penalties.xlsx", {"Sheet1": grid})
    _rewrite(feeds / "penalties.xlsx", "xl/worksheets/sheet1.xml",
             lambda xml: xml.replace(b"<v>3.3</v>", b"<v>3.3000000000000003</v>"))
    tables, log = load(feeds)
    assert not log.errors, log.report()
    frame = tables["penalties"].frame
    assert frame["fine"].tolist()[0] == "3.3"
    assert frame["decided_on"].tolist() == ["2026-10-20"] * 4


def test_totals_row_is_reported_and_not_published(tmp_path: Path) -> None:
    rows = penalties()[:2]
    feeds = write_feeds(tmp_path / "feeds")
    data = csv_bytes(rows) + ",".join(["合计"] + [""] * (len(rows[0]) - 1)).encode() + b"\r\n"
    (feeds / "penalties.csv").write_bytes(data)
    tables, log = load(feeds)
    assert not log.errors, log.report()
    assert len(tables["penalties"]) == 2
    (warning,) = log.warnings
    assert (warning.file, warning.row, warning.found) == ("feeds/penalties.csv", 4, "合计行")


# -- 6. problems name the place, never crash ---------------------------------------------------
def test_file_level_and_row_level_problems_sort_together(tmp_path: Path) -> None:
    log = ProblemLog()
    log.error("a.csv", 3, "姓名", "必填值", "空白")
    log.error("a.csv", None, "", "可读取的文件", "已损坏")
    log.error("a.xlsx", 2, "姓名", "必填值", "空白", sheet="表1")
    assert [p.row for p in log.errors] == [None, 3, 2]
    assert "共 3 个错误" in log.report()


def test_an_oversize_cell_is_an_error_naming_the_row(tmp_path: Path) -> None:
    feeds = write_feeds(tmp_path / "feeds")
    data = csv_bytes(officers()) + b'"\xe7\x8e\x8b' + b"x" * 200_000 + b"\r\n"  # a quote never closed
    (feeds / "officers.csv").write_bytes(data)
    _, log = load(feeds)
    (error,) = log.errors
    assert error.file == "feeds/officers.csv" and error.row is not None and error.row >= 5
    assert "超过" in error.found and "引号" in error.found


def test_password_protected_and_damaged_workbooks_are_told_apart(tmp_path: Path) -> None:
    feeds = write_feeds(tmp_path / "feeds")
    # what Excel writes for a workbook with an opening password: an OLE2 container, whatever the name
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    (feeds / "penalties.xlsx").write_bytes(header + "EncryptedPackage".encode("utf-16-le") + b"\0" * 512)
    (feeds / "inspections.xlsx").write_bytes(b"PK\x03\x04" + b"\0" * 100)
    _, log = load(feeds)
    found = {p.file: p.found for p in log.errors}
    assert set(found) == {"feeds/penalties.xlsx", "feeds/inspections.xlsx"}
    assert "已加密" in found["feeds/penalties.xlsx"]
    assert "已损坏" in found["feeds/inspections.xlsx"]


def test_officers_xls_is_read_not_reported_missing(tmp_path: Path) -> None:
    import xlwt

    feeds = officers_only(tmp_path)
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    for r, row in enumerate(officer_grid()):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.save(str(feeds / "officers.xls"))
    tables, log = load(feeds)
    assert log.problems == [] and len(tables["officers"]) == 3


def test_same_decision_with_other_brackets_in_two_files_names_both_rows(tmp_path: Path) -> None:
    feeds = write_feeds(tmp_path / "feeds")
    rows = penalties()
    (feeds / "penalties").mkdir()
    (feeds / "penalties" / "a.csv").write_bytes(csv_bytes(rows[:2]))
    moved = dict(rows[0], 决定书文号="江临市监罚[2026]101号")
    (feeds / "penalties" / "b.csv").write_bytes(csv_bytes([rows[2], moved]))
    _, log = load(feeds)
    (error,) = log.errors
    assert (error.file, error.row, error.column) == ("feeds/penalties/b.csv", 3, "决定书文号")
    assert "feeds/penalties/a.csv 第 2 行" in error.expected and error.found == "江临市监罚[2026]101号"


def test_utf16_without_its_bom_is_refused_not_read_as_garbage(tmp_path: Path) -> None:
    feeds = write_feeds(tmp_path / "feeds")
    (feeds / "officers.csv").write_bytes(csv_bytes(officers()).decode().encode("utf-16-le"))
    _, log = load(feeds)
    (error,) = log.errors
    assert error.file == "feeds/officers.csv" and "UTF-16" in error.found


def test_an_xls_saved_under_an_xlsx_name_is_read(tmp_path: Path) -> None:
    import xlwt

    feeds = officers_only(tmp_path)
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    for r, row in enumerate(officer_grid()):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.save(str(feeds / "officers.xlsx"))
    tables, log = load(feeds)
    assert log.problems == []
    assert values(tables["officers"].frame) == expected_officers(tmp_path)


def test_a_code_table_sheet_naming_two_columns_is_not_taken_for_data(tmp_path: Path) -> None:
    feeds = officers_only(tmp_path)
    save_xlsx(feeds / "officers.xlsx", {"人员": officer_grid(),
                                        "代码表": [["证件状态", "执法类别"], ["有效", "市场监管综合执法"], ["暂扣", ""]]})
    tables, log = load(feeds)
    assert not log.errors and not log.warnings, log.report()
    assert values(tables["officers"].frame) == expected_officers(tmp_path)
    (note,) = log.notes
    assert note.sheet == "代码表" and "未读取" in note.found


def test_ods_hidden_rows_and_columns_are_skipped(tmp_path: Path) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import P

    feeds = officers_only(tmp_path)
    grid = officer_grid()
    grid.insert(2, ["筛掉的人", "33990009000009", "江临市市场监督管理局", "", "", "", "", "2027-01-01"])
    document = OpenDocumentSpreadsheet()
    table = Table(name="人员")
    width = len(grid[0])
    table.addElement(TableColumn(numbercolumnsrepeated=width - 1))
    table.addElement(TableColumn(visibility="collapse"))  # the last column: 状态变更日期
    for number, row in enumerate(grid):
        element = TableRow(visibility="collapse") if number == 2 else TableRow()
        for value in row:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=value))
            element.addElement(cell)
        table.addElement(element)
    document.spreadsheet.addElement(table)
    document.save(str(feeds / "officers.ods"))
    tables, log = load(feeds)
    assert not log.errors, log.report()
    frame = tables["officers"].frame
    assert frame["name"].tolist() == ["王建国", "李秀英", "赵敏"]
    assert frame["status_changed_on"].tolist() == ["", "", ""]  # 2025-09-01 was in the hidden column
    assert sorted(p.found for p in log.warnings) == ["隐藏列 K（状态变更日期）", "隐藏行 3"]


def test_unused_columns_hidden_up_to_the_last_are_not_reported(tmp_path: Path) -> None:
    feeds = officers_only(tmp_path)
    save_xlsx(feeds / "officers.xlsx", {"人员": officer_grid()})
    # what Excel writes when every column right of the table is hidden
    _rewrite(feeds / "officers.xlsx", "xl/worksheets/sheet1.xml",
             lambda xml: xml.replace(b"<sheetData", b'<cols><col min="12" max="16384" hidden="1"/></cols><sheetData', 1))
    tables, log = load(feeds)
    assert log.problems == []
    assert values(tables["officers"].frame) == expected_officers(tmp_path)


@pytest.mark.parametrize(("typed", "published"), [("5000元", "0.5"), ("0.5万元", "0.5"), ("5,000 元", "0.5"),
                                                  ("１.２万", "1.2"), ("0.5", "0.5")])
def test_an_amount_written_with_its_unit_is_converted_to_the_columns_unit(tmp_path: Path, typed: str,
                                                                          published: str) -> None:
    rows = penalties()[:1]
    rows[0]["罚款金额（万元）"] = typed
    tables, log = load(write_feeds(tmp_path, penalty_rows=rows))
    assert not log.errors and not log.warnings
    assert tables["penalties"].frame["fine"].tolist() == [published]


def test_an_implausible_plain_amount_in_wanyuan_is_published_as_written_with_a_warning(tmp_path: Path) -> None:
    rows = penalties()[:3]
    rows[0]["罚款金额（万元）"] = "5000"  # 元 meant: 5000万元 would make the decision 重大
    rows[1]["罚款金额（万元）"] = "5000万元"  # written with the unit: staff meant it
    tables, log = load(write_feeds(tmp_path, penalty_rows=rows))
    assert not log.errors
    assert tables["penalties"].frame["fine"].tolist()[:2] == ["5000", "5000"]
    [warning] = log.warnings
    assert warning.file.endswith("penalties.csv") and (warning.row, warning.column) == (2, "罚款金额（万元）")
    assert "50,000,000元" in str(warning) and "0.5" in str(warning)


def test_an_amount_that_is_no_number_names_the_cell(tmp_path: Path) -> None:
    rows = penalties()[:1]
    rows[0]["罚款金额（万元）"] = "五千元"
    _, log = load(write_feeds(tmp_path, penalty_rows=rows))
    [error] = log.errors
    assert (error.row, error.column, error.found) == (2, "罚款金额（万元）", "五千元")
    assert "5000元" in error.expected
