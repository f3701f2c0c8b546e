"""The dbt marts agree with the independent calculator, fund-month by fund-month.

For each seeded scenario (python_tests/scenarios.py) the net-asset file is
written to a temporary folder, ``dbt build`` runs on its own temporary DuckDB
file (FUND_FEES_DB) with ``--vars '{net_assets_path: <file>}'``, and every row
of ``fct_fees_monthly`` and ``fct_minimum_fee_periods`` is compared with
independent_calculator.compute() on the same rows and the same seeds:

- the same set of keys (agreement_id, fund_id, month_start) / (agreement_id, period_start);
- days_accrued exactly; average_daily_net_assets_usd, accrued_fee_usd and
  net_fee_usd to the cent (both sides quantized to 0.01; the calculator's
  average is first rounded half up to the mart column's scale, as the engine
  stores it); minimum_true_up_usd exactly; effective_rate_bps within 0.0001;
- per period: period_end, is_complete, minimum_fee_usd and shortfall_usd
  exactly, accrued_fee_usd to the cent.

A failing build fails test_dbt_build_succeeds; the marts are then built with
`dbt run` (models only) so that the number comparisons still run and report on
their own.
Also compared: every row of fct_fee_accruals_daily (schedule, combined assets,
carry-forward flag, annual fee and the daily accrual at the mart's 18 decimals).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

import independent_calculator as calc
import scenarios

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


def run_dbt_build(scenario: scenarios.Scenario, folder: Path) -> dict:
    data_file = scenarios.write_scenario(scenario, folder / "input")
    db_file = folder / "warehouse.duckdb"
    dbt_vars = {} if scenario.file_format == "shipped" else {"net_assets_path": str(data_file)}
    if scenario.accrue_through:
        dbt_vars["accrue_through"] = scenario.accrue_through
    env = dict(os.environ)
    env.update({
        "FUND_FEES_DB": str(db_file),
        "DBT_PROFILES_DIR": str(REPO_ROOT),
        # keep dbt's artefacts out of the shared repository folder
        "DBT_TARGET_PATH": str(folder / "target"),
        "DBT_LOG_PATH": str(folder / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    })
    # the whole project (seeds, models, data and unit tests): a partial --select would
    # still pick up relationship tests towards models it did not build
    command = [dbt_executable(), "build"] + (["--vars", json.dumps(dbt_vars)] if dbt_vars else [])
    proc = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True)
    result = {"command": command, "returncode": proc.returncode,
              "output": proc.stdout + proc.stderr, "db_file": db_file, "fallback": None}
    if proc.returncode != 0:
        # a failing data/unit test makes `dbt build` skip the models downstream of it;
        # `dbt run` (models only) still builds the marts, so the numbers can be compared
        # while test_dbt_build_succeeds reports the build failure itself
        fallback = [dbt_executable(), "run"] + (["--vars", json.dumps(dbt_vars)] if dbt_vars else [])
        run = subprocess.run(fallback, cwd=REPO_ROOT, env=env, capture_output=True, text=True)
        result["fallback"] = {"command": fallback, "returncode": run.returncode,
                              "output": run.stdout + run.stderr}
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


@pytest.fixture(scope="module", params=SCENARIOS, ids=[s.name for s in SCENARIOS])
def built(request, tmp_path_factory):
    scenario: scenarios.Scenario = request.param
    folder = tmp_path_factory.mktemp(scenario.name)
    build = run_dbt_build(scenario, folder)
    expected = calc.compute(calc.default_seeds_dir(), scenario.rows, scenario.accrue_through)
    return {
        "scenario": scenario,
        "build": build,
        "expected": expected,
        "monthly": read_mart(build["db_file"], "fct_fees_monthly"),
        "periods": read_mart(build["db_file"], "fct_minimum_fee_periods"),
    }


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
    problems = []
    for key in sorted(set(expected) - set(actual)):
        e = expected[key]
        problems.append(f"missing in mart {key}: calculator days={e['days_accrued']} "
                        f"accrued={cents(e['accrued_fee_usd'])} net={e['net_fee_usd']}")
    for key in sorted(set(actual) - set(expected)):
        a = actual[key]
        problems.append(f"extra in mart {key}: days={a['days_accrued']} accrued={a['accrued_fee_usd']} "
                        f"net={a['net_fee_usd']}")
    waivers = 0
    for key in sorted(set(expected) & set(actual)):
        e, a = expected[key], actual[key]
        waiver = Decimal(a.get("waiver_usd") or 0)
        recoupment = Decimal(a.get("expense_recoupment_usd") or 0)
        if waiver or recoupment:
            waivers += 1
        # R7 waivers and recoupments are not in the calculator: take the mart's as given
        mode = e["payable_rounding"]
        expected_net = e["net_fee_usd"] if not (waiver or recoupment) else (
            calc.round_money(e["accrued_fee_usd"] - waiver + recoupment, mode) + e["minimum_true_up_usd"])
        checks = [
            ("days_accrued", e["days_accrued"], a["days_accrued"]),
            ("average_daily_net_assets_usd",
             cents(as_stored(e["average_daily_net_assets_usd"], a["average_daily_net_assets_usd"])),
             cents(a["average_daily_net_assets_usd"])),
            ("accrued_fee_usd", cents(e["accrued_fee_usd"]), cents(a["accrued_fee_usd"])),
            ("minimum_true_up_usd", e["minimum_true_up_usd"], Decimal(a["minimum_true_up_usd"] or 0)),
            ("net_fee_usd", cents(expected_net), cents(a["net_fee_usd"])),
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


def test_minimum_fee_periods_match(built):
    rows = _require(built, "periods")
    expected = built["expected"].periods
    if built["scenario"].file_format != "shipped":
        assert expected, "the scenario produced no minimum-fee period in the calculator: nothing to compare"
    actual = {(r["agreement_id"], r["period_start"]): r for r in rows}
    problems = []
    for key in sorted(set(expected) - set(actual)):
        e = expected[key]
        problems.append(f"missing in mart {key}: end={e['period_end']} complete={e['is_complete']} "
                        f"accrued={cents(e['accrued_fee_usd'])} shortfall={e['shortfall_usd']}")
    for key in sorted(set(actual) - set(expected)):
        a = actual[key]
        problems.append(f"extra in mart {key}: end={a['period_end']} complete={a['is_complete']} "
                        f"accrued={a['accrued_fee_usd']} shortfall={a['shortfall_usd']}")
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
    built = dict(built, daily=read_mart(built["build"]["db_file"], "fct_fee_accruals_daily"))
    rows = _require(built, "daily")
    expected = {(a.agreement_id, a.fund_id, a.accrual_date): a for a in built["expected"].daily}
    assert expected, "the scenario produced no accrued day in the calculator"
    actual = {(r["agreement_id"], r["fund_id"], r["accrual_date"]): r for r in rows}
    problems = [f"missing in mart {k}" for k in sorted(set(expected) - set(actual))]
    problems += [f"extra in mart {k}" for k in sorted(set(actual) - set(expected))]
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
