"""QR codes (一人一码) as small inline SVG, drawn at build time.

zxing-cpp encodes (it picks the mask, as the standard asks); the SVG is one path of
horizontal runs, about half the size of the library's own SVG and scalable without blur.
"""

from __future__ import annotations

import numpy as np
import zxingcpp

QUIET_ZONE = 4  # modules of white border the standard requires


def qr_matrix(text: str) -> np.ndarray:
    """Boolean module matrix (True = dark), without quiet zone."""
    barcode = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = np.asarray(barcode.to_image(scale=1, add_quiet_zones=False))
    return image < 128


# "m{gap} 0h{width}" for every gap and width a QR code up to version 40 (177 modules) can have,
# so a row's path is looked up, not formatted.
_MAX = 178
_SEGMENTS = np.array([f"m{gap} 0h{width}" if gap else f"h{width}"
                      for gap in range(_MAX) for width in range(_MAX)], dtype=object)


def qr_svg(text: str, label: str) -> str:
    """An accessible SVG: role=img with a text alternative; size set by CSS.

    Each row of dark modules is drawn as stroked horizontal segments ("m gap 0 h width"),
    which keeps the path short and the drawing fast (numpy finds the runs of the whole
    matrix at once; each segment's text comes from a table).
    """
    dark = qr_matrix(text)
    n = dark.shape[0]
    size = n + 2 * QUIET_ZONE
    padded = np.zeros((n, n + 2), dtype=np.int8)
    padded[:, 1:-1] = dark
    rows, cols = np.nonzero(np.diff(padded, axis=1))  # run edges, row by row, left to right
    run_rows, starts, ends = rows[::2], cols[::2], cols[1::2]
    first = np.ones(len(run_rows), dtype=bool)
    first[1:] = run_rows[1:] != run_rows[:-1]
    previous_end = np.zeros(len(ends), dtype=ends.dtype)
    previous_end[1:] = ends[:-1]
    gaps = np.where(first, starts, starts - previous_end)
    segments = _SEGMENTS[gaps * _MAX + (ends - starts)]
    pieces = segments.tolist()
    for index in np.flatnonzero(first)[::-1].tolist():  # a move to the start of each row
        pieces.insert(index, f"M{QUIET_ZONE} {int(run_rows[index]) + QUIET_ZONE}.5")
    return (f'<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
            f'role="img" aria-label="{label}" shape-rendering="crispEdges">'
            f'<rect width="{size}" height="{size}" fill="#fff"/>'
            f'<path stroke="#000" d="{"".join(pieces)}"/></svg>')
