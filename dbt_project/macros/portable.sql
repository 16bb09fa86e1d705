{#-
    Dialect-specific SQL lives here and nowhere else, so that every model builds on
    DuckDB (dbt-duckdb) and on Spark (dbt-spark). Each macro dispatches on the adapter:
    `<name>` → `duckdb__<name>` / `spark__<name>` / `default__<name>`.
-#}

{#- The build's as_of date (a required dbt var: `--vars '{as_of: YYYY-MM-DD}'`). -#}
{% macro as_of_date() -%}
    {%- set value = var('as_of', none) -%}
    {%- if value is none or value == '' -%}
        {%- if execute -%}
            {{ exceptions.raise_compiler_error("dbt var 'as_of' is required (YYYY-MM-DD): every maturity rule depends on it. Run `equipath build --as-of ...` or pass --vars '{as_of: 2026-10-01}'.") }}
        {%- endif -%}
        cast('1900-01-01' as date)
    {%- else -%}
        cast('{{ value }}' as date)
    {%- endif -%}
{%- endmacro %}

{#- date + n days -#}
{% macro add_days(date_expr, days_expr) -%}
    {{ return(adapter.dispatch('add_days', 'equipath')(date_expr, days_expr)) }}
{%- endmacro %}
{% macro default__add_days(date_expr, days_expr) -%}
    cast(({{ date_expr }}) + cast({{ days_expr }} as integer) as date)
{%- endmacro %}
{% macro spark__add_days(date_expr, days_expr) -%}
    date_add({{ date_expr }}, cast({{ days_expr }} as integer))
{%- endmacro %}

{#- whole days from start to end (end − start) -#}
{% macro days_between(start_expr, end_expr) -%}
    {{ return(adapter.dispatch('days_between', 'equipath')(start_expr, end_expr)) }}
{%- endmacro %}
{% macro default__days_between(start_expr, end_expr) -%}
    datediff('day', {{ start_expr }}, {{ end_expr }})
{%- endmacro %}
{% macro spark__days_between(start_expr, end_expr) -%}
    datediff({{ end_expr }}, {{ start_expr }})
{%- endmacro %}

{#- calendar quarter as one integer: year × 4 + quarter − 1 (consecutive quarters differ by 1) -#}
{% macro quarter_index(date_expr) -%}
    (year({{ date_expr }}) * 4 + quarter({{ date_expr }}) - 1)
{%- endmacro %}

{% macro quarter_index_of(year_expr, quarter_expr) -%}
    ({{ year_expr }} * 4 + {{ quarter_expr }} - 1)
{%- endmacro %}

{#- year of a quarter index -#}
{% macro quarter_year(index_expr) -%}
    cast(floor(({{ index_expr }}) / 4) as integer)
{%- endmacro %}

{#- first day of a quarter index -#}
{% macro quarter_first_day(index_expr) -%}
    make_date(
        {{ quarter_year(index_expr) }},
        cast(({{ index_expr }}) - floor(({{ index_expr }}) / 4) * 4 as integer) * 3 + 1,
        1
    )
{%- endmacro %}

{#- last day of a quarter index -#}
{% macro quarter_last_day(index_expr) -%}
    {{ add_days(quarter_first_day('(' ~ index_expr ~ ') + 1'), -1) }}
{%- endmacro %}

{#- whole years completed between birth and on_date -#}
{% macro age_in_years(birth_expr, on_expr) -%}
    (year({{ on_expr }}) - year({{ birth_expr }})
        - case when month({{ on_expr }}) * 100 + dayofmonth({{ on_expr }})
                    < month({{ birth_expr }}) * 100 + dayofmonth({{ birth_expr }})
               then 1 else 0 end)
{%- endmacro %}

{#- exact median (mean of the two middle values for an even count), as a double -#}
{% macro median(expr) -%}
    {{ return(adapter.dispatch('median', 'equipath')(expr)) }}
{%- endmacro %}
{% macro default__median(expr) -%}
    quantile_cont(cast({{ expr }} as double), 0.5)
{%- endmacro %}
{% macro spark__median(expr) -%}
    percentile(cast({{ expr }} as double), 0.5)
{%- endmacro %}

{#- is `item` one of the `;`-separated values of `list_expr` -#}
{% macro list_contains(list_expr, item_expr) -%}
    {{ return(adapter.dispatch('list_contains', 'equipath')(list_expr, item_expr)) }}
{%- endmacro %}
{% macro default__list_contains(list_expr, item_expr) -%}
    coalesce(list_contains(string_split({{ list_expr }}, ';'), {{ item_expr }}), false)
{%- endmacro %}
{% macro spark__list_contains(list_expr, item_expr) -%}
    coalesce(array_contains(split({{ list_expr }}, ';'), {{ item_expr }}), false)
{%- endmacro %}

{#- value of `value_expr` on the row with the greatest `order_expr` (nulls ignored) -#}
{% macro value_at_max(value_expr, order_expr) -%}
    {{ return(adapter.dispatch('value_at_max', 'equipath')(value_expr, order_expr)) }}
{%- endmacro %}
{% macro default__value_at_max(value_expr, order_expr) -%}
    arg_max({{ value_expr }}, {{ order_expr }})
{%- endmacro %}
{% macro spark__value_at_max(value_expr, order_expr) -%}
    max_by({{ value_expr }}, {{ order_expr }})
{%- endmacro %}

{#- text of an integer left-padded with zeros, for sortable composite keys -#}
{% macro zero_pad(int_expr, width) -%}
    lpad(cast({{ int_expr }} as string), {{ width }}, '0')
{%- endmacro %}

{#-
    numerator / denominator as a double. DuckDB divides decimals as doubles; Spark keeps
    decimal division and rounds the quotient to the result type's scale (6 places once
    decimal(38, …) runs out of precision), so decimal quotients are cast first. Identical
    to DuckDB's own `decimal / decimal`.
-#}
{% macro divide_as_double(numerator, denominator) -%}
    (cast({{ numerator }} as double) / cast({{ denominator }} as double))
{%- endmacro %}

{#- Wilson score interval bound (z = 1.96); `sign` is -1 for the low bound, +1 for the high -#}
{% macro wilson_bound(numerator, denominator, sign) -%}
    (
        (
            (cast({{ numerator }} as double) / {{ denominator }}) + 1.9208 / {{ denominator }}
            {{ '-' if sign < 0 else '+' }} 1.96 * sqrt(
                (cast({{ numerator }} as double) / {{ denominator }})
                * (1 - cast({{ numerator }} as double) / {{ denominator }}) / {{ denominator }}
                + 0.9604 / (cast({{ denominator }} as double) * {{ denominator }})
            )
        ) / (1 + 3.8416 / {{ denominator }})
    )
{%- endmacro %}
