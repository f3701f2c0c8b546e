-- Voluntary waivers elected by the Adviser (advisory agreement section 2, "except as may be
-- elected by Adviser in its discretion"; DECISIONLOG D26). var elected_waivers_path set: the
-- CSV or Parquet file it names (fund_id, period_start, period_end, amount_usd), read by the
-- warehouse directly; not set: the seed elected_waivers (its illustrative rows apply only to
-- the shipped net-asset sample, D16).
with

source as (
    {% if var('elected_waivers_path', none) %}
        select
            fund_id,
            period_start,
            period_end,
            amount_usd,
            false as is_illustrative,
            cast(null as {{ dbt.type_string() }}) as note,
            '{{ var("elected_waivers_path") }}' as source_file
        from {{ fund_fees.read_input_file(var('elected_waivers_path'), {
            'fund_id': 'VARCHAR', 'period_start': 'DATE', 'period_end': 'DATE', 'amount_usd': 'DECIMAL(38,2)'
        }) }}
    {% else %}
        select
            fund_id,
            period_start,
            period_end,
            amount_usd,
            is_illustrative,
            note,
            'seeds/waivers/elected_waivers.csv' as source_file
        from {{ ref('elected_waivers') }}
        {% if var('net_assets_path') %}
            where not is_illustrative
        {% endif %}
    {% endif %}
),

renamed as (
    select
        {{ fund_fees.compound_key(['fund_id', 'period_start', 'period_end']) }} as elected_waiver_id,
        cast(fund_id as {{ dbt.type_string() }}) as fund_id,
        cast(period_start as date) as period_start,
        cast(period_end as date) as period_end,
        cast(amount_usd as decimal(38, 2)) as amount_usd,
        cast(is_illustrative as boolean) as is_illustrative,
        cast(note as {{ dbt.type_string() }}) as note,
        cast(source_file as {{ dbt.type_string() }}) as source_file
    from source
)

select * from renamed
