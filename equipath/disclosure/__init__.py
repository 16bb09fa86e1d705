"""Disclosure control for the public and funder tiers (../shared/spec/PRIVACY.md).

`rules` (one cell: rules 1–3, 5, 6), `partitions` (which published cells add up, and
which metrics are linked by definition), `attack` (the linear-programming attack of
rule 4), `suppression` (complementary suppression until the attack narrows nothing),
`tiers` (each tier's tables), `audit` (the attack over published files), `parallel`
(independent problems on worker processes). No metric is computed here: only published
aggregates are transformed.
"""
