"""The one analyzer every search consumer shares: the static browser index, whoosh, and the
browser's query side (themes/gongshi/static/js/search.js is a line-by-line port; a browser
test runs both over the same tricky strings).

Text is normalised (NFKC: full-width to half-width, compatibility forms folded; then ASCII
upper case to lower case only, so that no Unicode-version difference in case tables can make
Python and the browser disagree). Then it is cut into runs:

* ASCII letters and digits: one term per whole run ("91339900ma2b3c4d5x", "2026"); a
  执法证号 or 统一社会信用代码 is a single exact term;
* other ASCII characters, white space and CJK/full-width punctuation (SEPARATOR_RANGES):
  separators, never part of a term;
* every other character (Han and the rest): CJK runs, indexed as character bigrams and
  single characters. A query's CJK run of two or more characters becomes bigrams, one of a
  single character becomes that character.

Matching is substring matching on the normalised text (`matches`), with one rule for
letters and digits: a query that begins or ends with a letter/digit must meet a run
boundary there (so "2026" finds 〔2026〕 but "202" does not find 2026). Under that rule
every term of a query occurs in every record that matches it, so the index never misses a
match, and verification against the stored text never lets a false one through.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# (first, last) code points treated as separators besides ASCII non-alphanumerics.
SEPARATOR_RANGES = (
    (0x0000, 0x002F), (0x003A, 0x0040), (0x005B, 0x0060), (0x007B, 0x00BF),  # ASCII/Latin-1 punct
    (0x2000, 0x206F),  # general punctuation (dashes, quotes, zero-width spaces)
    (0x3000, 0x303F),  # CJK symbols and punctuation: 、。〈〉《》「」【】〔〕
    (0xFE10, 0xFE1F), (0xFE30, 0xFE4F),  # vertical and CJK compatibility forms
    (0xFF00, 0xFF0F), (0xFF1A, 0xFF20), (0xFF3B, 0xFF40), (0xFF5B, 0xFF65),  # full-width punct
)
_SEP_CLASS = "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in SEPARATOR_RANGES)
# One pass finds both kinds of run: ASCII words, and runs of "CJK" (anything else not a separator).
RUN_RE = re.compile(f"([0-9a-z]+)|([^0-9a-z{_SEP_CLASS}]+)")
# Bytes A-Z never occur inside a multi-byte UTF-8 sequence: lower-casing the bytes is exact,
# and much faster than str.translate.
_ASCII_UPPER = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")
_ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyz")
FACET_PREFIX = "~"  # facet terms ("~d:penalties"): "~" is a separator, so no text term starts with it


def normalise(text: str) -> str:
    return lower_ascii(unicodedata.normalize("NFKC", text))


def normalise_each(values: list[str]) -> list[str]:
    """NFKC for many values (lower_ascii left to the caller): few need it, and the check is
    much cheaper than the normalisation."""
    return [v if unicodedata.is_normalized("NFKC", v) else unicodedata.normalize("NFKC", v) for v in values]


def lower_ascii(text: str) -> str:
    return text.encode("utf-8", "surrogatepass").translate(_ASCII_UPPER).decode("utf-8", "surrogatepass")


def index_terms(normalised: str) -> set[str]:
    """Terms of a record's (normalised) text: words, CJK bigrams and CJK single characters."""
    terms: set[str] = set()
    for word, cjk in RUN_RE.findall(normalised):
        if word:
            terms.add(word)
        else:
            terms.update(cjk)
            terms.update(cjk[i:i + 2] for i in range(len(cjk) - 1))
    return terms


# White space that cuts a query into parts; spelled out (not str.split) so the browser's
# regular expression is the same set of characters.
QUERY_SPACE_RE = re.compile("[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+")


def query_parts(query: str) -> list[str]:
    """A query is cut at white space; every part must occur in a record (AND)."""
    return [p for p in QUERY_SPACE_RE.split(normalise(query)) if p]


def query_terms(part: str) -> list[str]:
    """Terms that every record containing `part` (normalised) has, in order, deduplicated."""
    return _run_terms(part, lambda cjk: [cjk[i:i + 2] for i in range(len(cjk) - 1)])


def fetch_terms(part: str) -> list[str]:
    """The subset of `query_terms` the browser fetches: for a CJK run, bigrams covering every
    character with as little overlap as possible (印染有限公司 -> 印染 有限 公司). Every record
    containing the part has them; verification against the stored text does the rest."""
    return _run_terms(part, _covering_bigrams)


def _covering_bigrams(cjk: str) -> list[str]:
    bigrams = [cjk[i:i + 2] for i in range(0, len(cjk) - 1, 2)]
    return bigrams + [cjk[-2:]] if len(cjk) % 2 else bigrams


def _run_terms(part: str, bigrams_of: Callable[[str], list[str]]) -> list[str]:
    """A word or digit run is one term, a lone CJK character is one term, a longer CJK run
    gives the bigrams `bigrams_of` picks; in order, deduplicated."""
    terms: list[str] = []
    for word, cjk in RUN_RE.findall(part):
        new = [word] if word else [cjk] if len(cjk) == 1 else bigrams_of(cjk)
        terms += [t for t in new if t not in terms]
    return terms


def facet_term(facet: str, value: str) -> str:
    """"d" dataset, "a" agency, "y" year, "s" status."""
    return f"{FACET_PREFIX}{facet}:{value}"


def occurs(part: str, text: str) -> bool:
    """`part` occurs in `text` (both normalised), meeting a run boundary wherever it begins or
    ends with an ASCII letter or digit."""
    if not part:
        return False
    starts_alnum, ends_alnum = part[0] in _ALNUM, part[-1] in _ALNUM
    start = text.find(part)
    while start >= 0:
        end = start + len(part)
        if not (starts_alnum and start > 0 and text[start - 1] in _ALNUM) \
                and not (ends_alnum and end < len(text) and text[end] in _ALNUM):
            return True
        start = text.find(part, start + 1)
    return False


def matches(parts: list[str], text: str) -> bool:
    return bool(parts) and all(occurs(p, text) for p in parts)


def searchable_text(values: tuple[str, ...] | list[str]) -> str:
    """A record's fields joined for matching: a query never spans two fields."""
    return normalise("\n".join(values))
