"""Tests of the fictional 江临市 feed generator (gongshi.samplegen)."""

from __future__ import annotations

import csv
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from gongshi.feeds.checkdigits import id_number_is_valid, uscc_is_valid
from gongshi.samplegen import OFFICER_ALIAS_HEADER, OFFICER_HEADER, POWER_HEADER, cn_number, generate_feeds
from openpyxl import load_workbook

REF = date(2026, 11, 23)
ID_SHAPED = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")
MOBILE_SHAPED = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
NEVER = {"身份证号", "手机号码"}


def _read_csv(path: Path) -> tuple[list[list[str]], str]:
    raw = path.read_bytes()
    try:
        text, enc = raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        text, enc = raw.decode("gb18030"), "gb18030"
    return list(csv.reader(text.splitlines())), enc


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    out = tmp_path_factory.mktemp("sample")
    return out, generate_feeds(out)


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    out = tmp_path_factory.mktemp("plain")
    return out, generate_feeds(out, officers=2000, powers=500, agencies=30, variety=False)


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("variety", [True, False])
def test_same_arguments_give_identical_bytes(tmp_path: Path, variety: bool) -> None:
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    generate_feeds(a, officers=150, powers=80, variety=variety)
    generate_feeds(b, officers=150, powers=80, variety=variety)
    generate_feeds(c, officers=150, powers=80, variety=variety, seed=1)
    assert _files(a) == _files(b)
    assert _files(a)["agencies.csv"] != _files(c)["agencies.csv"]


def test_counts_match_rows_on_disk(sample: tuple[Path, dict[str, int]]) -> None:
    out, counts = sample
    assert counts == {"agencies": 12, "officers": 300, "powers": 300}
    assert len(_read_csv(out / "agencies.csv")[0]) - 1 == counts["agencies"]
    assert sum(len(_read_csv(p)[0]) - 1 for p in (out / "officers").glob("*.csv")) == counts["officers"]
    ws = load_workbook(out / "powers.xlsx").worksheets[0]
    assert ws.title == "权责清单"
    assert all(v is None for v in next(ws.iter_rows(min_row=1, max_row=1, values_only=True)))
    assert list(next(ws.iter_rows(min_row=2, max_row=2, values_only=True))) == POWER_HEADER
    data = [r for r in ws.iter_rows(min_row=3, values_only=True) if any(v is not None for v in r)]
    assert len(data) == counts["powers"]
    assert {type(r[-1]).__name__ for r in data} == {"datetime", "str"}  # Excel date cells and ISO text


def test_sample_file_variety(sample: tuple[Path, dict[str, int]]) -> None:
    out, _ = sample
    assert (out / "agencies.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    read = {p.name: _read_csv(p) for p in (out / "officers").glob("*.csv")}
    gb = [name for name, (_, enc) in read.items() if enc == "gb18030"]
    assert len(gb) == 1
    with pytest.raises(UnicodeDecodeError):
        (out / "officers" / gb[0]).read_bytes().decode("utf-8")
    aliased = [name for name, (rows, _) in read.items() if rows[0] == OFFICER_ALIAS_HEADER]
    assert len(aliased) == 1 and aliased[0] not in gb
    dates = [r[5] for r in read[aliased[0]][0][1:]] + [r[6] for r in read[aliased[0]][0][1:]]
    assert any("年" in d for d in dates) and any("/" in d for d in dates)
    assert any(re.fullmatch(r"\d{8}", d) for d in dates) and any(re.fullmatch(r"\d{4}\.\d+\.\d+", d) for d in dates)
    assert all(rows[0] in (OFFICER_HEADER, OFFICER_ALIAS_HEADER) for rows, _ in read.values())


def test_every_status_appears(plain: tuple[Path, dict[str, int]], sample: tuple[Path, dict[str, int]]) -> None:
    rows = list(csv.DictReader((plain[0] / "officers.csv").open(encoding="utf-8")))
    derived = Counter("过期" if r["证件状态"] == "有效" and r["有效期至"] < REF.isoformat() else r["证件状态"]
                      for r in rows)
    assert set(derived) == {"有效", "过期", "暂扣", "注销", "吊销"}
    assert any(r["有效期至"] == REF.isoformat() for r in rows)
    assert all(r["状态变更日期"] and r["状态变更日期"] < REF.isoformat() for r in rows if r["证件状态"] != "有效")
    small = set()
    for p in (sample[0] / "officers").glob("*.csv"):
        small |= {r[7] for r in _read_csv(p)[0][1:]}
    assert small == {"有效", "暂扣", "注销", "吊销"}


def test_certificate_numbers_unique_and_well_formed(plain: tuple[Path, dict[str, int]]) -> None:
    certs = [r["执法证号"] for r in csv.DictReader((plain[0] / "officers.csv").open(encoding="utf-8"))]
    assert len(certs) == 2000 == len(set(certs))
    assert all(re.fullmatch(r"33990\d{9}", c) for c in certs)
    codes = [r["事项编码"] for r in csv.DictReader((plain[0] / "powers.csv").open(encoding="utf-8"))]
    assert len(set(codes)) == len(codes) and all(re.fullmatch(r"3399\d{8}", c) for c in codes)


def test_uscc_and_never_columns(plain: tuple[Path, dict[str, int]]) -> None:
    agencies = list(csv.DictReader((plain[0] / "agencies.csv").open(encoding="utf-8")))
    codes = [a["统一社会信用代码"] for a in agencies]
    assert len(set(codes)) == len(codes) == 30
    assert all(uscc_is_valid(c) and not id_number_is_valid(c) for c in codes)
    assert {a["主体类别"] for a in agencies} == {"法定行政机关", "法律法规授权组织", "受委托组织"}
    names = {a["主体名称"] for a in agencies}
    officers = list(csv.DictReader((plain[0] / "officers.csv").open(encoding="utf-8")))
    assert {o["所属单位"] for o in officers} <= names
    assert all(id_number_is_valid(o["身份证号"]) and MOBILE_SHAPED.fullmatch(o["手机号码"]) for o in officers)


def test_no_personal_numbers_outside_never_columns(plain: tuple[Path, dict[str, int]]) -> None:
    for name in ("agencies.csv", "officers.csv", "powers.csv"):
        for row in csv.DictReader((plain[0] / name).open(encoding="utf-8")):
            for key, value in row.items():
                if key not in NEVER:
                    assert not ID_SHAPED.search(value) and not MOBILE_SHAPED.search(value), (name, key, value)


def test_plain_mode_writes_three_csvs(plain: tuple[Path, dict[str, int]]) -> None:
    out, counts = plain
    assert sorted(_files(out)) == ["agencies.csv", "officers.csv", "powers.csv"]
    assert counts == {"agencies": 30, "officers": 2000, "powers": 500}
    assert not (out / "officers.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_chinese_numerals() -> None:
    assert [cn_number(n) for n in (3, 10, 15, 42, 100, 105, 110, 122)] == [
        "三", "十", "十五", "四十二", "一百", "一百零五", "一百一十", "一百二十二"]
