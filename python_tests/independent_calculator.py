"""An independent fee calculator: fee-rules.md R1-R6 and R8 in plain Python.

It reads the agreement seeds (the CSV files of seeds/agreements/) and a list of
daily net-asset rows, and computes the monthly fees and the minimum-fee periods
with the standard library's ``decimal`` only. It never reads the dbt models or
the warehouse: it is a second, separate implementation of the specification
(/work/shared/docs/fee-rules.md), used by the tests to check the dbt marts.

Readings of fee-rules.md this calculator applies (also listed in its report):

- R1  Carry forward per fund from its first net-asset date through the accrual
      end date (``accrue_through`` if given, else the latest net-asset date of
      the whole input, extended over the Saturday/Sunday right after it while
      they stay in the same calendar month), never after ``termination_date``
      (inclusive). A fund whose own figures stop earlier keeps carrying its
      last figure forward to the accrual end date. Figures after the
      termination date are ignored.
- R8  A fund-day accrues under an agreement when the fund is on the roster in
      effect that day (roster = all rows of the agreement with the greatest
      roster_effective_date <= day) and a ``base`` schedule of that
      agreement/fund is in effect (greatest effective_from <= day). The same
      effective-dating applies to combined-asset rules (agreement/fund).
- R4  Combined assets = sum of the R1 figures of the group's funds that day,
      whether or not those funds are covered by the agreement that day.
      ``schedule_switch``: combined > threshold (>= for ``gte``) selects the
      alternate schedule, applied to the fund's own assets. ``pro_rata``:
      annual_fee(alternate, combined) * own / combined (0 when combined is 0).
- R3  ``marginal``: sum(rate * max(0, min(assets, upper) - lower)).
      ``whole``: the rate of the band with lower < assets <= upper (the band
      that starts at 0 also takes assets = 0) on all assets.
- R2  daily accrual = annual_fee / days_in_year, full precision (50 digits).
- R2  tier_basis ``monthly_average``: the day's schedule is chosen as for
      ``daily`` (combined assets of that day), the tiers are applied to the
      month's average of the fund's own figures over the days accrued in the
      month under that agreement (pro_rata: the month's averages of own and
      combined assets).
- R5  net_fee = round(accrued_fee - waiver + recoupment, 2, payable_rounding)
      + true-up (waiver includes elected waivers; see R7).
- R7  Expense limitation waiver, as DECISIONLOG D13-D16 read it. Inputs:
      seeds/waivers/ (expense_categories, expense_schedules,
      expense_schedule_tiers), found next to the agreement seeds (the same
      folder, else the sibling ``waivers`` folder of ``seeds/agreements``).
      A fund-day is compared when it accrues a fee under an agreement with
      fee_type ``advisory`` and a ``limitation`` schedule of the fund is in
      effect (effective_from <= day <= effective_to, blank = open; of several
      in effect the greatest effective_from wins; the same per other-expense
      category). Every schedule is an annual rate in percent, tiered (R3,
      marginal or whole) on the fund's own R1 figure of that day, divided by
      the advisory agreement's days_in_year (R2):
        cap      = limitation(net assets) / days_in_year
        other    = sum over included categories of expense(net assets) / days_in_year
                   (categories is_excluded_from_limitation are computed, not compared)
        expenses = advisory daily accrual + other
        excess   = max(0, expenses - cap)
      Fiscal year: ends with month ``fiscal_year_end_month`` (var
      expense_fiscal_year_end_month, default 12). Year to date:
      ytd_waiver = min(ytd excess, ytd advisory fee); a month's waiver =
      ytd_waiver at its last compared day - ytd_waiver at the last compared day
      of the earlier months of the same fiscal year (0 if none). Full precision.
      Rows with is_illustrative = true apply only when ``illustrative_expenses``
      is true, i.e. what `dbt build` does with no net_assets_path (the shipped
      sample); with a net-asset file only non-illustrative rows apply.
      Reimbursement (D15, the project default: as printed): per agreement and
      fund, fiscal year by fiscal year, the year's headroom H = sum of the daily
      max(0, cap - expenses) repays the waivers of EARLIER fiscal years still
      outstanding, oldest first, with no time limit (``recoupment_years`` = N:
      waivers of years more than N back are dropped first; ``recoupment_enabled``
      False: nothing is repaid). Within the year the repayment R accrues as
      min(ytd headroom, R); a month's recoupment = its change.
      Elected waivers (D26): seeds/waivers/elected_waivers.csv (fund_id,
      period_start, period_end, amount_usd; illustrative rows as above), each of
      the advisory agreement covering the fund on period_end, booked in
      the month of period_end: added to the month's waiver in ``monthly``
      (fct_fees_monthly.waiver_usd) and shown apart as ``elected_waiver_usd`` in
      ``waivers`` (whose ``waiver_usd`` stays the limitation waiver). Never repaid.
- Lifecycle (D23-D24): when seeds_dir holds agreement_events.csv and
      agreement_lifecycle_terms.csv, a fund accrues under an agreement only on
      days the agreement is in force for it: from its execution (the fund's own
      execution event, else the agreement's) through the initial term
      (initial_term_months), then each continuance of continuance_months whose
      approval (continuance_approval, board_approval, shareholder_approval for
      that fund or for all) is dated in the continuance_months before it starts;
      without one, from the first approval dated inside it. It ends on the
      termination date: a termination or assignment on its date; a notice by
      the Trust / Sub-Adviser after trust_notice_days / sub_adviser_notice_days;
      by the Adviser after adviser_notice_days, or, when adviser_needs_replacement,
      not before the first approval of another agreement of the same fee type
      for the fund (on or after the notice) or adviser_notice_max_months,
      whichever is earlier. The termination date accrues (section 4). Without
      those files every roster day is in force.
- R6  The agreement's funds = every fund on any of its rosters; inception =
      funds.csv inception_date, else the fund's first net-asset date (funds
      with neither are ignored). No period at all when the accrual end date is
      before the first period start. Equal allocation (all accruals in the
      period zero) is over the funds with at least one accrued day in the
      period. A true-up booked in a month where the fund has no accrued day
      creates a fund-month row with days_accrued 0.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import os
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal
from pathlib import Path
from typing import Iterable, Mapping

CTX = Context(prec=50, rounding=ROUND_HALF_EVEN)
CENT = Decimal("0.01")
ZERO = Decimal(0)
HUNDRED = Decimal(100)

PROJECT_DEFAULTS = {
    "day_count_convention": "actual/actual",
    "tier_basis": "daily",
    "payable_rounding": "half_up",
    "minimum_allocation_key": "accrued_fee",
}
DEFAULT_FISCAL_YEAR_END_MONTH = 12  # dbt var expense_fiscal_year_end_month

ROUNDING_MODES = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN}


# --------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------
def parse_date(value) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    return dt.date.fromisoformat(text[:10])


def parse_decimal(value) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        raise TypeError("floats are not accepted for money: pass str or Decimal")
    text = str(value).strip().replace(",", "")
    if not text:
        return None
    return Decimal(text)


def blank(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def add_months(day: dt.date, months: int) -> dt.date:
    """``day + interval n month`` with the day clamped to the month's end."""
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(day.day, last))


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def days_in_year(day: dt.date, convention: str) -> int:
    if convention == "actual/actual":
        return 366 if calendar.isleap(day.year) else 365
    if convention == "actual/365":
        return 365
    if convention == "actual/360":
        return 360
    raise ValueError(f"unknown day-count convention {convention!r}")


def round_money(amount: Decimal, mode: str = "half_up") -> Decimal:
    return amount.quantize(CENT, rounding=ROUNDING_MODES[mode], context=CTX)


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return [
            {(k or "").strip(): (v if v is not None else "") for k, v in row.items()}
            for row in csv.DictReader(handle)
        ]


# --------------------------------------------------------------------------
# the agreement data
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class Tier:
    tier_number: int
    lower_bound_usd: Decimal
    upper_bound_usd: Decimal | None  # None = unbounded
    annual_rate_pct: Decimal


@dataclass
class Schedule:
    schedule_id: str
    agreement_id: str
    fund_id: str
    effective_from: dt.date
    method: str
    schedule_role: str
    tiers: list[Tier] = field(default_factory=list)


@dataclass(frozen=True)
class CombinedRule:
    rule_id: str
    agreement_id: str
    fund_id: str
    asset_group_id: str
    fee_basis: str
    threshold_usd: Decimal | None
    threshold_comparison: str | None
    alternate_schedule_id: str
    effective_from: dt.date


@dataclass
class Agreement:
    agreement_id: str
    fee_type: str | None
    day_count_convention: str
    tier_basis: str
    payable_rounding: str
    minimum_allocation_key: str


@dataclass
class ExpenseSchedule:
    """One row of seeds/waivers/expense_schedules.csv with its tiers (R7).

    Has the attributes annual_fee() reads (schedule_id, method, tiers)."""

    schedule_id: str
    fund_id: str
    schedule_kind: str  # limitation | other_expense
    expense_category_id: str | None
    method: str
    effective_from: dt.date
    effective_to: dt.date | None  # None = open
    is_illustrative: bool
    tiers: list[Tier] = field(default_factory=list)

    def in_effect(self, day: dt.date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)


def parse_bool(value) -> bool:
    text = (blank(value) or "").lower()
    if text in ("true", "t", "1", "yes", "y"):
        return True
    if text in ("false", "f", "0", "no", "n", ""):
        return False
    raise ValueError(f"not a boolean: {value!r}")


def annual_fee(schedule: Schedule, assets: Decimal) -> Decimal:
    """R3: the annual fee of ``schedule`` on ``assets`` (exact)."""
    tiers = sorted(schedule.tiers, key=lambda t: t.lower_bound_usd)
    if schedule.method == "marginal":
        total = ZERO
        for tier in tiers:
            top = assets if tier.upper_bound_usd is None else min(assets, tier.upper_bound_usd)
            slice_ = top - tier.lower_bound_usd
            if slice_ > 0:
                total = CTX.add(total, CTX.multiply(slice_, tier.annual_rate_pct))
        return CTX.divide(total, HUNDRED)
    if schedule.method == "whole":
        for index, tier in enumerate(tiers):
            above_lower = assets > tier.lower_bound_usd or (index == 0 and assets >= tier.lower_bound_usd)
            below_upper = tier.upper_bound_usd is None or assets <= tier.upper_bound_usd
            if above_lower and below_upper:
                return CTX.divide(CTX.multiply(assets, tier.annual_rate_pct), HUNDRED)
        return ZERO
    raise ValueError(f"unknown tier method {schedule.method!r} in {schedule.schedule_id}")


def _in_force_spans(agreement_id: str, fund_id: str, term: Mapping[str, str], events: list,
                    agreements: Mapping[str, "Agreement"]) -> list[tuple]:
    """The days an approval holds ``agreement_id`` in force for ``fund_id`` (module docstring)."""
    mine = [(d, t, f) for a, f, d, t in events if a == agreement_id and (f is None or f == fund_id)]
    executions = sorted(d for d, t, f in mine if t == "execution" and f == fund_id) or sorted(
        d for d, t, f in mine if t == "execution")
    if not executions:
        return []
    execution = executions[0]
    initial, cont = int(term["initial_term_months"]), int(term["continuance_months"])
    approvals = sorted(d for d, t, f in mine if t in ("continuance_approval", "board_approval",
                                                       "shareholder_approval"))
    # the termination date: the earliest end any termination event gives
    fee_type = agreements[agreement_id].fee_type if agreement_id in agreements else None
    ends = []
    for d, t, f in mine:
        if t in ("termination", "assignment"):
            ends.append(d)
        elif t == "termination_notice_by_trust":
            ends.append(d + dt.timedelta(days=int(term["trust_notice_days"])))
        elif t == "termination_notice_by_sub_adviser":
            ends.append(d + dt.timedelta(days=int(term["sub_adviser_notice_days"])))
        elif t == "termination_notice_by_adviser":
            like_notice = d + dt.timedelta(days=int(term["adviser_notice_days"]))
            if parse_bool(term.get("adviser_needs_replacement")):
                latest = add_months(d, int(term["adviser_notice_max_months"]))
                replacements = sorted(
                    e_d for a, f2, e_d, e_t in events
                    if a != agreement_id and e_t in ("board_approval", "shareholder_approval")
                    and (f2 is None or f2 == fund_id) and e_d >= d
                    and a in agreements and agreements[a].fee_type == fee_type)
                ends.append(max(like_notice, min([latest] + replacements[:1])))
            else:
                ends.append(like_notice)
    termination = min(ends) if ends else None
    horizon = max(approvals + [execution])
    spans = []
    k = 0
    while True:
        if k == 0:
            start, stop = execution, add_months(execution, initial) - dt.timedelta(days=1)
            first = start
        else:
            start = add_months(execution, initial + (k - 1) * cont)
            stop = add_months(execution, initial + k * cont) - dt.timedelta(days=1)
            if start > add_months(horizon, cont):  # past the last period an approval can reach
                break
            window = add_months(start, -cont)
            if any(window <= a < start for a in approvals):
                first = start
            else:
                late = [a for a in approvals if start <= a <= stop]
                first = late[0] if late else None
        if termination is not None and termination < start:
            break
        if first is not None:
            last = stop if termination is None else min(stop, termination)
            spans.append((first, last))
        k += 1
    return spans


class AgreementData:
    """The agreement seeds, typed. ``seeds_dir`` = a folder with the CSV files."""

    def __init__(self, seeds_dir: str | os.PathLike, defaults: Mapping[str, str] | None = None,
                 waivers_dir: str | os.PathLike | None = None):
        self.seeds_dir = Path(seeds_dir)
        self.defaults = dict(PROJECT_DEFAULTS)
        self.defaults.update(defaults or {})
        d = self.seeds_dir

        self.agreements: dict[str, Agreement] = {}
        for row in read_csv(d / "agreements.csv"):
            self.agreements[row["agreement_id"].strip()] = Agreement(
                agreement_id=row["agreement_id"].strip(),
                fee_type=blank(row.get("fee_type")),
                day_count_convention=blank(row.get("day_count_convention")) or self.defaults["day_count_convention"],
                tier_basis=blank(row.get("tier_basis")) or self.defaults["tier_basis"],
                payable_rounding=blank(row.get("payable_rounding")) or self.defaults["payable_rounding"],
                minimum_allocation_key=blank(row.get("minimum_allocation_key"))
                or self.defaults["minimum_allocation_key"],
            )

        self.funds: dict[str, dict] = {}
        for row in read_csv(d / "funds.csv"):
            self.funds[row["fund_id"].strip()] = {
                "inception_date": parse_date(row.get("inception_date")),
                "termination_date": parse_date(row.get("termination_date")),
            }

        # rosters: agreement -> sorted [(effective_date, {fund_ids})]
        rosters: dict[str, dict[dt.date, set]] = defaultdict(lambda: defaultdict(set))
        for row in read_csv(d / "rosters.csv"):
            rosters[row["agreement_id"].strip()][parse_date(row["roster_effective_date"])].add(row["fund_id"].strip())
        self.rosters = {a: sorted(v.items()) for a, v in rosters.items()}

        self.schedules: dict[str, Schedule] = {}
        for row in read_csv(d / "fee_schedules.csv"):
            sid = row["schedule_id"].strip()
            self.schedules[sid] = Schedule(
                schedule_id=sid,
                agreement_id=row["agreement_id"].strip(),
                fund_id=row["fund_id"].strip(),
                effective_from=parse_date(row["effective_from"]),
                method=row["method"].strip(),
                schedule_role=row["schedule_role"].strip(),
            )
        for row in read_csv(d / "fee_schedule_tiers.csv"):
            sid = row["schedule_id"].strip()
            self.schedules[sid].tiers.append(
                Tier(
                    tier_number=int(row["tier_number"]),
                    lower_bound_usd=parse_decimal(row["lower_bound_usd"]) or ZERO,
                    upper_bound_usd=parse_decimal(row.get("upper_bound_usd")),
                    annual_rate_pct=parse_decimal(row["annual_rate_pct"]),
                )
            )
        # base schedules: (agreement, fund) -> sorted [(effective_from, schedule)]
        base: dict[tuple, list] = defaultdict(list)
        for sched in self.schedules.values():
            if sched.schedule_role == "base":
                base[(sched.agreement_id, sched.fund_id)].append((sched.effective_from, sched))
        self.base_schedules = {k: sorted(v, key=lambda x: x[0]) for k, v in base.items()}

        self.asset_groups: dict[str, list[str]] = defaultdict(list)
        path = d / "asset_groups.csv"
        if path.exists():
            for row in read_csv(path):
                self.asset_groups[row["asset_group_id"].strip()].append(row["fund_id"].strip())

        rules: dict[tuple, list] = defaultdict(list)
        path = d / "combined_asset_rules.csv"
        if path.exists():
            for row in read_csv(path):
                rule = CombinedRule(
                    rule_id=row["rule_id"].strip(),
                    agreement_id=row["agreement_id"].strip(),
                    fund_id=row["fund_id"].strip(),
                    asset_group_id=row["asset_group_id"].strip(),
                    fee_basis=row["fee_basis"].strip(),
                    threshold_usd=parse_decimal(row.get("threshold_usd")),
                    threshold_comparison=blank(row.get("threshold_comparison")),
                    alternate_schedule_id=row["alternate_schedule_id"].strip(),
                    effective_from=parse_date(row["effective_from"]),
                )
                rules[(rule.agreement_id, rule.fund_id)].append((rule.effective_from, rule))
        self.combined_rules = {k: sorted(v, key=lambda x: x[0]) for k, v in rules.items()}

        self.minimum_fees: dict[str, dict] = {}
        path = d / "minimum_fees.csv"
        if path.exists():
            for row in read_csv(path):
                self.minimum_fees[row["agreement_id"].strip()] = {
                    "minimum_fee_id": row.get("minimum_fee_id", "").strip(),
                    "minimum_fee_usd": parse_decimal(row["minimum_fee_usd"]),
                    "period_months": int(blank(row.get("period_months")) or 12),
                    "start_offset_months": int(blank(row.get("start_offset_months")) or 12),
                }

        # R7 inputs: seeds/waivers/ (optional: no files, no waiver)
        self.waivers_dir = self._find_waivers_dir(waivers_dir)
        self.expense_categories: dict[str, dict] = {}
        self.expense_schedules: dict[str, ExpenseSchedule] = {}
        if self.waivers_dir is not None:
            w = self.waivers_dir
            for row in read_csv(w / "expense_categories.csv"):
                self.expense_categories[row["expense_category_id"].strip()] = {
                    "amount_source": blank(row.get("amount_source")),
                    "is_excluded_from_limitation": parse_bool(row["is_excluded_from_limitation"]),
                }
            for row in read_csv(w / "expense_schedules.csv"):
                sid = row["expense_schedule_id"].strip()
                kind = row["schedule_kind"].strip()
                category = blank(row.get("expense_category_id"))
                if kind not in ("limitation", "other_expense"):
                    raise ValueError(f"unknown schedule_kind {kind!r} in {sid}")
                if kind == "other_expense" and category not in self.expense_categories:
                    raise ValueError(f"unknown expense category {category!r} in {sid}")
                self.expense_schedules[sid] = ExpenseSchedule(
                    schedule_id=sid,
                    fund_id=row["fund_id"].strip(),
                    schedule_kind=kind,
                    expense_category_id=category,
                    method=row["method"].strip(),
                    effective_from=parse_date(row["effective_from"]),
                    effective_to=parse_date(row.get("effective_to")),
                    is_illustrative=parse_bool(row.get("is_illustrative")),
                )
            for row in read_csv(w / "expense_schedule_tiers.csv"):
                sid = row["expense_schedule_id"].strip()
                self.expense_schedules[sid].tiers.append(
                    Tier(
                        tier_number=int(row["tier_number"]),
                        lower_bound_usd=parse_decimal(row["lower_bound_usd"]) or ZERO,
                        upper_bound_usd=parse_decimal(row.get("upper_bound_usd")),
                        annual_rate_pct=parse_decimal(row["annual_rate_pct"]),
                    )
                )
        # fund -> its expense schedules
        self.expense_schedules_by_fund: dict[str, list[ExpenseSchedule]] = defaultdict(list)
        for sched in sorted(self.expense_schedules.values(), key=lambda x: (x.effective_from, x.schedule_id)):
            self.expense_schedules_by_fund[sched.fund_id].append(sched)

        # elected (voluntary) waivers: [(fund_id, period_end, amount, is_illustrative)]
        self.elected_waivers: list[tuple] = []
        if self.waivers_dir is not None and (self.waivers_dir / "elected_waivers.csv").exists():
            for row in read_csv(self.waivers_dir / "elected_waivers.csv"):
                self.elected_waivers.append((row["fund_id"].strip(), parse_date(row["period_end"]),
                                             parse_decimal(row["amount_usd"]),
                                             parse_bool(row.get("is_illustrative"))))

        # agreement lifecycle: (agreement, fund) -> [(first day, last day or None)] in force;
        # None when the seeds hold no events (every roster day is in force)
        self.in_force_spans: dict[tuple, list] | None = None
        events_path, terms_path = d / "agreement_events.csv", d / "agreement_lifecycle_terms.csv"
        if events_path.exists() and terms_path.exists():
            events = [(row["agreement_id"].strip(), blank(row.get("fund_id")), parse_date(row["event_date"]),
                       row["event_type"].strip()) for row in read_csv(events_path)]
            terms = {row["agreement_id"].strip(): row for row in read_csv(terms_path)}
            self.in_force_spans = {}
            for agreement_id, term in terms.items():
                for fund_id in self.agreement_funds(agreement_id):
                    self.in_force_spans[(agreement_id, fund_id)] = _in_force_spans(
                        agreement_id, fund_id, term, events, self.agreements)

    def in_force(self, agreement_id: str, fund_id: str, day: dt.date) -> bool:
        if self.in_force_spans is None:
            return True
        for first, last in self.in_force_spans.get((agreement_id, fund_id), []):
            if first <= day and (last is None or day <= last):
                return True
        return False

    def _find_waivers_dir(self, waivers_dir) -> Path | None:
        if waivers_dir is not None:
            return Path(waivers_dir)
        if (self.seeds_dir / "expense_schedules.csv").exists():
            return self.seeds_dir
        sibling = self.seeds_dir.parent / "waivers"
        if self.seeds_dir.name == "agreements" and (sibling / "expense_schedules.csv").exists():
            return sibling
        return None

    def expense_schedules_in_effect(self, fund_id: str, day: dt.date, illustrative: bool):
        """R7: (limitation or None, {category: schedule}) in effect for the fund that day.

        Of several schedules of the same kind (and category) in effect, the one
        with the greatest effective_from replaces the earlier ones (as R8)."""
        limitation = None
        others: dict[str, ExpenseSchedule] = {}
        for sched in self.expense_schedules_by_fund.get(fund_id, []):  # by effective_from
            if not sched.in_effect(day) or (sched.is_illustrative and not illustrative):
                continue
            if sched.schedule_kind == "limitation":
                limitation = sched
            else:
                others[sched.expense_category_id] = sched
        return limitation, others

    # -- effective-dated look-ups ------------------------------------------
    @staticmethod
    def _in_effect(entries: list, day: dt.date):
        current = None
        for effective, value in entries:
            if effective <= day:
                current = value
            else:
                break
        return current

    def on_roster(self, agreement_id: str, fund_id: str, day: dt.date) -> bool:
        roster = self._in_effect(self.rosters.get(agreement_id, []), day)
        return roster is not None and fund_id in roster

    def base_schedule(self, agreement_id: str, fund_id: str, day: dt.date) -> Schedule | None:
        return self._in_effect(self.base_schedules.get((agreement_id, fund_id), []), day)

    def combined_rule(self, agreement_id: str, fund_id: str, day: dt.date) -> CombinedRule | None:
        return self._in_effect(self.combined_rules.get((agreement_id, fund_id), []), day)

    def agreement_funds(self, agreement_id: str) -> set[str]:
        funds: set[str] = set()
        for _, members in self.rosters.get(agreement_id, []):
            funds |= members
        return funds


# --------------------------------------------------------------------------
# R1: accrual end date and carry-forward
# --------------------------------------------------------------------------
def normalise_rows(rows: Iterable) -> dict[str, dict[dt.date, Decimal]]:
    """rows: dicts with fund_id, as_of_date, net_assets_usd (or 3-tuples)."""
    by_fund: dict[str, dict[dt.date, Decimal]] = defaultdict(dict)
    for row in rows:
        if isinstance(row, Mapping):
            fund_id, as_of, amount = row["fund_id"], row["as_of_date"], row["net_assets_usd"]
        else:
            fund_id, as_of, amount = row
        day = parse_date(as_of)
        value = parse_decimal(amount)
        if day in by_fund[fund_id] and by_fund[fund_id][day] != value:
            raise ValueError(f"two different figures for {fund_id} on {day}")
        by_fund[fund_id][day] = value
    return by_fund


def accrual_end_date(figures: Mapping[str, Mapping[dt.date, Decimal]], accrue_through=None) -> dt.date | None:
    if accrue_through is not None:
        return parse_date(accrue_through)
    dates = [day for per_fund in figures.values() for day in per_fund]
    if not dates:
        return None
    end = max(dates)
    # extend over the Saturday and Sunday that immediately follow, same month only
    while True:
        nxt = end + dt.timedelta(days=1)
        if nxt.weekday() in (5, 6) and nxt.month == end.month:
            end = nxt
        else:
            return end


def carry_forward(
    figures: Mapping[str, Mapping[dt.date, Decimal]],
    end: dt.date,
    termination: Mapping[str, dt.date | None],
) -> dict[str, dict[dt.date, tuple[Decimal, bool]]]:
    """fund -> {calendar day: (net assets, is_carried_forward)} (R1)."""
    result: dict[str, dict[dt.date, tuple[Decimal, bool]]] = {}
    for fund_id, per_fund in figures.items():
        if not per_fund:
            continue
        last_day = end
        term = termination.get(fund_id)
        if term is not None and term < last_day:
            last_day = term
        day = min(per_fund)
        days: dict[dt.date, tuple[Decimal, bool]] = {}
        current = None
        while day <= last_day:
            if day in per_fund:
                current = per_fund[day]
                days[day] = (current, False)
            else:
                days[day] = (current, True)
            day += dt.timedelta(days=1)
        result[fund_id] = days
    return result


# --------------------------------------------------------------------------
# R2-R8: daily accruals
# --------------------------------------------------------------------------
@dataclass
class DailyAccrual:
    agreement_id: str
    fee_type: str | None
    fund_id: str
    accrual_date: dt.date
    net_assets_usd: Decimal
    is_carried_forward: bool
    schedule_id: str
    combined_net_assets_usd: Decimal | None
    days_in_year: int
    annual_fee_usd: Decimal = ZERO
    daily_accrual_usd: Decimal = ZERO
    # internal: what the fee applies to
    _schedule: Schedule | None = None
    _fee_basis: str | None = None  # None | schedule_switch | pro_rata

    @property
    def month_start(self) -> dt.date:
        return month_start(self.accrual_date)


def _daily_accruals(data: AgreementData, days: dict, end: dt.date) -> list[DailyAccrual]:
    combined_cache: dict[tuple[str, dt.date], Decimal] = {}

    def combined(group: str, day: dt.date) -> Decimal:
        key = (group, day)
        if key not in combined_cache:
            total = ZERO
            for member in data.asset_groups.get(group, []):
                entry = days.get(member, {}).get(day)
                if entry is not None:
                    total += entry[0]
            combined_cache[key] = total
        return combined_cache[key]

    out: list[DailyAccrual] = []
    for agreement_id, agreement in sorted(data.agreements.items()):
        for fund_id in sorted(data.agreement_funds(agreement_id)):
            for day, (assets, is_cf) in sorted(days.get(fund_id, {}).items()):
                if day > end:
                    break
                if not data.on_roster(agreement_id, fund_id, day):
                    continue
                if not data.in_force(agreement_id, fund_id, day):  # lifecycle (D23-D24)
                    continue
                base = data.base_schedule(agreement_id, fund_id, day)
                if base is None:
                    continue
                schedule, basis, comb = base, None, None
                rule = data.combined_rule(agreement_id, fund_id, day)
                if rule is not None:
                    comb = combined(rule.asset_group_id, day)
                    basis = rule.fee_basis
                    alternate = data.schedules[rule.alternate_schedule_id]
                    if rule.fee_basis == "schedule_switch":
                        if rule.threshold_comparison == "gte":
                            met = comb >= rule.threshold_usd
                        else:
                            met = comb > rule.threshold_usd
                        if met:
                            schedule = alternate
                    elif rule.fee_basis == "pro_rata":
                        schedule = alternate
                    else:
                        raise ValueError(f"unknown fee_basis {rule.fee_basis!r}")
                out.append(
                    DailyAccrual(
                        agreement_id=agreement_id,
                        fee_type=agreement.fee_type,
                        fund_id=fund_id,
                        accrual_date=day,
                        net_assets_usd=assets,
                        is_carried_forward=is_cf,
                        schedule_id=schedule.schedule_id,
                        combined_net_assets_usd=comb,
                        days_in_year=days_in_year(day, agreement.day_count_convention),
                        _schedule=schedule,
                        _fee_basis=basis,
                    )
                )

    # annual fee per day, by the agreement's tier basis
    def fee_on(schedule, basis, own, comb):
        if basis == "pro_rata":
            if comb == 0:
                return ZERO
            return CTX.divide(CTX.multiply(annual_fee(schedule, comb), own), comb)
        return annual_fee(schedule, own)

    groups: dict[tuple, list[DailyAccrual]] = defaultdict(list)
    for acc in out:
        groups[(acc.agreement_id, acc.fund_id, acc.month_start)].append(acc)
    for (agreement_id, _, _), accs in groups.items():
        basis_kind = data.agreements[agreement_id].tier_basis
        if basis_kind == "daily":
            for acc in accs:
                acc.annual_fee_usd = fee_on(acc._schedule, acc._fee_basis, acc.net_assets_usd, acc.combined_net_assets_usd)
        elif basis_kind == "monthly_average":
            n = Decimal(len(accs))
            avg_own = CTX.divide(sum((a.net_assets_usd for a in accs), ZERO), n)
            combs = [a.combined_net_assets_usd for a in accs if a.combined_net_assets_usd is not None]
            avg_comb = CTX.divide(sum(combs, ZERO), Decimal(len(combs))) if combs else None
            for acc in accs:
                acc.annual_fee_usd = fee_on(acc._schedule, acc._fee_basis, avg_own, avg_comb)
        else:
            raise ValueError(f"unknown tier_basis {basis_kind!r}")
        for acc in accs:
            acc.daily_accrual_usd = CTX.divide(acc.annual_fee_usd, Decimal(acc.days_in_year))
    return out


# --------------------------------------------------------------------------
# R6: minimum fee periods
# --------------------------------------------------------------------------
def allocate_largest_remainder(total: Decimal, weights: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """Split ``total`` (cents) by ``weights``; shares sum exactly to ``total``.

    Each share is floored to the cent, then the remaining cents go one each to
    the largest remainders (ties: fund_id ascending).
    """
    keys = sorted(weights)
    if not keys:
        return {}
    weight_sum = sum(weights.values(), ZERO)
    if weight_sum == 0:
        weights = {k: Decimal(1) for k in keys}
        weight_sum = Decimal(len(keys))
    shares, remainders = {}, {}
    for key in keys:
        raw = CTX.divide(CTX.multiply(total, weights[key]), weight_sum)
        floor = raw.quantize(CENT, rounding=ROUND_DOWN)
        shares[key] = floor
        remainders[key] = raw - floor
    left = int(((total - sum(shares.values(), ZERO)) / CENT).to_integral_value())
    for key in sorted(keys, key=lambda k: (-remainders[k], k))[:left]:
        shares[key] += CENT
    return shares


def _minimum_periods(data, accruals, figures, end):
    periods: dict[tuple, dict] = {}
    allocations: dict[tuple, Decimal] = {}  # (agreement, fund, month_start) -> true-up
    by_agreement: dict[str, list[DailyAccrual]] = defaultdict(list)
    for acc in accruals:
        by_agreement[acc.agreement_id].append(acc)
    for agreement_id, minimum in sorted(data.minimum_fees.items()):
        inceptions = []
        for fund_id in data.agreement_funds(agreement_id):
            inception = data.funds.get(fund_id, {}).get("inception_date")
            if inception is None and figures.get(fund_id):
                inception = min(figures[fund_id])
            if inception is not None:
                inceptions.append(inception)
        if not inceptions or end is None:
            continue
        start = add_months(min(inceptions), minimum["start_offset_months"])
        months = minimum["period_months"]
        k = 0
        while True:
            p_start = add_months(start, k * months)
            if p_start > end:
                break
            p_end = add_months(start, (k + 1) * months) - dt.timedelta(days=1)
            inside = [a for a in by_agreement.get(agreement_id, []) if p_start <= a.accrual_date <= p_end]
            aggregate = ZERO
            per_fund: dict[str, Decimal] = defaultdict(lambda: ZERO)
            for acc in inside:
                aggregate = CTX.add(aggregate, acc.daily_accrual_usd)
                per_fund[acc.fund_id] = CTX.add(per_fund[acc.fund_id], acc.daily_accrual_usd)
            complete = p_end <= end
            shortfall = ZERO
            if complete:
                gap = minimum["minimum_fee_usd"] - aggregate
                shortfall = round_money(gap, "half_up") if gap > 0 else ZERO
            period = {
                "agreement_id": agreement_id,
                "period_start": p_start,
                "period_end": p_end,
                "is_complete": complete,
                "accrued_fee_usd": aggregate,
                "minimum_fee_usd": minimum["minimum_fee_usd"],
                "shortfall_usd": shortfall,
                "allocations": {},
            }
            if shortfall > 0:
                key = data.agreements[agreement_id].minimum_allocation_key
                if key == "accrued_fee":
                    weights = dict(per_fund)
                elif key == "equal":
                    weights = {f: Decimal(1) for f in per_fund}
                else:
                    raise ValueError(f"unknown minimum_allocation_key {key!r}")
                shares = allocate_largest_remainder(shortfall, weights)
                period["allocations"] = shares
                booked = month_start(p_end)
                for fund_id, share in shares.items():
                    allocations[(agreement_id, fund_id, booked)] = (
                        allocations.get((agreement_id, fund_id, booked), ZERO) + share
                    )
            periods[(agreement_id, p_start)] = period
            k += 1
    return periods, allocations


# --------------------------------------------------------------------------
# R7: expense limitation waiver
# --------------------------------------------------------------------------
def fiscal_year_start(day: dt.date, end_month: int = DEFAULT_FISCAL_YEAR_END_MONTH) -> dt.date:
    """First day of the fiscal year (ending with month ``end_month``) that contains ``day``."""
    if not 1 <= end_month <= 12:
        raise ValueError(f"fiscal year end month must be 1..12, not {end_month!r}")
    start_month = end_month % 12 + 1
    year = day.year if day.month >= start_month else day.year - 1
    return dt.date(year, start_month, 1)


def _expense_days(data: AgreementData, accruals: list[DailyAccrual], illustrative: bool) -> list[dict]:
    """One row per advisory fund-day that has a limitation in effect (R7, D13-D14)."""
    out = []
    for acc in accruals:
        if acc.fee_type != "advisory":
            continue
        limitation, others = data.expense_schedules_in_effect(acc.fund_id, acc.accrual_date, illustrative)
        if limitation is None:
            continue
        diy = Decimal(acc.days_in_year)  # the advisory agreement's day count (R2)
        cap = CTX.divide(annual_fee(limitation, acc.net_assets_usd), diy)
        included = ZERO
        excluded = ZERO
        for category, sched in sorted(others.items()):
            amount = CTX.divide(annual_fee(sched, acc.net_assets_usd), diy)
            if data.expense_categories[category]["is_excluded_from_limitation"]:
                excluded = CTX.add(excluded, amount)
            else:
                included = CTX.add(included, amount)
        expenses = CTX.add(acc.daily_accrual_usd, included)
        excess = max(ZERO, CTX.subtract(expenses, cap))
        headroom = max(ZERO, CTX.subtract(cap, expenses))  # room for reimbursement (D15)
        out.append({
            "agreement_id": acc.agreement_id,
            "fund_id": acc.fund_id,
            "day": acc.accrual_date,
            "net_assets_usd": acc.net_assets_usd,
            "limitation_schedule_id": limitation.schedule_id,
            "cap_usd": cap,
            "advisory_fee_usd": acc.daily_accrual_usd,
            "other_expenses_usd": included,
            "excluded_expenses_usd": excluded,
            "expenses_usd": expenses,
            "excess_usd": excess,
            "headroom_usd": headroom,
        })
    return out


def _waivers_monthly(expense_days: list[dict], fiscal_year_end_month: int, recoupment_enabled: bool = True,
                     recoupment_years: int | None = None) -> dict[tuple, dict]:
    """(agreement, fund, month_start) -> the month's figures, its waiver (R7, D14) and its
    reimbursement of earlier fiscal years' waivers (D15)."""
    by_fund: dict[tuple, list[dict]] = defaultdict(list)
    for row in expense_days:
        by_fund[(row["agreement_id"], row["fund_id"])].append(row)
    months: dict[tuple, dict] = {}
    for (agreement_id, fund_id), rows in sorted(by_fund.items()):
        rows.sort(key=lambda r: r["day"])
        fiscal_year = None
        ytd_excess = ytd_fee = ytd_waiver_before = ytd_headroom = ZERO
        for row in rows:
            fy = fiscal_year_start(row["day"], fiscal_year_end_month)
            if fy != fiscal_year:  # a new fiscal year starts from nothing
                fiscal_year = fy
                ytd_excess = ytd_fee = ytd_waiver_before = ytd_headroom = ZERO
            key = (agreement_id, fund_id, month_start(row["day"]))
            month = months.get(key)
            if month is None:
                month = months[key] = {
                    "agreement_id": agreement_id, "fund_id": fund_id, "month_start": key[2],
                    "fiscal_year_start": fy, "days_compared": 0, "net_assets_sum": ZERO,
                    "expense_cap_usd": ZERO, "advisory_fee_usd": ZERO, "other_expenses_usd": ZERO,
                    "excluded_expenses_usd": ZERO, "expenses_usd": ZERO, "excess_usd": ZERO,
                    "days_over_cap": 0, "ytd_waiver_before": ytd_waiver_before,
                }
            month["days_compared"] += 1
            month["net_assets_sum"] = CTX.add(month["net_assets_sum"], row["net_assets_usd"])
            for name, source in [("expense_cap_usd", "cap_usd"), ("advisory_fee_usd", "advisory_fee_usd"),
                                 ("other_expenses_usd", "other_expenses_usd"),
                                 ("excluded_expenses_usd", "excluded_expenses_usd"),
                                 ("expenses_usd", "expenses_usd"), ("excess_usd", "excess_usd")]:
                month[name] = CTX.add(month[name], row[source])
            if row["excess_usd"] > 0:
                month["days_over_cap"] += 1
            ytd_excess = CTX.add(ytd_excess, row["excess_usd"])
            ytd_fee = CTX.add(ytd_fee, row["advisory_fee_usd"])
            ytd_headroom = CTX.add(ytd_headroom, row["headroom_usd"])
            month["ytd_headroom_usd"] = ytd_headroom
            ytd_waiver = min(ytd_excess, ytd_fee)  # never more than the fee itself (section 2)
            month["ytd_excess_usd"] = ytd_excess
            month["ytd_advisory_fee_usd"] = ytd_fee
            month["ytd_waiver_usd"] = ytd_waiver
            month["is_waiver_limited_to_advisory_fee"] = ytd_excess > ytd_fee
            month["waiver_usd"] = CTX.subtract(ytd_waiver, month["ytd_waiver_before"])
            # the next month of this fiscal year starts from this month's year-to-date waiver
            ytd_waiver_before = ytd_waiver
    for month in months.values():
        month["average_daily_net_assets_usd"] = CTX.divide(month.pop("net_assets_sum"),
                                                           Decimal(month["days_compared"]))
        month.pop("ytd_waiver_before")
        month["recoupment_usd"] = ZERO
        month["elected_waiver_usd"] = ZERO
    # D15: fiscal year by fiscal year, the year's headroom repays earlier years' waivers,
    # oldest first (a queue of [fiscal year, amount still owed])
    by_fund_months: dict[tuple, list[dict]] = defaultdict(list)
    for month in months.values():
        by_fund_months[(month["agreement_id"], month["fund_id"])].append(month)
    for fund_months in by_fund_months.values():
        fund_months.sort(key=lambda m: m["month_start"])
        years = sorted({m["fiscal_year_start"] for m in fund_months})
        owed: list[list] = []  # [fiscal_year_start, amount] oldest first
        for fy in years:
            in_year = [m for m in fund_months if m["fiscal_year_start"] == fy]
            if recoupment_years is not None:  # waivers older than N fiscal years expire
                owed = [entry for entry in owed if entry[0].year >= fy.year - recoupment_years]
            outstanding = sum((entry[1] for entry in owed), ZERO)
            headroom = in_year[-1]["ytd_headroom_usd"]
            repaid = min(headroom, outstanding) if recoupment_enabled else ZERO
            left = repaid
            for entry in owed:  # oldest first
                take = min(entry[1], left)
                entry[1] = CTX.subtract(entry[1], take)
                left = CTX.subtract(left, take)
            owed = [entry for entry in owed if entry[1] > 0]
            before = ZERO
            for m in in_year:
                ytd = min(m["ytd_headroom_usd"], repaid)
                m["recoupment_usd"] = CTX.subtract(ytd, before)
                before = ytd
            waived = in_year[-1]["ytd_waiver_usd"]
            if waived > 0:
                owed.append([fy, waived])
    for month in months.values():
        month.pop("ytd_headroom_usd")
    return months


# --------------------------------------------------------------------------
# R5: the whole computation
# --------------------------------------------------------------------------
@dataclass
class Result:
    accrual_end_date: dt.date | None
    daily: list[DailyAccrual]
    monthly: dict[tuple, dict]  # (agreement_id, fund_id, month_start) -> row
    periods: dict[tuple, dict]  # (agreement_id, period_start) -> row
    # R7: (agreement_id, fund_id, month_start) -> the month's limitation figures and waiver
    waivers: dict[tuple, dict] = field(default_factory=dict)
    expense_days: list[dict] = field(default_factory=list)  # R7, one row per compared day


def compute(
    seeds_dir: str | os.PathLike,
    net_asset_rows: Iterable,
    accrue_through=None,
    defaults: Mapping[str, str] | None = None,
    data: AgreementData | None = None,
    illustrative_expenses: bool = False,
    fiscal_year_end_month: int = DEFAULT_FISCAL_YEAR_END_MONTH,
    recoupment_enabled: bool = True,
    recoupment_years: int | None = None,
) -> Result:
    """The monthly fees, minimum periods and waivers of ``net_asset_rows``.

    ``illustrative_expenses``: True = the expense rows marked is_illustrative
    apply, as in `dbt build` with no net_assets_path (the shipped sample);
    False (default) = as with a net_assets_path: only non-illustrative rows.
    """
    data = data or AgreementData(seeds_dir, defaults)
    figures = normalise_rows(net_asset_rows)
    end = accrual_end_date(figures, accrue_through)
    if end is None:
        return Result(None, [], {}, {})
    termination = {f: v["termination_date"] for f, v in data.funds.items()}
    days = carry_forward(figures, end, termination)
    accruals = _daily_accruals(data, days, end)

    groups: dict[tuple, list[DailyAccrual]] = defaultdict(list)
    for acc in accruals:
        groups[(acc.agreement_id, acc.fund_id, acc.month_start)].append(acc)

    periods, true_ups = _minimum_periods(data, accruals, figures, end)
    expense_days = _expense_days(data, accruals, illustrative_expenses)
    waivers = _waivers_monthly(expense_days, fiscal_year_end_month, recoupment_enabled, recoupment_years)
    # D26: elected waivers, of the advisory agreement covering the fund on period_end
    elected: dict[tuple, Decimal] = defaultdict(lambda: ZERO)
    for fund_id, period_end, amount, is_illustrative in data.elected_waivers:
        if is_illustrative and not illustrative_expenses:
            continue
        covering = [a for a, agreement in sorted(data.agreements.items()) if agreement.fee_type == "advisory"
                    and data.on_roster(a, fund_id, period_end) and data.in_force(a, fund_id, period_end)]
        if not covering:
            raise ValueError(f"elected waiver of {fund_id} for {period_end}: no advisory agreement covers it")
        agreement_id = covering[0]
        key = (agreement_id, fund_id, month_start(period_end))
        elected[key] = CTX.add(elected[key], amount)
    for key, amount in elected.items():
        if key not in waivers:
            waivers[key] = {
                "agreement_id": key[0], "fund_id": key[1], "month_start": key[2], "fiscal_year_start": None,
                "days_compared": 0, "average_daily_net_assets_usd": None, "days_over_cap": 0,
                "is_waiver_limited_to_advisory_fee": False,
                **{name: ZERO for name in ("expense_cap_usd", "advisory_fee_usd", "other_expenses_usd",
                                           "excluded_expenses_usd", "expenses_usd", "excess_usd",
                                           "ytd_excess_usd", "ytd_advisory_fee_usd", "ytd_waiver_usd",
                                           "waiver_usd", "recoupment_usd")},
            }
        waivers[key]["elected_waiver_usd"] = amount

    monthly: dict[tuple, dict] = {}
    for key in sorted(set(groups) | set(true_ups)):
        agreement_id, fund_id, month = key
        agreement = data.agreements[agreement_id]
        accs = groups.get(key, [])
        n = len(accs)
        accrued = ZERO
        assets = ZERO
        for acc in accs:
            accrued = CTX.add(accrued, acc.daily_accrual_usd)
            assets = CTX.add(assets, acc.net_assets_usd)
        average = CTX.divide(assets, Decimal(n)) if n else None
        diy = days_in_year(month, agreement.day_count_convention)
        # the limitation waiver plus the elected waivers (D26), and the reimbursement (D15)
        waiver = CTX.add(waivers[key]["waiver_usd"], waivers[key]["elected_waiver_usd"]) if key in waivers else ZERO
        recoupment = waivers[key]["recoupment_usd"] if key in waivers else ZERO
        true_up = true_ups.get(key, ZERO)
        net_fee = round_money(accrued - waiver + recoupment, agreement.payable_rounding) + true_up
        rate = None
        if n and average:
            denominator = CTX.divide(CTX.multiply(average, Decimal(n)), Decimal(diy))
            rate = CTX.multiply(CTX.divide(accrued, denominator), Decimal(10000))
        monthly[key] = {
            "agreement_id": agreement_id,
            "fee_type": agreement.fee_type,
            "fund_id": fund_id,
            "month_start": month,
            "days_accrued": n,
            "average_daily_net_assets_usd": average,
            "accrued_fee_usd": accrued,
            "minimum_true_up_usd": true_up,
            "waiver_usd": waiver,
            "expense_recoupment_usd": recoupment,
            "net_fee_usd": net_fee,
            "effective_rate_bps": rate,
            "days_in_year": diy,
            "payable_rounding": agreement.payable_rounding,
        }
    return Result(end, accruals, monthly, periods, waivers, expense_days)


def read_net_assets_csv(path: str | os.PathLike) -> list[dict]:
    return read_csv(Path(path))


def default_seeds_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "seeds" / "agreements"
