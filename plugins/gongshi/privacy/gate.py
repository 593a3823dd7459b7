"""The end-of-build privacy gate: no file leaves the build holding personal data.

Every file the build writes is scanned *before* it is written (so a leak never reaches disk),
and files in the output folder that the build did not write are scanned at the end. A hit
fails the build. What counts as a hit: a checksum-valid 居民身份证号 (18 digits, a plausible
birth date), a mobile number, or any value of a `never` column of the feeds.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import ahocorasick

from ..feeds.checkdigits import id_number_is_valid

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
_EDGES_RE = re.compile(r"\A([0-9A-Za-z]*)[\s\S]*?([0-9A-Za-z]*)\Z")


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


def token_edges(text: str) -> str:
    """What of a fixed text can be part of a token that reaches outside it: its leading and
    trailing runs of ASCII letters/digits (the whole text if it is one run), apart."""
    if text.isascii() and text.isalnum() or not text:
        return text
    head, tail = _EDGES_RE.match(text).groups()  # type: ignore[union-attr]  # (matches any text)
    return f"{head} {tail}"


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


def mask(value: str) -> str:
    """What a report may show of a leaked value: enough to find it, not enough to use it."""
    return value[:3] + "*" * max(0, len(value) - 5) + value[-2:] if len(value) > 5 else "***"


@dataclass
class PrivacyGate:
    never_values: frozenset[str] = frozenset()
    # Values that are one token of letters/digits (ID and phone numbers) are found by
    # splitting a file into such tokens and looking them up in a set; any other value
    # (free text) by Aho-Corasick, which finds any of 100k+ terms in one pass.
    _tokens: frozenset[str] = field(default=frozenset(), init=False, repr=False)
    _token_bytes: frozenset[bytes] = field(default=frozenset(), init=False, repr=False)
    _automaton: ahocorasick.Automaton | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        # (Lists of distinct values and few passes over them: there are 100k+ of them.)
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
    def from_values(cls, values: Iterable[str]) -> PrivacyGate:
        return cls(frozenset(stripped for v in values if v and (stripped := v.strip())))

    @functools.cached_property  # (never_values is frozen; sorting 100k+ of them costs)
    def fingerprint(self) -> str:
        """Changes when what the gate looks for changes: skipped files must then be re-checked."""
        digest = hashlib.blake2b(digest_size=16)
        digest.update(b"gate-v1\0" + ID_NUMBER_RE.pattern.encode() + MOBILE_RE.pattern.encode())
        for value in sorted(self.never_values):
            digest.update(value.encode() + b"\0")
        return digest.hexdigest()

    def scan_text(self, path: str, text: str) -> list[Leak]:
        folded = text.translate(_FOLD) if _FULL_WIDTH_RE.search(text) else text
        leaks = self._token_leaks(path, set(_TOKEN_RE.findall(folded)))
        if self._automaton is not None:
            leaks += [Leak(path, "不得公开的字段值", mask(term))
                      for end, term in self._automaton.iter(folded)
                      if _stands_alone(folded, end - len(term) + 1, end)]
        return leaks

    def scan_bytes(self, path: str, data: bytes) -> list[Leak]:
        if path.endswith((".png", ".jpg", ".jpeg", ".gif", ".ico", ".woff", ".woff2")):
            return []
        if self._automaton is None and not _FULL_WIDTH_ALNUM_UTF8.search(data):
            # The common case (no full-width forms, no free-text never-values): the distinct
            # tokens straight from the bytes, looked up as bytes; only the few that could be a
            # leak are decoded. Several times faster than a regex over the decoded text.
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
