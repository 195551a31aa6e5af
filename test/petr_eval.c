/*
 * petr_eval.c - the PETRARCH conformance driver: codes a gold JSONL file
 * (the PETRARCH2 unit-test records) with dictionaries in PETRARCH formats
 * through ent_coder_new_petrarch, and scores exact records as `entente
 * eval` does (the same set of source/target/code triples from asserted and
 * reported events; records with "active": false skipped; XML entities in
 * the texts decoded). Prints
 * "petrarch conformance: N of M records (P%)", a breakdown by the records'
 * "category", and with -v every record that is not exactly right.
 * With -x RECORDS.xml (PETRARCH's PETR.UnitTest.records.xml) the
 * <Config option= value=> lines in front of each record are applied as
 * PETRARCH applies them (those entente implements, through
 * ent_coder_set_petrarch_option, over PETR_config.ini's defaults; the
 * others are listed with -v).
 *
 *   petr_eval [-v] [-x RECORDS.xml] DATA_DIR GOLD VERBS ACTORS[,ACTORS...] AGENTS DISCARDS
 */
#include "entente.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXT 64

typedef struct cat {
    char name[32];
    long n, exact;
} cat;

static long nbad_lines;

static void diag(void *ud, const char *file, long line, const char *msg)
{
    int verbose = *(int *)ud;
    nbad_lines++;
    if (verbose > 1)
        fprintf(stderr, "%s:%ld: %s\n", file ? file : "?", line, msg);
}

/* The <Config> settings in force at each record of PETRARCH's records
 * file: "name=value;name=value;" by record id. */
typedef struct rec_config {
    char id[64];
    char opts[512];
} rec_config;

static rec_config *configs;
static int nconfigs;

/* The text of attribute name in line (up to the next '"'), into out. */
static int attr(const char *line, const char *name, char *out, size_t n)
{
    char key[64];
    snprintf(key, sizeof key, "%s=\"", name);
    const char *b = strstr(line, key);
    if (!b)
        return 0;
    b += strlen(key);
    const char *e = strchr(b, '"');
    if (!e || (size_t)(e - b) >= n)
        return 0;
    memcpy(out, b, (size_t)(e - b));
    out[e - b] = 0;
    return 1;
}

static int read_configs(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return -1;
    }
    char names[32][64], values[32][64];
    int nset = 0, cap = 0;
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        char name[64], value[64], id[64];
        if (strstr(line, "<Config") && attr(line, "option", name, sizeof name) &&
            attr(line, "value", value, sizeof value)) {
            int i = 0;
            while (i < nset && strcmp(names[i], name))
                i++;
            if (i == nset && nset < 32)
                snprintf(names[nset++], 64, "%s", name);
            if (i < nset)
                snprintf(values[i], 64, "%s", value);
        } else if (strstr(line, "<Sentence") && attr(line, "id", id, sizeof id)) {
            if (nconfigs == cap) {
                cap = cap ? cap * 2 : 256;
                rec_config *v = realloc(configs, sizeof *v * (size_t)cap);
                if (!v)
                    break;
                configs = v;
            }
            rec_config *rc = &configs[nconfigs++];
            snprintf(rc->id, sizeof rc->id, "%s", id);
            rc->opts[0] = 0;
            for (int i = 0; i < nset; i++) {
                size_t k = strlen(rc->opts);
                snprintf(rc->opts + k, sizeof rc->opts - k, "%s=%s;", names[i], values[i]);
            }
        }
    }
    fclose(f);
    return 0;
}

/* Apply the settings of record id (entente's defaults first). */
static void apply_config(ent_coder *c, const char *id, int verbose)
{
    static char ignored[1024];
    ent_coder_set_petrarch_option(c, "require_dyad", "true");
    static const char *const commas[][2] = {{"comma_min", "2"},  {"comma_max", "8"},
                                            {"comma_bmin", "0"}, {"comma_bmax", "0"},
                                            {"comma_emin", "2"}, {"comma_emax", "8"}};
    for (int i = 0; i < 6; i++)
        ent_coder_set_petrarch_option(c, commas[i][0], commas[i][1]);
    for (int i = 0; i < nconfigs; i++) {
        if (strcmp(configs[i].id, id))
            continue;
        char opts[512];
        snprintf(opts, sizeof opts, "%s", configs[i].opts);
        char *save = NULL;
        for (char *o = strtok_r(opts, ";", &save); o; o = strtok_r(NULL, ";", &save)) {
            char *eq = strchr(o, '=');
            if (!eq)
                continue;
            *eq = 0;
            if (ent_coder_set_petrarch_option(c, o, eq + 1) != ENT_OK && verbose &&
                !strstr(ignored, o) && strlen(ignored) + strlen(o) + 2 < sizeof ignored) {
                strcat(ignored, o);
                strcat(ignored, " ");
                printf("config option %s=%s is not implemented (record %s)\n", o, eq + 1, id);
            }
        }
        return;
    }
}

/* The records' texts are the XML's <Text> as written ("&amp;TIETYPE"):
 * decode the five XML entities in place, as PETRARCH's XML reader does. */
static void xml_unescape(char *t)
{
    static const char *const ent[][2] = {
        {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}};
    char *w = t;
    for (const char *r = t; *r;) {
        size_t k = 0;
        while (k < 5 && strncmp(r, ent[k][0], strlen(ent[k][0])))
            k++;
        if (k < 5) {
            *w++ = ent[k][1][0];
            r += strlen(ent[k][0]);
        } else {
            *w++ = *r++;
        }
    }
    *w = 0;
}

static int has(char keys[][64], int n, const char *k)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(keys[i], k))
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    int verbose = 0, a = 1, parser = 0;
    const char *recfile = NULL;
    while (a < argc && argv[a][0] == '-') {
        if (argv[a][1] == 'v') {
            verbose += (int)strlen(argv[a]) - 1;
        } else if (!strcmp(argv[a], "-x") && a + 1 < argc) {
            recfile = argv[++a];
        } else if (!strcmp(argv[a], "-p")) {
            parser = 1; /* code from the UD parse (not PETRARCH's default) */
        } else {
            break;
        }
        a++;
    }
    if (argc - a != 6) {
        fprintf(stderr, "usage: petr_eval [-v|-vv] [-p] [-x RECORDS.xml] DATA_DIR GOLD VERBS ACTORS[,..] "
                        "AGENTS DISCARDS\n");
        return 2;
    }
    if (recfile && read_configs(recfile) < 0)
        return 2;
    const char *data = argv[a], *gold = argv[a + 1];
    int nbad = 0;
    ent_rc rc;
    ent_coder *c = ent_coder_new_petrarch(data, argv[a + 2], argv[a + 3], argv[a + 4],
                                          argv[a + 5], diag, &verbose, &nbad, &rc);
    if (!c) {
        fprintf(stderr, "petr_eval: cannot load the dictionaries: %s\n", ent_strerror(rc));
        return 2;
    }
    if (parser && ent_coder_set_parser(c, 1) < 0) {
        fprintf(stderr, "petr_eval: %s\n", ent_coder_parser_error(c));
        ent_coder_free(c);
        return 2;
    }
    FILE *f = fopen(gold, "r");
    if (!f) {
        perror(gold);
        ent_coder_free(c);
        return 2;
    }
    cat cats[64];
    int ncat = 0;
    long records = 0, exact = 0, inactive = 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        cJSON *r = cJSON_ParseWithLength(line, (size_t)len);
        const cJSON *text = cJSON_GetObjectItemCaseSensitive(r, "text");
        const cJSON *exp = cJSON_GetObjectItemCaseSensitive(r, "expected");
        if (!cJSON_IsObject(r) || !cJSON_IsString(text) || !cJSON_IsArray(exp)) {
            cJSON_Delete(r);
            continue;
        }
        if (cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(r, "active"))) {
            inactive++;
            cJSON_Delete(r);
            continue;
        }
        const cJSON *date = cJSON_GetObjectItemCaseSensitive(r, "date");
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(r, "id");
        const cJSON *category = cJSON_GetObjectItemCaseSensitive(r, "category");
        records++;
        char want[MAXT][64], got[MAXT][64];
        int nw = 0, ng = 0;
        const cJSON *e;
        cJSON_ArrayForEach(e, exp) {
            const cJSON *s = cJSON_GetObjectItemCaseSensitive(e, "source");
            const cJSON *t = cJSON_GetObjectItemCaseSensitive(e, "target");
            const cJSON *k = cJSON_GetObjectItemCaseSensitive(e, "code");
            if (nw < MAXT && cJSON_IsString(k))
                snprintf(want[nw++], 64, "%.16s %.16s %s", cJSON_IsString(s) ? s->valuestring : "",
                         cJSON_IsString(t) ? t->valuestring : "", k->valuestring);
        }
        if (recfile)
            apply_config(c, cJSON_IsString(id) ? id->valuestring : "", verbose);
        xml_unescape(text->valuestring);
        ent_result *res = ent_coder_code_text(c, text->valuestring,
                                              cJSON_IsString(date) ? date->valuestring : "");
        for (int i = 0; res && i < res->nevents && ng < MAXT; i++) {
            const ent_event *ev = &res->events[i];
            if (ev->mode != ENT_MODE_ASSERTED && ev->mode != ENT_MODE_REPORTED)
                continue;
            snprintf(got[ng++], 64, "%.16s %.16s %s", ev->source.code, ev->target.code, ev->code);
        }
        ent_result_free(res);
        int same = 1;
        for (int i = 0; i < nw && same; i++)
            same = has(got, ng, want[i]);
        for (int j = 0; j < ng && same; j++)
            same = has(want, nw, got[j]);
        exact += same;
        const char *cn = cJSON_IsString(category) ? category->valuestring : "(none)";
        int ci = 0;
        while (ci < ncat && strcmp(cats[ci].name, cn))
            ci++;
        if (ci == ncat && ncat < 64) {
            snprintf(cats[ncat].name, sizeof cats[0].name, "%s", cn);
            cats[ncat].n = cats[ncat].exact = 0;
            ncat++;
        }
        if (ci < ncat) {
            cats[ci].n++;
            cats[ci].exact += same;
        }
        if (!same && verbose) {
            printf("FAIL %s [%s] want:", cJSON_IsString(id) ? id->valuestring : "?", cn);
            for (int i = 0; i < nw; i++)
                printf(" [%s]", want[i]);
            printf(" got:");
            for (int j = 0; j < ng; j++)
                printf(" [%s]", got[j]);
            printf("\n     %s\n", text->valuestring);
        }
        cJSON_Delete(r);
    }
    free(line);
    free(configs);
    fclose(f);
    ent_coder_free(c);
    printf("dictionary lines skipped: %d\n", nbad);
    printf("inactive records skipped: %ld\n", inactive);
    printf("by category (exact / records):\n");
    for (int i = 0; i < ncat; i++)
        printf("  %-10s %3ld / %3ld\n", cats[i].name, cats[i].exact, cats[i].n);
    printf("petrarch conformance: %ld of %ld records (%.1f%%)\n", exact, records,
           records ? 100.0 * (double)exact / (double)records : 0.0);
    return 0;
}
