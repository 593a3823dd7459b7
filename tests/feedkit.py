"""Small hand-made feeds for tests: a valid city of 2 agencies, 3 officers, 2 power items,
which a test then spoils in exactly one way."""

from __future__ import annotations

import csv
import io
from pathlib import Path

AGENCY_A = "江临市市场监督管理局"
AGENCY_A_USCC = "11339900MB0000001N"  # check digit computed in fix_uscc()
AGENCY_B = "江临市生态环境局"
AGENCY_B_USCC = "11339900MB0000002N"


def fix_uscc(code17: str) -> str:
    from gongshi.feeds.checkdigits import uscc_check_char

    return code17 + uscc_check_char(code17)


def agencies() -> list[dict[str, str]]:
    return [
        {"主体名称": AGENCY_A, "统一社会信用代码": fix_uscc(AGENCY_A_USCC[:17]), "主体类别": "法定行政机关",
         "执法区域": "江临市", "执法领域": "市场监管", "联系电话": "0579-85001234",
         "有效期至": "2030-12-31", "更新日期": "2026-01-15"},
        {"主体名称": AGENCY_B, "统一社会信用代码": fix_uscc(AGENCY_B_USCC[:17]), "主体类别": "法定行政机关",
         "执法区域": "江临市", "执法领域": "生态环境", "联系电话": "0579-85005678",
         "有效期至": "2030-12-31", "更新日期": "2026-01-20"},
    ]


def officers() -> list[dict[str, str]]:
    return [
        {"姓名": "王建国", "执法证号": "33990001000001", "所属单位": AGENCY_A, "执法类别": "市场监管综合执法",
         "执法区域": "江临市", "发证日期": "2022-02-05", "有效期至": "2027-05-28", "证件状态": "有效",
         "身份证号": "339901198503120016", "手机号码": "13912345678"},
        {"姓名": "李秀英", "执法证号": "33990001000002", "所属单位": AGENCY_A, "执法类别": "市场监管综合执法",
         "执法区域": "江临市", "发证日期": "2020-06-01", "有效期至": "2026-06-15", "证件状态": "有效",
         "身份证号": "33990119900101002X", "手机号码": "13600001111"},
        {"姓名": "赵敏", "执法证号": "33990002000001", "所属单位": AGENCY_B, "执法类别": "生态环境保护综合执法",
         "执法区域": "江临市", "发证日期": "2021-03-01", "有效期至": "2027-03-01", "证件状态": "吊销",
         "状态变更日期": "2025-09-01", "身份证号": "339901199205050037", "手机号码": "15800002222"},
    ]


def powers() -> list[dict[str, str]]:
    return [
        {"事项编码": "339900100001", "事项名称": "对未取得食品经营许可从事食品经营活动的行政处罚", "事项类别": "行政处罚",
         "实施主体": AGENCY_A, "设定依据": "《中华人民共和国食品安全法》第一百二十二条",
         "责任事项": "1.立案责任；2.调查责任。", "追责情形": "因不履行或不正确履行行政职责的。", "状态": "有效"},
        {"事项编码": "339900200001", "事项名称": "排污许可", "事项类别": "行政许可", "实施主体": AGENCY_B,
         "设定依据": "《排污许可管理条例》第三条", "状态": "已取消"},
    ]


def csv_bytes(rows: list[dict[str, str]], encoding: str = "utf-8", headers: list[str] | None = None) -> bytes:
    headers = headers or list(dict.fromkeys(k for row in rows for k in row))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=headers, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def write_feeds(folder: Path, *, agency_rows=None, officer_rows=None, power_rows=None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "agencies.csv").write_bytes(csv_bytes(agencies() if agency_rows is None else agency_rows))
    (folder / "officers.csv").write_bytes(csv_bytes(officers() if officer_rows is None else officer_rows))
    (folder / "powers.csv").write_bytes(csv_bytes(powers() if power_rows is None else power_rows))
    return folder
