{#-
    Time to employment, one row per completer: days from exit to the employment start, or
    to censoring (`int_employment_starts` applies METRICS.md's "Employment start" rule).
    Named columns: `placement_rate_180d__is_in_cohort`/`__is_mature`/`__is_success`, and
    for the two Kaplan–Meier metrics, which share every completer's time,
    `km__days_to_employment_or_censoring` and `km__is_employment_start` (false: censored).
    The KM estimates themselves are drawn in `km_time_to_employment` and read off in
    `outcome_metrics`.

    METRICS.md:
      placement_rate_180d — "completers with `exit_date + 180 days ≤ as_of`" / "employment
        start (below) within 180 days of `exit_date`".
      km_placement_180d — "completers (all; censored ones count as at risk)" /
        "Kaplan–Meier estimate of P(employment start ≤ 180 days)".
      km_median_days_to_employment — "completers" / "Kaplan–Meier median days to
        employment start (smallest t with S(t) ≤ 0.5; null if none)".
      "Days = start − `exit_date`. With no start, the completer is censored at
      `min(as_of, last day of the last observable quarter) − exit_date` (never below 0)."
-#}
with

completers as (

    select * from {{ ref('int_participation_outcomes') }} where is_completer

),

starts as (

    select * from {{ ref('int_employment_starts') }}

),

final as (

    select
        completers.sis_enrollment_id,
        completers.sis_enrollment_id as unit_id,
        completers.program_id,
        completers.exit_cohort_year,

        true as placement_rate_180d__is_in_cohort,
        {{ add_days('completers.exit_date', 180) }} <= {{ as_of_date() }}
            as placement_rate_180d__is_mature,
        starts.has_employment_start and starts.days_to_employment_or_censoring <= 180
            as placement_rate_180d__is_success,

        starts.days_to_employment_or_censoring as km__days_to_employment_or_censoring,
        starts.has_employment_start as km__is_employment_start

    from completers
    inner join starts on completers.sis_enrollment_id = starts.sis_enrollment_id

)

select * from final
