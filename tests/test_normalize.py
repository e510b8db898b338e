"""Table tests for pipeline.normalize: one (input, expected) case per line."""
from __future__ import annotations

import pytest

from pipeline.normalize import (
    clean_charge,
    find_durations,
    parse_count,
    parse_duration,
)


# ---------------------------------------------------------------- durations

@pytest.mark.parametrize("text, expected", [
    ("five years", "P5Y"),
    ("5 years", "P5Y"),
    ("six-year", "P6Y"),
    ("three days'", "P3D"),
    ("seven and a half years", "P7Y6M"),
    ("three-and-a-half-year", "P3Y6M"),
    ("one and a half years", "P1Y6M"),
    ("a year and a half", "P1Y6M"),
    ("18 months", "P18M"),
    ("two years and six months", "P2Y6M"),
    ("four years and 11 months", "P4Y11M"),
    ("2 years 6 months", "P2Y6M"),
    ("a year", "P1Y"),
    ("10-day", "P10D"),
    ("two weeks", "P2W"),
    ("15 days", "P15D"),
    ("twenty-five years", "P25Y"),
    ("Twelve years", "P12Y"),
    ("life", ""),
    ("life imprisonment", ""),
    ("Article 174", ""),
    ("", ""),
])
def test_parse_duration(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text, expected", [
    # State Department register
    ("On March 3, the Khujand City Court sentenced him to seven years in prison.", [("seven years", "P7Y")]),
    ("sentenced to eight and seven years’ imprisonment respectively in December 2018", [("eight", "P8Y"), ("seven years’", "P7Y")]),
    ("sentenced Batyrbekov to two years and 10 months imprisonment", [("two years and 10 months", "P2Y10M")]),
    ("the court sentenced him to 15 days' administrative arrest", [("15 days'", "P15D")]),
    ("one year of restricted movement and a two-year ban on activism", [("one year", "P1Y"), ("two-year", "P2Y")]),
    # news / HRW register
    ("A court in Baku on Friday jailed him for five and a half years.", [("five and a half years", "P5Y6M")]),
    ("jailed activists Maks Bokaev and Talgat Ayan each for five years", [("five years", "P5Y")]),
    ("seven and five years, respectively", [("seven", "P7Y"), ("five years", "P5Y")]),
    ("She received a six-year prison term.", [("six-year", "P6Y")]),
    ("He was given a suspended sentence of two years.", [("two years", "P2Y")]),
    ("He was given a two-year suspended sentence.", [("two-year", "P2Y")]),
    ("She got 18 months in a penal colony.", [("18 months", "P18M")]),
    # negatives: maxima, ranges, ages, offsets
    ("If convicted, she faces up to 10 years in prison.", []),
    ("punishable by a maximum of seven years", []),
    ("as many as 15 days in detention", []),
    ("as much as five years", []),
    ("sentences of between five and 10 years", []),
    ("from three to five years of imprisonment", []),
    ("no more than two years", []),
    ("prison terms of nine to 13 years", []),
    ("short-term imprisonments (five to 15 days)", []),
    ("a 17-year-old student", []),
    ("he was five years old", []),
    ("Three days later police came back.", []),
    ("two years ago", []),
    ("in prison for more than five years", []),
    ("over the past three years", []),
    ("sentenced to life imprisonment", []),
])
def test_find_durations(text, expected):
    assert [(m.text, m.value) for m in find_durations(text)] == expected


def test_find_durations_offsets():
    text = "He got 15 days' arrest and later five years."
    for m in find_durations(text):
        assert text[m.start:m.end] == m.text


# ---------------------------------------------------------------- counts

@pytest.mark.parametrize("text, expected", [
    ("57", 57),
    ("1,200", 1200),
    ("twelve", 12),
    ("Twelves", 12),
    ("Twelve", 12),
    ("twenty-one", 21),
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("two", 2),
    ("dozens", None),
    ("hundreds", None),
    ("several", None),
    ("some", None),
    ("many", None),
    ("", None),
])
def test_parse_count(text, expected):
    assert parse_count(text) == expected


# ---------------------------------------------------------------- clean_charge

@pytest.mark.parametrize("text, expected", [
    ("“inciting national discord.”", "inciting national discord"),
    ("\"inciting discord\"", "inciting discord"),
    ("‘Extremism’", "extremism"),
    ("charges of fraud", "fraud"),
    ("on charges of 'disseminating knowingly false information'", "disseminating knowingly false information"),
    ("the charge of hooliganism.", "hooliganism"),
    ("charge of Treason", "treason"),
    ("criminal charges of inciting social discord", "inciting social discord"),
    ("allegedly spreading false information;", "spreading false information"),
    ("  Large-Scale Fraud ,", "large-scale fraud"),
    ("abuse of office", "abuse of office"),
])
def test_clean_charge(text, expected):
    assert clean_charge(text) == expected
