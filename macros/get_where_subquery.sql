{#
    A data test's `where` config, with one placeholder resolved when the test runs (dbt's
    documented way to filter tests at run time):
      __rows_of_the_latest_accrual_run__  -> only the rows the latest run (re)computed
        (accrued_at = the table's latest accrued_at): after an incremental run the new and
        restated days, after a full build every row.
    Any other `where` is applied as dbt does by default.
#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- if where -%}
        {%- if '__rows_of_the_latest_accrual_run__' in where -%}
            {%- set where = where | replace(
                '__rows_of_the_latest_accrual_run__',
                'accrued_at = (select max(accrued_at) from ' ~ relation ~ ')'
            ) -%}
        {%- endif -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ where }}) dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}
