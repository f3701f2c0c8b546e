-- days_in_year: 2003 -> 365, 2004 -> 366, 1900 -> 365 (century), 2000 -> 366 (400-year);
-- actual/365 and actual/360 ignore leap years. expand_days: 2004-02-01 to 2004-03-01 is
-- 30 calendar days (29 in February of a leap year + 1); month_start(2004-02-29) = 2004-02-01.
with
day_counts as (
    select cast('2003-06-30' as date) as d, 'actual/actual' as convention, 365 as expected
    union all select cast('2004-06-30' as date), 'actual/actual', 366
    union all select cast('1900-06-30' as date), 'actual/actual', 365
    union all select cast('2000-06-30' as date), 'actual/actual', 366
    union all select cast('2004-06-30' as date), 'actual/365', 365
    union all select cast('2004-06-30' as date), 'actual/360', 360
),

spine as (
    select {{ fund_fees.expand_days("cast('2004-02-01' as date)", "cast('2004-03-01' as date)") }} as calendar_date
)

select 'days_in_year ' || cast(d as {{ dbt.type_string() }}) || ' ' || convention as failing_check
from day_counts
where {{ fund_fees.days_in_year('d', 'convention') }} <> expected
union all
select 'expand_days count'
from (select count(*) as n, min(calendar_date) as first_day, max(calendar_date) as last_day from spine) as s
where n <> 30 or first_day <> cast('2004-02-01' as date) or last_day <> cast('2004-03-01' as date)
union all
select 'month_start'
where {{ fund_fees.month_start("cast('2004-02-29' as date)") }} <> cast('2004-02-01' as date)
