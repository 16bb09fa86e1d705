with

accounting as (

    select * from {{ source('raw', '_load_accounting') }}

),

final as (

    select
        table_name,
        count(*) as files_landed,
        sum(case when status = 'loaded' then 1 else 0 end) as files_loaded,
        sum(case when status like 'duplicate_of:%' then 1 else 0 end) as files_duplicate,
        sum(rows_read) as rows_read,
        sum(rows_loaded) as rows_loaded,
        sum(rows_rejected) as rows_rejected

    from accounting
    group by table_name

)

select * from final
