#!/usr/bin/env bash
# README command 2: set up and run every test: SQL lint, dbt build (models,
# data tests, unit tests) on a scratch warehouse, then the Python test suite.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
export FUND_FEES_DB="$SCRATCH/fund_fees_test.duckdb"
echo "== sqlfluff lint (dbt templater)"
sqlfluff lint models tests analyses macros
echo "== dbt build (seeds, models, data tests, unit tests)"
dbt build
if [ -f ../shared/tools/check_contract.py ]; then
    echo "== contract check (../shared/tools/check_contract.py)"
    python ../shared/tools/check_contract.py "$FUND_FEES_DB"
fi
echo "== pytest"
python -m pytest python_tests "$@"
