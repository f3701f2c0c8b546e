with

source as (
    select * from {{ ref('distribution_expenditures') }}
),

renamed as (
    select
        cast(expenditure_id as {{ dbt.type_string() }}) as expenditure_id,
        cast(expenditure_date as date) as expenditure_date,
        cast(fund_id as {{ dbt.type_string() }}) as fund_id,
        cast(broker_dealer_id as {{ dbt.type_string() }}) as broker_dealer_id,
        cast(funding_source as {{ dbt.type_string() }}) as funding_source,
        cast(purpose_id as {{ dbt.type_string() }}) as purpose_id,
        cast(amount_usd as decimal(24, 6)) as amount_usd,
        cast(description as {{ dbt.type_string() }}) as expenditure_description,
        cast(is_illustrative as boolean) as is_illustrative
    from source
)

select * from renamed
