{#-
    Employment & earnings metrics (UI wage records and partner placements by quarter), one
    row per exiter. Each metric has named columns `<metric>__is_in_cohort`,
    `<metric>__is_mature` (its quarter is observable on as_of) and `<metric>__is_success`
    (rates) or `<metric>__value` (medians). Employment, earnings and observability per
    quarter come from `int_participation_outcomes` (Q2/Q4 after exit, Q2 before entry).

    METRICS.md:
      employment_rate_q2 — "exiters whose Q2 after exit is observable" / "employed in Q2
        after exit" (UI wages > 0, or a job/apprenticeship placement spanning the quarter).
      employment_rate_q4 — "exiters whose Q4 after exit is observable" / "employed in Q4
        after exit".
      median_earnings_q2 — "exiters with UI wages > 0 in an observable Q2 after exit" /
        "median of earnings in Q2 after exit (nominal)".
      median_earnings_q2_real — "same" / "same, in real dollars".
      retention_same_employer — "exiters with UI wages > 0 in Q2 after exit and an
        observable Q4 after exit" / "some employer FEIN paid wages > 0 in both Q2 and Q4
        after exit".
      living_wage_rate — "exiters whose Q2 after exit is observable" / "4 × earnings in Q2
        after exit ≥ living wage of the year of Q2 (seed; nominal)".
      median_earnings_change_real — "exiters with wages > 0 in both an observable Q2 before
        entry and an observable Q2 after exit" / "median of (Q2-after − Q2-before), real
        dollars".
-#}
with

exiters as (

    select
        *,
        -- Q2 earners: UI wages > 0 in Q2 after exit. While that quarter is not observable
        -- nobody is known not to be one, so every exiter stays in the cohort, immature.
        not is_q2_after_exit_observable or earnings_q2_after_exit_usd > 0
            as is_q2_earner_or_unobserved
    from {{ ref('int_participation_outcomes') }}
    where is_exiter

),

final as (

    select
        sis_enrollment_id,
        sis_enrollment_id as unit_id,
        program_id,
        exit_cohort_year,

        true as employment_rate_q2__is_in_cohort,
        is_q2_after_exit_observable as employment_rate_q2__is_mature,
        is_employed_q2_after_exit as employment_rate_q2__is_success,

        true as employment_rate_q4__is_in_cohort,
        is_q4_after_exit_observable as employment_rate_q4__is_mature,
        is_employed_q4_after_exit as employment_rate_q4__is_success,

        is_q2_earner_or_unobserved as median_earnings_q2__is_in_cohort,
        is_q2_after_exit_observable as median_earnings_q2__is_mature,
        cast(earnings_q2_after_exit_usd as double) as median_earnings_q2__value,

        is_q2_earner_or_unobserved as median_earnings_q2_real__is_in_cohort,
        is_q2_after_exit_observable as median_earnings_q2_real__is_mature,
        cast(earnings_q2_after_exit_real_usd as double) as median_earnings_q2_real__value,

        is_q2_earner_or_unobserved as retention_same_employer__is_in_cohort,
        is_q2_after_exit_observable and is_q4_after_exit_observable
            as retention_same_employer__is_mature,
        has_same_employer_q2_q4 as retention_same_employer__is_success,

        true as living_wage_rate__is_in_cohort,
        is_q2_after_exit_observable as living_wage_rate__is_mature,
        coalesce(4 * earnings_q2_after_exit_usd >= living_wage_q2_year_usd, false)
            as living_wage_rate__is_success,

        is_q2_earner_or_unobserved
        and coalesce(is_q2_before_entry_observable and earnings_q2_before_entry_usd > 0, false)
            as median_earnings_change_real__is_in_cohort,
        is_q2_after_exit_observable as median_earnings_change_real__is_mature,
        cast(earnings_q2_after_exit_real_usd as double)
        - cast(earnings_q2_before_entry_real_usd as double)
            as median_earnings_change_real__value

    from exiters

)

select * from final
