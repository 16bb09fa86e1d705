"""Golden expected values for tests/golden/landing, worked out by hand.

Every number below is a literal (or a literal ratio `a / b`), derived by hand from the
landing files and /work/shared/spec/METRICS.md read with docs/methodology.md. The
comments show the working: which participations (P01..P38 = enrollment E01..E38),
numerator/denominator, and the rule that decided. `reference.py` recomputes the same
rows independently from the CSVs; `test_golden.py` checks reference == this file (fast)
and warehouse == this file (slow).

as_of = 2025-12-31.

Open points (spec and methodology.md leave these open; the natural reading taken here):
  1. identity_match_report counts every *loaded* row of users / hires / wages, whatever
     its date (a hire dated after as_of, B-005, is a linked record). Rejected rows (the
     negative wage in wages_2024Q1.csv row 7) are not records.
  2. A wage file holding only its header (wages_2025Q3.csv) does not make 2025Q3
     observable: methodology says "at least one loaded wage row" (DATA_CONTRACT says "a
     wage file has landed"; the binding methodology wins).
  3. Kaplan-Meier S(t) lands on exactly 0.5 in nine cells (e.g. 2024 ALL: S(1) =
     10/18 x 9/10 = 1/2). The median is the first t with S(t) <= 0.5 in exact arithmetic.
     A SQL product written as exp(sum(ln(1 - d/n))) gives 0.5000000000000001 in three of
     them (2024 ALL S(1), 2024 MC S(180), 2023 ALL S(15)) and would move the median to the
     next event time: compare with a tolerance (or in integers/rationals).
  4. A placement separation that is exactly hire_date + 180 days is NOT retained
     (methodology: "strictly after"); B-002 (P12) is that case.
  5. Students snapshots: the no-snapshot student S35 (P36) is kept with all groups
     Unknown; snapshot rows are not filtered by as_of (none here is after as_of anyway).
  6. Living wage is looked up for the calendar year of the *Q2-after quarter* (P06: Q2 =
     2025Q1, 4 x 7700 = 30800 < 31300 of 2025, though >= 30120 of 2024).
  7. Equity gaps: index_80 is computed for every group (also those with n < 10) as
     rate / max rate among the groups with n >= 10. reference_n is everyone else's
     denominator (0 when one group holds everyone); di_flag needs reference_n >= 10.
  8. A blank modality is the modality group `Unknown` (METRICS.md), so modality covers
     everyone like every other dimension.

Fixture edges (student -> what it exercises):
  S01 F  MC P02 (exit on MC window end) -> CERT P01 (stack; exit 2024-06-30, a quarter's
         last day; start via (c) 2024-07-01 = 1 day); placement A-007 in both windows;
         later snapshot with sex blank / low_income U (F / Yes kept)
  S02 F  P03 placement A-001 spans exit (b), employed only via employer (no UI after
         exit, so her pre-program wage in 2023Q1 = Q2 before entry enters no earnings
         change); email in another case; LMS U02 linked by sis id (its email is ambiguous)
  S03 F  P04 withdrawn; LMS U03 no sis id, email in another case -> linked; passed
  S04 F  P05 UI wages in exit quarter (b); pre-program wages 2023Q2 (earnings change);
         LI N -> Y in later snapshot; passed assessment before entry (outside)
  S05 F  P06 hire C-001 linked by name+birth date (email matches nobody); SOC out of
         field; award dated after as_of; living wage year = year of Q2 (2025)
  S06 F  P07 apprenticeship from entry day spanning exit; retention same employer
  S07 F  P08 internship only (not employment) -> censored; CERT P38 entry 366 days after
         exit (no stack); LI U
  S08 F  P09 withdrawn; nonresident; blank SSN; assessment on exit date (inside)
  S09 F  P10 two employers in Q2 after (4500 + 3500; each alone below living wage);
         completed after the completion window; start (c) 82 days
  S10 F  P11 transferred; shares an email with S11's old snapshot -> LMS U10 and hire
         A-003 ambiguous (no name fall-back)
  S11 F  P12 completed late; start (c) 33 < (a) 38; separation exactly hire+180 (not
         retained); two exit surveys, latest wins
  S12 M  P13 change of employer (W -> R); race flags blank in later snapshot (White kept);
         separation after as_of (= blank); SOC out of field; award before entry
  S13 M  P14 exit 2024-02-29; LI tie broken by later file name (students_2024b.csv -> Y);
         hire with blank SOC; failed assessment; passed one after exit; two surveys on the
         same day (greater response_id wins)
  S14 M  P15 apprenticeship spanning exit, retained (sep > hire+180); wage in his entry
         quarter 2023Q1 (Q2 before entry is 2022Q3, not observable)
  S15 M  P16 separation before hire+180; survey readiness blank
  S16 M  P17 withdrawn; two snapshot rows, same date and file -> later row (LI Yes)
  S17 M  P18 pre-program wages 2023Q3 (earnings change, 2023 CPI); LI U
  S18 M  P19 stacks into CERT P37; wage row of 0.00 (not employment); censored; LI blank
         in 2025 snapshot (Yes kept); assessment after as_of
  S19 M  P20 exit 2024-12-31 (x+365 = as_of); award dated as_of; hire on exit day (a)=0;
         survey after as_of; MC assessment (other program)
  S20 M  P21 SSN shared with S21's old snapshot -> wage rows ambiguous -> censored
  S21 M  P22 withdrawn; own corrected SSN links
  S22 X  P23 sex F -> X; race all N (unknown); LMS U22 sis id of nobody -> email link;
         pre-program wages
  S23 U  P24 sex blank; hire C-006 exactly 180 days after exit (placed; KM event at 180);
         award of another program
  S24 M  P25 exit 2023Q1; start (c) 15; hire before entry (no pair)
  S25 M  P26 apprenticeship spans exit; change of employer; followup survey only
  S26 F  P27 withdrawn 2023
  S27 M  P28 award 368 days after exit (outside); hire 382 days after exit: employed in
         Q4 via employer only, no placement pair (> exit+365)
  S28 F  P29 hire A-004 (a) 108 days -> KM event at 108
  S29 F  P30 same name (accent) + birth date as S28 -> hire C-003 ambiguous; censored at
         108 = the tie with S28's event
  S30 F  P31 UI wages in exit quarter 2025Q1 (b) = 0
  S31 M  P32 exit 2025-09-26, after the last observable quarter -> censored at 0
  S32 M  P33 withdrawn 2025; hire B-005 dated after as_of (ignored)
  S33 F  P34 active; passed assessment while active
  S34 M  P35 entry after as_of -> ignored
  S35 -  P36 no snapshot (all Unknown); exit 2026-02-20 after as_of -> active; blank
         modality
  Wages: 2025Q3 file is header-only (not observable); SSNs with and without dashes;
  observable quarters are 2023Q1..2025Q2; last observable day 2025-06-30.

Worksheet, exit cohorts (E2/E4 = employed in Q2/Q4 after exit, '-' = quarter not
observable; earn = UI earnings in Q2 after; start = days to employment start, cN =
censored at N; S = exit survey (sat, ready) of the latest exit response):

 P   prog sex LI  status  cred E2 E4 earn   ret LW chg plc start   S
 2023 cohort (observable Q2 and Q4 for all)
 P02 MC   F   Y   compl   1    0  1  -      -   0  -   0   220(c)  -
 P25 CERT M   Y   compl   1    1  1  8000   1   1  -   1   15(c)   (4,2)
 P26 APP  M   N   compl   1    1  1  12000  0   1  -   1   0(b)    followup only
 P27 MC   F   Y   withdr  0    1  1  3000   1   0  -   .   .       (2,3)
 P28 CERT M   N   compl   0    0  1  -      -   0  -   0   382(a)  -
 2024 cohort (Q4 observable only for exits in 2024Q1-Q2)
 P01 CERT F   Y   compl   1    1  1  9000   1   1  -   1   1(c)    (5,4)
 P03 CERT F   N   compl   0    1  1  -      -   0  -   1   0(b)    -
 P04 CERT F   Y   withdr  0    1  1  2000   1   0  -   .   .       -
 P05 CERT F   Y   compl   1    1  1  7600   1   1  c05 1   0(b)    (4,3)
 P06 CERT F   Y   compl   0    1  -  7700   -   0  -   1   46(a,c) -
 P07 APP  F   N   compl   1    1  1  8000   1   1  -   1   0(b)    (3,5)
 P08 MC   F   U   compl   1    0  0  -      -   0  -   0   c437    -
 P09 MC   F   Y   withdr  0    0  0  -      -   0  -   .   .       -
 P10 CERT F   N   compl   1    1  -  8000   -   1  -   1   82(c)   (2,2)
 P11 CERT F   Y   transf  0    0  -  -      -   0  -   .   .       -
 P12 APP  F   N   compl   1    1  -  9000   -   1  -   1   33(c)   (2,5)
 P13 CERT M   N   compl   0    1  1  6000   0   0  -   1   17(c)   (5,5)
 P14 CERT M   Y   compl   1    1  1  8000   1   1  -   1   0(b)    (5,4)
 P15 APP  M   N   compl   0    1  1  7000   1   0  -   1   0(b)    (4,4)
 P16 APP  M   Y   compl   1    1  -  10000  -   1  -   1   0(b)    (5,blank)
 P17 APP  M   Y   withdr  0    1  -  5500   -   0  -   .   .       (1,2)
 P18 MC   M   U   compl   1    1  1  7000   1   0  c18 1   0(b)    (4,4)
 P19 MC   M   Y   compl   1    0  -  0.00   -   0  -   0   c276    (5,5)
 P20 CERT M   N   compl   1    1  -  8000   -   1  -   1   0(a)    after as_of
 P21 CERT M   Y   compl   1    0  0  -      -   0  -   0   c367    (4,4)
 P22 APP  M   N   withdr  0    1  1  4000   1   0  -   .   .       (3,4)
 P23 CERT X   Y   compl   0    1  -  5000   -   0  c23 1   46(c)   (5,5)
 P24 MC   U   U   compl   0    1  -  -      -   0  -   1   180(a)  -
 2025 cohort (Q2 after exit not observable for anyone; x+365 > as_of for all)
 P29 CERT F   Y   compl   .    -  -  -      -   -  -   1   108(a)  (4,4)
 P30 CERT F   N   compl   .    -  -  -      -   -  -   0   c108    -
 P31 CERT F   N   compl   .    -  -  -      -   -  -   1   0(b)    (5,3)
 P32 MC   M   Y   compl   .    -  -  -      -   -  -   .   c0      (5,5)
 P33 APP  M   N   withdr  .    -  -  -      -   -  -   .   .       (2,2)

 chg (real, 2023 quarters x 313.689/304.702; 2024/2025 quarters x 1, 2025 uses 2024 CPI):
   c05 = 7600 - 2400 x 1.0294943912 = 5129.21   (S04: 2023Q2 -> 2024Q4)
   c18 = 7000 - 3000 x 1.0294943912 = 3911.52   (S17: 2023Q3 -> 2024Q3)
   c23 = 5000 - 2000 x 1.0294943912 = 2941.01   (S22: 2023Q3 -> 2025Q1)
 Living wage (annual, nominal): 2023 29160, 2024 30120, 2025 31300 (year of Q2 after).

 Placement pairs (participation, placement): retained at hire+180 / in field
   2023: P02-A-007 (MC F Y) 1/1 ; P26-B-006 (APP M N) 1/1
   2024: P01-A-007 (CERT F Y) 1/1 ; P03-A-001 (CERT F N) 1/1 ; P06-C-001 (CERT F Y) 1/0 ;
         P07-B-001 (APP F N) 1/1 ; P12-B-002 (APP F N) 0/1 ; P13-A-006 (CERT M N) 1/0 ;
         P14-C-004 (CERT M Y) 1/no SOC ; P15-B-003 (APP M N) 1/1 ; P16-B-004 (APP M Y) 0/1 ;
         P20-C-002 (CERT M N) 1/1 ; P24-C-006 (MC U U) 0/1
   2025: P29-A-004 (CERT F Y) 1/1
   Not pairs: A-002 internship, C-005 hired before entry, A-008 hired > exit+365,
   B-005 hired after as_of, A-003/C-003 ambiguous.

Worksheet, entry cohorts (completion: window closed & completed by window end; skill:
passed assessment same program from entry to exit/as_of):
 2022: P25 CERT M Y c1 s0 ; P26 APP M N c1 s0
 2023: P02 MC F Y c1 s1 ; P03 CERT F N c1 s0 ; P04 CERT F Y c0 s1 ; P05 CERT F Y c1 s0 ;
       P07 APP F N c1 s0 ; P12 APP F N c0(late) s0 ; P13 CERT M N c1 s1 ;
       P14 CERT M Y c1 s0 ; P15 APP M N c1 s0 ; P16 APP M Y c1 s0 ; P17 APP M Y c0 s0 ;
       P22 APP M N c0 s0 ; P27 MC F Y c0 s0 ; P28 CERT M N c1 s0
 2024: P01 CERT F Y c1 s1 ; P06 CERT F Y c1 s0 ; P08 MC F U c1 s0 ; P09 MC F Y c0 s1 ;
       P10 CERT F N c0(late) s0 ; P11 CERT F Y c0 s0 ; P18 MC M U c1 s1 ;
       P19 MC M Y c1 s0 ; P20 CERT M N c0(late) s0 ; P21 CERT M Y c1 s0 ;
       P23 CERT X Y c1 s1 ; P24 MC U U c1 s0 ; P29 CERT F Y c1 s0 ; P30 CERT F N c1 s0 ;
       P31 CERT F N c1 s0 ; P33 APP M N c0 s0
 2025: P32 MC M Y c1 s0 ; P34 CERT F U c(window open) s1 ; P36 CERT U U c0 s0 ;
       P37 CERT M Y c0 s0 ; P38 CERT F U c(window open) s0   (P35: entry after as_of)
"""

AS_OF = "2025-12-31"

# Key: (metric_id, cohort_year, program_id, dimension, group_value)
# Value: (numerator, denominator, value). numerator is None for medians and KM metrics.
OUTCOME_METRICS: dict[tuple[str, int, str, str, str], tuple[int | None, int, float | None]] = {
    # ------------------------------------------------------------------ completion_rate
    # entry cohort; window end = entry + ceil(10.5 x weeks): MC 53, CERT 273, APP 546 days
    # 2022: P25 (exit 2023-03-17 <= 2023-06-06) and P26 (2023-05-26 <= 2023-09-04)
    ("completion_rate", 2022, "ALL", "all", "All"): (2, 2, 2 / 2),
    ("completion_rate", 2022, "CERT", "all", "All"): (1, 1, 1 / 1),
    ("completion_rate", 2022, "APP", "all", "All"): (1, 1, 1 / 1),
    ("completion_rate", 2022, "ALL", "sex", "Male"): (2, 2, 2 / 2),
    ("completion_rate", 2022, "ALL", "low_income", "Yes"): (1, 1, 1 / 1),
    ("completion_rate", 2022, "ALL", "low_income", "No"): (1, 1, 1 / 1),
    # 2023: 14 participations, all windows closed; yes: P02 (exit = window end 2023-11-24),
    # P03 P05 P07 P13 P14 P15 P16 P28; no: P04 P17 P22 P27 (withdrawn), P12 (late)
    ("completion_rate", 2023, "ALL", "all", "All"): (9, 14, 9 / 14),
    ("completion_rate", 2023, "MC", "all", "All"): (1, 2, 1 / 2),  # P02 y, P27 n
    ("completion_rate", 2023, "CERT", "all", "All"): (5, 6, 5 / 6),  # P04 n
    ("completion_rate", 2023, "APP", "all", "All"): (3, 6, 3 / 6),  # P12 P17 P22 n
    ("completion_rate", 2023, "ALL", "sex", "Female"): (4, 7, 4 / 7),  # P02 P03 P05 P07
    ("completion_rate", 2023, "ALL", "sex", "Male"): (5, 7, 5 / 7),  # P13 P14 P15 P16 P28
    ("completion_rate", 2023, "ALL", "low_income", "Yes"): (4, 7, 4 / 7),  # P02 P05 P14 P16
    ("completion_rate", 2023, "ALL", "low_income", "No"): (5, 7, 5 / 7),  # P03 P07 P13 P15 P28
    # 2024: 16 participations (P29-P31 windows end 2025-06-03 <= as_of); no: P09 P11 P33
    # (not completed), P10 (2024-10-11 > 2024-10-07) and P20 (2024-12-31 > 2024-11-04) late
    ("completion_rate", 2024, "ALL", "all", "All"): (11, 16, 11 / 16),
    ("completion_rate", 2024, "MC", "all", "All"): (4, 5, 4 / 5),  # P08 P18 P19 P24 / +P09
    ("completion_rate", 2024, "CERT", "all", "All"): (7, 10, 7 / 10),
    ("completion_rate", 2024, "APP", "all", "All"): (0, 1, 0 / 1),  # P33 withdrawn
    # F: P01 P06 P08 P29 P30 P31 of 9 (+P09 P10 P11)
    ("completion_rate", 2024, "ALL", "sex", "Female"): (6, 9, 6 / 9),
    ("completion_rate", 2024, "ALL", "sex", "Male"): (3, 5, 3 / 5),  # P18 P19 P21 / P20 P33
    ("completion_rate", 2024, "ALL", "sex", "Another sex"): (1, 1, 1 / 1),  # P23
    ("completion_rate", 2024, "ALL", "sex", "Unknown"): (1, 1, 1 / 1),  # P24 (sex blank)
    # Yes: P01 P06 P19 P21 P23 P29 / P09 P11 ; No: P30 P31 / P10 P20 P33 ; U: P08 P18 P24
    ("completion_rate", 2024, "ALL", "low_income", "Yes"): (6, 8, 6 / 8),
    ("completion_rate", 2024, "ALL", "low_income", "No"): (2, 5, 2 / 5),
    ("completion_rate", 2024, "ALL", "low_income", "Unknown"): (3, 3, 3 / 3),
    # White / Female 2024: P01 y, P11 n, P31 y
    ("completion_rate", 2024, "ALL", "race_ethnicity_x_sex", "White / Female"): (2, 3, 2 / 3),
    # 2025: closed windows P32 (MC, 2025-09-26 = window end, completed), P36 (2025-12-01;
    # exit 2026-02-20 > as_of -> active), P37 (active); P34 P38 windows still open
    ("completion_rate", 2025, "ALL", "all", "All"): (1, 3, 1 / 3),
    ("completion_rate", 2025, "MC", "all", "All"): (1, 1, 1 / 1),
    ("completion_rate", 2025, "CERT", "all", "All"): (0, 2, 0 / 2),
    ("completion_rate", 2025, "ALL", "sex", "Male"): (1, 2, 1 / 2),  # P32 y, P37 n
    ("completion_rate", 2025, "ALL", "sex", "Unknown"): (0, 1, 0 / 1),  # P36 no snapshot
    ("completion_rate", 2025, "ALL", "low_income", "Yes"): (1, 2, 1 / 2),
    ("completion_rate", 2025, "ALL", "low_income", "Unknown"): (0, 1, 0 / 1),
    # modality (blank = group Unknown, METRICS.md): P32 MC online y, P37 CERT hybrid n,
    # P36 CERT blank modality n
    ("completion_rate", 2025, "ALL", "modality", "online"): (1, 1, 1 / 1),
    ("completion_rate", 2025, "ALL", "modality", "hybrid"): (0, 1, 0 / 1),
    ("completion_rate", 2025, "ALL", "modality", "Unknown"): (0, 1, 0 / 1),
    ("completion_rate", 2025, "CERT", "modality", "Unknown"): (0, 1, 0 / 1),
    # ------------------------------------------------------- credential_attainment_rate
    # exit cohort, exiters with exit + 365 <= as_of (all 2023/2024 exits, no 2025 exit)
    # 2023: P02 (A01), P25 (A15), P26 (A16) yes; P27 none; P28 A17 is exit+368 -> no
    ("credential_attainment_rate", 2023, "ALL", "all", "All"): (3, 5, 3 / 5),
    ("credential_attainment_rate", 2023, "MC", "all", "All"): (1, 2, 1 / 2),
    ("credential_attainment_rate", 2023, "CERT", "all", "All"): (1, 2, 1 / 2),
    ("credential_attainment_rate", 2023, "APP", "all", "All"): (1, 1, 1 / 1),
    ("credential_attainment_rate", 2023, "ALL", "sex", "Female"): (1, 2, 1 / 2),  # P02 / P27
    ("credential_attainment_rate", 2023, "ALL", "sex", "Male"): (2, 3, 2 / 3),  # P25 P26 / P28
    ("credential_attainment_rate", 2023, "ALL", "low_income", "Yes"): (2, 3, 2 / 3),
    ("credential_attainment_rate", 2023, "ALL", "low_income", "No"): (1, 2, 1 / 2),
    # 2024: yes P01 P05 P07 P08 P10 P12 P14 P16 P18 P19 P20 (A13 dated as_of = exit+365)
    # P21; no: P06 (award after as_of), P24 (award of CERT), P13 (award before entry), rest
    ("credential_attainment_rate", 2024, "ALL", "all", "All"): (12, 23, 12 / 23),
    ("credential_attainment_rate", 2024, "MC", "all", "All"): (3, 5, 3 / 5),  # P08 P18 P19
    # CERT: P01 P05 P10 P14 P20 P21 of 12
    ("credential_attainment_rate", 2024, "CERT", "all", "All"): (6, 12, 6 / 12),
    ("credential_attainment_rate", 2024, "APP", "all", "All"): (3, 6, 3 / 6),  # P07 P12 P16
    # F: P01 P05 P07 P08 P10 P12 ; M: P14 P16 P18 P19 P20 P21 ; X: P23 no ; U: P24 no
    ("credential_attainment_rate", 2024, "ALL", "sex", "Female"): (6, 11, 6 / 11),
    ("credential_attainment_rate", 2024, "ALL", "sex", "Male"): (6, 10, 6 / 10),
    ("credential_attainment_rate", 2024, "ALL", "sex", "Another sex"): (0, 1, 0 / 1),
    ("credential_attainment_rate", 2024, "ALL", "sex", "Unknown"): (0, 1, 0 / 1),
    # Yes: P01 P05 P14 P16 P19 P21 of 12 ; No: P07 P10 P12 P20 of 8 ; U: P08 P18 of 3
    ("credential_attainment_rate", 2024, "ALL", "low_income", "Yes"): (6, 12, 6 / 12),
    ("credential_attainment_rate", 2024, "ALL", "low_income", "No"): (4, 8, 4 / 8),
    ("credential_attainment_rate", 2024, "ALL", "low_income", "Unknown"): (2, 3, 2 / 3),
    # White / Female: P01 y, P07 y, P11 n, P12 y
    ("credential_attainment_rate", 2024, "ALL", "race_ethnicity_x_sex", "White / Female"): (
        3,
        4,
        3 / 4,
    ),
    # --------------------------------------------------------------- employment_rate_q2
    # 2023: Q2 after = 2024Q2 (P02), 2023Q3 (P25), 2023Q4 (P26 P27), 2024Q1 (P28)
    # P02: no wages, A-007 hired after 2024Q2 -> no ; P28: A-008 hired 2024-09 -> no
    ("employment_rate_q2", 2023, "ALL", "all", "All"): (3, 5, 3 / 5),
    ("employment_rate_q2", 2023, "MC", "all", "All"): (1, 2, 1 / 2),  # P27 y
    ("employment_rate_q2", 2023, "CERT", "all", "All"): (1, 2, 1 / 2),  # P25 y
    ("employment_rate_q2", 2023, "APP", "all", "All"): (1, 1, 1 / 1),  # P26 y
    ("employment_rate_q2", 2023, "ALL", "sex", "Female"): (1, 2, 1 / 2),
    ("employment_rate_q2", 2023, "ALL", "sex", "Male"): (2, 3, 2 / 3),
    ("employment_rate_q2", 2023, "ALL", "low_income", "Yes"): (2, 3, 2 / 3),  # P25 P27 / P02
    ("employment_rate_q2", 2023, "ALL", "low_income", "No"): (1, 2, 1 / 2),  # P26 / P28
    # 2024: all 23 observable (latest Q2 = 2025Q2); not employed: P08 (internship only),
    # P09, P11 (hire ambiguous), P19 (wages 0.00), P21 (wage SSN ambiguous).
    # P03 via employer A-001 only; P24 via employer C-006 (2025-01-15..2025-03-31)
    ("employment_rate_q2", 2024, "ALL", "all", "All"): (18, 23, 18 / 23),
    ("employment_rate_q2", 2024, "MC", "all", "All"): (2, 5, 2 / 5),  # P18 P24
    ("employment_rate_q2", 2024, "CERT", "all", "All"): (10, 12, 10 / 12),  # not P11 P21
    ("employment_rate_q2", 2024, "APP", "all", "All"): (6, 6, 6 / 6),
    ("employment_rate_q2", 2024, "ALL", "sex", "Female"): (8, 11, 8 / 11),  # not P08 P09 P11
    ("employment_rate_q2", 2024, "ALL", "sex", "Male"): (8, 10, 8 / 10),  # not P19 P21
    ("employment_rate_q2", 2024, "ALL", "sex", "Another sex"): (1, 1, 1 / 1),
    ("employment_rate_q2", 2024, "ALL", "sex", "Unknown"): (1, 1, 1 / 1),
    # Yes: not P09 P11 P19 P21
    ("employment_rate_q2", 2024, "ALL", "low_income", "Yes"): (8, 12, 8 / 12),
    ("employment_rate_q2", 2024, "ALL", "low_income", "No"): (8, 8, 8 / 8),
    ("employment_rate_q2", 2024, "ALL", "low_income", "Unknown"): (2, 3, 2 / 3),  # P18 P24 / P08
    ("employment_rate_q2", 2024, "ALL", "race_ethnicity_x_sex", "White / Female"): (3, 4, 3 / 4),
    # White / Male: P13 (S12 White kept although later snapshot blanks race) P15 P18 P22
    ("employment_rate_q2", 2024, "ALL", "race_ethnicity_x_sex", "White / Male"): (4, 4, 4 / 4),
    # --------------------------------------------------------------- employment_rate_q4
    # 2023: Q4 after = 2024Q4 P02 (UI), 2024Q1 P25, 2024Q2 P26 P27, 2024Q3 P28 (A-008 only)
    ("employment_rate_q4", 2023, "ALL", "all", "All"): (5, 5, 5 / 5),
    ("employment_rate_q4", 2023, "MC", "all", "All"): (2, 2, 2 / 2),
    ("employment_rate_q4", 2023, "CERT", "all", "All"): (2, 2, 2 / 2),
    ("employment_rate_q4", 2023, "APP", "all", "All"): (1, 1, 1 / 1),
    ("employment_rate_q4", 2023, "ALL", "sex", "Female"): (2, 2, 2 / 2),
    ("employment_rate_q4", 2023, "ALL", "sex", "Male"): (3, 3, 3 / 3),
    ("employment_rate_q4", 2023, "ALL", "low_income", "Yes"): (3, 3, 3 / 3),
    ("employment_rate_q4", 2023, "ALL", "low_income", "No"): (2, 2, 2 / 2),
    # 2024: only exits in 2024Q1-Q2 (Q4 = 2025Q1/Q2); 2025Q3+ not observable.
    # denominator P01 P03 P04 P05 P07 P08 P09 P13 P14 P15 P18 P21 P22; no: P08 P09 P21
    ("employment_rate_q4", 2024, "ALL", "all", "All"): (10, 13, 10 / 13),
    ("employment_rate_q4", 2024, "MC", "all", "All"): (1, 3, 1 / 3),  # P18 / P08 P09
    ("employment_rate_q4", 2024, "CERT", "all", "All"): (6, 7, 6 / 7),  # not P21
    ("employment_rate_q4", 2024, "APP", "all", "All"): (3, 3, 3 / 3),  # P07 P15 P22
    ("employment_rate_q4", 2024, "ALL", "sex", "Female"): (5, 7, 5 / 7),
    ("employment_rate_q4", 2024, "ALL", "sex", "Male"): (5, 6, 5 / 6),
    ("employment_rate_q4", 2024, "ALL", "low_income", "Yes"): (4, 6, 4 / 6),  # P01 P04 P05 P14
    ("employment_rate_q4", 2024, "ALL", "low_income", "No"): (5, 5, 5 / 5),
    ("employment_rate_q4", 2024, "ALL", "low_income", "Unknown"): (1, 2, 1 / 2),  # P18 / P08
    ("employment_rate_q4", 2024, "ALL", "race_ethnicity_x_sex", "White / Female"): (2, 2, 2 / 2),
    # --------------------------------------------------------------- median_earnings_q2
    # 2023: 3000 (P27), 8000 (P25), 12000 (P26)
    ("median_earnings_q2", 2023, "ALL", "all", "All"): (None, 3, 8000.00),
    ("median_earnings_q2", 2023, "MC", "all", "All"): (None, 1, 3000.00),
    ("median_earnings_q2", 2023, "CERT", "all", "All"): (None, 1, 8000.00),
    ("median_earnings_q2", 2023, "APP", "all", "All"): (None, 1, 12000.00),
    ("median_earnings_q2", 2023, "ALL", "sex", "Female"): (None, 1, 3000.00),
    ("median_earnings_q2", 2023, "ALL", "sex", "Male"): (None, 2, 10000.00),  # (8000+12000)/2
    ("median_earnings_q2", 2023, "ALL", "low_income", "Yes"): (None, 2, 5500.00),  # (3000+8000)/2
    ("median_earnings_q2", 2023, "ALL", "low_income", "No"): (None, 1, 12000.00),
    # 2024: 16 values 2000 4000 5000 5500 6000 7000 7000 [7600 7700] 8000x4 9000x2 10000
    # (P19's 0.00 and P21's ambiguous wages are out; P03 has no UI wages)
    ("median_earnings_q2", 2024, "ALL", "all", "All"): (None, 16, 7650.00),
    ("median_earnings_q2", 2024, "MC", "all", "All"): (None, 1, 7000.00),  # P18
    # CERT: 2000 5000 6000 7600 [7700] 8000 8000 8000 9000 ; P10 = 4500 + 3500 (two FEINs)
    ("median_earnings_q2", 2024, "CERT", "all", "All"): (None, 9, 7700.00),
    # APP: 4000 5500 [7000 8000] 9000 10000
    ("median_earnings_q2", 2024, "APP", "all", "All"): (None, 6, 7500.00),
    # F: 2000 7600 7700 [8000] 8000 9000 9000 ; M: 4000 5500 6000 [7000 7000] 8000 8000 10000
    ("median_earnings_q2", 2024, "ALL", "sex", "Female"): (None, 7, 8000.00),
    ("median_earnings_q2", 2024, "ALL", "sex", "Male"): (None, 8, 7000.00),
    ("median_earnings_q2", 2024, "ALL", "sex", "Another sex"): (None, 1, 5000.00),
    # Yes: 2000 5000 5500 [7600 7700] 8000 9000 10000 ; No: 4000 6000 7000 [8000] 8000 8000 9000
    ("median_earnings_q2", 2024, "ALL", "low_income", "Yes"): (None, 8, 7650.00),
    ("median_earnings_q2", 2024, "ALL", "low_income", "No"): (None, 7, 8000.00),
    ("median_earnings_q2", 2024, "ALL", "low_income", "Unknown"): (None, 1, 7000.00),
    # White / Female: P01 9000, P07 8000, P12 9000
    ("median_earnings_q2", 2024, "ALL", "race_ethnicity_x_sex", "White / Female"): (
        None,
        3,
        9000.00,
    ),
    # ---------------------------------------------------------- median_earnings_q2_real
    # 2023 Q2-after quarters are in 2023 (P25 2023Q3, P26 P27 2023Q4): x 313.689/304.702
    ("median_earnings_q2_real", 2023, "ALL", "all", "All"): (None, 3, 8235.96),  # 8000 x r
    ("median_earnings_q2_real", 2023, "MC", "all", "All"): (None, 1, 3088.48),  # 3000 x r
    ("median_earnings_q2_real", 2023, "CERT", "all", "All"): (None, 1, 8235.96),
    ("median_earnings_q2_real", 2023, "APP", "all", "All"): (None, 1, 12353.93),  # 12000 x r
    ("median_earnings_q2_real", 2023, "ALL", "sex", "Female"): (None, 1, 3088.48),
    ("median_earnings_q2_real", 2023, "ALL", "sex", "Male"): (None, 2, 10294.94),  # 10000 x r
    ("median_earnings_q2_real", 2023, "ALL", "low_income", "Yes"): (None, 2, 5662.22),  # 5500 x r
    ("median_earnings_q2_real", 2023, "ALL", "low_income", "No"): (None, 1, 12353.93),
    # 2024 cohort: Q2 quarters in 2024 (x 1) and 2025 (CPI 2025 missing -> 2024's -> x 1)
    ("median_earnings_q2_real", 2024, "ALL", "all", "All"): (None, 16, 7650.00),
    ("median_earnings_q2_real", 2024, "MC", "all", "All"): (None, 1, 7000.00),
    ("median_earnings_q2_real", 2024, "CERT", "all", "All"): (None, 9, 7700.00),
    ("median_earnings_q2_real", 2024, "APP", "all", "All"): (None, 6, 7500.00),
    ("median_earnings_q2_real", 2024, "ALL", "sex", "Female"): (None, 7, 8000.00),
    ("median_earnings_q2_real", 2024, "ALL", "sex", "Male"): (None, 8, 7000.00),
    ("median_earnings_q2_real", 2024, "ALL", "sex", "Another sex"): (None, 1, 5000.00),
    ("median_earnings_q2_real", 2024, "ALL", "low_income", "Yes"): (None, 8, 7650.00),
    ("median_earnings_q2_real", 2024, "ALL", "low_income", "No"): (None, 7, 8000.00),
    ("median_earnings_q2_real", 2024, "ALL", "low_income", "Unknown"): (None, 1, 7000.00),
    ("median_earnings_q2_real", 2024, "ALL", "race_ethnicity_x_sex", "White / Female"): (
        None,
        3,
        9000.00,
    ),
    # ---------------------------------------------------------- retention_same_employer
    # 2023: P25 (W, W) y, P26 (B -> C) n, P27 (R, R) y
    ("retention_same_employer", 2023, "ALL", "all", "All"): (2, 3, 2 / 3),
    ("retention_same_employer", 2023, "MC", "all", "All"): (1, 1, 1 / 1),
    ("retention_same_employer", 2023, "CERT", "all", "All"): (1, 1, 1 / 1),
    ("retention_same_employer", 2023, "APP", "all", "All"): (0, 1, 0 / 1),
    ("retention_same_employer", 2023, "ALL", "sex", "Female"): (1, 1, 1 / 1),
    ("retention_same_employer", 2023, "ALL", "sex", "Male"): (1, 2, 1 / 2),
    ("retention_same_employer", 2023, "ALL", "low_income", "Yes"): (2, 2, 2 / 2),
    ("retention_same_employer", 2023, "ALL", "low_income", "No"): (0, 1, 0 / 1),
    # 2024: UI > 0 in Q2 and Q4 observable: P01 P04 P05 P07 P13 P14 P15 P18 P22 (P03 has no
    # UI wages); only P13 changed employer (W -> R)
    ("retention_same_employer", 2024, "ALL", "all", "All"): (8, 9, 8 / 9),
    ("retention_same_employer", 2024, "MC", "all", "All"): (1, 1, 1 / 1),
    ("retention_same_employer", 2024, "CERT", "all", "All"): (4, 5, 4 / 5),
    ("retention_same_employer", 2024, "APP", "all", "All"): (3, 3, 3 / 3),
    ("retention_same_employer", 2024, "ALL", "sex", "Female"): (4, 4, 4 / 4),
    ("retention_same_employer", 2024, "ALL", "sex", "Male"): (4, 5, 4 / 5),
    ("retention_same_employer", 2024, "ALL", "low_income", "Yes"): (4, 4, 4 / 4),
    ("retention_same_employer", 2024, "ALL", "low_income", "No"): (3, 4, 3 / 4),
    ("retention_same_employer", 2024, "ALL", "low_income", "Unknown"): (1, 1, 1 / 1),
    ("retention_same_employer", 2024, "ALL", "race_ethnicity_x_sex", "White / Female"): (
        2,
        2,
        2 / 2,
    ),
    # ----------------------------------------------------------------- living_wage_rate
    # 2023 (Q2 in 2023, threshold 29160): P25 4x8000, P26 4x12000 yes; P27 4x3000 no
    ("living_wage_rate", 2023, "ALL", "all", "All"): (2, 5, 2 / 5),
    ("living_wage_rate", 2023, "MC", "all", "All"): (0, 2, 0 / 2),
    ("living_wage_rate", 2023, "CERT", "all", "All"): (1, 2, 1 / 2),
    ("living_wage_rate", 2023, "APP", "all", "All"): (1, 1, 1 / 1),
    ("living_wage_rate", 2023, "ALL", "sex", "Female"): (0, 2, 0 / 2),
    ("living_wage_rate", 2023, "ALL", "sex", "Male"): (2, 3, 2 / 3),
    ("living_wage_rate", 2023, "ALL", "low_income", "Yes"): (1, 3, 1 / 3),
    ("living_wage_rate", 2023, "ALL", "low_income", "No"): (1, 2, 1 / 2),
    # 2024: yes P01 36000, P05 30400 (>= 30120, Q2 2024Q4), P07 32000, P14 32000 (2024);
    # P10 32000, P12 36000, P16 40000, P20 32000 (>= 31300, Q2 in 2025);
    # no: P06 30800 < 31300 (Q2 2025Q1), P15 P18 28000, P13 24000, ... and 0 for non-earners
    ("living_wage_rate", 2024, "ALL", "all", "All"): (8, 23, 8 / 23),
    ("living_wage_rate", 2024, "MC", "all", "All"): (0, 5, 0 / 5),
    ("living_wage_rate", 2024, "CERT", "all", "All"): (5, 12, 5 / 12),  # P01 P05 P10 P14 P20
    ("living_wage_rate", 2024, "APP", "all", "All"): (3, 6, 3 / 6),  # P07 P12 P16
    ("living_wage_rate", 2024, "ALL", "sex", "Female"): (5, 11, 5 / 11),  # P01 P05 P07 P10 P12
    ("living_wage_rate", 2024, "ALL", "sex", "Male"): (3, 10, 3 / 10),  # P14 P16 P20
    ("living_wage_rate", 2024, "ALL", "sex", "Another sex"): (0, 1, 0 / 1),
    ("living_wage_rate", 2024, "ALL", "sex", "Unknown"): (0, 1, 0 / 1),
    ("living_wage_rate", 2024, "ALL", "low_income", "Yes"): (4, 12, 4 / 12),  # P01 P05 P14 P16
    ("living_wage_rate", 2024, "ALL", "low_income", "No"): (4, 8, 4 / 8),  # P07 P10 P12 P20
    ("living_wage_rate", 2024, "ALL", "low_income", "Unknown"): (0, 3, 0 / 3),
    ("living_wage_rate", 2024, "ALL", "race_ethnicity_x_sex", "White / Female"): (3, 4, 3 / 4),
    # ------------------------------------------------------ median_earnings_change_real
    # only 2024 has both quarters: c23 2941.01 < c18 3911.52 < c05 5129.21
    ("median_earnings_change_real", 2024, "ALL", "all", "All"): (None, 3, 3911.52),
    ("median_earnings_change_real", 2024, "MC", "all", "All"): (None, 1, 3911.52),  # c18
    # CERT: (c05 + c23) / 2 = 6300 - 2200 x r = 4035.11
    ("median_earnings_change_real", 2024, "CERT", "all", "All"): (None, 2, 4035.11),
    ("median_earnings_change_real", 2024, "ALL", "sex", "Female"): (None, 1, 5129.21),  # c05
    ("median_earnings_change_real", 2024, "ALL", "sex", "Male"): (None, 1, 3911.52),  # c18
    ("median_earnings_change_real", 2024, "ALL", "sex", "Another sex"): (None, 1, 2941.01),
    ("median_earnings_change_real", 2024, "ALL", "low_income", "Yes"): (None, 2, 4035.11),
    ("median_earnings_change_real", 2024, "ALL", "low_income", "Unknown"): (None, 1, 3911.52),
    # White / Male: P18 (S17)
    ("median_earnings_change_real", 2024, "ALL", "race_ethnicity_x_sex", "White / Male"): (
        None,
        1,
        3911.52,
    ),
    # -------------------------------------------------------------- placement_rate_180d
    # completers with exit + 180 <= as_of; start <= 180 days
    # 2023: P02 220 n, P25 15 y, P26 0 y, P28 382 n
    ("placement_rate_180d", 2023, "ALL", "all", "All"): (2, 4, 2 / 4),
    ("placement_rate_180d", 2023, "MC", "all", "All"): (0, 1, 0 / 1),
    ("placement_rate_180d", 2023, "CERT", "all", "All"): (1, 2, 1 / 2),
    ("placement_rate_180d", 2023, "APP", "all", "All"): (1, 1, 1 / 1),
    ("placement_rate_180d", 2023, "ALL", "sex", "Female"): (0, 1, 0 / 1),
    ("placement_rate_180d", 2023, "ALL", "sex", "Male"): (2, 3, 2 / 3),
    ("placement_rate_180d", 2023, "ALL", "low_income", "Yes"): (1, 2, 1 / 2),  # P25 / P02
    ("placement_rate_180d", 2023, "ALL", "low_income", "No"): (1, 2, 1 / 2),  # P26 / P28
    # 2024: 18 completers; not placed P08 (internship), P19, P21 (censored);
    # P24 placed at exactly 180 days
    ("placement_rate_180d", 2024, "ALL", "all", "All"): (15, 18, 15 / 18),
    ("placement_rate_180d", 2024, "MC", "all", "All"): (2, 4, 2 / 4),  # P18 P24 / P08 P19
    ("placement_rate_180d", 2024, "CERT", "all", "All"): (9, 10, 9 / 10),  # not P21
    ("placement_rate_180d", 2024, "APP", "all", "All"): (4, 4, 4 / 4),
    ("placement_rate_180d", 2024, "ALL", "sex", "Female"): (7, 8, 7 / 8),  # not P08
    ("placement_rate_180d", 2024, "ALL", "sex", "Male"): (6, 8, 6 / 8),  # not P19 P21
    ("placement_rate_180d", 2024, "ALL", "sex", "Another sex"): (1, 1, 1 / 1),
    ("placement_rate_180d", 2024, "ALL", "sex", "Unknown"): (1, 1, 1 / 1),
    ("placement_rate_180d", 2024, "ALL", "low_income", "Yes"): (6, 8, 6 / 8),  # not P19 P21
    ("placement_rate_180d", 2024, "ALL", "low_income", "No"): (7, 7, 7 / 7),
    ("placement_rate_180d", 2024, "ALL", "low_income", "Unknown"): (2, 3, 2 / 3),  # not P08
    ("placement_rate_180d", 2024, "ALL", "race_ethnicity_x_sex", "White / Female"): (3, 3, 3 / 3),
    # 2025: P29 108 y, P30 censored n, P31 0 y; P32 exit + 180 > as_of -> out
    ("placement_rate_180d", 2025, "ALL", "all", "All"): (2, 3, 2 / 3),
    ("placement_rate_180d", 2025, "CERT", "all", "All"): (2, 3, 2 / 3),
    ("placement_rate_180d", 2025, "ALL", "sex", "Female"): (2, 3, 2 / 3),
    ("placement_rate_180d", 2025, "ALL", "low_income", "Yes"): (1, 1, 1 / 1),  # P29
    ("placement_rate_180d", 2025, "ALL", "low_income", "No"): (1, 2, 1 / 2),  # P31 / P30
    # ---------------------------------------------------------------- km_placement_180d
    # value = 1 - S(180); denominator = completers (censored included)
    # 2023 ALL: events 0 15 220 382, n=4: S(0)=3/4, S(15)=1/2 -> S(180)=1/2
    ("km_placement_180d", 2023, "ALL", "all", "All"): (None, 4, 1 / 2),
    ("km_placement_180d", 2023, "MC", "all", "All"): (None, 1, 0.0),  # P02 event at 220
    ("km_placement_180d", 2023, "CERT", "all", "All"): (None, 2, 1 / 2),  # 15, 382
    ("km_placement_180d", 2023, "APP", "all", "All"): (None, 1, 1.0),  # 0
    ("km_placement_180d", 2023, "ALL", "sex", "Female"): (None, 1, 0.0),  # P02 220
    ("km_placement_180d", 2023, "ALL", "sex", "Male"): (None, 3, 2 / 3),  # 0 15 382
    ("km_placement_180d", 2023, "ALL", "low_income", "Yes"): (None, 2, 1 / 2),  # 15 220
    ("km_placement_180d", 2023, "ALL", "low_income", "No"): (None, 2, 1 / 2),  # 0 382
    # 2024 ALL n=18: 0 x8 -> 10/18; 1 -> 9/18; 17 -> 8/18; 33 -> 7/18; 46 x2 -> 5/18;
    # 82 -> 4/18; 180 (P24; at risk 4) -> 3/18; censored 276 367 437 -> 1 - 3/18
    ("km_placement_180d", 2024, "ALL", "all", "All"): (None, 18, 15 / 18),
    # MC: P18 e0, P24 e180, P19 c276, P08 c437: S = 3/4 x 2/3 = 1/2
    ("km_placement_180d", 2024, "MC", "all", "All"): (None, 4, 1 / 2),
    # CERT: 0 x4, 1, 17, 46 x2, 82, c367: S(180) = 1/10
    ("km_placement_180d", 2024, "CERT", "all", "All"): (None, 10, 9 / 10),
    ("km_placement_180d", 2024, "APP", "all", "All"): (None, 4, 1.0),  # 0 0 0 33
    # F: 0 x3, 1, 33, 46, 82, c437: S(180) = 1/8 ; M: 0 x5, 17, c276, c367: S = 2/8
    ("km_placement_180d", 2024, "ALL", "sex", "Female"): (None, 8, 7 / 8),
    ("km_placement_180d", 2024, "ALL", "sex", "Male"): (None, 8, 6 / 8),
    ("km_placement_180d", 2024, "ALL", "sex", "Another sex"): (None, 1, 1.0),  # 46
    ("km_placement_180d", 2024, "ALL", "sex", "Unknown"): (None, 1, 1.0),  # 180
    # Yes: 0 x3, 1, 46 x2, c276, c367: S = 5/8 x 4/5 x 2/4 = 2/8 ; No: all 7 events <= 82
    ("km_placement_180d", 2024, "ALL", "low_income", "Yes"): (None, 8, 6 / 8),
    ("km_placement_180d", 2024, "ALL", "low_income", "No"): (None, 7, 1.0),
    # Unknown: e0 (P18), e180 (P24), c437 (P08): S = 2/3 x 1/2 = 1/3
    ("km_placement_180d", 2024, "ALL", "low_income", "Unknown"): (None, 3, 2 / 3),
    # White / Female: P01 1, P07 0, P12 33 -> S(180) = 0
    ("km_placement_180d", 2024, "ALL", "race_ethnicity_x_sex", "White / Female"): (None, 3, 1.0),
    # 2025 ALL (ties, events first): e0 P31, c0 P32, e108 P29, c108 P30
    # S(0) = 1 - 1/4 = 3/4 ; S(108) = 3/4 x (1 - 1/2) = 3/8 -> 1 - 3/8
    ("km_placement_180d", 2025, "ALL", "all", "All"): (None, 4, 5 / 8),
    ("km_placement_180d", 2025, "MC", "all", "All"): (None, 1, 0.0),  # P32 censored at 0
    ("km_placement_180d", 2025, "CERT", "all", "All"): (None, 3, 2 / 3),  # 2/3 x 1/2 = 1/3
    ("km_placement_180d", 2025, "ALL", "sex", "Female"): (None, 3, 2 / 3),
    ("km_placement_180d", 2025, "ALL", "sex", "Male"): (None, 1, 0.0),
    # Yes: c0 (P32), e108 (P29): at 108 one at risk -> S = 0 ; No: e0 (P31), c108 (P30)
    ("km_placement_180d", 2025, "ALL", "low_income", "Yes"): (None, 2, 1.0),
    ("km_placement_180d", 2025, "ALL", "low_income", "No"): (None, 2, 1 / 2),
    # ----------------------------------------------------- km_median_days_to_employment
    # smallest event time t with S(t) <= 0.5 (same curves as above); None = never
    ("km_median_days_to_employment", 2023, "ALL", "all", "All"): (None, 4, 15.0),  # S(15)=1/2
    ("km_median_days_to_employment", 2023, "MC", "all", "All"): (None, 1, 220.0),
    ("km_median_days_to_employment", 2023, "CERT", "all", "All"): (None, 2, 15.0),
    ("km_median_days_to_employment", 2023, "APP", "all", "All"): (None, 1, 0.0),
    ("km_median_days_to_employment", 2023, "ALL", "sex", "Female"): (None, 1, 220.0),
    ("km_median_days_to_employment", 2023, "ALL", "sex", "Male"): (None, 3, 15.0),  # S(15)=1/3
    ("km_median_days_to_employment", 2023, "ALL", "low_income", "Yes"): (None, 2, 15.0),
    ("km_median_days_to_employment", 2023, "ALL", "low_income", "No"): (None, 2, 0.0),  # S(0)=1/2
    # 2024 ALL: S(0) = 10/18 > 1/2, S(1) = 9/18 = 1/2 exactly -> 1
    ("km_median_days_to_employment", 2024, "ALL", "all", "All"): (None, 18, 1.0),
    ("km_median_days_to_employment", 2024, "MC", "all", "All"): (None, 4, 180.0),  # S(180)=1/2
    ("km_median_days_to_employment", 2024, "CERT", "all", "All"): (None, 10, 1.0),  # S(1)=5/10
    ("km_median_days_to_employment", 2024, "APP", "all", "All"): (None, 4, 0.0),  # S(0)=1/4
    ("km_median_days_to_employment", 2024, "ALL", "sex", "Female"): (None, 8, 1.0),  # S(1)=4/8
    ("km_median_days_to_employment", 2024, "ALL", "sex", "Male"): (None, 8, 0.0),  # S(0)=3/8
    ("km_median_days_to_employment", 2024, "ALL", "sex", "Another sex"): (None, 1, 46.0),
    ("km_median_days_to_employment", 2024, "ALL", "sex", "Unknown"): (None, 1, 180.0),
    ("km_median_days_to_employment", 2024, "ALL", "low_income", "Yes"): (None, 8, 1.0),
    ("km_median_days_to_employment", 2024, "ALL", "low_income", "No"): (None, 7, 0.0),  # 3/7
    ("km_median_days_to_employment", 2024, "ALL", "low_income", "Unknown"): (None, 3, 180.0),
    # White / Female: S(0) = 2/3, S(1) = 1/3 -> 1
    ("km_median_days_to_employment", 2024, "ALL", "race_ethnicity_x_sex", "White / Female"): (
        None,
        3,
        1.0,
    ),
    ("km_median_days_to_employment", 2025, "ALL", "all", "All"): (None, 4, 108.0),  # S(108)=3/8
    ("km_median_days_to_employment", 2025, "MC", "all", "All"): (None, 1, None),  # no event
    ("km_median_days_to_employment", 2025, "CERT", "all", "All"): (None, 3, 108.0),
    ("km_median_days_to_employment", 2025, "ALL", "sex", "Female"): (None, 3, 108.0),
    ("km_median_days_to_employment", 2025, "ALL", "sex", "Male"): (None, 1, None),
    ("km_median_days_to_employment", 2025, "ALL", "low_income", "Yes"): (None, 2, 108.0),
    ("km_median_days_to_employment", 2025, "ALL", "low_income", "No"): (None, 2, 0.0),
    # --------------------------------------------------------------- job_retention_180d
    # (participation, placement) pairs, see the worksheet
    ("job_retention_180d", 2023, "ALL", "all", "All"): (2, 2, 2 / 2),  # P02-A-007, P26-B-006
    ("job_retention_180d", 2023, "MC", "all", "All"): (1, 1, 1 / 1),
    ("job_retention_180d", 2023, "APP", "all", "All"): (1, 1, 1 / 1),
    ("job_retention_180d", 2023, "ALL", "sex", "Female"): (1, 1, 1 / 1),
    ("job_retention_180d", 2023, "ALL", "sex", "Male"): (1, 1, 1 / 1),
    ("job_retention_180d", 2023, "ALL", "low_income", "Yes"): (1, 1, 1 / 1),
    ("job_retention_180d", 2023, "ALL", "low_income", "No"): (1, 1, 1 / 1),
    # 2024: 11 pairs; not retained: P12-B-002 (sep = hire+180), P16-B-004 (sep before),
    # P24-C-006 (sep before); P13-A-006 separation after as_of -> blank -> retained
    ("job_retention_180d", 2024, "ALL", "all", "All"): (8, 11, 8 / 11),
    ("job_retention_180d", 2024, "MC", "all", "All"): (0, 1, 0 / 1),  # P24
    ("job_retention_180d", 2024, "CERT", "all", "All"): (6, 6, 6 / 6),  # P01 P03 P06 P13 P14 P20
    ("job_retention_180d", 2024, "APP", "all", "All"): (2, 4, 2 / 4),  # P07 P15 / P12 P16
    ("job_retention_180d", 2024, "ALL", "sex", "Female"): (4, 5, 4 / 5),  # P01 P03 P06 P07 / P12
    ("job_retention_180d", 2024, "ALL", "sex", "Male"): (4, 5, 4 / 5),  # P13 P14 P15 P20 / P16
    ("job_retention_180d", 2024, "ALL", "sex", "Unknown"): (0, 1, 0 / 1),  # P24
    ("job_retention_180d", 2024, "ALL", "low_income", "Yes"): (3, 4, 3 / 4),  # P01 P06 P14 / P16
    ("job_retention_180d", 2024, "ALL", "low_income", "No"): (5, 6, 5 / 6),  # .. / P12
    ("job_retention_180d", 2024, "ALL", "low_income", "Unknown"): (0, 1, 0 / 1),
    ("job_retention_180d", 2024, "ALL", "race_ethnicity_x_sex", "White / Female"): (2, 3, 2 / 3),
    # 2025: P29-A-004 hired 2025-06-30, +180 = 2025-12-27 <= as_of, not separated
    ("job_retention_180d", 2025, "ALL", "all", "All"): (1, 1, 1 / 1),
    ("job_retention_180d", 2025, "CERT", "all", "All"): (1, 1, 1 / 1),
    ("job_retention_180d", 2025, "ALL", "sex", "Female"): (1, 1, 1 / 1),
    ("job_retention_180d", 2025, "ALL", "low_income", "Yes"): (1, 1, 1 / 1),
    # -------------------------------------------------------------------- in_field_rate
    ("in_field_rate", 2023, "ALL", "all", "All"): (2, 2, 2 / 2),  # 15-1232 (MC), 47-2111 (APP)
    ("in_field_rate", 2023, "MC", "all", "All"): (1, 1, 1 / 1),
    ("in_field_rate", 2023, "APP", "all", "All"): (1, 1, 1 / 1),
    ("in_field_rate", 2023, "ALL", "sex", "Female"): (1, 1, 1 / 1),
    ("in_field_rate", 2023, "ALL", "sex", "Male"): (1, 1, 1 / 1),
    ("in_field_rate", 2023, "ALL", "low_income", "Yes"): (1, 1, 1 / 1),
    ("in_field_rate", 2023, "ALL", "low_income", "No"): (1, 1, 1 / 1),
    # 2024: 10 pairs with a SOC (P14-C-004 has none); out of field: P06 29-2061,
    # P13 15-2051
    ("in_field_rate", 2024, "ALL", "all", "All"): (8, 10, 8 / 10),
    ("in_field_rate", 2024, "MC", "all", "All"): (1, 1, 1 / 1),  # P24 15-1232
    ("in_field_rate", 2024, "CERT", "all", "All"): (3, 5, 3 / 5),  # P01 P03 P20 / P06 P13
    ("in_field_rate", 2024, "APP", "all", "All"): (4, 4, 4 / 4),
    ("in_field_rate", 2024, "ALL", "sex", "Female"): (4, 5, 4 / 5),  # P01 P03 P07 P12 / P06
    ("in_field_rate", 2024, "ALL", "sex", "Male"): (3, 4, 3 / 4),  # P15 P16 P20 / P13
    ("in_field_rate", 2024, "ALL", "sex", "Unknown"): (1, 1, 1 / 1),
    ("in_field_rate", 2024, "ALL", "low_income", "Yes"): (2, 3, 2 / 3),  # P01 P16 / P06
    ("in_field_rate", 2024, "ALL", "low_income", "No"): (5, 6, 5 / 6),  # .. / P13
    ("in_field_rate", 2024, "ALL", "low_income", "Unknown"): (1, 1, 1 / 1),
    ("in_field_rate", 2024, "ALL", "race_ethnicity_x_sex", "White / Female"): (3, 3, 3 / 3),
    ("in_field_rate", 2025, "ALL", "all", "All"): (1, 1, 1 / 1),  # P29 15-1244
    ("in_field_rate", 2025, "CERT", "all", "All"): (1, 1, 1 / 1),
    ("in_field_rate", 2025, "ALL", "sex", "Female"): (1, 1, 1 / 1),
    ("in_field_rate", 2025, "ALL", "low_income", "Yes"): (1, 1, 1 / 1),
    # ------------------------------------------------------------------ skill_gain_rate
    # entry cohort; 2022: P25 P26 no assessments
    ("skill_gain_rate", 2022, "ALL", "all", "All"): (0, 2, 0 / 2),
    ("skill_gain_rate", 2022, "CERT", "all", "All"): (0, 1, 0 / 1),
    ("skill_gain_rate", 2022, "APP", "all", "All"): (0, 1, 0 / 1),
    ("skill_gain_rate", 2022, "ALL", "sex", "Male"): (0, 2, 0 / 2),
    ("skill_gain_rate", 2022, "ALL", "low_income", "Yes"): (0, 1, 0 / 1),
    ("skill_gain_rate", 2022, "ALL", "low_income", "No"): (0, 1, 0 / 1),
    # 2023: P02 (U01 MC), P04 (U03 by email), P13 (U12); not P05 (before entry), P14
    # (failed; passed one after exit)
    ("skill_gain_rate", 2023, "ALL", "all", "All"): (3, 14, 3 / 14),
    ("skill_gain_rate", 2023, "MC", "all", "All"): (1, 2, 1 / 2),
    ("skill_gain_rate", 2023, "CERT", "all", "All"): (2, 6, 2 / 6),
    ("skill_gain_rate", 2023, "APP", "all", "All"): (0, 6, 0 / 6),
    ("skill_gain_rate", 2023, "ALL", "sex", "Female"): (2, 7, 2 / 7),  # P02 P04
    ("skill_gain_rate", 2023, "ALL", "sex", "Male"): (1, 7, 1 / 7),  # P13
    ("skill_gain_rate", 2023, "ALL", "low_income", "Yes"): (2, 7, 2 / 7),
    ("skill_gain_rate", 2023, "ALL", "low_income", "No"): (1, 7, 1 / 7),
    # 2024: P01 (U01), P09 (U08 on exit day), P18 (U17), P23 (U22 via email); not P11
    # (U10 ambiguous), P20 (MC assessment; CERT one after exit)
    ("skill_gain_rate", 2024, "ALL", "all", "All"): (4, 16, 4 / 16),
    ("skill_gain_rate", 2024, "MC", "all", "All"): (2, 5, 2 / 5),  # P09 P18
    ("skill_gain_rate", 2024, "CERT", "all", "All"): (2, 10, 2 / 10),  # P01 P23
    ("skill_gain_rate", 2024, "APP", "all", "All"): (0, 1, 0 / 1),
    ("skill_gain_rate", 2024, "ALL", "sex", "Female"): (2, 9, 2 / 9),  # P01 P09
    ("skill_gain_rate", 2024, "ALL", "sex", "Male"): (1, 5, 1 / 5),  # P18
    ("skill_gain_rate", 2024, "ALL", "sex", "Another sex"): (1, 1, 1 / 1),  # P23
    ("skill_gain_rate", 2024, "ALL", "sex", "Unknown"): (0, 1, 0 / 1),  # P24
    ("skill_gain_rate", 2024, "ALL", "low_income", "Yes"): (3, 8, 3 / 8),  # P01 P09 P23
    ("skill_gain_rate", 2024, "ALL", "low_income", "No"): (0, 5, 0 / 5),
    ("skill_gain_rate", 2024, "ALL", "low_income", "Unknown"): (1, 3, 1 / 3),  # P18
    ("skill_gain_rate", 2024, "ALL", "race_ethnicity_x_sex", "White / Female"): (1, 3, 1 / 3),
    # 2025: P32 P34 P36 P37 P38 (P35 entry after as_of); P34 passed while active;
    # P37's pass is dated after as_of
    ("skill_gain_rate", 2025, "ALL", "all", "All"): (1, 5, 1 / 5),
    ("skill_gain_rate", 2025, "MC", "all", "All"): (0, 1, 0 / 1),
    ("skill_gain_rate", 2025, "CERT", "all", "All"): (1, 4, 1 / 4),
    ("skill_gain_rate", 2025, "ALL", "sex", "Female"): (1, 2, 1 / 2),  # P34 / P38
    ("skill_gain_rate", 2025, "ALL", "sex", "Male"): (0, 2, 0 / 2),  # P32 P37
    ("skill_gain_rate", 2025, "ALL", "sex", "Unknown"): (0, 1, 0 / 1),  # P36
    ("skill_gain_rate", 2025, "ALL", "low_income", "Yes"): (0, 2, 0 / 2),  # P32 P37
    ("skill_gain_rate", 2025, "ALL", "low_income", "Unknown"): (1, 3, 1 / 3),  # P34 / P36 P38
    # modality: online P32 (MC) n, P34 y, P38 n ; hybrid P37 n ; Unknown P36 n
    ("skill_gain_rate", 2025, "ALL", "modality", "online"): (1, 3, 1 / 3),
    ("skill_gain_rate", 2025, "ALL", "modality", "hybrid"): (0, 1, 0 / 1),
    ("skill_gain_rate", 2025, "ALL", "modality", "Unknown"): (0, 1, 0 / 1),
    ("skill_gain_rate", 2025, "CERT", "modality", "online"): (1, 2, 1 / 2),
    ("skill_gain_rate", 2025, "CERT", "modality", "Unknown"): (0, 1, 0 / 1),
    # ------------------------------------------------------------------ stack_rate_365d
    # MC completers with exit + 365 <= as_of; CERT entry from MC entry to MC exit + 365
    ("stack_rate_365d", 2023, "ALL", "all", "All"): (1, 1, 1 / 1),  # P02 -> P01 2024-01-08
    ("stack_rate_365d", 2023, "MC", "all", "All"): (1, 1, 1 / 1),
    ("stack_rate_365d", 2023, "ALL", "sex", "Female"): (1, 1, 1 / 1),
    ("stack_rate_365d", 2023, "ALL", "low_income", "Yes"): (1, 1, 1 / 1),
    ("stack_rate_365d", 2023, "ALL", "race_ethnicity_x_sex", "White / Female"): (1, 1, 1 / 1),
    # 2024: P19 -> P37 (2025-01-06) yes; P08 -> P38 2025-05-05 > 2025-04-19 no; P18 P24 no
    ("stack_rate_365d", 2024, "ALL", "all", "All"): (1, 4, 1 / 4),
    ("stack_rate_365d", 2024, "MC", "all", "All"): (1, 4, 1 / 4),
    ("stack_rate_365d", 2024, "ALL", "sex", "Female"): (0, 1, 0 / 1),  # P08
    ("stack_rate_365d", 2024, "ALL", "sex", "Male"): (1, 2, 1 / 2),  # P19 / P18
    ("stack_rate_365d", 2024, "ALL", "sex", "Unknown"): (0, 1, 0 / 1),  # P24
    ("stack_rate_365d", 2024, "ALL", "low_income", "Yes"): (1, 1, 1 / 1),  # P19
    ("stack_rate_365d", 2024, "ALL", "low_income", "Unknown"): (0, 3, 0 / 3),  # P08 P18 P24
    # ------------------------------------------------------------- survey_response_rate
    # 2023: P25 (R-2401), P27 (R-2601); P26 has a followup only; P02 none for MC
    ("survey_response_rate", 2023, "ALL", "all", "All"): (2, 5, 2 / 5),
    ("survey_response_rate", 2023, "MC", "all", "All"): (1, 2, 1 / 2),
    ("survey_response_rate", 2023, "CERT", "all", "All"): (1, 2, 1 / 2),
    ("survey_response_rate", 2023, "APP", "all", "All"): (0, 1, 0 / 1),
    ("survey_response_rate", 2023, "ALL", "sex", "Female"): (1, 2, 1 / 2),
    ("survey_response_rate", 2023, "ALL", "sex", "Male"): (1, 3, 1 / 3),
    ("survey_response_rate", 2023, "ALL", "low_income", "Yes"): (2, 3, 2 / 3),
    ("survey_response_rate", 2023, "ALL", "low_income", "No"): (0, 2, 0 / 2),
    # 2024: 15 of 23; no response: P03 P04 P06 P08 P09 P11 P24, P20 (after as_of)
    ("survey_response_rate", 2024, "ALL", "all", "All"): (15, 23, 15 / 23),
    ("survey_response_rate", 2024, "MC", "all", "All"): (2, 5, 2 / 5),  # P18 P19
    ("survey_response_rate", 2024, "CERT", "all", "All"): (7, 12, 7 / 12),
    ("survey_response_rate", 2024, "APP", "all", "All"): (6, 6, 6 / 6),
    ("survey_response_rate", 2024, "ALL", "sex", "Female"): (5, 11, 5 / 11),  # P01 P05 P07 P10 P12
    ("survey_response_rate", 2024, "ALL", "sex", "Male"): (9, 10, 9 / 10),  # all but P20
    ("survey_response_rate", 2024, "ALL", "sex", "Another sex"): (1, 1, 1 / 1),
    ("survey_response_rate", 2024, "ALL", "sex", "Unknown"): (0, 1, 0 / 1),
    # Yes: P01 P05 P14 P16 P17 P19 P21 P23 of 12 ; No: P07 P10 P12 P13 P15 P22 of 8
    ("survey_response_rate", 2024, "ALL", "low_income", "Yes"): (8, 12, 8 / 12),
    ("survey_response_rate", 2024, "ALL", "low_income", "No"): (6, 8, 6 / 8),
    ("survey_response_rate", 2024, "ALL", "low_income", "Unknown"): (1, 3, 1 / 3),  # P18
    ("survey_response_rate", 2024, "ALL", "race_ethnicity_x_sex", "White / Female"): (3, 4, 3 / 4),
    ("survey_response_rate", 2024, "ALL", "race_ethnicity_x_sex", "White / Male"): (4, 4, 4 / 4),
    # 2025: P29 P31 P32 (R-3101 2025-10-01) P33; not P30
    ("survey_response_rate", 2025, "ALL", "all", "All"): (4, 5, 4 / 5),
    ("survey_response_rate", 2025, "MC", "all", "All"): (1, 1, 1 / 1),
    ("survey_response_rate", 2025, "CERT", "all", "All"): (2, 3, 2 / 3),
    ("survey_response_rate", 2025, "APP", "all", "All"): (1, 1, 1 / 1),
    ("survey_response_rate", 2025, "ALL", "sex", "Female"): (2, 3, 2 / 3),
    ("survey_response_rate", 2025, "ALL", "sex", "Male"): (2, 2, 2 / 2),
    ("survey_response_rate", 2025, "ALL", "low_income", "Yes"): (2, 2, 2 / 2),
    ("survey_response_rate", 2025, "ALL", "low_income", "No"): (2, 3, 2 / 3),
    # ----------------------------------------------------------- satisfaction_top2_rate
    # 2023: P25 sat 4 y, P27 sat 2 n
    ("satisfaction_top2_rate", 2023, "ALL", "all", "All"): (1, 2, 1 / 2),
    ("satisfaction_top2_rate", 2023, "MC", "all", "All"): (0, 1, 0 / 1),
    ("satisfaction_top2_rate", 2023, "CERT", "all", "All"): (1, 1, 1 / 1),
    ("satisfaction_top2_rate", 2023, "ALL", "sex", "Female"): (0, 1, 0 / 1),
    ("satisfaction_top2_rate", 2023, "ALL", "sex", "Male"): (1, 1, 1 / 1),
    ("satisfaction_top2_rate", 2023, "ALL", "low_income", "Yes"): (1, 2, 1 / 2),
    # 2024: latest exit responses; no: P07 3, P10 2, P12 2 (R-1102 beats R-1101), P17 1,
    # P22 3; P14 = R-1302 (5) beats R-1301 (3) on the same day
    ("satisfaction_top2_rate", 2024, "ALL", "all", "All"): (10, 15, 10 / 15),
    ("satisfaction_top2_rate", 2024, "MC", "all", "All"): (2, 2, 2 / 2),
    ("satisfaction_top2_rate", 2024, "CERT", "all", "All"): (6, 7, 6 / 7),  # not P10
    ("satisfaction_top2_rate", 2024, "APP", "all", "All"): (2, 6, 2 / 6),  # P15 P16
    ("satisfaction_top2_rate", 2024, "ALL", "sex", "Female"): (2, 5, 2 / 5),  # P01 P05
    ("satisfaction_top2_rate", 2024, "ALL", "sex", "Male"): (7, 9, 7 / 9),  # not P17 P22
    ("satisfaction_top2_rate", 2024, "ALL", "sex", "Another sex"): (1, 1, 1 / 1),
    ("satisfaction_top2_rate", 2024, "ALL", "low_income", "Yes"): (7, 8, 7 / 8),  # not P17
    ("satisfaction_top2_rate", 2024, "ALL", "low_income", "No"): (2, 6, 2 / 6),  # P13 P15
    ("satisfaction_top2_rate", 2024, "ALL", "low_income", "Unknown"): (1, 1, 1 / 1),
    # White / Female: P01 5 y, P07 3 n, P12 2 n
    ("satisfaction_top2_rate", 2024, "ALL", "race_ethnicity_x_sex", "White / Female"): (
        1,
        3,
        1 / 3,
    ),
    # 2025: P29 4, P31 5, P32 5 y ; P33 2 n
    ("satisfaction_top2_rate", 2025, "ALL", "all", "All"): (3, 4, 3 / 4),
    ("satisfaction_top2_rate", 2025, "MC", "all", "All"): (1, 1, 1 / 1),
    ("satisfaction_top2_rate", 2025, "CERT", "all", "All"): (2, 2, 2 / 2),
    ("satisfaction_top2_rate", 2025, "APP", "all", "All"): (0, 1, 0 / 1),
    ("satisfaction_top2_rate", 2025, "ALL", "sex", "Female"): (2, 2, 2 / 2),
    ("satisfaction_top2_rate", 2025, "ALL", "sex", "Male"): (1, 2, 1 / 2),
    ("satisfaction_top2_rate", 2025, "ALL", "low_income", "Yes"): (2, 2, 2 / 2),
    ("satisfaction_top2_rate", 2025, "ALL", "low_income", "No"): (1, 2, 1 / 2),
    # -------------------------------------------------------------- readiness_top2_rate
    # 2023: P25 2, P27 3 -> none
    ("readiness_top2_rate", 2023, "ALL", "all", "All"): (0, 2, 0 / 2),
    ("readiness_top2_rate", 2023, "MC", "all", "All"): (0, 1, 0 / 1),
    ("readiness_top2_rate", 2023, "CERT", "all", "All"): (0, 1, 0 / 1),
    ("readiness_top2_rate", 2023, "ALL", "sex", "Female"): (0, 1, 0 / 1),
    ("readiness_top2_rate", 2023, "ALL", "sex", "Male"): (0, 1, 0 / 1),
    ("readiness_top2_rate", 2023, "ALL", "low_income", "Yes"): (0, 2, 0 / 2),
    # 2024: no: P05 3, P10 2, P16 blank (counts in the denominator), P17 2; P12 5 (latest)
    ("readiness_top2_rate", 2024, "ALL", "all", "All"): (11, 15, 11 / 15),
    ("readiness_top2_rate", 2024, "MC", "all", "All"): (2, 2, 2 / 2),
    ("readiness_top2_rate", 2024, "CERT", "all", "All"): (5, 7, 5 / 7),  # not P05 P10
    ("readiness_top2_rate", 2024, "APP", "all", "All"): (4, 6, 4 / 6),  # not P16 P17
    ("readiness_top2_rate", 2024, "ALL", "sex", "Female"): (3, 5, 3 / 5),  # P01 P07 P12
    ("readiness_top2_rate", 2024, "ALL", "sex", "Male"): (7, 9, 7 / 9),  # not P16 P17
    ("readiness_top2_rate", 2024, "ALL", "sex", "Another sex"): (1, 1, 1 / 1),
    ("readiness_top2_rate", 2024, "ALL", "low_income", "Yes"): (5, 8, 5 / 8),  # not P05 P16 P17
    ("readiness_top2_rate", 2024, "ALL", "low_income", "No"): (5, 6, 5 / 6),  # not P10
    ("readiness_top2_rate", 2024, "ALL", "low_income", "Unknown"): (1, 1, 1 / 1),
    ("readiness_top2_rate", 2024, "ALL", "race_ethnicity_x_sex", "White / Female"): (3, 3, 3 / 3),
    # 2025: P29 4 y, P31 3 n, P32 5 y, P33 2 n
    ("readiness_top2_rate", 2025, "ALL", "all", "All"): (2, 4, 2 / 4),
    ("readiness_top2_rate", 2025, "MC", "all", "All"): (1, 1, 1 / 1),
    ("readiness_top2_rate", 2025, "CERT", "all", "All"): (1, 2, 1 / 2),
    ("readiness_top2_rate", 2025, "APP", "all", "All"): (0, 1, 0 / 1),
    ("readiness_top2_rate", 2025, "ALL", "sex", "Female"): (1, 2, 1 / 2),
    ("readiness_top2_rate", 2025, "ALL", "sex", "Male"): (1, 2, 1 / 2),
    ("readiness_top2_rate", 2025, "ALL", "low_income", "Yes"): (2, 2, 2 / 2),
    ("readiness_top2_rate", 2025, "ALL", "low_income", "No"): (0, 2, 0 / 2),
}

# Slices whose rows above are COMPLETE: for every metric, the warehouse must hold exactly
# these (cohort_year, group_value) rows for the (dimension, program_id) pair, no more.
COMPLETE_SLICES: list[tuple[str, str]] = [
    ("all", "ALL"),
    ("all", "MC"),
    ("all", "CERT"),
    ("all", "APP"),
    ("sex", "ALL"),
    ("low_income", "ALL"),
]

# Wilson 95% intervals (z = 1.96) for a few rate rows, computed with a calculator:
# centre = (p + z^2/2n) / (1 + z^2/n), half = z sqrt(p(1-p)/n + z^2/4n^2) / (1 + z^2/n)
WILSON: dict[tuple[str, int, str, str, str], tuple[float, float]] = {
    ("survey_response_rate", 2024, "ALL", "all", "All"): (0.4488997690689164, 0.8118894536301776),
    ("employment_rate_q2", 2024, "ALL", "all", "All"): (0.5809611981726508, 0.9033616439828094),
    ("completion_rate", 2023, "ALL", "all", "All"): (0.3876400468214042, 0.8365550926279727),
    ("credential_attainment_rate", 2024, "CERT", "all", "All"): (
        0.2537781703934222,
        0.7462218296065778,
    ),
    # p = 1: upper bound 1 (float gives 1.0000000000000002)
    ("employment_rate_q4", 2023, "ALL", "all", "All"): (0.5655085052479191, 1.0),
    # p = 0: lower bound 0
    ("skill_gain_rate", 2022, "ALL", "all", "All"): (0.0, 0.6576280471103807),
    ("survey_response_rate", 2024, "ALL", "sex", "Female"): (
        0.21270957543988045,
        0.7199122443100118,
    ),
    ("job_retention_180d", 2024, "ALL", "all", "All"): (0.4343497069897537, 0.9025411942607853),
    ("skill_gain_rate", 2024, "ALL", "race_ethnicity_x_sex", "White / Female"): (
        0.0614903152761605,
        0.7923450448735121,
    ),
}

# Selected equity_gaps rows. moe = max(1.96 sqrt(0.25 / n), 0.03) from a calculator.
EQUITY_GAPS: dict[tuple[str, int, str, str, str], dict[str, object]] = {
    # Female 5/11 vs everyone else (M 9 + X 1 + U 0) / (10 + 1 + 1) = 10/12:
    # ppg1 = -0.3788 <= -moe(11) = -0.2955 and n >= 10 -> DI.
    # no DI at k = 1: 6/11 - 10/12 = -0.288 > -0.2955 ; parity at k = 5: 10/11 >= 10/12.
    # index_80: groups with n >= 10 are F (5/11) and M (9/10) -> (5/11) / (9/10) = 0.505
    ("survey_response_rate", 2024, "ALL", "sex", "Female"): {
        "rate": 5 / 11,
        "n": 11,
        "reference_rate": 10 / 12,
        "reference_n": 12,
        "ppg1": 5 / 11 - 10 / 12,
        "moe": 0.2954811176862083,
        "di_flag": True,
        "successes_needed_no_di": 1,
        "successes_needed_parity": 5,
        "index_80": 0.505050505050505,
        "flag_80": True,
    },
    # Male 9/10 vs (5 + 1 + 0) / (11 + 1 + 1) = 6/13; best group -> index 1
    ("survey_response_rate", 2024, "ALL", "sex", "Male"): {
        "rate": 9 / 10,
        "n": 10,
        "reference_rate": 6 / 13,
        "reference_n": 13,
        "ppg1": 9 / 10 - 6 / 13,
        "moe": 0.3099032106965012,
        "di_flag": False,
        "successes_needed_no_di": 0,
        "successes_needed_parity": 0,
        "index_80": 1.0,
        "flag_80": False,
    },
    # Unknown 0/1 vs 15/22; n < 10 -> no DI; moe(1) = 0.98 -> k = 0 already > -moe;
    # parity needs 1/1 >= 15/22 -> 1 ; index 0 / 0.9 = 0 -> flag_80
    ("survey_response_rate", 2024, "ALL", "sex", "Unknown"): {
        "rate": 0 / 1,
        "n": 1,
        "reference_rate": 15 / 22,
        "reference_n": 22,
        "ppg1": 0 / 1 - 15 / 22,
        "moe": 0.98,
        "di_flag": False,
        "successes_needed_no_di": 0,
        "successes_needed_parity": 1,
        "index_80": 0.0,
        "flag_80": True,
    },
    # Another sex 1/1 vs 14/22; index 1 / 0.9
    ("survey_response_rate", 2024, "ALL", "sex", "Another sex"): {
        "rate": 1 / 1,
        "n": 1,
        "reference_rate": 14 / 22,
        "reference_n": 22,
        "ppg1": 1 / 1 - 14 / 22,
        "moe": 0.98,
        "di_flag": False,
        "successes_needed_no_di": 0,
        "successes_needed_parity": 0,
        "index_80": 1.1111111111111112,
        "flag_80": False,
    },
    # MC 2023: both exiters (P02, P27) are Female -> one group holds everyone:
    # reference, ppg1, successes null; no group n >= 10 -> index null, flag false
    ("survey_response_rate", 2023, "MC", "sex", "Female"): {
        "rate": 1 / 2,
        "n": 2,
        "reference_rate": None,
        "reference_n": 0,
        "ppg1": None,
        "moe": 0.6929646455628166,
        "di_flag": False,
        "successes_needed_no_di": None,
        "successes_needed_parity": None,
        "index_80": None,
        "flag_80": False,
    },
    # LI Yes 8/12 vs (No 8 + U 2) / (8 + 3) = 10/11: ppg1 = -0.2424 > -moe(12) = -0.2829
    # -> no DI (close); parity (8 + 3)/12 = 0.9167 >= 0.9091 -> 3; only group n >= 10
    ("employment_rate_q2", 2024, "ALL", "low_income", "Yes"): {
        "rate": 8 / 12,
        "n": 12,
        "reference_rate": 10 / 11,
        "reference_n": 11,
        "ppg1": 8 / 12 - 10 / 11,
        "moe": 0.2829016319029166,
        "di_flag": False,
        "successes_needed_no_di": 0,
        "successes_needed_parity": 3,
        "index_80": 1.0,
        "flag_80": False,
    },
    # LI No 8/8 vs (8 + 2) / (12 + 3) = 10/15; index 1 / (8/12) = 1.5
    ("employment_rate_q2", 2024, "ALL", "low_income", "No"): {
        "rate": 8 / 8,
        "n": 8,
        "reference_rate": 10 / 15,
        "reference_n": 15,
        "ppg1": 8 / 8 - 10 / 15,
        "moe": 0.3464823227814083,
        "di_flag": False,
        "successes_needed_no_di": 0,
        "successes_needed_parity": 0,
        "index_80": 1.5,
        "flag_80": False,
    },
    # LI Unknown 2/3 vs 16/20; parity 3/3 -> 1; index (2/3) / (8/12) = 1
    ("employment_rate_q2", 2024, "ALL", "low_income", "Unknown"): {
        "rate": 2 / 3,
        "n": 3,
        "reference_rate": 16 / 20,
        "reference_n": 20,
        "ppg1": 2 / 3 - 16 / 20,
        "moe": 0.5658032638058332,
        "di_flag": False,
        "successes_needed_no_di": 0,
        "successes_needed_parity": 1,
        "index_80": 1.0,
        "flag_80": False,
    },
    # Skill gain 2024 Female 2/9 vs (M 1 + X 1 + U 0) / (5 + 1 + 1) = 2/7; no group has
    # n >= 10 -> index null, flag false; parity 3/9 >= 2/7 -> 1
    ("skill_gain_rate", 2024, "ALL", "sex", "Female"): {
        "rate": 2 / 9,
        "n": 9,
        "reference_rate": 2 / 7,
        "reference_n": 7,
        "ppg1": 2 / 9 - 2 / 7,
        "moe": 0.32666666666666666,
        "di_flag": False,
        "successes_needed_no_di": 0,
        "successes_needed_parity": 1,
        "index_80": None,
        "flag_80": False,
    },
    # reference_n < 10 (METRICS.md: "a comparison with fewer than 10 other people is no
    # baseline"). Employment Q2 2024, veteran: Yes = S12 (P13) and S19 (P20), both employed
    # -> 2/2; No = the other 21 exiters of the 2024 cohort (23 - 2), 16 employed (18 - 2).
    # No: ppg1 = 16/21 - 1 = -0.2381 <= -moe(21) = -0.2139 and n >= 10, but reference_n = 2
    # -> no DI flag (it was flagged before the spec change). no DI at k = 1: 17/21 - 1 =
    # -0.190 > -0.2139; parity at k = 5 (21/21). index: only No has n >= 10 -> 1.
    ("employment_rate_q2", 2024, "ALL", "veteran", "No"): {
        "rate": 16 / 21,
        "n": 21,
        "reference_rate": 2 / 2,
        "reference_n": 2,
        "ppg1": 16 / 21 - 2 / 2,
        "moe": 0.2138535324312725,
        "di_flag": False,
        "successes_needed_no_di": 1,
        "successes_needed_parity": 5,
        "index_80": 1.0,
        "flag_80": False,
    },
    # Yes 2/2 vs 16/21: n = 2 < 10; index (2/2) / (16/21) = 1.3125
    ("employment_rate_q2", 2024, "ALL", "veteran", "Yes"): {
        "rate": 2 / 2,
        "n": 2,
        "reference_rate": 16 / 21,
        "reference_n": 21,
        "ppg1": 2 / 2 - 16 / 21,
        "moe": 0.6929646455628166,
        "di_flag": False,
        "successes_needed_no_di": 0,
        "successes_needed_parity": 0,
        "index_80": 1.3125,
        "flag_80": False,
    },
    # Modality Unknown (blank modality, P36) is a group like any other: skill gain 2025 ALL
    # Unknown 0/1 vs online 1/3 + hybrid 0/1 = 1/4; no group has n >= 10.
    ("skill_gain_rate", 2025, "ALL", "modality", "Unknown"): {
        "rate": 0 / 1,
        "n": 1,
        "reference_rate": 1 / 4,
        "reference_n": 4,
        "ppg1": 0 / 1 - 1 / 4,
        "moe": 0.98,
        "di_flag": False,
        "successes_needed_no_di": 0,
        "successes_needed_parity": 1,
        "index_80": None,
        "flag_80": False,
    },
}

# identity_match_report, counted by hand from the landing files.
IDENTITY_MATCH_REPORT: dict[str, dict[str, int]] = {
    # 15 users: 12 linked (U01 U02 U04 U08 U12 U13 U17 U18 U19 U33 by sis id; U03 by
    # email in another case; U22 sis id S99 names nobody -> email); ambiguous U10
    # (lee.family@ was S10's and S11's); unlinked U90 (email of nobody), U91 (S98, no email)
    "lms_users": {"records": 15, "linked": 12, "unlinked": 2, "ambiguous": 1},
    # 20 hires: ambiguous A-003 (email of S10 and S11; no name fall-back) and C-003 (no
    # email; Maria Lopez 1996-07-21 = S28 and S29 María López); unlinked A-005; the other
    # 17 link (C-001 by name + birth date; B-005 dated after as_of still counts)
    "hires": {"records": 20, "linked": 17, "unlinked": 1, "ambiguous": 2},
    # 68 rows read, 1 rejected (negative wage) -> 67 records; SSN 900-20-0020 was S20's and
    # in S21's first snapshot -> its 2 rows ambiguous; 999-99-9999 -> 2 rows unlinked
    "wages": {"records": 67, "linked": 63, "unlinked": 2, "ambiguous": 2},
}
