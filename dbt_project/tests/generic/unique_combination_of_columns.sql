{#-
    What is this? The primary-key test for a model whose key spans several columns
    (dbt's built-in `unique` takes one column). It fails with one row per key value
    that occurs more than once, with how many times it occurs.
    When does it matter? Every model has a primary-key test; a duplicated key silently
    multiplies rows in every join downstream.
    How to resolve? Query the model grouped by the key columns; find which source files
    and rows carry the duplicate (`source_file`, `source_row_number`) and fix the export
    or the loader's duplicate handling.

    Usage:
      data_tests:
        - unique_combination_of_columns:
            arguments:
              combination_of_columns: [employer_id, employer_record_id]
    Portable SQL (DuckDB and Spark).
-#}
{% test unique_combination_of_columns(model, combination_of_columns) %}

{%- set columns_csv = combination_of_columns | join(', ') %}

select
    {{ columns_csv }},
    count(*) as n_records
from {{ model }}
group by {{ columns_csv }}
having count(*) > 1

{% endtest %}
