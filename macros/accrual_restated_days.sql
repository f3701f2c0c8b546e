{#
    accrual_restated_days(accruals, carried_forward, asset_groups, since): the CTEs (each
    followed by a comma) of int_daily_fees_accrued's incremental branch, ending with
    recompute_from (fund_id, recompute_from_date): per fund, the first of the month of the
    earliest day that `carried_forward` (int_fund_days_carried_forward, fee-rules R1)
    computed since `accruals` (the model itself) last priced: its computed_at after the
    latest accrued_at recorded (every day, when nothing is recorded). int_fund_days_carried_forward
    recomputes a fund from its first restated, added or removed figure, or from the day after
    its last recorded day when the accrual end moves on; a fund it never recorded from its
    first day. A fund of a combined-asset group (R4) from the earliest such day of its group.
    With `since` (a 'YYYY-MM-DD' string), only the days from it on are read: the caller
    passes the earliest recompute_from_date, found first with since = none, as a literal
    that DuckDB pushes down to the stored fund-days.
#}
{% macro accrual_restated_days(accruals, carried_forward, asset_groups, since) -%}
asset_groups as (

    select * from {{ asset_groups }}

),

fund_restated_from as (

    -- per fund: the first day computed since this table's latest accrual (a run that
    -- stopped after int_fund_days_carried_forward is picked up by the next)
    select
        fund_id,
        min(calendar_date) as restated_from
    from {{ carried_forward }}
    where
        computed_at > (
            select coalesce(max(accrued_at), cast('1900-01-01' as timestamp)) from {{ accruals }}
        )
        {%- if since %}
        and calendar_date >= cast('{{ since }}' as date)
        {%- endif %}
    group by fund_id

),

group_restated_from as (

    select
        asset_groups.asset_group_id,
        min(fund_restated_from.restated_from) as restated_from
    from asset_groups
    inner join fund_restated_from
        on asset_groups.fund_id = fund_restated_from.fund_id
    group by asset_groups.asset_group_id

),

member_restated_from as (

    select
        asset_groups.fund_id,
        min(group_restated_from.restated_from) as restated_from
    from asset_groups
    inner join group_restated_from
        on asset_groups.asset_group_id = group_restated_from.asset_group_id
    group by asset_groups.fund_id

),

recompute_from as (

    -- from the first of the month (a monthly_average tier basis prices a month as one);
    -- a fund with nothing computed since is recomputed when a fund of its group is
    select
        coalesce(fund_restated_from.fund_id, member_restated_from.fund_id) as fund_id,
        {{ fund_fees.month_start(
            'case when fund_restated_from.restated_from is null'
            ~ ' or member_restated_from.restated_from < fund_restated_from.restated_from'
            ~ ' then member_restated_from.restated_from else fund_restated_from.restated_from end'
        ) }} as recompute_from_date
    from fund_restated_from
    full outer join member_restated_from
        on fund_restated_from.fund_id = member_restated_from.fund_id

),
{%- endmacro %}
