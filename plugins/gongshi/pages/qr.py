"""QR codes (一人一码) as small inline SVG, drawn at build time.

`qrencode` encodes many codes at once (byte mode, level M, the mask the standard's penalty
picks); a text it does not batch (non-ASCII or very long) is encoded by zxing-cpp. The SVG is
one path of horizontal runs, about half the size of zxing-cpp's own SVG and scalable without
blur. Pages that draw many codes ask for them together (`qr_svgs`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import zxingcpp

from .qrencode import encode_many

QUIET_ZONE = 4  # modules of white border the standard requires


def qr_matrices(texts: Sequence[str]) -> list[np.ndarray]:
    """Boolean module matrices (True = dark), without quiet zone, one per text."""
    return [symbol if symbol is not None else qr_matrix(text) for text, symbol in zip(texts, encode_many(texts))]


def qr_matrix(text: str) -> np.ndarray:
    """One code from zxing-cpp (any length, any text); the batch encoder's fallback."""
    barcode = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = np.asarray(barcode.to_image(scale=1, add_quiet_zones=False))
    return image < 128


# "m{gap} 0h{width}" for every gap and width a QR code up to version 40 (177 modules) can have,
# so a row's path is looked up, not formatted.
_MAX = 178
_SEGMENTS = np.array([f"m{gap} 0h{width}" if gap else f"h{width}"
                      for gap in range(_MAX) for width in range(_MAX)], dtype=object)


def qr_svg(text: str, label: str) -> str:
    return qr_svgs([(text, label)])[0]


def qr_svgs(codes: Sequence[tuple[str, str]]) -> list[str]:
    """An accessible SVG per (text, label): role=img with a text alternative; size set by CSS."""
    matrices = qr_matrices([text for text, _ in codes])
    paths: list[str] = [""] * len(codes)
    by_size: dict[int, list[int]] = {}
    for index, matrix in enumerate(matrices):
        by_size.setdefault(matrix.shape[0], []).append(index)
    for indexes in by_size.values():
        for index, path in zip(indexes, _paths(np.stack([matrices[i] for i in indexes]))):
            paths[index] = path
    return [_svg(matrix.shape[0] + 2 * QUIET_ZONE, label, path)
            for matrix, (_, label), path in zip(matrices, codes, paths)]


# "M4 {row}.5": the move to the start of a row (QUIET_ZONE modules in, mid-module for the stroke).
_ROW_STARTS = np.array([f"M{QUIET_ZONE} {row + QUIET_ZONE}.5" for row in range(_MAX)], dtype=object)


def _paths(dark: np.ndarray) -> list[str]:
    """The path data of each symbol (n, size, size): each row of dark modules is drawn as
    stroked horizontal segments ("m gap 0 h width"), which keeps the path short. numpy finds
    the runs of every symbol at once, and each segment's text comes from a table."""
    count, size, _ = dark.shape
    padded = np.zeros((count, size, size + 2), dtype=np.int8)
    padded[:, :, 1:-1] = dark
    codes, rows, cols = np.nonzero(np.diff(padded, axis=2))  # run edges, in reading order
    run_codes, run_rows, starts, ends = codes[::2], rows[::2], cols[::2], cols[1::2]
    first = np.ones(len(run_rows), dtype=bool)  # the first run of its row
    first[1:] = (run_rows[1:] != run_rows[:-1]) | (run_codes[1:] != run_codes[:-1])
    previous_end = np.zeros(len(ends), dtype=ends.dtype)
    previous_end[1:] = ends[:-1]
    gaps = np.where(first, starts, starts - previous_end)
    pieces = _SEGMENTS[gaps * _MAX + (ends - starts)]
    pieces[first] = _ROW_STARTS[run_rows[first]] + pieces[first]
    bounds = np.searchsorted(run_codes, np.arange(count + 1)).tolist()
    listed = pieces.tolist()
    return ["".join(listed[bounds[i]:bounds[i + 1]]) for i in range(count)]


def _svg(size: int, label: str, path: str) -> str:
    return (f'<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
            f'role="img" aria-label="{label}" shape-rendering="crispEdges">'
            f'<rect width="{size}" height="{size}" fill="#fff"/>'
            f'<path stroke="#000" d="{path}"/></svg>')
