"""Award indicators: pure arithmetic over counts (no database, no clock).

- individual awards by form and sex;
- women's share among the persons awarded in the year against women's share among staff
  (Law 06/2022/QH15 makes gender equality a principle of emulation and commendation);
- collective awards by unit, and by the unit's share of women (bands below).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from binhdang.committee.catalogue import AWARD_FORMS
from binhdang.committee.scope import points
from binhdang.indicators.results import Ratio


@dataclass(frozen=True)
class FormRow:
    form: str
    women: int
    men: int

    @property
    def ratio(self) -> Ratio:
        return Ratio(self.women, self.women + self.men)


@dataclass(frozen=True)
class IssuerRow:
    issuer: str  # as written on the decisions
    women: int
    men: int


@dataclass(frozen=True)
class CollectiveRow:
    unit_code: str
    unit_name: str
    awards: int
    forms: tuple[str, ...]
    staff: Ratio  # women / staff of the unit and its subtree on as_of


@dataclass(frozen=True)
class Band:
    key: str
    label_vi: str
    label_en: str
    low: int  # inclusive lower bound of the women's share, in percent (exact comparison)

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_vi


# The 30% line is that of Resolution 11-NQ/TW (units with ≥ 30% women must have a woman key
# leader); 50% splits the units where women are the majority.
BANDS: tuple[Band, ...] = (
    Band("lt30", "Dưới 30% nữ", "Under 30% women", 0),
    Band("30_50", "Từ 30% đến dưới 50% nữ", "30% to under 50% women", 30),
    Band("ge50", "Từ 50% nữ trở lên", "50% women or more", 50),
)


def band_of(staff: Ratio) -> Band | None:
    if staff.denominator == 0:
        return None
    chosen = BANDS[0]
    for band in BANDS:
        if staff.numerator * 100 >= band.low * staff.denominator:
            chosen = band
    return chosen


@dataclass(frozen=True)
class BandRow:
    band: Band
    units: int
    awards: int


@dataclass(frozen=True)
class AwardIndicators:
    unit_code: str
    unit_name: str
    year: int
    as_of: date
    by_form: tuple[FormRow, ...]
    by_issuer: tuple[IssuerRow, ...]
    awardees: Ratio  # women among the persons awarded
    staff: Ratio  # women among staff
    collective: tuple[CollectiveRow, ...]
    bands: tuple[BandRow, ...]

    @property
    def gap(self) -> Decimal | None:
        """Women's share among awardees minus their share among staff, in points."""
        return points(self.awardees, self.staff)

    @property
    def individual_awards(self) -> Ratio:
        women = sum(row.women for row in self.by_form)
        return Ratio(women, women + sum(row.men for row in self.by_form))


def compute_awards(
    unit_code: str,
    unit_name: str,
    year: int,
    as_of: date,
    by_form: Mapping[tuple[str, str], int],
    by_issuer: Mapping[tuple[str, str], int],
    awardees: Mapping[str, int],
    staff: Mapping[str, int],
    collective: Iterable[CollectiveRow],
) -> AwardIndicators:
    """``by_form[(form, sex)]`` and ``by_issuer[(issuer, sex)]``: individual awards;
    ``awardees[sex]``: persons awarded;
    ``staff[sex]``: staff in scope; ``collective``: one row per unit awarded."""
    rows = tuple(
        FormRow(key, by_form.get((key, "F"), 0), by_form.get((key, "M"), 0))
        for key in AWARD_FORMS.keys
        if by_form.get((key, "F"), 0) + by_form.get((key, "M"), 0) > 0
    )
    issuers = sorted({issuer for issuer, _ in by_issuer})
    issuer_rows = tuple(
        IssuerRow(name, by_issuer.get((name, "F"), 0), by_issuer.get((name, "M"), 0))
        for name in issuers
    )
    units = tuple(sorted(collective, key=lambda row: (-row.awards, row.unit_code)))
    bands = []
    for band in BANDS:
        members = [row for row in units if band_of(row.staff) == band]
        bands.append(BandRow(band, len(members), sum(row.awards for row in members)))
    women = awardees.get("F", 0)
    return AwardIndicators(
        unit_code,
        unit_name,
        year,
        as_of,
        rows,
        issuer_rows,
        awardees=Ratio(women, women + awardees.get("M", 0)),
        staff=Ratio(staff.get("F", 0), staff.get("F", 0) + staff.get("M", 0)),
        collective=units,
        bands=tuple(bands),
    )
