with

source as (

    select * from {{ source('raw', 'course_results') }}

),

renamed as (

    select
        lms_user_id,
        course_id as lms_course_id,
        program_id,
        cast(first_activity_at as date) as first_activity_date,
        cast(last_activity_at as date) as last_activity_date,
        cast(minutes_active as integer) as minutes_active,
        cast(final_score as decimal(18, 2)) as final_score,

        -- lineage
        _source_file as source_file,
        _row_number as source_row_number,
        _file_checksum as file_checksum,
        _loaded_at as loaded_at

    from source

)

select * from renamed
