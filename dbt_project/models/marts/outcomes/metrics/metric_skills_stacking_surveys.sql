{#-
    Skills, stacking and survey metrics, one row per participation known on as_of. Named
    columns per metric: `<metric>__is_in_cohort`, `<metric>__is_mature`,
    `<metric>__is_success`.

    METRICS.md:
      skill_gain_rate (entry cohort) — "participations with `entry_date ≤ as_of`" / "at
        least one passed LMS competency assessment with that `program_id`, dated from
        `entry_date` to `exit_date` (or as_of while active)".
      stack_rate_365d — "completers of a program that `stacks_into` another, with
        `exit_date + 365 days ≤ as_of`" / "the student has a participation in the
        `stacks_into` program with `entry_date` from the completer's `entry_date` to
        `exit_date + 365 days`" (int_stacking_entries).
      survey_response_rate — "exiters" / "at least one `exit` survey response for that
        student and program".
      satisfaction_top2_rate — "exiters with an `exit` survey response for that program (the
        latest by `responded_at`, then `response_id`)" / "satisfaction ≥ 4".
      readiness_top2_rate — "same" / "readiness ≥ 4".
-#}
with

participations as (

    select * from {{ ref('int_participation_outcomes') }}

),

final as (

    select
        sis_enrollment_id,
        sis_enrollment_id as unit_id,
        program_id,
        entry_cohort_year,
        exit_cohort_year,

        true as skill_gain_rate__is_in_cohort,
        true as skill_gain_rate__is_mature,
        has_skill_gain as skill_gain_rate__is_success,

        is_completer and stacks_into_program_id is not null as stack_rate_365d__is_in_cohort,
        {{ add_days('exit_date', 365) }} <= {{ as_of_date() }} as stack_rate_365d__is_mature,
        has_stacked as stack_rate_365d__is_success,

        is_exiter as survey_response_rate__is_in_cohort,
        true as survey_response_rate__is_mature,
        has_exit_survey_response as survey_response_rate__is_success,

        is_exiter and has_exit_survey_response as satisfaction_top2_rate__is_in_cohort,
        true as satisfaction_top2_rate__is_mature,
        coalesce(latest_satisfaction >= 4, false) as satisfaction_top2_rate__is_success,

        is_exiter and has_exit_survey_response as readiness_top2_rate__is_in_cohort,
        true as readiness_top2_rate__is_mature,
        coalesce(latest_readiness >= 4, false) as readiness_top2_rate__is_success

    from participations

)

select * from final
