"""How typed text is compared: names without diacritics, certificate numbers without spaces."""

import unicodedata

import pytest

from evalapp.common.text import fold
from evalapp.registry.queries import normalise_number


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Giỏ đay Hiếu Lâm", "gio day hieu lam"),
        ("GIỎ  ĐAY", "gio day"),
        ("Trà Đắk Lắk", "tra dak lak"),
        (unicodedata.normalize("NFD", "Nước mắm Hòa Bình"), "nuoc mam hoa binh"),
        ("  ", ""),
        (None, ""),
    ],
)
def test_fold(typed, folded):
    assert fold(typed) == folded


def test_normalise_number():
    assert normalise_number(" 012 / 2024 / gcn-ocop ") == "012/2024/GCN-OCOP"
    assert normalise_number("15/QĐ-ubnd") == "15/QĐ-UBND"
