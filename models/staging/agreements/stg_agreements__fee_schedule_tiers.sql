with

source as (

    select * from {{ fund_fees.agreement_input('fee_schedule_tiers') }}

),

renamed as (

    select
        {{ fund_fees.compound_key(['schedule_id', 'tier_number']) }}
            as tier_id,
        cast(schedule_id as {{ dbt.type_string() }}) as schedule_id,
        cast(tier_number as {{ dbt.type_int() }}) as tier_number,
        cast(lower_bound_usd as decimal(24, 6)) as lower_bound_usd,
        cast(upper_bound_usd as decimal(24, 6)) as upper_bound_usd,
        cast(annual_rate_pct as decimal(9, 6)) as annual_rate_pct,
        cast(cast(annual_rate_pct as decimal(9, 6)) * 100 as decimal(12, 4)) as annual_rate_bps,
        cast(printed_text as {{ dbt.type_string() }}) as printed_text,
        cast(document_id as {{ dbt.type_string() }}) as document_id,
        cast(source_line as {{ dbt.type_int() }}) as source_line,
        cast(erratum_id as {{ dbt.type_string() }}) as erratum_id

    from source

)

select * from renamed
