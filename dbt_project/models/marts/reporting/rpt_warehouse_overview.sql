with

programs as (select count(*) as n from {{ ref('stg_catalog__programs') }}),

students as (select count(distinct sis_student_id) as n from {{ ref('stg_sis__students') }}),

participations as (select count(*) as n from {{ ref('stg_sis__enrollments') }}),

placements as (select count(*) as n from {{ ref('stg_employer__hires') }}),

wage_quarters as (

    select count(*) as n
    from (select distinct wage_year, wage_quarter from {{ ref('stg_wages__wage_records') }}) as q

),

rejected as (select coalesce(sum(rows_rejected), 0) as n from {{ ref('rpt_load_summary') }}),

final as (

    select 1 as sort_order, 'Programs' as label, n as value from programs
    union all select 2, 'Students', n from students
    union all select 3, 'Participations', n from participations
    union all select 4, 'Employer placements', n from placements
    union all select 5, 'Wage quarters landed', n from wage_quarters
    union all select 6, 'Landing rows rejected', n from rejected

)

select * from final
