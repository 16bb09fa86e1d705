with

source as (

    select * from {{ source('raw', 'assessments') }}

),

renamed as (

    select
        lms_user_id,
        course_id as lms_course_id,
        program_id,
        competency_id as lms_competency_id,
        cast(assessed_at as date) as assessed_date,
        cast(score as decimal(18, 2)) as score,
        {{ yn_to_boolean('passed') }} as is_passed,

        -- lineage
        _source_file as source_file,
        _row_number as source_row_number,
        _file_checksum as file_checksum,
        _loaded_at as loaded_at

    from source

)

select * from renamed
