{#-
    Each metric of METRICS.md as observations: one row per metric and unit (a
    participation, or a participation × placement pair for the placement metrics) of the
    metric's cohort, with its cohort year, program and outcome. `is_mature` says whether the
    unit's outcome window has closed (or its quarter is observable) on as_of: mature units
    form the denominator; immature ones make a cell `not_yet_observable` rather than zero.
    This is the one place where the metric rules (denominators, numerators, windows) are
    written.
-#}
with

p as (

    select * from {{ ref('int_participation_outcomes') }}

),

starts as (

    select * from {{ ref('int_employment_starts') }}

),

placement_pairs as (

    select
        p.sis_enrollment_id,
        pl.placement_id,
        p.exit_cohort_year,
        p.program_id,
        p.target_soc_codes,
        pl.hire_date,
        pl.separation_date,
        pl.soc_code
    from p
    inner join {{ ref('int_placements_as_of') }} as pl
        on p.sis_student_id = pl.sis_student_id
        and pl.is_employment
        and pl.hire_date >= p.entry_date
        and pl.hire_date <= {{ add_days('p.exit_date', 365) }}
    where p.is_exiter

),

observations as (

    -- completion_rate: entry cohort; window = entry + ceil(1.5 × weeks × 7) days ≤ as_of
    select
        'completion_rate' as metric_id, sis_enrollment_id, sis_enrollment_id as unit_id,
        entry_cohort_year as cohort_year, program_id,
        is_completer and exit_date <= completion_window_end_date as is_success,
        cast(null as double) as observed_value,
        cast(null as integer) as km_days, cast(null as boolean) as is_km_event,
        completion_window_end_date <= {{ as_of_date() }} as is_mature
    from p

    union all
    -- credential_attainment_rate: exiters a year past exit; award of the program in window
    select
        'credential_attainment_rate', sis_enrollment_id, sis_enrollment_id,
        exit_cohort_year, program_id, has_credential_in_window, null, null, null,
        {{ add_days('exit_date', 365) }} <= {{ as_of_date() }}
    from p
    where is_exiter

    union all
    select
        'employment_rate_q2', sis_enrollment_id, sis_enrollment_id,
        exit_cohort_year, program_id, is_employed_q2_after_exit, null, null, null,
        is_q2_after_exit_observable
    from p
    where is_exiter

    union all
    select
        'employment_rate_q4', sis_enrollment_id, sis_enrollment_id,
        exit_cohort_year, program_id, is_employed_q4_after_exit, null, null, null,
        is_q4_after_exit_observable
    from p
    where is_exiter

    union all
    select
        'median_earnings_q2', sis_enrollment_id, sis_enrollment_id,
        exit_cohort_year, program_id, null,
        cast(earnings_q2_after_exit_usd as double), null, null,
        is_q2_after_exit_observable
    from p
    where is_exiter
        and (not is_q2_after_exit_observable or earnings_q2_after_exit_usd > 0)

    union all
    select
        'median_earnings_q2_real', sis_enrollment_id, sis_enrollment_id,
        exit_cohort_year, program_id, null,
        cast(earnings_q2_after_exit_real_usd as double), null, null,
        is_q2_after_exit_observable
    from p
    where is_exiter
        and (not is_q2_after_exit_observable or earnings_q2_after_exit_usd > 0)

    union all
    select
        'retention_same_employer', sis_enrollment_id, sis_enrollment_id,
        exit_cohort_year, program_id, has_same_employer_q2_q4, null, null, null,
        is_q2_after_exit_observable and is_q4_after_exit_observable
    from p
    where is_exiter
        and (not is_q2_after_exit_observable or earnings_q2_after_exit_usd > 0)

    union all
    select
        'living_wage_rate', sis_enrollment_id, sis_enrollment_id,
        exit_cohort_year, program_id,
        coalesce(4 * earnings_q2_after_exit_usd >= living_wage_q2_year_usd, false),
        null, null, null,
        is_q2_after_exit_observable
    from p
    where is_exiter

    union all
    select
        'median_earnings_change_real', sis_enrollment_id, sis_enrollment_id,
        exit_cohort_year, program_id, null,
        cast(earnings_q2_after_exit_real_usd as double)
            - cast(earnings_q2_before_entry_real_usd as double),
        null, null,
        is_q2_after_exit_observable
    from p
    where is_exiter
        and (not is_q2_after_exit_observable or earnings_q2_after_exit_usd > 0)
        and is_q2_before_entry_observable and earnings_q2_before_entry_usd > 0

    union all
    select
        'placement_rate_180d', p.sis_enrollment_id, p.sis_enrollment_id,
        p.exit_cohort_year, p.program_id,
        starts.has_employment_start and starts.days_to_employment_or_censoring <= 180,
        null, null, null,
        {{ add_days('p.exit_date', 180) }} <= {{ as_of_date() }}
    from p
    inner join starts on p.sis_enrollment_id = starts.sis_enrollment_id

    union all
    -- Kaplan–Meier: every completer, with its event or censoring time
    select
        'km_time_to_employment', p.sis_enrollment_id, p.sis_enrollment_id,
        p.exit_cohort_year, p.program_id, null, null,
        starts.days_to_employment_or_censoring, starts.has_employment_start, true
    from p
    inner join starts on p.sis_enrollment_id = starts.sis_enrollment_id

    union all
    select
        'job_retention_180d', sis_enrollment_id, sis_enrollment_id || '|' || placement_id,
        exit_cohort_year, program_id,
        separation_date is null or separation_date > {{ add_days('hire_date', 180) }},
        null, null, null,
        {{ add_days('hire_date', 180) }} <= {{ as_of_date() }}
    from placement_pairs

    union all
    select
        'in_field_rate', sis_enrollment_id, sis_enrollment_id || '|' || placement_id,
        exit_cohort_year, program_id,
        {{ list_contains('target_soc_codes', 'soc_code') }},
        null, null, null, true
    from placement_pairs
    where soc_code is not null

    union all
    select
        'skill_gain_rate', sis_enrollment_id, sis_enrollment_id,
        entry_cohort_year, program_id, has_skill_gain, null, null, null, true
    from p

    union all
    select
        'stack_rate_365d', sis_enrollment_id, sis_enrollment_id,
        exit_cohort_year, program_id, has_stacked, null, null, null,
        {{ add_days('exit_date', 365) }} <= {{ as_of_date() }}
    from p
    where is_completer and stacks_into_program_id is not null

    union all
    select
        'survey_response_rate', sis_enrollment_id, sis_enrollment_id,
        exit_cohort_year, program_id, has_exit_survey_response, null, null, null, true
    from p
    where is_exiter

    union all
    select
        'satisfaction_top2_rate', sis_enrollment_id, sis_enrollment_id,
        exit_cohort_year, program_id, coalesce(latest_satisfaction >= 4, false), null, null, null,
        true
    from p
    where is_exiter and has_exit_survey_response

    union all
    select
        'readiness_top2_rate', sis_enrollment_id, sis_enrollment_id,
        exit_cohort_year, program_id, coalesce(latest_readiness >= 4, false), null, null, null,
        true
    from p
    where is_exiter and has_exit_survey_response

),

final as (

    select * from observations

)

select * from final
