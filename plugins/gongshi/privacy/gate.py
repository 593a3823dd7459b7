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
How a file is read without running the detectors over all of its bytes (`scan_text`): no
match of any detector, no token and no name can hold one of `< > " , NUL`, so a file is the
pieces between those characters, and a piece that passed alone passes wherever it stands —
except where a word outside it gives it its meaning: a cue word (电话, 账号, 微信…) before a
short number, or a plate's province, whose sentence decides whose vehicle it is. Around each
such word with a break within its reach, the text is read as it stands (`_context_windows`). Each
process remembers the pieces and windows that passed and reads only new ones; a value that
passed when the public tables were made (`certify`) is not read again. Where a piece does not
pass alone, the whole file is read as before, and that reading decides.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import ahocorasick
from ahocorasick_rs import BytesAhoCorasick, Implementation

from ..feeds.checkdigits import id_number_is_valid
from .detect import (
    CONTEXT_AFTER,
    CONTEXT_BEFORE,
    CONTEXT_REACH,
    CONTEXT_WORDS,
    KIND_LABELS,
    MATCHABLE_CHARS,
    PARALLEL_TEXTS,
    TextContext,
    can_fork,
    find_in_texts,
    in_one_process,
    normalise_identifier,
)
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
_NUMBER_LENGTHS = (11, 13, 18)  # a mobile number (with 86 in front: 13), a 居民身份证号
_COMPACT_TOKEN = re.compile(r"[0-9A-Za-z]+(?:[\s\-./_·•・‧]{1,3}[0-9A-Za-z]+)+")
# What normalise_identifier removes from a compact token of an NFKC text (the rest is ASCII).
_UNSEPARATED = str.maketrans("", "", "".join(c for c in map(chr, range(0x3001)) if c.isspace()) + "-./_·•・‧")
_IMAGES = (".png", ".jpg", ".jpeg", ".gif", ".ico", ".woff", ".woff2")
# Characters no detector's match, no token and no name can hold (see the module's docstring);
# pages are cut at tags only (fewer, longer pieces), data files at quotes and commas too.
MARKUP_BREAKS = "<>\0"
DATA_BREAKS = '<>",\0'
_MARKUP = (".html", ".htm", ".xml", ".svg", ".atom")


def pieces(text: str, breaks: str) -> list[str]:
    """The text cut at every break (str.split: several times faster than a regex's)."""
    for char in breaks[1:]:
        text = text.replace(char, breaks[0])
    return text.split(breaks[0])
_REMEMBER_MAX = 2_000_000  # pieces a process remembers before it starts again
_REMEMBER_LENGTH = 2_000  # (longer pieces are not kept)
_CONTEXT_AUTOMATON: BytesAhoCorasick | None = None


def _char_offsets(data: bytes, byte_offsets: list[int], length: int) -> list[int]:
    """The character positions of ascending byte offsets into `data` (UTF-8 of a text of
    `length` characters), decoding each stretch once."""
    if len(data) == length:
        return byte_offsets
    offsets, byte_at, char_at = [], 0, 0
    for offset in byte_offsets:
        if offset < byte_at:  # (not ascending: start again from the beginning)
            byte_at = char_at = 0
        char_at += len(data[byte_at:offset].decode("utf-8", "surrogatepass"))
        byte_at = offset
        offsets.append(char_at)
    return offsets


def _context_windows(text: str, breaks: str) -> list[str]:
    """The text around each context word, widened so as not to cut a number in two; but only
    for a word with a break within its reach (CONTEXT_REACH): otherwise whatever it makes
    personal lies in its own piece, which is read alone anyway (or has been) with the word in it."""
    global _CONTEXT_AUTOMATON
    if _CONTEXT_AUTOMATON is None:
        _CONTEXT_AUTOMATON = BytesAhoCorasick([w.encode() for w in CONTEXT_WORDS], implementation=Implementation.DFA)
    data = text.encode("utf-8", "surrogatepass")
    # (Not overlapping: a word inside another's match is inside that word's window too.)
    found = _CONTEXT_AUTOMATON.find_matches_as_indexes(data)
    if not found:
        return []
    windows = []
    length = len(text)
    found.sort(key=lambda m: m[1])
    starts = _char_offsets(data, [m[1] for m in found], length)
    ends = _char_offsets(data, [m[2] for m in found], length)
    for at, end in zip(starts, ends):
        size = end - at
        reach = text[max(0, at - CONTEXT_REACH):at + size + CONTEXT_REACH]
        if not any(char in reach for char in breaks):
            continue
        start = max(0, at - CONTEXT_BEFORE)
        stop = min(length, at + size + CONTEXT_AFTER)
        while start > 0 and text[start - 1] in MATCHABLE_CHARS:
            start -= 1
        while stop < length and text[stop] in MATCHABLE_CHARS:
            stop += 1
        windows.append(text[start:stop])
    return windows


def certifiable(value: str) -> bool:
    """A value that HTML, JSON and CSV all write as it is (within quotes) and that no break
    splits in a page. (In a CSV or JSON file a value holding a comma is two pieces, read as
    any others.)"""
    return bool(value) and not _UNCERTIFIABLE.search(value)


_UNCERTIFIABLE = re.compile('[<>"&\'\\\x00-\x1f\x7f]')


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
_EDGE_RUN = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz -./_·•・‧\u3000()（）"
                      "\u200b\u200c\u200d\u200e\u200f")


def token_edges(text: str) -> str:
    """What of a fixed text a detector can need to see of it beside a value: its first and
    last EDGE characters (extended to whole runs of letters, digits and separators), apart;
    the whole text when it is short."""
    if len(text) <= 2 * EDGE:
        return text
    head_end = EDGE
    while head_end < len(text) and text[head_end] in _EDGE_RUN:
        head_end += 1
    tail_start = max(head_end, len(text) - EDGE)
    while tail_start > head_end and text[tail_start - 1] in _EDGE_RUN:
        tail_start -= 1
    return f"{text[:head_end]}\0{text[tail_start:]}" if head_end < tail_start else text


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
    """NFKC without zero-width characters: the text in which compact tokens are looked for.
    Only the characters that NFKC turns into something a token holds are changed (NFKC of a
    whole Chinese text costs: every full-width comma changes); a combining mark, which NFKC
    may join to the letter before it, or a character beyond the BMP (𝟗…) sends the text
    through NFKC whole."""
    if _WHOLE_NFKC.search(text):
        return _ZERO_WIDTH_RE.sub("", unicodedata.normalize("NFKC", text))
    return _TOKEN_FOLDABLE.sub(_fold_for_tokens, text) if _TOKEN_FOLDABLE.search(text) else text


def _fold_for_tokens(match: re.Match) -> str:
    char = match.group()
    return "" if _ZERO_WIDTH_RE.match(char) else unicodedata.normalize("NFKC", char)


_ZERO_WIDTH_RE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")
_TOKEN_CHAR = re.compile(r"[0-9A-Za-z\s\-./_·•・‧]")
# (Classes of BMP characters only: the regex engine tests those by a bitmap, fast.)
_TOKEN_FOLDABLE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad" + "".join(
    re.escape(c) for c in map(chr, range(0x10000))
    if (normal := unicodedata.normalize("NFKC", c)) != c and _TOKEN_CHAR.search(normal)) + "]")
_WHOLE_NFKC = re.compile("[\U00010000-\U0010ffff" + "".join(
    re.escape(c) for c in map(chr, range(0x10000)) if unicodedata.combining(c)) + "]")


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
    # public values that passed the gate when the tables were made (certify): the tables' own
    # strings, so that a piece is looked up at C speed and the set costs only its table
    certified: set[str] = field(default_factory=set, repr=False)
    _passed: set[str] = field(default_factory=set, init=False, repr=False)  # pieces and windows
    _name_bytes: BytesAhoCorasick | None = field(default=None, init=False, repr=False)  # the names, over UTF-8

    def __post_init__(self) -> None:
        self._normal_values = frozenset(n for v in self.never_values
                                        if len(n := normalise_identifier(v)) >= MIN_NEVER_VALUE_LENGTH)
        self._context = TextContext(org_numbers=self.org_numbers, find_names=False)
        self._name_finder = NameFinder(self.names) if self.names else None
        self._name_bytes = BytesAhoCorasick([n.encode() for n in self._name_finder.names]) if self._name_finder else None
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
        digest.update(b"gate-v3\0" + ID_NUMBER_RE.pattern.encode() + MOBILE_RE.pattern.encode())
        for values in (self.never_values, self.org_numbers, self.names):
            for value in sorted(values):
                digest.update(value.encode() + b"\0")
            digest.update(b"\1")
        return digest.hexdigest()

    def scan_text(self, path: str, text: str) -> list[Leak]:
        return self.scan_texts([(path, text)])[0]

    def scan_texts(self, files: Sequence[tuple[str, str]]) -> list[list[Leak]]:
        """scan_text for many files: the pieces none of them has shown before are read in one go."""
        unread = [self._unread(text, MARKUP_BREAKS if path.endswith(_MARKUP) or path.endswith("/") else DATA_BREAKS)
                  for path, text in files]
        todo = list(dict.fromkeys(piece for pieces_ in unread for piece in pieces_))
        failed = set()
        if todo:
            passed = self._passed
            if len(passed) > _REMEMBER_MAX:
                passed.clear()
            for piece, ok in zip(todo, self.texts_pass(todo)):
                if not ok:
                    failed.add(piece)
                elif len(piece) <= _REMEMBER_LENGTH:
                    passed.add(piece)
        found = []
        for (path, text), pieces_ in zip(files, unread):
            leaks = self._never_text_leaks(path, text)
            if failed and not failed.isdisjoint(pieces_):
                leaks += self.scan_whole(path, text)  # (what decides)
            found.append(leaks)
        return found

    def scan_whole(self, path: str, text: str) -> list[Leak]:
        """Every check on the text as one (what decides when a piece did not pass alone)."""
        folded = text.translate(_FOLD) if _FULL_WIDTH_RE.search(text) else text
        return self._token_leaks(path, set(_TOKEN_RE.findall(folded))) + self._detector_leaks(path, text) \
            + self._name_leaks(path, text)

    def _never_text_leaks(self, path: str, text: str) -> list[Leak]:
        """Never-values that are free text (an address…), which may hold a break: whole text."""
        if self._automaton is None:
            return []
        folded = text.translate(_FOLD) if _FULL_WIDTH_RE.search(text) else text
        return [Leak(path, "不得公开的字段值", mask(term)) for end, term in self._automaton.iter(folded)
                if _stands_alone(folded, end - len(term) + 1, end)]

    def _unread(self, text: str, breaks: str) -> list[str]:
        """The pieces of the text between breaks, and the text around each context word, that
        have not passed before (see the module's docstring)."""
        unread = set(pieces(text, breaks)).difference(self._passed)
        if self.certified:
            unread.difference_update(self.certified)
        return [*unread, *(window for window in _context_windows(text, breaks) if window not in self._passed)]
        return unread

    def texts_pass(self, texts: list[str]) -> list[bool]:
        """For each text, whether scan_whole finds nothing in it; all texts read at once (none
        of those checks reaches across a NUL)."""
        bad = [bool(f) for f in find_in_texts(texts, [self._context] * len(texts))]
        joined = "\0".join(texts)
        starts = list(itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
        for start, _ in self._joined_hits(joined):
            bad[bisect.bisect_right(starts, start) - 1] = True
        return [not b for b in bad]

    def _joined_hits(self, text: str) -> Iterable[tuple[int, str]]:
        """(position, kind) of what scan_whole would report, but the detectors."""
        folded = text.translate(_FOLD) if _FULL_WIDTH_RE.search(text) else text
        tokens = set(_TOKEN_RE.findall(folded))
        bad = tokens.intersection(self._tokens)
        bad.update(t for t in tokens if len(t) in _NUMBER_LENGTHS and personal_number_kind(t))
        for token in bad:  # (rare: find where, to blame the right text)
            yield from ((m.start(), "token") for m in re.finditer(rf"(?<![0-9A-Za-z]){token}(?![0-9A-Za-z])", folded))
        if self._normal_values:
            normal = normalise_identifier_keep_spaces(text)
            for token in set(_COMPACT_TOKEN.findall(normal)):
                if token.translate(_UNSEPARATED).upper() in self._normal_values:
                    # (NFKC may move positions: a hit then blames a text near it, still failing)
                    yield min(normal.find(token), len(text) - 1), "never"
        if self._name_bytes is not None:
            data = text.encode("utf-8", "surrogatepass")
            found = sorted(m[1] for m in self._name_bytes.find_matches_as_indexes(data))
            for at in _char_offsets(data, found, len(text)):
                yield at, "name"

    def _texts_pass_shared(self, texts: list[str]) -> list[bool]:
        """texts_pass, the second half in a forked copy where there is a second core."""
        if len(texts) < PARALLEL_TEXTS or not can_fork():
            return self.texts_pass(texts)
        from ..forked import Forked

        half = len(texts) // 2
        with in_one_process():  # (find_in_texts would share each half again)
            child = Forked.start("gate", self.texts_pass, texts[half:])
            try:
                first = self.texts_pass(texts[:half])
            except BaseException:
                child.stop()
                raise
        return first + child.result()

    def certify(self, values: Iterable[str]) -> int:
        """Remember the values among `values` that pass alone (certifiable ones): pieces equal
        to them are not read again, in this process or the ones it forks. Returns how many."""
        todo = [v for v in dict.fromkeys(values) if isinstance(v, str) and certifiable(v) and v not in self.certified]
        if not todo:
            return 0
        passing = [v for v, ok in zip(todo, self._texts_pass_shared(todo)) if ok]
        self.certified.update(passing)
        return len(passing)

    def _detector_leaks(self, path: str, text: str) -> list[Leak]:
        """The scrubber's detectors, and never-values in any spelling."""
        leaks = [Leak(path, KIND_LABELS[f.kind], mask(text[f.start:f.end]))
                 for f in find_in_texts([text], [self._context])[0]]
        if self._normal_values:
            for token in _COMPACT_TOKEN.findall(normalise_identifier_keep_spaces(text)):
                compact = token.translate(_UNSEPARATED).upper()  # (normalise_identifier, the text being NFKC)
                if compact in self._normal_values:
                    leaks.append(Leak(path, "不得公开的字段值", mask(compact)))
        return leaks

    def _name_leaks(self, path: str, text: str) -> list[Leak]:
        if self._name_finder is None:
            return []
        return [Leak(path, "自然人姓名", name[:1] + "*" * (len(name) - 1))
                for _, _, name in self._name_finder.occurrences(text)]

    def scan_bytes(self, path: str, data: bytes) -> list[Leak]:
        if path.endswith(_IMAGES):
            return []
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
        self.check_many([(path, data, view)])

    def check_many(self, files: Sequence[tuple[str, bytes, bytes | None]]) -> None:
        """check for many files at once (PrivacyLeak names every leaking file's leaks)."""
        texts = [(path, (data if view is None else view).decode("utf-8", errors="replace"))
                 for path, data, view in files if not path.endswith(_IMAGES)]
        leaks = [leak for found in self.scan_texts(texts) for leak in found]
        if leaks:
            raise PrivacyLeak(leaks)
