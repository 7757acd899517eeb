"""The synthetic national dataset as drawn (no database): shape, careers, determinism."""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise

import numpy as np
import pytest

from binhdang.errors import BinhdangError
from binhdang.policies.retirement import retirement
from binhdang.scale import committee
from binhdang.scale.shape import DEPUTIES, Shape, day, draw, retirement_end
from binhdang.store.tables import OPEN_END

SHAPE = Shape(persons=20_000, units=200, years=6, seed=7, end=date(2025, 12, 31))


@pytest.fixture(scope="module")
def dataset():  # type: ignore[no-untyped-def]
    return draw(SHAPE)


def test_same_seed_same_dataset_other_seed_other_dataset(dataset) -> None:  # type: ignore[no-untyped-def]
    again = draw(SHAPE)
    for name in ("person_id", "unit_id", "valid_from", "valid_to"):
        assert np.array_equal(getattr(dataset.employment, name), getattr(again.employment, name))
        assert np.array_equal(getattr(dataset.positions, name), getattr(again.positions, name))
    assert dataset.persons.full_name == again.persons.full_name
    other = draw(Shape(SHAPE.persons, SHAPE.units, SHAPE.years, SHAPE.seed + 1, SHAPE.end))
    assert other.persons.full_name != dataset.persons.full_name


def test_a_four_level_tree_rooted_at_vn(dataset) -> None:  # type: ignore[no-untyped-def]
    units = dataset.units
    assert len(units.id) == SHAPE.units
    assert units.code[0] == "VN" and units.parent_id[0] == 0
    assert sorted(set(units.level.tolist())) == [1, 2, 3, 4]
    parents = units.parent_id[1:]
    assert np.array_equal(units.level[parents - 1] + 1, units.level[1:])
    assert len(set(units.code)) == len(units.code)


def test_names_follow_sex(dataset) -> None:  # type: ignore[no-untyped-def]
    persons = dataset.persons
    women = [name for name, sex in zip(persons.full_name, persons.sex, strict=True) if sex == "F"]
    men = [name for name, sex in zip(persons.full_name, persons.sex, strict=True) if sex == "M"]
    assert sum(" Văn " in name for name in women) == 0
    assert sum(" Thị" in name for name in men) == 0
    assert all(len(name.split()) >= 3 for name in persons.full_name[:1000])


def _as_of(facts, on: int) -> np.ndarray:  # type: ignore[no-untyped-def]
    return (facts.valid_from <= on) & (facts.valid_to > on)


def test_women_share_varies_by_unit_and_is_lower_among_heads(dataset) -> None:  # type: ignore[no-untyped-def]
    on = day(SHAPE.end)
    staff = _as_of(dataset.employment, on)
    woman = dataset.persons.sex[dataset.employment.person_id - 1] == "F"
    per_unit_all = np.bincount(dataset.employment.unit_id[staff], minlength=SHAPE.units + 1)
    per_unit_women = np.bincount(
        dataset.employment.unit_id[staff & woman], minlength=SHAPE.units + 1
    )
    big = per_unit_all >= 80
    shares = per_unit_women[big] / per_unit_all[big]
    assert 0.2 < shares.min() < 0.45 and 0.6 < shares.max() < 0.85
    assert 0.4 < per_unit_women.sum() / per_unit_all.sum() < 0.65
    posts = dataset.positions
    heads = _as_of(posts, on) & (posts.level == 0)
    head_women = (dataset.persons.sex[posts.person_id[heads] - 1] == "F").mean()
    assert 0.15 <= head_women <= 0.45
    assert heads.sum() >= 0.9 * SHAPE.units  # nearly every unit has a head


def test_posts_are_held_by_staff_of_the_unit_one_at_a_time(dataset) -> None:  # type: ignore[no-untyped-def]
    jobs, posts = dataset.employment, dataset.positions
    by_person: dict[int, list[tuple[int, int, int]]] = {}
    for person, unit, start, end in zip(
        jobs.person_id.tolist(),
        jobs.unit_id.tolist(),
        jobs.valid_from.tolist(),
        jobs.valid_to.tolist(),
        strict=True,
    ):
        stays = by_person.setdefault(person, [])
        if stays and stays[-1][0] == unit and stays[-1][2] == start:
            # one stay in the unit, cut where the pay changed (issue 18: scale.pay)
            stays[-1] = (unit, stays[-1][1], end)
        else:
            stays.append((unit, start, end))
    held: dict[int, list[tuple[int, int]]] = {}
    for person, unit, start, end in zip(
        posts.person_id.tolist(),
        posts.unit_id.tolist(),
        posts.valid_from.tolist(),
        posts.valid_to.tolist(),
        strict=True,
    ):
        assert start < end
        assert any(u == unit and s <= start and end <= e for u, s, e in by_person[person])
        held.setdefault(person, []).append((start, end))
    for spans in held.values():
        spans.sort()
        assert all(a[1] <= b[0] for a, b in pairwise(spans))


def test_careers_have_hires_transfers_promotions_and_departures(dataset) -> None:  # type: ignore[no-untyped-def]
    jobs, posts = dataset.employment, dataset.positions
    start, end, open_end = day(SHAPE.start), day(SHAPE.end), day(OPEN_END)
    first_rows = np.unique(jobs.person_id, return_index=True)[1]
    assert (jobs.valid_from[first_rows] > start).sum() > 0.1 * SHAPE.persons  # hires
    assert len(jobs.person_id) - len(first_rows) > 0.05 * SHAPE.persons  # transfers
    ended = (jobs.valid_to < open_end) & (jobs.valid_to <= end)
    assert ended.sum() > 0.1 * SHAPE.persons  # departures
    retire = retirement_end(dataset.persons.sex, dataset.persons.birth)
    last_to = np.zeros(SHAPE.persons + 1, dtype=np.int64)
    np.maximum.at(last_to, jobs.person_id, jobs.valid_to)
    assert (last_to[1:] <= np.maximum(retire, open_end * (retire > end))).all()
    retired = (last_to[1:] == retire).sum()
    assert retired > 0.02 * SHAPE.persons  # retirements at the legal age
    assert (last_to[1:] < np.minimum(retire, open_end)).sum() > 0  # resignations
    # Promotions: a deputy's post ends the day the same person becomes head of the unit.
    deputy = {
        (p, u, t)
        for p, u, t, lv in zip(
            posts.person_id.tolist(),
            posts.unit_id.tolist(),
            posts.valid_to.tolist(),
            posts.level.tolist(),
            strict=True,
        )
        if lv == 1
    }
    promoted = sum(
        (p, u, f) in deputy
        for p, u, f, lv in zip(
            posts.person_id.tolist(),
            posts.unit_id.tolist(),
            posts.valid_from.tolist(),
            posts.level.tolist(),
            strict=True,
        )
        if lv == 0
    )
    assert promoted > 0.1 * SHAPE.units


@pytest.mark.parametrize(
    ("sex", "born", "pension_from"),
    [
        ("M", date(1961, 10, 15), date(2022, 5, 1)),  # 60y6m in 04/2022 (Decree 135 example)
        ("M", date(1955, 1, 1), date(2015, 2, 1)),  # before 2021: 60 years
        ("F", date(1966, 1, 31), date(2021, 6, 1)),  # 55y4m in 05/2021
        ("F", date(1980, 12, 1), date(2041, 1, 1)),  # 60 years from 2035: 12/2040
        ("M", date(1970, 2, 28), date(2032, 3, 1)),  # 62 years from 2028
    ],
)
def test_retirement_end_is_the_first_pension_day(sex: str, born: date, pension_from: date) -> None:
    assert retirement(sex, born).pension_from == pension_from
    days = retirement_end(np.array([sex]), np.array([day(born)]))
    assert days[0] == day(pension_from)


def test_retirement_end_agrees_with_the_policy_rule_on_many_birth_dates() -> None:
    rng = np.random.default_rng(3)
    births = rng.integers(day(date(1950, 1, 1)), day(date(1995, 12, 31)), 400)
    sexes = np.where(rng.random(400) < 0.5, "F", "M")
    expected = [
        day(retirement(s, date.fromordinal(date(1970, 1, 1).toordinal() + int(b))).pension_from)
        for s, b in zip(sexes, births, strict=True)
    ]
    assert retirement_end(sexes, births).tolist() == expected


@pytest.mark.parametrize(("persons", "units", "years"), [(5, 10, 5), (100, 5, 5), (100, 20, 0)])
def test_impossible_shapes_are_refused(persons: int, units: int, years: int) -> None:
    with pytest.raises(BinhdangError):
        Shape(persons, units, years, 1, date(2025, 12, 31)).check()


# --- the committee's records, drawn from the careers -----------------------------------------


def _employed(jobs, person: np.ndarray, first: np.ndarray, last: np.ndarray) -> np.ndarray:  # type: ignore[no-untyped-def]
    """Whether each ``person`` has an employment row meeting the days ``first``–``last``."""
    order = np.lexsort((jobs.valid_from, jobs.person_id))
    owner, since, until = jobs.person_id[order], jobs.valid_from[order], jobs.valid_to[order]
    lo = np.searchsorted(owner, person, side="left")
    hi = np.searchsorted(owner, person, side="right")
    found = np.zeros(len(person), dtype=bool)
    for offset in range(int((hi - lo).max(initial=0))):
        row = np.minimum(lo + offset, len(owner) - 1)
        inside = lo + offset < hi
        found |= inside & (since[row] <= last) & (until[row] > first)
    return found


def test_committee_records_are_drawn_the_same_for_a_seed(dataset) -> None:  # type: ignore[no-untyped-def]
    again = draw(SHAPE).committee
    drawn = dataset.committee
    for part in ("training", "awards", "succession", "plans", "activities"):
        one, two = getattr(drawn, part), getattr(again, part)
        for name, value in vars(one).items():
            assert np.array_equal(np.asarray(value), np.asarray(getattr(two, name))), (part, name)
    other = draw(Shape(SHAPE.persons, SHAPE.units, SHAPE.years, SHAPE.seed + 1, SHAPE.end))
    assert not np.array_equal(other.committee.training.start[:50], drawn.training.start[:50])


def test_training_starts_on_a_day_its_trainee_is_employed(dataset) -> None:  # type: ignore[no-untyped-def]
    courses = dataset.committee.training
    start, end = day(SHAPE.start), day(SHAPE.end)
    assert len(courses.person_id) > 0.02 * SHAPE.persons * (SHAPE.years - 1)
    assert _employed(dataset.employment, courses.person_id, courses.start, courses.start).all()
    assert ((courses.start >= start) & (courses.start <= end)).all()
    keys = np.array(committee.STATUS_KEYS)[courses.status]
    assert (keys == "completed").mean() > 0.85
    assert set(keys.tolist()) == {"completed", "attending", "dropped"}
    done = keys == "completed"
    assert (courses.end[done] >= courses.start[done]).all() and (courses.end[done] <= end).all()
    assert (courses.end[~done] == committee.NONE).all()
    # Those still attending are in long courses that started near the end of the period.
    attending = keys == "attending"
    assert (courses.start[attending] > end - 3 * 365).all()
    # Every course type; women somewhat more often in some (short courses).
    assert set(courses.course.tolist()) == set(range(len(committee.COURSE_KEYS)))
    woman = dataset.persons.sex[courses.person_id - 1] == "F"
    staff_women = (dataset.persons.sex[dataset.employment.person_id - 1] == "F").mean()
    short = courses.course == committee.COURSE_KEYS.index("ngan_han")
    assert woman[short].mean() > staff_women + 0.03


def test_awards_go_to_staff_of_the_year_and_to_existing_units(dataset) -> None:  # type: ignore[no-untyped-def]
    awards = dataset.committee.awards
    individual = awards.person_id > 0
    assert (individual ^ (awards.unit_id > 0)).all()  # a person or a unit, never both
    first = np.array([day(date(int(y), 1, 1)) for y in awards.year[individual]])
    last = np.array([day(date(int(y), 12, 31)) for y in awards.year[individual]])
    assert _employed(dataset.employment, awards.person_id[individual], first, last).all()
    assert individual.sum() > 0.03 * SHAPE.persons * (SHAPE.years - 1)
    units = awards.unit_id[~individual]
    assert len(units) > 0.2 * SHAPE.units * (SHAPE.years - 1)
    assert (dataset.units.level[units - 1] >= 2).all()
    keys = np.array(committee.AWARD_KEYS)[awards.form]
    assert "lao_dong_tien_tien" in keys[individual] and "tap_the_ldtt" in keys[~individual]
    years = awards.year
    assert (awards.decision_date >= np.array([day(date(int(y), 12, 15)) for y in years])).all()
    assert all(re.fullmatch(r"\d+/QĐ-(BHXH|UBND|BTC|TTg|CTN)", d) for d in awards.decision.tolist())
    # One decision per issuer, form and year.
    pairs = {
        (i, f, y, d)
        for i, f, y, d in zip(
            awards.issuer.tolist(),
            awards.form.tolist(),
            years.tolist(),
            awards.decision.tolist(),
            strict=True,
        )
    }
    assert len(pairs) == len({p[:3] for p in pairs})


def test_succession_plans_name_staff_of_the_unit_with_fewer_women(dataset) -> None:  # type: ignore[no-untyped-def]
    plans = dataset.committee.succession
    jobs = dataset.employment
    assert set(plans.term_start.tolist()) == {2021}  # the period 2019–2025: one term start
    on = committee.plan_day(dataset, 2021)
    held = {
        (p, u)
        for p, u, f, t in zip(
            jobs.person_id.tolist(),
            jobs.unit_id.tolist(),
            jobs.valid_from.tolist(),
            jobs.valid_to.tolist(),
            strict=True,
        )
        if f <= on < t
    }
    assert all(
        (p, u) in held
        for p, u in zip(plans.person_id.tolist(), plans.unit_id.tolist(), strict=True)
    )
    pairs = list(zip(plans.person_id.tolist(), plans.term_start.tolist(), strict=True))
    assert len(set(pairs)) == len(pairs)  # one post per person and term
    # 1–3 persons per post: per unit at most 3 × its posts, and most units have a plan.
    per_unit = np.bincount(plans.unit_id, minlength=SHAPE.units + 1)[1:]
    posts = 1 + np.array([DEPUTIES[int(level)] for level in dataset.units.level])
    assert (per_unit <= 3 * posts).all() and (per_unit > 0).mean() > 0.9
    heads = np.bincount(plans.unit_id[plans.level == 0], minlength=SHAPE.units + 1)[1:]
    assert heads.max() <= 3
    woman = dataset.persons.sex[plans.person_id - 1] == "F"
    staff = (jobs.valid_from <= on) & (jobs.valid_to > on)
    staff_women = (dataset.persons.sex[jobs.person_id[staff] - 1] == "F").mean()
    assert 0.25 < woman.mean() < staff_women - 0.03


def test_activities_by_offices_and_some_departments_under_plans(dataset) -> None:  # type: ignore[no-untyped-def]
    acts, plans = dataset.committee.activities, dataset.committee.plans
    years = committee.period_years(dataset)
    offices = int((dataset.units.level <= 2).sum())
    assert len(plans.unit_id) == offices * len(years)
    symbols = {(n, d) for n, d in zip(plans.number.tolist(), plans.issued_on.tolist(), strict=True)}
    assert len(symbols) == len(plans.unit_id)  # (symbol, issued on) unique
    level = dataset.units.level[acts.unit_id - 1]
    assert (level <= 3).all() and (level == 3).any()
    for year in years:
        in_year = (acts.start >= day(date(year, 1, 1))) & (acts.start <= day(date(year, 12, 31)))
        assert len(np.unique(acts.unit_id[in_year & (level <= 2)])) == offices
        kinds = np.array(committee.ACTIVITY_KEYS)[acts.kind[in_year & (level <= 2)]]
        assert (kinds == "thang_hanh_dong").sum() == offices  # each office's Action Month
    assert (acts.end >= acts.start).all()
    assert (acts.plan_id > 0).all() and (acts.plan_id <= len(plans.unit_id)).all()
    plan_year = plans.year[acts.plan_id - 1]
    assert (
        plan_year == acts.start.astype("datetime64[D]").astype("datetime64[Y]").astype(int) + 1970
    ).all()
    done = np.array(committee.ACTIVITY_STATUS_KEYS)[acts.status] == "done"
    counted = acts.women != committee.NONE
    assert (acts.women[counted] >= 0).all() and (acts.men[counted] >= 0).all()
    assert (acts.women[counted] + acts.men[counted] > 0).all()
    assert not counted[~done].any() and counted[done].mean() > 0.6
    assert 0.3 < acts.women[counted].sum() / (acts.women[counted] + acts.men[counted]).sum() < 0.8
