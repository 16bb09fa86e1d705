{#-
    Disproportionate impact (PPG-1) and the 80% index for every rate × cohort × program ×
    dimension (other than `all`) × group, exactly as METRICS.md's "equity_gaps":
      "`reference_n` = that sum of the other groups' denominators, `ppg1 = rate −
      reference_rate`; `moe = max(1.96 × sqrt(0.25 / n), 0.03)`; `di_flag = n ≥ 10 and
      reference_n ≥ 10 and ppg1 ≤ −moe` (a comparison with fewer than 10 other people is
      no baseline)"
-#}
with

rates as (

    select m.*
    from {{ ref('outcome_metrics') }} as m
    inner join {{ ref('metric_definitions') }} as d on m.metric_id = d.metric_id
    where d.kind = 'rate' and m.dimension <> 'all'

),

cell_totals as (

    select
        metric_id, cohort_year, program_id, dimension,
        sum(numerator) as cell_numerator,
        sum(denominator) as cell_denominator,
        max(case when denominator >= 10 then value end) as best_rate_n10
    from rates
    group by metric_id, cohort_year, program_id, dimension

),

compared as (

    select
        r.metric_id, r.cohort_year, r.program_id, r.dimension, r.group_value,
        r.numerator,
        r.denominator as n,
        r.value as rate,
        case when t.cell_denominator > r.denominator
             then cast(t.cell_numerator - r.numerator as double)
                  / (t.cell_denominator - r.denominator)
        end as reference_rate,
        cast(t.cell_denominator - r.denominator as bigint) as reference_n,
        greatest(1.96 * sqrt(0.25 / r.denominator), 0.03) as moe,
        t.best_rate_n10
    from rates as r
    inner join cell_totals as t
        on r.metric_id = t.metric_id and r.cohort_year = t.cohort_year
        and r.program_id = t.program_id and r.dimension = t.dimension

),

gaps as (

    select
        *,
        rate - reference_rate as ppg1,
        -- closed forms of the least k; corrected below against the inequality itself
        greatest(0, cast(floor((reference_rate - moe) * n - numerator) as integer) + 1)
            as k_no_di,
        greatest(0, cast(ceil(reference_rate * n - numerator) as integer)) as k_parity
    from compared

),

final as (

    select
        metric_id,
        cohort_year,
        program_id,
        dimension,
        group_value,
        rate,
        n,
        reference_rate,
        reference_n,
        ppg1,
        moe,
        -- fewer than 10 other people is no baseline (METRICS.md)
        coalesce(n >= 10 and reference_n >= 10 and ppg1 <= -moe, false) as di_flag,
        case
            when reference_rate is null then null
            when cast(n as double) / n - reference_rate <= -moe then null
            when k_no_di > 0
                 and cast(numerator + k_no_di - 1 as double) / n - reference_rate > -moe
                then k_no_di - 1
            when cast(numerator + k_no_di as double) / n - reference_rate > -moe then k_no_di
            else k_no_di + 1
        end as successes_needed_no_di,
        case
            when reference_rate is null then null
            when k_parity > 0
                 and cast(numerator + k_parity - 1 as double) / n >= reference_rate
                then k_parity - 1
            when cast(numerator + k_parity as double) / n >= reference_rate then k_parity
            else k_parity + 1
        end as successes_needed_parity,
        case when best_rate_n10 > 0 then rate / best_rate_n10 end as index_80,
        coalesce(best_rate_n10 > 0 and rate / best_rate_n10 < 0.8, false) as flag_80
    from gaps

)

select * from final
