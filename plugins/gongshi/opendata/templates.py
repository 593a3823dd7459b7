"""XLSX templates for staff, one per dataset, made from its schema: row 1 the header the
reader accepts, code columns formatted as text, drop-down lists for enumerations, date and
number validation, required columns in bold on a coloured fill, and a 填写说明 sheet.
The bytes depend on the schema only (fixed timestamps): a rebuild writes the same file."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from ..feeds.schema import Column, ColumnType, Dataset

TEMPLATE_DIR = "downloads/templates"
INSTRUCTIONS_SHEET = "填写说明"
STAMP = dt.datetime(2026, 1, 1)  # the workbook's created/modified dates
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_LAST_ROW = 1_048_576
_LIST_LIMIT = 255  # characters Excel allows in an inline drop-down list
_REQUIRED_FILL = "FCE4D6"
_OPTIONAL_FILL = "EDEDED"

# In the 填写说明 sheet; none of these is a header of a dataset (the reader, choosing the data
# sheet by its header, must never take this sheet for one).
TYPE_HINTS = {
    ColumnType.TEXT: "文本",
    ColumnType.CODE: "编码（文本格式）",
    ColumnType.DATE: "日期（如 2026-03-05）",
    ColumnType.DECIMAL: "数字",
    ColumnType.INTEGER: "整数",
    ColumnType.ENUM: "单选（下拉列表）",
    ColumnType.MULTI_ENUM: "多选（用“；”分隔）",
    ColumnType.BOOLEAN: "是/否（下拉列表）",
}
INSTRUCTION_HEADERS = ("列名", "是否必填", "数据类型", "可选值", "公开方式", "填写要求")


def template_path(name: str) -> str:
    return f"{TEMPLATE_DIR}/{name}.xlsx"


def choices_of(column: Column) -> tuple[str, ...]:
    """The values of the column's drop-down list (none for a column without one)."""
    if column.type is ColumnType.BOOLEAN:
        return ("是", "否")
    return column.choices if column.type in (ColumnType.ENUM, ColumnType.MULTI_ENUM) else ()


def _validation(column: Column, letter: str):  # noqa: ANN202 - openpyxl DataValidation or None
    from openpyxl.worksheet.datavalidation import DataValidation

    header = column.header
    choices = choices_of(column)
    if choices:
        listed = ",".join(choices)
        if len(listed) > _LIST_LIMIT or any(',' in c or '"' in c for c in choices):
            raise ValueError(f"{header}: 可选值过长或含逗号，无法写成下拉列表")
        multi = column.type is ColumnType.MULTI_ENUM
        rule = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True,
                              showErrorMessage=not multi, showInputMessage=True, promptTitle=header[:32],
                              prompt=("可多选，用“；”分隔" if multi else "请从下拉列表中选择")[:255],
                              errorTitle=header[:32], error="请从下拉列表中选择")
    elif column.type is ColumnType.DATE:
        rule = DataValidation(type="date", operator="between", formula1="1", formula2="2958465", allow_blank=True,
                              showErrorMessage=True, errorTitle=header[:32], error="请填写日期，如 2026-03-05")
    elif column.type in (ColumnType.DECIMAL, ColumnType.INTEGER):
        low, high = column.min_value, column.max_value
        kind = "whole" if column.type is ColumnType.INTEGER else "decimal"
        unit = "（不带单位）" if "万元" not in header else "（以万元为单位，不带单位）"
        if low is not None and high is not None:
            rule = DataValidation(type=kind, operator="between", formula1=_number(low), formula2=_number(high))
            error = f"请填写 {_number(low)} 至 {_number(high)} 之间的数字{unit}"
        elif low is not None:
            rule = DataValidation(type=kind, operator="greaterThanOrEqual", formula1=_number(low))
            error = f"请填写不小于 {_number(low)} 的数字{unit}"
        else:
            return None
        rule.allow_blank, rule.showErrorMessage, rule.errorTitle, rule.error = True, True, header[:32], error
    else:
        return None
    rule.add(f"{letter}2:{letter}{_LAST_ROW}")
    return rule


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _data_sheet(sheet, dataset: Dataset) -> None:  # noqa: ANN001 - openpyxl Worksheet
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet.title = dataset.title
    for position, column in enumerate(dataset.columns, start=1):
        letter = get_column_letter(position)
        cell = sheet.cell(row=1, column=position, value=column.header)
        cell.font = Font(bold=column.required)
        cell.fill = PatternFill("solid", fgColor=_REQUIRED_FILL if column.required else _OPTIONAL_FILL)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.number_format = "@"
        dimension = sheet.column_dimensions[letter]
        dimension.width = min(40, max(12, 2 * len(column.header) + 2))
        # A column's own format is what Excel and WPS give the cells typed into it.
        if column.identifier:
            dimension.number_format = "@"
        elif column.type is ColumnType.DATE:
            dimension.number_format = "yyyy-mm-dd"
        rule = _validation(column, letter)
        if rule is not None:
            sheet.add_data_validation(rule)
    sheet.freeze_panes = "A2"


def _instructions_sheet(sheet, dataset: Dataset) -> None:  # noqa: ANN001 - openpyxl Worksheet
    from openpyxl.styles import Alignment, Font, PatternFill

    from ..pages.site import PRIVACY_LABELS, column_rules

    sheet.append([f"{dataset.title}数据模板填写说明"])
    sheet["A1"].font = Font(bold=True, size=14)
    notes = [
        f"请在第一个工作表“{dataset.title}”的第 2 行起每行填写一条记录，不要修改、删除或移动第 1 行的表头；"
        f"保存为 {dataset.name}.xlsx 后提交。",
        "表头加粗、底色为橙色的列为必填；其他列可按实际情况填写或留空。",
        "统一社会信用代码、证号、文号、编码等列已设为文本格式，请勿改为数字格式，开头的 0 须保留。",
        "日期请填写为 2026-03-05 的形式；有下拉列表的列请从列表中选择。",
        "“公开方式”一栏说明该列内容在网站上如何公开；“不公开”的内容仅用于核对，不在网站发布。",
    ]
    for note in notes:
        sheet.append([note])
    sheet.append([])
    sheet.append(list(INSTRUCTION_HEADERS))
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=_OPTIONAL_FILL)
    for column in dataset.columns:
        sheet.append([column.header, "必填" if column.required else "选填", TYPE_HINTS[column.type],
                      "、".join(choices_of(column)), PRIVACY_LABELS[column.privacy.value],
                      "；".join(column_rules(dataset, column, listing=False))])
        if column.required:
            sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    for row in sheet.iter_rows(min_row=header_row):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    for letter, width in zip("ABCDEF", (28, 10, 20, 40, 24, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = f"A{header_row + 1}"


def template_xlsx(dataset: Dataset, author: str = "") -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    _data_sheet(book.active, dataset)
    _instructions_sheet(book.create_sheet(INSTRUCTIONS_SHEET), dataset)
    book.active = 0
    book.properties.creator = book.properties.lastModifiedBy = author or None
    book.properties.title = f"{dataset.title}数据模板"
    book.properties.created = book.properties.modified = STAMP
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_times(buffer.getvalue())


def _fixed_times(data: bytes) -> bytes:
    """The saved workbook with the fixed modified date (openpyxl writes the time of saving)
    and fixed zip entry times."""
    stamp = STAMP.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                part = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", lambda m: m.group(1) + stamp, part)
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type, entry.external_attr = zipfile.ZIP_DEFLATED, info.external_attr
            target.writestr(entry, part)
    return out.getvalue()


def template_files(datasets: dict[str, Dataset], author: str = "") -> dict[str, bytes]:
    return {template_path(name): template_xlsx(dataset, author) for name, dataset in datasets.items()}


def unpacked(data: bytes) -> bytes:
    """Every part of a workbook, unzipped: what the privacy gate scans."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return b"\n".join(archive.read(name) for name in archive.namelist())
