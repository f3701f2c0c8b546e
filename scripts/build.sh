#!/usr/bin/env bash
# README command 1: set up and build the warehouse on the embedded DuckDB default.
# Extra arguments go to `dbt build` (e.g. --vars '{accrue_through: "2002-07-31"}').
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
dbt build "$@"
DB="${FUND_FEES_DB:-fund_fees.duckdb}"
case "$DB" in /*) ;; *) DB="$ROOT/$DB" ;; esac
cat <<MSG

Warehouse built: $DB
Query it (close the connection before the next dbt build: DuckDB locks the file):
  .venv/bin/python -c "import duckdb; print(duckdb.connect('$DB', read_only=True).sql('select * from fct_fees_monthly limit 10'))"
MSG
