{#-
    Person × observable quarter, from two quarters before the person's first entry on:
    UI wages summed over employers, whether a job/apprenticeship placement covers the
    quarter, and the source of employment (`ui`, `employer`, `both`, `none_found`).
-#}
with

participations as (

    select * from {{ ref('int_participations_as_of') }}

),

observable as (

    select * from {{ ref('int_observable_quarters') }}

),

placements as (

    select * from {{ ref('int_placements_as_of') }} where is_employment

),

people as (

    select sis_student_id, min(entry_quarter_index) - 2 as first_quarter_index
    from participations
    group by sis_student_id

),

grid as (

    select
        people.sis_student_id,
        observable.quarter_index,
        observable.quarter_year,
        observable.quarter_first_date,
        observable.quarter_last_date
    from people
    inner join observable on observable.quarter_index >= people.first_quarter_index

),

ui as (

    select sis_student_id, quarter_index, sum(wages_usd) as ui_wages_usd
    from {{ ref('int_wage_records_linked') }}
    where sis_student_id is not null
    group by sis_student_id, quarter_index

),

placed as (

    select distinct grid.sis_student_id, grid.quarter_index
    from grid
    inner join placements
        on placements.sis_student_id = grid.sis_student_id
        and placements.hire_date <= grid.quarter_last_date
        and (placements.separation_date is null
             or placements.separation_date >= grid.quarter_first_date)

),

final as (

    select
        grid.sis_student_id,
        grid.quarter_index,
        grid.quarter_year,
        grid.quarter_first_date,
        grid.quarter_last_date,
        coalesce(ui.ui_wages_usd, 0) as ui_wages_usd,
        coalesce(ui.ui_wages_usd, 0) > 0 as has_ui_wages,
        placed.sis_student_id is not null as has_employer_placement,
        case
            when coalesce(ui.ui_wages_usd, 0) > 0 and placed.sis_student_id is not null
                then 'both'
            when coalesce(ui.ui_wages_usd, 0) > 0 then 'ui'
            when placed.sis_student_id is not null then 'employer'
            else 'none_found'
        end as employment_source,
        coalesce(ui.ui_wages_usd, 0) > 0 or placed.sis_student_id is not null as is_employed
    from grid
    left join ui
        on grid.sis_student_id = ui.sis_student_id and grid.quarter_index = ui.quarter_index
    left join placed
        on grid.sis_student_id = placed.sis_student_id
        and grid.quarter_index = placed.quarter_index

)

select * from final
