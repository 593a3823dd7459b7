"""Reading feed files: find them, decode them, and return their cells untouched.

No typing happens here (see `coerce.py`); this module only turns bytes into a grid of cells,
finds the header in it, leaves out what a spreadsheet hides, and remembers the spreadsheet
row number of each record so problems can point at it.

Which files are feeds (every other file under the feeds folder is reported, see
`unread_files`): `<dataset>.<suffix>` at the top of the folder and every file in a folder
`<dataset>/`, names compared case-insensitively, with a suffix of FEED_SUFFIXES. Never read
and never reported: hidden files and folders (".git", ".DS_Store"), Excel's and LibreOffice's
lock files ("~$a.xlsx", ".~lock.a.ods#"), README files and Markdown notes. The `schemas/` folder
holds a region's own dataset schemas (datasets.py): read there, fingerprinted like the feeds.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import workbook
from .problems import READABLE_FILE, ProblemLog, UnreadableFeed
from .schema import normalise_header
from .schemafile import LOCAL_SCHEMAS, SCHEMA_SUFFIXES

CSV_SUFFIXES = (".csv", ".txt")  # .txt: Excel's "Unicode 文本" (UTF-16, tab-separated)
FEED_SUFFIXES = CSV_SUFFIXES + workbook.WORKBOOK_SUFFIXES
_HEADER_SCAN_ROWS = 30  # title and instruction rows above a template's header
_DELIMITERS = (",", "\t", ";")

# Characters a real GB18030/GBK export of Chinese administrative data contains: Latin with
# pinyin tones, Greek and Cyrillic, the scripts of China's minority languages, punctuation and
# symbols, and every CJK block (radicals, strokes, compatibility and small forms such as
# ﹝2026﹞, extensions A to I for 生僻字 such as 𠮷 and 𬌗). Bytes that only decode as GB18030
# into anything else (control characters, the private-use area of home-made characters, rare
# scripts) are not guessed at: they are reported.
_GB_PLAUSIBLE = (
    "\t\n\r\x20-\x7e"
    "\u00a0-\u02ff\u0300-\u036f\u0370-\u04ff"  # Latin-1, Latin extended, IPA, accents; Greek, Cyrillic
    "\u0600-\u06ff\u0f00-\u0fff\u1800-\u18af"  # Arabic script (Uyghur), Tibetan, Mongolian
    "\u1e00-\u1eff\u2000-\u206f\u2070-\u209f"  # Latin extended additional; punctuation; super/subscripts
    "\u20a0-\u20cf\u2100-\u218f\u2190-\u23ff"  # currency, letterlike, number forms, arrows, maths, technical
    "\u2460-\u27bf\u2e80-\u2fdf\u2ff0-\u303f"  # enclosed, boxes, shapes, symbols; CJK radicals, Kangxi; IDC, CJK symbols
    "\u3040-\u30ff\u3100-\u312f\u3190-\u31ff"  # kana, bopomofo, kanbun, bopomofo extended, CJK strokes
    "\u3200-\u4dbf\u4dc0-\u4dff\u4e00-\u9fff"  # enclosed CJK, compatibility, extension A; hexagrams; URO
    "\ua000-\ua4cf\uf900-\ufaff\ufe10-\ufe1f"  # Yi; CJK compatibility ideographs; vertical forms
    "\ufe30-\ufe4f\ufe50-\ufe6f\uff00-\uffef"  # CJK compatibility forms, small form variants; full/half-width
    "\U00020000-\U0002a6df\U0002a700-\U0002ee5f"  # extensions B to F and I
    "\U0002f800-\U0002fa1f\U00030000-\U000323af"  # compatibility supplement; extensions G, H
)
_GB_IMPLAUSIBLE_RE = re.compile(f"[^{_GB_PLAUSIBLE}]")
# A NUL is never in a text export: a NUL byte means UTF-16 without its BOM, or not a text file
# at all. (Decoded GB18030 is held to _GB_PLAUSIBLE, which has no control characters.)
_NUL = "\x00"
TOTAL_LABELS = frozenset(f"{word}{tail}" for word in ("合计", "总计", "小计", "合 计", "总 计", "小 计",
                                                      "合　计", "总　计", "小　计")
                         for tail in ("", ":", "："))


@dataclass
class RawFeed:
    """One file's (or one sheet's) cells: positional columns, header as written, row numbers."""

    display: str  # the path as shown in problems, relative to the feeds folder's parent
    headers: list[str]
    cells: pd.DataFrame  # columns 0..n-1, one row per data record; str (CSV) or objects (workbooks)
    row_numbers: np.ndarray  # spreadsheet row of each record (header row = its own number)
    sheet: str = ""  # worksheet name; "" for CSV
    column_letters: list[str] = field(default_factory=list)  # the sheet column of each position
    typed: bool = False  # cells from a workbook: numbers and dates as well as text
    header_row: int = 1  # where the header was found (the first of two header rows)
    data_row: int = 2  # the first row after the header

    def cell_name(self, position: int, row: int) -> str:
        """"C5": how a spreadsheet names the cell; "第 3 列" in a CSV file."""
        if self.column_letters:
            return f"{self.column_letters[position]}{row}"
        return f"第 {row} 行第 {position + 1} 列"


# -- which files are feeds ---------------------------------------------------------------------
def is_not_a_feed(relative: Path) -> bool:
    """Files under the feeds folder that are neither read nor reported (module docstring)."""
    parts = relative.parts
    if any(part.startswith((".", "~$")) for part in parts):
        return True
    name = parts[-1].casefold()
    return name.startswith("readme") or name.endswith(".md")


def _feed_candidates(feeds_dir: Path) -> list[Path]:
    if not feeds_dir.is_dir():
        return []
    return sorted(p for p in feeds_dir.rglob("*") if p.is_file() and not is_not_a_feed(p.relative_to(feeds_dir)))


def feed_files(feeds_dir: Path, dataset: str) -> list[Path]:
    """`<dataset>.<suffix>` and/or every such file in `<dataset>/`, in a stable order."""
    name = dataset.casefold()
    files = []
    for path in _feed_candidates(feeds_dir):
        top = path.relative_to(feeds_dir).parts
        if path.suffix.lower() not in FEED_SUFFIXES:
            continue
        if (len(top) == 1 and path.stem.casefold() == name) or (len(top) > 1 and top[0].casefold() == name):
            files.append(path)
    return files


def unread_files(feeds_dir: Path, datasets: dict[str, str]) -> list[tuple[Path, str]]:
    """Files under the feeds folder that no dataset reads, each with what is wrong with it.

    `datasets` maps each dataset name to its Chinese title (both are offered as suggestions).
    """
    read = {p for name in datasets for p in feed_files(feeds_dir, name)}
    names = {name.casefold(): name for name in datasets}
    names.update({title: name for name, title in datasets.items()})
    suffixes = "、".join(FEED_SUFFIXES)
    found = []
    for path in _feed_candidates(feeds_dir):
        if path in read:
            continue
        top = path.relative_to(feeds_dir).parts
        if len(top) > 1 and top[0] == LOCAL_SCHEMAS:  # a region's dataset schemas (datasets.py)
            if path.suffix.lower() not in SCHEMA_SUFFIXES:
                found.append((path, f"数据集结构文件夹 {LOCAL_SCHEMAS}/ 中只应有 {'、'.join(SCHEMA_SUFFIXES)} 文件"))
            continue
        stem = (path.stem if len(top) == 1 else top[0]).casefold()
        if stem.endswith(FEED_SUFFIXES):  # "penalties.csv.bak", "officers.xlsx.old"
            stem = stem.rsplit(".", 1)[0]
        if stem in names and path.suffix.lower() not in FEED_SUFFIXES:
            found.append((path, f"文件类型「{path.suffix or '无扩展名'}」无法读取（可用 {suffixes}）"))
            continue
        if path.suffix.lower() not in FEED_SUFFIXES:
            found.append((path, f"不是数据文件（可用 {suffixes}），也不属于任何数据集"))
            continue
        close = difflib.get_close_matches(stem, list(names), n=1, cutoff=0.6)
        hint = f"；是否应为「{names[close[0]]}」？" if close else ""
        where = "文件夹" if len(top) > 1 else "文件名"
        found.append((path, f"{where}「{top[0]}」不是任何数据集的名称，未被读取{hint}"))
    return found


def feeds_fingerprint(feeds_dir: Path) -> str:
    """SHA-256 over every feed file's path and bytes: tells whether the feeds changed. Stray
    files count too: they are reported, so adding or removing one changes the outcome."""
    import hashlib

    digest = hashlib.sha256()
    for path in _feed_candidates(feeds_dir):
        digest.update(path.relative_to(feeds_dir).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


# -- decoding text files -----------------------------------------------------------------------
class _Undecodable(ValueError):
    def __init__(self, message: str, offset: int | None, encoding: str):
        super().__init__(message)
        self.offset, self.encoding = offset, encoding  # offset None: no line to point at


def decode_csv_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding). Raises ValueError naming the byte offset when undecodable
    (`read_feed_file` adds the line and column)."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            text, encoding = data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise _Undecodable(f"以 UTF-8 (BOM) 开头，但字节偏移 {exc.start + 3} 处不是有效的 UTF-8",
                               exc.start + 3, "utf-8") from exc
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise _Undecodable(f"以 UTF-16 BOM 开头，但字节偏移 {exc.start} 处不是有效的 UTF-16",
                               exc.start, "utf-16") from exc
    elif b"\0" in data:
        offset = data.index(b"\0")
        raise _Undecodable(f"字节偏移 {offset} 处有空字节：不是文本文件，或是不带 BOM 的 UTF-16"
                           "（请另存为 UTF-8 的 CSV）", None, "")
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as utf8_error:
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError as gb_error:
                raise _Undecodable(
                    f"既不是 UTF-8（字节偏移 {utf8_error.start} 处无效）也不是 GB18030"
                    f"（字节偏移 {gb_error.start} 处无效）", utf8_error.start, "utf-8") from gb_error
            odd = _GB_IMPLAUSIBLE_RE.search(text)
            if odd is not None:
                offset = len(text[:odd.start()].encode("gb18030"))
                raise _Undecodable(
                    f"不是 UTF-8（字节偏移 {utf8_error.start} 处无效），按 GB18030 解码在字节偏移 {offset} 处"
                    f"得到不合理字符 U+{ord(odd.group()):04X}；请确认文件编码", offset, "gb18030") from utf8_error
            encoding = "gb18030"
    if _NUL in text:  # (UTF-16 text holding U+0000)
        raise _Undecodable("含空字符（U+0000）：不是文本文件", None, encoding)
    return text, encoding


def _locate(data: bytes, error: _Undecodable) -> tuple[int | None, str]:
    """(line, column) of a byte offset: the line as a text editor counts it, the column by the
    header above it (or its number) as the first line names them."""
    if error.offset is None:
        return None, ""
    encoding = error.encoding
    prefix = data[:error.offset].decode(encoding, errors="replace").lstrip("\ufeff")
    line = prefix.count("\n") + 1
    first_line = data.decode(encoding, errors="replace").lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    delimiter = max(_DELIMITERS, key=first_line.count)
    position = prefix.rsplit("\n", 1)[-1].count(delimiter)
    headers = first_line.split(delimiter)
    column = headers[position].strip() if position < len(headers) and headers[position].strip() else ""
    return line, column or f"第 {position + 1} 列"


def sniff_delimiter(lines: list[str], known: Iterable[str] = ()) -> str:
    """The delimiter that splits a line into the most known headers; without known headers,
    the one found most often in the first non-empty line (comma when none is)."""
    known = set(known)
    if known:
        scores = {d: max((sum(normalise_header(f) in known for f in line.split(d)) for line in lines), default=0)
                  for d in _DELIMITERS}
        best = max(_DELIMITERS, key=lambda d: scores[d])
        if scores[best] > 0:
            return best
    first = next((line for line in lines if line.strip()), "")
    return max(_DELIMITERS, key=lambda d: (first.count(d), d == ","))


def _csv_rows(data: bytes, known: Iterable[str]) -> list[list[str]]:
    text, _ = decode_csv_bytes(data)
    head = text[:65536].split("\n", _HEADER_SCAN_ROWS)[:_HEADER_SCAN_ROWS]
    delimiter = sniff_delimiter(head, known)
    # The csv module keeps blank lines as [] so indices stay spreadsheet rows, and a quoted
    # multi-line cell stays one record, as a spreadsheet shows it.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return list(reader)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise UnreadableFeed(
                f"单元格超过 {csv.field_size_limit()} 个字符（多为引号未配对，其后的内容被当作一个单元格）",
                reader.line_num, expected="长度正常、引号配对的单元格") from exc
        raise UnreadableFeed(f"CSV 格式错误：{exc}", reader.line_num, expected="格式正确的 CSV") from exc


# -- finding the header ------------------------------------------------------------------------
def _matches(row: list, known: set[str]) -> tuple[int, int]:
    """(cells that are known headers, filled cells) of one row."""
    texts = [normalise_header(c) for c in row if _filled(c)]
    return sum(t in known for t in texts), len(texts)


def _is_header(row: list, known: set[str]) -> bool:
    hits, filled = _matches(row, known)
    return hits >= 2 and hits * 2 >= filled


def header_score(rows: list[list], known: set[str]) -> int:
    """How many known headers the sheet's header row holds (0: it has none)."""
    return max((_matches(row, known)[0] for row in rows[:_HEADER_SCAN_ROWS] if _is_header(row, known)),
               default=0)


def find_header(rows: list[list], known: set[str]) -> tuple[int, int] | None:
    """(first, last) index of the header rows: the first row among the top rows in which
    enough cells are known headers (a title or instruction row above it is not: "the first
    non-empty row" would take the title); two rows when the next one is a header too (the
    Chinese names and the 双公示 codes, in either order). Without such a row, the first
    non-empty row (its unknown headers are then reported). None: no filled cell at all."""
    top = rows[:_HEADER_SCAN_ROWS]
    for index, row in enumerate(top):
        if _is_header(row, known):
            if index + 1 < len(rows) and _is_header(rows[index + 1], known):
                return index, index + 1
            return index, index
    best = max(range(len(top)), key=lambda i: (_matches(top[i], known)[0], -i), default=None)
    if best is not None and _matches(top[best], known)[0] > 0:
        return best, best
    first = next((i for i, row in enumerate(rows) if any(_filled(c) for c in row)), None)
    return None if first is None else (first, first)


def header_texts(rows: list[list], first: int, last: int, known: set[str]) -> list[str]:
    """One header per column from the header rows: the known one of the two rows, else the
    upper row's text. The row above is used where it is known and the header row is empty:
    a header cell merged over two rows (决定书文号 beside the group 当事人信息 over its
    sub-headers) keeps its text in the upper row only."""
    band = rows[first:last + 1]
    above = rows[first - 1] if first > 0 else []
    width = max(len(row) for row in band)
    headers = []
    for position in range(width):
        cells = [str(row[position]).strip() if position < len(row) and _filled(row[position]) else "" for row in band]
        known_cell = next((c for c in cells if normalise_header(c) in known), "")
        if not known_cell and not any(cells) and position < len(above) and _filled(above[position]) \
                and normalise_header(above[position]) in known:
            known_cell = str(above[position]).strip()
        headers.append(known_cell or next((c for c in cells if c), ""))
    return headers


# -- reading one file --------------------------------------------------------------------------
def read_feed_file(path: Path, display: str, log: ProblemLog, known_headers: Iterable[str] = (),
                   sheet: str | None = None) -> list[RawFeed]:
    """Read one file into one RawFeed per sheet holding the dataset's header (one for CSV).

    `known_headers` are the dataset's accepted headers (normalised): they find the header row,
    the delimiter of a text file, and the sheets of a workbook to read. On a file-level
    problem, it is logged and nothing is returned.
    """
    known = set(known_headers)
    suffix = path.suffix.lower()
    try:
        if suffix in workbook.WORKBOOK_SUFFIXES:
            grids = workbook.read_grids(path, sheet)
        else:
            data = path.read_bytes()
            try:
                grids = [workbook.Grid(_csv_rows(data, known))]
            except _Undecodable as exc:
                line, column = _locate(data, exc)
                raise UnreadableFeed(str(exc), line, column,
                                     "UTF-8、GB18030 或带 BOM 的 UTF-16 编码的文本") from exc
    except UnreadableFeed as exc:
        log.error(display, exc.row, exc.column, exc.expected, str(exc))
        return []
    except ValueError as exc:
        log.error(display, None, "", READABLE_FILE, str(exc))
        return []

    for name in workbook.hidden_sheet_names(grids):
        log.warning(display, None, "", "可见的工作表（隐藏的工作表不公示，未读取）", f"隐藏工作表「{name}」", name)
    visible = [g for g in grids if not g.hidden]
    if not visible:
        log.error(display, None, "", "至少一个可见的工作表", "没有可见的工作表")
        return []
    # Every sheet holding the dataset's header is read (a second month on sheet 2), but not a
    # code table naming two or three of its columns (当事人类别 | 处罚类别 and their values).
    scores = {id(g): header_score(g.rows, known) for g in visible}
    best = max(scores.values())
    chosen = [g for g in visible if scores[id(g)] >= max(2, (best + 1) // 2)]
    for grid in visible:
        if grid not in chosen and scores[id(grid)] > 0:
            log.note(display, None, "", "数据表", "该工作表的表头与数据表不同，未读取", grid.name)
    if not chosen:
        chosen = visible[:1]  # no sheet has the header: read the first, to report what is missing
    feeds = []
    for grid in chosen:
        feed = _read_grid(grid, display, known, log)
        if feed is not None:
            feeds.append(feed)
        if feed is not None and (grid is not visible[0] or feed.header_row != 1):
            where = "" if grid is visible[0] else "数据不在第一个工作表；"
            log.note(display, None, "", "表头所在位置",
                     f"{where}表头在第 {feed.header_row} 行，数据从第 {feed.data_row} 行起", grid.name)
    return feeds


def _read_grid(grid: workbook.Grid, display: str, known: set[str], log: ProblemLog) -> RawFeed | None:
    rows, sheet = grid.rows, grid.name
    band = find_header(rows, known)
    if band is None:
        log.error(display, None, "", "表头行和数据行", "空文件" if not sheet else "空工作表", sheet)
        return None
    first, last = band
    all_headers = header_texts(rows, first, last, known)
    width = len(all_headers)
    keep = [i for i in range(width) if i not in grid.hidden_columns]
    if grid.hidden_columns:
        # (only within the sheet's width: Excel often hides every unused column up to XFD)
        shown = [f"{workbook.column_letter(i)}（{all_headers[i]}）" if all_headers[i] else workbook.column_letter(i)
                 for i in sorted(c for c in grid.hidden_columns if c < width)
                 if all_headers[i] or any(i < len(r) and _filled(r[i]) for r in rows[last + 1:])]
        if shown:
            log.warning(display, None, "", "可见的列（隐藏列不公示，未读取）", "隐藏列 " + "、".join(shown), sheet)
    headers = [all_headers[i] for i in keep]
    project = len(keep) != width
    records, numbers, hidden, totals = [], [], [], []
    for i in range(last + 1, len(rows)):
        row = rows[i]
        if _blank(row):
            continue  # blank lines carry no record
        if i in grid.hidden_rows:
            hidden.append(i + 1)
            continue
        if row[0] in TOTAL_LABELS or (len(row) > 1 and row[1] in TOTAL_LABELS) \
                or (len(row) > 2 and row[2] in TOTAL_LABELS):
            totals.append(i + 1)
            continue
        if len(row) != width:
            if len(row) > width and not _blank(row[width:]):
                log.error(display, i + 1, "", f"不超过表头的 {width} 列",
                          f"{len(row)} 列：{', '.join(str(c) for c in row[width:] if _filled(c))}", sheet)
                continue
            row = (list(row) + [""] * width)[:width]
        if project:
            row = [row[k] for k in keep]
        records.append(row)
        numbers.append(i + 1)
    if hidden:
        log.warning(display, None, "", "可见的行（隐藏或被筛选掉的行不公示，未读取）",
                    "隐藏行 " + _ranges(hidden), sheet)
    for number in totals:
        log.warning(display, number, "", "每行一条记录（合计行不是记录，未读取）", "合计行", sheet)
    kept_rows = set(numbers)
    for r, c in sorted(grid.blank_formulas):
        if r + 1 in kept_rows and c in keep:
            log.error(display, r + 1, all_headers[c] or workbook.column_letter(c), "保存了计算结果的单元格",
                      f"单元格 {workbook.column_letter(c)}{r + 1} 是公式，文件中没有保存计算结果"
                      "（请在 Excel 中打开、计算后保存，或粘贴为数值）", sheet)
    if not records:
        log.warning(display, None, "", "表头下的数据行", "只有表头，没有数据", sheet)
    cells = pd.DataFrame(records, columns=range(len(keep)), dtype=object) if records else \
        pd.DataFrame(columns=range(len(keep)), dtype=object)
    letters = [workbook.column_letter(i) for i in keep] if grid.typed else []
    return RawFeed(display, headers, cells, np.asarray(numbers, dtype=np.int64), sheet, letters, grid.typed,
                   header_row=first + 1, data_row=last + 2)


def _ranges(numbers: list[int]) -> str:
    """"5–9、12": row numbers as runs."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return "、".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def _filled(cell: object) -> bool:
    return cell is not None and str(cell).strip() != ""


def _blank(row: list) -> bool:
    try:
        return not "".join(row).strip()  # CSV rows: all text
    except TypeError:  # workbook rows: numbers, dates, None
        return not any(_filled(c) for c in row)
