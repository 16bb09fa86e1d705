{#-
    One row per participation: every per-participation fact a metric of METRICS.md asks
    for (windows, observable quarters, employment, earnings, awards, skill gains, stacking,
    surveys). The metric rules themselves are applied in `fct_metric_observations`.
-#}
with

participations as (

    select * from {{ ref('int_participations_as_of') }}

),

person_quarters as (

    select * from {{ ref('int_person_quarter_employment') }}

),

prices as (

    select * from {{ ref('int_cpi_by_year') }}

),

employer_wages as (

    select sis_student_id, quarter_index, employer_fein
    from {{ ref('int_wage_records_linked') }}
    where sis_student_id is not null
    group by sis_student_id, quarter_index, employer_fein
    having sum(wages_usd) > 0

),

awards as (

    select * from {{ ref('stg_sis__credential_awards') }}
    where award_date <= {{ as_of_date() }}

),

passed_assessments as (

    select lms.sis_student_id, a.program_id, a.assessed_date
    from {{ ref('stg_lms__assessments') }} as a
    inner join {{ ref('int_lms_users_linked') }} as lms on a.lms_user_id = lms.lms_user_id
    where a.is_passed
        and lms.sis_student_id is not null
        and a.assessed_date <= {{ as_of_date() }}

),

exit_responses as (

    select
        *,
        row_number() over (
            partition by sis_student_id, program_id
            order by responded_date desc, survey_response_id desc
        ) as recency_rank
    from {{ ref('stg_survey__responses') }}
    where survey_type = 'exit' and responded_date <= {{ as_of_date() }}

),

quarters as (

    select
        p.sis_enrollment_id,
        q2.quarter_index is not null as is_q2_after_exit_observable,
        q2.is_employed as is_employed_q2_after_exit,
        q2.employment_source as employment_source_q2_after_exit,
        q2.ui_wages_usd as earnings_q2_after_exit_usd,
        {{ divide_as_double('q2.ui_wages_usd * q2_price.cpi_base', 'q2_price.cpi_u') }}
            as earnings_q2_after_exit_real_usd,
        q2_price.annual_living_wage_usd as living_wage_q2_year_usd,
        q4.quarter_index is not null as is_q4_after_exit_observable,
        q4.is_employed as is_employed_q4_after_exit,
        q4.employment_source as employment_source_q4_after_exit,
        qb.quarter_index is not null as is_q2_before_entry_observable,
        qb.ui_wages_usd as earnings_q2_before_entry_usd,
        {{ divide_as_double('qb.ui_wages_usd * qb_price.cpi_base', 'qb_price.cpi_u') }}
            as earnings_q2_before_entry_real_usd
    from participations as p
    left join person_quarters as q2
        on p.sis_student_id = q2.sis_student_id and q2.quarter_index = p.exit_quarter_index + 2
    left join prices as q2_price on q2.quarter_year = q2_price.year
    left join person_quarters as q4
        on p.sis_student_id = q4.sis_student_id and q4.quarter_index = p.exit_quarter_index + 4
    left join person_quarters as qb
        on p.sis_student_id = qb.sis_student_id and qb.quarter_index = p.entry_quarter_index - 2
    left join prices as qb_price on qb.quarter_year = qb_price.year

),

same_employer as (

    select distinct p.sis_enrollment_id
    from participations as p
    inner join employer_wages as w2
        on p.sis_student_id = w2.sis_student_id and w2.quarter_index = p.exit_quarter_index + 2
    inner join employer_wages as w4
        on w2.sis_student_id = w4.sis_student_id
        and w4.quarter_index = p.exit_quarter_index + 4
        and w2.employer_fein = w4.employer_fein

),

credentialed as (

    select distinct p.sis_enrollment_id
    from participations as p
    inner join awards
        on p.sis_student_id = awards.sis_student_id
        and p.program_id = awards.program_id
        and awards.award_date >= p.entry_date
        and awards.award_date <= {{ add_days('p.exit_date', 365) }}

),

skill_gains as (

    select distinct p.sis_enrollment_id
    from participations as p
    inner join passed_assessments as a
        on p.sis_student_id = a.sis_student_id
        and p.program_id = a.program_id
        and a.assessed_date >= p.entry_date
        and a.assessed_date <= coalesce(p.exit_date, {{ as_of_date() }})

),

stacked as (

    select sis_enrollment_id from {{ ref('int_stack_entries') }} where entry_rank = 1

),

surveyed as (

    select
        p.sis_enrollment_id,
        max(r.satisfaction) as latest_satisfaction,
        max(r.readiness) as latest_readiness
    from participations as p
    inner join exit_responses as r
        on p.sis_student_id = r.sis_student_id
        and p.program_id = r.program_id
        and r.recency_rank = 1
    group by p.sis_enrollment_id

),

final as (

    select
        p.*,
        quarters.is_q2_after_exit_observable,
        quarters.is_employed_q2_after_exit,
        quarters.employment_source_q2_after_exit,
        quarters.earnings_q2_after_exit_usd,
        quarters.earnings_q2_after_exit_real_usd,
        quarters.living_wage_q2_year_usd,
        quarters.is_q4_after_exit_observable,
        quarters.is_employed_q4_after_exit,
        quarters.employment_source_q4_after_exit,
        quarters.is_q2_before_entry_observable,
        quarters.earnings_q2_before_entry_usd,
        quarters.earnings_q2_before_entry_real_usd,
        same_employer.sis_enrollment_id is not null as has_same_employer_q2_q4,
        credentialed.sis_enrollment_id is not null as has_credential_in_window,
        skill_gains.sis_enrollment_id is not null as has_skill_gain,
        stacked.sis_enrollment_id is not null as has_stacked,
        surveyed.sis_enrollment_id is not null as has_exit_survey_response,
        surveyed.latest_satisfaction,
        surveyed.latest_readiness
    from participations as p
    left join quarters on p.sis_enrollment_id = quarters.sis_enrollment_id
    left join same_employer on p.sis_enrollment_id = same_employer.sis_enrollment_id
    left join credentialed on p.sis_enrollment_id = credentialed.sis_enrollment_id
    left join skill_gains on p.sis_enrollment_id = skill_gains.sis_enrollment_id
    left join stacked on p.sis_enrollment_id = stacked.sis_enrollment_id
    left join surveyed on p.sis_enrollment_id = surveyed.sis_enrollment_id

)

select * from final
