with

accounting as (

    select * from {{ source('raw', '_load_accounting') }}

),

freshness_rules as (

    select
        table_name,
        count(*) as freshness_rules,
        sum(case when success then 0 else 1 end) as freshness_rules_failed,
        max(checked_at) as checked_at

    from {{ ref('rpt_quality_results') }}
    where frame = 'freshness'
    group by table_name

),

loads as (

    select
        table_name,
        count(*) as files_landed,
        min(loaded_at) as first_loaded_at,
        max(loaded_at) as last_loaded_at,
        sum(rows_loaded) as rows_loaded

    from accounting
    group by table_name

),

final as (

    select
        loads.table_name,
        loads.files_landed,
        loads.rows_loaded,
        loads.first_loaded_at,
        loads.last_loaded_at,
        freshness_rules.freshness_rules,
        freshness_rules.freshness_rules_failed,
        freshness_rules.checked_at as freshness_checked_at

    from loads
    left join freshness_rules on loads.table_name = freshness_rules.table_name

)

select * from final
