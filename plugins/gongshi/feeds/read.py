"""Reading feed files: find them, decode them, and return their cells untouched.

No typing happens here (see `coerce.py`); this module only turns bytes into a grid of cells,
remembering the spreadsheet row number of each record so problems can point at it.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .problems import ProblemLog

FEED_SUFFIXES = (".csv", ".xlsx")

# Characters a real GB18030/GBK export of Chinese administrative data contains. A byte stream
# that only decodes as GB18030 into anything else is not guessed at: it is reported.
_GB_PLAUSIBLE_RANGES = (
    (0x00A0, 0x02FF), (0x0370, 0x04FF), (0x2000, 0x206F), (0x2100, 0x218F), (0x2190, 0x23FF),
    (0x2460, 0x27BF), (0x3000, 0x303F), (0x3040, 0x30FF), (0x3100, 0x312F), (0x3200, 0x33FF),
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
)


@dataclass
class RawFeed:
    """One file's cells: positional columns, header as written, spreadsheet row numbers."""

    display: str  # the path as shown in problems, relative to the feeds folder's parent
    headers: list[str]
    cells: pd.DataFrame  # columns 0..n-1, one row per data record; str (CSV) or objects (XLSX)
    row_numbers: np.ndarray  # spreadsheet row of each record (header row = its own number)


def feed_files(feeds_dir: Path, dataset: str) -> list[Path]:
    """`<dataset>.csv|xlsx` and/or every such file in `<dataset>/`, in a stable order."""
    found = [feeds_dir / f"{dataset}{suffix}" for suffix in FEED_SUFFIXES]
    files = [p for p in found if p.is_file()]
    folder = feeds_dir / dataset
    if folder.is_dir():
        files += sorted(p for p in folder.rglob("*")
                        if p.is_file() and p.suffix.lower() in FEED_SUFFIXES
                        and not p.name.startswith(("~$", ".")))
    return files


def feeds_fingerprint(feeds_dir: Path) -> str:
    """SHA-256 over every feed file's path and bytes: tells whether the feeds changed."""
    import hashlib

    digest = hashlib.sha256()
    files = sorted(p for p in feeds_dir.rglob("*") if p.is_file() and p.suffix.lower() in FEED_SUFFIXES)
    for path in files:
        digest.update(path.relative_to(feeds_dir).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def decode_csv_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding). Raises ValueError naming the byte offset when undecodable."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise ValueError(f"以 UTF-8 (BOM) 开头，但字节偏移 {exc.start + 3} 处不是有效的 UTF-8") from exc
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ValueError("为 UTF-16 编码；请另存为 UTF-8 或 GB18030 的 CSV")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as gb_error:
            raise ValueError(
                f"既不是 UTF-8（字节偏移 {utf8_error.start} 处无效）也不是 GB18030"
                f"（字节偏移 {gb_error.start} 处无效）") from gb_error
        odd = next((ch for ch in text if ord(ch) > 0x7F and not _gb_plausible(ch)), None)
        if odd is not None:
            offset = _gb_offset_of(text, text.index(odd))
            raise ValueError(
                f"不是 UTF-8（字节偏移 {utf8_error.start} 处无效），按 GB18030 解码在字节偏移 {offset} 处"
                f"得到不合理字符 U+{ord(odd):04X}；请确认文件编码") from utf8_error
        return text, "gb18030"


def _gb_plausible(ch: str) -> bool:
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _GB_PLAUSIBLE_RANGES)


def _gb_offset_of(text: str, index: int) -> int:
    return len(text[:index].encode("gb18030"))


def read_feed_file(path: Path, display: str, log: ProblemLog, sheet: str | None = None) -> RawFeed | None:
    """Read one file; on a file-level problem, log it and return None."""
    try:
        if path.suffix.lower() == ".xlsx":
            rows = _xlsx_rows(path, sheet)
        else:
            rows = _csv_rows(path.read_bytes())
    except ValueError as exc:
        log.error(display, None, "", "可读取的 CSV（UTF-8 或 GB18030）或 XLSX 文件", str(exc))
        return None

    header_index = next((i for i, row in enumerate(rows) if any(_filled(c) for c in row)), None)
    if header_index is None:
        log.error(display, None, "", "表头行和数据行", "空文件")
        return None
    headers = [str(c).strip() if _filled(c) else "" for c in rows[header_index]]
    width = len(headers)
    records, numbers = [], []
    for i in range(header_index + 1, len(rows)):
        row = rows[i]
        if _blank(row):
            continue  # blank lines carry no record
        if len(row) != width:
            if len(row) > width and not _blank(row[width:]):
                log.error(display, i + 1, "", f"不超过表头的 {width} 列",
                          f"{len(row)} 列：{', '.join(str(c) for c in row[width:] if _filled(c))}")
                continue
            row = (list(row) + [""] * width)[:width]
        records.append(row)
        numbers.append(i + 1)
    cells = pd.DataFrame(records, columns=range(width), dtype=object) if records else \
        pd.DataFrame(columns=range(width), dtype=object)
    return RawFeed(display, headers, cells, np.asarray(numbers, dtype=np.int64))


def _filled(cell: object) -> bool:
    return cell is not None and str(cell).strip() != ""


def _blank(row: list) -> bool:
    try:
        return not "".join(row).strip()  # CSV rows: all text
    except TypeError:  # XLSX rows: numbers, dates, None
        return not any(_filled(c) for c in row)


def _csv_rows(data: bytes) -> list[list[str]]:
    text, _ = decode_csv_bytes(data)
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    try:
        # The csv module keeps blank lines as [] so indices stay spreadsheet rows, and a
        # quoted multi-line cell stays one record, as a spreadsheet shows it.
        return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        raise ValueError(f"CSV 格式错误：{exc}") from exc


def _xlsx_rows(path: Path, sheet: str | None) -> list[list[object]]:
    from openpyxl import load_workbook  # imported here: most feeds are CSV

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ValueError(f"无法打开 XLSX：{exc}") from exc
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise ValueError(f"缺少工作表「{sheet}」")
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        return [list(row) for row in worksheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
