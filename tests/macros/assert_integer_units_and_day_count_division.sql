-- The pricing core's integer forms (macros/money/divide_exact.sql, macros/pricing.sql):
-- decimal_to_units must give a decimal's exact whole number of 10^-scale units, also where
-- DuckDB's double estimate is inexact (beyond 2^53 units, up to 10^35);
-- divide_by_day_count must give the same quotient from amount_units as from the decimal (and
-- from units, amounts beyond the decimal form's 10^10 dollars);
-- divide_units must round halves away from zero. Expected values are the decimal point moved
-- by hand, and long division checked with Python decimal (ROUND_HALF_UP at 18 digits):
-- 61,343,625.5472 / 366 is the largest annual fee of the 1,000-fund benchmark over a leap year.
with

unit_cases as (
    select 1 as case_id, cast('12345678901234567890.123456' as decimal(38, 6)) as value,
        cast('12345678901234567890123456' as decimal(38, 0)) as expected
    union all
    select 2, cast('-9007199254.740993' as decimal(38, 6)), cast('-9007199254740993' as decimal(38, 0))
    union all
    select 3, cast('99999999999999999999999999999.999999' as decimal(38, 6)),
        cast('99999999999999999999999999999999999' as decimal(38, 0))
    union all
    select 4, cast('-31415926535897932384626.433832' as decimal(38, 6)),
        cast('-31415926535897932384626433832' as decimal(38, 0))
    union all
    select 5, cast('0.000001' as decimal(38, 6)), cast('1' as decimal(38, 0))
    union all
    select 6, cast('0' as decimal(38, 6)), cast('0' as decimal(38, 0))
),

units_computed as (
    select
        case_id,
        expected,
        cast({{ fund_fees.decimal_to_units('value', 6) }} as decimal(38, 0)) as actual,
        {{ fund_fees.units_to_decimal(fund_fees.decimal_to_units('value', 6), 6) }} as round_trip,
        value
    from unit_cases
),

day_cases as (
    select
        11 as case_id,
        cast('1000000000000000' as decimal(38, 14)) as amount,
        365 as days,
        cast('2739726027397.260273972602739726' as decimal(38, 18)) as expected
    union all
    select 12, cast('61343625.5472' as decimal(38, 14)), 366, cast('167605.534281967213114754' as decimal(38, 18))
    union all
    select 13, cast('0.00000000000001' as decimal(38, 14)), 365, cast('0.000000000000000027' as decimal(38, 18))
    union all
    select 14, cast('-123456.78901234567891' as decimal(38, 14)), 360, cast('-342.935525034293552528' as decimal(38, 18))
    union all
    select 15, cast('9999999999.99999999999999' as decimal(38, 14)), 365, cast('27397260.273972602739726000' as decimal(38, 18))
),

day_units as (
    select
        *,
        {{ fund_fees.decimal_to_units('amount', 14) }} as amount_units
    from day_cases
),

days_computed as (
    select
        case_id,
        expected,
        amount as amount_checked,
        -- read from the decimal, the amount must stay below 10^(38 - 2 x 14) = 10^10 dollars
        case
            when abs(amount) < 10000000000 then {{ fund_fees.divide_by_day_count('amount', 'days') }}
        end as from_decimal,
        {{ fund_fees.divide_by_day_count('amount', 'days', amount_units='amount_units') }} as from_units
    from day_units
),

share_cases as (
    -- 5 / 2 = 2.5 -> 3, -5 / 2 -> -3, 7 / 3 = 2.33 -> 2, 8 / 3 = 2.67 -> 3, by zero -> null
    select 21 as case_id, 5 as n, 2 as d, 3 as expected
    union all
    select 22, -5, 2, -3
    union all
    select 23, 7, 3, 2
    union all
    select 24, 8, -3, -3
    union all
    select 25, 1, 0, null
),

shares_computed as (
    select
        case_id,
        expected,
        {{ fund_fees.divide_units(
            fund_fees.decimal_to_units('cast(n as decimal(38, 0))', 0),
            fund_fees.decimal_to_units('cast(d as decimal(38, 0))', 0)
        ) }} as actual
    from share_cases
),

failures as (
    select case_id, 'decimal_to_units' as check_name
    from units_computed
    where actual <> expected or round_trip <> value
    union all
    select case_id, 'divide_by_day_count'
    from days_computed
    where
        from_units <> expected
        or (abs(amount_checked) < 10000000000 and (from_decimal is null or from_decimal <> expected))
    union all
    select case_id, 'divide_units'
    from shares_computed
    where
        (expected is null and actual is not null)
        or (expected is not null and (actual is null or cast(actual as decimal(38, 0)) <> expected))
)

select * from failures
