{#
    accrued_after_this_table(): the filter by which a model fed by int_daily_fees_accrued
    takes, on an incremental run, the daily accruals (re)computed since it last took rows:
    `where accrued_at > ` this table's latest accrued_at. Since, not "in the latest run":
    if a build stopped between int_daily_fees_accrued and this model, the next run still
    takes the stopped run's rows. int_daily_fees_accrued recomputes whole months (from the
    first of a fund's month on), so a monthly model gets every day of each month it takes.
    Nothing on a full build (every row).
#}
{% macro accrued_after_this_table() -%}
    {%- if is_incremental() -%}
        where accrued_at > (select max(accrued_at) from {{ this }})
    {%- endif -%}
{%- endmacro %}
