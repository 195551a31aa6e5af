/*
 * cameo.h - facts of the CAMEO actor codebook that more than one stage
 * needs: which three-letter codes are agents (roles, sectors, religions,
 * named groups: GOV, MIL, REB, CVL, UAF...) rather than countries or
 * regions. An actor code that starts with an agent code names no country
 * (dictionary checks in maint.c; country-level analyses in analysis.c).
 */
#ifndef ENT_CAMEO_H
#define ENT_CAMEO_H

/* 1 if the first three characters of code are a CAMEO agent code. */
int cameo_is_agent(const char *code);
/* 1 if the first three characters of code are a CAMEO region code (AFR,
 * MEA, WST... and the few non-ISO country codes CAMEO uses: KSV, PSE...). */
int cameo_is_region(const char *code);

/* The agent codes as a JSON array ("[\"AGR\",...]"), for SQL's json_each. */
const char *cameo_agents_json(void);

#endif
