{#-
    A Y/N-only contract flag (already validated and upper-cased by the loader) as a
    boolean: 'Y' -> true, 'N' -> false, blank (null) -> null. Portable SQL (DuckDB, Spark).
-#}
{% macro yn_to_boolean(column_name) -%}
    case {{ column_name }} when 'Y' then true when 'N' then false end
{%- endmacro %}
