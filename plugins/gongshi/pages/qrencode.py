"""A batch QR encoder: many codes at once with numpy (byte mode, error correction level M).

Why our own: a build draws one QR code per officer page, 100,000 and more, and a C++ encoder
called once per code (zxing-cpp, its time mostly spent choosing the mask) was half of an
officer page's cost. Codes of one version share everything but their data, so they are
encoded together: Reed–Solomon as table look-ups (the code is linear), module placement as one
fancy-indexing assignment, and the eight masks' penalties (ISO/IEC 18004 §7.8.3, as zint and
zxing-cpp score them) with 64-bit words, one per row or column. Versions 1–9 (up to 180 bytes,
far more than a page URL) are batched; longer or non-ASCII texts go to zxing-cpp one by one.

The structure follows Project Nayuki's QR Code generator (MIT), vectorised; the tests check
every part against segno and zxing-cpp, and that each code reads back.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

MAX_BATCH_VERSION = 9  # 53 modules: a row plus 4 light modules each side fits in 64 bits
PAD = 4  # light modules kept on each side of a row word (penalty rule 3 looks 4 beyond)
# Level M: error-correction codewords per block and number of blocks, versions 1–9.
_ECC_PER_BLOCK_M = (0, 10, 16, 26, 18, 24, 16, 18, 22, 22)
_BLOCKS_M = (0, 1, 1, 1, 2, 2, 4, 4, 4, 5)
_FORMAT_ECL_M = 0  # the two format bits of level M
_PENALTY_N2, _PENALTY_N3, _PENALTY_N4 = 3, 40, 10  # N1: 3 for a run of 5, +1 per module more


# -- Galois field and Reed–Solomon --------------------------------------------------------------
def _gf_multiply(x: int, y: int) -> int:
    z = 0
    for i in reversed(range(8)):
        z = (z << 1) ^ ((z >> 7) * 0x11D)
        z ^= ((y >> i) & 1) * x
    return z


_GF_MUL = np.array([[_gf_multiply(x, y) for y in range(256)] for x in range(256)], dtype=np.uint8)


def _rs_divisor(degree: int) -> list[int]:
    result = [0] * (degree - 1) + [1]
    root = 1
    for _ in range(degree):
        for j in range(degree):
            result[j] = _gf_multiply(result[j], root)
            if j + 1 < degree:
                result[j] ^= result[j + 1]
        root = _gf_multiply(root, 0x02)
    return result


def _rs_remainder(data: Sequence[int], divisor: list[int]) -> list[int]:
    result = [0] * len(divisor)
    for byte in data:
        factor = byte ^ result.pop(0)
        result.append(0)
        for i, coefficient in enumerate(divisor):
            result[i] ^= _gf_multiply(coefficient, factor)
    return result


@functools.cache
def _rs_table(data_length: int, degree: int) -> np.ndarray:
    """table[k, v] = the error-correction bytes of a block whose only non-zero byte is v at k.
    Reed–Solomon is linear over GF(256), so a block's bytes are the XOR of its bytes' rows."""
    divisor = _rs_divisor(degree)
    table = np.empty((data_length, 256, degree), dtype=np.uint8)
    for k in range(data_length):
        unit = [0] * data_length
        unit[k] = 1
        base = np.array(_rs_remainder(unit, divisor), dtype=np.uint8)
        table[k] = _GF_MUL[np.arange(256)[:, None], base[None, :]]
    return table


# -- the fixed layout of one version --------------------------------------------------------------
@dataclass(frozen=True)
class _Layout:
    version: int
    size: int
    data_codewords: int
    block_lengths: tuple[int, ...]  # data codewords per block
    ecc_per_block: int
    interleave: np.ndarray  # order of [block data..., block ecc...] codewords in the symbol
    data_rows: np.ndarray  # module of each data bit, in placement order
    data_cols: np.ndarray
    base: np.ndarray  # (8, size, size) function patterns with each mask's format bits, bool
    masks: np.ndarray  # (8, size, size): the mask pattern on data modules only, bool
    base_rows: np.ndarray  # the same two as row and column words (8, size), see _pack
    base_columns: np.ndarray
    mask_rows: np.ndarray
    mask_columns: np.ndarray


def _raw_data_modules(version: int) -> int:
    result = (16 * version + 128) * version + 64
    if version >= 2:
        count = version // 7 + 2
        result -= (25 * count - 10) * count - 55
        if version >= 7:
            result -= 36
    return result


def _alignment_positions(version: int, size: int) -> list[int]:
    if version == 1:
        return []
    count = version // 7 + 2
    step = (version * 8 + count * 3 + 5) // (count * 4 - 4) * 2
    return [6] + sorted(size - 7 - i * step for i in range(count - 1))


def _format_bits(mask: int) -> int:
    data = _FORMAT_ECL_M << 3 | mask
    remainder = data
    for _ in range(10):
        remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537)
    return (data << 10 | remainder) ^ 0x5412


def _version_bits(version: int) -> int:
    remainder = version
    for _ in range(12):
        remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25)
    return version << 12 | remainder


_MASK_RULES = (
    lambda y, x: (x + y) % 2 == 0,
    lambda y, x: y % 2 == 0,
    lambda y, x: x % 3 == 0,
    lambda y, x: (x + y) % 3 == 0,
    lambda y, x: (x // 3 + y // 2) % 2 == 0,
    lambda y, x: x * y % 2 + x * y % 3 == 0,
    lambda y, x: (x * y % 2 + x * y % 3) % 2 == 0,
    lambda y, x: ((x + y) % 2 + x * y % 3) % 2 == 0,
)


@functools.cache
def _layout(version: int) -> _Layout:
    size = version * 4 + 17
    dark = np.zeros((size, size), dtype=bool)
    function = np.zeros((size, size), dtype=bool)

    def put(x: int, y: int, is_dark: bool) -> None:
        dark[y, x] = is_dark
        function[y, x] = True

    for i in range(size):  # timing patterns
        put(6, i, i % 2 == 0)
        put(i, 6, i % 2 == 0)
    for cx, cy in ((3, 3), (size - 4, 3), (3, size - 4)):  # finder patterns and separators
        for dy in range(-4, 5):
            for dx in range(-4, 5):
                if 0 <= cx + dx < size and 0 <= cy + dy < size:
                    put(cx + dx, cy + dy, max(abs(dx), abs(dy)) not in (2, 4))
    positions = _alignment_positions(version, size)
    last = len(positions) - 1
    for i, cx in enumerate(positions):
        for j, cy in enumerate(positions):
            if (i, j) in ((0, 0), (0, last), (last, 0)):
                continue
            for dy in range(-2, 3):
                for dx in range(-2, 3):
                    put(cx + dx, cy + dy, max(abs(dx), abs(dy)) != 1)
    format_cells = ([(8, i) for i in range(6)] + [(8, 7), (8, 8), (7, 8)] + [(14 - i, 8) for i in range(9, 15)],
                    [(size - 1 - i, 8) for i in range(8)] + [(8, size - 15 + i) for i in range(8, 15)])
    for cells in format_cells:
        for x, y in cells:
            put(x, y, False)
    put(8, size - 8, True)  # the dark module
    if version >= 7:
        bits = _version_bits(version)
        for i in range(18):
            a, b = size - 11 + i % 3, i // 3
            put(a, b, bool((bits >> i) & 1))
            put(b, a, bool((bits >> i) & 1))

    rows, cols = [], []  # the zigzag: two-module columns, right to left, alternately up and down
    right = size - 1
    while right >= 1:
        if right == 6:
            right = 5
        upward = (right + 1) & 2 == 0
        for vertical in range(size):
            y = size - 1 - vertical if upward else vertical
            for x in (right, right - 1):
                if not function[y, x]:
                    rows.append(y)
                    cols.append(x)
        right -= 2

    ecc = _ECC_PER_BLOCK_M[version]
    blocks = _BLOCKS_M[version]
    raw_codewords = _raw_data_modules(version) // 8
    short_blocks = blocks - raw_codewords % blocks
    short_length = raw_codewords // blocks - ecc  # data codewords of a short block
    block_lengths = tuple(short_length + (i >= short_blocks) for i in range(blocks))
    starts = np.cumsum((0,) + block_lengths)  # data of block i in the concatenated data
    data_total = int(starts[-1])
    order = [int(starts[b]) + i for i in range(max(block_lengths)) for b in range(blocks) if i < block_lengths[b]]
    order += [data_total + b * ecc + i for i in range(ecc) for b in range(blocks)]

    y, x = np.indices((size, size))
    base = np.repeat(dark[None], 8, axis=0)
    for mask in range(8):
        bits = _format_bits(mask)
        for cells in format_cells:
            for i, (fx, fy) in enumerate(cells):
                base[mask, fy, fx] = bool((bits >> i) & 1)
    masks = np.stack([rule(y, x) & ~function for rule in _MASK_RULES])
    data_rows = np.array(rows[:raw_codewords * 8], dtype=np.intp)
    data_cols = np.array(cols[:raw_codewords * 8], dtype=np.intp)
    return _Layout(version, size, data_total, block_lengths, ecc, np.array(order, dtype=np.intp),
                   data_rows, data_cols, base, masks, _pack(base), _pack(np.swapaxes(base, 1, 2)),
                   _pack(masks), _pack(np.swapaxes(masks, 1, 2)))


@functools.cache
def _version_for(byte_length: int) -> int:
    """The smallest version whose level-M capacity holds the text in byte mode (0: none ≤ 9)."""
    for version in range(1, MAX_BATCH_VERSION + 1):
        capacity = _raw_data_modules(version) // 8 - _ECC_PER_BLOCK_M[version] * _BLOCKS_M[version]
        if 4 + 8 + 8 * byte_length <= capacity * 8:
            return version
    return 0


# -- encoding -----------------------------------------------------------------------------------
def _codewords(texts: np.ndarray, layout: _Layout) -> np.ndarray:
    """Data codewords, then the error correction of each block, interleaved: (n, codewords)."""
    count, length = texts.shape
    # Byte mode "0100", an 8-bit length, the bytes, a 4-bit terminator: whole nibbles, so the
    # codewords are the bytes shifted by four bits (the text's length is nibble-aligned).
    nibbles = np.empty((count, 2 * length + 4), dtype=np.uint8)
    nibbles[:, 0] = 0x4
    nibbles[:, 1] = length >> 4
    nibbles[:, 2] = length & 0xF
    nibbles[:, 3:-1:2] = texts >> 4
    nibbles[:, 4:-1:2] = texts & 0xF
    nibbles[:, -1] = 0
    data = np.empty((count, layout.data_codewords), dtype=np.uint8)
    used = length + 2
    data[:, :used] = nibbles[:, 0::2] << 4 | nibbles[:, 1::2]
    data[:, used:] = np.resize(np.array([0xEC, 0x11], dtype=np.uint8), layout.data_codewords - used)
    ecc_parts = []
    start = 0
    for block_length in layout.block_lengths:
        block = data[:, start:start + block_length]
        table = _rs_table(block_length, layout.ecc_per_block)
        ecc_parts.append(np.bitwise_xor.reduce(table[np.arange(block_length), block], axis=1))
        start += block_length
    return np.concatenate([data] + ecc_parts, axis=1)[:, layout.interleave]


def _pack(lines: np.ndarray) -> np.ndarray:
    """Bool (..., size) lines -> uint64 words, module i at bit PAD + i (light outside)."""
    packed = np.packbits(lines, axis=-1, bitorder="little")
    words = np.zeros(lines.shape[:-1] + (8,), dtype=np.uint8)
    words[..., :packed.shape[-1]] = packed
    return words.view("<u8")[..., 0].astype(np.uint64) << np.uint64(PAD)


def _shift(words: np.ndarray, by: int) -> np.ndarray:
    return words >> np.uint64(by) if by > 0 else words << np.uint64(-by)


def _line_penalties(words: np.ndarray, size: int) -> np.ndarray:
    """Rules 1 and 3 for every line word (rows or columns), summed over the last axis."""
    pairs = np.uint64(((1 << (size - 1)) - 1) << PAD)  # bits whose right neighbour is a module
    same = ~(words ^ _shift(words, 1)) & pairs  # bit j: module j equals module j+1
    five = same & _shift(same, 1) & _shift(same, 2) & _shift(same, 3)  # modules j..j+4 alike
    runs = np.bitwise_count(five) + 2 * np.bitwise_count(five & ~_shift(five, -1))  # run of L: N1 = L - 2
    finder = (words & ~_shift(words, 1) & _shift(words, 2) & _shift(words, 3) & _shift(words, 4)
              & ~_shift(words, 5) & _shift(words, 6))  # 1011101 starting at bit j
    light_before = ~(_shift(words, -1) | _shift(words, -2) | _shift(words, -3) | _shift(words, -4))
    light_after = ~(_shift(words, 7) | _shift(words, 8) | _shift(words, 9) | _shift(words, 10))
    finders = np.bitwise_count(finder & (light_before | light_after))
    return runs.sum(axis=-1, dtype=np.int64) + _PENALTY_N3 * finders.sum(axis=-1, dtype=np.int64)


def penalties(symbols: np.ndarray) -> np.ndarray:
    """ISO/IEC 18004 mask penalty of each symbol (..., size, size) bool: N1 + N2 + N3 + N4."""
    size = symbols.shape[-1]
    return _word_penalties(_pack(symbols), _pack(np.swapaxes(symbols, -1, -2)), size)


def _word_penalties(rows: np.ndarray, columns: np.ndarray, size: int) -> np.ndarray:
    """The same from the symbols' row and column words (..., size) each."""
    total = _line_penalties(rows, size) + _line_penalties(columns, size)
    pairs = np.uint64(((1 << (size - 1)) - 1) << PAD)
    row_same = ~(rows ^ _shift(rows, 1))
    blocks = row_same[..., :-1] & row_same[..., 1:] & ~(rows[..., :-1] ^ rows[..., 1:]) & pairs
    total += _PENALTY_N2 * np.bitwise_count(blocks).sum(axis=-1, dtype=np.int64)
    dark = np.bitwise_count(rows).sum(axis=-1, dtype=np.int64)
    cells = size * size
    total += _PENALTY_N4 * (np.abs(dark * 20 - cells * 10) // cells)
    return total


def encode_version(texts: np.ndarray, version: int) -> np.ndarray:
    """Symbols (n, size, size) bool for n texts of one byte length (uint8 (n, length))."""
    layout = _layout(version)
    bits = np.unpackbits(_codewords(texts, layout), axis=1)[:, :len(layout.data_rows)].astype(bool)
    data = np.zeros((len(texts), layout.size, layout.size), dtype=bool)
    data[:, layout.data_rows, layout.data_cols] = bits
    # The eight candidates as words: (function patterns | data) ^ mask, bit by bit, so the data
    # is packed once and the fixed parts once per version.
    rows = (layout.base_rows[None] | _pack(data)[:, None]) ^ layout.mask_rows[None]
    columns = (layout.base_columns[None] | _pack(np.swapaxes(data, 1, 2))[:, None]) ^ layout.mask_columns[None]
    best = np.argmin(_word_penalties(rows, columns, layout.size), axis=1)  # first of equals, as zint
    return (layout.base[best] | data) ^ layout.masks[best]


def encode_many(texts: Sequence[str]) -> list[np.ndarray | None]:
    """Symbols (size, size) bool, dark = True, without quiet zone, in the order given; None for
    a text this encoder does not batch (not ASCII, or longer than version 9 holds)."""
    results: list[np.ndarray | None] = [None] * len(texts)
    by_length: dict[int, list[int]] = {}
    for index, text in enumerate(texts):
        if text.isascii() and _version_for(len(text)):
            by_length.setdefault(len(text), []).append(index)
    for length, indexes in by_length.items():
        raw = np.frombuffer("".join(texts[i] for i in indexes).encode("ascii"), dtype=np.uint8)
        symbols = encode_version(raw.reshape(len(indexes), length), _version_for(length))
        for index, symbol in zip(indexes, symbols):
            results[index] = symbol
    return results
