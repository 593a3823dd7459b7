from __future__ import annotations

import pytest

from gongshi.feeds.checkdigits import id_number_is_valid, uscc_check_char, uscc_is_valid


@pytest.mark.parametrize("code", ["91350100M000100Y43", "914403001922038216"])
def test_rules_md_valid_uscc_vectors_pass(code: str) -> None:
    assert uscc_is_valid(code)
    assert uscc_check_char(code[:17]) == code[17]


def test_early_pilot_code_fails_its_check_digit() -> None:
    # RULES.md: really issued, fails the check: a warning, not a rejection (see test_load).
    assert not uscc_is_valid("91350100M0001TGQXM")


@pytest.mark.parametrize("code", ["91350100M000100Y4", "91350100M000100Y43X", "91350100I000100Y43"])
def test_wrong_length_or_charset_is_not_a_uscc(code: str) -> None:
    assert not uscc_is_valid(code)


@pytest.mark.parametrize("number", ["11010519491231002X", "11010519491231002x", "440524188001010014"])
def test_rules_md_valid_id_vectors_pass(number: str) -> None:
    assert id_number_is_valid(number)


@pytest.mark.parametrize("number", ["110105194912310021", "44052418800101001", "4405241880010100１4"])
def test_wrong_check_or_shape_is_not_an_id_number(number: str) -> None:
    assert not id_number_is_valid(number)


def test_many_codes_at_once_agree_with_one_at_a_time() -> None:
    import random

    from gongshi.feeds.checkdigits import USCC_CHARSET, is_uscc_shaped, uscc_verdicts

    rng = random.Random(7)
    codes = ["91350100M000100Y43", "", "9135010", "91350100m000100y43", "91350100M000100Y4３", "9135010O" * 2 + "A1"]
    for _ in range(2000):
        first17 = "".join(rng.choice(USCC_CHARSET) for _ in range(17))
        codes.append(first17 + (uscc_check_char(first17) if rng.random() < 0.5 else rng.choice(USCC_CHARSET + "IOZ")))
    shaped, valid = uscc_verdicts(codes)
    assert shaped.tolist() == [is_uscc_shaped(c) for c in codes]
    assert valid.tolist() == [uscc_is_valid(c) for c in codes]
    assert 500 < valid.sum() < 1500, "both outcomes are exercised"
