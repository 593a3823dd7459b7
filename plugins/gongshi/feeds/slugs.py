"""The slug rule: how a natural key or a facet value becomes a path segment (pages.urls).

It lives with the feeds because the feeds stage checks, per dataset, that every key makes a
non-empty slug no other key makes (feeds.load.check_slugs); the pages stage then makes URLs
of them. The rule never changes: printed URLs must keep working.
"""

from __future__ import annotations

import re
import unicodedata

_SLUG_KEEP = "0-9A-Za-z\u4e00-\u9fff"  # letters, digits and Han characters
_SLUG_DROP = re.compile(f"[^{_SLUG_KEEP}]+")
_SLUG_DROP_BUT_LF = re.compile(f"[^{_SLUG_KEEP}\n]+")  # (slug_all: the line feed separates texts)


def slug(text: str) -> str:
    """A stable path segment for a natural key or a facet value.

    The text is NFKC-normalised (full-width to half-width), every run of characters other
    than letters, digits and Han characters becomes one "-", and "-" at either end is
    dropped: 江临市监罚〔2026〕12号 -> 江临市监罚-2026-12号. The rule never changes; two keys
    with the same slug are a feed error.
    """
    return _SLUG_DROP.sub("-", unicodedata.normalize("NFKC", text)).strip("-")


def slug_all(texts: list[str]) -> list[str]:
    """[slug(t) for t in texts], with one regex pass over them all joined by line feeds: the
    pattern is slug's own with the line feed left out, so no run of dropped characters spans
    two texts. Texts that hold a line feed are slugged one by one."""
    # (NFKC one text at a time, and only of those not already in NFKC: the check is cheap)
    joined = "\n".join([t if unicodedata.is_normalized("NFKC", t) else unicodedata.normalize("NFKC", t) for t in texts])
    if not texts or joined.count("\n") != len(texts) - 1:
        return [slug(text) for text in texts]
    return [part.strip("-") for part in _SLUG_DROP_BUT_LF.sub("-", joined).split("\n")]
