{#-
    Time to employment for each completer (METRICS.md, "Employment start"): the earliest of
    (a) a job/apprenticeship hire on or after exit, (b) the exit date when a placement spans
    it or UI wages were paid in the (observable) exit quarter, (c) the first day of the first
    observable quarter after the exit quarter with UI wages. Without a start the completer
    is censored at min(as_of, end of the latest observable quarter).
-#}
with

completers as (

    select * from {{ ref('int_participations_as_of') }} where is_completer

),

placements as (

    select * from {{ ref('int_placements_as_of') }} where is_employment

),

person_quarters as (

    select * from {{ ref('int_person_quarter_employment') }} where has_ui_wages

),

follow_up_end as (

    select
        least(
            {{ as_of_date() }},
            coalesce(max(quarter_last_date), {{ as_of_date() }})
        ) as follow_up_end_date
    from {{ ref('int_observable_quarters') }}

),

hired_after_exit as (

    select c.sis_enrollment_id, min(pl.hire_date) as start_date
    from completers as c
    inner join placements as pl
        on c.sis_student_id = pl.sis_student_id and pl.hire_date >= c.exit_date
    group by c.sis_enrollment_id

),

employed_at_exit as (

    select distinct c.sis_enrollment_id, c.exit_date as start_date
    from completers as c
    inner join placements as pl
        on c.sis_student_id = pl.sis_student_id
        and pl.hire_date < c.exit_date
        and (pl.separation_date is null or pl.separation_date >= c.exit_date)

    union

    select c.sis_enrollment_id, c.exit_date
    from completers as c
    inner join person_quarters as pq
        on c.sis_student_id = pq.sis_student_id and pq.quarter_index = c.exit_quarter_index

),

paid_after_exit as (

    select c.sis_enrollment_id, min(pq.quarter_first_date) as start_date
    from completers as c
    inner join person_quarters as pq
        on c.sis_student_id = pq.sis_student_id and pq.quarter_index > c.exit_quarter_index
    group by c.sis_enrollment_id

),

candidates as (

    select sis_enrollment_id, start_date, 'hire_after_exit' as start_source
    from hired_after_exit
    union all
    select sis_enrollment_id, start_date, 'employed_at_exit' from employed_at_exit
    union all
    select sis_enrollment_id, start_date, 'ui_wages_after_exit' from paid_after_exit

),

earliest as (

    select sis_enrollment_id, min(start_date) as employment_start_date
    from candidates
    group by sis_enrollment_id

),

final as (

    select
        c.sis_enrollment_id,
        c.exit_date,
        earliest.employment_start_date,
        earliest.employment_start_date is not null as has_employment_start,
        case
            when earliest.employment_start_date is not null
                then {{ days_between('c.exit_date', 'earliest.employment_start_date') }}
            else greatest(0, {{ days_between('c.exit_date', 'follow_up_end.follow_up_end_date') }})
        end as days_to_employment_or_censoring
    from completers as c
    cross join follow_up_end
    left join earliest on c.sis_enrollment_id = earliest.sis_enrollment_id

)

select * from final
