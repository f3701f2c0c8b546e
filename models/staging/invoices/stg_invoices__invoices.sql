-- Invoices billed by a payee (contract.md, Inputs): one row per agreement, fund and
-- month billed. var invoices_path set: the CSV or Parquet file or glob it names, read by
-- the warehouse directly; not set: the illustrative seed shipped in the repository.
with

source as (

    {% if var('invoices_path') %}
        select * from {{ fund_fees.read_input_file(var('invoices_path'), {
            'agreement_id': 'VARCHAR', 'fund_id': 'VARCHAR',
            'month_start': 'DATE', 'billed_usd': 'DECIMAL(18,2)'
        }) }}
    {% else %}
        select * from {{ ref('invoices_illustrative') }}
    {% endif %}

),

renamed as (

    select
        {{ fund_fees.compound_key(['agreement_id', 'fund_id', 'month_start']) }}
            as invoice_id,
        cast(agreement_id as {{ dbt.type_string() }}) as agreement_id,
        cast(fund_id as {{ dbt.type_string() }}) as fund_id,
        cast(month_start as date) as month_start,
        cast(billed_usd as decimal(18, 2)) as billed_usd

    from source

)

select * from renamed
