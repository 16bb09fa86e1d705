{#-
    Each LMS user linked to a SIS student: by sis_student_id when it names a known
    student, else by an email exactly one student ever had. Never guessed.
-#}
with

users as (

    select * from {{ ref('stg_lms__users') }}

),

known_students as (

    select distinct sis_student_id from {{ ref('stg_sis__students') }}

),

email_owners as (

    select * from {{ ref('int_identifier_owners') }} where identifier_kind = 'email'

),

matched as (

    select
        users.lms_user_id,
        known_students.sis_student_id as student_by_id,
        email_owners.student_count as email_student_count,
        email_owners.sis_student_id as student_by_email
    from users
    left join known_students on users.sis_student_id = known_students.sis_student_id
    left join email_owners on users.email_key = email_owners.identifier_value

),

final as (

    select
        lms_user_id,
        case
            when student_by_id is not null then student_by_id
            when email_student_count = 1 then student_by_email
        end as sis_student_id,
        case
            when student_by_id is not null then 'linked_by_sis_id'
            when email_student_count = 1 then 'linked_by_email'
            when email_student_count > 1 then 'ambiguous'
            else 'unlinked'
        end as match_status
    from matched

)

select * from final
