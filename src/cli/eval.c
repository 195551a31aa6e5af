/*
 * eval.c - `entente eval GOLD.jsonl`: code every record of a gold file
 * ({"id","date","text","expected":[{"source","target","code"}]}; records
 * with "active": false are skipped) and print precision, recall and F1 at
 * three levels - root code, full code, (source, target, code) triple - the
 * share of records coded exactly right (same set of triples; a record that
 * expects nothing must produce nothing), the commonest confusions, and, for
 * records tagged "hedged" or "negated", how many asserted events leaked.
 * Events count when their mode is asserted or reported (--modes to change).
 */
#include "eval.h"
#include "entente.h"
#include "petropt.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct triple {
    char src[32], tgt[32], code[8];
} triple;

typedef struct counts {
    long tp, fp, fn;
} counts;

typedef struct confusion {
    char key[48];
    long n;
} confusion;

typedef struct failure {
    char id[64];
    char line[512];
} failure;

static const char usage_eval[] =
    "usage: entente eval [options] GOLD.jsonl\n"
    "\n"
    "Code the records of a gold file and score the events against the\n"
    "expected ones. A record is {\"id\", \"date\", \"text\", \"expected\":\n"
    "[{\"source\", \"target\", \"code\"}]}; \"active\": false skips it.\n"
    "\n"
    "options:\n"
    "      --dict DIR      dictionary folder (as for entente code)\n"
    "      --dict-format petrarch --verbs F --actors F[,F] [--agents F] [--discards F]\n"
    "                      score PETRARCH2-format dictionaries instead\n"
    "      --modes LIST    modes that count as coded (default asserted,reported)\n"
    "      --json          print the scores as one JSON object\n"
    "      --parser P      ud (default) or none, as for entente code\n"
    "      --failures N    list up to N records that are not exactly right\n"
    "      --min-exact F   exit 1 if the exact-record share is below F (0-1)\n"
    "  -h, --help          this help\n"
    "\n"
    "Scores: precision, recall and F1 over root codes, full codes and\n"
    "(source, target, code) triples, each compared as multisets per record;\n"
    "the share of records whose set of triples is exactly right; the ten\n"
    "commonest confusions (expected -> coded code for the same dyad, and\n"
    "missed/spurious events); asserted events coded in records tagged\n"
    "\"hedged\" or \"negated\".\n";

/* Multiset intersection size of keys a[0..na) and b[0..nb). */
static long common(char (*a)[48], int na, char (*b)[48], int nb)
{
    long n = 0;
    char used[256] = {0};
    for (int i = 0; i < na; i++)
        for (int j = 0; j < nb && j < 256; j++)
            if (!used[j] && !strcmp(a[i], b[j])) {
                used[j] = 1;
                n++;
                break;
            }
    return n;
}

static void score(counts *c, char (*want)[48], int nw, char (*got)[48], int ng)
{
    long tp = common(want, nw, got, ng);
    c->tp += tp;
    c->fn += nw - tp;
    c->fp += ng - tp;
}

static void note_confusion(confusion **cv, int *nc, const char *key)
{
    for (int i = 0; i < *nc; i++)
        if (!strcmp((*cv)[i].key, key)) {
            (*cv)[i].n++;
            return;
        }
    confusion *v = realloc(*cv, sizeof *v * (size_t)(*nc + 1));
    if (!v)
        return;
    *cv = v;
    snprintf(v[*nc].key, sizeof v[*nc].key, "%s", key);
    v[*nc].n = 1;
    (*nc)++;
}

static int cmp_conf(const void *a, const void *b)
{
    const confusion *x = a, *y = b;
    if (x->n != y->n)
        return x->n < y->n ? 1 : -1;
    return strcmp(x->key, y->key);
}

static double prec(counts c) { return c.tp + c.fp ? (double)c.tp / (double)(c.tp + c.fp) : 0; }
static double rec(counts c) { return c.tp + c.fn ? (double)c.tp / (double)(c.tp + c.fn) : 0; }
static double f1(counts c)
{
    double p = prec(c), r = rec(c);
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

static int has_tag(const cJSON *rec, const char *tag)
{
    const cJSON *tags = cJSON_GetObjectItemCaseSensitive(rec, "tags");
    const cJSON *t;
    cJSON_ArrayForEach(t, tags) if (cJSON_IsString(t) && !strcmp(t->valuestring, tag)) return 1;
    return 0;
}

#define MAXT 64

int cmd_eval(int argc, char **argv,
             const char *(*find_dict)(const char *opt, char *buf, unsigned long n))
{
    const char *dictdir = NULL, *gold = NULL, *modes = "asserted,reported", *parser = NULL;
    int json = 0, nfail_show = 0;
    double min_exact = -1;
    petr_files pf = {NULL, NULL, NULL, NULL, NULL};
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage_eval, stdout);
            return 0;
        } else if (!strcmp(a, "--dict") && i + 1 < argc) {
            dictdir = argv[++i];
        } else if (petr_option(argc, argv, &i, &pf)) {
            if (i < 0)
                return 2;
        } else if (!strcmp(a, "--modes") && i + 1 < argc) {
            modes = argv[++i];
        } else if (!strcmp(a, "--json")) {
            json = 1;
        } else if (!strcmp(a, "--parser") && i + 1 < argc) {
            parser = argv[++i];
            if (strcmp(parser, "ud") && strcmp(parser, "none")) {
                fprintf(stderr, "entente eval: --parser is ud or none\n");
                return 2;
            }
        } else if (!strcmp(a, "--failures") && i + 1 < argc) {
            nfail_show = atoi(argv[++i]);
        } else if (!strcmp(a, "--min-exact") && i + 1 < argc) {
            min_exact = atof(argv[++i]);
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "entente eval: unknown or incomplete option %s\n", a);
            return 2;
        } else if (!gold) {
            gold = a;
        } else {
            fprintf(stderr, "entente eval: one gold file at a time\n");
            return 2;
        }
    }
    if (!gold) {
        fputs("entente eval: no gold file given (see entente eval --help)\n", stderr);
        return 2;
    }
    int want_mode[4] = {0};
    for (int k = 0; k < 4; k++)
        want_mode[k] = strstr(modes, ent_mode_name((ent_mode)k)) != NULL;
    char dbuf[4096];
    const char *dir = find_dict(dictdir, dbuf, sizeof dbuf);
    ent_rc rc;
    int nbad = 0;
    if (petr_check(&pf, "eval") < 0)
        return 2;
    ent_coder *c = pf.format && !strcmp(pf.format, "petrarch")
                       ? ent_coder_new_petrarch(dir, pf.verbs, pf.actors, pf.agents, pf.discards,
                                                NULL, NULL, &nbad, &rc)
                       : ent_coder_new(dir, NULL, NULL, &nbad, &rc);
    if (!c) {
        fprintf(stderr, "entente eval: cannot load dictionaries from %s: %s\n", dir,
                ent_strerror(rc));
        return 2;
    }
    if ((parser && !strcmp(parser, "none")) ||
        (!parser && pf.format && !strcmp(pf.format, "petrarch")))
        ent_coder_set_parser(c, 0);
    else if (ent_coder_set_parser(c, 1) < 0) {
        fprintf(stderr, "entente eval: cannot load the parser's model: %s\n",
                ent_coder_parser_error(c));
        ent_coder_free(c);
        return 2;
    }
    FILE *f = fopen(gold, "r");
    if (!f) {
        perror(gold);
        ent_coder_free(c);
        return 2;
    }
    counts lv[3] = {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}};
    long records = 0, exact = 0, skipped_inactive = 0, bad_lines = 0, ln = 0;
    long hedged_records = 0, hedged_leaks = 0, nparsed = 0, nshallow = 0;
    confusion *conf = NULL;
    int nconf = 0;
    failure *fails = NULL;
    long nfails = 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        ln++;
        cJSON *r = cJSON_ParseWithLength(line, (size_t)len);
        const cJSON *text = cJSON_GetObjectItemCaseSensitive(r, "text");
        const cJSON *exp = cJSON_GetObjectItemCaseSensitive(r, "expected");
        if (!cJSON_IsObject(r) || !cJSON_IsString(text) || !cJSON_IsArray(exp)) {
            if (!(len == 1 && line[0] == '\n')) {
                fprintf(stderr, "entente eval: %s:%ld: not a gold record (needs text and expected)\n",
                        gold, ln);
                bad_lines++;
            }
            cJSON_Delete(r);
            continue;
        }
        const cJSON *active = cJSON_GetObjectItemCaseSensitive(r, "active");
        if (cJSON_IsFalse(active)) {
            skipped_inactive++;
            cJSON_Delete(r);
            continue;
        }
        const cJSON *date = cJSON_GetObjectItemCaseSensitive(r, "date");
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(r, "id");
        records++;
        triple want[MAXT], got[MAXT];
        int nw = 0, ng = 0;
        const cJSON *e;
        cJSON_ArrayForEach(e, exp) {
            const cJSON *s = cJSON_GetObjectItemCaseSensitive(e, "source");
            const cJSON *t = cJSON_GetObjectItemCaseSensitive(e, "target");
            const cJSON *k = cJSON_GetObjectItemCaseSensitive(e, "code");
            if (nw < MAXT && cJSON_IsString(k)) {
                snprintf(want[nw].src, sizeof want[nw].src, "%s", cJSON_IsString(s) ? s->valuestring : "");
                snprintf(want[nw].tgt, sizeof want[nw].tgt, "%s", cJSON_IsString(t) ? t->valuestring : "");
                snprintf(want[nw].code, sizeof want[nw].code, "%s", k->valuestring);
                nw++;
            }
        }
        ent_result *res = ent_coder_code_text(c, text->valuestring,
                                              cJSON_IsString(date) ? date->valuestring : "");
        int asserted = 0;
        if (res) {
            nparsed += res->nparsed;
            nshallow += res->nshallow;
        }
        for (int i = 0; res && i < res->nevents && ng < MAXT; i++) {
            const ent_event *ev = &res->events[i];
            asserted += ev->mode == ENT_MODE_ASSERTED;
            if (!want_mode[ev->mode])
                continue;
            snprintf(got[ng].src, sizeof got[ng].src, "%s", ev->source.code);
            snprintf(got[ng].tgt, sizeof got[ng].tgt, "%s", ev->target.code);
            snprintf(got[ng].code, sizeof got[ng].code, "%s", ev->code);
            ng++;
        }
        if (has_tag(r, "hedged") || has_tag(r, "negated")) {
            hedged_records++;
            if (nw == 0 && asserted)
                hedged_leaks++;
        }
        ent_result_free(res);
        /* keys per level */
        char kw[3][MAXT][48], kg[3][MAXT][48];
        for (int i = 0; i < nw; i++) {
            snprintf(kw[0][i], 48, "%.2s", want[i].code);
            snprintf(kw[1][i], 48, "%s", want[i].code);
            snprintf(kw[2][i], 48, "%.16s %.16s %s", want[i].src, want[i].tgt, want[i].code);
        }
        for (int i = 0; i < ng; i++) {
            snprintf(kg[0][i], 48, "%.2s", got[i].code);
            snprintf(kg[1][i], 48, "%s", got[i].code);
            snprintf(kg[2][i], 48, "%.16s %.16s %s", got[i].src, got[i].tgt, got[i].code);
        }
        for (int l = 0; l < 3; l++)
            score(&lv[l], kw[l], nw, kg[l], ng);
        /* exact: same set of triples */
        int same = 1;
        for (int i = 0; i < nw && same; i++) {
            int found = 0;
            for (int j = 0; j < ng; j++)
                found |= !strcmp(kw[2][i], kg[2][j]);
            same = found;
        }
        for (int j = 0; j < ng && same; j++) {
            int found = 0;
            for (int i = 0; i < nw; i++)
                found |= !strcmp(kw[2][i], kg[2][j]);
            same = found;
        }
        if (same) {
            exact++;
        } else {
            failure *fv = realloc(fails, sizeof *fv * (size_t)(nfails + 1));
            if (fv) {
                fails = fv;
                snprintf(fails[nfails].id, sizeof fails[nfails].id, "%s",
                         cJSON_IsString(id) ? id->valuestring : "?");
                char buf[512] = "want:";
                for (int i = 0; i < nw; i++)
                    snprintf(buf + strlen(buf), sizeof buf - strlen(buf), " [%s]", kw[2][i]);
                snprintf(buf + strlen(buf), sizeof buf - strlen(buf), " got:");
                for (int j = 0; j < ng; j++)
                    snprintf(buf + strlen(buf), sizeof buf - strlen(buf), " [%s]", kg[2][j]);
                snprintf(fails[nfails].line, sizeof fails[nfails].line, "%s", buf);
                nfails++;
            }
        }
        /* confusions: same dyad, other code; else missed / spurious */
        int wused[MAXT] = {0}, gused[MAXT] = {0};
        for (int i = 0; i < nw; i++)
            for (int j = 0; j < ng; j++)
                if (!gused[j] && !strcmp(kw[2][i], kg[2][j])) {
                    wused[i] = gused[j] = 1;
                    break;
                }
        for (int i = 0; i < nw; i++) {
            if (wused[i])
                continue;
            int j;
            for (j = 0; j < ng; j++)
                if (!gused[j] && !strcmp(want[i].src, got[j].src) && !strcmp(want[i].tgt, got[j].tgt))
                    break;
            char key[48];
            if (j < ng) {
                gused[j] = 1;
                snprintf(key, sizeof key, "%s -> %s", want[i].code, got[j].code);
            } else {
                snprintf(key, sizeof key, "%s -> (missed)", want[i].code);
            }
            wused[i] = 1;
            note_confusion(&conf, &nconf, key);
        }
        for (int j = 0; j < ng; j++)
            if (!gused[j]) {
                char key[48];
                snprintf(key, sizeof key, "(none) -> %s", got[j].code);
                note_confusion(&conf, &nconf, key);
            }
        cJSON_Delete(r);
    }
    free(line);
    fclose(f);
    const char *parser_name = ent_coder_parser(c);
    ent_coder_free(c);
    if (nconf)
        qsort(conf, (size_t)nconf, sizeof *conf, cmp_conf);
    static const char *const names[3] = {"root", "code", "triple"};
    double exact_share = records ? (double)exact / (double)records : 0;
    if (json) {
        printf("{\"gold\":\"%s\",\"records\":%ld,\"inactive\":%ld,\"bad_lines\":%ld,"
               "\"exact\":%ld,\"exact_share\":%.4f", gold, records, skipped_inactive,
               bad_lines, exact, exact_share);
        for (int l = 0; l < 3; l++)
            printf(",\"%s\":{\"tp\":%ld,\"fp\":%ld,\"fn\":%ld,\"precision\":%.4f,"
                   "\"recall\":%.4f,\"f1\":%.4f}", names[l], lv[l].tp, lv[l].fp, lv[l].fn,
                   prec(lv[l]), rec(lv[l]), f1(lv[l]));
        printf(",\"hedged_records\":%ld,\"hedged_asserted\":%ld,\"parser\":\"%s\","
               "\"parsed\":%ld,\"shallow\":%ld,\"confusions\":[", hedged_records, hedged_leaks,
               parser_name, nparsed, nshallow);
        for (int i = 0; i < nconf && i < 10; i++)
            printf("%s{\"pair\":\"%s\",\"n\":%ld}", i ? "," : "", conf[i].key, conf[i].n);
        printf("]}\n");
    } else {
        printf("gold: %s — %ld records (%ld inactive skipped%s)\n", gold, records,
               skipped_inactive, bad_lines ? ", some lines unreadable" : "");
        printf("%-7s %9s %9s %9s %6s %6s %6s\n", "level", "precision", "recall", "F1", "tp",
               "fp", "fn");
        for (int l = 0; l < 3; l++)
            printf("%-7s %9.3f %9.3f %9.3f %6ld %6ld %6ld\n", names[l], prec(lv[l]), rec(lv[l]),
                   f1(lv[l]), lv[l].tp, lv[l].fp, lv[l].fn);
        printf("records coded exactly right: %ld of %ld (%.1f%%)\n", exact, records,
               100.0 * exact_share);
        if (hedged_records)
            printf("hedged/negated records with an asserted event: %ld of %ld\n", hedged_leaks,
                   hedged_records);
        if (strcmp(parser_name, "none"))
            printf("parser %s: %ld sentences coded from a parse, %ld by the shallow rules\n",
                   parser_name, nparsed, nshallow);
        else
            printf("parser none: every sentence coded by the shallow rules\n");
        printf("commonest confusions (expected -> coded):\n");
        for (int i = 0; i < nconf && i < 10; i++)
            printf("  %5ld  %s\n", conf[i].n, conf[i].key);
        for (long i = 0; i < nfails && i < nfail_show; i++)
            printf("  failed %s: %s\n", fails[i].id, fails[i].line);
    }
    free(conf);
    free(fails);
    if (bad_lines)
        return 1;
    if (min_exact >= 0 && exact_share < min_exact) {
        fprintf(stderr, "entente eval: exact share %.4f is below the floor %.4f\n", exact_share,
                min_exact);
        return 1;
    }
    return 0;
}
