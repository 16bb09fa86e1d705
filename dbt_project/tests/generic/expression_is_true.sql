{#-
    What is this? A row-level invariant: every row of the model must satisfy `expression`.
    When does it matter? Accounting identities (rows read = loaded + rejected) and range
    rules that a broken model would silently violate.
    How to resolve? Select the rows where the expression is false and trace them to the
    model's inputs.

    Usage:
      data_tests:
        - expression_is_true:
            arguments:
              expression: "rows_read = rows_loaded + rows_rejected"
    Portable SQL (DuckDB and Spark).
-#}
{% test expression_is_true(model, expression) %}

select *
from {{ model }}
where not ({{ expression }})

{% endtest %}
