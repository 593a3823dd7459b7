"""Tests of the fictional 江临市 feed generator (gongshi.samplegen)."""

from __future__ import annotations

import csv
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from gongshi.feeds import ProblemLog, load_feeds
from gongshi.feeds.checkdigits import id_number_is_valid, uscc_is_valid
from gongshi.feeds.datasets import PENALTIES
from gongshi.privacy.detect import find_personal_data
from gongshi.privacy.redact import looks_like_person_name, luhn_valid, scrub_text
from gongshi.samplegen import (
    OFFICER_ALIAS_HEADER,
    OFFICER_HEADER,
    PENALTY_CODE_HEADER,
    PENALTY_HEADER,
    POWER_HEADER,
    VIOLATIONS,
    cn_number,
    generate_feeds,
    main,
)
from gongshi.schedule.calendar import WorkCalendar
from gongshi.schedule.penalties import PenaltyRules, penalty_states

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
    assert counts == {"agencies": 12, "officers": 300, "powers": 300, "penalties": 240, "inspections": 300,
                      "supervision": 60}
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
    assert sorted(_files(out)) == ["agencies.csv", "inspections.csv", "officers.csv", "penalties.csv", "powers.csv",
                                   "supervision.csv"]
    assert counts == {"agencies": 30, "officers": 2000, "powers": 500, "penalties": 240, "inspections": 300,
                      "supervision": 60}
    assert not (out / "officers.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_chinese_numerals() -> None:
    assert [cn_number(n) for n in (3, 10, 15, 42, 100, 105, 110, 122)] == [
        "三", "十", "十五", "四十二", "一百", "一百零五", "一百一十", "一百二十二"]


# -- penalties ------------------------------------------------------------------------------------
FREE_TEXT = {"违法事实", "处罚内容", "备注", "撤回原因", "暂扣或吊销证照名称及编号"}
PENALTY_NEVER = {"法定代表人证件类型", "法定代表人证件号码", "当事人证件类型", "当事人证件号码"}
STATES = {"scheduled", "public", "withdrawn", "ended"}


def _load(root: Path) -> tuple[pd.DataFrame, ProblemLog]:
    log = ProblemLog()
    tables = load_feeds(root, log)
    return tables["penalties"].frame, log


def _states(frame: pd.DataFrame) -> pd.DataFrame:
    return penalty_states(frame, REF, WorkCalendar(), PenaltyRules())


@pytest.fixture(scope="module")
def sample_penalties(sample: tuple[Path, dict[str, int]]) -> pd.DataFrame:
    frame, log = _load(sample[0])
    assert log.errors == [] and log.warnings == [], log.report()
    return _states(frame)


@pytest.fixture(scope="module")
def many_penalties(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pd.DataFrame]:
    """A plain feed big enough for shares, with district agencies (their own 决定书文号 styles)."""
    out = tmp_path_factory.mktemp("penalties")
    generate_feeds(out, officers=50, powers=50, agencies=60, penalties=4000, variety=False)
    frame, log = _load(out)
    assert log.errors == [] and log.warnings == [], log.report()
    return out, _states(frame)


def test_penalty_headers_follow_the_schema() -> None:
    assert PENALTY_HEADER == [c.header for c in PENALTIES.columns]
    coded = {c.header: c.aliases[0] for c in PENALTIES.columns if any(a.startswith(("CF_", "BZ")) for a in c.aliases)}
    assert PENALTY_CODE_HEADER[:len(coded)] == [coded[h] for h in PENALTY_HEADER if h in coded]
    assert PENALTY_CODE_HEADER[len(coded):] == [h for h in PENALTY_HEADER if h not in coded]
    assert all("{who}" in v.facts for v in VIOLATIONS)  # every text names the party


def test_sample_penalty_files(sample: tuple[Path, dict[str, int]], sample_penalties: pd.DataFrame) -> None:
    folder = sample[0] / "penalties"
    assert sorted(p.name for p in folder.iterdir()) == ["others.xlsx", "scjgj.csv", "sthjj-shuanggongshi.csv"]
    assert (folder / "scjgj.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    rows, enc = _read_csv(folder / "scjgj.csv")
    assert enc == "utf-8" and rows[0] == PENALTY_HEADER
    coded, enc = _read_csv(folder / "sthjj-shuanggongshi.csv")
    assert enc == "gb18030" and coded[0] == PENALTY_CODE_HEADER
    assert coded[0][:3] == ["CF_WSH", "CF_XDR_MC", "CF_XDR_LB"] and "当事人住址" in coded[0]
    decided = [r[coded[0].index("CF_JDRQ")] for r in coded[1:]]
    assert decided and all(re.fullmatch(r"20\d\d/\d{1,2}/\d{1,2}", d) for d in decided)
    ws = load_workbook(folder / "others.xlsx").worksheets[0]
    assert [c.value for c in ws[1]] == PENALTY_HEADER
    files = Counter(p.rsplit("/", 1)[-1] for p in sample_penalties["_file"])
    assert set(files) == {"scjgj.csv", "sthjj-shuanggongshi.csv", "others.xlsx"}
    assert sum(files.values()) == len(sample_penalties) == 240
    authorities = {r[22] for r in rows[1:]}
    assert authorities == {"江临市市场监督管理局"}
    companies = sample_penalties[sample_penalties["party_type"] == "法人及非法人组织"]
    repeats = Counter(companies["party_uscc"]).values()
    assert max(repeats) in (3, 4) and sum(1 for n in repeats if n >= 2) >= 5  # company pages list several


def test_penalty_states_at_the_reference_date(sample_penalties: pd.DataFrame,
                                              many_penalties: tuple[Path, pd.DataFrame]) -> None:
    for frame in (sample_penalties, many_penalties[1]):
        states = Counter(frame["pub_state"])
        assert set(states) == STATES
        assert states["public"] > len(frame) / 2
        repaired = frame[frame["credit_repaired_on"] != ""]
        assert len(repaired) >= 3 and (repaired["credit_repaired_on"] < REF.isoformat()).all()
        assert (repaired["pub_state"] == "ended").all()
        assert (frame["publish_until"] != "").sum() >= 3
        withdrawn = frame[frame["state"] == "撤回"]
        assert (withdrawn["withdrawn_on"] != "").all() and (withdrawn["withdrawal_reason"] != "").all()
        assert (withdrawn["withdrawn_on"] > withdrawn["decided_on"]).all()
        assert (frame["decided_on"] <= REF.isoformat()).all()
        first, last = date.fromisoformat(frame["decided_on"].min()), date.fromisoformat(frame["decided_on"].max())
        assert (last - first).days > 3 * 365 and (REF - last).days < 7  # ~3.5 years of decisions
    states = Counter(sample_penalties["pub_state"])
    assert 2 <= states["scheduled"] <= 3 and 3 <= states["withdrawn"] <= 4


def test_penalty_dates(sample_penalties: pd.DataFrame) -> None:
    f = sample_penalties
    published, served = f[f["published_on"] != ""], f[f["served_on"] != ""]
    assert 0 < len(f) - len(published) < len(f) / 5 and 0 < len(f) - len(served) < len(f) / 5
    lag = pd.to_datetime(published["published_on"]) - pd.to_datetime(published["decided_on"])
    assert lag.dt.days.between(1, 15).all()
    lag = pd.to_datetime(served["served_on"]) - pd.to_datetime(served["decided_on"])
    assert lag.dt.days.between(0, 3).all()
    scheduled = f[f["pub_state"] == "scheduled"]
    assert (scheduled["published_on"] > REF.isoformat()).all()


def test_minors_persons_and_major_penalties(sample_penalties: pd.DataFrame) -> None:
    f = sample_penalties
    minors = f[f["party_is_minor"] == "是"]
    assert len(minors) == 2 and (minors["party_type"] == "自然人").all()
    for _, r in minors.iterrows():
        born = date(int(r["party_id_number"][6:10]), int(r["party_id_number"][10:12]), int(r["party_id_number"][12:14]))
        assert 16 <= (date.fromisoformat(r["decided_on"]) - born).days / 365.25 < 18
    persons = f[f["party_type"] == "自然人"]
    assert (persons["party_uscc"] == "").all() and (persons["party_id_type"] == "身份证").all()
    assert persons["party_id_number"].map(id_number_is_valid).all()
    assert (persons["party_address"] != "").all() and (persons["legal_representative"] == "").all()
    majors = f[f["major"]]
    assert (majors["legal_application_note"] == "").sum() == 1
    missing = majors[majors["legal_application_note"] == ""]
    assert (missing["fine"].astype(float) > 50).all()
    assert (f["fine"].map(lambda x: float(x or 0)) > 50).sum() >= 2
    assert majors["penalty_content"].str.contains("责令停产停业6个月").any()
    assert f["penalty_content"].str.contains("责令停产停业2个月").any()
    kinds = Counter(k for ks in f["penalty_kinds"] for k in ks.split(";"))
    assert {"罚款", "警告", "没收违法所得", "吊销许可证件", "责令停产停业", "通报批评"} <= set(kinds)
    assert (f["effective_until"] != "").any() and (f["remarks"] != "").any()
    assert ((f["rep_id_type"] == "身份证") == (f["party_type"] != "自然人")).all()
    organisations = f[f["party_type"] != "自然人"]
    assert organisations["rep_id_number"].map(id_number_is_valid).all()
    assert organisations["rep_id_number"].str.startswith("339901").all()


def test_parties(many_penalties: tuple[Path, pd.DataFrame]) -> None:
    f = many_penalties[1]
    share = f["party_type"].value_counts(normalize=True)
    assert 0.58 < share["法人及非法人组织"] < 0.72 and 0.18 < share["个体工商户"] < 0.32 and 0.06 < share["自然人"] < 0.14
    for kind, prefix in (("法人及非法人组织", "91"), ("个体工商户", "92")):
        codes = f.loc[f["party_type"] == kind, "party_uscc"]
        assert codes.str.startswith(prefix + "3399").all() and codes.map(uscc_is_valid).all()
    # one company, one code; some companies have several decisions
    companies = f[f["party_type"] == "法人及非法人组织"]
    assert companies.groupby("party_name")["party_uscc"].nunique().max() == 1
    assert companies.groupby("party_uscc")["party_name"].nunique().max() == 1
    per_company = Counter(companies["party_uscc"])
    assert max(per_company.values()) == 4 and sum(1 for n in per_company.values() if n >= 2) > 20
    assert companies["party_name"].str.endswith("公司").all()
    sole = f[f["party_type"] == "个体工商户"]
    named = sole["party_name"].map(looks_like_person_name)
    assert 0.4 < named.mean() < 0.6
    assert (sole.loc[named, "party_name"] == sole.loc[named, "legal_representative"]).all()
    assert sole.loc[~named, "party_name"].str.startswith("江临市").all()
    assert f.loc[f["party_type"] == "自然人", "party_name"].map(looks_like_person_name).all()
    assert set(f["authority"]) > {"江临市市场监督管理局", "江临市生态环境局"}
    assert (f["authority"] == f["source_unit"]).all() and (f["authority_uscc"] == f["source_unit_uscc"]).all()


def test_decision_numbers(many_penalties: tuple[Path, pd.DataFrame]) -> None:
    f = many_penalties[1]
    assert f["decision_no"].is_unique
    assert f["decision_no"].str.fullmatch(r"(（..）)?[\u4e00-\u9fff]{2,8}〔20\d\d〕(第)?\d+号").all()
    assert (f["decision_no"].str.extract(r"〔(\d{4})〕")[0] == f["decided_on"].str[:4]).all()
    assert f["decision_no"].str.startswith("江临市监罚〔").any() and f["decision_no"].str.contains("环罚字〔").any()
    assert f["decision_no"].str.contains(r"^(?:临江|江北|南湖|青山|云溪|桐岭)").any()  # district branches


def test_amounts_and_content_agree(many_penalties: tuple[Path, pd.DataFrame]) -> None:
    f = many_penalties[1]
    for _, r in f.iterrows():
        kinds = r["penalty_kinds"].split(";")
        if "罚款" in kinds:
            yuan = round(float(r["fine"]) * 10000)
            assert f"罚款人民币{yuan}元" in r["penalty_content"]
        else:
            assert r["fine"] == ""
        if "没收违法所得" in kinds or "没收非法财物" in kinds:
            assert float(r["confiscation"]) > 0
        else:
            assert r["confiscation"] == ""
        if "吊销许可证件" in kinds:
            assert r["license_action"] and "吊销" in r["penalty_content"]
        if "责令停产停业" in kinds:
            assert re.search(r"责令停产停业\d+个月", r["penalty_content"])


def holds_numbers(text: str) -> bool:
    """Whether the scrubber finds personal data other than names in `text` (samplegen writes the
    party's name into every fact; the scrubber also finds it there with no context, 当事人吴涛菲经营的…)."""
    return any(f.kind != "name" for f in find_personal_data(text))


def test_person_names_and_numbers_in_facts(many_penalties: tuple[Path, pd.DataFrame]) -> None:
    f = many_penalties[1]
    person = (f["party_type"] == "自然人") | ((f["party_type"] == "个体工商户") & f["party_name"].map(looks_like_person_name))
    persons, organisations = f[person], f[~person]
    assert all(name in facts for name, facts in zip(persons["party_name"], persons["facts"], strict=True))
    exposed = persons[persons["facts"].map(holds_numbers)]
    assert 0.25 < len(exposed) / len(persons) < 0.45
    text = "".join(exposed["facts"])
    assert re.search(r"\d{4} \d{4} \d{4} \d{4} \d{2}", text)  # spaced ID
    assert re.search(r"[０-９]{17}[０-９Ｘ]", text)  # full-width ID
    assert "+86 1" in text and re.search(r"手机 1\d\d-\d{4}-\d{4}", text)
    assert "浙K·" in text
    cards = [re.sub(r"\D", "", c) for c in re.findall(r"卡号：([\d ]+)", text)]
    assert cards and all(luhn_valid(c) and 16 <= len(c) <= 19 for c in cards)
    for _, r in exposed.iterrows():  # the numbers in the text are the person's own
        own = r["party_id_number"] or r["rep_id_number"]
        folded = re.sub(r"\s", "", r["facts"].translate({c: c - 0xFEE0 for c in range(0xFF10, 0xFF3B)}))
        assert own in folded or "身份" not in r["facts"]
    # organisations' texts carry no personal numbers: scrubbing leaves them as they are
    assert not organisations["facts"].map(holds_numbers).any()
    assert (f["penalty_content"].map(scrub_text) == f["penalty_content"]).all()


def test_no_personal_numbers_in_penalties_outside_never_and_free_text(
        sample: tuple[Path, dict[str, int]], many_penalties: tuple[Path, pd.DataFrame]) -> None:
    rows = list(csv.DictReader((many_penalties[0] / "penalties.csv").open(encoding="utf-8")))
    rows += [dict(zip(r[0], v, strict=True)) for r in [_read_csv(sample[0] / "penalties" / "scjgj.csv")[0]] for v in r[1:]]
    for row in rows:
        for key, value in row.items():
            if key not in PENALTY_NEVER | FREE_TEXT:
                assert not ID_SHAPED.search(value) and not MOBILE_SHAPED.search(value), (key, value)


def test_penalties_do_not_change_other_datasets(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    generate_feeds(a, officers=100, powers=60, penalties=0)
    generate_feeds(b, officers=100, powers=60, penalties=500)
    fa, fb = _files(a), _files(b)
    assert not any(k.startswith("penalties") for k in fa)
    # inspections visit some penalised businesses (so company pages join both): they may change
    assert {k: v for k, v in fb.items() if not k.startswith(("penalties", "inspections"))} == {
        k: v for k, v in fa.items() if not k.startswith("inspections")}


def test_penalty_bytes_are_reproducible(tmp_path: Path) -> None:
    runs = [tmp_path / "a", tmp_path / "b", tmp_path / "c"]
    for i, out in enumerate(runs):
        generate_feeds(out, officers=20, powers=20, penalties=300, seed=1 if i == 2 else 20261123)
    a, b, c = (_files(out) for out in runs)
    names = [k for k in a if k.startswith("penalties")]
    assert len(names) == 3 and all(a[k] == b[k] for k in names)
    assert all(a[k] != c[k] for k in names)


def test_stale_penalty_files_are_removed(tmp_path: Path) -> None:
    folder = tmp_path / "penalties"
    folder.mkdir()
    (folder / "old-agency.csv").write_text("决定书文号\n江临市监罚〔2020〕1号\n", encoding="utf-8")
    (tmp_path / "penalties.csv").write_text("决定书文号\n", encoding="utf-8")
    generate_feeds(tmp_path, officers=10, powers=10, penalties=50)
    assert sorted(p.name for p in folder.iterdir()) == ["others.xlsx", "scjgj.csv", "sthjj-shuanggongshi.csv"]
    assert not (tmp_path / "penalties.csv").exists()
    generate_feeds(tmp_path, officers=10, powers=10, penalties=50, variety=False)  # plain replaces the folder
    assert (tmp_path / "penalties.csv").is_file() and not folder.exists()
    generate_feeds(tmp_path, officers=10, powers=10, penalties=0, variety=False)
    assert not (tmp_path / "penalties.csv").exists()


@pytest.mark.parametrize("n", [1, 5, 39])
def test_small_penalty_counts(tmp_path: Path, n: int) -> None:
    counts = generate_feeds(tmp_path, officers=10, powers=10, penalties=n, agencies=3)
    assert counts["penalties"] == n
    frame, log = _load(tmp_path)
    assert log.errors == [] and log.warnings == [] and len(frame) == n


def test_cli_penalties_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--out", str(tmp_path), "--plain", "--officers", "5", "--powers", "5", "--penalties", "30"]) == 0
    assert "penalties=30" in capsys.readouterr().out
    assert len(_read_csv(tmp_path / "penalties.csv")[0]) == 31
    with pytest.raises(SystemExit):
        main(["--out", str(tmp_path), "--penalties", "-1"])


# -- inspections and supervision -------------------------------------------------------------
def _inspections(out: Path) -> list[dict[str, str]]:
    rows = []
    for path in sorted((out / "inspections").glob("*.csv")):
        rows += list(csv.DictReader(path.open(encoding="utf-8")))
    return rows


def test_sample_inspections_cover_what_the_portal_must_handle(sample: tuple[Path, dict[str, int]]) -> None:
    from gongshi.feeds.datasets import INSPECTION_RESULTS

    rows = _inspections(sample[0])
    assert len(rows) == 300 and 20 <= len({r["任务编号"] for r in rows}) <= 60  # a few dozen tasks
    assert {r["检查结果"] for r in rows} == set(INSPECTION_RESULTS)
    persons = [r for r in rows if r["检查对象类别"] in ("自然人", "个体工商户")]
    assert {r["检查对象类别"] for r in persons} == {"自然人", "个体工商户"}
    assert all(looks_like_person_name(r["检查对象名称"]) for r in persons)  # so the portal masks them
    assert all(not r["统一社会信用代码"] for r in persons if r["检查对象类别"] == "自然人")
    with_mobile = [r["整改要求"] for r in rows if MOBILE_SHAPED.search(r["整改要求"])]
    assert with_mobile and all(not MOBILE_SHAPED.search(scrub_text(t)) for t in with_mobile)
    assert any(r["公示日期"] and (r["公示日期"].replace("年", "-") > REF.isoformat()) for r in rows)  # scheduled
    for row in rows:  # personal numbers only in 整改要求, which is scrubbed
        for key, value in row.items():
            if key != "整改要求":
                assert not ID_SHAPED.search(value) and not MOBILE_SHAPED.search(value), (key, value)


def test_sample_inspections_check_some_penalised_businesses(sample: tuple[Path, dict[str, int]]) -> None:
    tables = load_feeds(sample[0], ProblemLog())
    penalised = set(tables["penalties"].frame["party_uscc"]) - {""}
    checked = set(tables["inspections"].frame["subject_uscc"]) - {""}
    assert len(penalised & checked) >= 5 and len(checked - penalised) >= 100


def test_sample_supervision_covers_kinds_grades_periods_and_rectification(sample: tuple[Path, dict[str, int]]) -> None:

    from gongshi.schedule.oversight import oversight_states

    tables = load_feeds(sample[0], ProblemLog())
    frame = tables["supervision"].frame
    assert len(frame) == 60
    assert set(frame["kind"]) == {"案卷评查", "专项监督", "执法考核"}
    assert set(frame["grade"]) - {""} == {"优秀", "良好", "合格", "不合格"}
    periods = frame[frame["kind"] == "案卷评查"].groupby("unit")["title"].nunique()
    assert (periods >= 2).sum() >= 5  # several periods per unit
    _, states = oversight_states(tables["inspections"].frame, frame, REF)
    assert set(states["rect_status"]) == {"done", "in_progress", "overdue", "overdue_unrectified", "none"}
    assert (states["pub_state"] == "scheduled").any()
    assert frame["findings"].str.contains(MOBILE_SHAPED).any()  # to be scrubbed


def test_oversight_counts_options_and_reproducibility(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--out", str(tmp_path / "a"), "--plain", "--officers", "5", "--powers", "5", "--penalties", "0",
                 "--inspections", "500", "--supervision", "120"]) == 0
    assert "inspections=500 supervision=120" in capsys.readouterr().out
    main(["--out", str(tmp_path / "b"), "--plain", "--officers", "5", "--powers", "5", "--penalties", "0",
          "--inspections", "500", "--supervision", "120"])
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    log = ProblemLog()
    load_feeds(tmp_path / "a", log)
    assert not log.errors, log.report()
    main(["--out", str(tmp_path / "a"), "--plain", "--officers", "5", "--powers", "5", "--penalties", "0",
          "--inspections", "0", "--supervision", "0"])  # zero removes the stale files
    assert not (tmp_path / "a/inspections.csv").exists() and not (tmp_path / "a/supervision.csv").exists()
    with pytest.raises(SystemExit):
        main(["--out", str(tmp_path), "--inspections", "-1"])
