{#
    accrued_after_this_table(): the filter by which a model fed by int_daily_fees_accrued
    takes, on an incremental run, the daily accruals (re)computed since it last took rows:
    `where accrued_at > ` this table's latest accrued_at. Since, not "in the latest run":
    if a build stopped between int_daily_fees_accrued and this model, the next run still
    takes the stopped run's rows. int_daily_fees_accrued recomputes whole months (from the
    first of a fund's month on), so a monthly model gets every day of each month it takes.
    Every row when this table is empty; nothing on a full build (every row).
#}
{% macro accrued_after_this_table() -%}
    {%- if is_incremental() -%}
        where accrued_at > (select coalesce(max(accrued_at), cast('1900-01-01' as timestamp)) from {{ this }})
    {%- endif -%}
{%- endmacro %}

{#
    latest_accrual_run_first_date(relation): as a 'YYYY-MM-DD' literal, the earliest
    accrual_date among the rows of `relation` (a table with accrual_date and accrued_at)
    that its latest run (re)computed: after a full build its first day, after an
    incremental run the first of the earliest month recomputed. A data test that compares
    fund-days from this day on checks every day the latest run wrote (the days before were
    checked when they were written; changed agreements, rosters or schedules need
    `--full-refresh`). Read when the test runs (a literal, which DuckDB pushes down to the
    stored fund-days under a view); '1900-01-01' at parse time, before the table is built
    or when it is empty.
#}
{% macro latest_accrual_run_first_date(relation) -%}
    {%- set first_date = none -%}
    {#- not yet built (dbt compile, a linter on a fresh database): no date to read -#}
    {%- if execute and load_relation(relation) is not none -%}
        {%- set first_date = run_query(
            'select cast(min(accrual_date) as ' ~ dbt.type_string() ~ ') from ' ~ relation
            ~ ' where accrued_at = (select max(accrued_at) from ' ~ relation ~ ')'
        ).columns[0].values()[0] -%}
    {%- endif -%}
    {{- return(first_date or '1900-01-01') -}}
{%- endmacro %}
