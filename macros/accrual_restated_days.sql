{#
    accrual_restated_days(accruals, carried_forward, asset_groups, since): the CTEs (each
    followed by a comma) of int_daily_fees_accrued's incremental branch, ending with
    recompute_from (fund_id, recompute_from_date): per fund, the first of the month of the
    earliest day whose net assets as carried forward (`carried_forward`, fee-rules R1) differ
    from what `accruals` (the model itself) recorded, else the day after its last recorded day;
    a fund never recorded from its first day; a fund of a combined-asset group (R4) from the
    earliest such day of its group. With `since` (a 'YYYY-MM-DD' string), only the days from
    it on are compared: the caller passes the earliest recompute_from_date, found first with
    since = none, as a literal that DuckDB pushes down to the stored fund-days.
#}
{% macro accrual_restated_days(accruals, carried_forward, asset_groups, since) -%}
carried_forward as (

    select * from {{ carried_forward }}
    {%- if since %}
    where calendar_date >= cast('{{ since }}' as date)
    {%- endif %}

),

asset_groups as (

    select * from {{ asset_groups }}

),

recorded as (

    -- what the last run priced, per fund and day (the same figure for every agreement)
    select
        fund_id,
        accrual_date,
        max(net_assets_usd) as net_assets_usd,
        max(cast(is_carried_forward as integer)) as is_carried_forward
    from {{ accruals }}
    {%- if since %}
    where accrual_date >= cast('{{ since }}' as date)
    {%- endif %}
    group by
        fund_id,
        accrual_date

),

recorded_ends as (

    -- every day this table holds (not only those since): a fund's last recorded day
    select
        fund_id,
        max(accrual_date) as last_recorded_date
    from {{ accruals }}
    group by fund_id

),

unrecorded_starts as (

    -- a fund on the spine that this table has never priced (its first figure is new):
    -- from its first day, which also recomputes the other funds of its asset group
    -- (the spine read again, not the CTE carried_forward: DuckDB stores a CTE read twice)
    select
        spine.fund_id,
        min(spine.calendar_date) as restated_from
    from {{ carried_forward }} as spine
    left join recorded_ends
        on spine.fund_id = recorded_ends.fund_id
    where
        recorded_ends.fund_id is null
        {%- if since %}
        and spine.calendar_date >= cast('{{ since }}' as date)
        {%- endif %}
    group by spine.fund_id

),

changed_from as (

    -- per fund: the first day whose figure differs from what was recorded
    select
        recorded.fund_id,
        min(recorded.accrual_date) as first_changed_date
    from recorded
    left join carried_forward
        on
            recorded.fund_id = carried_forward.fund_id
            and recorded.accrual_date = carried_forward.calendar_date
    where
        carried_forward.net_assets_usd is distinct from recorded.net_assets_usd
        or cast(carried_forward.is_carried_forward as integer) is distinct from recorded.is_carried_forward
    group by recorded.fund_id

),

fund_restated_from as (

    -- per fund: the first changed day (a recorded day), else the day after the last day recorded
    select
        recorded_ends.fund_id,
        coalesce(
            changed_from.first_changed_date,
            {{ fund_fees.add_days('recorded_ends.last_recorded_date', 1) }}
        ) as restated_from
    from recorded_ends
    left join changed_from
        on recorded_ends.fund_id = changed_from.fund_id
    union all
    select
        fund_id,
        restated_from
    from unrecorded_starts

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

    -- from the first of the month (a monthly_average tier basis prices a month as one)
    select
        fund_restated_from.fund_id,
        {{ fund_fees.month_start(
            'least(fund_restated_from.restated_from, coalesce(member_restated_from.restated_from, fund_restated_from.restated_from))'
        ) }} as recompute_from_date
    from fund_restated_from
    left join member_restated_from
        on fund_restated_from.fund_id = member_restated_from.fund_id

),
{%- endmacro %}
