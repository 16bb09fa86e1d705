with

source as (

    select * from {{ source('raw', 'students') }}

),

renamed as (

    select
        student_id as sis_student_id,
        ssn_key,
        first_name_key,
        last_name_key,
        cast(birth_date as date) as birth_date,
        email_key,
        coalesce(sex, 'U') as sex_code,
        coalesce(hispanic_latino, 'U') as hispanic_latino_code,
        {{ yn_to_boolean('race_american_indian_alaska_native') }}
            as is_race_american_indian_alaska_native,
        {{ yn_to_boolean('race_asian') }} as is_race_asian,
        {{ yn_to_boolean('race_black') }} as is_race_black,
        {{ yn_to_boolean('race_native_hawaiian_pacific_islander') }}
            as is_race_native_hawaiian_pacific_islander,
        {{ yn_to_boolean('race_white') }} as is_race_white,
        {{ yn_to_boolean('nonresident') }} as is_nonresident,
        coalesce(first_generation, 'U') as first_generation_code,
        coalesce(low_income, 'U') as low_income_code,
        coalesce(veteran, 'U') as veteran_code,
        coalesce(disability, 'U') as disability_code,
        coalesce(english_learner, 'U') as english_learner_code,
        zip_code,
        cast(updated_at as date) as updated_date,

        -- lineage
        _source_file as source_file,
        _row_number as source_row_number,
        _file_checksum as file_checksum,
        _loaded_at as loaded_at

    from source

)

select * from renamed
