-- One row per calendar day from 2000-01-01 through 2039-12-31: MetricFlow's time spine
-- (dbt 1.9+ time_spine YAML), so a metric can be asked by day, month, quarter or year.
-- The Trust's agreements start in 2001; the range is wide enough for any net-asset file.
with

day_numbers as (

    select {{ fund_fees.expand_integers(0, 14609) }} as day_number

),

final as (

    select
        cast({{ dbt.dateadd('day', 'day_number', "cast('2000-01-01' as date)") }} as date) as date_day
    from day_numbers

)

select * from final
