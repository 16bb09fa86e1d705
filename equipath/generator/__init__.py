"""Sample landing exports: a realistic, messy, deterministic landing folder.

`generate(out_dir, students, seed)` writes every file of the landing contract
(../shared/spec/DATA_CONTRACT.md) for a simulated community college: its catalog, SIS,
LMS, partner-employer and UI-wage exports and surveys, with planted equity gaps, the mess
real exports carry and a counted handful of contract-breaking rows. docs/sample_data.md
describes what comes out.
"""

from equipath.generator.run import GenerationSummary, generate

__all__ = ["GenerationSummary", "generate"]
