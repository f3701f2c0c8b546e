{#
    on-run-start: a Spark run must have ANSI mode on, or a decimal overflow or a bad
    cast would give a silent NULL instead of an error. dbt-spark 1.11 forces
    spark.sql.ansi.enabled to false; scripts/spark.sh (scripts/dbt_spark.py) keeps the
    profile's true. Other adapters: nothing to check (returns no SQL).
#}
{% macro check_spark_session() -%}
    {%- if execute and target.type == 'spark' -%}
        {%- set ansi = run_query("set spark.sql.ansi.enabled").columns[1].values()[0] -%}
        {%- if ansi | string | lower != 'true' -%}
            {{ exceptions.raise_compiler_error(
                "Spark runs with spark.sql.ansi.enabled=" ~ ansi ~ ": an overflow would be a silent NULL."
                ~ " Run dbt through scripts/spark.sh (it keeps the profile's spark.sql.ansi.enabled: true).") }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
