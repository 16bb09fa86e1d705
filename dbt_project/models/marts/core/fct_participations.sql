{#-
    One row per participation as known on as_of, with its demographic groups (bands only,
    no quasi-identifier values) and every per-participation outcome fact.
-#}
with

outcomes as (

    select * from {{ ref('int_participation_outcomes') }}

),

races as (

    select group_code, group_value from {{ ref('dim_subgroups') }}
    where dimension = 'race_ethnicity'

),

final as (

    select
        sis_enrollment_id,
        sis_student_id,
        program_id,
        entry_date,
        exit_date,
        exit_status,
        modality,
        is_exiter,
        is_completer,
        entry_cohort_year,
        exit_cohort_year,
        races.group_value as race_ethnicity,
        sex_code,
        age_at_entry_years,
        first_generation_code,
        low_income_code,
        veteran_code,
        disability_code,
        english_learner_code,
        completion_window_end_date,
        is_q2_after_exit_observable,
        is_employed_q2_after_exit,
        employment_source_q2_after_exit,
        earnings_q2_after_exit_usd,
        earnings_q2_after_exit_real_usd,
        is_q4_after_exit_observable,
        is_employed_q4_after_exit,
        employment_source_q4_after_exit,
        is_q2_before_entry_observable,
        earnings_q2_before_entry_usd,
        earnings_q2_before_entry_real_usd,
        has_same_employer_q2_q4,
        has_credential_in_window,
        has_skill_gain,
        has_stacked,
        has_exit_survey_response,
        latest_satisfaction,
        latest_readiness
    from outcomes
    inner join races on outcomes.race_ethnicity_code = races.group_code

)

select * from final
