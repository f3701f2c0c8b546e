#!/usr/bin/env bash
# The benchmark (not a test): bash bench/run.sh FUNDS YEARS
#
# 1. generates the synthetic universe (bench/generate.py) into bench/data/<FUNDS>x<YEARS>/,
#    or reuses it when its manifest.json matches;
# 2. floor: DuckDB (python) copying the same Parquet into a table of a fresh database file;
# 3. full build: `dbt build --exclude resource_type:unit_test` (every model and data test;
#    unit tests run in CI) in a fresh database, under /usr/bin/time -v (wall, peak RSS), and
#    the node time of the daily accrual (int_daily_fees_accrued, which prices every
#    agreement-fund-day, plus the mart fct_fee_accruals_daily, a view over it) from target/run_results.json;
# 4. incremental: one new business day for every fund (a second Parquet file in the glob),
#    then the same `dbt build` on that build database (incremental accruals append; a
#    selection can be set with BENCH_INCREMENTAL_SELECT);
# 5. the full build again in a fresh database with DuckDB memory_limit 1 GB (target duckdb_bench);
# 6. the pandas yardstick (bench/pandas_baseline.py) on the same data;
# and writes bench/results/latest.json, then prints the figures.
#
# Environment: BENCH_GENERATE_ARGS (extra bench/generate.py arguments, e.g. --no-pro-rata),
# BENCH_INCREMENTAL_SELECT (default: none, the whole project), BENCH_KEEP=1 keeps the warehouses.
# Memory: the machine must hold the full build (issue 7 measured 5 GB at 1,000 funds on the
# old core). Work files go to bench/data/<FUNDS>x<YEARS>/run/ (git-ignored).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"   # cds to the repo root, .venv
FUNDS="${1:?usage: bash bench/run.sh FUNDS YEARS}"
YEARS="${2:?usage: bash bench/run.sh FUNDS YEARS}"
GENERATE_ARGS="${BENCH_GENERATE_ARGS:-}"
INCREMENTAL_SELECT="${BENCH_INCREMENTAL_SELECT:-}"
DATA="bench/data/${FUNDS}x${YEARS}"
RUN="$DATA/run"
PY=.venv/bin/python
DBT=.venv/bin/dbt

# 1. data: reuse when the manifest was written by the same arguments
WANT="$FUNDS $YEARS $GENERATE_ARGS"
if [ -f "$DATA/manifest.json" ] && [ -f "$DATA/.generate_args" ] && [ "$(cat "$DATA/.generate_args")" = "$WANT" ]; then
    echo "== data: reusing $DATA"
else
    echo "== data: generating $DATA"
    rm -rf "$DATA"
    # shellcheck disable=SC2086
    $PY bench/generate.py --funds "$FUNDS" --years "$YEARS" --out "$DATA" $GENERATE_ARGS
    echo "$WANT" > "$DATA/.generate_args"
fi
rm -rf "$RUN"
mkdir -p "$RUN" bench/results
cleanup() {
    if [ "${BENCH_KEEP:-0}" != "1" ]; then rm -f "$RUN"/*.duckdb "$RUN"/*.duckdb.wal; rm -rf "$RUN"/*.duckdb.tmp; fi
}
trap cleanup EXIT

NAV_GLOB="$DATA/net_assets/*.parquet"
VARS="{\"net_assets_path\": \"$NAV_GLOB\", \"agreement_data_path\": \"$DATA/agreements\"}"
dbt_env() {  # name: the environment of one dbt run, as a shell prefix
    # FUND_FEES_DB is the published file; dbt builds in FUND_FEES_BUILD_DB and publishes at the end
    printf 'FUND_FEES_DB=%s FUND_FEES_BUILD_DB=%s DBT_PROFILES_DIR=. DBT_TARGET_PATH=%s DBT_LOG_PATH=%s DBT_SEND_ANONYMOUS_USAGE_STATS=false' \
        "$RUN/$1.duckdb" "$RUN/build_$1.duckdb" "$RUN/target_$1" "$RUN/logs_$1"
}
FULL_BUILD_COMMAND="rm -rf $RUN/full.duckdb $RUN/full.duckdb.wal $RUN/full.duckdb.tmp $RUN/build_full.duckdb $RUN/build_full.duckdb.wal $RUN/build_full.duckdb.tmp && mkdir -p $RUN && $(dbt_env full) $DBT build --exclude resource_type:unit_test --vars '$VARS'"
now() { $PY -c 'import time; print(time.time())'; }
elapsed() { $PY -c "print(round($2 - $1, 3))"; }

# 2. floor
echo "== floor: DuckDB copying $NAV_GLOB into a table of a fresh database file"
FLOOR_S="$($PY - "$NAV_GLOB" "$RUN/floor.duckdb" <<'PY'
import sys, time, duckdb
glob, path = sys.argv[1], sys.argv[2]
started = time.perf_counter()
con = duckdb.connect(path)
con.execute(f"create table net_assets as select * from read_parquet('{glob}')")
con.close()
print(round(time.perf_counter() - started, 3))
PY
)"
rm -f "$RUN/floor.duckdb"
FUND_DAYS="$($PY - "$NAV_GLOB" <<'PY'
import sys, duckdb
con = duckdb.connect()
# calendar fund-days: each fund from its first figure to the file's last date
print(con.sql(f"""
    select sum(datediff('day', first_day, last_day) + 1)
    from (
        select min(as_of_date) as first_day, (select max(as_of_date) from read_parquet('{sys.argv[1]}')) as last_day
        from read_parquet('{sys.argv[1]}') group by fund_id
    )
""").fetchone()[0])
PY
)"

# 3. full build
echo "== full build: $FULL_BUILD_COMMAND"
START="$(now)"
STATUS=0
/usr/bin/time -v -o "$RUN/full.time" bash -c "$FULL_BUILD_COMMAND" > "$RUN/full.log" 2>&1 || STATUS=$?
FULL_S="$(elapsed "$START" "$(now)")"
grep -a 'Done. PASS' "$RUN/full.log" | sed 's/\x1b\[[0-9;]*m//g' | tail -1 || true
if [ "$STATUS" -ne 0 ]; then
    echo "full build failed (exit $STATUS):"; tail -40 "$RUN/full.log"; exit "$STATUS"
fi
PEAK_RSS_MB="$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$RUN/full.time")"
ACCRUAL_S="$($PY - "$RUN/target_full/run_results.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
# the daily accrual: the model that prices every agreement-fund-day and the mart it feeds
names = {"int_daily_fees_accrued", "fct_fee_accruals_daily"}
nodes = [r for r in results if r["unique_id"].startswith("model.") and r["unique_id"].split(".")[-1] in names]
print(round(sum(r["execution_time"] for r in nodes), 3) if len(nodes) == len(names) else "null")
PY
)"

# 4. one new business day for every fund, then the incremental build on the same warehouse
echo "== incremental: one new business day for every fund, dbt build ${INCREMENTAL_SELECT:+-s $INCREMENTAL_SELECT} (incremental models append, the rest downstream rebuilds, every data test, publish)"
mkdir -p "$RUN/nav_plus_day"
ln -sf "$(cd "$DATA/net_assets" && pwd)/net_assets.parquet" "$RUN/nav_plus_day/net_assets.parquet"
NEW_DAY="$($PY - "$NAV_GLOB" "$RUN/nav_plus_day/new_day.parquet" <<'PY'
import sys, duckdb
con = duckdb.connect()
last = con.sql(f"select max(as_of_date) from read_parquet('{sys.argv[1]}')").fetchone()[0]
# the next business day; each fund's last figure moved by a deterministic -0.50% .. +0.50%
con.execute(f"""
    copy (
        with latest as (
            select fund_id, arg_max(net_assets_usd, as_of_date) as net_assets_usd
            from read_parquet('{sys.argv[1]}') group by fund_id
        )
        select
            fund_id,
            cast(date '{last}' + case isodow(date '{last}') when 5 then 3 when 6 then 2 else 1 end as date)
                as as_of_date,
            cast(net_assets_usd * (1 + (cast(hash(fund_id, 'new day') % 101 as integer) - 50) * 0.0001)
                as decimal(18, 2)) as net_assets_usd
        from latest
        order by fund_id
    ) to '{sys.argv[2]}' (format parquet)
""")
print(con.sql(f"select min(as_of_date) from read_parquet('{sys.argv[2]}')").fetchone()[0])
PY
)"
INCREMENTAL_VARS="{\"net_assets_path\": \"$RUN/nav_plus_day/*.parquet\", \"agreement_data_path\": \"$DATA/agreements\"}"
START="$(now)"
STATUS=0
bash -c "$(dbt_env full) $DBT build ${INCREMENTAL_SELECT:+-s $INCREMENTAL_SELECT} --exclude resource_type:unit_test --vars '$INCREMENTAL_VARS'" \
    > "$RUN/incremental.log" 2>&1 || STATUS=$?
INCREMENTAL_S="$(elapsed "$START" "$(now)")"
grep -a 'Done. PASS' "$RUN/incremental.log" | sed 's/\x1b\[[0-9;]*m//g' | tail -1 || true
if [ "$STATUS" -ne 0 ]; then
    echo "incremental build failed (exit $STATUS):"; tail -40 "$RUN/incremental.log"; INCREMENTAL_S=null
fi
NEW_DAY_ROWS="$($PY -c "
import duckdb
con = duckdb.connect('$RUN/full.duckdb', read_only=True)
print(con.sql(\"select count(*) from fct_fee_accruals_daily where accrual_date >= date '$NEW_DAY'\").fetchone()[0])
con.close()")"
echo "   new day $NEW_DAY: $NEW_DAY_ROWS rows of fct_fee_accruals_daily on or after it"
if [ "$NEW_DAY_ROWS" = "0" ]; then
    echo "   WARNING: the selection did not bring the new day into fct_fee_accruals_daily (the tables" \
         "upstream of it were not selected: this times the selection only)"
fi
cleanup

# 5. the full build again, DuckDB memory_limit 1 GB
echo "== full build with memory_limit 1GB (target duckdb_bench)"
START="$(now)"
STATUS=0
bash -c "rm -rf $RUN/limited.duckdb* $RUN/build_limited.duckdb* && FUND_FEES_MEMORY_LIMIT=1GB $(dbt_env limited) $DBT build --target duckdb_bench --exclude resource_type:unit_test --vars '$VARS'" \
    > "$RUN/limited.log" 2>&1 || STATUS=$?
LIMITED_S="$(elapsed "$START" "$(now)")"
grep -a 'Done. PASS' "$RUN/limited.log" | sed 's/\x1b\[[0-9;]*m//g' | tail -1 || true
if [ "$STATUS" -ne 0 ]; then
    echo "memory-limited build failed (exit $STATUS):"; grep -a -m 5 -i 'error' "$RUN/limited.log" || true; LIMITED_S=null
fi
cleanup

# 6. pandas
echo "== pandas: bench/pandas_baseline.py"
# (it prices 1,000 funds at a time, 3.0 GB at 10,000 funds x 10 years; should it fail, e.g.
# killed for memory, pandas_s is null rather than the run lost)
PANDAS_S=null
if PANDAS_JSON="$($PY bench/pandas_baseline.py "$DATA")"; then
    PANDAS_S="$($PY -c "import json, sys; print(json.loads(sys.argv[1])['pandas_s'])" "$PANDAS_JSON")"
else
    echo "pandas baseline failed (exit $?; killed for memory?): pandas_s is null"
fi

$PY - "$FUNDS" "$YEARS" "$FUND_DAYS" "$FLOOR_S" "$FULL_S" "$ACCRUAL_S" "$INCREMENTAL_S" "$PEAK_RSS_MB" \
    "$LIMITED_S" "$PANDAS_S" "$FULL_BUILD_COMMAND" <<'PY'
import json, sys
funds, years, fund_days, floor_s, full_s, accrual_s, incremental_s, rss, limited_s, pandas_s, command = sys.argv[1:]
num = lambda text: None if text == "null" else float(text)
ratio = lambda a, b: None if a is None or b in (None, 0) else round(a / b, 2)
floor_s, full_s, accrual_s, pandas_s = num(floor_s), num(full_s), num(accrual_s), num(pandas_s)
result = {
    "funds": int(funds),
    "years": int(years),
    "fund_days": int(fund_days),
    "floor_s": floor_s,
    "full_build_s": full_s,
    "full_build_over_floor": ratio(full_s, floor_s),
    "accrual_model_s": accrual_s,
    "accrual_model_over_floor": ratio(accrual_s, floor_s),
    "incremental_build_s": num(incremental_s),
    "peak_rss_mb": int(rss),
    "memory_limit_1gb_build_s": num(limited_s),
    "pandas_s": pandas_s,
    "pandas_over_accrual_model": ratio(pandas_s, accrual_s),
    "full_build_command": command,
}
with open("bench/results/latest.json", "w", encoding="utf-8") as handle:
    json.dump(result, handle, indent=2)
    handle.write("\n")
print("== bench/results/latest.json")
for key, value in result.items():
    print(f"{key:28} {value}")
PY
