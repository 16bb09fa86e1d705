{#-
    Participations (enrollments) as known on as_of, with their program, the student's
    consolidated attributes and the quarter arithmetic every metric needs.
    Entry after as_of → ignored; exit after as_of → still active.
-#}
with

enrollments as (

    select * from {{ ref('stg_sis__enrollments') }}
    where entry_date <= {{ as_of_date() }}

),

programs as (

    select * from {{ ref('stg_catalog__programs') }}

),

students as (

    select * from {{ ref('int_students_consolidated') }}

),

as_of_rules as (

    select
        sis_enrollment_id,
        sis_student_id,
        program_id,
        entry_date,
        case when exit_date <= {{ as_of_date() }} then exit_date end as exit_date,
        case when exit_date <= {{ as_of_date() }} then exit_status else 'active' end
            as exit_status,
        modality
    from enrollments

),

final as (

    select
        p.sis_enrollment_id,
        p.sis_student_id,
        p.program_id,
        p.entry_date,
        p.exit_date,
        p.exit_status,
        p.modality,
        p.exit_date is not null as is_exiter,
        p.exit_status = 'completed' as is_completer,
        year(p.entry_date) as entry_cohort_year,
        year(p.exit_date) as exit_cohort_year,
        {{ quarter_index('p.entry_date') }} as entry_quarter_index,
        {{ quarter_index('p.exit_date') }} as exit_quarter_index,
        programs.nominal_weeks,
        programs.stacks_into_program_id,
        programs.target_soc_codes,
        {{ add_days('p.entry_date', 'ceil(10.5 * programs.nominal_weeks)') }}
            as completion_window_end_date,
        case
            when s.birth_date is null or s.birth_date > p.entry_date then null
            else {{ age_in_years('s.birth_date', 'p.entry_date') }}
        end as age_at_entry_years,
        coalesce(s.sex_code, 'U') as sex_code,
        coalesce(s.hispanic_latino_code, 'U') as hispanic_latino_code,
        coalesce(s.first_generation_code, 'U') as first_generation_code,
        coalesce(s.low_income_code, 'U') as low_income_code,
        coalesce(s.veteran_code, 'U') as veteran_code,
        coalesce(s.disability_code, 'U') as disability_code,
        coalesce(s.english_learner_code, 'U') as english_learner_code,
        -- IPEDS 9 (METRICS.md): the code of seed ipeds_race_ethnicity; labels: dim_subgroups
        case
            when s.is_nonresident then 'nonresident'
            when s.hispanic_latino_code = 'Y' then 'hispanic_latino'
            when coalesce(s.race_flags_set, 0) = 0 then 'unknown'
            when s.race_flags_set > 1 then 'two_or_more'
            when s.is_race_american_indian_alaska_native then 'american_indian_alaska_native'
            when s.is_race_asian then 'asian'
            when s.is_race_black then 'black'
            when s.is_race_native_hawaiian_pacific_islander then 'native_hawaiian_pacific_islander'
            when s.is_race_white then 'white'
        end as race_ethnicity_code
    from as_of_rules as p
    inner join programs on p.program_id = programs.program_id
    left join students as s on p.sis_student_id = s.sis_student_id

)

select * from final
