{#-
    One row per SIS student: each attribute from the latest snapshot row in which it is
    known (updated date, then later file name, then later row). A later "U" or blank never
    overwrites a known value.
-#}
{%- set coded = ['sex_code', 'hispanic_latino_code', 'first_generation_code', 'low_income_code',
                 'veteran_code', 'disability_code', 'english_learner_code'] -%}
{%- set flags = ['is_race_american_indian_alaska_native', 'is_race_asian', 'is_race_black',
                 'is_race_native_hawaiian_pacific_islander', 'is_race_white', 'is_nonresident'] -%}
with

snapshots as (

    select
        *,
        cast(updated_date as string) || '|' || source_file || '|'
            || {{ zero_pad('source_row_number', 12) }} as recency_key
    from {{ ref('stg_sis__students') }}

),

consolidated as (

    select
        sis_student_id,
        {%- for column in coded %}
        coalesce(
            {{ value_at_max(column, "case when " ~ column ~ " <> 'U' then recency_key end") }},
            'U'
        ) as {{ column }},
        {%- endfor %}
        {%- for column in flags %}
        {{ value_at_max(column, "case when " ~ column ~ " is not null then recency_key end") }}
            as {{ column }},
        {%- endfor %}
        {{ value_at_max('birth_date', 'case when birth_date is not null then recency_key end') }}
            as birth_date,
        count(*) as snapshot_rows

    from snapshots
    group by sis_student_id

),

final as (

    select
        *,
        (case when is_race_american_indian_alaska_native then 1 else 0 end
            + case when is_race_asian then 1 else 0 end
            + case when is_race_black then 1 else 0 end
            + case when is_race_native_hawaiian_pacific_islander then 1 else 0 end
            + case when is_race_white then 1 else 0 end) as race_flags_set
    from consolidated

)

select * from final
