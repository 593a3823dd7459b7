"""Check digits of the codes the feeds carry (RULES.md, "Check digits").

统一社会信用代码 (GB 32100-2015) and 居民身份证号 (GB 11643-1999). The ID-number check is
used only to *detect* identity numbers so they can be removed; it never validates one for
display.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_VALUE = {c: i for i, c in enumerate(USCC_CHARSET)}

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def uscc_check_char(first17: str) -> str:
    """The 18th character of a 统一社会信用代码 whose first 17 characters are given."""
    total = sum(_USCC_VALUE[c] * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def is_uscc_shaped(code: str) -> bool:
    """18 characters, all from the GB 32100 character set (the check digit aside)."""
    return len(code) == 18 and all(c in _USCC_VALUE for c in code)


def uscc_is_valid(code: str) -> bool:
    """True when ``code`` is USCC-shaped and its check character is right."""
    return is_uscc_shaped(code) and uscc_check_char(code[:17]) == code[17]


def uscc_verdicts(codes: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(is_uscc_shaped, uscc_is_valid) of many codes at once, as two boolean arrays: the same
    rule with numpy, for the hundreds of thousands of codes a penalties feed carries."""
    shaped = np.zeros(len(codes), dtype=bool)
    valid = np.zeros(len(codes), dtype=bool)
    long18 = np.flatnonzero(np.fromiter((len(c) == 18 for c in codes), dtype=bool, count=len(codes)))
    if not len(long18):
        return shaped, valid
    points = np.frombuffer("".join([codes[i] for i in long18.tolist()]).encode("utf-32-le", "surrogatepass"),
                           dtype=np.uint32).reshape(-1, 18)
    values = _USCC_TABLE[np.minimum(points, len(_USCC_TABLE) - 1)]  # -1: not in the character set
    in_charset = (values >= 0).all(axis=1)
    total = values[:, :17] @ np.array(USCC_WEIGHTS, dtype=np.int64)
    shaped[long18] = in_charset
    valid[long18] = in_charset & (values[:, 17] == (31 - total % 31) % 31)
    return shaped, valid


_USCC_TABLE = np.full(129, -1, dtype=np.int64)  # code point (128: anything above ASCII) -> value
_USCC_TABLE[[ord(c) for c in USCC_CHARSET]] = np.arange(len(USCC_CHARSET))


def id_check_char(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11]


def id_number_is_valid(number: str) -> bool:
    """True for an 18-character 居民身份证号 whose check character is right (x or X)."""
    if len(number) != 18 or not number[:17].isdigit() or not number[:17].isascii():
        return False
    return id_check_char(number[:17]) == number[17].upper()
