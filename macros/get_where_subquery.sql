{#
    A data test's `where` config, with one placeholder resolved when the test runs (dbt's
    documented way to filter tests at run time):
      __rows_of_the_latest_accrual_run__  -> only the rows the latest run (re)computed
        (accrued_at = the table's latest accrued_at): after an incremental run the new and
        restated days, after a full build every row.
      __fund_days_of_the_latest_computation__  -> the same for int_fund_days_carried_forward
        (computed_at = the table's latest computed_at).
      __fund_days_of_the_last_month__  -> the fund-days of the last 31 days up to the accrual
        end date (int_accrual_end_date_derived, in the relation's schema): for the views of
        the fund-day chain, whose every row is checked again downstream in a table; the
        date is a literal read when the test runs, so the filter reaches the stored
        fund-days and the view is not computed whole.
    Any other `where` is applied as dbt does by default.
#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- if where -%}
        {#- the rows of the table's latest run, by its run-time column (a namespace: a
            loop's own assignments do not outlive it in Jinja) -#}
        {%- set resolved = namespace(where=where) -%}
        {%- for placeholder, run_column in [
            ('__rows_of_the_latest_accrual_run__', 'accrued_at'),
            ('__fund_days_of_the_latest_computation__', 'computed_at')] -%}
            {%- set resolved.where = resolved.where | replace(placeholder,
                run_column ~ ' = (select max(' ~ run_column ~ ') from ' ~ relation ~ ')') -%}
        {%- endfor -%}
        {%- set where = resolved.where -%}
        {%- if '__fund_days_of_the_last_month__' in where -%}
            {%- set accrual_end = api.Relation.create(
                database=relation.database, schema=relation.schema, identifier='int_accrual_end_date_derived') -%}
            {#- a literal date, read when the test runs, so that the filter prunes the stored
                fund-days under the view (a subquery would not) -#}
            {%- set since = none -%}
            {%- if execute -%}
                {%- set since = run_query('select cast(' ~ fund_fees.add_days('accrual_end_date', -31)
                    ~ ' as ' ~ dbt.type_string() ~ ') from ' ~ accrual_end).columns[0].values()[0] -%}
            {%- endif -%}
            {%- set where = where | replace(
                '__fund_days_of_the_last_month__',
                "accrual_date > cast('" ~ (since or '1900-01-01') ~ "' as date)"
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
