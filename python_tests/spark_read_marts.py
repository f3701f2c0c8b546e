"""Reads every table of the Spark target's `main` schema (the marts), or of the schemas
named after OUT.json, and writes them as JSON:
{"tables": {name: {"columns": [[name, type], ...], "rows": [[str or null, ...]]}}}
(name is `schema.table` for a schema other than main).

Run with the Spark venv (.venv-spark/bin/python, requirements-spark.txt), after the
dbt run has ended (the Derby metastore takes one JVM at a time):

    .venv-spark/bin/python python_tests/spark_read_marts.py SPARK_DIR OUT.json [SCHEMA ...]

SPARK_DIR is the FUND_FEES_SPARK_DIR of the build (warehouse/ and metastore_db/).
Each value is str() of what pyspark returns (Decimal at the column's scale, ISO dates),
so the comparison with DuckDB is exact, digit for digit.
"""

import json
import sys

from pyspark.sql import SparkSession


def main(spark_dir: str, out_file: str, schemas: list) -> None:
    spark = (
        SparkSession.builder.master("local[1]")
        .appName("fund_fees_read_marts")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.warehouse.dir", f"{spark_dir}/warehouse")
        .config("spark.hadoop.javax.jdo.option.ConnectionURL",
                f"jdbc:derby:;databaseName={spark_dir}/metastore_db;create=false")
        .config("spark.driver.extraJavaOptions", f"-Dderby.stream.error.file={spark_dir}/derby-read.log")
        .enableHiveSupport()
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    tables = {}
    for schema in schemas:
        for row in spark.sql(f"show tables in {schema}").collect():
            if row.isTemporary:
                continue
            frame = spark.table(f"{schema}.{row.tableName}")
            name = row.tableName if schema == "main" else f"{schema}.{row.tableName}"
            tables[name] = {
                "columns": [[field.name, field.dataType.simpleString()] for field in frame.schema.fields],
                "rows": [[None if value is None else str(value) for value in record] for record in frame.collect()],
            }
    with open(out_file, "w", encoding="utf-8") as handle:
        json.dump({"tables": tables}, handle)
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:] or ["main"])
