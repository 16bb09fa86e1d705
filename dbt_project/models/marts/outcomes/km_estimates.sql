{#-
    The two Kaplan–Meier metrics of METRICS.md read off each curve of
    `km_time_to_employment`, one row per cohort_year × program_id × dimension × group_value
    with completers:
      km_placement_180d — "Kaplan–Meier estimate of P(employment start ≤ 180 days)"
        = 1 − S(180), S(180) being the survival after the last time ≤ 180 (1 if none);
      km_median_days_to_employment — "smallest t with S(t) ≤ 0.5; null if none", t an
        event time (a 1e-12 tolerance absorbs exp/ln rounding: S = 0.5 stays 0.5).
    Both have denominator = "completers in the cell".
-#}
with

curve as (

    select * from {{ ref('km_time_to_employment') }}

),

cells as (

    select
        cohort_year,
        program_id,
        dimension,
        group_value,
        sum(events + censored) as completers,
        min(case when days_since_exit <= 180 then survival end) as survival_at_180,
        min(case when events > 0 and survival <= 0.5 + 1e-12 then days_since_exit end)
            as median_days
    from curve
    group by cohort_year, program_id, dimension, group_value

),

final as (

    select
        cohort_year,
        program_id,
        dimension,
        group_value,
        cast(completers as bigint) as completers,
        1 - coalesce(survival_at_180, 1.0) as km_placement_180d,
        cast(median_days as double) as km_median_days_to_employment
    from cells

)

select * from final
