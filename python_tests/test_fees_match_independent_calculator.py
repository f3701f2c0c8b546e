"""The dbt marts agree with the independent calculator, fund-month by fund-month.

For each seeded scenario (python_tests/scenarios.py) the net-asset file is
written to a temporary folder, ``dbt build --exclude resource_type:unit_test``
(every model and data test; scripts/test.sh's own build runs the unit tests once)
runs on its own temporary DuckDB file (FUND_FEES_DB) with ``--vars
'{net_assets_path: <file>}'``, two builds at a time in the background
(conftest.background_dbt, from the session's first test on), and every row
of ``fct_fees_monthly`` and ``fct_minimum_fee_periods`` is compared with
independent_calculator.compute() on the same rows and the same seeds:

- the same set of keys (agreement_id, fund_id, month_start) / (agreement_id, period_start);
- days_accrued exactly; average_daily_net_assets_usd, accrued_fee_usd and
  net_fee_usd to the cent (both sides quantized to 0.01; the calculator's
  average is first rounded half up to the mart column's scale, as the engine
  stores it); minimum_true_up_usd exactly; effective_rate_bps within 0.0001;
- per period: period_end, is_complete, minimum_fee_usd and shortfall_usd
  exactly, accrued_fee_usd to the cent.
- R7: fct_fees_monthly.waiver_usd to the cent against the calculator's own
  waiver (never the mart's), expense_recoupment_usd to the cent against the
  calculator's reimbursement of earlier fiscal years' waivers (D15), and every row of
  fct_expense_waivers_monthly (days compared, cap, advisory fee, other and
  excluded expenses, expenses, excess, days over the cap, year-to-date
  figures, waiver) to the cent. The illustrative expense rows apply to the
  shipped sample only (no net_assets_path), as fee-rules R7 / DECISIONLOG D16
  say: there Putnam International Equity has a waiver every month and Lazard
  Small Cap Value in April and December 2013, both reimbursed in January 2014;
  the generated scenarios (with a net_assets_path) have none, on both sides.
  The sample never reaches the year-to-date cap (waiver = whole advisory
  fee), so one more scenario (``waiver_cap_binds``) builds a
  temporary copy of the project whose seeds/waivers/ get extra,
  non-illustrative rows (WAIVER_CAP_ROWS) and compares the same marts on the
  mellon_advisory_2000_2004 net assets, with the fiscal year ending in
  December (the default) and in June (var expense_fiscal_year_end_month).

One more build, ``synthetic_universe_20x3``, is bench/generate.py's universe at 20
funds x 3 years: its own agreements (var agreement_data_path: advisory and
sub-advisory schedules of 1 to 5 tiers, `whole` ones, a schedule that changes, a
combined-asset switch, a minimum with a shortfall), compared in the same way with
the calculator reading the same folder.

A failing build fails test_dbt_build_succeeds; the marts are then built with
`dbt run` (models only; it never publishes, so they are read from the build database
beside FUND_FEES_DB) so that the number comparisons still run and report on their own.
Also compared: every row of fct_fee_accruals_daily (schedule, combined assets,
carry-forward flag, annual fee and the daily accrual at the mart's 18 decimals).
"""

from __future__ import annotations

import csv
import json
import os
import shutil
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

import independent_calculator as calc
import scenarios
from conftest import project_with_expense_rows, run_dbt_process

REPO_ROOT = Path(__file__).resolve().parent.parent
CENT = Decimal("0.01")
GENERATED = scenarios.build_scenarios()
# plus the repository's shipped sample, built by `dbt build` with no net_assets_path
SCENARIOS = GENERATED + [s for s in [scenarios.shipped_sample()] if s is not None]
MAX_REPORTED = 25


def dbt_executable() -> str:
    local = REPO_ROOT / ".venv" / "bin" / "dbt"
    if local.exists():
        return str(local)
    found = shutil.which("dbt")
    if not found:
        pytest.fail("dbt is not installed: run `source scripts/setup.sh` first")
    return found


def run_dbt_build(scenario: scenarios.Scenario, folder: Path, project_dir: Path = REPO_ROOT,
                  extra_vars: dict | None = None, extra_args: list | None = None) -> dict:
    data_file = scenarios.write_scenario(scenario, folder / "input")
    db_file = folder / "warehouse.duckdb"
    dbt_vars = {} if scenario.file_format == "shipped" else {"net_assets_path": str(data_file)}
    if scenario.accrue_through:
        dbt_vars["accrue_through"] = scenario.accrue_through
    dbt_vars.update(extra_vars or {})
    env = dict(os.environ)
    env.update({
        "FUND_FEES_DB": str(db_file),
        "DBT_PROFILES_DIR": str(REPO_ROOT),
        # keep dbt's artefacts out of the shared repository folder
        "DBT_TARGET_PATH": str(folder / "target"),
        "DBT_LOG_PATH": str(folder / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    })
    # the whole project (seeds, models, data tests; the callers leave the unit tests out
    # with extra_args): a partial --select would still pick up relationship tests towards
    # models it did not build
    command = [dbt_executable(), "build"] + (["--vars", json.dumps(dbt_vars)] if dbt_vars else []) + (
        extra_args or [])
    proc = run_dbt_process(command, cwd=project_dir, env=env)
    result = {"command": command, "returncode": proc.returncode,
              "output": proc.stdout + proc.stderr, "db_file": db_file, "fallback": None}
    if proc.returncode != 0:
        # a failing data/unit test makes `dbt build` skip the models downstream of it;
        # `dbt run` (models only) still builds the marts, so the numbers can be compared
        # while test_dbt_build_succeeds reports the build failure itself
        fallback = [dbt_executable(), "run"] + (["--vars", json.dumps(dbt_vars)] if dbt_vars else [])
        run = run_dbt_process(fallback, cwd=project_dir, env=env)
        result["fallback"] = {"command": fallback, "returncode": run.returncode,
                              "output": run.stdout + run.stderr}
        # a failed build publishes nothing and `dbt run` never publishes: the marts of the
        # fallback are in the build database beside FUND_FEES_DB (profiles.yml)
        result["db_file"] = db_file.parent / ".fund_fees_build" / db_file.name
    return result


def read_mart(db_file: Path, table: str) -> list[dict] | None:
    import duckdb

    if not db_file.exists():
        return None
    con = duckdb.connect(str(db_file), read_only=True)
    try:
        exists = con.execute(
            "select count(*) from information_schema.tables where table_schema = 'main' and table_name = ?",
            [table],
        ).fetchone()[0]
        if not exists:
            return None
        cursor = con.execute(f"select * from main.{table}")
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]
    finally:
        con.close()


# Extra expense rows (NOT illustrative, so they apply with a net_assets_path) for the
# waiver_cap_binds scenario: (schedule id, fund, kind, category, method, from, to, tiers).
# putnam_growth (advisory 0.90 % to $150M, 0.85 % to $300M, 0.80 % above): included expenses
# 0.05 % and a 1.00 % limitation keep it under the cap, except
#  - January 2002: a one-off 3.00 % a year -> excess about 2.9 % a year, over three times the fee:
#    the year-to-date waiver is the whole fee in January-March and catches up in April;
#  - December 2003: a one-off 15.00 % -> the year ends with more excess than fee (the rest
#    must not reach January 2004: the fiscal year resets);
#  - interest 0.50 %: excluded, shown only.
# alger_growth: a tiered marginal limitation to 2002-12-31, then a whole-method one.
WAIVER_CAP_ROWS = [
    ("limitation.putnam_growth.20010131", "putnam_growth", "limitation", "", "whole", "2001-01-31", "",
     [("0.00", "", "1.000000")]),
    ("other.putnam_growth.other_normal_expenses.20010131", "putnam_growth", "other_expense",
     "other_normal_expenses", "whole", "2001-01-31", "", [("0.00", "", "0.050000")]),
    ("other.putnam_growth.registration_and_reporting.20020101", "putnam_growth", "other_expense",
     "registration_and_reporting", "whole", "2002-01-01", "2002-01-31", [("0.00", "", "3.000000")]),
    ("other.putnam_growth.registration_and_reporting.20031201", "putnam_growth", "other_expense",
     "registration_and_reporting", "whole", "2003-12-01", "2003-12-31", [("0.00", "", "15.000000")]),
    ("other.putnam_growth.interest.20010131", "putnam_growth", "other_expense", "interest", "whole",
     "2001-01-31", "", [("0.00", "", "0.500000")]),
    ("limitation.alger_growth.20010131", "alger_growth", "limitation", "", "marginal", "2001-01-31",
     "2002-12-31", [("0.00", "300000000.00", "1.100000"), ("300000000.00", "", "0.900000")]),
    ("limitation.alger_growth.20030101", "alger_growth", "limitation", "", "whole", "2003-01-01", "",
     [("0.00", "250000000.00", "1.000000"), ("250000000.00", "", "0.980000")]),
    ("other.alger_growth.custody_fees.20010131", "alger_growth", "other_expense", "custody_fees",
     "marginal", "2001-01-31", "", [("0.00", "100000000.00", "0.100000"), ("100000000.00", "", "0.050000")]),
]


def project_with_waiver_cap_rows(folder: Path) -> Path:
    """A copy of the dbt project whose seeds/waivers/ also hold WAIVER_CAP_ROWS."""
    return project_with_expense_rows(folder, WAIVER_CAP_ROWS, "Test row (python_tests): the year-to-date cap binds")


# (build id, expense_fiscal_year_end_month or None for the default), on the mellon_advisory_2000_2004 rows
WAIVER_CAP_BUILDS = [("waiver_cap_binds", None), ("waiver_cap_binds_fy_june", 6)]
# the synthetic universe of bench/generate.py, small: its own agreements (var agreement_data_path)
UNIVERSE = scenarios.Scenario(name=scenarios.UNIVERSE_NAME, seed=0, end=scenarios.d("2018-12-31"), walks=[],
                              file_format="universe")
BUILDS = [(s, None) for s in SCENARIOS] + [
    (next(s for s in GENERATED if s.name == "mellon_advisory_2000_2004"), build) for build in WAIVER_CAP_BUILDS
] + [(UNIVERSE, None)]
BUILD_IDS = [b[1][0] if b[1] else b[0].name for b in BUILDS]
# Every scenario build leaves the unit tests out: they do not depend on the net assets, and
# scripts/test.sh's main `dbt build` runs them once (the fiscal-year-June build could not run
# them anyway: they are written for the default December year end and do not pin the var).
# Every model and data test still runs in every scenario build.
SCENARIO_BUILD_ARGS = ["--exclude", "resource_type:unit_test"]


def make_build(scenario: scenarios.Scenario, waiver_build, folder: Path) -> dict:
    """Build one scenario's warehouse and compute the calculator's figures (a background job)."""
    project_dir, extra_vars = REPO_ROOT, {}
    fiscal_end = calc.DEFAULT_FISCAL_YEAR_END_MONTH
    seeds_dir = project_dir / "seeds" / "agreements"
    if waiver_build:
        project_dir = project_with_waiver_cap_rows(folder)
        seeds_dir = project_dir / "seeds" / "agreements"
        if waiver_build[1] is not None:
            fiscal_end = waiver_build[1]
            extra_vars["expense_fiscal_year_end_month"] = fiscal_end
    if scenario.file_format == "universe":
        scenario, seeds_dir = scenarios.synthetic_universe(folder / "universe")
        extra_vars["agreement_data_path"] = str(seeds_dir)
    build = run_dbt_build(scenario, folder, project_dir, extra_vars, SCENARIO_BUILD_ARGS)
    # no net_assets_path (the shipped sample): the illustrative expense rows apply (D16)
    expected = calc.compute(seeds_dir, scenario.rows, scenario.accrue_through,
                            illustrative_expenses=scenario.file_format == "shipped",
                            fiscal_year_end_month=fiscal_end)
    return {
        "scenario": scenario,
        "waiver_build": waiver_build,
        "build": build,
        "expected": expected,
        "monthly": read_mart(build["db_file"], "fct_fees_monthly"),
        "periods": read_mart(build["db_file"], "fct_minimum_fee_periods"),
        "waivers": read_mart(build["db_file"], "fct_expense_waivers_monthly"),
        "daily": read_mart(build["db_file"], "fct_fee_accruals_daily"),
    }


def background_jobs(items, tmp_path_factory) -> dict:
    """The scenario builds the selected tests use (conftest.background_dbt runs them two at a time)."""
    wanted = {item.callspec.id.split("-")[0] for item in items if hasattr(item, "callspec")}
    jobs = {}
    for (scenario, waiver_build), build_id in zip(BUILDS, BUILD_IDS):
        if build_id in wanted:
            folder = tmp_path_factory.mktemp(build_id)  # in the main thread, not the job's
            jobs[f"scenario:{build_id}"] = (
                lambda s=scenario, w=waiver_build, f=folder: make_build(s, w, f))
    return jobs


@pytest.fixture(scope="module", params=BUILDS, ids=BUILD_IDS)
def built(request, background_dbt):
    key = f"scenario:{BUILD_IDS[request.param_index]}"
    if key not in background_dbt:  # not submitted (e.g. a selection the jobs did not foresee)
        scenario, waiver_build = request.param
        return make_build(scenario, waiver_build,
                          request.getfixturevalue("tmp_path_factory").mktemp(key.split(":")[1]))
    return background_dbt[key].result()


def _tail(text: str, lines: int = 60) -> str:
    return "\n".join(text.splitlines()[-lines:])


def _require(built, key):
    rows = built[key]
    if rows is None:
        build = built["build"]
        output = (build["fallback"] or build)["output"]
        pytest.fail(f"{key} mart missing after dbt build (exit {build['returncode']}) "
                    f"and dbt run:\n" + _tail(output))
    return rows


def cents(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def as_stored(calc_value: Decimal | None, engine_value) -> Decimal | None:
    """The calculator's value rounded half up to the mart column's scale."""
    if calc_value is None or engine_value is None:
        return calc_value
    exponent = Decimal(engine_value).as_tuple().exponent
    return calc_value.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_UP)


def key_differences(expected: dict, actual: dict, describe_expected=None, describe_actual=None) -> list[str]:
    """One line per key the mart lacks or has in excess, with each side's description."""
    def line(kind, key, describe, row):
        return f"{kind} in mart {key}" + (f": {describe(row)}" if describe else "")
    return ([line("missing", k, describe_expected, expected[k]) for k in sorted(set(expected) - set(actual))]
            + [line("extra", k, describe_actual, actual[k]) for k in sorted(set(actual) - set(expected))])


def _report(title: str, problems: list[str]) -> str:
    shown = "\n".join(problems[:MAX_REPORTED])
    more = f"\n... and {len(problems) - MAX_REPORTED} more" if len(problems) > MAX_REPORTED else ""
    return f"{title}: {len(problems)} problem(s)\n{shown}{more}"


def test_dbt_build_succeeds(built):
    build = built["build"]
    assert build["returncode"] == 0, (
        f"`{' '.join(build['command'])}` failed ({build['returncode']}):\n" + _tail(build["output"]))


def test_monthly_fees_match(built):
    rows = _require(built, "monthly")
    expected = built["expected"].monthly
    assert expected, "the scenario produced no fund-month in the calculator: nothing to compare"
    actual = {(r["agreement_id"], r["fund_id"], r["month_start"]): r for r in rows}
    problems = key_differences(
        expected, actual,
        lambda e: f"calculator days={e['days_accrued']} accrued={cents(e['accrued_fee_usd'])} net={e['net_fee_usd']}",
        lambda a: f"days={a['days_accrued']} accrued={a['accrued_fee_usd']} net={a['net_fee_usd']}")
    waivers = 0
    for key in sorted(set(expected) & set(actual)):
        e, a = expected[key], actual[key]
        # R7: the calculator's own waiver (never the mart's); recoupment is off by
        # default and the calculator implements only that default, so it must be 0
        if e["waiver_usd"] or a.get("waiver_usd"):
            waivers += 1
        checks = [
            ("days_accrued", e["days_accrued"], a["days_accrued"]),
            ("average_daily_net_assets_usd",
             cents(as_stored(e["average_daily_net_assets_usd"], a["average_daily_net_assets_usd"])),
             cents(a["average_daily_net_assets_usd"])),
            ("accrued_fee_usd", cents(e["accrued_fee_usd"]), cents(a["accrued_fee_usd"])),
            ("minimum_true_up_usd", e["minimum_true_up_usd"], Decimal(a["minimum_true_up_usd"] or 0)),
            ("waiver_usd", cents(e["waiver_usd"]), cents(a.get("waiver_usd") or 0)),
            ("expense_recoupment_usd", cents(e["expense_recoupment_usd"]),
             cents(a.get("expense_recoupment_usd") or 0)),
            ("net_fee_usd", cents(e["net_fee_usd"]), cents(a["net_fee_usd"])),
        ]
        if "fee_type" in a:
            checks.append(("fee_type", e["fee_type"], a["fee_type"]))
        for name, want, got in checks:
            if want != got:
                problems.append(f"{key} {name}: calculator {want} != mart {got} "
                                f"(calculator full precision: {e.get(name)})")
        e_rate, a_rate = e["effective_rate_bps"], a.get("effective_rate_bps")
        if (e_rate is None) != (a_rate is None) or (
                e_rate is not None and abs(Decimal(a_rate) - e_rate) > Decimal("0.0001")):
            problems.append(f"{key} effective_rate_bps: calculator {e_rate} != mart {a_rate}")
    assert not problems, _report(f"fct_fees_monthly vs calculator ({len(expected)} fund-months expected, "
                                 f"{len(actual)} in mart, {waivers} with a waiver)", problems)
    if built["scenario"].file_format == "shipped" or built["waiver_build"]:
        # the waivers were compared above, not skipped
        assert waivers, "the scenario produced no waiver: R7 was not compared"


WAIVER_MONEY_COLUMNS = [
    "expense_cap_usd", "advisory_fee_usd", "other_expenses_usd", "excluded_expenses_usd", "expenses_usd",
    "excess_usd", "ytd_excess_usd", "ytd_advisory_fee_usd", "ytd_waiver_usd", "waiver_usd", "recoupment_usd",
]


def test_expense_waivers_monthly_match(built):
    """R7 month by month: the cap, the expenses, the excess and the waiver (fct_expense_waivers_monthly)."""
    rows = _require(built, "waivers")
    expected = built["expected"].waivers
    actual = {(r["agreement_id"], r["fund_id"], r["month_start"]): r for r in rows}
    problems = key_differences(
        expected, actual,
        lambda e: f"days={e['days_compared']} excess={cents(e['excess_usd'])} waiver={cents(e['waiver_usd'])}",
        lambda a: f"days={a['days_compared']} excess={a['excess_usd']} waiver={a['waiver_usd']}")
    for key in sorted(set(expected) & set(actual)):
        e, a = expected[key], actual[key]
        checks = [
            ("days_compared", e["days_compared"], a["days_compared"]),
            ("days_over_cap", e["days_over_cap"], a["days_over_cap"]),
            ("fiscal_year_start", e["fiscal_year_start"], a["fiscal_year_start"]),
            ("is_waiver_limited_to_advisory_fee", e["is_waiver_limited_to_advisory_fee"],
             a["is_waiver_limited_to_advisory_fee"]),
            ("average_daily_net_assets_usd",
             cents(as_stored(e["average_daily_net_assets_usd"], a["average_daily_net_assets_usd"])),
             cents(a["average_daily_net_assets_usd"])),
        ]
        checks += [(name, cents(e[name]), cents(a[name])) for name in WAIVER_MONEY_COLUMNS]
        for name, want, got in checks:
            if want != got:
                problems.append(f"{key} {name}: calculator {want} != mart {got} "
                                f"(calculator full precision: {e.get(name)})")
    assert not problems, _report(f"fct_expense_waivers_monthly vs calculator ({len(expected)} fund-months "
                                 f"expected, {len(actual)} in mart)", problems)


def test_shipped_sample_exercises_the_waiver():
    """D16 on the calculator alone: the sample's waivers are where the decision log says."""
    sample = scenarios.shipped_sample()
    assert sample is not None, "seeds/net_assets/net_assets_illustrative.csv is missing"
    result = calc.compute(calc.default_seeds_dir(), sample.rows, sample.accrue_through, illustrative_expenses=True)
    with_waiver = sorted((f, m) for (_, f, m), row in result.waivers.items() if row["waiver_usd"] > 0)
    putnam_months = sorted(m for (_, f, m) in result.monthly if f == "putnam_international_equity")
    assert putnam_months and [m for f, m in with_waiver if f == "putnam_international_equity"] == putnam_months
    # Lazard: the one-off months April and December 2013 (seeds/waivers/expense_schedules.csv)
    assert [m.isoformat() for f, m in with_waiver if f == "lazard_small_cap_value"] == ["2013-04-01", "2013-12-01"]
    assert {f for f, _ in with_waiver} == {"putnam_international_equity", "lazard_small_cap_value"}
    # D15, a waiver reimbursed in a later fiscal year, worked by hand in
    # tests/waivers/assert_sample_reimburses_2013_waivers_in_2014.sql (the same figures on the
    # marts): Lazard between $30M and $50M, excess 0.008 NA - 150,000 a year in the one-off
    # months, headroom 0.008 NA + 150,000 a year otherwise. April (30 days, sum of NA
    # 1,475,070,688.90): (11,800,565.5112 - 4,500,000) / 365 = 20,001.55; December (31 days,
    # 1,478,550,611.43): (11,828,404.89144 - 4,650,000) / 365 = 19,666.86; nothing repaid in
    # 2013; January 2014 (31 days, 1,468,795,133.46) headroom (11,750,361.06768 + 4,650,000) / 365
    # = 44,932.50 >= 39,668.41 owed: all of fiscal 2013 is repaid in January 2014.
    lazard = {m.isoformat(): row for (_, f, m), row in result.waivers.items() if f == "lazard_small_cap_value"}
    assert cents(lazard["2013-04-01"]["waiver_usd"]) == Decimal("20001.55")
    assert cents(lazard["2013-12-01"]["waiver_usd"]) == Decimal("19666.86")
    assert sum(row["recoupment_usd"] for m, row in lazard.items() if m < "2014-01-01") == 0
    assert cents(lazard["2014-01-01"]["recoupment_usd"]) == Decimal("39668.41")
    fees = {m.isoformat(): row for (a, f, m), row in result.monthly.items()
            if (a, f) == ("jnl_advisory", "lazard_small_cap_value")}
    # round(0.0105 x 1,468,795,133.46 / 365 + 39,668.412062) = round(42,253.010688 + 39,668.412062)
    assert fees["2014-01-01"]["net_fee_usd"] == Decimal("81921.42")
    # D16: 2013-03-01, Putnam at $600M: excess 300,000 / 365 = 821.92 a day
    day = next(r for r in result.expense_days
               if r["fund_id"] == "putnam_international_equity" and r["day"].isoformat() == "2013-03-01")
    assert cents(day["excess_usd"]) == Decimal("821.92")
    # the sample never reaches the year-to-date cap: hence the waiver_cap_binds builds
    assert not any(row["is_waiver_limited_to_advisory_fee"] for row in result.waivers.values())
    # with a net_assets_path (illustrative rows off) the same rows give no waiver at all
    plain = calc.compute(calc.default_seeds_dir(), sample.rows, sample.accrue_through)
    assert not plain.waivers and all(r["waiver_usd"] == 0 for r in plain.monthly.values())


def test_minimum_fee_periods_match(built):
    rows = _require(built, "periods")
    expected = built["expected"].periods
    if built["scenario"].file_format != "shipped":
        assert expected, "the scenario produced no minimum-fee period in the calculator: nothing to compare"
    actual = {(r["agreement_id"], r["period_start"]): r for r in rows}
    problems = key_differences(
        expected, actual,
        lambda e: (f"end={e['period_end']} complete={e['is_complete']} "
                   f"accrued={cents(e['accrued_fee_usd'])} shortfall={e['shortfall_usd']}"),
        lambda a: (f"end={a['period_end']} complete={a['is_complete']} "
                   f"accrued={a['accrued_fee_usd']} shortfall={a['shortfall_usd']}"))
    for key in sorted(set(expected) & set(actual)):
        e, a = expected[key], actual[key]
        for name, want, got in [
            ("period_end", e["period_end"], a["period_end"]),
            ("is_complete", e["is_complete"], a["is_complete"]),
            ("accrued_fee_usd", cents(e["accrued_fee_usd"]), cents(a["accrued_fee_usd"])),
            ("minimum_fee_usd", e["minimum_fee_usd"], Decimal(a["minimum_fee_usd"])),
            ("shortfall_usd", e["shortfall_usd"], Decimal(a["shortfall_usd"])),
        ]:
            if want != got:
                problems.append(f"{key} {name}: calculator {want} != mart {got}")
    assert not problems, _report("fct_minimum_fee_periods vs calculator", problems)


def test_scenarios_exercise_the_rules():
    """The scenarios cover what they claim (checked on the calculator's output)."""
    by_name = {s.name: s for s in GENERATED}
    seeds = calc.default_seeds_dir()
    mellon = calc.compute(seeds, by_name["mellon_advisory_2000_2004"].rows)
    shortfalls = [p for p in mellon.periods.values() if p["shortfall_usd"] > 0]
    assert shortfalls and any(p["is_complete"] and p["shortfall_usd"] == 0 for p in mellon.periods.values())
    assert any(not p["is_complete"] for p in mellon.periods.values())
    invesco = calc.compute(seeds, by_name["invesco_2012_2015"].rows)
    switched = [a.schedule_id.endswith("combined_gt_1b") for a in invesco.daily
                if a.fund_id == "invesco_small_cap_growth"]
    crossings = sum(1 for x, y in zip(switched, switched[1:]) if x != y)
    assert crossings >= 2 and switched.count(True) and switched.count(False)
    leap = by_name["mixed_leap_2003_2005"]
    result = calc.compute(seeds, leap.rows, leap.accrue_through)
    assert any(p["shortfall_usd"] > 0 for p in result.periods.values())
    assert any(r["days_in_year"] == 366 for r in result.monthly.values())


def test_daily_accruals_match(built):
    """Stronger than the monthly check: every accrued day (no compensating errors)."""
    rows = _require(built, "daily")
    expected = {(a.agreement_id, a.fund_id, a.accrual_date): a for a in built["expected"].daily}
    assert expected, "the scenario produced no accrued day in the calculator"
    actual = {(r["agreement_id"], r["fund_id"], r["accrual_date"]): r for r in rows}
    problems = key_differences(expected, actual)
    for key in sorted(set(expected) & set(actual)):
        e, a = expected[key], actual[key]
        checks = [
            ("net_assets_usd", e.net_assets_usd, Decimal(a["net_assets_usd"])),
            ("is_carried_forward", e.is_carried_forward, a["is_carried_forward"]),
            ("schedule_id", e.schedule_id, a["schedule_id"]),
            ("combined_net_assets_usd", e.combined_net_assets_usd,
             None if a["combined_net_assets_usd"] is None else Decimal(a["combined_net_assets_usd"])),
            ("days_in_year", e.days_in_year, a["days_in_year"]),
            ("annual_fee_usd", as_stored(e.annual_fee_usd, a["annual_fee_usd"]), Decimal(a["annual_fee_usd"])),
            # the engine keeps daily accruals at 18 decimals (divide_exact, half up)
            ("daily_accrual_usd", as_stored(e.daily_accrual_usd, a["daily_accrual_usd"]),
             Decimal(a["daily_accrual_usd"])),
        ]
        for name, want, got in checks:
            if want != got:
                problems.append(f"{key} {name}: calculator {want} != mart {got}")
    assert not problems, _report(f"fct_fee_accruals_daily vs calculator ({len(expected)} days)", problems)


def test_waiver_cap_scenario_exercises_the_cap(tmp_path):
    """The waiver_cap_binds rows do what WAIVER_CAP_ROWS says (on the calculator alone)."""
    project = project_with_waiver_cap_rows(tmp_path)
    rows = next(s for s in GENERATED if s.name == "mellon_advisory_2000_2004").rows
    result = calc.compute(project / "seeds" / "agreements", rows)
    putnam = {m: w for (_, f, m), w in result.waivers.items() if f == "putnam_growth"}
    limited = sorted(m.isoformat()[:7] for m, w in putnam.items() if w["is_waiver_limited_to_advisory_fee"])
    # January-March 2002: the year-to-date waiver is the whole fee; December 2003: the year ends above it
    assert limited[:3] == ["2002-01", "2002-02", "2002-03"] and "2003-12" in limited
    april = putnam[next(m for m in putnam if m.isoformat() == "2002-04-01")]
    assert 0 < april["waiver_usd"] < april["advisory_fee_usd"]
    jan04 = putnam[next(m for m in putnam if m.isoformat() == "2004-01-01")]
    assert jan04["waiver_usd"] == 0 and jan04["ytd_excess_usd"] == 0
    assert any(w["excluded_expenses_usd"] > 0 for w in putnam.values())
    assert any(f == "alger_growth" and w["waiver_usd"] > 0 for (_, f, _m), w in result.waivers.items())


def test_synthetic_universe_exercises_the_rules(tmp_path):
    """bench/generate.py's small universe covers what its docstring says (on the calculator alone)."""
    scenario, agreements = scenarios.synthetic_universe(tmp_path)
    result = calc.compute(agreements, scenario.rows)
    daily = result.daily
    # schedule_switch: the first fund of sub-advisory agreement 1 crosses its threshold both ways
    switched = [a.schedule_id.endswith("combined_gt_threshold") for a in daily
                if (a.agreement_id, a.fund_id) == ("bench_sub_advisory_0001", "bench_f000005")]
    assert sum(1 for x, y in zip(switched, switched[1:]) if x != y) >= 2 and switched.count(False)
    # effective dating: fund 3 changes advisory schedule on 2017-01-01 (halfway through the years)
    versions = sorted({(a.schedule_id, a.accrual_date.year) for a in daily
                       if (a.agreement_id, a.fund_id) == ("bench_advisory", "bench_f000003")})
    assert {v[0] for v in versions} == {"bench_advisory.bench_f000003.20160101",
                                        "bench_advisory.bench_f000003.20170101"}
    assert all((v[1] == 2016) == v[0].endswith("20160101") for v in versions)
    # `whole` schedules (every 7th fund) and 1 to 5 tiers
    methods = {a._schedule.method for a in daily}
    tier_counts = {len(a._schedule.tiers) for a in daily}
    assert methods == {"marginal", "whole"} and tier_counts == {1, 2, 3, 4, 5}
    # the minimum: a complete period with a shortfall, trued up in fct_fees_monthly
    assert any(p["is_complete"] and p["shortfall_usd"] > 0 for p in result.periods.values())
    assert any(m["minimum_true_up_usd"] > 0 for m in result.monthly.values())
    # every synthetic fund accrues advisory fees; every 5th is also sub-advised
    funds = {(a.agreement_id.split("_0")[0], a.fund_id) for a in daily}
    assert sum(1 for f in funds if f[0] == "bench_advisory") == 20
    assert sum(1 for f in funds if f[0] == "bench_sub_advisory") == 4
