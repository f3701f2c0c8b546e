#!/usr/bin/env bash
# README command 1: set up and build the warehouse on the embedded DuckDB default.
# Extra arguments go to `dbt build` (e.g. --vars '{accrue_through: "2002-07-31"}').
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
dbt build "$@"
DB="${FUND_FEES_DB:-fund_fees.duckdb}"
case "$DB" in /*) ;; *) DB="$ROOT/$DB" ;; esac
cat <<MSG

Warehouse published (when every node passed): $DB
Query it read-only (a reader never blocks the next dbt build):
  .venv/bin/python -c "import duckdb; print(duckdb.connect('$DB', read_only=True).sql('select * from fct_fees_monthly limit 10'))"
MSG
