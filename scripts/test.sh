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
# The fee report's browser test needs Debian's chromium and chromium-driver: install them
# from the Debian registry when missing (the test skips, saying so, where this fails).
if ! command -v chromium >/dev/null 2>&1; then
    echo "== installing chromium and chromium-driver (apt-get) for the fee report's browser test"
    SUDO=""; [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo -n"
    ($SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver) \
        || echo "   could not install chromium: the browser test will be skipped"
fi
echo "== pytest"
python -m pytest python_tests "$@"
