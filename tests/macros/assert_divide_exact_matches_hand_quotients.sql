-- divide_exact must return the exact quotient rounded half up at 18 digits.
-- Expected values are long division worked by hand (checked with Python decimal):
-- 100000 / 365 is the Mellon S&P 500 daily accrual at $150M (fee-rules R2).
with
cases as (
    select
        1 as case_id,
        cast(100000 as decimal(38, 14)) as numerator,
        365 as denominator,
        cast('273.972602739726027397' as decimal(38, 18)) as expected
    union all
    select 2, cast(100000 as decimal(38, 14)), 366, cast('273.224043715846994536' as decimal(38, 18))
    union all
    select 3, cast(-100000 as decimal(38, 14)), 365, cast('-273.972602739726027397' as decimal(38, 18))
    union all
    select 4, cast(2 as decimal(38, 14)), 3, cast('0.666666666666666667' as decimal(38, 18))
    union all
    select 5, cast(3425000 as decimal(38, 14)), 360, cast('9513.888888888888888889' as decimal(38, 18))
    union all
    select
        6,
        cast('1234567.89012345678901' as decimal(38, 14)),
        cast('0.000007' as decimal(18, 6)),
        cast('176366841446.208112715714285714' as decimal(38, 18))
),

computed as (
    select
        case_id,
        expected,
        {{ fund_fees.divide_exact('numerator', 'denominator', 18) }} as actual
    from cases
),

half_cases as (
    -- 1/8 = 0.125 -> 0.13 and -0.13 at two digits: halves go away from zero
    select
        {{ fund_fees.divide_exact('cast(1 as decimal(38, 0))', '8', 2, numerator_scale=0) }} as plus_eighth,
        {{ fund_fees.divide_exact('cast(-1 as decimal(38, 0))', '8', 2, numerator_scale=0) }} as minus_eighth,
        {{ fund_fees.divide_exact('cast(1 as decimal(38, 0))', '0', 2, numerator_scale=0) }} as by_zero
)

select
    'case ' || cast(case_id as {{ dbt.type_string() }}) as failing_case,
    cast(actual as {{ dbt.type_string() }}) as actual
from computed
where actual is null or actual <> expected or upper(typeof(actual)) not like 'DECIMAL%'
union all
select
    'half cases',
    cast(plus_eighth as {{ dbt.type_string() }}) || ' ' || cast(minus_eighth as {{ dbt.type_string() }})
from half_cases
where plus_eighth <> 0.13 or minus_eighth <> -0.13 or by_zero is not null
union all
-- large operands at 18 decimals: 123,456,789,012.345678901234567890 / 7
-- = 17,636,684,144.620811271604938270 (half up at 18 digits)
select
    'large operand',
    cast(q as {{ dbt.type_string() }})
from (
    select
        {{ fund_fees.divide_exact(
            "cast('123456789012.345678901234567890' as decimal(38, 18))", '7', 18, numerator_scale=18
        ) }} as q
) as large_case
where q <> cast('17636684144.620811271604938270' as decimal(38, 18))
