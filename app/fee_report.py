"""The fee report: the published marts in the browser (Streamlit).

Run it with `bash scripts/report.sh` (README, "Fee report"). It reads the published
warehouse named by FUND_FEES_DB (default fund_fees.duckdb at the repository root),
read-only, and never holds the file between queries: every query opens the file,
reads its result into pandas and closes it, so a build can replace the file at any
time. Results are cached per query and per version of the file (its modification
time and size), so a rebuilt warehouse is read afresh.

Money stays decimal: query results keep DuckDB's DECIMAL values as Python Decimal,
the tables and figures show them as they are; only the charts convert to float.
The query string `?fund=<fund_id>&month=YYYY-MM-01` opens the drill-down on a fund-month.
"""
from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import altair as alt
import duckdb
import pandas as pd
import streamlit as st

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FUND = "mellon_sp500_index"


def warehouse_path() -> Path:
    path = Path(os.environ.get("FUND_FEES_DB", "fund_fees.duckdb"))
    return path if path.is_absolute() else ROOT / path


@st.cache_data(show_spinner=False, max_entries=256)
def _run(path: str, version: tuple[int, int], sql: str, params: tuple) -> pd.DataFrame:
    """One query: open read-only, fetch, close. `version` keys the cache to the file."""
    con = duckdb.connect(path, read_only=True)
    try:
        cursor = con.execute(sql, list(params))
        columns = [d[0] for d in cursor.description]
        return pd.DataFrame(cursor.fetchall(), columns=columns)
    finally:
        con.close()


def query(sql: str, *params) -> pd.DataFrame:
    path = warehouse_path()
    stat = path.stat()
    return _run(str(path), (stat.st_mtime_ns, stat.st_size), sql, tuple(params))


def usd(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "n/a"
    return f"{Decimal(value):,.2f}"


def bps(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "n/a"
    return f"{Decimal(value):,.2f} bps"


def as_float(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """A copy for a chart: the named columns, and any other decimal column (tooltips), as
    float. Display only: tables and figures keep the decimals."""
    out = frame.copy()
    decimal_columns = [c for c in out.columns if out[c].map(lambda v: isinstance(v, Decimal)).any()]
    for column in dict.fromkeys(list(columns) + decimal_columns):
        out[column] = pd.to_numeric(out[column].map(lambda v: None if v is None else float(v)))
    return out


def text_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Every value as text, so a table shows decimals exactly as the mart holds them."""
    return frame.map(lambda v: "" if v is None else (f"{v:,f}" if isinstance(v, Decimal) else str(v)))


def section_monthly_fees() -> None:
    st.header("Monthly fees")
    fees = query("""
        select f.month_start, f.fund_id, d.fund_name, f.agreement_id, f.fee_type, f.payer, f.payee,
               f.days_accrued, f.average_daily_net_assets_usd, f.accrued_fee_usd,
               f.minimum_true_up_usd, f.waiver_usd, f.net_fee_usd, f.effective_rate_bps
        from fct_fees_monthly as f
        left join dim_funds as d on f.fund_id = d.fund_id
        order by f.month_start, f.agreement_id, f.fund_id""")
    if fees.empty:
        st.info("fct_fees_monthly is empty.")
        return
    by_payee = query("""
        select month_start, payee, sum(net_fee_usd) as net_fee_usd, count(*) as fund_months
        from fct_fees_monthly group by 1, 2 order by 1, 2""")
    latest = by_payee["month_start"].max()
    st.subheader(f"Net fees by payee, {latest:%B %Y}")
    latest_rows = by_payee[by_payee["month_start"] == latest]
    columns = st.columns(len(latest_rows))
    for column, row in zip(columns, latest_rows.itertuples()):
        column.metric(row.payee, usd(row.net_fee_usd))
    chart = alt.Chart(as_float(by_payee, ["net_fee_usd"])).mark_bar().encode(
        x=alt.X("yearmonth(month_start):O", title="month"),
        y=alt.Y("net_fee_usd:Q", title="net fee (USD)"),
        color=alt.Color("payee:N"),
        tooltip=["month_start", "payee", "net_fee_usd"],
    )
    st.altair_chart(chart, width="stretch")
    st.markdown("**Net fees by payee and month** (USD)")
    st.table(text_table(by_payee))
    st.subheader("By fund and agreement")
    payees = sorted(fees["payee"].unique())
    chosen = st.multiselect("Payee", payees, default=payees, key="fees_payee")
    st.dataframe(fees[fees["payee"].isin(chosen)], hide_index=True, width="stretch")


def section_drill_down() -> None:
    st.header("Fund-month drill-down")
    fund_months = query("""
        select distinct f.fund_id, coalesce(d.fund_name, f.fund_id) as fund_name, f.month_start
        from fct_fees_monthly as f left join dim_funds as d on f.fund_id = d.fund_id
        order by 1, 3""")
    if fund_months.empty:
        st.info("No fund-month to show.")
        return
    funds = list(dict.fromkeys(fund_months["fund_id"]))
    wanted_fund = st.query_params.get("fund", DEFAULT_FUND)
    fund = st.selectbox("Fund", funds, index=funds.index(wanted_fund) if wanted_fund in funds else 0,
                        key="drill_fund")
    months = [m.isoformat() for m in fund_months[fund_months["fund_id"] == fund]["month_start"]]
    wanted_month = st.query_params.get("month", months[0])
    month = st.selectbox("Month", months, index=months.index(wanted_month) if wanted_month in months else 0,
                         key="drill_month")
    fees = query("""
        select agreement_id, fee_type, payer, payee, days_accrued, average_daily_net_assets_usd,
               accrued_fee_usd, minimum_true_up_usd, waiver_usd, net_fee_usd, effective_rate_bps
        from fct_fees_monthly where fund_id = ? and month_start = cast(? as date)
        order by agreement_id""", fund, month)
    name = fund_months[fund_months["fund_id"] == fund]["fund_name"].iloc[0]
    st.subheader(f"{name} ({fund}), {month}")
    for row in fees.itertuples():
        st.markdown(f"**{row.agreement_id}** ({row.fee_type}, {row.payer} pays {row.payee})")
        a, b, c, d = st.columns(4)
        a.metric("Net fee payable (USD)", usd(row.net_fee_usd))
        b.metric("Accrued fee (USD)", usd(row.accrued_fee_usd))
        c.metric("Average daily net assets (USD)", usd(row.average_daily_net_assets_usd))
        d.metric("Effective rate", bps(row.effective_rate_bps))
    st.table(text_table(fees))
    st.markdown("**Tier breakdown** (each rate with the document line it is printed on)")
    tiers = query("""
        select t.agreement_id, t.tier_number, t.method, t.lower_bound_usd, t.upper_bound_usd,
               t.annual_rate_pct, t.average_assets_in_tier_usd, t.accrued_fee_usd,
               s.printed_text, s.document_id, s.source_line
        from fct_fee_tiers_monthly as t
        left join dim_fee_schedule_tiers as s
            on t.schedule_id = s.schedule_id and t.tier_number = s.tier_number
        where t.fund_id = ? and t.month_start = cast(? as date)
        order by t.agreement_id, t.schedule_id, t.tier_number""", fund, month)
    st.table(text_table(tiers))
    daily = query("""
        select agreement_id, accrual_date, net_assets_usd, is_carried_forward, schedule_id,
               combined_net_assets_usd, annual_fee_usd, days_in_year, daily_accrual_usd
        from fct_fee_accruals_daily
        where fund_id = ? and month_start = cast(? as date)
        order by agreement_id, accrual_date""", fund, month)
    st.markdown("**Daily accruals**")
    chart = alt.Chart(as_float(daily, ["daily_accrual_usd"])).mark_line(point=True).encode(
        x=alt.X("accrual_date:T", title="day"),
        y=alt.Y("daily_accrual_usd:Q", title="daily accrual (USD)"),
        color="agreement_id:N",
        tooltip=["accrual_date", "agreement_id", "daily_accrual_usd"],
    )
    st.altair_chart(chart, width="stretch")
    st.dataframe(daily, hide_index=True, width="stretch")


def section_fee_curves() -> None:
    st.header("Fee curves")
    st.markdown(
        "Annual fee and effective rate of each schedule by asset level: the rate steps down at "
        "each breakpoint. Where the Invesco combined-asset rule selects between two schedules, "
        "both curves are shown with the condition under which each applies.")
    schedules = query("""
        select distinct schedule_id, curve_label from fct_fee_curves order by schedule_id""")
    if schedules.empty:
        st.info("fct_fee_curves is empty.")
        return
    labels = dict(zip(schedules["schedule_id"], schedules["curve_label"]))
    default = [s for s in labels if "invesco_large_cap_growth" in s or "mellon_sp500_index" in s] or list(labels)[:2]
    chosen = st.multiselect("Schedules", list(labels), default=default, format_func=labels.get,
                            key="curve_schedules")
    if not chosen:
        return
    placeholders = ", ".join("?" for _ in chosen)
    curves = query(f"""
        select schedule_id, curve_label, point_kind, assets_usd, annual_fee_usd, effective_rate_bps
        from fct_fee_curves where schedule_id in ({placeholders}) order by schedule_id, assets_usd""", *chosen)
    chart_data = as_float(curves, ["assets_usd", "annual_fee_usd", "effective_rate_bps"])
    chart_data["assets_musd"] = chart_data["assets_usd"] / 1e6
    rate = alt.Chart(chart_data.dropna(subset=["effective_rate_bps"])).mark_line().encode(
        x=alt.X("assets_musd:Q", title="assets ($ millions)"),
        y=alt.Y("effective_rate_bps:Q", title="effective rate (bps)"),
        color=alt.Color("curve_label:N", legend=alt.Legend(orient="bottom", labelLimit=600)),
        tooltip=["curve_label", "assets_usd", "annual_fee_usd", "effective_rate_bps"],
    )
    st.altair_chart(rate, width="stretch")
    fee = alt.Chart(chart_data).mark_line().encode(
        x=alt.X("assets_musd:Q", title="assets ($ millions)"),
        y=alt.Y("annual_fee_usd:Q", title="annual fee (USD)"),
        color=alt.Color("curve_label:N", legend=None),
    )
    st.altair_chart(fee, width="stretch")
    st.markdown("**Breakpoints** (the breakpoint and one cent either side)")
    st.table(text_table(curves[curves["point_kind"] != "grid"]))


def section_reconciliation() -> None:
    st.header("Invoice reconciliation")
    recon = query("""
        select agreement_id, fund_id, month_start, payee, computed_fee_usd, billed_usd, difference_usd,
               tolerance_usd, status
        from fct_invoice_reconciliation order by agreement_id, fund_id, month_start""")
    if recon.empty:
        st.info("fct_invoice_reconciliation is empty.")
        return
    statuses = ["matched", "over_billed", "under_billed", "not_billed", "not_computed"]
    counts = recon["status"].value_counts()
    for column, status in zip(st.columns(len(statuses)), statuses):
        column.metric(status, int(counts.get(status, 0)))
    exceptions = recon[~recon["status"].isin(["matched", "not_billed"])]
    st.markdown("**Invoices that differ from the computed fee** (over the tolerance, or with no fee)")
    st.table(text_table(exceptions))
    billed = recon[recon["billed_usd"].notna()]
    chart = alt.Chart(as_float(billed, ["difference_usd"])).mark_bar().encode(
        x=alt.X("fund_id:N", title="fund"),
        y=alt.Y("difference_usd:Q", title="billed - computed (USD)"),
        color="status:N",
        column=alt.Column("month_start:T", timeUnit="yearmonth", title="month"),
        tooltip=["fund_id", "month_start", "computed_fee_usd", "billed_usd", "difference_usd", "status"],
    )
    st.altair_chart(chart)
    with st.expander("Every reconciliation line"):
        st.dataframe(recon, hide_index=True, width="stretch")


def section_adviser_economics() -> None:
    st.header("Adviser economics")
    economics = query("""
        select fund_id, month_start, average_daily_net_assets_usd, advisory_fee_usd, sub_advisory_fee_usd,
               retained_fee_usd, advisory_rate_bps, sub_advisory_rate_bps, retained_rate_bps,
               has_advisory_schedule, has_sub_advisory_schedule, retained_fee_basis
        from fct_adviser_economics_monthly order by month_start, fund_id""")
    if economics.empty:
        st.info("fct_adviser_economics_monthly is empty.")
        return
    flagged = sorted(economics[~economics["has_advisory_schedule"]]["fund_id"].unique())
    if flagged:
        st.warning(
            f"{len(flagged)} funds pay a sub-advisory fee but have no advisory schedule in the documents: "
            "their retained fee is unknown (blank), not a loss. " + ", ".join(flagged))
    totals = query("""
        select month_start, sum(advisory_fee_usd) as advisory_fee_usd,
               sum(sub_advisory_fee_usd) as sub_advisory_fee_usd, sum(retained_fee_usd) as retained_fee_usd
        from fct_adviser_economics_monthly group by 1 order by 1""")
    st.markdown("**Totals by month** (retained sums only funds with an advisory schedule)")
    st.table(text_table(totals))
    long = as_float(totals, ["advisory_fee_usd", "sub_advisory_fee_usd", "retained_fee_usd"]).melt(
        id_vars="month_start", var_name="measure", value_name="usd")
    chart = alt.Chart(long).mark_bar().encode(
        x=alt.X("measure:N", title=None), y=alt.Y("usd:Q", title="USD"), color="measure:N",
        column=alt.Column("month_start:T", timeUnit="yearmonth", title="month"))
    st.altair_chart(chart)
    st.dataframe(economics, hide_index=True, width="stretch")


def section_minimum_fee_periods() -> None:
    st.header("Minimum-fee periods")
    periods = query("""
        select agreement_id, period_number, period_start, period_end, is_complete, accrued_fee_usd,
               minimum_fee_usd, shortfall_usd, true_up_month_start
        from fct_minimum_fee_periods order by agreement_id, period_start""")
    if periods.empty:
        st.info("No minimum-fee period falls in the accrued dates (the Mellon minimum starts one year "
                "after the earliest inception among its funds).")
    else:
        st.table(text_table(periods))


def main() -> None:
    st.set_page_config(page_title="Fund fees report", layout="wide")
    st.title("Fund fees report")
    path = warehouse_path()
    if not path.exists():
        st.error(f"No warehouse at {path}. Build it with `bash scripts/build.sh` "
                 "(or run `bash scripts/report.sh`, which builds it when missing).")
        st.stop()
    st.caption(f"Warehouse {path} (read-only, opened per query), "
               f"built {pd.Timestamp(path.stat().st_mtime, unit='s'):%Y-%m-%d %H:%M:%S} UTC.")
    section_monthly_fees()
    section_drill_down()
    section_fee_curves()
    section_reconciliation()
    section_adviser_economics()
    section_minimum_fee_periods()


main()
