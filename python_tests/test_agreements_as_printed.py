"""Issue 11: the agreements as printed, checked against hand-worked figures and the
independent calculator.

- Reimbursement as printed (advisory agreement section 2; DECISIONLOG D15): the calculator
  alone, on a hand-made fund, with the arithmetic in the comments.
- Lifecycle (D23-D24): the calculator's in-force spans for the dbt unit tests' events.
- One dbt build (the whole project) on a small scenario with the user's own files for
  every new input var: agreement events with a missed continuance (one fund) and a
  termination on the Trust's notice (one fund of one agreement), expense limitation and
  other-expense schedules, their tiers, and an elected waiver. The marts are compared with
  the calculator to the cent (fct_fees_monthly, fct_expense_waivers_monthly), and the
  unauthorised days and the board calendar with hand counts.

The helpers (dbt build, mart reader, cents, key differences) are imported from
test_fees_match_independent_calculator.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

import independent_calculator as calc
import scenarios
from conftest import run_dbt_process
from test_fees_match_independent_calculator import REPO_ROOT, cents, key_differences, read_mart, run_dbt_build
from test_independent_calculator import ADVISORY, daily_rows, ytd_cap_seeds

D = Decimal
M = 1_000_000


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# --------------------------------------------------------------------------
# calculator alone: reimbursement as printed
# --------------------------------------------------------------------------
def test_reimbursement_in_a_later_fiscal_year_by_hand(handmade_seeds):
    """$100M fund, advisory 0.60 %, other 0.20 %, limitation 1.00 %, a one-off 1.00 % in
    December 2003 (ytd_cap_seeds). Figures 2003-12-01 .. Friday 2004-01-30 (accrues through
    Saturday 31 January, R1)."""
    fund = "ytd_cap_fund"
    seeds = ytd_cap_seeds(handmade_seeds, "2003-12-01", "2003-12-31")
    rows = daily_rows(fund, d("2003-12-01"), d("2004-01-30"), "100000000")
    result = calc.compute(seeds, rows)
    dec, jan = (ADVISORY, fund, d("2003-12-01")), (ADVISORY, fund, d("2004-01-01"))
    # December: fee 600,000 x 31 / 365 = 50,958.90; excess 0.80 % x 100M x 31 / 365 = 67,945.21
    # > fee, so the waiver is the whole fee and December's net fee is 0.00
    assert cents(result.waivers[dec]["waiver_usd"]) == D("50958.90")
    assert result.monthly[dec]["net_fee_usd"] == D("0.00")
    # January 2004 (366 days): 0.60 % + 0.20 % = 0.80 % < 1.00 %: headroom 0.20 % x 100M / 366
    # a day, 31 days = 6,200,000 / 366 = 16,939.890710...; all of it repays 2003's waiver
    # (50,958.90 owed): recoupment 16,939.89
    assert cents(result.waivers[jan]["recoupment_usd"]) == D("16939.89")
    assert cents(result.monthly[jan]["expense_recoupment_usd"]) == D("16939.89")
    # net = round(600,000 x 31 / 366 + 16,939.890710...) = round(50,819.672131... + 16,939.890710...)
    #     = round(67,759.562841...) = 67,759.56
    assert result.monthly[jan]["net_fee_usd"] == D("67759.56")
    # switched off: no repayment, net = 50,819.67
    off = calc.compute(seeds, rows, recoupment_enabled=False)
    assert off.monthly[jan]["expense_recoupment_usd"] == 0
    assert off.monthly[jan]["net_fee_usd"] == D("50819.67")
    # a zero-year limit: 2003's waiver has expired by 2004, nothing is repaid
    expired = calc.compute(seeds, rows, recoupment_years=0)
    assert expired.monthly[jan]["net_fee_usd"] == D("50819.67")


# --------------------------------------------------------------------------
# calculator alone: the lifecycle of the dbt unit tests
# --------------------------------------------------------------------------
def _agreement(agreement_id: str, fee_type: str) -> calc.Agreement:
    return calc.Agreement(agreement_id=agreement_id, fee_type=fee_type, day_count_convention="actual/actual",
                          tier_basis="daily", payable_rounding="half_up", minimum_allocation_key="accrued_fee")


MELLON_TERMS = {"initial_term_months": "24", "continuance_months": "12", "trust_notice_days": "60",
                "adviser_notice_days": "60", "adviser_notice_max_months": "", "adviser_needs_replacement": "false",
                "sub_adviser_notice_days": "60"}
ADVISORY_TERMS = dict(MELLON_TERMS, adviser_notice_max_months="6", adviser_needs_replacement="true",
                      sub_adviser_notice_days="")


def test_lifecycle_spans_missed_continuance_and_notice():
    """The events of the unit test lifecycle_missed_continuance_late_approval_and_notice."""
    agreements = {"mellon_sub_advisory": _agreement("mellon_sub_advisory", "sub_advisory")}
    events = [("mellon_sub_advisory", None, d("2001-01-31"), "execution"),
              ("mellon_sub_advisory", None, d("2002-12-31"), "continuance_approval"),
              ("mellon_sub_advisory", None, d("2004-03-01"), "continuance_approval"),
              ("mellon_sub_advisory", "b", d("2003-03-01"), "termination_notice_by_trust")]
    spans_a = calc._in_force_spans("mellon_sub_advisory", "a", MELLON_TERMS, events, agreements)
    # initial term 2001-01-31 .. 2003-01-30; period 1 approved 2002-12-31; period 2 (from
    # 2004-01-31) lapsed until the late approval of 2004-03-01; period 3 approved by it
    assert spans_a == [(d("2001-01-31"), d("2003-01-30")), (d("2003-01-31"), d("2004-01-30")),
                       (d("2004-03-01"), d("2005-01-30")), (d("2005-01-31"), d("2006-01-30"))]
    # 2004-01-31 .. 2004-02-29 not in force: 1 + 29 = 30 days (2004 is a leap year)
    gap = [d("2004-01-31") + dt.timedelta(days=i) for i in range(40)]
    assert sum(1 for day in gap if not any(f <= day <= t for f, t in spans_a)) == 30
    # fund b: notice 2003-03-01 + 60 days = 2003-04-30, which still accrues
    spans_b = calc._in_force_spans("mellon_sub_advisory", "b", MELLON_TERMS, events, agreements)
    assert spans_b[-1] == (d("2003-01-31"), d("2003-04-30"))


def test_lifecycle_adviser_notice_six_months_or_replacement():
    """Advisory section 7 (unit test lifecycle_adviser_notice_six_months_or_replacement)."""
    agreements = {a: _agreement(a, "advisory") for a in ("jnl_advisory", "new_advisory")}
    events = [("jnl_advisory", None, d("2001-01-31"), "execution"),
              ("jnl_advisory", None, d("2002-12-31"), "continuance_approval"),
              ("jnl_advisory", None, d("2003-12-31"), "continuance_approval"),
              ("jnl_advisory", None, d("2004-12-31"), "continuance_approval"),
              ("jnl_advisory", "a", d("2005-03-01"), "termination_notice_by_adviser"),
              ("jnl_advisory", "b", d("2005-03-01"), "termination_notice_by_adviser"),
              ("new_advisory", "b", d("2005-04-10"), "board_approval")]
    # no replacement: six months after the notice, 2005-09-01
    assert calc._in_force_spans("jnl_advisory", "a", ADVISORY_TERMS, events, agreements)[-1][1] == d("2005-09-01")
    # replacement approved 2005-04-10, before the 60 days: 60 days, 2005-04-30
    assert calc._in_force_spans("jnl_advisory", "b", ADVISORY_TERMS, events, agreements)[-1][1] == d("2005-04-30")


# --------------------------------------------------------------------------
# one dbt build with the user's own files, compared with the calculator
# --------------------------------------------------------------------------
SPANS = [
    scenarios.ConstantSpan("putnam_growth", d("2012-11-01"), d("2013-06-28"), "100000000.00"),
    scenarios.ConstantSpan("alger_growth", d("2012-11-01"), d("2013-06-28"), "200000000.00"),
    scenarios.ConstantSpan("mellon_bond_index", d("2012-11-01"), d("2013-06-28"), "50000000.00"),
    scenarios.ConstantSpan("mellon_sp500_index", d("2012-11-01"), d("2013-06-28"), "150000000.00"),
]
# alger_growth: limitation 0.80 % to 2012-12-31 (advisory 0.975 % alone is over it: waivers in
# November and December 2012), then 3.00 % (headroom in 2013 repays 2012's waivers: a waiver
# reimbursed in a later fiscal year); other normal expenses 0.10 %
OWN_LIMITATIONS = [
    ("own.cap.alger.2012", "alger_growth", "whole", "2012-11-01", "2012-12-31", "0.800000"),
    ("own.cap.alger.2013", "alger_growth", "whole", "2013-01-01", "", "3.000000"),
]
OWN_OTHERS = [("own.other.alger", "alger_growth", "other_normal_expenses", "whole", "2012-11-01", "", "0.100000")]
OWN_ELECTED = [("alger_growth", "2013-05-01", "2013-05-31", "1234.56")]


def _events(default_rows: list[dict]) -> list[dict]:
    """The shipped events, but the advisory continuance for the period from 2013-01-31 is
    approved for every fund except putnam_growth, and the Trust gives Mellon notice for
    mellon_bond_index on 2013-03-01."""
    advisory_funds = sorted({r["fund_id"] for r in csv.DictReader(open(REPO_ROOT / "seeds" / "agreements" /
                                                                      "rosters.csv", encoding="utf-8"))
                             if r["agreement_id"] == "jnl_advisory"})
    out = []
    for r in default_rows:
        if r["agreement_id"] == "jnl_advisory" and r["event_date"] == "2012-12-31":
            continue
        out.append({k: r[k] for k in ("agreement_id", "fund_id", "event_date", "event_type")})
    out += [{"agreement_id": "jnl_advisory", "fund_id": f, "event_date": "2012-12-31",
             "event_type": "continuance_approval"} for f in advisory_funds if f != "putnam_growth"]
    out.append({"agreement_id": "mellon_sub_advisory", "fund_id": "mellon_bond_index", "event_date": "2013-03-01",
                "event_type": "termination_notice_by_trust"})
    return out


def _write(path: Path, header: list[str], rows: list) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture(scope="module")
def own_files_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("agreements_as_printed")
    scenario = scenarios.Scenario(name="own_files_2012_2013", seed=0, end=d("2013-06-28"), walks=[],
                                  spans=SPANS).generate()
    with open(REPO_ROOT / "seeds" / "agreements" / "agreement_events.csv", encoding="utf-8") as handle:
        events = _events(list(csv.DictReader(handle)))
    files = folder / "own"
    events_file = _write(files / "events.csv", ["agreement_id", "fund_id", "event_date", "event_type"],
                         [[e["agreement_id"], e["fund_id"], e["event_date"], e["event_type"]] for e in events])
    limitation_file = _write(files / "limitations.csv",
                             ["expense_schedule_id", "fund_id", "method", "effective_from", "effective_to"],
                             [row[:5] for row in OWN_LIMITATIONS])
    other_file = _write(files / "other.csv",
                        ["expense_schedule_id", "fund_id", "expense_category_id", "method", "effective_from",
                         "effective_to"], [row[:6] for row in OWN_OTHERS])
    tiers_file = _write(files / "tiers.csv",
                        ["expense_schedule_id", "tier_number", "lower_bound_usd", "upper_bound_usd",
                         "annual_rate_pct"],
                        [[row[0], 1, "0", "", row[-1]] for row in OWN_LIMITATIONS + OWN_OTHERS])
    elected_file = _write(files / "elected.csv", ["fund_id", "period_start", "period_end", "amount_usd"],
                          OWN_ELECTED)
    build = run_dbt_build(scenario, folder, REPO_ROOT, {
        "agreement_events_path": str(events_file),
        "expense_limitation_schedules_path": str(limitation_file),
        "other_expense_schedules_path": str(other_file),
        "expense_schedule_tiers_path": str(tiers_file),
        "elected_waivers_path": str(elected_file),
    })
    # the calculator reads the same inputs as seeds: a copy of seeds/ with them written in
    seeds = folder / "calc_seeds"
    shutil.copytree(REPO_ROOT / "seeds", seeds)
    _write(seeds / "agreements" / "agreement_events.csv", ["agreement_id", "fund_id", "event_date", "event_type"],
           [[e["agreement_id"], e["fund_id"], e["event_date"], e["event_type"]] for e in events])
    with open(seeds / "waivers" / "expense_schedules.csv", "a", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        for sid, fund, method, start, stop, _ in OWN_LIMITATIONS:
            writer.writerow([sid, fund, "limitation", "", method, start, stop, "false", "test"])
        for sid, fund, category, method, start, stop, _ in OWN_OTHERS:
            writer.writerow([sid, fund, "other_expense", category, method, start, stop, "false", "test"])
    with open(seeds / "waivers" / "expense_schedule_tiers.csv", "a", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        for row in OWN_LIMITATIONS + OWN_OTHERS:
            writer.writerow([row[0], 1, "0.00", "", row[-1], "test"])
    _write(seeds / "waivers" / "elected_waivers.csv",
           ["elected_waiver_id", "fund_id", "period_start", "period_end", "amount_usd", "is_illustrative", "note"],
           [["t1", *row, "false", "test"] for row in OWN_ELECTED])
    expected = calc.compute(seeds / "agreements", scenario.rows, scenario.accrue_through)
    return {"build": build, "expected": expected, "db": build["db_file"]}


def test_own_files_build_succeeds(own_files_build):
    build = own_files_build["build"]
    assert build["returncode"] == 0, build["output"][-6000:]


def test_fees_monthly_match_the_calculator(own_files_build):
    rows = read_mart(own_files_build["db"], "fct_fees_monthly")
    assert rows is not None, "fct_fees_monthly was not built"
    expected = own_files_build["expected"].monthly
    actual = {(r["agreement_id"], r["fund_id"], r["month_start"]): r for r in rows}
    problems = key_differences(expected, actual)
    for key in sorted(set(expected) & set(actual)):
        e, a = expected[key], actual[key]
        for name, want, got in [
            ("days_accrued", e["days_accrued"], a["days_accrued"]),
            ("accrued_fee_usd", cents(e["accrued_fee_usd"]), cents(a["accrued_fee_usd"])),
            ("minimum_true_up_usd", e["minimum_true_up_usd"], cents(a["minimum_true_up_usd"])),
            ("waiver_usd", cents(e["waiver_usd"]), cents(a["waiver_usd"])),
            ("expense_recoupment_usd", cents(e["expense_recoupment_usd"]), cents(a["expense_recoupment_usd"])),
            ("net_fee_usd", cents(e["net_fee_usd"]), cents(a["net_fee_usd"])),
        ]:
            if want != got:
                problems.append(f"{key} {name}: calculator {want} != mart {got}")
    assert not problems, "\n".join(problems[:30])
    # the rules were exercised: a reimbursement in 2013 of 2012's waivers, the elected waiver
    alger = {k[2]: v for k, v in expected.items() if k[:2] == (ADVISORY, "alger_growth")}
    assert alger[d("2012-11-01")]["waiver_usd"] > 0 and alger[d("2013-01-01")]["expense_recoupment_usd"] > 0
    assert sum((v["expense_recoupment_usd"] for v in alger.values()), D(0)) == \
        sum((alger[m]["waiver_usd"] for m in (d("2012-11-01"), d("2012-12-01"))), D(0)), \
        "2013's headroom repays every 2012 waiver"


def test_termination_on_notice_stops_one_fee_on_the_day(own_files_build):
    """Mellon, notice 2013-03-01 + 60 days = 2013-04-30 for mellon_bond_index alone: April
    accrues its 30 days, May and June nothing; mellon_sp500_index accrues June's 30 days."""
    rows = read_mart(own_files_build["db"], "fct_fees_monthly")
    mellon = {(r["fund_id"], r["month_start"]): r for r in rows if r["agreement_id"] == "mellon_sub_advisory"}
    assert mellon[("mellon_bond_index", d("2013-04-01"))]["days_accrued"] == 30
    assert ("mellon_bond_index", d("2013-05-01")) not in mellon
    assert mellon[("mellon_sp500_index", d("2013-06-01"))]["days_accrued"] == 30


def test_missed_continuance_lists_the_unauthorised_days(own_files_build):
    """putnam_growth: the advisory period from 2013-01-31 (continuance 11) has no approval
    for it; the data accrue through Sunday 2013-06-30 (R1): 2013-01-31 .. 2013-06-30 =
    1 + 28 + 31 + 30 + 31 + 30 = 151 unauthorised days, no fee accrued on them; January
    2013 accrues 30 days (1-30)."""
    rows = read_mart(own_files_build["db"], "fct_agreement_unauthorised_days")
    assert rows is not None
    assert len(rows) == 151
    assert {(r["agreement_id"], r["fund_id"], r["authority_gap"], r["period_number"], r["fee_accrued"])
            for r in rows} == {("jnl_advisory", "putnam_growth", "lapsed", 11, False)}
    assert min(r["accrual_date"] for r in rows) == d("2013-01-31")
    assert max(r["accrual_date"] for r in rows) == d("2013-06-30")
    fees = {(r["agreement_id"], r["fund_id"], r["month_start"]): r
            for r in read_mart(own_files_build["db"], "fct_fees_monthly")}
    assert fees[(ADVISORY, "putnam_growth", d("2013-01-01"))]["days_accrued"] == 30
    assert (ADVISORY, "putnam_growth", d("2013-02-01")) not in fees
    calendar = {(r["agreement_id"], r["fund_id"], r["period_number"]): r
                for r in read_mart(own_files_build["db"], "fct_agreement_board_calendar")}
    late = calendar[(ADVISORY, "putnam_growth", 11)]
    # the next agreement-wide approval (2013-12-31, for the period from 2014-01-31) falls inside
    # period 11: it restores it late
    assert (late["period_status"], late["approval_due_by"], late["late_approved_on"]) == (
        "approved_late", d("2013-01-30"), d("2013-12-31"))
    bond = calendar[("mellon_sub_advisory", "mellon_bond_index", 11)]
    assert (bond["terminates_on"], bond["termination_basis"]) == (d("2013-04-30"), "termination_notice_by_trust")


def test_elected_waiver_shown_apart(own_files_build):
    rows = {(r["fund_id"], r["month_start"]): r
            for r in read_mart(own_files_build["db"], "fct_expense_waivers_monthly")}
    may = rows[("alger_growth", d("2013-05-01"))]
    assert may["elected_waiver_usd"] == D("1234.56")
    assert may["total_waiver_usd"] == may["waiver_usd"] + D("1234.56")
    expected = own_files_build["expected"].waivers
    for key, e in expected.items():
        a = rows[(key[1], key[2])]
        for name in ("waiver_usd", "recoupment_usd", "elected_waiver_usd", "excess_usd", "expense_cap_usd"):
            assert cents(e[name]) == a[name], f"{key} {name}: calculator {cents(e[name])} != mart {a[name]}"


# --------------------------------------------------------------------------
# bad rows in the user's own files stop the build, naming the row and the rule
# --------------------------------------------------------------------------
BAD_FILES = {
    "unknown event type": ("agreement_events_path", "agreement_id,fund_id,event_date,event_type\n"
                           "jnl_advisory,alger_growth,2013-03-01,renewal\n",
                           "stg_agreements__agreement_events", "accepted_values_stg_agreements__agreement_events",
                           "renewal"),
    "unknown fund in an event": ("agreement_events_path", "agreement_id,fund_id,event_date,event_type\n"
                                 "jnl_advisory,no_such_fund,2013-03-01,termination\n",
                                 "stg_agreements__agreement_events",
                                 "relationships_stg_agreements__agreement_events_fund_id", "no_such_fund"),
    "negative elected waiver": ("elected_waivers_path", "fund_id,period_start,period_end,amount_usd\n"
                                "alger_growth,2013-03-01,2013-03-31,-5.00\n", "stg_waivers__elected_waivers",
                                "accepted_range_stg_waivers__elected_waivers_amount_usd", "alger_growth"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_row_in_own_file_stops_the_build(case, tmp_path):
    import json
    import os
    import subprocess

    var, text, model, rule, row = BAD_FILES[case]
    path = tmp_path / "input.csv"
    path.write_text(text, encoding="utf-8")
    env = dict(os.environ, FUND_FEES_DB=str(tmp_path / "w.duckdb"), DBT_PROFILES_DIR=str(REPO_ROOT),
               DBT_TARGET_PATH=str(tmp_path / "target"), DBT_LOG_PATH=str(tmp_path / "logs"),
               DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    dbt = REPO_ROOT / ".venv" / "bin" / "dbt"
    result = run_dbt_process([str(dbt) if dbt.exists() else "dbt", "build", "--select", f"+{model}", "+stg_agreements__funds", "+stg_agreements__agreements",
                              "--exclude-resource-type", "unit_test", "--vars", json.dumps({var: str(path)})],
                             cwd=REPO_ROOT, env=env)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-3000:]
    assert rule in output and row in output, output[-3000:]
