/*
 * cameo.c - the CAMEO codebook's three-letter agent and region codes
 * (cameo.h), as tables: the one list the dictionary checks and the
 * country-level analyses share.
 */
#include "base/cameo.h"

#include <stdio.h>
#include <string.h>

static const char *const regions[] = {
    "AFR", "ASA", "BLK", "BAL", "CAS", "CAU", "CFR", "CRB", "EAF", "EEU",
    "EIN", "EUR", "LAM", "MDT", "MEA", "NAF", "NMR", "PGS", "SAF", "SAM",
    "SAS", "SEA", "WAF", "WST", "SCN", "NAM", "CEU", "WEU", "OCE", "ARB",
    "KUR", "PSE", "XKX", "KSV", "TWN", "UNK", NULL};
static const char *const agents[] = {
    "AGR", "BUD", "BUS", "CHR", "COP", "CRM", "CVL", "DEV", "EDU", "ELI",
    "ENV", "GOV", "HIN", "HLH", "HRI", "IMG", "JEW", "JUD", "LAB", "LEG",
    "MED", "MIL", "MUS", "NGO", "OPP", "PPL", "PTY", "RAD", "REB", "REF",
    "REL", "SPY", "UAF", "SEP", "INS", "MOD", "PKO", "CTH", "ORT", "PRO",
    "SHI", "SUN", "ALE", "DRZ", "MRN", "CPT", "IGO", "SET", "ATH", "BAH",
    "JAN", "SIK", "ZRO", "TAO", "CON", "ITH", "HSD", "MOS", "WHB", "ALQ",
    "TAL", "HEZ", "ISI", "SIS", NULL};

static int in_list(const char *const *l, const char *c)
{
    for (int i = 0; l[i]; i++)
        if (!strncmp(l[i], c, 3))
            return 1;
    return 0;
}

int cameo_is_agent(const char *code) { return code && strlen(code) >= 3 && in_list(agents, code); }
int cameo_is_region(const char *code) { return code && strlen(code) >= 3 && in_list(regions, code); }

const char *cameo_agents_json(void)
{
    static char json[1024]; /* 65 codes of 6 bytes: written once, the same every time */
    if (!json[0]) {
        char buf[1024];
        size_t n = 0;
        buf[n++] = '[';
        for (int i = 0; agents[i] && n + 8 < sizeof buf; i++)
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s\"%s\"", i ? "," : "", agents[i]);
        buf[n++] = ']';
        buf[n] = 0;
        memcpy(json, buf, n + 1);
    }
    return json;
}
