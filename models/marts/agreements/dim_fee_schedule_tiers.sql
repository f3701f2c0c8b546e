-- One row per tier (band) of a fee schedule: bounds in USD, the rate as printed (percent)
-- and in basis points, the printed row and where it is printed.
with

tiers as (

    select * from {{ ref('stg_agreements__fee_schedule_tiers') }}

),

final as (

    select
        cast(tier_id as {{ dbt.type_string() }}) as tier_id,
        cast(schedule_id as {{ dbt.type_string() }}) as schedule_id,
        cast(tier_number as integer) as tier_number,
        cast(lower_bound_usd as decimal(18, 2)) as lower_bound_usd,
        cast(upper_bound_usd as decimal(18, 2)) as upper_bound_usd,
        cast(annual_rate_pct as decimal(9, 6)) as annual_rate_pct,
        cast(annual_rate_bps as decimal(11, 4)) as annual_rate_bps,
        cast(printed_text as {{ dbt.type_string() }}) as printed_text,
        cast(erratum_id as {{ dbt.type_string() }}) as erratum_id,
        cast(document_id as {{ dbt.type_string() }}) as document_id,
        cast(source_line as integer) as source_line
    from tiers

)

select * from final
