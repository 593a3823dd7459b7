"""Detectors of personal data in text: one library for the scrubber and for the gate.

RULES.md ("Removing personal data", "What real free text holds") is the specification. Every
detector matches on a *shadow* of the text — NFKC (full-width forms folded), zero-width
characters removed, case ignored — whose positions map back to the original, so what is
removed is cut out of the original and the published text keeps its form. Digit groups may be
split by separator runs of any common kind; Chinese digits (〇一二三…) count as digits in a
run long enough to be a number, not in ordinary words.

`find_personal_data(text, context)` returns the findings; `redact_free_text` replaces them
(names by surname + 某某, everything else by a note saying what was removed). What must
survive is part of each detector: organisations' published lines and service numbers,
statistics such as 文号, dates, amounts, 统一社会信用代码 and 注册号, plates the text gives to an
organisation, and law titles in 《》, which nothing touches.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import accumulate

from ahocorasick_rs import BytesAhoCorasick

from ..feeds.checkdigits import uscc_is_valid
from .names import (
    _PLACE_AFTER,
    COMPOUND_SURNAMES,
    CUED_RULES,
    PERSON_PREDICATES,
    ROLE_CUES,
    SURNAMES,
    T2S,
    TRADITIONAL,
    NameFinder,
    find_each,
    inside_words,
    mask_names,
    name_shadow,
    normalise_name,
)

NOTES = {
    "id": "〔身份证号已隐去〕",
    "mobile": "〔手机号码已隐去〕",
    "landline": "〔电话号码已隐去〕",
    "card": "〔银行卡号已隐去〕",
    "email": "〔电子邮箱已隐去〕",
    "plate": "〔车牌号已隐去〕",
    "document": "〔证件号码已隐去〕",
    "property": "〔不动产权证书编号已隐去〕",
    "social": "〔社交账号已隐去〕",
    "address": "〔住址已隐去〕",
    "health": "〔健康信息已隐去〕",
}
KIND_LABELS = {
    "id": "身份证号", "mobile": "手机号码", "landline": "电话号码", "card": "银行账号", "email": "电子邮箱",
    "plate": "车牌号", "document": "证件号码", "property": "不动产权证书编号", "social": "QQ/微信号",
    "address": "住址", "health": "健康信息", "name": "自然人姓名",
}

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f"
_ZERO_WIDTH_RE = re.compile("[" + ZERO_WIDTH + "]")
# Characters whose NFKC form a detector reads differently: full-width ASCII letters, digits and
# signs (not full-width punctuation, which the patterns accept as it is), the ideographic
# space, other scripts' and compatibility digits (①, ¹, 𝟗, ٣), and zero-width characters.
_FOLDABLE = re.compile("[\uff0b\uff0d\uff0e\uff10-\uff19\uff20-\uff3a\uff3f\uff41-\uff5a\u3000\u2070-\u209f\u2150-\u218f\u2460-\u24ff"
                       "\u2776-\u2793\u3251-\u325f\u32b1-\u32bf\U0001d7ce-\U0001d7ff\u0660-\u0669\u06f0-\u06f9"
                       "\u0966-\u096f\u2102-\u214f" + ZERO_WIDTH + "]")
# What people put between digit groups (after NFKC: full-width forms are already ASCII).
SEPARATOR_CHARS = " \t\u00a0\u3000\u2002\u2003\u2009-\u2010\u2011\u2012\u2013\u2014\u2015\u2212._·•・‧/\\"
_SEP = "[" + re.escape(SEPARATOR_CHARS) + "]"
CHINESE_DIGITS = {"〇": "0", "零": "0", "一": "1", "幺": "1", "二": "2", "三": "3", "四": "4", "五": "5",
                  "六": "6", "七": "7", "八": "8", "九": "9", "壹": "1", "贰": "2", "叁": "3", "肆": "4",
                  "伍": "5", "陆": "6", "柒": "7", "捌": "8", "玖": "9"}
_DIGIT = "[0-9" + "".join(CHINESE_DIGITS) + "]"
# A run of digits in groups: separators (up to 3 in a row, brackets for area codes) between.
# Runs of ten digits or more can be personal by their digits alone (IDs, mobiles, landlines with
# an area code, cards); shorter ones only after a cue (电话, QQ, 账号 …), looked for from the cue.
_GAP = r"(?:" + _SEP + r"{1,5}|[()（）]" + _SEP + r"{0,2})?"
_RUN_END = r"(?:" + _SEP + r"{0,5}[Xx](?![A-Za-z]))?(?![A-Za-z0-9])"
_NUMBER_RUN = re.compile(_DIGIT + r"(?:" + _GAP + _DIGIT + r")+" + _RUN_END)
_LONG_NUMBER_RUN = re.compile(_DIGIT + r"(?:" + _GAP + _DIGIT + r"){9,}" + _RUN_END)
_GROUP_RE = re.compile(_DIGIT + "+(?:[Xx](?![A-Za-z]))?|[Xx](?![A-Za-z0-9])")
_CHINESE_DIGIT_TABLE = str.maketrans(CHINESE_DIGITS)
# A number read out and written down in words, its groups split by commas (幺三八，零零幺三，八零零零):
# Chinese digits only, each group two or more.
_CD = "".join(CHINESE_DIGITS)
_SPOKEN_RUN = re.compile(f"[{_CD}](?:[{_CD}]|[，,、]\\s?(?=[{_CD}]{{2}})){{9,}}")

# Cues in the few characters before a number that say what it is.
_CUE_WINDOW = 14
# A 15-digit 注册号 and an all-digit 统一社会信用代码 are kept where the text says that is what they are.
_REGISTRATION_CUE = re.compile(r"(注册号|注册码|工商注册|营业执照号|营业执照注册号)(码)?[:：为是\s]*$")
_USCC_CUE = re.compile(r"(信用代码|统一代码)[:：为是\s]*$")
_ACCOUNT_CUE = re.compile(r"(账号|帐号|账户|帐户|卡号|银行卡|开户行|开户银行|储蓄卡|信用卡|银行账|收款码|支付宝|转账至|转账到|转入|"
                          r"汇款至|汇入|汇至|转至)")
_ACCOUNT_AFTER = re.compile(r"^[（(]?[^，。；]{0,6}(账户|账号|帐户|帐号|卡号|银行卡)")
_ORG_LINE_CUE = re.compile(r"(公示|对外|官方|总机|客服|服务热线|热线|单位电话|公司电话|门店电话|投诉电话|举报电话|咨询电话|值班电话|监督电话|服务电话|前台|座机号码为该公司|该公司电话|联系电话（单位）)")
_OFFICIAL_NEAR = re.compile(r"执法人员|执法证|检查人员|承办人|经办机关|本局|我局")
# An organisation's name right before the number: 江临市生态环境局0579-88046493.
_ORG_NAME_BEFORE = re.compile(r"(局|公司|中心|委员会|政府|大队|支队|管理处|办公室|医院|学校|银行)[:：]?$")
_ORG_LINE_AFTER = re.compile(r"[（(](?:企业|公司|单位)?(?:公示|总机|客服|前台)")
_PHONE_CUE = re.compile(r"(电话|联系方式|手机|(?<![A-Za-z])(?:TEL|Tel|tel)|座机|联系|号码)")
_QQ_CUE = re.compile(r"((?<![A-Za-z0-9_])(?:QQ|qq|Qq)|扣扣|Q号)(号码|号)?[:：\s]*$")
_WECHAT_CUE = re.compile(r"(微信|(?<![A-Za-z0-9_])(?:wx|WX|Wx|vx|VX|WeChat|wechat|weixin))(号码|号|账号|ID|id)?[:：\s]*$")


def plausible_birth_date(digits: str) -> bool:
    """YYYYMMDD of a person alive now: 1900–2029, a real month and day."""
    if len(digits) != 8 or not digits.isdigit():
        return False
    year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:])
    return 1900 <= year <= 2029 and 1 <= month <= 12 and 1 <= day <= _days_in(year, month)


def _days_in(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def id_birth_date(number: str) -> str:
    """The birth date (ISO) an 18- or 15-digit 居民身份证号 holds, or "" when it holds none."""
    number = normalise_identifier(number)
    if len(number) == 18 and number[:17].isdigit() and plausible_birth_date(number[6:14]):
        return f"{number[6:10]}-{number[10:12]}-{number[12:14]}"
    if len(number) == 15 and number.isdigit() and plausible_birth_date("19" + number[6:12]):
        return f"19{number[6:8]}-{number[8:10]}-{number[10:12]}"
    return ""


def normalise_identifier(value: str) -> str:
    """How identifiers are compared: NFKC, no separators or zero-width characters, upper case."""
    if value.isascii() and value.isalnum():
        return value.upper()  # (nearly every ID and phone number: nothing to fold)
    value = unicodedata.normalize("NFKC", value).translate(_CHINESE_DIGIT_TABLE)
    return "".join(c for c in value if c not in SEPARATOR_CHARS and c not in ZERO_WIDTH and not c.isspace()).upper()


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


@dataclass(frozen=True)
class Finding:
    start: int  # in the original text
    end: int
    kind: str  # a key of NOTES, or "name"
    rule: str  # what matched, for the staff review file
    value: str = ""  # for names: the name as normalised (the mask is chosen per record)


@dataclass(frozen=True)
class TextContext:
    """What a detector may know about the text's record.

    persons: the record's own natural persons (the party, a sole trader's operator), masked
        wherever they appear; public_names: officials acting in office (the officers feed),
        never masked; party_is_person: the party is a natural person or a sole trader (a
        住所 is then a home, a vehicle is then a person's); org_numbers: published lines of
        organisations (agencies' 联系电话), kept; names: the registry of every natural person
        in every feed (None: only the record's persons and names found by their cues)."""

    persons: tuple[str, ...] = ()
    public_names: frozenset[str] = frozenset()
    party_is_person: bool = False
    org_numbers: frozenset[str] = frozenset()
    names: Triggers | None = None
    find_names: bool = True  # the gate looks for registry names only, not for cues


_FOLDABLE_CHARS = [chr(c) for c in range(0x110000) if _FOLDABLE.match(chr(c))]
# The foldable characters NFKC turns into exactly one character (full-width forms, most
# digits): folded by a table; the others (⑩ → 10) and zero-width characters need a position map.
_FOLD_TABLE = {ord(c): unicodedata.normalize("NFKC", c) for c in _FOLDABLE_CHARS
               if len(unicodedata.normalize("NFKC", c)) == 1 and c not in ZERO_WIDTH}
_MULTI_FOLD = re.compile("[" + "".join(re.escape(c) for c in _FOLDABLE_CHARS if ord(c) not in _FOLD_TABLE) + "]")


@dataclass
class Shadow:
    """`text` normalised for matching, with the original position of each shadow character."""

    text: str
    positions: list[int] | None = None  # None: the same positions as the original

    @classmethod
    def of(cls, original: str) -> Shadow:
        if not _MULTI_FOLD.search(original):
            return cls(original.translate(_FOLD_TABLE))  # (one character for one: no map)
        normal = unicodedata.normalize("NFKC", original)
        if len(normal) == len(original) and not _ZERO_WIDTH_RE.search(original):
            return cls(normal)
        chars, positions = [], []
        for index, char in enumerate(original):
            if char in ZERO_WIDTH:
                continue
            for piece in unicodedata.normalize("NFKC", char):
                chars.append(piece)
                positions.append(index)
        positions.append(len(original))
        return cls("".join(chars), positions)


# -- numbers ----------------------------------------------------------------------------------
def _number_findings(run: re.Match, text: str, text_start: int,
                    ctx: TextContext) -> list[tuple[int, int, str, str]]:
    """The personal numbers in one run of digit groups (`run`, a match in `text`, whose record
    text begins at `text_start`)."""
    groups = [(m.group().translate(_CHINESE_DIGIT_TABLE).upper(), run.start() + m.start(), run.start() + m.end())
              for m in _GROUP_RE.finditer(run.group())]
    digits = sum(len(g) for g, _, _ in groups)
    if digits < 5:
        return []
    if not run.group().isascii() and any(c in CHINESE_DIGITS for c in run.group()) \
            and not _chinese_number(run.group()):
        return []  # 一二三 in words, not a number
    before = text[max(text_start, run.start() - _CUE_WINDOW):run.start()]
    if digits < 10 and not (_PHONE_CUE.search(before) or _QQ_CUE.search(before) or _WECHAT_CUE.search(before)
                            or _ACCOUNT_CUE.search(before)):
        return []  # (dates, amounts: nothing this short is personal without a cue)
    return _classify_groups(groups, before, text, text_start, ctx)


def _chinese_number(run: str) -> bool:
    """A run holding Chinese digits is a number when it holds at least 5 digits of any kind
    and no more than one ordinary word's worth of them stand alone."""
    return sum(1 for c in run if c.isdigit() or c in CHINESE_DIGITS) >= 5


def _classify_groups(groups: list[tuple[str, int, int]], before: str, shadow: str, text_start: int,
                     ctx: TextContext) -> list[tuple[int, int, str, str]]:
    """Every run of consecutive groups that makes a personal number. Groups that spell a date
    (2026-08-08) are not joined to their neighbours: "2026-08-08 2026-10-08" holds no phone
    number, though its digits would make one."""
    found = []
    last = len(groups)
    dated = _date_groups(groups, shadow)
    for i in range(last):
        digits = ""
        for j in range(i, min(last, i + 24)):
            digits += groups[j][0]
            if len(digits) > 30:
                break
            if dated and any(dated[i:j + 1]):
                whole_dates = (not dated[i] or i == 0 or dated[i - 1] != dated[i]) and \
                              (not dated[j] or j == last - 1 or dated[j + 1] != dated[j])
                if not (whole_dates and len(digits) == 18):
                    continue  # (an 18-digit ID may hold its birth date as a date: 110105 1949-12-31 002X)
            window_before = before if i == 0 else shadow[max(text_start, groups[i][1] - _CUE_WINDOW):groups[i][1]]
            kind = _number_kind(digits, groups[i:j + 1], window_before, ctx, shadow[groups[j][2]:groups[j][2] + 10],
                                shadow[max(text_start, groups[i][1] - 90):groups[i][1]])
            if kind:
                found.append((groups[i][1], groups[j][2], kind[0], kind[1]))
    return found


def _date_groups(groups: list[tuple[str, int, int]], text: str) -> list[int]:
    """For each group, the number (from 1) of the date it is part of (year, month, day as three
    groups joined by one and the same - . or /), 0 when none. (1900 1 1 00000 is a mobile
    number spaced out, not a date.)"""
    marks = [0] * len(groups)
    number = 0
    i = 0
    while i + 2 < len(groups):
        year, month, day = groups[i][0], groups[i + 1][0], groups[i + 2][0]
        first, second = text[groups[i][2]:groups[i + 1][1]], text[groups[i + 1][2]:groups[i + 2][1]]
        if len(year) == 4 and year[:2] in ("19", "20") and 1 <= len(month) <= 2 and 1 <= len(day) <= 2 \
                and month.isdigit() and day.isdigit() and 1 <= int(month) <= 12 and 1 <= int(day) <= 31 \
                and first == second and first in _DATE_SEPARATORS:
            number += 1
            marks[i] = marks[i + 1] = marks[i + 2] = number
            i += 3
        else:
            i += 1
    return marks if number else []


_DATE_SEPARATORS = frozenset(("-", ".", "/", "－", "．", "／", "—", "–"))


def ctx_after_account(after: str) -> bool:
    return bool(after) and _ACCOUNT_AFTER.search(after) is not None


def _number_kind(digits: str, groups: list[tuple[str, int, int]], before: str,
                 ctx: TextContext, after: str = "", wide_before: str = "") -> tuple[str, str] | None:
    # (Each test looks at the digits first and at the words around them only when the digits
    # could be that kind: a run's combinations of groups are tried one by one.)
    n = len(digits)
    has_x = digits.endswith("X")
    if has_x and n != 18:
        return None
    if n == 18 and digits[:17].isdigit() and plausible_birth_date(digits[6:14]):
        if uscc_is_valid(digits) and _USCC_CUE.search(before):
            return None  # an all-digit 统一社会信用代码, labelled as a code
        return "id", "身份证号（18位）"
    if has_x:
        return None
    if n == 15 and plausible_birth_date("19" + digits[6:12]) and not _REGISTRATION_CUE.search(before):
        return "id", "身份证号（15位）"
    if 5 <= n <= 11 and _QQ_CUE.search(before):
        return "social", "QQ号"
    if 5 <= n <= 20 and _WECHAT_CUE.search(before):
        return "social", "微信号"
    if n < 7:
        return None  # (nothing below is shorter)
    for prefix in ("", "86", "086", "0086"):
        if n == len(prefix) + 11 and digits.startswith(prefix) and digits[len(prefix)] == "1" \
                and digits[len(prefix) + 1] in "3456789":
            return "mobile", "手机号码"
    if digits in ctx.org_numbers or digits.lstrip("0") in ctx.org_numbers:
        return None
    if n == 10 and digits[:3] in ("400", "800"):
        return None  # a business's service number
    for prefix in ("86", "0086"):
        rest = digits[len(prefix):]
        if digits.startswith(prefix) and 9 <= len(rest) <= 11 and rest[0] in "123456789" and rest[0] != "1":
            return "landline", "固定电话（国际区号）"
    if 10 <= n <= 12 and digits[0] == "0" and digits[1] != "0" and digits[len(digits) - 8 if n >= 11 else 3] in "23456789":
        if _ORG_LINE_CUE.search(before) or _ORG_LINE_AFTER.match(after) or _ORG_NAME_BEFORE.search(before) or \
                ("办公" in before and _OFFICIAL_NEAR.search(wide_before)):
            return None  # an organisation's line, or an official's office line
        return "landline", "固定电话"
    if 7 <= n <= 8 and digits[0] in "23456789" and len(groups) <= 2 and _PHONE_CUE.search(before[-6:]) \
            and not _ORG_LINE_CUE.search(before):
        return "landline", "固定电话（无区号）"
    if 8 <= n <= 30 and (_ACCOUNT_CUE.search(before) or ctx_after_account(after)) and not _USCC_CUE.search(before):
        return "card", "银行账号"
    if 16 <= n <= 19 and luhn_valid(digits) and (len(groups) == 1 or all(3 <= len(g) <= 6 for g, _, _ in groups[:-1])):
        if uscc_is_valid(digits) and _USCC_CUE.search(before):
            return None
        return "card", "银行卡号（Luhn）"
    return None


# -- identifiers with letters, e-mail, plates, property certificates ---------------------------
_L = "[A-Za-z]"
_D = "[0-9]"
_S2 = _SEP + "{0,2}"
_DOCUMENT_CUE = (r"(?:护照|通行证|台胞证|往来台湾|往来港澳|居留证|居留身份证|永久居留|军官证|士兵证|警官证|文职干部证|"
                 r"回乡证|身份证件|证件号码|证件号|驾驶证号?|社会保障卡号?|社保卡号?|医保卡号?|残疾证号?)")
# a cue, then the number in whatever form (军字第1234567号, E12345678, 12345678)
_DOCUMENTS = re.compile(
    _DOCUMENT_CUE + r"(?:号码|号|编号)?[:：为是\s]{0,3}(?P<cued>(?:[\u4e00-\u9fff]{1,3}字第)?"
    r"[A-Za-z]{0,3}" + _S2 + r"[0-9](?:" + _S2 + r"[0-9A-Za-z]){5,19}号?)")
# shapes that need no cue: passports (E12345678, EA1234567, G12345678), 港澳/台湾通行证 (C12345678,
# CA1234567, W12345678, T12345678, L12345678), the old 永久居留证 (3 letters + 12 digits)
_SHAPED_DOCUMENTS = re.compile(
    r"[EeGgCcWwTtLl](?:" + _L + "|" + _D + ")(?:" + _S2 + _D + r"){7}(?![A-Za-z0-9])"
    r"|[A-Za-z]{3}(?:" + _S2 + _D + r"){12}(?![A-Za-z0-9])")
_EMAIL = re.compile(
    r"[A-Za-z0-9._%+\-]+\s*@\s*[A-Za-z0-9\-]+(?:\s*(?:\.|。|．|点|dot|\(dot\)|\[dot\])\s*[A-Za-z0-9\-]+)+"
    # spelled out: zhangsan (at) qq (dot) com — only with the dot spelled too (" at " is English)
    r"|[A-Za-z0-9._%+\-]+\s*(?:\(at\)|\[at\]|（at）)\s*[A-Za-z0-9\-]+(?:\s*(?:\.|。|．|点|dot|\(dot\)|\[dot\])\s*"
    r"[A-Za-z0-9\-]+)+"
    r"|[A-Za-z0-9._%+\-]+\s+at\s+[A-Za-z0-9\-]+(?:\s*(?:点|dot|\(dot\)|\[dot\])\s*[A-Za-z0-9\-]+)+", re.IGNORECASE)
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领"
_PLATE_LETTER = "[A-HJ-NP-Za-hj-np-z]"
_PLATE = re.compile(
    "[" + _PROVINCES + "]" + _S2 + _PLATE_LETTER + r"[\s·•・‧.\-]{0,2}"
    r"(?P<body>[A-HJ-NP-Za-hj-np-z0-9]{4}[A-HJ-NP-Za-hj-np-z0-9挂学警港澳领试超](?:[0-9A-HJ-NP-Za-hj-np-z])?)"
    r"(?![A-Za-z0-9])")
_ORG_VEHICLE = re.compile(r"当事人(?:名下|所属|所有|自有)|(?:公司|单位|企业|厂|合作社|集团|门店|该店|本店|车队|物流)"
                          r"(?:[^。；;]{0,30}(?:所属|名下|所有|自有)|的?(?:货车|车辆|客车|运输车|工程车|轿车))")
_ORG_VEHICLE_AFTER = re.compile(r"[^。；;]{0,24}(?:所有人为该?(?:公司|单位|企业)|登记在该?(?:公司|单位|企业)名下|为该(?:公司|单位|企业)所有)")
_PERSON_VEHICLE = re.compile(r"个人|本人|私家|其妻|其夫|其子|其女|其父|其母|家属")
_PROPERTY = re.compile(
    "[" + _PROVINCES + r"][（(]\s*\d{4}\s*[）)][\u4e00-\u9fff]{0,12}?不动产权第?\s*\d{5,9}\s*号"
    r"|(?:不动产权证书?|房产证|房屋所有权证|土地使用权证)(?:编号|号码|号)?[:：为是\s]{0,3}[\u4e00-\u9fff（）()0-9A-Za-z]{0,20}?\d{5,}号?")
_WECHAT_ID = re.compile(r"(?:微信|wx|WX|Wx|vx|VX|WeChat|wechat|weixin)(?:号码|号|账号|ID|id)?[:：\s]{0,2}"
                        r"(?:[（(](?:微信)?(?:账号|帐号|号码|号|ID|id)[:：为\s]{0,2})?"
                        r"(?P<id>[A-Za-z][-_A-Za-z0-9]{5,19})(?![A-Za-z0-9])")
_LAW_TITLE = re.compile(r"《[^《》\n]{1,80}》")

# -- addresses and health -----------------------------------------------------------------------
_ADDRESS_BODY = r"[^，。；;,、\n\0（）()：:“”\"]{2,40}"
_HOME_ADDRESS = re.compile(
    r"(?:家住|住址[为是:：]?[“\"]?|现住(?:址|于|在)?|居住(?:于|在|地址?为?)|住在|家庭住址|家庭地址|户籍(?:所在)?地(?:址)?为?|户籍地址|暂住(?:于|在|地)?|（住|\(住|[，,）)、]住(?![所房宿]))"
    r"[:：为]?\s*(?P<body>" + _ADDRESS_BODY + ")")
_PERSON_SEAT = re.compile(r"(?:住所地?|住所为|地址)[:：为]?\s*(?P<body>" + _ADDRESS_BODY + ")")
# "在其位于<address>的住宅内": the address of a home.
_HOME_BEFORE = re.compile(r"(?:位于|地处|坐落于)(?P<body>[^，。；;,、\n\0（）()]{4,40}?)的?$")
# A bracket holding a dwelling after a person's name: 庞桂英（青山县凤凰街道后塘村11组41号）.
# 在东湖区幸福里小区7栋502的住宅内: where a person lives, said before 住宅/家中.
_HOME_AT = re.compile(r"在(?P<body>[^，。；;,、\n\0（）()在]{4,40}?\d+(?:号|室|栋|幢|单元)?[0-9]*)的?$")
# The divisions an address begins with (江临市临江区): a person's city and district may stay.
_DIVISIONS = re.compile(r"(?:[\u4e00-\u9fff]{2,7}?(?:省|自治区|市|自治州|地区|盟|区|县|旗)){1,3}")


def _after_divisions(text: str, start: int, end: int) -> int:
    """Where an address's street part begins, after its province, city and district (临江区丰收路
    112号: 丰收路112号 is removed, 临江区 stays) — unless nothing would be left to remove."""
    match = _DIVISIONS.match(text, start, end)
    if match is None or not _PLACE_WORD.search(text, match.end(), end) or not re.search(r"\d", text[match.end():end]):
        return start
    return match.end()


_DWELLING = re.compile(r"(村|组|栋|幢|单元|室|小区|苑|公寓|宿舍|出租屋)")
_BRACKETED_ADDRESS = re.compile(r"[（(](?:住址[:：]?|住)?(?P<body>[^（）()，。；]{4,40}?\d+(?:号|室|组|栋|幢)[^（）()，。；]{0,12})[）)]")
_LOCATED = re.compile(r"(?:其位于|家中[（(])(?P<body>[^，。；;,\n\0（）()]{4,40}?)(?=的|[）)]|内|存放|，|。|$)")
_HOME_WORD = re.compile(r"的?(?:住宅|住处|家|住所|居所|出租屋)")
_CLAIM_BEFORE = re.compile(r"(治疗|预防|防治|缓解|改善|根治|调理|降低|功效|宣称|宣传|、)[^，。；]{0,4}$")
_PLACE_WORD = re.compile(r"(省|市|区|县|镇|乡|村|路|街|巷|弄|号|组|室|栋|幢|单元|小区|楼|苑|公寓|社区|大道|胡同)")
_HEALTH = re.compile(
    r"(?:患有|罹患|身患|确诊(?:为|患有)?|被诊断(?:为|患有)|经诊断(?:为|患有)|诊断(?:为|患有)|病史[为:：]?)"
    r"(?P<body>[^，。；;,\0\n]{1,20})"
    r"|(?P<word>HIV(?:阳性|感染者?|携带者?)?|艾滋病(?:病毒)?(?:感染者|携带者|病人|患者)?|精神分裂症|双相情感障碍|抑郁症|"
    r"精神障碍|精神病(?:人|患者)?|智力障碍|癫痫|[一二三四]级(?:肢体|视力|听力|言语|智力|精神|多重)残疾(?:人)?|"
    r"(?:肢体|视力|听力|言语|智力|精神|多重)残疾(?:人)?|"
    r"残疾人证|乙肝(?:病毒)?携带者|梅毒|肺结核|恶性肿瘤|癌症晚期|尿毒症|白血病|吸毒(?:史|病史)?|植物人(?:状态)?|"
    r"[\u4e00-\u9fff]{0,2}骨折|糖尿病|高血压|心脏病|脑梗|中风|偏瘫|住院治疗|长期服药)(?!院|医院|防治|卫生|中心|专科|病院|康复|福利|保障|联合会|法)")


# Roles only a natural person has (not 经营者, 申请人, 承租人 …, which an organisation can be): a
# 住所 named in the clause after one is a person's home (担保人乔璐，住所地…).
_ORG_CAPABLE_ROLES = frozenset({"经营者", "实际经营者", "实际控制人", "负责人", "现场负责人", "联系人", "申请人", "被申请人",
                                "被检查人", "当事人之", "经营户", "个体工商户", "个体户", "委托人", "受托人", "转让人", "受让人",
                                "借款人", "出借人", "购买人", "持有人", "使用人", "所有人", "承租人", "出租人", "业主", "车主",
                                "货主", "第三人", "利害关系人", "据", "员", "经询问，", "经询问,", "另有", "姓名", "合伙人",
                                "股东", "承包人", "户主", "经营人", "实际经营人", "收货人", "签收人", "经办人", "具体经办人"})
_PERSON_ROLE_BEFORE = re.compile("|".join(sorted((re.escape(c) for c in ROLE_CUES if c not in _ORG_CAPABLE_ROLES),
                                                 key=len, reverse=True)))


def _clause_before(text: str, text_start: int, at: int) -> str:
    """The words of the sentence before text[at], at most 30 characters."""
    return re.split(r"[。；;！？\n]", text[max(text_start, at - 30):at])[-1]


def _ascii_alnum_before(text: str, at: int) -> bool:
    return at > 0 and text[at - 1].isascii() and (text[at - 1].isalnum() or text[at - 1] == "_")


def _shadows(texts: list[str]) -> tuple[list[str], dict[int, list[int]], str, list[int]]:
    """Each text's shadow, the position maps of the few that need one, all shadows joined by
    NUL, and where each begins in the joined text. Only texts holding a character that NFKC
    changes into one a detector reads (full-width letters, digits and signs, other digits,
    circled numbers…) or a zero-width character get a shadow of their own; the patterns accept
    full-width punctuation (，：；) as it is."""
    joined = "\0".join(texts)
    starts = list(accumulate(map(len, texts[:-1]), lambda a, b: a + b + 1, initial=0)) if texts else []
    if not _FOLDABLE.search(joined):
        return texts, {}, joined, starts
    if not _MULTI_FOLD.search(joined):  # (one character for one: the whole column at once, no maps)
        joined = _FOLDABLE.sub(_fold_one, joined)
        return [joined[a:a + len(t)] for a, t in zip(starts, texts)], {}, joined, starts
    folded = {bisect_right(starts, m.start()) - 1 for m in _MULTI_FOLD.finditer(joined)}
    shadows, maps = [t.translate(_FOLD_TABLE) if _FOLDABLE.search(t) else t for t in texts], {}
    for i in folded:
        shadow = Shadow.of(texts[i])
        shadows[i] = shadow.text
        if shadow.positions is not None:
            maps[i] = shadow.positions
    joined = "\0".join(shadows)
    starts = list(accumulate(map(len, shadows[:-1]), lambda a, b: a + b + 1, initial=0))
    return shadows, maps, joined, starts


def _fold_one(match: re.Match) -> str:
    return _FOLD_TABLE[ord(match.group())]


def find_personal_data(text: str, context: TextContext = TextContext()) -> list[Finding]:
    """Every piece of personal data in `text`, as non-overlapping spans of the original."""
    return find_in_texts([text], [context])[0]


class Triggers:
    """Every literal a detector starts from — role cues, cue words before numbers, documents,
    addresses and health, the signs of an e-mail, a plate's province and letter, two Chinese
    digits in a row, 《 — and the registry's names, in one Aho-Corasick automaton run over the
    texts' UTF-8 bytes: one pass over a column, then a small match where something started."""

    def __init__(self, names: Iterable[str] = (), cues: bool = True):
        self.names = frozenset(n for name in names if len(n := normalise_name(name)) >= 2 and "某" not in n)
        words: dict[str, tuple[str, ...]] = {name: ("name",) for name in self.names}
        for kind, group in _TRIGGER_WORDS.items():
            if not cues and kind in ("role", "pred"):
                continue  # (the gate's reading: no names by the words around them)
            for word in group:
                if kind == "role" and word in _SHORT_CUES:
                    continue  # (found by _SHORT_CUE below)
                words[word] = (*words.get(word, ()), kind)  # (微信 is a number cue and a WeChat cue)
        self._words = list(words)
        self._kinds = [words[w] for w in self._words]
        self._automaton = BytesAhoCorasick([w.encode() for w in self._words])
        self.cues = cues  # (names.NameFinder's interface: cues come in the same pass)

    def hits(self, text: str) -> list[tuple[str, int, int, str]]:
        """(kind, start, end, word) of every trigger in `text`, in character positions."""
        data = text.encode("utf-8", "surrogatepass")
        found = self._automaton.find_matches_as_indexes(data, overlapping=True)
        short = [("role", m.start(), m.end(), m.group()) for m in _SHORT_CUE.finditer(text)] if self.cues else []
        if not found:
            return short
        words, kinds = self._words, self._kinds
        if len(data) == len(text):
            return [(kind, b, e, words[p]) for p, b, e in found for kind in kinds[p]]
        found.sort(key=lambda m: m[1])
        out = short
        byte_at = char_at = 0
        for pattern, b, _ in found:  # (byte -> character positions, decoding each stretch once)
            char_at += len(data[byte_at:b].decode("utf-8", "surrogatepass"))
            byte_at = b
            word = words[pattern]
            for kind in kinds[pattern]:
                out.append((kind, char_at, char_at + len(word), word))
        return out

    def scan(self, text: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
        """names.NameFinder.scan: (the registry's names found, the role cues found)."""
        names, cues = [], []
        for kind, start, end, word in self.hits(text):
            if kind == "name":
                names.append((start, end, word))
            elif kind == "role" or kind == "pred":
                cues.append((start, end, kind == "pred"))
        return names, cues

    def occurrences(self, text: str) -> list[tuple[int, int, str]]:
        return self.scan(text)[0]


# One-character cues (仓库保管员苏丹丹, 据王某称) are everywhere in these texts (执法人员, 根据): they
# count only where a surname or a minority name can follow, which one regex tells at C speed.
_SHORT_CUES = frozenset(c for c in ROLE_CUES if len(c) == 1)
_NAME_START = "".join(sorted(SURNAMES | {s[0] for s in COMPOUND_SURNAMES}))
_SHORT_CUE = re.compile(f"[{''.join(sorted(_SHORT_CUES))}]"
                        f"(?=(?:[:：]|应为|为|是|系|即|名叫|叫)?\\s?[“\"「]?(?:[{_NAME_START}]|[\u4e00-\u9fff]{{2,7}}·))")
_CHINESE_DIGIT_CHARS = "".join(CHINESE_DIGITS)
_TRIGGER_WORDS: dict[str, tuple[str, ...]] = {
    "role": ROLE_CUES,
    "pred": PERSON_PREDICATES,
    "numcue": ("电话", "联系方式", "手机", "TEL", "Tel", "tel", "座机", "联系", "号码", "QQ", "qq", "Qq", "扣扣", "Q号",
               "微信", "wx", "WX", "Wx", "vx", "VX", "WeChat", "wechat", "weixin", "账号", "帐号", "账户", "帐户", "卡号",
               "银行卡", "开户行", "开户银行", "储蓄卡", "信用卡", "银行账", "收款码", "支付宝"),
    "doc": ("护照", "通行证", "台胞证", "往来台湾", "往来港澳", "居留证", "居留身份证", "永久居留", "军官证", "士兵证",
            "警官证", "文职干部证", "回乡证", "身份证件", "证件号码", "证件号", "驾驶证", "社会保障卡", "社保卡", "医保卡",
            "残疾证"),
    "wechat": ("微信", "wx", "WX", "Wx", "vx", "VX", "WeChat", "wechat", "weixin"),
    "health": ("患有", "罹患", "身患", "确诊", "诊断", "病史", "HIV", "艾滋病", "精神分裂症", "双相情感障碍", "抑郁症",
               "精神障碍", "精神病", "智力障碍", "癫痫", "残疾", "乙肝", "梅毒", "肺结核", "恶性肿瘤", "癌症晚期", "尿毒症",
               "白血病", "吸毒", "植物人", "骨折", "糖尿病", "高血压", "心脏病", "脑梗", "中风", "偏瘫", "住院治疗", "长期服药"),
    "address": ("家住", "住址", "现住", "居住", "住在", "家庭住址", "家庭地址", "户籍", "暂住", "（住", "(住", "，住", ",住",
                "）住", ")住", "、住"),
    "home": ("住宅", "住处", "家中", "居所", "住房内", "自家"),
    "located": ("其位于", "家中（", "家中("),
    "seat": ("住所", "地址"),
    "property": ("不动产权", "房产证", "房屋所有权证", "土地使用权证"),
    "email": ("@", "(at)", "[at]", "（at）", " at ", "(AT)", " AT "),
    "cdigit": tuple(a + b for a in _CHINESE_DIGIT_CHARS for b in _CHINESE_DIGIT_CHARS),
    "plate": tuple(p + sep + letter for p in _PROVINCES for sep in ("", " ", "·", "\u3000")
                   for letter in "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjklmnpqrstuvwxyz"),
}
# A name spelled oddly (禤　翀, 阿依古丽•买买提): a space or a dot between a Han character and
# another (or a space). One regex over all texts: as trigger words, every space of a page hit.
_HAN = "\u4e00-\u9fff\u3400-\u4dbf"
_ODD_SPOT = re.compile(f"[{_HAN}][ \t\n\u00a0·•・‧･∙⋅](?=[{_HAN} \t\n\u00a0])")
# The trigger words whose rules read the text around them (a cue before, or 账户/卡号 after, a
# number; the sentence a plate stands in), and how far: privacy.gate reads such a word's
# surroundings as they stand, and everything else piece by piece.
CONTEXT_WORDS = tuple(dict.fromkeys(_TRIGGER_WORDS["numcue"] + _TRIGGER_WORDS["wechat"] + _TRIGGER_WORDS["plate"]))
CONTEXT_BEFORE, CONTEXT_AFTER = 100, 64  # (more than the 90 before and the 54 after that they read)
# How far such a word can make something personal that it is not part of: a number that starts
# up to _CUE_WINDOW (14) characters after a cue, one that ends up to 7 before 账户/卡号, a person
# word up to 14 before a plate. (What lies further only keeps things public.)
CONTEXT_REACH = 16
# What a number, an identifier, a plate or an e-mail address can be made of (a window widened
# over these never cuts one in two).
MATCHABLE_CHARS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz()（）%+@_-"
                            + SEPARATOR_CHARS + "".join(CHINESE_DIGITS) + ZERO_WIDTH + _PROVINCES
                            + "".join(map(chr, range(0xFF01, 0xFF5F))) + "\u3000")
# Where a run of digits (with separators) can be ten digits long: one character class, fast;
# the exact run is matched inside it.
_DIGIT_STRETCH = re.compile(r"[0-9][0-9Xx()（）" + re.escape(SEPARATOR_CHARS) + r"]{9,}")
_LETTER_STRETCH = re.compile(r"[A-Za-z][A-Za-z0-9" + re.escape(SEPARATOR_CHARS) + r"]{7,}")
_DEFAULT_TRIGGERS: dict[bool, Triggers] = {}


def default_triggers(cues: bool = True) -> Triggers:
    """The triggers without a registry; `cues`: with the role cues and person's predicates."""
    if cues not in _DEFAULT_TRIGGERS:
        _DEFAULT_TRIGGERS[cues] = Triggers((), cues=cues)
    return _DEFAULT_TRIGGERS[cues]


_NONE: list[Finding] = []


# Columns at least this long are shared with a second process (engine: forked.Forked), where
# the operating system can fork and there is a second core.
PARALLEL_TEXTS = 40_000


def find_in_texts(texts: list[str], contexts: list[TextContext]) -> list[list[Finding]]:
    """find_personal_data for many texts at once: the texts are joined by NUL (which no pattern
    crosses), the trigger automaton and two character-class scans run once over all of them,
    and the detectors match only where those found something."""
    if _forking_allowed and len(texts) >= PARALLEL_TEXTS and can_fork():
        from ..forked import Forked

        half = len(texts) // 2
        child = Forked.start("privacy", _find_in_texts, texts[half:], contexts[half:])
        try:
            first = _find_in_texts(texts[:half], contexts[:half])
        except BaseException:
            child.stop()
            raise
        return first + child.result()
    return _find_in_texts(texts, contexts)


_forking_allowed = True


@contextmanager
def in_one_process():
    """find_in_texts stays in this process (and in a copy forked meanwhile): the caller has
    already shared the work with the second core."""
    global _forking_allowed
    before, _forking_allowed = _forking_allowed, False
    try:
        yield
    finally:
        _forking_allowed = before


def can_fork() -> bool:
    import multiprocessing
    import os

    return (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods() \
        and multiprocessing.current_process().daemon is False


def _find_in_texts(texts: list[str], contexts: list[TextContext]) -> list[list[Finding]]:
    shadows, maps, joined, starts = _shadows(texts)
    spans: defaultdict[int, list[tuple[int, int, str, str, str]]] = defaultdict(list)
    if not joined:
        return [_NONE] * len(texts)
    registries = {id(c.names): c.names for c in contexts if c.names is not None}
    find_names = any(c.find_names for c in contexts)
    triggers = next(iter(registries.values())) if len(registries) == 1 else default_triggers(find_names)
    if not isinstance(triggers, Triggers):
        triggers = default_triggers(find_names)
    public = frozenset().union(*{id(c.public_names): c.public_names for c in contexts}.values())

    def owner(at: int) -> int:
        return bisect_right(starts, at) - 1

    def add(start: int, end: int, kind: str, rule: str, value: str = "") -> None:
        i = owner(start)
        spans[i].append((start - starts[i], end - starts[i], kind, rule, value))

    runs: dict[int, re.Match] = {}
    for stretch in _DIGIT_STRETCH.finditer(joined):
        for run in _LONG_NUMBER_RUN.finditer(joined, stretch.start(), min(len(joined), stretch.end() + 1)):
            runs[run.start()] = run
    for stretch in _LETTER_STRETCH.finditer(joined):
        for match in _SHAPED_DOCUMENTS.finditer(joined, stretch.start(), min(len(joined), stretch.end() + 1)):
            if not _ascii_alnum_before(joined, match.start()):
                add(match.start(), match.end(), "document", "证件号码")
    odd_texts: set[int] = set()
    protected: dict[int, list[tuple[int, int]]] = {}
    email_done = -1
    names: list[tuple[int, int, str]] = []
    cue_spans: list[tuple[int, int, bool]] = []
    odd = _ODD_SPOT.search(joined)
    while odd is not None:  # (which texts hold one: the rest of a text need not be searched)
        i = owner(odd.start())
        odd_texts.add(i)
        odd = _ODD_SPOT.search(joined, starts[i + 1]) if i + 1 < len(starts) else None
    odd = TRADITIONAL.search(joined)
    while odd is not None:  # (traditional characters: names are looked for in simplified form)
        i = owner(odd.start())
        odd_texts.add(i)
        odd = TRADITIONAL.search(joined, starts[i + 1]) if i + 1 < len(starts) else None
    for kind, start, end, word in triggers.hits(joined):
        if kind == "name":
            names.append((start, end, word))
            continue  # (names below, with the record's own persons)
        if kind == "role" or kind == "pred":
            cue_spans.append((start, end, kind == "pred"))
            continue
        i = owner(start)
        context = contexts[i]
        text_end = starts[i] + len(shadows[i])
        if kind == "numcue" or kind == "cdigit":
            if kind == "numcue" and word[0].isascii() and _ascii_alnum_before(joined, start):
                continue
            if kind == "cdigit" and (spoken := _SPOKEN_RUN.match(joined, start)) and spoken.end() <= text_end \
                    and not spoken.group().isalnum() and (start not in runs or runs[start].end() < spoken.end()):
                runs[start] = spoken  # (split by commas: _NUMBER_RUN does not cross them)
                continue
            at = end if kind == "numcue" else start
            run = _NUMBER_RUN.search(joined, at, min(text_end, at + _CUE_WINDOW + 40) + 1)
            if run is not None and (kind == "cdigit" or run.start() - at <= _CUE_WINDOW):
                runs.setdefault(run.start(), run)
        elif kind == "doc":
            match = _DOCUMENTS.match(joined, start)
            if match and not joined[max(starts[i], start - 2):start].endswith("执法"):  # 执法证号 is public
                add(match.start("cued"), match.end("cued"), "document", "证件号码")
        elif kind == "wechat":
            if word[0].isascii() and _ascii_alnum_before(joined, start):
                continue  # (letters inside a word: "wx" in English or code)
            match = _WECHAT_ID.match(joined, start)
            if match:
                add(match.start("id"), match.end("id"), "social", "微信号")
        elif kind == "email":
            if start <= email_done:
                continue
            window_start = max(starts[i], start - 64)
            for match in _EMAIL.finditer(joined, window_start, min(text_end, end + 96)):
                if match.end() > start and not match.group().lower().rstrip().endswith(("gov.cn", "gov。cn")):
                    add(match.start(), match.end(), "email", "电子邮箱")
                    email_done = match.end()
        elif kind == "plate":
            match = _PLATE.match(joined, start)
            if match is None or sum(c.isdigit() for c in match.group("body")) < 2:
                continue  # (letters only: a word, not a plate)
            sentence = re.split(r"[。；;！？\n]", joined[max(starts[i], start - 50):start])[-1]
            org_said = _ORG_VEHICLE.search(sentence) or _ORG_VEHICLE_AFTER.match(joined, match.end(), text_end)
            if not (context.party_is_person and context.find_names) and org_said \
                    and not _PERSON_VEHICLE.search(sentence[-14:]):
                continue  # an organisation's vehicle
            add(match.start(), match.end(), "plate", "车牌号")
        elif kind == "property":
            for match in _PROPERTY.finditer(joined, max(starts[i], start - 30), min(text_end, end + 40)):
                add(match.start(), match.end(), "property", "不动产权证书编号")
        elif not context.find_names:
            continue
        elif kind == "address":
            match = _HOME_ADDRESS.match(joined, start)
            if match and _PLACE_WORD.search(match.group("body")):
                add(_after_divisions(joined, match.start("body"), match.end("body")), match.end("body"), "address", "住址")
        elif kind == "home":
            match = _HOME_BEFORE.search(joined, max(starts[i], start - 48), start) or \
                _HOME_AT.search(joined, max(starts[i], start - 40), start)
            if match and _PLACE_WORD.search(match.group("body")):
                add(match.start("body"), match.end("body"), "address", "住宅地址")
        elif kind == "located":
            match = _LOCATED.match(joined, start)
            if match and _PLACE_WORD.search(match.group("body")) and (
                    context.party_is_person or word.startswith("家") or _HOME_WORD.match(joined, match.end())
                    or _DWELLING.search(match.group("body"))):
                add(match.start("body"), match.end("body"), "address", "住宅地址")
        elif kind == "seat":
            match = _PERSON_SEAT.match(joined, start)
            if match and _PLACE_WORD.search(match.group("body")) and (
                    context.party_is_person or _PERSON_ROLE_BEFORE.search(_clause_before(joined, starts[i], start))):
                add(match.start("body"), match.end("body"), "address", "住所（自然人）")
        elif kind == "health":
            for match in _HEALTH.finditer(joined, max(starts[i], start - 4), min(text_end, end + 24)):
                group = "body" if match.group("body") else "word"
                if group == "word" and _CLAIM_BEFORE.search(joined, max(starts[i], match.start() - 8), match.start()):
                    continue  # (a product's claimed effect: 宣传具有治疗糖尿病的功效)
                add(match.start(group), match.end(group), "health", "健康信息")
    if any(c.find_names for c in contexts) and ("（" in joined or "(" in joined):
        for match in _BRACKETED_ADDRESS.finditer(joined):
            i = owner(match.start())
            body = match.group("body")
            if contexts[i].find_names and _PLACE_WORD.search(body) and (_DWELLING.search(body) or contexts[i].party_is_person):
                before = joined[max(starts[i], match.start() - 12):match.start()]
                if not re.search(r"(公司|单位|场所|厂|店|地址为|位于)", before):
                    add(match.start("body"), match.end("body"), "address", "住址（括号内）")
    if "《" in joined:
        for match in _LAW_TITLE.finditer(joined):
            i = owner(match.start())
            protected.setdefault(i, []).append((match.start() - starts[i], match.end() - starts[i]))
    for at in sorted(runs):
        i = owner(at)
        for start, end, kind, rule in _number_findings(runs[at], joined, starts[i], contexts[i]):
            add(start, end, kind, rule)
    _name_findings(joined, starts, shadows, contexts, spans, triggers, public, odd_texts, (names, cue_spans))

    results: list[list[Finding]] = [_NONE] * len(texts)  # (the one empty list: read, never changed)
    for i, found in spans.items():
        s = shadows[i]
        positions = maps.get(i)
        guarded = protected.get(i, ())
        findings = []
        for start, end, kind, rule, value in _without_overlaps(found):
            if any(p_start <= start and end <= p_end for p_start, p_end in guarded):
                continue  # law titles stay whole
            if start > 0 and s[start - 1] == "+" and kind in ("mobile", "landline"):
                start -= 1  # (+86 …: the plus goes with the number)
            if positions is not None:
                start, end = positions[start], (positions[end - 1] + 1 if end > start else positions[start])
            findings.append(Finding(start, end, kind, rule, value))
        results[i] = findings
    return results


def _person_names(persons: tuple[str, ...]) -> list[str]:
    """A record's persons as looked for in its text (as names.NameFinder.for_persons, without
    the automaton: a record has one or two)."""
    names = []
    for person in persons:
        name = normalise_name(person)
        for form in (name, name.replace("·", "")) if "·" in name else (name,):
            if len(form) >= 2 and "某" not in form and form not in names:
                names.append(form)
    return names


def _name_findings(joined: str, starts: list[int], shadows: list[str], contexts: list[TextContext],
                   spans: defaultdict[int, list[tuple[int, int, str, str, str]]], triggers: Triggers,
                   public: frozenset[str], odd_texts: set[int], scanned: tuple[list, list]) -> None:
    """Names: the registry and the role cues from the one trigger pass over all texts; each
    record's own persons in its own text; texts that spell names oddly (禤　翀, 阿依古丽•买买提)
    once more, together, in their name shadows."""
    cues = any(c.find_names for c in contexts)
    registry = triggers if any(c.names is not None for c in contexts) else None
    if cues or registry is not None:
        for start, end, name, rule in NameFinder.find_all(joined, None, triggers, public, cues=cues, plain=True,
                                                          registry_names=registry is not None, scanned=scanned):
            i = bisect_right(starts, start) - 1
            if i in odd_texts or (rule in CUED_RULES and not contexts[i].find_names):
                continue
            spans[i].append((start - starts[i], end - starts[i], "name", rule, name))
    if odd_texts:
        order = sorted(odd_texts)
        shaded = [name_shadow(shadows[i]) for i in order]
        odd_joined = "\0".join(text for text, _ in shaded)
        odd_starts = list(accumulate((len(text) for text, _ in shaded[:-1]), lambda a, b: a + b + 1, initial=0))
        for start, end, name, rule in NameFinder.find_all(odd_joined, None, triggers, public, cues=cues, plain=True,
                                                          registry_names=registry is not None):
            k = bisect_right(odd_starts, start) - 1
            i, positions = order[k], shaded[k][1]
            if rule in CUED_RULES and not contexts[i].find_names:
                continue
            start, end = start - odd_starts[k], end - odd_starts[k]
            if positions is not None:
                start, end = positions[start], positions[end - 1] + 1
            spans[i].append((start, end, "name", rule, name))
    for i, context in enumerate(contexts):
        if not context.persons or not shadows[i]:
            continue
        text, positions = name_shadow(shadows[i]) if i in odd_texts else (shadows[i], None)
        for start, end, name in find_each(text, _person_names(context.persons)):
            if len(name) == 2 and (_PLACE_AFTER.match(text, end) or inside_words(text, start, end)):
                continue  # (文明 in 全国文明城市, 金华 in 金华市: a place; 高明 in 提高明显: two words)
            if positions is not None:
                start, end = positions[start], positions[end - 1] + 1
            spans[i].append((start, end, "name", "当事人姓名", name))
    _every_mention(shadows, spans, public, odd_texts)


def _every_mention(shadows: list[str], spans: defaultdict[int, list[tuple[int, int, str, str, str]]],
                   public: frozenset[str], odd_texts: set[int]) -> None:
    """A person named once in a text by a rule (a cue, a predicate, the registry) is masked
    wherever the text names them again, where nothing introduces them (吴某某承认…；…吴秀兰对进货来源…)."""
    for i, found in spans.items():
        names = {value for _, _, kind, _, value in found if kind == "name" and len(value) >= 2 and value not in public}
        if not names:
            continue
        # (a text with odd spellings is looked at in its name shadow, where 禤　翀 is 禤翀)
        text, positions = name_shadow(shadows[i]) if i in odd_texts else (shadows[i], None)
        taken = {(start, end) for start, end, kind, _, _ in found if kind == "name"}
        for start, end, name in find_each(text, names):
            if len(name) == 2 and (_PLACE_AFTER.match(text, end) or inside_words(text, start, end)):
                continue
            if positions is not None:
                start, end = positions[start], positions[end - 1] + 1
            if (start, end) not in taken:
                found.append((start, end, "name", "同一文本中的姓名", name))


_KIND_RANK = {"id": 0, "document": 1, "property": 1, "card": 2, "mobile": 3, "landline": 4, "email": 5,
              "social": 5, "plate": 6, "address": 7, "health": 8, "name": 9}


def _without_overlaps(spans: list[tuple[int, int, str, str, str]]) -> list[tuple[int, int, str, str, str]]:
    """Overlapping findings merged: the longer one wins, and its span covers both (nothing of
    either is published); a name inside a removed address goes with the address."""
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0]), _KIND_RANK[s[2]]))
    merged: list[list] = []
    for span in spans:
        if merged and span[0] < merged[-1][1]:
            last = merged[-1]
            if span[2] != "name" or last[2] == "name":
                last[1] = max(last[1], span[1])
            elif span[1] > last[1]:
                last[1] = span[1]
            continue
        merged.append(list(span))
    return [tuple(m) for m in merged]  # type: ignore[misc]


def redact_free_text(text: str, context: TextContext = TextContext(),
                     masks: dict[str, str] | None = None) -> str:
    """`text` with its personal data removed (see find_personal_data). `masks`: the record's
    names already chosen (张某甲/张某乙); names found here and not in it are added to it."""
    return redact_with_findings(text, context, masks)[0]


def redact_with_findings(text: str, context: TextContext = TextContext(),
                         masks: dict[str, str] | None = None) -> tuple[str, list[Finding]]:
    findings = find_personal_data(text, context)
    if not findings:
        return text, findings
    masks = masks if masks is not None else {}
    new_names = [f.value for f in findings if f.kind == "name" and f.value not in masks]
    if new_names:
        masks.update({k: v for k, v in mask_names([*context.persons, *masks, *new_names]).items() if k not in masks})
    pieces, last = [], 0
    for finding in findings:
        pieces.append(text[last:finding.start])
        pieces.append(as_written(masks.get(finding.value, "某某"), text[finding.start]) if finding.kind == "name"
                      else NOTES[finding.kind])
        last = finding.end
    pieces.append(text[last:])
    return "".join(pieces), findings


def as_written(mask: str, first: str) -> str:
    """The mask with the surname as the text writes it (陳某某 for 陳嘉豪, read as 陈嘉豪)."""
    return first + mask[1:] if first != mask[0] and T2S.get(ord(first)) == mask[0] else mask


@dataclass
class Tally:
    """How many values of each kind were removed, per dataset, and where (the review file)."""

    counts: dict[str, int] = field(default_factory=dict)
    spans: list[tuple[str, int, str, str, str]] = field(default_factory=list)  # file, row, column, rule, excerpt

    def add(self, findings: Iterable[Finding], text: str, file: str, row: int, column: str) -> None:
        for finding in findings:
            self.counts[finding.kind] = self.counts.get(finding.kind, 0) + 1
            self.spans.append((file, row, column, finding.rule, text[finding.start:finding.end]))

    def merge(self, other: Tally) -> None:
        for kind, count in other.counts.items():
            self.counts[kind] = self.counts.get(kind, 0) + count
        self.spans.extend(other.spans)

    def summary(self) -> str:
        return "、".join(f"{KIND_LABELS[k]} {n}" for k, n in sorted(self.counts.items(), key=lambda kv: -kv[1]))
