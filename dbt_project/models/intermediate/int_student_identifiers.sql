{#-
    Every identifier a student ever had, from every snapshot row: SSN key, email key and
    the (first name key, last name key, birth date) triple. Identity matching looks here.
-#}
with

snapshots as (

    select * from {{ ref('stg_sis__students') }}

),

identifiers as (

    select sis_student_id, 'ssn' as identifier_kind, ssn_key as identifier_value
    from snapshots where ssn_key is not null

    union all

    select sis_student_id, 'email', email_key
    from snapshots where email_key is not null

    union all

    select
        sis_student_id,
        'name_birth_date',
        first_name_key || '|' || last_name_key || '|' || cast(birth_date as string)
    from snapshots
    where first_name_key is not null and last_name_key is not null and birth_date is not null

),

final as (

    select distinct sis_student_id, identifier_kind, identifier_value from identifiers

)

select * from final
