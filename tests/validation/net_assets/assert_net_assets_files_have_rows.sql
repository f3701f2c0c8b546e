-- Rule: the net-asset input has rows: not an empty or header-only file, and, for a glob,
-- no file of it without rows (the file is named). A build on no rows would compute no fee
-- and rebuild dim_funds without dates.
{% set path = var('net_assets_path') %}

with

row_counts as (

    select count(*) as input_rows from {{ ref('stg_net_assets__daily') }}

)

select
    'the net-asset input has no rows' as failure_reason,
    '{{ path or "seeds/net_assets/net_assets_illustrative.csv" }}' as source_file
from row_counts
where input_rows = 0

{% if path %}
    union all

    select
        'file has no rows (empty or header only)' as failure_reason,
        files.file as source_file
    from {{ fund_fees.net_asset_files(path) }} as files
    left join (
        -- one row per file read (a small aggregate, where NOT IN hashed every row)
        select distinct source_file from {{ ref('stg_net_assets__daily') }}
    ) as read_files
        on files.file = read_files.source_file
    where read_files.source_file is null
{% endif %}
