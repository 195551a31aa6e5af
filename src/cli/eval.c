/*
 * eval.c - `entente eval GOLD.jsonl`: code every record of a gold file
 * ({"id","date","text","expected":[{"source","target","code"}]}; records
 * with "active": false are skipped; the real-news, pentaclass and PLOVER
 * shapes go to evalreal.c and evalclass.c) and print precision, recall and F1 at
 * three levels - root code, full code, (source, target, code) triple - the
 * share of records coded exactly right (same set of triples; a record that
 * expects nothing must produce nothing), the commonest confusions, and, for
 * records tagged "hedged" or "negated", how many asserted events leaked.
 * Events count when their mode is asserted or reported (--modes to change).
 */
#include "eval.h"
#include "entente.h"
#include "evalsets.h"
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
    "Code the text of each record of a gold file (as `entente code --no-dedup`\n"
    "codes a JSONL line with that id, date and text) and score the events.\n"
    "Each record is read by its shape; \"active\": false skips it:\n"
    "  own sets   {\"id\", \"date\", \"text\", \"expected\": [{\"source\", \"target\",\n"
    "             \"code\"}]} (test/gold/*.jsonl, the PETRARCH unit tests)\n"
    "  real news  the same with \"expected_hedged\" and/or \"optional\" and a\n"
    "             \"corpus\" (../shared/gold/realnews-dev.jsonl)\n"
    "  pentaclass {\"text\", \"pentaclass\": 0-4} (ConfliBERT)\n"
    "  PLOVER     {\"text\", \"events\": [{\"plover\", \"mode\"}]} (PLOVER GSR)\n"
    "\n"
    "options:\n"
    "      --dict DIR      dictionary folder (as for entente code)\n"
    "      --dict-format petrarch --verbs F --actors F[,F] [--agents F] [--discards F]\n"
    "                      score PETRARCH2-format dictionaries instead\n"
    "      --modes LIST    modes that count as coded (default asserted,reported)\n"
    "      --date D        date of records without one (default 2015-01-01,\n"
    "                      as ../shared/tools/realnews-score)\n"
    "      --plover-table F  PLOVER's CAMEO2PLOVER table: score PLOVER modes too\n"
    "      --json          print the scores as one JSON object\n"
    "      --parser P      ud (default) or none, as for entente code\n"
    "      --failures N    list up to N records that are not exactly right (own\n"
    "                      sets), N examples of each error cause (real news)\n"
    "      --min-exact F   exit 1 if the exact-record share is below F (0-1)\n"
    "  -h, --help          this help\n"
    "\n"
    "Own sets: precision, recall and F1 over root codes, full codes and\n"
    "(source, target, code) triples, each compared as multisets per record;\n"
    "the share of records whose set of triples is exactly right; the ten\n"
    "commonest confusions; asserted events in records tagged \"hedged\" or\n"
    "\"negated\".\n"
    "Real news, as ../shared/tools/realnews-score: sets per record at\n"
    "(source 3-letter prefix, target 3-letter prefix, root), also with full\n"
    "codes and with full actor codes, overall and per corpus; a coded event\n"
    "matching an optional or hedged one is neither right nor wrong; hedged\n"
    "gold coded asserted/reported is a leak; misses and false alarms by cause.\n"
    "Pentaclass: the class of the most severe counted event (4 > 3 > 2 > 1),\n"
    "neutral (0) when none; accuracy and confusion matrix.\n"
    "PLOVER: the category of the first counted event; accuracy, P and R per\n"
    "category (gold PLOVER 0.5 names read as 0.8). See docs/eval.md.\n";

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

typedef struct eval_opts {
    const char *dictdir, *gold, *modes, *parser, *date, *plover_table;
    int json, nfail_show;
    double min_exact;
    petr_files pf;
} eval_opts;

/* scores of the own-set shape (expected only) */
typedef struct own_state {
    counts lv[3];
    long records, exact, hedged_records, hedged_leaks;
    confusion *conf;
    int nconf;
    failure *fails;
    long nfails;
} own_state;

/* Options into o; returns -1 to go on, else the exit status. */
static int parse_args(int argc, char **argv, eval_opts *o)
{
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage_eval, stdout);
            return 0;
        } else if (!strcmp(a, "--dict") && i + 1 < argc) {
            o->dictdir = argv[++i];
        } else if (petr_option(argc, argv, &i, &o->pf)) {
            if (i < 0)
                return 2;
        } else if (!strcmp(a, "--modes") && i + 1 < argc) {
            o->modes = argv[++i];
        } else if (!strcmp(a, "--date") && i + 1 < argc) {
            o->date = argv[++i];
        } else if (!strcmp(a, "--plover-table") && i + 1 < argc) {
            o->plover_table = argv[++i];
        } else if (!strcmp(a, "--json")) {
            o->json = 1;
        } else if (!strcmp(a, "--parser") && i + 1 < argc) {
            o->parser = argv[++i];
            if (strcmp(o->parser, "ud") && strcmp(o->parser, "none")) {
                fprintf(stderr, "entente eval: --parser is ud or none\n");
                return 2;
            }
        } else if (!strcmp(a, "--failures") && i + 1 < argc) {
            o->nfail_show = atoi(argv[++i]);
        } else if (!strcmp(a, "--min-exact") && i + 1 < argc) {
            o->min_exact = atof(argv[++i]);
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "entente eval: unknown or incomplete option %s\n", a);
            return 2;
        } else if (!o->gold) {
            o->gold = a;
        } else {
            fprintf(stderr, "entente eval: one gold file at a time\n");
            return 2;
        }
    }
    if (!o->gold) {
        fputs("entente eval: no gold file given (see entente eval --help)\n", stderr);
        return 2;
    }
    return -1;
}

static ent_coder *load_coder(const eval_opts *o,
                             const char *(*find_dict)(const char *, char *, unsigned long))
{
    char dbuf[4096];
    const char *dir = find_dict(o->dictdir, dbuf, sizeof dbuf);
    ent_rc rc;
    int nbad = 0;
    const petr_files *pf = &o->pf;
    int petr = pf->format && !strcmp(pf->format, "petrarch");
    ent_coder *c = petr ? ent_coder_new_petrarch(dir, pf->verbs, pf->actors, pf->agents,
                                                 pf->discards, NULL, NULL, &nbad, &rc)
                        : ent_coder_new(dir, NULL, NULL, &nbad, &rc);
    if (!c) {
        fprintf(stderr, "entente eval: cannot load dictionaries from %s: %s\n", dir,
                ent_strerror(rc));
        return NULL;
    }
    if ((o->parser && !strcmp(o->parser, "none")) || (!o->parser && petr))
        ent_coder_set_parser(c, 0);
    else if (ent_coder_set_parser(c, 1) < 0) {
        fprintf(stderr, "entente eval: cannot load the parser's model: %s\n",
                ent_coder_parser_error(c));
        ent_coder_free(c);
        return NULL;
    }
    return c;
}

/* Code a record's text as `entente code` codes a JSONL line with that
 * text (the reader's cleaning, then the coder), dated by its "date" or,
 * when it has none, by def. NULL when the text is not a document. */
static ent_result *code_record(const ent_coder *c, const cJSON *r, const char *def)
{
    const char *text = cJSON_GetObjectItemCaseSensitive(r, "text")->valuestring;
    const cJSON *date = cJSON_GetObjectItemCaseSensitive(r, "date");
    ent_skip_reason why;
    ent_doc *d = ent_doc_from_bytes("txt", text, strlen(text), "gold", &why);
    if (!d)
        return NULL;
    const char *day = cJSON_IsString(date) && strlen(date->valuestring) == 10 ? date->valuestring
                                                                                : def;
    snprintf(d->date, sizeof d->date, "%s", day);
    ent_result *res = ent_coder_code(c, d);
    ent_doc_free(d);
    return res;
}

static int read_want(const cJSON *exp, triple *want)
{
    int nw = 0;
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
    return nw;
}

static int read_got(const ent_result *res, const int want_mode[4], triple *got, int *asserted)
{
    int ng = 0;
    *asserted = 0;
    for (int i = 0; res && i < res->nevents && ng < MAXT; i++) {
        const ent_event *ev = &res->events[i];
        *asserted += ev->mode == ENT_MODE_ASSERTED;
        if (!want_mode[ev->mode])
            continue;
        snprintf(got[ng].src, sizeof got[ng].src, "%s", ev->source.code);
        snprintf(got[ng].tgt, sizeof got[ng].tgt, "%s", ev->target.code);
        snprintf(got[ng].code, sizeof got[ng].code, "%s", ev->code);
        ng++;
    }
    return ng;
}

static void make_keys(char (*k)[MAXT][48], const triple *t, int n)
{
    for (int i = 0; i < n; i++) {
        snprintf(k[0][i], 48, "%.2s", t[i].code);
        snprintf(k[1][i], 48, "%s", t[i].code);
        snprintf(k[2][i], 48, "%.16s %.16s %s", t[i].src, t[i].tgt, t[i].code);
    }
}

/* the same set of triples */
static int same_set(char (*kw)[48], int nw, char (*kg)[48], int ng)
{
    for (int pass = 0; pass < 2; pass++) {
        char (*a)[48] = pass ? kg : kw, (*b)[48] = pass ? kw : kg;
        int na = pass ? ng : nw, nb = pass ? nw : ng;
        for (int i = 0; i < na; i++) {
            int found = 0;
            for (int j = 0; j < nb; j++)
                found |= !strcmp(a[i], b[j]);
            if (!found)
                return 0;
        }
    }
    return 1;
}

static void note_failure(own_state *s, const cJSON *id, char (*kw)[48], int nw, char (*kg)[48],
                         int ng)
{
    failure *fv = realloc(s->fails, sizeof *fv * (size_t)(s->nfails + 1));
    if (!fv)
        return;
    s->fails = fv;
    failure *f = &fv[s->nfails++];
    snprintf(f->id, sizeof f->id, "%s", cJSON_IsString(id) ? id->valuestring : "?");
    char buf[512] = "want:";
    for (int i = 0; i < nw; i++)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), " [%s]", kw[i]);
    snprintf(buf + strlen(buf), sizeof buf - strlen(buf), " got:");
    for (int j = 0; j < ng; j++)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), " [%s]", kg[j]);
    snprintf(f->line, sizeof f->line, "%s", buf);
}

/* confusions: same dyad, other code; else missed / spurious */
static void note_confusions(own_state *s, const triple *want, char (*kw)[48], int nw,
                            const triple *got, char (*kg)[48], int ng)
{
    int wused[MAXT] = {0}, gused[MAXT] = {0};
    for (int i = 0; i < nw; i++)
        for (int j = 0; j < ng; j++)
            if (!gused[j] && !strcmp(kw[i], kg[j])) {
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
        note_confusion(&s->conf, &s->nconf, key);
    }
    for (int j = 0; j < ng; j++)
        if (!gused[j]) {
            char key[48];
            snprintf(key, sizeof key, "(none) -> %s", got[j].code);
            note_confusion(&s->conf, &s->nconf, key);
        }
}

static void own_add(own_state *s, const cJSON *r, const ent_result *res, const int want_mode[4])
{
    triple want[MAXT], got[MAXT];
    int nw = read_want(cJSON_GetObjectItemCaseSensitive(r, "expected"), want);
    int asserted, ng = read_got(res, want_mode, got, &asserted);
    s->records++;
    if (has_tag(r, "hedged") || has_tag(r, "negated")) {
        s->hedged_records++;
        if (nw == 0 && asserted)
            s->hedged_leaks++;
    }
    char kw[3][MAXT][48], kg[3][MAXT][48];
    make_keys(kw, want, nw);
    make_keys(kg, got, ng);
    for (int l = 0; l < 3; l++)
        score(&s->lv[l], kw[l], nw, kg[l], ng);
    if (same_set(kw[2], nw, kg[2], ng))
        s->exact++;
    else
        note_failure(s, cJSON_GetObjectItemCaseSensitive(r, "id"), kw[2], nw, kg[2], ng);
    note_confusions(s, want, kw[2], nw, got, kg[2], ng);
}

static const char *const level_names[3] = {"root", "code", "triple"};

static void own_json(const own_state *s, const char *gold, long inactive, long bad_lines)
{
    double share = s->records ? (double)s->exact / (double)s->records : 0;
    printf("{\"gold\":\"%s\",\"records\":%ld,\"inactive\":%ld,\"bad_lines\":%ld,"
           "\"exact\":%ld,\"exact_share\":%.4f", gold, s->records, inactive, bad_lines, s->exact,
           share);
    for (int l = 0; l < 3; l++)
        printf(",\"%s\":{\"tp\":%ld,\"fp\":%ld,\"fn\":%ld,\"precision\":%.4f,"
               "\"recall\":%.4f,\"f1\":%.4f}", level_names[l], s->lv[l].tp, s->lv[l].fp,
               s->lv[l].fn, prec(s->lv[l]), rec(s->lv[l]), f1(s->lv[l]));
    printf(",\"hedged_records\":%ld,\"hedged_asserted\":%ld", s->hedged_records, s->hedged_leaks);
    printf(",\"confusions\":[");
    for (int i = 0; i < s->nconf && i < 10; i++)
        printf("%s{\"pair\":\"%s\",\"n\":%ld}", i ? "," : "", s->conf[i].key, s->conf[i].n);
    printf("]");
}

static void own_print(const own_state *s, int nfail_show)
{
    double share = s->records ? (double)s->exact / (double)s->records : 0;
    printf("%-7s %9s %9s %9s %6s %6s %6s\n", "level", "precision", "recall", "F1", "tp", "fp",
           "fn");
    for (int l = 0; l < 3; l++)
        printf("%-7s %9.3f %9.3f %9.3f %6ld %6ld %6ld\n", level_names[l], prec(s->lv[l]),
               rec(s->lv[l]), f1(s->lv[l]), s->lv[l].tp, s->lv[l].fp, s->lv[l].fn);
    printf("records coded exactly right: %ld of %ld (%.1f%%)\n", s->exact, s->records,
           100.0 * share);
    if (s->hedged_records)
        printf("hedged/negated records with an asserted event: %ld of %ld\n", s->hedged_leaks,
               s->hedged_records);
    printf("commonest confusions (expected -> coded):\n");
    for (int i = 0; i < s->nconf && i < 10; i++)
        printf("  %5ld  %s\n", s->conf[i].n, s->conf[i].key);
    for (long i = 0; i < s->nfails && i < nfail_show; i++)
        printf("  failed %s: %s\n", s->fails[i].id, s->fails[i].line);
}

/* the shapes a record can have */
enum { SHAPE_BAD, SHAPE_OWN, SHAPE_REAL, SHAPE_CLASS };

static int shape_of(const cJSON *r)
{
    if (!cJSON_IsObject(r) || !cJSON_IsString(cJSON_GetObjectItemCaseSensitive(r, "text")))
        return SHAPE_BAD;
    if (cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(r, "pentaclass")) ||
        cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(r, "events")))
        return SHAPE_CLASS;
    if (!cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(r, "expected")))
        return SHAPE_BAD;
    if (cJSON_GetObjectItemCaseSensitive(r, "expected_hedged") ||
        cJSON_GetObjectItemCaseSensitive(r, "optional"))
        return SHAPE_REAL;
    return SHAPE_OWN;
}

typedef struct run_totals {
    long inactive, bad_lines, nparsed, nshallow;
} run_totals;

/* Code and score every record of f. */
static void run_gold(FILE *f, const eval_opts *o, const ent_coder *c, const int want_mode[4],
                     own_state *own, rn_state *rn, cls_state *cls, run_totals *t)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long ln = 0;
    while ((len = getline(&line, &cap, f)) > 0) {
        ln++;
        cJSON *r = cJSON_ParseWithLength(line, (size_t)len);
        int shape = shape_of(r);
        if (shape == SHAPE_BAD) {
            if (!(len == 1 && line[0] == '\n')) {
                fprintf(stderr, "entente eval: %s:%ld: not a gold record (needs text and "
                                "expected, pentaclass or events)\n", o->gold, ln);
                t->bad_lines++;
            }
        } else if (cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(r, "active"))) {
            t->inactive++;
        } else {
            ent_result *res = code_record(c, r, o->date);
            if (res) {
                t->nparsed += res->nparsed;
                t->nshallow += res->nshallow;
            }
            if (shape == SHAPE_OWN)
                own_add(own, r, res, want_mode);
            else if (shape == SHAPE_REAL)
                rn_add(rn, r, res, want_mode);
            else
                cls_add(cls, r, res, want_mode);
            ent_result_free(res);
        }
        cJSON_Delete(r);
    }
    free(line);
}

static void report(const eval_opts *o, const own_state *own, const rn_state *rn,
                   const cls_state *cls, const run_totals *t, const char *parser_name)
{
    if (o->json) {
        own_json(own, o->gold, t->inactive, t->bad_lines);
        printf(",\"parser\":\"%s\",\"parsed\":%ld,\"shallow\":%ld", parser_name, t->nparsed,
               t->nshallow);
        if (rn_records(rn))
            rn_json(rn, stdout);
        cls_json(cls, stdout);
        printf("}\n");
        return;
    }
    printf("gold: %s (%ld inactive skipped%s)\n", o->gold, t->inactive,
           t->bad_lines ? ", some lines unreadable" : "");
    if (own->records) {
        printf("own-shape records (expected only): %ld\n", own->records);
        own_print(own, o->nfail_show);
    }
    if (rn_records(rn))
        rn_print(rn, stdout, o->nfail_show);
    cls_print(cls, stdout);
    if (strcmp(parser_name, "none"))
        printf("parser %s: %ld sentences coded from a parse, %ld by the shallow rules\n",
               parser_name, t->nparsed, t->nshallow);
    else
        printf("parser none: every sentence coded by the shallow rules\n");
}

int cmd_eval(int argc, char **argv,
             const char *(*find_dict)(const char *opt, char *buf, unsigned long n))
{
    eval_opts o = {NULL, NULL, "asserted,reported", NULL, "2015-01-01", NULL, 0, 0, -1,
                   {NULL, NULL, NULL, NULL, NULL}};
    int rc = parse_args(argc, argv, &o);
    if (rc >= 0)
        return rc;
    int want_mode[4] = {0};
    for (int k = 0; k < 4; k++)
        want_mode[k] = strstr(o.modes, ent_mode_name((ent_mode)k)) != NULL;
    if (petr_check(&o.pf, "eval") < 0)
        return 2;
    ent_coder *c = load_coder(&o, find_dict);
    if (!c)
        return 2;
    FILE *f = fopen(o.gold, "r");
    own_state own = {.records = 0};
    rn_state *rn = rn_new();
    cls_state *cls = cls_new();
    if (!f || !rn || !cls) {
        if (!f)
            perror(o.gold);
        rn_free(rn);
        cls_free(cls);
        ent_coder_free(c);
        return 2;
    }
    if (o.plover_table && cls_load_plover_table(cls, o.plover_table) < 0)
        fprintf(stderr, "entente eval: cannot read %s: no PLOVER modes\n", o.plover_table);
    run_totals t = {0, 0, 0, 0};
    run_gold(f, &o, c, want_mode, &own, rn, cls, &t);
    fclose(f);
    if (own.nconf)
        qsort(own.conf, (size_t)own.nconf, sizeof *own.conf, cmp_conf);
    report(&o, &own, rn, cls, &t, ent_coder_parser(c));
    ent_coder_free(c);
    double share = own.records ? (double)own.exact / (double)own.records : 0;
    free(own.conf);
    free(own.fails);
    rn_free(rn);
    cls_free(cls);
    if (t.bad_lines)
        return 1;
    if (o.min_exact >= 0 && share < o.min_exact) {
        fprintf(stderr, "entente eval: exact share %.4f is below the floor %.4f\n", share,
                o.min_exact);
        return 1;
    }
    return 0;
}
