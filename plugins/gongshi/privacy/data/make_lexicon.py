"""Writes words.tsv and t2s.tsv, the word lists the name rules read (run by hand, rarely).

    python -m venv /tmp/lex && /tmp/lex/bin/pip install jieba==0.42.1 opencc==1.4.2
    PYTHONPATH=plugins /tmp/lex/bin/python plugins/gongshi/privacy/data/make_lexicon.py

words.tsv — common Chinese words, from jieba 0.42.1's dictionary (MIT licence; word, frequency,
part of speech): the two-character words of frequency ≥ 300, and the two- and three-character
words of frequency ≥ 60 that begin with a surname's character. A name rule asks it whether
高度, 方便, 程序 or 提高明显's 提高 and 明显 are words (a name is seldom one).
t2s.tsv — traditional characters and their simplified forms (OpenCC 1.4.2's t2s, one
character at a time, only where both are one character), so that 陳國華 is read as 陈国华.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    import jieba
    import opencc

    from gongshi.privacy.names import COMPOUND_SURNAMES, SURNAMES

    starts = set(SURNAMES) | {s[0] for s in COMPOUND_SURNAMES}
    dictionary = Path(jieba.__file__).with_name("dict.txt")
    rows = []
    for line in dictionary.read_text(encoding="utf-8").splitlines():
        word, freq, tag = line.split(" ")
        freq = int(freq)
        if (len(word) == 2 and freq >= 300) or (len(word) in (2, 3) and word[0] in starts and freq >= 60):
            if all("\u4e00" <= c <= "\u9fff" for c in word):
                rows.append(f"{word}\t{freq}\t{tag}")
    (HERE / "words.tsv").write_text("\n".join(sorted(rows)) + "\n", encoding="utf-8")

    t2s = opencc.OpenCC("t2s")
    pairs = []
    for code in list(range(0x4E00, 0xA000)) + list(range(0x3400, 0x4DC0)):
        char = chr(code)
        simple = t2s.convert(char)
        if simple != char and len(simple) == 1:
            pairs.append(f"{char}\t{simple}")
    (HERE / "t2s.tsv").write_text("\n".join(pairs) + "\n", encoding="utf-8")
    print(f"words.tsv {len(rows)} words, t2s.tsv {len(pairs)} characters", file=sys.stderr)


if __name__ == "__main__":
    main()
