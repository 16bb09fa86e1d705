with

source as (

    select * from {{ source('raw', 'hires') }}

),

renamed as (

    select
        employer_id,
        record_id as employer_record_id,
        employee_email_key,
        first_name_key,
        last_name_key,
        cast(birth_date as date) as birth_date,
        cast(hire_date as date) as hire_date,
        cast(separation_date as date) as separation_date,
        job_title,
        soc_code,
        cast(hourly_wage as decimal(10, 2)) as hourly_wage_usd,
        cast(weekly_hours as decimal(10, 2)) as weekly_hours,
        placement_type,

        -- lineage
        _source_file as source_file,
        _row_number as source_row_number,
        _file_checksum as file_checksum,
        _loaded_at as loaded_at

    from source

)

select * from renamed
