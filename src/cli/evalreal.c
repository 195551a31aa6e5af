/*
 * evalreal.c - scores records of the real-news shape
 * (../shared/gold/realnews-dev.jsonl): "expected" (asserted and reported
 * events), "expected_hedged" (hypothetical and negated ones) and
 * "optional" (defensible alternatives). As ../shared/tools/realnews-score
 * does: per record, sets of keys; tp = expected & coded, fn = expected -
 * coded, fp = coded - (expected | hedged | optional); a hedged key that is
 * coded (and not also expected) is a leak. Three levels: country-root
 * (source and target 3-letter prefixes, CAMEO root: the judged level),
 * country-code (full code) and actor-code (full actor codes, full code);
 * each overall and per "corpus". Misses and false alarms at country-root
 * are put down to a cause (see cause_names).
 */
#include "evalsets.h"

#include <stdlib.h>
#include <string.h>

#define RN_LEVELS 3
#define RN_MAXK 64
#define RN_MAXC 16

typedef struct rkey {
    char s[32], t[32], c[8];
} rkey;

typedef struct kset {
    rkey k[RN_MAXK];
    int n;
} kset;

typedef struct rcounts {
    long tp, fp, fn, leaks, records;
} rcounts;

typedef struct corpus {
    char name[48];
    rcounts lv[RN_LEVELS];
} corpus;

enum {
    MISS_NOEVENT,
    MISS_HEDGED,
    MISS_SOURCE,
    MISS_TARGET,
    MISS_ROOT,
    MISS_OTHER,
    FA_NOEVENT,
    FA_SOURCE,
    FA_TARGET,
    FA_ROOT,
    FA_OTHER,
    LEAK,
    NCAUSES
};

static const char *const cause_names[NCAUSES] = {
    "miss: no event coded in the sentence",
    "miss: the event coded hedged or negated (gold asserted/reported)",
    "miss: event found, wrong source",
    "miss: event found, wrong target",
    "miss: event found, wrong root",
    "miss: other events coded, none sharing two of source/target/root",
    "false alarm: spurious event on a no-event sentence",
    "false alarm: wrong source (gold has it with another source)",
    "false alarm: wrong target (gold has it with another target)",
    "false alarm: wrong root (gold has the dyad with another root)",
    "false alarm: extra event on a sentence with other gold events",
    "leak: hedged or negated gold event coded asserted/reported",
};

typedef struct example {
    int cause;
    char line[200];
} example;

struct rn_state {
    corpus corp[RN_MAXC + 1]; /* [0] is "all" */
    int ncorp;
    long cause[NCAUSES];
    long miss_root[100], fa_root[100];
    example *ex;
    long nex;
};

static const char *const level_names[RN_LEVELS] = {"country_root", "country_code", "actor_code"};

rn_state *rn_new(void)
{
    rn_state *s = calloc(1, sizeof *s);
    if (s)
        snprintf(s->corp[0].name, sizeof s->corp[0].name, "all");
    return s;
}

void rn_free(rn_state *s)
{
    if (s)
        free(s->ex);
    free(s);
}

long rn_records(const rn_state *s) { return s->corp[0].lv[0].records; }

static void make_key(rkey *k, int level, const char *src, const char *tgt, const char *code)
{
    if (level == 2)
        snprintf(k->s, sizeof k->s, "%s", src);
    else
        snprintf(k->s, sizeof k->s, "%.3s", src);
    if (level == 2)
        snprintf(k->t, sizeof k->t, "%s", tgt);
    else
        snprintf(k->t, sizeof k->t, "%.3s", tgt);
    if (level == 0)
        snprintf(k->c, sizeof k->c, "%.2s", code);
    else
        snprintf(k->c, sizeof k->c, "%s", code);
}

static int same(const rkey *a, const rkey *b)
{
    return !strcmp(a->s, b->s) && !strcmp(a->t, b->t) && !strcmp(a->c, b->c);
}

static int has(const kset *ks, const rkey *k)
{
    for (int i = 0; i < ks->n; i++)
        if (same(&ks->k[i], k))
            return 1;
    return 0;
}

static void put(kset *ks, const rkey *k)
{
    if (ks->n < RN_MAXK && !has(ks, k))
        ks->k[ks->n++] = *k;
}

static const char *str_of(const cJSON *o, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    return cJSON_IsString(v) ? v->valuestring : "";
}

/* the keys at level of the gold events in rec[field] */
static void gold_keys(kset *ks, const cJSON *rec, const char *field, int level)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(rec, field)) {
        rkey k;
        make_key(&k, level, str_of(e, "source"), str_of(e, "target"), str_of(e, "code"));
        put(ks, &k);
    }
}

/* the keys of coded events whose mode counts (counted = 1) or not (0) */
static void coded_keys(kset *ks, const ent_result *res, const int want_mode[4], int counted,
                       int level)
{
    for (int i = 0; res && i < res->nevents; i++) {
        const ent_event *ev = &res->events[i];
        if (!want_mode[ev->mode] != !counted)
            continue;
        rkey k;
        make_key(&k, level, ev->source.code ? ev->source.code : "",
                 ev->target.code ? ev->target.code : "", ev->code ? ev->code : "");
        put(ks, &k);
    }
}

static corpus *corpus_of(rn_state *s, const char *name)
{
    if (!*name)
        name = "(no corpus)";
    for (int i = 1; i <= s->ncorp; i++)
        if (!strcmp(s->corp[i].name, name))
            return &s->corp[i];
    if (s->ncorp == RN_MAXC)
        return NULL;
    corpus *c = &s->corp[++s->ncorp];
    snprintf(c->name, sizeof c->name, "%s", name);
    return c;
}

/* Which two of source, target, root a and b share: 's' (all but source),
 * 't' (all but target), 'r' (all but root), 0 for none. */
static char near(const rkey *a, const rkey *b)
{
    int ss = !strcmp(a->s, b->s), st = !strcmp(a->t, b->t), sc = !strcmp(a->c, b->c);
    if (ss && st && !sc)
        return 'r';
    if (!ss && st && sc)
        return 's';
    if (ss && !st && sc)
        return 't';
    return 0;
}

/* The nearest key of cand (not in skip) to k: its kind, as near(). */
static char nearest(const rkey *k, const kset *cand, const kset *skip)
{
    static const char order[] = "rst";
    for (int o = 0; o < 3; o++)
        for (int i = 0; i < cand->n; i++)
            if (!has(skip, &cand->k[i]) && near(k, &cand->k[i]) == order[o])
                return order[o];
    return 0;
}

static void note(rn_state *s, int cause, const char *id, const rkey *k, const kset *other,
                 const char *what)
{
    s->cause[cause]++;
    example *v = realloc(s->ex, sizeof *v * (size_t)(s->nex + 1));
    if (!v)
        return;
    s->ex = v;
    example *e = &v[s->nex++];
    e->cause = cause;
    int n = snprintf(e->line, sizeof e->line, "%s [%s %s %s] %s:", id, k->s, k->t, k->c, what);
    for (int i = 0; i < other->n && n > 0 && (size_t)n < sizeof e->line; i++)
        n += snprintf(e->line + n, sizeof e->line - (size_t)n, " [%s %s %s]", other->k[i].s,
                      other->k[i].t, other->k[i].c);
}

static int root_index(const char *c)
{
    return c[0] >= '0' && c[0] <= '9' && c[1] >= '0' && c[1] <= '9' ? (c[0] - '0') * 10 + c[1] - '0'
                                                                     : 0;
}

/* misses and false alarms of one record at country-root, by cause */
static void causes(rn_state *s, const char *id, const kset *g, const kset *h, const kset *o,
                   const kset *p, const kset *other_mode, int nevents)
{
    for (int i = 0; i < g->n; i++) {
        const rkey *k = &g->k[i];
        if (has(p, k))
            continue;
        s->miss_root[root_index(k->c)]++;
        char n = nearest(k, p, g);
        int c = !nevents                 ? MISS_NOEVENT
                : has(other_mode, k)     ? MISS_HEDGED
                : n == 's'               ? MISS_SOURCE
                : n == 't'               ? MISS_TARGET
                : n == 'r'               ? MISS_ROOT
                                         : MISS_OTHER;
        note(s, c, id, k, p, "coded");
    }
    for (int i = 0; i < p->n; i++) {
        const rkey *k = &p->k[i];
        if (has(o, k))
            continue;
        s->fa_root[root_index(k->c)]++;
        char n = nearest(k, g, p);
        int c = !g->n && !h->n ? FA_NOEVENT
                : n == 's'     ? FA_SOURCE
                : n == 't'     ? FA_TARGET
                : n == 'r'     ? FA_ROOT
                               : FA_OTHER;
        note(s, c, id, k, g, "gold");
    }
    for (int i = 0; i < h->n; i++)
        if (has(p, &h->k[i]) && !has(g, &h->k[i]))
            note(s, LEAK, id, &h->k[i], h, "hedged gold");
}

void rn_add(rn_state *s, const cJSON *rec, const ent_result *res, const int want_mode[4])
{
    corpus *cp = corpus_of(s, str_of(rec, "corpus"));
    for (int l = 0; l < RN_LEVELS; l++) {
        kset g = {.n = 0}, h = {.n = 0}, o = {.n = 0}, p = {.n = 0};
        gold_keys(&g, rec, "expected", l);
        gold_keys(&h, rec, "expected_hedged", l);
        gold_keys(&o, rec, "expected", l);
        gold_keys(&o, rec, "expected_hedged", l);
        gold_keys(&o, rec, "optional", l);
        coded_keys(&p, res, want_mode, 1, l);
        rcounts d = {0, 0, 0, 0, 1};
        for (int i = 0; i < g.n; i++)
            d.tp += has(&p, &g.k[i]), d.fn += !has(&p, &g.k[i]);
        for (int i = 0; i < p.n; i++)
            d.fp += !has(&o, &p.k[i]);
        for (int i = 0; i < h.n; i++)
            d.leaks += has(&p, &h.k[i]) && !has(&g, &h.k[i]);
        for (int w = 0; w < 2; w++) {
            rcounts *c = w ? (cp ? &cp->lv[l] : NULL) : &s->corp[0].lv[l];
            if (!c)
                continue;
            c->tp += d.tp, c->fp += d.fp, c->fn += d.fn, c->leaks += d.leaks, c->records++;
        }
        if (l == 0) {
            kset other = {.n = 0};
            coded_keys(&other, res, want_mode, 0, l);
            const char *id = str_of(rec, "id");
            causes(s, *id ? id : "?", &g, &h, &o, &p, &other, res ? res->nevents : 0);
        }
    }
}

static double p_of(const rcounts *c) { return c->tp + c->fp ? (double)c->tp / (double)(c->tp + c->fp) : 0; }
static double r_of(const rcounts *c) { return c->tp + c->fn ? (double)c->tp / (double)(c->tp + c->fn) : 0; }
static double f_of(const rcounts *c)
{
    double p = p_of(c), r = r_of(c);
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

static void top_roots(FILE *f, const char *label, const long *roots)
{
    long v[100];
    memcpy(v, roots, sizeof v);
    fprintf(f, "%s", label);
    for (int k = 0; k < 8; k++) {
        int best = -1;
        for (int i = 0; i < 100; i++)
            if (v[i] && (best < 0 || v[i] > v[best]))
                best = i;
        if (best < 0)
            break;
        fprintf(f, "%s%02d:%ld", k ? ", " : " ", best, v[best]);
        v[best] = 0;
    }
    fputc('\n', f);
}

void rn_print(const rn_state *s, FILE *f, int nshow)
{
    fprintf(f, "real-news shape: %ld records; sets per record, optional and hedged gold neither "
               "rewarded nor penalised\n",
            rn_records(s));
    fprintf(f, "%-24s %-13s %5s %5s %5s %5s %5s %5s\n", "corpus", "level", "P", "R", "F1", "tp",
            "fp", "fn");
    for (int i = 0; i <= s->ncorp; i++)
        for (int l = 0; l < RN_LEVELS; l++) {
            const rcounts *c = &s->corp[i].lv[l];
            fprintf(f, "%-24s %-13s %5.2f %5.2f %5.2f %5ld %5ld %5ld\n",
                    l ? "" : s->corp[i].name, level_names[l], p_of(c), r_of(c), f_of(c), c->tp,
                    c->fp, c->fn);
        }
    fprintf(f, "hedged gold events coded asserted/reported: %ld\n", s->corp[0].lv[0].leaks);
    top_roots(f, "commonest missed roots:", s->miss_root);
    top_roots(f, "commonest false-alarm roots:", s->fa_root);
    fprintf(f, "misses and false alarms by cause (country-root):\n");
    for (int c = 0; c < NCAUSES; c++) {
        fprintf(f, "  %5ld  %s\n", s->cause[c], cause_names[c]);
        long shown = 0;
        for (long i = 0; i < s->nex && shown < nshow; i++)
            if (s->ex[i].cause == c)
                fprintf(f, "           %s\n", s->ex[i].line), shown++;
    }
}

void rn_json(const rn_state *s, FILE *f)
{
    fprintf(f, ",\"realnews\":{\"records\":%ld,\"hedged_leaks\":%ld,\"corpora\":{", rn_records(s),
            s->corp[0].lv[0].leaks);
    for (int i = 0; i <= s->ncorp; i++) {
        fprintf(f, "%s\"%s\":{", i ? "," : "", s->corp[i].name);
        for (int l = 0; l < RN_LEVELS; l++) {
            const rcounts *c = &s->corp[i].lv[l];
            fprintf(f, "%s\"%s\":{\"tp\":%ld,\"fp\":%ld,\"fn\":%ld,\"precision\":%.4f,"
                       "\"recall\":%.4f,\"f1\":%.4f}",
                    l ? "," : "", level_names[l], c->tp, c->fp, c->fn, p_of(c), r_of(c), f_of(c));
        }
        fprintf(f, ",\"records\":%ld}", s->corp[i].lv[0].records);
    }
    fprintf(f, "},\"causes\":[");
    for (int c = 0; c < NCAUSES; c++)
        fprintf(f, "%s{\"cause\":\"%s\",\"n\":%ld}", c ? "," : "", cause_names[c], s->cause[c]);
    fprintf(f, "]}");
}
