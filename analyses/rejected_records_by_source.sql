-- What could not be read in the last build, by source and reason: the first thing to look at after
-- loading your own exports. Compile with `dbt compile -s rejected_records_by_source` and run the SQL
-- from target/compiled, or paste it into the DuckDB CLI against the published file.
with

rejected as (
    select * from {{ ref('stg_rejected_records') }}
),

summarised as (
    select
        source_name,
        reject_reason,
        count(*) as rejected_records,
        count(distinct file_name) as files,
        min(file_name) as first_file
    from rejected
    group by source_name, reject_reason
)

select * from summarised
order by source_name asc, rejected_records desc
