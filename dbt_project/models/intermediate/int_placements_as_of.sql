{#-
    Linked employer placements as known on as_of: hires after as_of do not exist yet, and
    a separation after as_of has not happened yet. Internships are kept (flagged) but are
    work-based learning, not employment.
-#}
with

hires as (

    select * from {{ ref('stg_employer__hires') }}

),

linked as (

    select * from {{ ref('int_hires_linked') }} where sis_student_id is not null

),

final as (

    select
        hires.employer_id || '|' || hires.employer_record_id as placement_id,
        linked.sis_student_id,
        hires.employer_id,
        hires.placement_type,
        hires.placement_type in ('job', 'apprenticeship') as is_employment,
        hires.soc_code,
        hires.hire_date,
        case when hires.separation_date <= {{ as_of_date() }} then hires.separation_date end
            as separation_date,
        {{ quarter_index('hires.hire_date') }} as hire_quarter_index,
        case when hires.separation_date <= {{ as_of_date() }}
             then {{ quarter_index('hires.separation_date') }} end as separation_quarter_index
    from hires
    inner join linked
        on hires.employer_id = linked.employer_id
        and hires.employer_record_id = linked.employer_record_id
    where hires.hire_date <= {{ as_of_date() }}

)

select * from final
