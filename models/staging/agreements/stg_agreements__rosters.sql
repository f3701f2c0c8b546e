with

source as (

    select * from {{ ref('rosters') }}

),

renamed as (

    select
        {{ fund_fees.compound_key(['roster_id', 'fund_id']) }}
            as roster_entry_id,
        cast(roster_id as {{ dbt.type_string() }}) as roster_id,
        cast(agreement_id as {{ dbt.type_string() }}) as agreement_id,
        cast(roster_effective_date as date) as roster_effective_date,
        -- the day before the agreement's next roster starts (every row of a roster shares its date,
        -- so the frame skips the rows of the same date); null = still in effect
        cast(
            {{ dbt.dateadd(
                'day',
                -1,
                'min(roster_effective_date) over (
                    partition by agreement_id
                    order by ' ~ fund_fees.day_number('roster_effective_date') ~ '
                    range between 1 following and unbounded following
                )'
            ) }} as date
        ) as roster_effective_to,
        cast(roster_position as {{ dbt.type_int() }}) as roster_position,
        cast(fund_id as {{ dbt.type_string() }}) as fund_id,
        cast(name_as_printed as {{ dbt.type_string() }}) as name_as_printed,
        cast(document_id as {{ dbt.type_string() }}) as document_id,
        cast(source_line as {{ dbt.type_int() }}) as source_line

    from source

)

select * from renamed
