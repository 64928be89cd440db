"""Receipt codes: what a resident keeps to check on their report later.

A code is 11 random characters and one check character from a 30-character alphabet
without look-alikes (no 0, O, 1, I, L or U), grouped in threes for reading aloud:
``K7M-Q2X-9PD-R4C``. 30**11 is about 2**54, so codes cannot be guessed. The check
character (Luhn mod N, which needs an even alphabet size) catches any single mistyped
character and most swapped neighbours, so a typo is reported as a typo rather than as
"no such report".

The code is the resident's only credential: besides the resident, only staff with the
report moderation permission see it (``may_see_receipt_codes``). A report's name
(``str(report)``) never holds it, since that name reaches choosers, page titles and the
audit log.
"""

import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_LENGTH = 11
CODE_LENGTH = RANDOM_LENGTH + 1
GROUP = 3

_VALUE = {character: index for index, character in enumerate(ALPHABET)}


class InvalidReceiptCode(ValueError):
    """The text is not a well-formed receipt code (wrong length, letters or check)."""


def _check_character(body):
    """Luhn mod N over the alphabet."""
    base = len(ALPHABET)
    total = 0
    factor = 2
    for character in reversed(body):
        addend = factor * _VALUE[character]
        total += addend // base + addend % base
        factor = 1 if factor == 2 else 2
    return ALPHABET[(base - total % base) % base]


def generate_receipt_code():
    """A new code in its stored form (no separators)."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return body + _check_character(body)


def format_receipt_code(code):
    """``K7MQ2X9PDR4C`` -> ``K7M-Q2X-9PD-R4C``."""
    return "-".join(code[index : index + GROUP] for index in range(0, len(code), GROUP))


def may_see_receipt_codes(user):
    return user.has_perm("feedback.moderate_report")


def parse_receipt_code(text):
    """The stored form of what a resident typed, or InvalidReceiptCode.

    Spaces, dashes and case do not matter.
    """
    code = "".join(character for character in str(text).upper() if character.isalnum())
    if len(code) != CODE_LENGTH or any(character not in _VALUE for character in code):
        raise InvalidReceiptCode(text)
    if _check_character(code[:-1]) != code[-1]:
        raise InvalidReceiptCode(text)
    return code
