"""dbt, with the Spark SQL settings of the profile kept as written.

dbt-spark 1.11 overwrites `spark.sql.ansi.enabled` with "false" in every profile
(SparkCredentials.__post_init__), so a decimal overflow or a bad cast would give a
silent NULL. This entry point puts back the value the profile's
server_side_parameters ask for, then runs the dbt command line unchanged
(`python scripts/dbt_spark.py build --target spark`). The project's on-run-start
check (macros/spark/check_spark_session.sql) stops any Spark run without ANSI mode.
Run with .venv-spark/bin/python (requirements-spark.txt).
"""

import sys

from dbt.adapters.spark.connections import SparkCredentials

ANSI = "spark.sql.ansi.enabled"
_post_init = SparkCredentials.__post_init__


def _post_init_keeping_ansi(self) -> None:
    wanted = {str(key): str(value) for key, value in self.server_side_parameters.items()}.get(ANSI)
    _post_init(self)
    if wanted is not None:
        self.server_side_parameters[ANSI] = wanted


SparkCredentials.__post_init__ = _post_init_keeping_ansi

from dbt.cli.main import cli  # noqa: E402  (after the patch, on purpose)

if __name__ == "__main__":
    sys.exit(cli())
