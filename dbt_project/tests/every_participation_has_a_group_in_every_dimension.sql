{#-
    What is this? Every participation has exactly one group in every dimension of
    seed disaggregation_dimensions (METRICS.md: groups cover everyone).
    When does it matter? A code missing from a seed (say a new modality) would silently
    drop participations from that dimension and break the partitions publishing relies on.
    How to resolve? Add the code to its seed (seeds/README.md), or map it in the bridge.
-#}
select participations.sis_enrollment_id, dimensions.dimension
from {{ ref('int_participations_as_of') }} as participations
cross join {{ ref('disaggregation_dimensions') }} as dimensions
left join {{ ref('brg_participation_subgroups') }} as bridge
    on participations.sis_enrollment_id = bridge.sis_enrollment_id
    and dimensions.dimension = bridge.dimension
where bridge.sis_enrollment_id is null
