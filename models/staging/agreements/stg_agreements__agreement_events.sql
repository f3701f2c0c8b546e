-- Agreement events (issue 11): executions, approvals, continuances, notices, terminations
-- and assignments, per agreement and fund (fund_id null: every fund of the agreement).
-- var agreement_events_path set: the CSV or Parquet file it names (columns agreement_id,
-- fund_id, event_date, event_type), read by the warehouse directly; not set: the seed.
with

source as (

    {% if var('agreement_events_path') %}
        select
            agreement_id,
            fund_id,
            event_date,
            event_type,
            false as is_assumed,
            cast(null as {{ dbt.type_string() }}) as note,
            '{{ var("agreement_events_path") }}' as source_file
        from {{ fund_fees.read_input_file(var('agreement_events_path'), {
            'agreement_id': 'VARCHAR', 'fund_id': 'VARCHAR', 'event_date': 'DATE', 'event_type': 'VARCHAR'
        }) }}
    {% else %}
        select
            agreement_id,
            fund_id,
            event_date,
            event_type,
            is_assumed,
            note,
            'seeds/agreements/agreement_events.csv' as source_file
        from {{ fund_fees.agreement_input('agreement_events') }}
    {% endif %}

),

renamed as (

    select
        {{ fund_fees.compound_key([
            'agreement_id', "coalesce(nullif(trim(fund_id), ''), '*')", 'event_date', 'event_type'
        ]) }} as agreement_event_id,
        cast(agreement_id as {{ dbt.type_string() }}) as agreement_id,
        cast(nullif(trim(fund_id), '') as {{ dbt.type_string() }}) as fund_id,
        cast(event_date as date) as event_date,
        cast(event_type as {{ dbt.type_string() }}) as event_type,
        cast(is_assumed as boolean) as is_assumed,
        cast(note as {{ dbt.type_string() }}) as note,
        cast(source_file as {{ dbt.type_string() }}) as source_file
    from source

)

select * from renamed
