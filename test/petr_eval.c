/*
 * petr_eval.c - the PETRARCH conformance driver: codes a gold JSONL file
 * (the PETRARCH2 unit-test records) with dictionaries in PETRARCH formats
 * through ent_coder_new_petrarch, and scores exact records as `entente
 * eval` does (the same set of source/target/code triples from asserted and
 * reported events; records with "active": false skipped). Prints
 * "petrarch conformance: N of M records (P%)", a breakdown by the records'
 * "category", and with -v every record that is not exactly right.
 *
 *   petr_eval [-v] DATA_DIR GOLD VERBS ACTORS[,ACTORS...] AGENTS DISCARDS
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

static int has(char keys[][64], int n, const char *k)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(keys[i], k))
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    int verbose = 0, a = 1;
    while (a < argc && argv[a][0] == '-' && argv[a][1] == 'v') {
        verbose += (int)strlen(argv[a]) - 1;
        a++;
    }
    if (argc - a != 6) {
        fprintf(stderr, "usage: petr_eval [-v|-vv] DATA_DIR GOLD VERBS ACTORS[,..] AGENTS DISCARDS\n");
        return 2;
    }
    const char *data = argv[a], *gold = argv[a + 1];
    int nbad = 0;
    ent_rc rc;
    ent_coder *c = ent_coder_new_petrarch(data, argv[a + 2], argv[a + 3], argv[a + 4],
                                          argv[a + 5], diag, &verbose, &nbad, &rc);
    if (!c) {
        fprintf(stderr, "petr_eval: cannot load the dictionaries: %s\n", ent_strerror(rc));
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
