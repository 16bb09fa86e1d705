{#-
    Completion & credential metrics, one row per participation known on as_of. Each metric
    has three named columns: `<metric>__is_in_cohort` (the unit belongs to the metric's
    cohort), `<metric>__is_mature` (its outcome window has closed on as_of: only mature
    units form the denominator; a cell with none is `not_yet_observable`) and
    `<metric>__is_success` (the numerator).

    METRICS.md:
      completion_rate (entry cohort) — denominator: "participations whose window closed:
        `entry_date + ceil(1.5 × nominal_weeks × 7) days ≤ as_of`"; numerator: "completers
        with `exit_date ≤` that window's end".
      credential_attainment_rate (exit cohort) — denominator: "exiters with
        `exit_date + 365 days ≤ as_of`"; numerator: "those with a credential award for the
        same program dated from `entry_date` to `exit_date + 365 days`".
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

        true as completion_rate__is_in_cohort,
        completion_window_end_date <= {{ as_of_date() }} as completion_rate__is_mature,
        is_completer and exit_date <= completion_window_end_date
            as completion_rate__is_success,

        is_exiter as credential_attainment_rate__is_in_cohort,
        {{ add_days('exit_date', 365) }} <= {{ as_of_date() }}
            as credential_attainment_rate__is_mature,
        has_credential_in_window as credential_attainment_rate__is_success

    from participations

)

select * from final
