"""Staff templates: one XLSX per dataset, made from its schema, linked from the data
dictionary; filled in and saved as a feed, it is read with no problem and nothing changed."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gongshi.feeds import ProblemLog, load_feeds
from gongshi.feeds.datasets import DATASETS, OFFICERS, PENALTIES
from gongshi.feeds.read import header_score
from gongshi.feeds.schema import ColumnType
from gongshi.feeds.workbook import read_grids
from gongshi.opendata.templates import INSTRUCTIONS_SHEET, template_path, template_xlsx
from tests.feedkit import AGENCY_A, COMPANY_USCC, fix_uscc, write_feeds
from tests.sitekit import build_site

TODAY = "2026-11-23"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("templates")
    code, _ = build_site(write_feeds(root / "feeds"), root / "output", TODAY)
    assert code == 0
    return root / "output"


def sheets(dataset_name: str) -> tuple:
    book = load_workbook(io.BytesIO(template_xlsx(DATASETS[dataset_name])))
    return book.worksheets[0], book[INSTRUCTIONS_SHEET]


def covering(sheet, letter: str) -> list:  # noqa: ANN001 - openpyxl Worksheet
    return [v for v in sheet.data_validations.dataValidation if f"{letter}2" in v.sqref]


def test_the_build_writes_a_template_for_every_dataset_and_the_dictionary_links_each(site: Path) -> None:
    html = (site / "data-dictionary/index.html").read_text("utf-8")
    for name, dataset in DATASETS.items():
        path = site / template_path(name)
        assert [c.value for c in load_workbook(path).worksheets[0][1]] == [c.header for c in dataset.columns]
        link = re.search(rf'href="([^"]*{re.escape(template_path(name))})"', html)
        assert link, name
        href = link.group(1)
        target = site / href.lstrip("/") if href.startswith("/") else site / "data-dictionary" / href
        assert target.resolve() == path.resolve(), href


@pytest.mark.parametrize("name", DATASETS)
def test_the_header_is_the_schema_s_and_required_columns_are_marked_without_changing_it(name: str) -> None:
    data, instructions = sheets(name)
    columns = DATASETS[name].columns
    assert [c.value for c in data[1]] == [c.header for c in columns]
    assert data.max_row == 1
    for cell, column in zip(data[1], columns, strict=True):
        assert cell.font.b is column.required, column.header
    assert [row[0] for row in instructions.iter_rows(values_only=True)][-len(columns):] == [c.header for c in columns]


@pytest.mark.parametrize("name", DATASETS)
def test_code_columns_are_text_enumerations_are_lists_dates_are_dates(name: str) -> None:
    data, _ = sheets(name)
    for position, column in enumerate(DATASETS[name].columns):
        letter = data.cell(row=1, column=position + 1).column_letter
        rules = covering(data, letter)
        if column.identifier:
            assert data.column_dimensions[letter].number_format == "@", column.header
        if column.type in (ColumnType.ENUM, ColumnType.MULTI_ENUM):
            assert [r.type for r in rules] == ["list"], column.header
            assert rules[0].formula1.strip('"').split(",") == list(column.choices), column.header
            assert rules[0].showDropDown is not True  # (True hides the arrow)
        elif column.type is ColumnType.DATE:
            assert [r.type for r in rules] == ["date"], column.header
        elif column.type is ColumnType.TEXT or column.type is ColumnType.CODE:
            assert rules == [], column.header


def test_the_instructions_say_for_each_column_required_type_values_and_how_it_is_published() -> None:
    _, instructions = sheets("officers")
    rows = {row[0]: row[1:] for row in instructions.iter_rows(values_only=True) if row[0]}
    assert rows["执法证号"][:2] == ("必填", "编码（文本格式）")
    assert rows["证件状态"][:4] == ("选填", "单选（下拉列表）", "有效、暂扣、注销、吊销", "公开")
    assert rows["有效期至"][1] == "日期（如 2026-03-05）"
    assert rows["身份证号"][3] == rows["手机号码"][3] == "不公开"
    _, instructions = sheets("penalties")
    rows = {row[0]: row[1:] for row in instructions.iter_rows(values_only=True) if row[0]}
    assert rows["当事人名称"][3] == "组织公开；自然人仅公开姓氏（某某）"
    assert rows["违法事实"][3] == "去除个人信息后公开"
    assert "当事人类别为“自然人”时可空" in rows["统一社会信用代码"][4]


def test_yes_no_columns_offer_yes_and_no() -> None:
    data, _ = sheets("penalties")
    letter = data.cell(row=1, column=[c.header for c in PENALTIES.columns].index("当事人是否未成年人") + 1).column_letter
    [rule] = covering(data, letter)
    assert rule.type == "list" and rule.formula1 == '"是,否"'


@pytest.mark.parametrize("name", DATASETS)
def test_the_instructions_sheet_is_never_taken_for_the_data(name: str, tmp_path: Path) -> None:
    known = set(DATASETS[name].header_lookup())
    data, instructions = sheets(name)
    grids = read_grids_of(template_xlsx(DATASETS[name]), name, tmp_path)
    assert [g.name for g in grids] == [data.title, INSTRUCTIONS_SHEET]
    assert header_score(grids[1].rows, known) == 0


def read_grids_of(data: bytes, name: str, folder: Path) -> list:
    path = folder / f"{name}.xlsx"
    path.write_bytes(data)
    return read_grids(path)


def test_the_bytes_do_not_depend_on_when_they_are_made(monkeypatch: pytest.MonkeyPatch) -> None:
    import openpyxl.writer.excel as excel

    first = template_xlsx(PENALTIES)

    class Later(dt.datetime):
        @classmethod
        def now(cls, tz=None):  # noqa: ANN001, ANN206
            return dt.datetime(2031, 5, 6, 7, 8, 9, tzinfo=tz)

    monkeypatch.setattr(excel.datetime, "datetime", Later)
    monkeypatch.setattr("time.localtime", lambda *_: (2031, 5, 6, 7, 8, 9, 0, 126, 0))
    assert template_xlsx(PENALTIES) == first
    book = load_workbook(io.BytesIO(first))
    assert book.properties.created == book.properties.modified == dt.datetime(2026, 1, 1)


def fill(dataset_name: str, rows: list[dict[str, object]]) -> bytes:
    """What staff do: type rows under the template's header, in Excel's cell types."""
    book = load_workbook(io.BytesIO(template_xlsx(DATASETS[dataset_name])))
    sheet = book.worksheets[0]
    positions = {cell.value: cell.column for cell in sheet[1]}
    for number, row in enumerate(rows, start=2):
        for header, value in row.items():
            cell = sheet.cell(row=number, column=positions[header], value=value)
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read_back(tmp_path: Path, name: str, data: bytes) -> tuple[ProblemLog, list[dict[str, object]]]:
    feeds = write_feeds(tmp_path / "feeds")
    (feeds / f"{name}.csv").unlink(missing_ok=True)
    (feeds / f"{name}.xlsx").write_bytes(data)
    log = ProblemLog()
    frame = load_feeds(feeds, log)[name].frame
    return log, frame.to_dict("records")


def as_read(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def test_officers_filled_in_the_template_are_read_as_typed_leading_zero_included(tmp_path: Path) -> None:
    rows = [
        {"姓名": "王建国", "执法证号": "03990003000001", "所属单位": AGENCY_A, "执法类别": "市场监管综合执法",
         "执法区域": "江临市", "发证日期": dt.date(2022, 2, 5), "有效期至": dt.date(2027, 5, 28), "证件状态": "有效",
         "身份证号": "339901198503120016", "手机号码": "13912345678"},
        {"姓名": "李秀英", "执法证号": "03990003000002", "所属单位": AGENCY_A, "有效期至": dt.date(2026, 6, 15),
         "证件状态": "暂扣", "状态变更日期": dt.date(2026, 5, 1)},
    ]
    log, read = read_back(tmp_path, "officers", fill("officers", rows))
    assert log.problems == []
    assert len(read) == len(rows)
    for typed, record in zip(rows, read, strict=True):
        for column in OFFICERS.columns:
            expected = as_read(typed[column.header]) if column.header in typed else column.default
            assert record[column.key] == expected, column.header
    assert read[0]["_sheet"] == OFFICERS.title and read[0]["_row"] == 2


def test_a_penalty_filled_in_the_template_is_read_as_typed(tmp_path: Path) -> None:
    row = {"决定书文号": "江临市监罚〔2026〕0101号", "当事人名称": "江临市鲜果坊食品有限公司", "当事人类别": "法人及非法人组织",
           "统一社会信用代码": fix_uscc(COMPANY_USCC), "法定代表人": "王建国", "当事人是否未成年人": "否",
           "违法行为类型": "销售过期食品", "违法事实": "该公司于2026年3月销售超过保质期的食品。",
           "处罚依据": "《中华人民共和国食品安全法》第一百二十四条", "处罚类别": "警告；罚款",
           "处罚内容": "警告，罚款人民币5000元", "罚款金额（万元）": 0.5, "处罚机关": AGENCY_A,
           "处罚决定日期": dt.date(2026, 10, 20), "公示日期": dt.date(2026, 10, 23), "状态": "正常"}
    log, read = read_back(tmp_path, "penalties", fill("penalties", [row]))
    assert log.problems == []
    [record] = read
    for column in PENALTIES.columns:
        expected = as_read(row[column.header]) if column.header in row else column.default
        if column.type is ColumnType.MULTI_ENUM:
            expected = expected.replace("；", ";")
        assert record[column.key] == expected, column.header


def test_the_privacy_gate_reads_the_unzipped_parts() -> None:
    from gongshi.opendata import write_templates
    from gongshi.privacy.gate import PrivacyGate, PrivacyLeak

    class Writer:
        gate = PrivacyGate(frozenset({"当事人证件号码"}))  # (a never-value the template's text holds)

        def write_group(self, name: str, key: str, make) -> None:  # noqa: ANN001
            list(make())

    with pytest.raises(PrivacyLeak):
        write_templates(Writer(), "")
