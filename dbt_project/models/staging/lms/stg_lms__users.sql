with

source as (

    select * from {{ source('raw', 'lms_users') }}

),

renamed as (

    select
        lms_user_id,
        sis_student_id,
        email_key,

        -- lineage
        _source_file as source_file,
        _row_number as source_row_number,
        _file_checksum as file_checksum,
        _loaded_at as loaded_at

    from source

)

select * from renamed
