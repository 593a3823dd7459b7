"""The end-of-build privacy gate: no file leaves the build holding personal data.

Every file the build writes is scanned *before* it is written (so a leak never reaches disk),
and files in the output folder that the build did not write are scanned at the end. A hit
fails the build. What counts as a hit:
- what the scrubber's detectors find (`detect.py`: ID numbers of any generation and check
  digit, mobile and personal landline numbers, bank accounts, other identity documents,
  e-mail addresses, plates, property certificates, in any spelling), organisations' published
  lines excepted — the same library the scrubber uses, so what it left, the gate accepts;
- any value of a `never` column of the feeds, also in any spelling (compared normalised);
- the name of a natural person of the feeds (three characters or more: see
  `privacy.gate_names`).
The detectors run only on files a cheap byte-level filter finds something in (a long digit
run, an @, a plate's start, a cue word…); the rest are checked by their tokens, as before.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import ahocorasick

from ..feeds.checkdigits import id_number_is_valid
from .detect import KIND_LABELS, TextContext, find_in_texts, normalise_identifier
from .names import NameFinder

# Full-width digits and letters are folded before matching, so ０１２ cannot slip through.
_FOLD = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)} | {"Ｘ": "X", "ｘ": "x"})
_FULL_WIDTH_RE = re.compile("[\uff10-\uff19\uff38\uff58]")
ID_NUMBER_RE = re.compile(
    r"(?<![0-9A-Za-z])\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx]"
    r"(?![0-9A-Za-z])")
MOBILE_RE = re.compile(r"(?<![0-9A-Za-z])(?:\+?86[ -]?)?1[3-9]\d{9}(?![0-9])")
# Values this short are too likely to occur by chance in unrelated text to be gate terms.
MIN_NEVER_VALUE_LENGTH = 6


_TOKEN_RE = re.compile(r"[0-9A-Za-z]{6,}")  # runs of letters/digits; MIN_NEVER_VALUE_LENGTH
_ALNUM = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_FULL_WIDTH_ALNUM_UTF8 = re.compile(rb"\xef\xbc[\x90-\x99\xa1-\xba]|\xef\xbd[\x81-\x9a]")  # ０-９ Ａ-Ｚ ａ-ｚ
_NUMBER_LENGTHS = (11, 13, 18)  # a mobile number (with 86 in front: 13), a 居民身份证号
_NOT_ALNUM = bytes(c if c in _ALNUM else 0x20 for c in range(256))  # every other byte -> space



def _utf8_alternatives(words: str) -> bytes:
    return b"|".join(re.escape(w.encode()) for w in words.split())


# Whatever any detector of detect.py can match starts with or holds one of these (UTF-8): ten
# or more digits with ASCII separators, a digit beside a non-ASCII separator, full-width or
# Chinese digits, zero-width characters, an @ or its spellings, a letter with seven digits (a
# passport), a plate's province and letter, a cue word that makes a short number personal.
_PROVINCE_BYTES = _utf8_alternatives(" ".join("京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领"))
_CUE_BYTES = _utf8_alternatives("电话 手机 联系 座机 号码 微信 账号 帐号 账户 卡号 开户 护照 通行证 台胞证 居留 军官证 士兵证 "
                                "证件 不动产 房产证 身份 扣扣 住址 家住 现住 居住 户籍 暂住 患有 确诊 诊断")
_CHINESE_DIGIT_BYTES = _utf8_alternatives("〇 零 一 二 三 四 五 六 七 八 九 幺 壹 贰 叁 肆 伍 陆 柒 捌 玖")
_SUSPECT = re.compile(
    rb"\d(?:[ \-./_()\\]{0,3}\d){9,}"
    rb"|\d(?:\xe3\x80\x80|\xc2[\xa0\xb7]|\xe2\x80[\x80-\x95\xa2\xa7]|\xe3\x83\xbb|\xe2\x88\x92)"
    rb"|\xef\xbc[\x90-\x99\xa0]|\xe2\x80[\x8b-\x8f]|\xe2\x81\xa0|\xef\xbb\xbf|\xc2\xad"
    rb"|@| at |\(at\)|\[at\]|[A-Za-z][A-Za-z0-9]?[ \-]?\d{7}|[A-Za-z]{3}\d{6}"
    rb"|(?:" + _PROVINCE_BYTES + rb")[ \-\xc2\xb7]{0,3}[A-Za-z]"
    rb"|(?:" + _CUE_BYTES + rb")"
    rb"|(?:" + _CHINESE_DIGIT_BYTES + rb"){4}")
_COMPACT_TOKEN = re.compile(r"[0-9A-Za-z]+(?:[\s\-./_·•・‧]{1,3}[0-9A-Za-z]+)+")


def personal_number_kind(token: str) -> str:
    """"居民身份证号" / "手机号码" when a whole token is one, else "".

    A token is a maximal run of ASCII letters and digits, so a number inside a longer code
    (a 统一社会信用代码, a certificate number) is not one: the same rule as ID_NUMBER_RE and
    MOBILE_RE's look-arounds, checked with one pass over a file's tokens.
    """
    if len(token) == 18 and token[:17].isdigit() and ID_NUMBER_RE.fullmatch(token) \
            and id_number_is_valid(token):
        return "居民身份证号"
    if len(token) in (11, 13) and token.isdigit() and MOBILE_RE.fullmatch(token):
        return "手机号码"
    return ""


def _stands_alone(text: str, start: int, end: int) -> bool:
    """A digit/letter value counts only as a whole token: 13812345678 inside a longer code
    number is not that phone number."""
    before = text[start - 1] if start > 0 else " "
    after = text[end + 1] if end + 1 < len(text) else " "
    return not ((text[start].isascii() and text[start].isalnum() and before.isascii() and before.isalnum())
                or (text[end].isascii() and text[end].isalnum() and after.isascii() and after.isalnum()))


# How much of a fixed text's ends the view keeps: more than any detector looks at around what it
# matches (detect.py's cue window), and whole runs of letters, digits and separators beyond it.
EDGE = 32
_EDGE_RUN = "[0-9A-Za-z \\-./_·•・‧\u3000()（）\u200b-\u200f]*"
_HEAD_RE = re.compile(rf"[\s\S]{{0,{EDGE}}}" + _EDGE_RUN)
_TAIL_RE = re.compile(_EDGE_RUN + rf"[\s\S]{{0,{EDGE}}}\Z")


def token_edges(text: str) -> str:
    """What of a fixed text a detector can need to see of it beside a value: its first and
    last EDGE characters (extended to whole runs of letters, digits and separators), apart;
    the whole text when it is short."""
    if len(text) <= 2 * EDGE:
        return text
    head = _HEAD_RE.match(text).group()  # type: ignore[union-attr]  # (matches any text)
    tail = _TAIL_RE.search(text, len(head)).group() if len(head) < len(text) else ""  # type: ignore[union-attr]
    return f"{head}\0{tail}" if len(head) + len(tail) < len(text) else text


def values_view(edges: Sequence[str], values: Sequence[str]) -> str:
    """A page made of fixed texts and values, as the gate needs to see it once the fixed texts
    have been scanned: each value between the edges (token_edges) of the texts around it.
    Every token of the page that touches a value is in the view whole, and every other token
    lies inside one fixed text; so the view's tokens and the texts' tokens are the page's."""
    parts = [""] * (len(edges) + len(values))
    parts[0::2] = edges
    parts[1::2] = values
    return "".join(parts)


@dataclass(frozen=True)
class Leak:
    path: str
    kind: str
    excerpt: str

    def __str__(self) -> str:
        return f"{self.path}: 含有{self.kind}「{self.excerpt}」"


class PrivacyLeak(Exception):
    exitcode = 1

    def __init__(self, leaks: list[Leak]):
        self.leaks = leaks
        super().__init__("隐私闸门拦截：输出中发现个人信息，构建失败。\n" + "\n".join(map(str, leaks[:50])))

    def __reduce__(self) -> tuple:  # (raised in a forked stage, re-raised in the parent)
        return PrivacyLeak, (self.leaks,)


def normalise_identifier_keep_spaces(text: str) -> str:
    """NFKC without zero-width characters: the text in which compact tokens are looked for."""
    import unicodedata

    return re.sub("[\u200b-\u200f\u2060\ufeff\u00ad]", "", unicodedata.normalize("NFKC", text))


def mask(value: str) -> str:
    """What a report may show of a leaked value: enough to find it, not enough to use it."""
    return value[:3] + "*" * max(0, len(value) - 5) + value[-2:] if len(value) > 5 else "***"


@dataclass
class PrivacyGate:
    never_values: frozenset[str] = frozenset()
    org_numbers: frozenset[str] = frozenset()  # organisations' published lines (digits): kept
    names: frozenset[str] = frozenset()  # natural persons' names refused anywhere (privacy.gate_names)
    # Values that are one token of letters/digits (ID and phone numbers) are found by
    # splitting a file into such tokens and looking them up in a set; any other value
    # (free text) by Aho-Corasick, which finds any of the terms in one pass.
    _tokens: frozenset[str] = field(default=frozenset(), init=False, repr=False)
    _token_bytes: frozenset[bytes] = field(default=frozenset(), init=False, repr=False)
    _automaton: ahocorasick.Automaton | None = field(default=None, init=False, repr=False)
    _normal_values: frozenset[str] = field(default=frozenset(), init=False, repr=False)
    _context: TextContext = field(default=TextContext(find_names=False), init=False, repr=False)
    _name_finder: NameFinder | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self._normal_values = frozenset(n for v in self.never_values
                                        if len(n := normalise_identifier(v)) >= MIN_NEVER_VALUE_LENGTH)
        self._context = TextContext(org_numbers=self.org_numbers, find_names=False)
        self._name_finder = NameFinder(self.names) if self.names else None
        # (Lists of distinct values and few passes over them: there are a great many.)
        terms = [v for v in self.never_values if len(v) >= MIN_NEVER_VALUE_LENGTH]
        if _FULL_WIDTH_RE.search("\n".join(terms)):  # (one search, not one per value)
            terms = list({v.translate(_FOLD) for v in terms})  # (two values may fold into one)
        # [0-9A-Za-z]{6,} (_TOKEN_RE), without a regex call per value: terms are 6+ long
        self._tokens = frozenset(t for t in terms if t.isascii() and t.isalnum())
        self._token_bytes = frozenset(t.encode("ascii") for t in self._tokens)
        terms = [t for t in terms if t not in self._tokens] if len(self._tokens) < len(terms) else []
        if terms:
            automaton = ahocorasick.Automaton()
            for term in terms:
                automaton.add_word(term, term)
            automaton.make_automaton()
            self._automaton = automaton

    @classmethod
    def from_values(cls, values: Iterable[str], org_numbers: Iterable[str] = (),
                    names: Iterable[str] = ()) -> PrivacyGate:
        return cls(frozenset(stripped for v in values if v and (stripped := v.strip())), frozenset(org_numbers),
                   frozenset(names))

    @functools.cached_property  # (never_values is frozen; sorting all of them costs)
    def fingerprint(self) -> str:
        """Changes when what the gate looks for changes: skipped files must then be re-checked."""
        digest = hashlib.blake2b(digest_size=16)
        digest.update(b"gate-v2\0" + ID_NUMBER_RE.pattern.encode() + MOBILE_RE.pattern.encode() + _SUSPECT.pattern)
        for values in (self.never_values, self.org_numbers, self.names):
            for value in sorted(values):
                digest.update(value.encode() + b"\0")
            digest.update(b"\1")
        return digest.hexdigest()

    def scan_text(self, path: str, text: str) -> list[Leak]:
        folded = text.translate(_FOLD) if _FULL_WIDTH_RE.search(text) else text
        leaks = self._token_leaks(path, set(_TOKEN_RE.findall(folded)))
        if self._automaton is not None:
            leaks += [Leak(path, "不得公开的字段值", mask(term))
                      for end, term in self._automaton.iter(folded)
                      if _stands_alone(folded, end - len(term) + 1, end)]
        return leaks + self._detector_leaks(path, text) + self._name_leaks(path, text)

    def _detector_leaks(self, path: str, text: str) -> list[Leak]:
        """The scrubber's detectors, and never-values in any spelling, where the byte-level
        filter finds anything they could match."""
        if not _SUSPECT.search(text.encode("utf-8", "surrogatepass")):
            return []
        leaks = [Leak(path, KIND_LABELS[f.kind], mask(text[f.start:f.end]))
                 for f in find_in_texts([text], [self._context])[0]]
        if self._normal_values:
            for token in _COMPACT_TOKEN.findall(normalise_identifier_keep_spaces(text)):
                compact = normalise_identifier(token)
                if compact in self._normal_values:
                    leaks.append(Leak(path, "不得公开的字段值", mask(compact)))
        return leaks

    def _name_leaks(self, path: str, text: str) -> list[Leak]:
        if self._name_finder is None:
            return []
        return [Leak(path, "自然人姓名", name[:1] + "*" * (len(name) - 1))
                for _, _, name in self._name_finder.occurrences(text)]

    def scan_bytes(self, path: str, data: bytes) -> list[Leak]:
        if path.endswith((".png", ".jpg", ".jpeg", ".gif", ".ico", ".woff", ".woff2")):
            return []
        if _SUSPECT.search(data) or self._name_finder is not None:
            return self.scan_text(path, data.decode("utf-8", errors="replace"))
        if self._automaton is None and not _FULL_WIDTH_ALNUM_UTF8.search(data):
            # The common case (no full-width forms, no free-text never-values): the distinct
            # tokens straight from the bytes, looked up as bytes; only the few that could be a
            # leak are decoded. Faster than a regex over the decoded text.
            tokens = set(data.translate(_NOT_ALNUM).split())
            suspects = tokens.intersection(self._token_bytes)
            suspects.update(t for t in tokens if len(t) in _NUMBER_LENGTHS)
            return self._token_leaks(path, {t.decode("ascii") for t in suspects}) if suspects else []
        return self.scan_text(path, data.decode("utf-8", errors="replace"))

    def _token_leaks(self, path: str, tokens: set[str]) -> list[Leak]:
        leaks = [Leak(path, kind, mask(token)) for token in sorted(tokens)
                 if len(token) in _NUMBER_LENGTHS and (kind := personal_number_kind(token))]
        leaks += [Leak(path, "不得公开的字段值", mask(token)) for token in sorted(self._tokens & tokens)]
        return leaks

    def fixed_text_edges(self, texts: Sequence[str]) -> list[str] | None:
        """The edges (token_edges) of the fixed texts of many pages (a template's own text
        around its values), when pages made of them may be checked by their values_view:
        the texts hold no leak themselves and no full-width letter or digit (folded into
        tokens before matching), and no never-value is free text (matched by Aho-Corasick
        anywhere, not by tokens). Otherwise None: such pages are checked whole."""
        joined = "\n".join(texts)
        if self._automaton is not None or _FULL_WIDTH_RE.search(joined) or self.scan_text("", joined):
            return None
        return [token_edges(text) for text in texts]

    def check(self, path: str, data: bytes, view: bytes | None = None) -> None:
        """`view`: the page's values_view, the fixed texts' edges from fixed_text_edges; as
        exact as the whole page and a fraction of its bytes."""
        leaks = self.scan_bytes(path, data if view is None else view)
        if leaks:
            raise PrivacyLeak(leaks)
