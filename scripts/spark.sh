#!/usr/bin/env bash
# dbt on the spark target: `bash scripts/spark.sh build` runs `dbt build --target spark`
# (any dbt command and flags work: `bash scripts/spark.sh seed`, `... build -s +fct_fees_monthly`).
# Creates .venv-spark the first time. Needs Java 17.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup_spark.sh"
if ! command -v java >/dev/null 2>&1; then
    echo "scripts/spark.sh: Java is not on PATH; the Spark target needs Java 17 (apt-get install openjdk-17-jre-headless)" >&2
    exit 1
fi
exec .venv-spark/bin/python scripts/dbt_spark.py "$@" --target "${FUND_FEES_SPARK_TARGET:-spark}"
