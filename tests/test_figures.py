"""Every derived value of the reference case (domain.md), computed from the example data."""

from pathlib import Path

import pytest
from conftest import compute_figures

from banenafspraak.figures.compute import Figures
from banenafspraak.figures.shapes import percent

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def f() -> Figures:
    return compute_figures(ROOT / "config.yaml")


def test_jobs_against_nulmeting_and_target(f):
    assert (f.jobs.baseline, f.jobs.now, f.jobs.extra) == (515, 962, 447)
    assert (f.jobs.target, f.jobs.target_pct, f.jobs.national_target_pct) == (493, 91, 123)
    assert f.jobs.target_growth == 121
    assert (f.jobs.growth_pct, f.jobs.national_growth_pct) == (87, 71)
    assert (f.jobs.growth_this_year, f.jobs.growth_last_year) == (103, 206)


def test_quarter_change_with_correction(f):
    assert (f.jobs.quarter_change, f.jobs.organic_change, f.jobs.correction) == (39, 30, 9)
    assert "t+2" in f.jobs.correction_text


def test_job_split(f):
    parts = f.jobs.by_type.parts
    assert [parts[k].pct for k in ("markt", "overheid", "uitzend")] == [81, 6, 13]
    assert f.jobs.national_government_pct == 6


def test_register_and_participatiewet(f):
    group = f.target_group
    assert [c.then for c in group.comparisons] == [2299, 1641, 1758]
    assert group.now == 1777
    assert (group.categories.parts["pwet"].pct, group.national_pwet_pct) == (31, 32)
    assert (group.pwet_growth_this_year, group.pwet_growth_last_year) == (139, 183)
    assert group.pwet_growth_change_pct == -24


def test_working_shares_last_four_quarters(f):
    table = f.target_group.working_table
    assert [(r.wajong.count, r.wajong.pct) for r in table] == [
        (492, 44),
        (515, 45),
        (519, 46),
        (517, 46),
    ]
    assert [(r.pwet.count, r.pwet.pct) for r in table] == [
        (225, 49),
        (249, 50),
        (264, 49),
        (272, 49),
    ]
    assert [(r.both.count, r.both.pct) for r in table] == [
        (717, 45),
        (764, 47),
        (783, 47),
        (789, 47),
    ]
    group = f.target_group
    assert (group.national_working_pct, group.best_region_pct) == (43, 55)


def test_working_persons(f):
    assert [c.then for c in f.target_group.working_comparisons] == [492, 781, 859]
    assert f.target_group.working_now == 864


def test_praktijkroute(f):
    assert [row[1] for row in f.praktijkroute.table] == [19, 29, 4, 18]
    assert [row[2] for row in f.praktijkroute.table] == [9, 12, 0, 1]
    assert (f.praktijkroute.last_year, f.praktijkroute.this_year) == (70, 22)
    assert f.praktijkroute.leaders == [("Haaglanden", 703), ("Noordoost-Brabant", 489)]


def test_flows(f):
    assert (f.flows.finders, f.flows.losers, f.flows.losers_previous) == (56, 47, 49)
    flows = f.flows.movement
    assert (flows.outflow, flows.inflow, flows.stayers) == (50, 69, 1708)
    assert (flows.outflow_working, flows.outflow_idle) == (25, 25)
    assert (flows.inflow_working, flows.inflow_idle) == (21, 48)
    counts = {
        g: [s.parts[c].count for c in ("pwet", "wajong", "wsw")] for g, s in flows.groups.items()
    }
    assert counts == {
        "behoudt_werk": [236, 477, 74],
        "verliest_werk": [22, 24, 1],
        "geen_werk": [240, 562, 16],
        "vindt_werk": [28, 28, 0],
    }
    assert flows.reasons["vertrek_regio"] == 90


def test_candidates_and_sheltered_work(f):
    assert (f.candidates.uwv.count, f.candidates.uwv.pct) == (721, 64)
    assert (f.candidates.municipal.count, f.candidates.municipal.pct) == (121, 22)
    sheltered = f.sheltered
    assert (sheltered.target, sheltered.working, sheltered.working_change) == (31, 18, 2)
    advices = sheltered.advices
    assert (advices.positive, advices.negative) == (37, 12)
    assert (advices.on_request, advices.total) == (38, 49)
    assert sheltered.target_pct == 58  # 18 working of the 31 places
    assert (sheltered.placement_pct, sheltered.national_placement_pct) == (56, 66)  # 18 / 32
    assert sheltered.national_working == 2428


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (447, 493, 91),
        (1, 2, 50),
        (1, 8, 13),
        (5, 1000, 1),
        (-44, 183, -24),
        (-1, 200, -1),
        (0, 0, 0),
    ],
)
def test_percent_rounds_half_up(part, whole, expected):
    assert percent(part, whole) == expected


def test_next_years_target_is_shown_without_a_realised_figure(f, tmp_path):
    assert f.jobs.yearly[-2:] == [(2018, 493, 447), (2019, 627, None)]
    # Without a target for the next year, the years end with the period's.
    from conftest import copy_project

    config = copy_project(tmp_path)
    path = tmp_path / "data" / "doelstellingen.csv"
    kept = [line for line in path.read_text(encoding="utf-8").splitlines() if ";2019;" not in line]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    assert compute_figures(config).jobs.yearly[-1] == (2018, 493, 447)
