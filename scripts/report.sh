#!/usr/bin/env bash
# README command 3: serve the fee report (app/fee_report.py) on localhost, port
# FUND_FEES_REPORT_PORT (default 8501), over the published warehouse FUND_FEES_DB
# (default fund_fees.duckdb at the repository root). Builds the warehouse first when
# the file is missing. The app opens the file read-only, one query at a time, so a
# build can replace it while the report runs. Extra arguments go to `streamlit run`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
DB="${FUND_FEES_DB:-fund_fees.duckdb}"
case "$DB" in /*) ;; *) DB="$ROOT/$DB" ;; esac
export FUND_FEES_DB="$DB"
if [ ! -f "$DB" ]; then
    echo "== no warehouse at $DB: building it first (scripts/build.sh)"
    bash "$ROOT/scripts/build.sh"
fi
PORT="${FUND_FEES_REPORT_PORT:-8501}"
echo "== fee report on http://localhost:$PORT (Ctrl-C stops it)"
exec streamlit run "$ROOT/app/fee_report.py" \
    --server.address 127.0.0.1 \
    --server.port "$PORT" \
    --server.headless true \
    --browser.gatherUsageStats false \
    --server.fileWatcherType none \
    "$@"
