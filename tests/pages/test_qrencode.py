"""The batch QR encoder against zxing-cpp: same symbols where both use byte mode, and every
symbol reads back to its text."""

from __future__ import annotations

import random
import string

import numpy as np
import pytest
import zxingcpp

from gongshi.pages.qr import qr_matrices, qr_matrix, qr_svgs
from gongshi.pages.qrencode import MAX_BATCH_VERSION, encode_many, penalties


def read_back(symbol: np.ndarray) -> str:
    """Render a symbol as a greyscale image with its quiet zone and decode it."""
    image = np.pad(np.where(symbol, 0, 255).astype(np.uint8), 4, constant_values=255)
    results = zxingcpp.read_barcodes(image.repeat(4, axis=0).repeat(4, axis=1))
    assert len(results) == 1
    return results[0].text


def lowercase_texts(count: int, seed: int) -> list[str]:
    # Lower-case letters and URL punctuation: zxing-cpp (zint) encodes these in byte mode too,
    # so its symbols must be ours bit for bit, whichever mask the penalty rules pick.
    rng = random.Random(seed)
    return [''.join(rng.choice(string.ascii_lowercase + "/:.") for _ in range(rng.randint(1, 180)))
            for _ in range(count)]


def test_symbols_equal_zxing_cpp_bit_for_bit_in_byte_mode():
    texts = lowercase_texts(150, seed=7) + [string.ascii_lowercase[:n % 26 + 1] * (n // 26 + 1) for n in range(40)]
    symbols = encode_many(texts)
    versions = set()
    for text, symbol in zip(texts, symbols):
        assert symbol is not None, text
        expected = qr_matrix(text)
        assert symbol.shape == expected.shape, text
        assert np.array_equal(symbol, expected), f"{len(text)} bytes: {text!r}"
        versions.add((symbol.shape[0] - 17) // 4)
    assert versions == set(range(1, MAX_BATCH_VERSION + 1))  # every batched version was compared


def test_page_urls_read_back_exactly():
    urls = [f"https://gongshi.example.gov.cn/officers/{33990000000000 + n * 7919}/" for n in range(60)]
    urls += [f"http://localhost:8000/officers/A{n:05d}X/" for n in range(20)]
    for url, symbol in zip(urls, encode_many(urls)):
        assert symbol is not None
        assert read_back(symbol) == url


def test_texts_the_batch_cannot_hold_fall_back_to_zxing_cpp():
    long_url = "https://gongshi.example.gov.cn/" + "a" * 200  # beyond version 9
    chinese = "https://gongshi.example.gov.cn/机构/"
    assert encode_many([long_url, chinese]) == [None, None]
    for text, symbol in zip([long_url, chinese], qr_matrices([long_url, chinese])):
        assert read_back(symbol) == text


def test_a_batch_gives_the_same_symbols_as_one_at_a_time():
    texts = lowercase_texts(30, seed=3) + ["https://x.example/officers/1/", "https://x.example/officers/2/"]
    together = encode_many(texts)
    for text, symbol in zip(texts, together):
        assert np.array_equal(encode_many([text])[0], symbol)


@pytest.mark.parametrize("size", [21, 25])
def test_penalty_rules_on_known_patterns(size):
    light = np.zeros((size, size), dtype=bool)
    # All light: every row and column one run (N1 = size - 2 each), every 2x2 block alike
    # (N2 = 3 each), no dark module: 50% away from half, N4 = 10 * 10.
    expected = 2 * size * (size - 2) + 3 * (size - 1) ** 2 + 100
    assert penalties(light) == expected
    # One 1011101 finder-like run on a light row adds N3 = 40 for that row, and its columns
    # change too; compare against the same symbol without it only on rule 3's share.
    with_finder = light.copy()
    with_finder[10, 5:12] = [1, 0, 1, 1, 1, 0, 1]
    shifted = light.copy()
    shifted[10, 5:12] = [1, 0, 1, 1, 0, 1, 1]  # same dark count and similar runs, no finder shape
    assert penalties(with_finder) - penalties(shifted) == 40 + _runs_and_blocks(with_finder) - _runs_and_blocks(shifted)


def _runs_and_blocks(symbol: np.ndarray) -> int:
    """Rules 1 and 2 written out plainly, to isolate rule 3 in the test above."""
    total = 0
    for lines in (symbol, symbol.T):
        for line in lines:
            run = 1
            for a, b in zip(line, line[1:]):
                if a == b:
                    run += 1
                else:
                    total += run - 2 if run >= 5 else 0
                    run = 1
            total += run - 2 if run >= 5 else 0
    size = symbol.shape[0]
    total += 3 * sum(1 for y in range(size - 1) for x in range(size - 1)
                     if symbol[y, x] == symbol[y + 1, x] == symbol[y, x + 1] == symbol[y + 1, x + 1])
    return total


def test_svg_is_one_accessible_path():
    svg, = qr_svgs([("https://gongshi.example.gov.cn/officers/33990000000001/", "本页网址的二维码")])
    assert svg.startswith('<svg class="qr"') and 'role="img"' in svg and 'aria-label="本页网址的二维码"' in svg
    assert svg.count("<path") == 1
