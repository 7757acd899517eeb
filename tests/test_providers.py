"""Indicators for the targets provided by other areas, found by module name (issue 16, item 2):
the targets never import the committee, yet read its succession plans."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Connection

from binhdang.discovery import import_area_modules
from binhdang.indicators.providers import indicator_provider, provider_for
from binhdang.policies.targets import SUCCESSION_INDICATOR


def test_the_committee_provides_the_succession_indicator() -> None:
    provider = provider_for(SUCCESSION_INDICATOR)
    assert provider is not None
    assert provider.__module__ == "binhdang.committee.indicator_providers"


def test_an_indicator_no_area_provides_is_none() -> None:
    assert provider_for("no_such_indicator") is None


def test_areas_are_found_by_module_name() -> None:
    found = import_area_modules("indicator_providers")
    assert "binhdang.committee.indicator_providers" in found
    assert "binhdang.policies.report_sections" in import_area_modules("report_sections")
    assert import_area_modules("no_such_module") == []


def test_an_indicator_provided_twice_is_refused() -> None:
    def women_share_succession(connection: Connection, unit: str, on: date, sub: bool) -> None:
        return None

    with pytest.raises(ValueError, match="provided twice"):
        indicator_provider(SUCCESSION_INDICATOR)(women_share_succession)


def test_a_provider_registered_again_under_its_own_name_is_kept() -> None:
    provider = provider_for(SUCCESSION_INDICATOR)
    assert provider is not None
    assert indicator_provider(SUCCESSION_INDICATOR)(provider) is provider
