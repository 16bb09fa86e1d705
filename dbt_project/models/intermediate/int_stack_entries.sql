{#-
    The stacking rule of METRICS.md, written once: for a participation in a program that
    `stacks_into` another, "the student has a participation in the `stacks_into` program
    with `entry_date` from the completer's `entry_date` to `exit_date + 365 days`". One row
    per such (participation, next participation) pair, ranked by entry (first entered
    first; ties by enrollment id). `stack_rate_365d` counts completers with any row
    (`int_participation_outcomes.has_stacked`); `pathway_flows` follows the first one.
-#}
with

participations as (

    select * from {{ ref('int_participations_as_of') }}

),

final as (

    select
        p.sis_enrollment_id,
        nxt.sis_enrollment_id as next_sis_enrollment_id,
        nxt.entry_date as next_entry_date,
        row_number() over (
            partition by p.sis_enrollment_id
            order by nxt.entry_date, nxt.sis_enrollment_id
        ) as entry_rank
    from participations as p
    inner join participations as nxt
        on p.sis_student_id = nxt.sis_student_id
        and nxt.program_id = p.stacks_into_program_id
        and nxt.entry_date >= p.entry_date
        and nxt.entry_date <= {{ add_days('p.exit_date', 365) }}

)

select * from final
