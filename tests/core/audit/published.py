"""Values the papers publish, shared by the tests that check the code against them."""

from fractions import Fraction

# Lindeman, Stark and Yates, "BRAVO: Ballot-polling Risk-limiting Audits to Verify Outcomes"
# (EVT/WOTE 2012), Table 1: two candidates, no other ballots, risk limit 10 %, the reported
# margin true; per margin the 25th, 50th, 75th, 90th and 99th percentile of the number of
# ballots BRAVO draws, and the mean. The paper's text was not reachable from here: the values
# are as transcribed by gwexploratoryaudits/brla_explore (B2Audits/Scripts/BravoTableError.m,
# margins in B2Audits/Scripts/B2BRAVOTestScript.m), which tests its own code against them.
# (Its Tables/README names 0.18 for the fourth margin; its scripts, and the exact percentiles
# of test_bravo.py, say 0.16.) The page of the table in the proceedings is not checked here.
BRAVO_TABLE_1 = {
    Fraction(40, 100): (12, 22, 38, 60, 131, 30),
    Fraction(30, 100): (23, 38, 66, 108, 236, 53),
    Fraction(20, 100): (49, 84, 149, 244, 538, 119),
    Fraction(16, 100): (77, 131, 231, 381, 840, 184),
    Fraction(10, 100): (193, 332, 587, 974, 2157, 469),
    Fraction(8, 100): (301, 518, 916, 1520, 3366, 730),
    Fraction(6, 100): (531, 914, 1619, 2700, 5980, 1294),
    Fraction(4, 100): (1188, 2051, 3637, 6053, 13455, 2900),
    Fraction(2, 100): (4725, 8157, 14486, 24149, 53640, 11556),
    Fraction(1, 100): (18839, 32547, 57838, 96411, 214491, 46126),
}
