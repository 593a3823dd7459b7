"""Compact JSON bytes, as `json.dumps(data, ensure_ascii=False, separators=(",", ":"))` encodes
them in UTF-8, made by orjson (faster than json: the search index's files, the timeliness
report and the lookup shards are made of them, and they are large and many).

orjson writes every string (escapes included), integer, true/false/null, list, tuple and dict
exactly as json does; it differs only on
- floats under 1e-4 in magnitude (orjson "0.00001" and "1e-7", json "1e-05" and "1e-07"):
  looked for in the output, which is then made by json instead;
- what orjson refuses (dict keys that are not strings, integers beyond 64 bits, lone
  surrogates, other types): made (or refused) by json;
- NaN and infinities (orjson null, json NaN, which is not JSON): callers pass none.
"""

from __future__ import annotations

import json
import re

import orjson

# A float orjson writes differently from json: "1.5e-7" or "0.00001". Checked only when the
# cheap substring search finds a candidate ("e-" and "0.0000" hardly occur in feed text).
_SMALL_FLOAT = re.compile(rb"[0-9]e-[0-9]|0\.0000")


def compact_json(data: object) -> bytes:
    try:
        out = orjson.dumps(data)
    except TypeError:
        return json_dumps(data)
    if (b"e-" in out or b"0.0000" in out) and _SMALL_FLOAT.search(out):
        return json_dumps(data)
    return out


def json_dumps(data: object) -> bytes:
    """The reference: what compact_json's bytes always equal."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
