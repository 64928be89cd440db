"""Receipt codes are unguessable, easy to read aloud, and typos are caught."""

import math

import pytest

from feedback.reports.receipts import (
    ALPHABET,
    RANDOM_LENGTH,
    InvalidReceiptCode,
    format_receipt_code,
    generate_receipt_code,
    parse_receipt_code,
)


def test_codes_carry_at_least_50_bits_of_randomness():
    assert RANDOM_LENGTH * math.log2(len(ALPHABET)) >= 50
    codes = {generate_receipt_code() for _ in range(2000)}
    assert len(codes) == 2000


def test_codes_use_no_ambiguous_characters():
    assert not set("01OILU") & set(ALPHABET)
    for _ in range(200):
        assert set(generate_receipt_code()) <= set(ALPHABET)


def test_codes_are_grouped_for_reading_aloud_and_parse_back():
    code = generate_receipt_code()
    shown = format_receipt_code(code)
    assert len(shown.split("-")) == 4 and all(len(group) == 3 for group in shown.split("-"))
    assert parse_receipt_code(shown) == code
    assert parse_receipt_code(shown.lower().replace("-", " ")) == code


def test_every_single_character_typo_is_caught():
    code = generate_receipt_code()
    for position in range(len(code)):
        for replacement in ALPHABET:
            if replacement == code[position]:
                continue
            typo = code[:position] + replacement + code[position + 1 :]
            with pytest.raises(InvalidReceiptCode):
                parse_receipt_code(typo)


def test_swapped_neighbours_are_caught():
    caught = total = 0
    for _ in range(200):
        code = generate_receipt_code()
        for position in range(len(code) - 1):
            if code[position] == code[position + 1]:
                continue
            swapped = code[:position] + code[position + 1] + code[position] + code[position + 2 :]
            total += 1
            try:
                parse_receipt_code(swapped)
            except InvalidReceiptCode:
                caught += 1
    assert caught / total > 0.95


@pytest.mark.parametrize(
    "text",
    ["", "ABC", "K7M-Q2X-9PD-R4", "K7M-Q2X-9PD-R4C-X", "O1L-Q2X-9PD-U4C", "💥" * 12, "\x00" * 12],
)
def test_malformed_codes_are_rejected(text):
    with pytest.raises(InvalidReceiptCode):
        parse_receipt_code(text)
