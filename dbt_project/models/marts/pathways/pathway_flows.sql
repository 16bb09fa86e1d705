{#-
    Stackable progression, one row per exit cohort_year × from-program × to-program: the
    completers of a program that stacks into another (the `stack_rate_365d` denominator of
    METRICS.md: `exit_date + 365 days ≤ as_of`), split by whether they entered the
    `stacks_into` program from their entry_date to exit_date + 365 days (the same rule as
    `has_stacked`, so the stacked flow is the stack rate's numerator) or not ('(none)').

    Employment in Q2 follows METRICS.md's `employment_rate_q2` rule, after the exit that ends
    the flow: for stackers the exit from the to-program participation they stacked into (the
    first one entered in the window; ties by enrollment id), for '(none)' the exit from the
    from-program. Only exiters whose Q2 after that exit is observable count; a flow with
    none yet is `not_yet_observable`.

    Every cohort × program with completers has both flows (an empty one counts 0). One whose
    completers all exited less than 365 days before as_of has no mature completer: its two
    flows have null counts and are `not_yet_observable`.
-#}
with

participations as (

    select * from {{ ref('int_participation_outcomes') }}

),

completers as (

    select
        sis_enrollment_id,
        sis_student_id,
        program_id,
        stacks_into_program_id,
        entry_date,
        exit_date,
        exit_cohort_year,
        has_stacked,
        is_q2_after_exit_observable,
        is_employed_q2_after_exit,
        {{ add_days('exit_date', 365) }} <= {{ as_of_date() }} as is_mature
    from participations
    where is_completer and stacks_into_program_id is not null

),

-- the to-program participation each stacker entered first (int_stack_entries)
first_stack_entries as (

    select
        entries.sis_enrollment_id,
        nxt.is_q2_after_exit_observable,
        nxt.is_employed_q2_after_exit
    from {{ ref('int_stack_entries') }} as entries
    inner join participations as nxt
        on entries.next_sis_enrollment_id = nxt.sis_enrollment_id
    where entries.entry_rank = 1

),

units as (

    select
        c.exit_cohort_year as cohort_year,
        c.program_id as from_program_id,
        case when c.has_stacked then c.stacks_into_program_id else '(none)' end
            as to_program_id,
        case
            when c.has_stacked then coalesce(s.is_q2_after_exit_observable, false)
            else coalesce(c.is_q2_after_exit_observable, false)
        end as is_q2_observable,
        case
            when c.has_stacked then coalesce(s.is_employed_q2_after_exit, false)
            else coalesce(c.is_employed_q2_after_exit, false)
        end as is_employed_q2
    from completers as c
    left join first_stack_entries as s
        on c.sis_enrollment_id = s.sis_enrollment_id
    where c.is_mature

),

flows as (

    select
        cohort_year,
        from_program_id,
        to_program_id,
        count(*) as stackers,
        sum(case when is_q2_observable then 1 else 0 end) as employed_q2_denominator,
        sum(case when is_q2_observable and is_employed_q2 then 1 else 0 end)
            as employed_q2_numerator
    from units
    group by cohort_year, from_program_id, to_program_id

),

mature_totals as (

    select cohort_year, from_program_id, sum(stackers) as completers
    from flows
    group by cohort_year, from_program_id

),

-- Both flows of every cohort × program with completers, even an empty one: a missing row
-- would tell a reader the count is exactly 0, which the stack rate's coding hides.
programs_in_cohort as (

    select distinct
        exit_cohort_year as cohort_year,
        program_id as from_program_id,
        stacks_into_program_id
    from completers

),

flow_keys as (

    select cohort_year, from_program_id, stacks_into_program_id as to_program_id
    from programs_in_cohort
    union all
    select cohort_year, from_program_id, '(none)' as to_program_id
    from programs_in_cohort

),

final as (

    select
        k.cohort_year,
        k.from_program_id,
        k.to_program_id,
        cast(t.completers as bigint) as completers,
        cast(case when t.completers is not null then coalesce(f.stackers, 0) end as bigint)
            as stackers,
        cast(
            case when t.completers is not null then coalesce(f.employed_q2_numerator, 0) end
            as bigint
        ) as employed_q2_numerator,
        cast(
            case when t.completers is not null then coalesce(f.employed_q2_denominator, 0) end
            as bigint
        ) as employed_q2_denominator,
        case
            when f.employed_q2_denominator > 0
                then {{ divide_as_double('f.employed_q2_numerator', 'f.employed_q2_denominator') }}
        end as employed_q2_rate,
        t.completers is null as is_not_yet_observable
    from flow_keys as k
    left join mature_totals as t
        on k.cohort_year = t.cohort_year and k.from_program_id = t.from_program_id
    left join flows as f
        on k.cohort_year = f.cohort_year
        and k.from_program_id = f.from_program_id
        and k.to_program_id = f.to_program_id

)

select * from final
