{#-
    Partner-employer placement metrics, one row per (exiter's participation, placement)
    pair: the job or apprenticeship placements of the participation's student hired from
    `entry_date` to `exit_date + 365 days`. A placement counts in every participation whose
    window holds it. Named columns per metric: `<metric>__is_in_cohort`,
    `<metric>__is_mature`, `<metric>__is_success`.

    METRICS.md:
      job_retention_180d — "employer placements (job or apprenticeship) of exiters, hired
        between `entry_date` and `exit_date + 365 days`, with `hire_date + 180 days ≤
        as_of`" / "still employed on `hire_date + 180 days` (separation blank or later)"
        (later = strictly after, docs/methodology.md).
      in_field_rate — the same placements "with a `soc_code` (no maturity condition)" /
        "`soc_code` is one of the program's `target_soc_codes`".
-#}
with

exiters as (

    select * from {{ ref('int_participation_outcomes') }} where is_exiter

),

placements as (

    select * from {{ ref('int_placements_as_of') }} where is_employment

),

pairs as (

    select
        exiters.sis_enrollment_id,
        placements.placement_id,
        exiters.program_id,
        exiters.exit_cohort_year,
        exiters.target_soc_codes,
        placements.hire_date,
        placements.separation_date,
        placements.soc_code
    from exiters
    inner join placements
        on exiters.sis_student_id = placements.sis_student_id
        and placements.hire_date >= exiters.entry_date
        and placements.hire_date <= {{ add_days('exiters.exit_date', 365) }}

),

final as (

    select
        sis_enrollment_id,
        sis_enrollment_id || '|' || placement_id as unit_id,
        placement_id,
        program_id,
        exit_cohort_year,

        true as job_retention_180d__is_in_cohort,
        {{ add_days('hire_date', 180) }} <= {{ as_of_date() }} as job_retention_180d__is_mature,
        separation_date is null or separation_date > {{ add_days('hire_date', 180) }}
            as job_retention_180d__is_success,

        soc_code is not null as in_field_rate__is_in_cohort,
        true as in_field_rate__is_mature,
        {{ list_contains('target_soc_codes', 'soc_code') }} as in_field_rate__is_success

    from pairs

)

select * from final
