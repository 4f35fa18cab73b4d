"""The days of the festivals whose date moves with the lunar calendar, as plans name them for a deadline
("春节前全面完工"). A small table rather than a calendar library: plans name only the next few years;
the days are 正月初一 of the Chinese calendar."""

from __future__ import annotations

import datetime

# 春节 (正月初一), by Gregorian year.
SPRING_FESTIVAL = {
    2015: datetime.date(2015, 2, 19),
    2016: datetime.date(2016, 2, 8),
    2017: datetime.date(2017, 1, 28),
    2018: datetime.date(2018, 2, 16),
    2019: datetime.date(2019, 2, 5),
    2020: datetime.date(2020, 1, 25),
    2021: datetime.date(2021, 2, 12),
    2022: datetime.date(2022, 2, 1),
    2023: datetime.date(2023, 1, 22),
    2024: datetime.date(2024, 2, 10),
    2025: datetime.date(2025, 1, 29),
    2026: datetime.date(2026, 2, 17),
    2027: datetime.date(2027, 2, 6),
    2028: datetime.date(2028, 1, 26),
    2029: datetime.date(2029, 2, 13),
    2030: datetime.date(2030, 2, 3),
    2031: datetime.date(2031, 1, 23),
    2032: datetime.date(2032, 2, 11),
    2033: datetime.date(2033, 1, 31),
    2034: datetime.date(2034, 2, 19),
    2035: datetime.date(2035, 2, 8),
}


def spring_festival_eve(year: int) -> datetime.date | None:
    """The last day before the Spring Festival of ``year`` (its 除夕 is a holiday too, but work "春节前"
    is done by then), or None for a year outside the table."""
    day = SPRING_FESTIVAL.get(year)
    return day - datetime.timedelta(days=1) if day else None
