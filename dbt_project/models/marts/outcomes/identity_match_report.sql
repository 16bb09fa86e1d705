{#-
    How well each source's records link to SIS students: linked, unlinked (no student has
    the identifier) and ambiguous (several students had it; never guessed).
-#}
with

statuses as (

    select 'lms_users' as source, match_status from {{ ref('int_lms_users_linked') }}
    union all
    select 'hires', match_status from {{ ref('int_hires_linked') }}
    union all
    select 'wages', match_status from {{ ref('int_wage_records_linked') }}

),

final as (

    select
        source,
        cast(count(*) as bigint) as records,
        cast(sum(case when match_status like 'linked%' then 1 else 0 end) as bigint) as linked,
        cast(sum(case when match_status = 'unlinked' then 1 else 0 end) as bigint) as unlinked,
        cast(sum(case when match_status = 'ambiguous' then 1 else 0 end) as bigint) as ambiguous
    from statuses
    group by source

)

select * from final
