"""脱敏: removing personal data from records (RULES.md, "Removing personal data").

- `party` columns: an organisation's name stays; a natural person's becomes surname + 某某, and
  two persons with one surname in a record stay apart (张某甲, 张某乙).
- `scrub` columns (free text): the record's persons' names are replaced the same way, and ID
  numbers (18/15 digits, any spacing, full-width digits, lower-case x), mobile numbers (with or
  without +86 and separators), landlines, Luhn-valid bank card numbers, e-mail addresses and
  vehicle plates are replaced by a note saying what was removed.
- A record whose party is a minor is withheld whole.

Matching runs on a copy of the text in which full-width digits and letters are folded to ASCII
one character for one, so positions line up with the original text, which is what is kept.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..feeds.checkdigits import uscc_is_valid
from ..feeds.schema import Dataset, Privacy

REMOVED = {
    "id": "〔身份证号已隐去〕",
    "mobile": "〔手机号码已隐去〕",
    "landline": "〔电话号码已隐去〕",
    "card": "〔银行卡号已隐去〕",
    "email": "〔电子邮箱已隐去〕",
    "plate": "〔车牌号已隐去〕",
}

# Full-width ASCII (U+FF01..U+FF5E) -> ASCII, and the ideographic space -> space: same length.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_SEP = r"[ \t\-–—.·]?"  # what people put between digit groups
_S = _SEP
_DATE8 = (rf"(?:1{_S}[89]|2{_S}0){_S}\d{_S}\d{_S}(?:0{_S}[1-9]|1{_S}[0-2]){_S}"
          rf"(?:0{_S}[1-9]|[12]{_S}\d|3{_S}[01])")  # a birth date, separators allowed anywhere
_DATE6 = r"\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"  # first character of a vehicle plate


def _spaced(pattern_digits: int) -> str:
    return r"\d(?:" + _SEP + r"\d){" + str(pattern_digits - 1) + "}"


_PATTERNS = [
    # 18-digit 居民身份证号: region, birth date, sequence, check (digit or X), in any spacing
    ("id", r"(?<![0-9A-Za-z])[1-9](?:" + _SEP + r"\d){5}" + _SEP + _DATE8 + r"(?:" + _SEP + r"\d){3}"
           + _SEP + r"[0-9Xx](?![0-9A-Za-z])"),
    # 15-digit (first generation) ID: region, YYMMDD, sequence
    ("id", r"(?<![0-9A-Za-z])[1-9]\d{5}" + _DATE6 + r"\d{3}(?![0-9A-Za-z])"),
    ("mobile", r"(?<![0-9A-Za-z+])(?:\+?86" + _SEP + r")?1[3-9]\d(?:" + _SEP + r"\d){8}(?![0-9])"),
    ("email", r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"),
    ("plate", "[" + _PROVINCES + r"][A-HJ-NP-Z][·•\- ]?"
              r"[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警]{1,2}(?![A-Za-z0-9])"),
    ("landline", r"(?<![0-9A-Za-z])(?:\(0\d{2,3}\)|0\d{2,3})" + _SEP + r"[2-9]\d{6,7}(?![0-9])"),
    # 16-19 digits in any grouping; kept unless Luhn-valid (checked in _replacement)
    ("card", r"(?<![0-9A-Za-z])\d(?:" + _SEP + r"\d){15,18}(?![0-9A-Za-z])"),
]
_COMBINED = re.compile("|".join(f"(?P<{kind}{i}>{p})" for i, (kind, p) in enumerate(_PATTERNS)))
# Every pattern above needs 7+ digits in a row (single separators allowed), an @, or a
# province character followed by a letter: text with none of these is left alone at once.
_CANDIDATE = re.compile(r"\d(?:" + _SEP + r"\d){6}|@|[" + _PROVINCES + "][A-Za-z]")
# Full-width characters that can be part of what is removed (digits, letters, + - . @, the
# ideographic space); full-width Chinese punctuation (，：；（）) is everywhere and is not.
_FULL_WIDTH = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff20\uff0b\uff0d\uff0e\u3000]")


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _replacement(kind_group: str, found: str, original: str, start: int) -> str | None:
    """The note that replaces `found` (a match at `start` in `original`), or None to keep it."""
    kind = kind_group.rstrip("0123456789")
    if kind == "card":
        digits = re.sub(r"\D", "", found)
        # An all-digit 统一社会信用代码 can pass Luhn by chance: keep it only where the text
        # says it is a code; otherwise privacy wins.
        labelled_code = uscc_is_valid(digits) and "代码" in original[max(0, start - 12):start]
        if not luhn_valid(digits) or labelled_code:
            return None
    return REMOVED[kind]


def scrub_text(text: str) -> str:
    """Free text with identity, phone, card numbers, e-mails and plates replaced."""
    if not text:
        return text
    folded = text.translate(_FOLD) if _FULL_WIDTH.search(text) else text
    if not _CANDIDATE.search(folded):
        return text
    pieces, last = [], 0
    for match in _COMBINED.finditer(folded):
        note = _replacement(match.lastgroup, match.group(), text, match.start())  # type: ignore[arg-type]
        if note is not None:
            pieces += [text[last:match.start()], note]
            last = match.end()
    pieces.append(text[last:])
    return "".join(pieces)


def _char_class(chars: str) -> str:
    """A regex character class of `chars`, written as ranges."""
    codes = sorted(set(map(ord, chars)))
    ranges, first, previous = [], codes[0], codes[0]
    for code in [*codes[1:], -1]:
        if code != previous + 1:
            ranges.append(re.escape(chr(first)) + ("-" + re.escape(chr(previous)) if previous > first else ""))
            first = code
        previous = code
    return "[" + "".join(ranges) + "]"


# Every character any of _PATTERNS can consume, on the folded or the unfolded text: \d (the
# basic plane's decimal digits, spelled out, and every character beyond it, so the class stays
# a fast lookup table), ASCII letters, the separators and signs, the plate characters, and all
# that folding can turn into one of these (U+FF01..U+FF5E, U+3000). A match lies inside one
# stretch of such characters, and a stretch's neighbours are none of the characters the
# look-arounds test for; so matching stretch by stretch finds what matching the whole text finds.
# The shortest thing removed (a@b.cn) is 6 characters: shorter stretches hold nothing.
_PLATE_CHARS = _PROVINCES + "挂学警"
_MATCHABLE = _char_class(
    "".join(re.findall(r"\d", "".join(map(chr, range(0x10000)))))
    + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz \t-–—.·•_%+@()" + _PLATE_CHARS
    + "".join(map(chr, range(0xFF01, 0xFF5F))) + "\u3000")[:-1] + "\U00010000-\U0010ffff]"
_STRETCH = re.compile(_MATCHABLE + _MATCHABLE + "{5,}")  # (a class first: the engine skips fast)


def scrub_texts(texts: list[str]) -> list[str]:
    """[scrub_text(t) for t in texts], faster: one regex pass over all of them, joined by NUL,
    finds the stretches where anything can be removed; only those are matched."""
    if not texts:
        return []
    joined = "\0".join(texts)
    stretches = [(m.start(), m.end()) for m in _STRETCH.finditer(joined)]
    out = list(texts)
    if not stretches:
        return out
    starts = np.zeros(len(texts), dtype=np.int64)
    np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))[:-1] + 1, out=starts[1:])
    owners = (np.searchsorted(starts, [start for start, _ in stretches], side="right") - 1).tolist()
    offsets = starts[owners].tolist()
    edits: dict[int, list[tuple[int, int, str]]] = {}
    folds: dict[int, bool] = {}
    for (start, end), index, offset in zip(stretches, owners, offsets):
        text = texts[index]
        fold = folds.get(index)
        if fold is None:  # folded or not as scrub_text would: per text
            fold = folds[index] = _FULL_WIDTH.search(text) is not None
        stretch = joined[start:end].translate(_FOLD) if fold else joined[start:end]
        for match in _COMBINED.finditer(stretch):
            at = start - offset + match.start()
            note = _replacement(match.lastgroup, match.group(), text, at)  # type: ignore[arg-type]
            if note is not None:
                edits.setdefault(index, []).append((at, at + match.end() - match.start(), note))
    for index, changes in edits.items():
        text, pieces, last = texts[index], [], 0
        for begin, end, note in changes:
            pieces += [text[last:begin], note]
            last = end
        pieces.append(text[last:])
        out[index] = "".join(pieces)
    return out


# -- names ------------------------------------------------------------------------------------
COMPOUND_SURNAMES = frozenset("""
欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 钟离 澹台 公冶 太史 申屠 端木
西门 南宫 独孤 万俟 闻人 赫连 呼延 濮阳 百里 东郭 第五 左丘 梁丘 拓跋
""".split())
ORGANISATION_MARKS = re.compile(
    r"(公司|厂|店|部|行|社|馆|中心|室|场|坊|院|所|站|局|会|队|处|园|庄|铺|城|堂|吧|厅|楼|家|屋|摊|档|超市|商城|酒家|诊所)$")
_HAN_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,5}$")
DISAMBIGUATORS = "甲乙丙丁戊己庚辛壬癸"


def surname_of(name: str) -> str:
    return name[:2] if name[:2] in COMPOUND_SURNAMES else name[:1]


def looks_like_person_name(name: str) -> bool:
    """2–5 Han characters with no organisation ending: how a 个体工商户 named after its
    operator, or a natural person, appears in a feed."""
    name = unicodedata.normalize("NFKC", name).strip()
    return bool(_HAN_NAME.match(name)) and not ORGANISATION_MARKS.search(name)


def mask_names(names: list[str]) -> dict[str, str]:
    """Full name -> masked name for the persons of one record (张某某; 张某甲/张某乙 when two
    persons share a surname)."""
    unique = list(dict.fromkeys([stripped for n in names if n and (stripped := n.strip())]))
    if len(unique) == 1:  # (the common case)
        return {unique[0]: surname_of(unique[0]) + "某某"}
    by_surname: dict[str, list[str]] = {}
    for name in unique:
        by_surname.setdefault(surname_of(name), []).append(name)
    masked = {}
    for surname, group in by_surname.items():
        if len(group) == 1:
            masked[group[0]] = surname + "某某"
        else:
            for index, name in enumerate(group):
                masked[name] = surname + "某" + DISAMBIGUATORS[index % len(DISAMBIGUATORS)]
    return masked


def replace_names(text: str, masked: dict[str, str]) -> str:
    """The persons' names in `text` replaced by their masks."""
    if len(masked) == 1:  # (the common case: nothing to order)
        [(name, masked_name)] = masked.items()
        return text.replace(name, masked_name)
    for name in sorted(masked, key=len, reverse=True):  # 欧阳明月 before 欧阳明
        text = text.replace(name, masked[name])
    return text


# -- whole tables -----------------------------------------------------------------------------
PERSON_TYPE = "自然人"
SOLE_TRADER_TYPE = "个体工商户"


@dataclass(frozen=True)
class RedactionReport:
    withheld_minors: int = 0
    persons_masked: int = 0


def person_rows(frame: pd.DataFrame, type_column: str, name_column: str) -> pd.Series:
    """Rows whose party is a natural person: 自然人, or a 个体工商户 trading under a person's name."""
    kind = frame[type_column].to_numpy()
    persons = kind == PERSON_TYPE
    sole_traders = np.flatnonzero(kind == SOLE_TRADER_TYPE)
    names = frame[name_column].to_numpy()[sole_traders].tolist()
    named = {name: looks_like_person_name(name) for name in set(names)}  # once per distinct name
    persons[sole_traders] = [named[name] for name in names]
    return pd.Series(persons, index=frame.index)


def redact_frame(frame: pd.DataFrame, dataset: Dataset, type_column: str) -> tuple[pd.DataFrame, RedactionReport]:
    """Apply the party/scrub classes of `dataset` to a frame whose party type is `type_column`."""
    withheld = 0
    if "party_is_minor" in frame.columns:
        minor = frame["party_is_minor"] == "是"
        withheld = int(minor.sum())
        frame = frame[~minor]
    # Copy-on-write (pandas 3): a shallow copy, so that what follows never changes the caller's frame.
    frame = frame.copy(deep=False)
    party_columns = dataset.keys_of(Privacy.PARTY)
    scrub_columns = dataset.keys_of(Privacy.SCRUB)
    name_column = party_columns[0]
    persons = person_rows(frame, type_column, name_column)
    # An organisation's 法定代表人 stays public; a sole trader's operator is a person.
    person_columns = [c for c in party_columns if "address" not in c]
    address_columns = [c for c in party_columns if "address" in c]
    for column in address_columns:
        frame.loc[persons, column] = ""  # a natural person's home address is never published

    # Per person-record work on plain lists: pandas' per-cell access would dominate.
    columns = {c: frame[c].tolist() for c in person_columns + scrub_columns}
    name_lists = [columns[c] for c in person_columns]
    text_lists = [columns[c] for c in scrub_columns]
    person_positions = np.flatnonzero(persons.to_numpy()).tolist()
    for i in person_positions:
        masked = mask_names([values[i] for values in name_lists])
        if not masked:
            continue  # no name to mask, nothing to replace
        for values in name_lists:
            value = values[i]
            if value:
                values[i] = masked.get(value.strip(), value)
        for texts in text_lists:
            if texts[i]:  # (most free-text columns are empty for most records)
                texts[i] = replace_names(texts[i], masked)
    for column in person_columns:
        frame[column] = columns[column]
    for column in scrub_columns:
        frame[column] = _scrub_column(columns[column])
    masked_count = len(person_positions)
    return frame, RedactionReport(withheld, masked_count)


_SAMPLE = 1000  # texts looked at to decide whether a column repeats itself


def _scrub_column(values: list[str]) -> list[str]:
    """scrub_texts over a column. Boilerplate (罚款人民币5000元) repeats a lot: then each distinct
    text is scrubbed once. Where the first texts are nearly all different (违法事实), finding
    the distinct ones would cost more than it saves."""
    sample = values[:_SAMPLE]
    if len(sample) == _SAMPLE and len(set(sample)) > 0.9 * _SAMPLE:
        return scrub_texts(values)
    distinct = list(dict.fromkeys(values))
    scrubbed = dict(zip(distinct, scrub_texts(distinct)))
    return [scrubbed[text] for text in values]


