{#-
    For each identifier value: how many students ever had it, and the student when one.
    A value held by several students is ambiguous and links nobody.
-#}
with

identifiers as (

    select * from {{ ref('int_student_identifiers') }}

),

final as (

    select
        identifier_kind,
        identifier_value,
        count(distinct sis_student_id) as student_count,
        min(sis_student_id) as sis_student_id
    from identifiers
    group by identifier_kind, identifier_value

)

select * from final
