with

rejects as (

    select * from {{ source('raw', '_rejects') }}

),

final as (

    select
        table_name,
        coalesce(column_name, '(row)') as column_name,
        reason_code,
        count(*) as rejected_rows,
        count(distinct source_file) as files

    from rejects
    group by table_name, coalesce(column_name, '(row)'), reason_code

)

select * from final
