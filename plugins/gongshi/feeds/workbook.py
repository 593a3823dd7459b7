"""Workbooks (.xlsx, .xlsm, .xls, .ods) as grids of cells, with what the spreadsheet hides.

Cell values come from python-calamine (one reader for all four formats, and fast: it does
not build a Python object per cell style). What calamine does not tell, which rows and
columns are hidden and which formulas have no saved result, is read from the file itself:
for .xlsx/.xlsm by scanning the sheet's XML for those few attributes (openpyxl would build
the whole workbook for them, and its read-only mode trusts a stale <dimension> record and
cuts the sheet short), for .xls with xlrd's row and column records, for .ods from the
table's row and column elements.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from .problems import UnreadableFeed

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
# An Office file with an opening password is an OLE2 container holding this stream, whatever
# its name says (.xlsx included).
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_ENCRYPTED = "文件已加密（设置了打开密码），无法读取；请取消密码后重新保存"
_DAMAGED = "文件已损坏，无法打开（{detail}）；请在 Excel 中打开并重新保存"


@dataclass
class Grid:
    """One sheet (or a text file) as rows of cells, before the header is found."""

    rows: list[list]
    name: str = ""  # the sheet's name; "" for a text file
    hidden: bool = False  # a hidden or very hidden sheet
    hidden_rows: set[int] = field(default_factory=set)  # 0-based row indices
    hidden_columns: set[int] = field(default_factory=set)  # 0-based column indices
    blank_formulas: set[tuple[int, int]] = field(default_factory=set)  # (row, column), 0-based
    typed: bool = False  # cells are numbers and dates as well as text


def column_letter(index: int) -> str:
    """0 -> "A", 26 -> "AA"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell_position(reference: str) -> tuple[int, int] | None:
    match = re.fullmatch(r"\$?([A-Z]{1,3})\$?(\d+)", reference)
    if not match:
        return None
    column = 0
    for letter in match.group(1):
        column = column * 26 + ord(letter) - 64
    return int(match.group(2)) - 1, column - 1


def hidden_sheet_names(grids: list[Grid]) -> list[str]:
    return [g.name for g in grids if g.hidden]


def read_grids(path: Path, sheet: str | None = None) -> list[Grid]:
    """Every worksheet of the workbook, in order (hidden ones without their cells).
    Raises UnreadableFeed for an encrypted, damaged or mistyped file."""
    import python_calamine

    data = path.read_bytes()
    if data.startswith(_OLE2_MAGIC):
        if _ENCRYPTED_STREAM in data:
            raise UnreadableFeed(_ENCRYPTED)
        kind = "xls"  # an .xls file, whatever its name says
    elif data.startswith(_ZIP_MAGIC):
        kind = "ods" if b"application/vnd.oasis.opendocument" in data[:200] else "xlsx"
    else:
        if not data:
            raise UnreadableFeed(_DAMAGED.format(detail="文件为空"))
        raise UnreadableFeed(_DAMAGED.format(detail="不是 Excel 或 ODS 文件的格式"))
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError as exc:
        raise UnreadableFeed(_ENCRYPTED) from exc
    except Exception as exc:  # calamine raises several kinds for a damaged file
        if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise UnreadableFeed(_ENCRYPTED) from exc
        raise UnreadableFeed(_DAMAGED.format(detail=exc)) from exc
    try:
        sheets = [m for m in book.sheets_metadata if m.typ == python_calamine.SheetTypeEnum.WorkSheet]
        if sheet is not None:
            if sheet not in [m.name for m in sheets]:
                raise UnreadableFeed(f"缺少工作表「{sheet}」")
            sheets = [m for m in sheets if m.name == sheet]
        grids = []
        for meta in sheets:
            hidden = meta.visible != python_calamine.SheetVisibleEnum.Visible
            rows = [] if hidden else book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
            grids.append(Grid(rows, meta.name, hidden, typed=True))
    except UnreadableFeed:
        raise
    except Exception as exc:
        raise UnreadableFeed(_DAMAGED.format(detail=exc)) from exc
    finally:
        book.close()
    visible = [g for g in grids if not g.hidden]
    try:
        if kind == "xlsx":
            _ooxml_hidden_parts(data, visible)
        elif kind == "xls":
            _xls_hidden_parts(data, visible)
        else:
            _ods_hidden_parts(data, visible)
    except (zipfile.BadZipFile, ElementTree.ParseError, KeyError, ValueError) as exc:
        raise UnreadableFeed(_DAMAGED.format(detail=exc)) from exc
    return grids


# -- .xlsx / .xlsm -----------------------------------------------------------------------------
_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}
_P = rb"(?:\w+:)?"  # elements may carry a namespace prefix (<x:row>)
_COL_TAG = re.compile(rb"<" + _P + rb"col\b([^>]*)>")
_ROW_TAG = re.compile(rb"<" + _P + rb"row\b([^>]*)>")
_FORMULA_TAG = re.compile(rb"<" + _P + rb"f\b")
_CELL_START = re.compile(rb"<" + _P + rb"c\b([^>]*)>")
_CELL_END = re.compile(rb"</" + _P + rb"c>")
_VALUE = re.compile(rb"<" + _P + rb"v>([^<]*)</" + _P + rb"v>")


def _attribute(attributes: bytes, name: bytes) -> str | None:
    match = re.search(rb"(?:^|\s)" + name + rb'="([^"]*)"', attributes)
    return match.group(1).decode() if match else None


def _true(value: str | None) -> bool:
    return value in ("1", "true")


def _ooxml_sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its XML part, from workbook.xml and its relationships."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.findall("rel:Relationship", _NS)}
    paths = {}
    for element in workbook.iterfind("m:sheets/m:sheet", _NS):
        target = targets.get(element.get(f"{{{_NS['r']}}}id"), "")
        paths[element.get("name")] = target.lstrip("/") if target.startswith("/") else \
            posixpath.normpath(posixpath.join("xl", target))
    return paths


def _ooxml_hidden_parts(data: bytes, grids: list[Grid]) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        paths = _ooxml_sheet_paths(archive)
        for grid in grids:
            xml = archive.read(paths[grid.name])
            start = xml.find(b"sheetData")
            head, body = (xml[:start], xml[start:]) if start >= 0 else (xml, b"")
            for match in _COL_TAG.finditer(head):
                if _true(_attribute(match.group(1), b"hidden")):
                    low, high = int(_attribute(match.group(1), b"min") or 1), int(_attribute(match.group(1), b"max") or 1)
                    grid.hidden_columns.update(range(low - 1, min(high, 16384)))
            if b'hidden="' in body:
                for number, match in enumerate(_ROW_TAG.finditer(body), start=1):
                    if _true(_attribute(match.group(1), b"hidden")):
                        grid.hidden_rows.add(int(_attribute(match.group(1), b"r") or number) - 1)
            if _FORMULA_TAG.search(body):
                grid.blank_formulas = _blank_formulas(body)


def _blank_formulas(body: bytes) -> set[tuple[int, int]]:
    """Cells holding a formula and no saved result (openpyxl and some generators write them
    so: a spreadsheet computes them on opening, a reader of the file gets nothing)."""
    found = set()
    for formula in _FORMULA_TAG.finditer(body):
        cell = None  # the last <c ...> opened before the formula: the cell holding it
        for match in _CELL_START.finditer(body, max(0, formula.start() - 400), formula.start()):
            cell = match
        end = _CELL_END.search(body, formula.start())
        if cell is None or end is None:
            continue
        value = _VALUE.search(body, formula.end(), end.start())
        cell_type = _attribute(cell.group(1), b"t")
        if value is None or (not value.group(1).strip() and cell_type != "str"):
            position = _cell_position(_attribute(cell.group(1), b"r") or "")
            if position is not None:
                found.add(position)
    return found


# -- .xls --------------------------------------------------------------------------------------
def _xls_hidden_parts(data: bytes, grids: list[Grid]) -> None:
    import xlrd

    book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    try:
        by_name = {g.name: g for g in grids}
        for index, name in enumerate(book.sheet_names()):
            if name not in by_name:
                continue
            sheet = book.sheet_by_index(index)
            by_name[name].hidden_rows = {r for r, info in sheet.rowinfo_map.items() if info.hidden}
            by_name[name].hidden_columns = {c for c, info in sheet.colinfo_map.items() if info.hidden}
    finally:
        book.release_resources()


# -- .ods --------------------------------------------------------------------------------------
_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def _ods_hidden_parts(data: bytes, grids: list[Grid]) -> None:
    by_name = {g.name: g for g in grids}
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("content.xml") as content:
        grid, row, column = None, 0, 0
        for event, element in ElementTree.iterparse(content, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == _T + "table":
                    grid, row, column = by_name.get(element.get(_T + "name")), 0, 0
                continue
            if grid is None:
                if tag == _T + "table-row" or tag == _T + "table-cell":
                    element.clear()
                continue
            if tag == _T + "table-column":
                repeat = int(element.get(_T + "number-columns-repeated", "1"))
                if element.get(_T + "visibility", "visible") != "visible":
                    grid.hidden_columns.update(range(column, column + min(repeat, 16384)))
                column += repeat
            elif tag == _T + "table-row":
                repeat = int(element.get(_T + "number-rows-repeated", "1"))
                if element.get(_T + "visibility", "visible") != "visible" and repeat < 1_048_576:
                    grid.hidden_rows.update(range(row, row + repeat))
                row += repeat
                element.clear()
            elif tag == _T + "table":
                grid = None
