{#-
    Each employer placement linked to a SIS student: by an email exactly one student ever
    had; when the email is blank or unknown, by the (first name, last name, birth date)
    triple. An identifier held by several students makes the record ambiguous.
-#}
with

hires as (

    select * from {{ ref('stg_employer__hires') }}

),

owners as (

    select * from {{ ref('int_identifier_owners') }}

),

matched as (

    select
        hires.employer_id,
        hires.employer_record_id,
        by_email.student_count as email_student_count,
        by_email.sis_student_id as student_by_email,
        by_name.student_count as name_student_count,
        by_name.sis_student_id as student_by_name
    from hires
    left join owners as by_email
        on by_email.identifier_kind = 'email'
        and hires.employee_email_key = by_email.identifier_value
    left join owners as by_name
        on by_name.identifier_kind = 'name_birth_date'
        and hires.first_name_key || '|' || hires.last_name_key || '|'
            || cast(hires.birth_date as string) = by_name.identifier_value

),

final as (

    select
        employer_id,
        employer_record_id,
        case
            when email_student_count = 1 then student_by_email
            when email_student_count > 1 then null
            when name_student_count = 1 then student_by_name
        end as sis_student_id,
        case
            when email_student_count = 1 then 'linked_by_email'
            when email_student_count > 1 then 'ambiguous'
            when name_student_count = 1 then 'linked_by_name_birth_date'
            when name_student_count > 1 then 'ambiguous'
            else 'unlinked'
        end as match_status
    from matched

)

select * from final
