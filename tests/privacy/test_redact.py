"""The scrubber and the name masking, with property tests: generated identity numbers, phones
and cards hidden in random Chinese text never survive; organisations and their codes do."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongshi.feeds.checkdigits import id_check_char, uscc_check_char
from gongshi.feeds.datasets import PENALTIES
from gongshi.privacy.redact import (
    REMOVED,
    luhn_valid,
    mask_names,
    redact_frame,
    scrub_text,
    scrub_texts,
)

CJK = st.text(alphabet=st.sampled_from(list("当事人于在经营场所销售过期食品被查处其联系电话为身份证号码银行卡账户邮箱车辆号牌现场检查，。；：、")),
              max_size=30)
FULL_WIDTH = str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ")


@st.composite
def id_numbers(draw) -> str:
    region = draw(st.sampled_from(["110105", "330106", "440524", "339901", "510107"]))
    year = draw(st.integers(1930, 2012))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    seq = draw(st.integers(0, 999))
    first17 = f"{region}{year:04d}{month:02d}{day:02d}{seq:03d}"
    number = first17 + id_check_char(first17)
    if draw(st.booleans()):
        number = number.replace("X", "x")
    style = draw(st.sampled_from(["plain", "spaced", "grouped", "full"]))
    if style == "spaced":
        return " ".join(number)
    if style == "grouped":
        return f"{number[:6]} {number[6:14]} {number[14:]}"
    if style == "full":
        return number.translate(FULL_WIDTH)
    return number


@st.composite
def old_id_numbers(draw) -> str:
    return (draw(st.sampled_from(["110105", "330106"])) + f"{draw(st.integers(30, 99)):02d}"
            f"{draw(st.integers(1, 12)):02d}{draw(st.integers(1, 28)):02d}{draw(st.integers(0, 999)):03d}")


@st.composite
def mobiles(draw) -> str:
    number = "1" + draw(st.sampled_from("3456789")) + "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=9, max_size=9)))
    style = draw(st.sampled_from(["plain", "+86", "86-", "dashed", "spaced", "full"]))
    return {"plain": number, "+86": "+86" + number, "86-": "+86-" + number,
            "dashed": f"{number[:3]}-{number[3:7]}-{number[7:]}", "spaced": f"{number[:3]} {number[3:7]} {number[7:]}",
            "full": number.translate(FULL_WIDTH)}[style]


@st.composite
def bank_cards(draw) -> str:
    length = draw(st.integers(16, 19))
    body = draw(st.sampled_from(["62", "4", "5"])) + "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=length, max_size=length)))
    body = body[:length - 1]
    check = next(d for d in "0123456789" if luhn_valid(body + d))
    card = body + check
    return " ".join(card[i:i + 4] for i in range(0, len(card), 4)) if draw(st.booleans()) else card


def digits_of(text: str) -> str:
    return "".join(ch for ch in text.translate(str.maketrans("０１２３４５６７８９", "0123456789")) if ch.isdigit())


@settings(max_examples=300, deadline=None)
@given(before=CJK, secret=st.one_of(id_numbers(), old_id_numbers(), mobiles(), bank_cards()), after=CJK)
def test_personal_numbers_never_survive_the_scrubber(before: str, secret: str, after: str) -> None:
    scrubbed = scrub_text(before + secret + after)
    assert digits_of(secret) not in digits_of(scrubbed)
    assert any(note in scrubbed for note in REMOVED.values())
    assert scrubbed.startswith(before) and scrubbed.endswith(after)


@st.composite
def usccs(draw) -> str:
    charset = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    first17 = draw(st.sampled_from(["91", "92", "11", "12", "52"])) + draw(st.sampled_from(["330100", "440300", "110105"])) \
        + "".join(draw(st.lists(st.sampled_from(charset), min_size=9, max_size=9)))
    return first17 + uscc_check_char(first17)


@settings(max_examples=300, deadline=None)
@given(before=CJK, org=st.sampled_from(["江临市鲜果坊食品有限公司", "江临市临江区好运来超市", "浙江某某建设集团有限公司"]),
       code=usccs(), after=CJK)
def test_organisations_and_their_codes_survive(before: str, org: str, code: str, after: str) -> None:
    text = f"{before}{org}（统一社会信用代码：{code}）{after}"
    # (the noise around may itself read as a person: 证人查事 is 证人 + a name, masked)
    assert f"{org}（统一社会信用代码：{code}）" in scrub_text(text)


@pytest.mark.parametrize("text, note", [
    ("当事人邮箱zhang.san@example.com。", "电子邮箱"),
    ("车辆号牌浙A·12345被扣押", "车牌号"),
    ("新能源车浙AD12345违停", "车牌号"),
    ("联系电话0579-85001234", "电话号码"),
])
def test_other_personal_data_is_removed(text: str, note: str) -> None:
    assert f"〔{note}已隐去〕" in scrub_text(text)


def test_ordinary_numbers_stay() -> None:
    text = "罚款人民币5000元，没收违法所得12,345.60元，2026年3月5日作出决定，第一百二十二条，编号339900100001。"
    assert scrub_text(text) == text


# Everything the scrubber's patterns look at: digits (ASCII, full-width, other scripts' and one
# beyond the basic plane), separators, letters, signs, full-width forms, plate characters, NUL.
MIXED = st.text(alphabet=st.sampled_from(list(
    "当事人代码码电话，。（）：0123456789０１２３４５６７８９٣९𝟗 -–—.·•　－．＋＠@+()%_xXｘＸ"
    "ABCZabcz京浙粤学警挂\0\t")), max_size=40)
PIECE = st.one_of(MIXED, id_numbers(), old_id_numbers(), mobiles(), bank_cards(), usccs(),
                  st.sampled_from(["zhang.san@example.com", "浙A·12345", "浙AD12345", "0579-85001234",
                                   "(0579)85001234", "统一社会信用代码：", "+86 138 1234 5678", "a@b.cn"]))


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(st.lists(st.tuples(PIECE, st.sampled_from(["", "，", "人"])).map("".join), max_size=6)
                      .map("".join), max_size=8))
def test_scrubbing_many_texts_at_once_is_scrubbing_each(texts: list[str]) -> None:
    assert scrub_texts(texts) == [scrub_text(text) for text in texts]


def test_masking_keeps_surnames_and_tells_same_surname_persons_apart() -> None:
    assert mask_names(["张三"]) == {"张三": "张某某"}
    assert mask_names(["欧阳明月"]) == {"欧阳明月": "欧阳某某"}
    assert mask_names(["张三", "张四", "李五"]) == {"张三": "张某甲", "张四": "张某乙", "李五": "李某某"}


def penalty_frame(rows: list[dict[str, str]]) -> pd.DataFrame:
    columns = [c.key for c in PENALTIES.columns]
    return pd.DataFrame([{c: row.get(c, "") for c in columns} for row in rows])


def test_natural_person_party_is_masked_everywhere_in_the_record() -> None:
    frame = penalty_frame([{
        "party_name": "张三", "party_type": "自然人", "party_address": "江临市临江区幸福路1号",
        "facts": "张三于2026年3月在江临市销售过期食品，张三之子张四在场，身份证号110105194912310021。",
        "penalty_content": "对张三罚款5000元。", "remarks": "",
    }])
    public, report = redact_frame(frame, PENALTIES, "party_type")
    row = public.iloc[0]
    assert row["party_name"] == "张某某"
    assert row["party_address"] == ""
    assert "张三" not in row["facts"] and "张某某" in row["facts"]
    assert "110105194912310021" not in row["facts"] and "〔身份证号已隐去〕" in row["facts"]
    assert row["penalty_content"] == "对张某某罚款5000元。"
    assert report.persons_masked == 1


def test_organisation_party_and_its_legal_representative_stay() -> None:
    frame = penalty_frame([{"party_name": "江临市鲜果坊食品有限公司", "party_type": "法人及非法人组织",
                            "legal_representative": "王建国", "party_address": "江临市临江区幸福路1号",
                            "facts": "该公司法定代表人王建国未履行义务。"}])
    public, _ = redact_frame(frame, PENALTIES, "party_type")
    assert public.iloc[0]["party_name"] == "江临市鲜果坊食品有限公司"
    assert public.iloc[0]["legal_representative"] == "王建国"
    assert public.iloc[0]["party_address"] == "江临市临江区幸福路1号"
    assert "王建国" in public.iloc[0]["facts"]


def test_sole_trader_named_after_its_operator_is_a_person_but_a_shop_name_is_not() -> None:
    frame = penalty_frame([
        {"party_name": "李四", "party_type": "个体工商户", "legal_representative": "李四", "facts": "李四无证经营。"},
        {"party_name": "江临市老李小吃店", "party_type": "个体工商户", "legal_representative": "李五", "facts": "经营者李五。"},
    ])
    public, _ = redact_frame(frame, PENALTIES, "party_type")
    assert public["party_name"].tolist() == ["李某某", "江临市老李小吃店"]
    assert public.iloc[0]["facts"] == "李某某无证经营。"


def test_minor_party_withholds_the_whole_record() -> None:
    frame = penalty_frame([{"party_name": "王小明", "party_type": "自然人", "party_is_minor": "是"},
                           {"party_name": "赵六", "party_type": "自然人", "party_is_minor": "否"}])
    public, report = redact_frame(frame, PENALTIES, "party_type")
    assert public["party_name"].tolist() == ["赵某某"]
    assert report.withheld_minors == 1


def test_redacting_leaves_the_raw_frame_as_it_was() -> None:
    frame = penalty_frame([{"party_name": "张三", "party_type": "自然人", "party_address": "江临市临江区幸福路1号",
                            "facts": "张三电话13812345678。"}]).drop(columns=["party_is_minor"])
    before = frame.copy()
    public, _ = redact_frame(frame, PENALTIES, "party_type")
    assert public.iloc[0]["party_name"] == "张某某" and public.iloc[0]["party_address"] == ""
    assert frame.equals(before)


def test_a_mask_keeps_the_surname_as_the_text_writes_it():
    # 鍾美玲 is read as 钟美玲 (the registry's simplified form); the published mask keeps 鍾.
    from gongshi.privacy.redact import scrub_texts

    assert scrub_texts(["證人鍾美玲稱曾在店內購油。"]) == ["證人鍾某某稱曾在店內購油。"]
    assert scrub_text("证人钟美玲称曾在店内购油。") == "证人钟某某称曾在店内购油。"
