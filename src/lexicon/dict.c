/*
 * dict.c - loading and indexing the dictionaries (see dict.h and
 * docs/dictionaries.md). Every unreadable line is reported as file:line and
 * skipped. dict_load takes the compiled form (dictbin.c) instead of the
 * text files when it is valid and up to date with them.
 */
#include "lexicon/dictint.h"
#include "base/binfile.h"
#include "base/hash.h"
#include "text/segment.h"
#include "text/text.h"

#include <ctype.h>
#include <stdarg.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ---- the string -> list-of-int map (hash_slot's probing, base/hash.h) ---- */

static int smap_grow(smap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 1024;
    const char **keys = mem_calloc(cap, sizeof *keys);
    ilist *vals = mem_calloc(cap, sizeof *vals);
    if (!keys || !vals) {
        mem_free(keys);
        mem_free(vals);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t j = hash_slot(keys, cap, m->keys[i]);
        keys[j] = m->keys[i];
        vals[j] = m->vals[i];
    }
    mem_free(m->keys);
    mem_free(m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = cap;
    return 0;
}

static ilist *smap_get(const smap *m, const char *k)
{
    if (!m->cap)
        return NULL;
    size_t j = hash_slot(m->keys, m->cap, k);
    return m->keys[j] ? &m->vals[j] : NULL;
}

/* Add v under key k (k must outlive the map: use the arena). */
static int smap_add(smap *m, const char *k, int v)
{
    if ((m->n + 1) * 2 > m->cap && smap_grow(m) < 0)
        return -1;
    size_t j = hash_slot(m->keys, m->cap, k);
    if (!m->keys[j]) {
        m->keys[j] = k;
        m->n++;
    }
    ilist *l = &m->vals[j];
    for (int i = 0; i < l->n; i++)
        if (l->v[i] == v)
            return 0;
    if (l->n >= l->cap) {
        /* full, or borrowed from a compiled file (cap 0): copy */
        int cap = l->n ? l->n * 2 : 2;
        int *nv = mem_realloc(l->cap ? l->v : NULL, sizeof *nv * (size_t)cap);
        if (!nv)
            return -1;
        if (!l->cap && l->n)
            memcpy(nv, l->v, sizeof *nv * (size_t)l->n);
        l->v = nv;
        l->cap = cap;
    }
    l->v[l->n++] = v;
    return 0;
}

static void smap_free(smap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        if (m->vals[i].cap)
            mem_free(m->vals[i].v);
    mem_free(m->keys);
    mem_free(m->vals);
    memset(m, 0, sizeof *m);
}

/* ---- the dictionary ---- */


static void bad(dict *d, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void vbad(dict *d, const char *file, long line, const char *fmt, va_list ap)
{
    d->nbad++;
    if (!d->diag)
        return;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    d->diag(d->ud, file, line, msg);
}

static void bad(dict *d, const char *file, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vbad(d, file, line, fmt, ap);
    va_end(ap);
}

void dict_report(dict *d, const char *file, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vbad(d, file, line, fmt, ap);
    va_end(ap);
}

void dict_count_bad(dict *d, long n)
{
    if (n > 0)
        d->nbad += (int)n;
}

dict *dict_new(ent_diag_fn diag, void *ud)
{
    dict *d = mem_calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->diag = diag;
    d->ud = ud;
    return d;
}

void dict_free(dict *d)
{
    if (!d)
        return;
    mem_free(d->actors.v);
    mem_free(d->demonyms.v);
    mem_free(d->agents.v);
    mem_free(d->patterns.v);
    mem_free(d->cameo.v);
    mem_free(d->phrases.v);
    mem_free(d->prefix_patterns.v);
    mem_free(d->discards.v);
    smap_free(&d->phrase_index);
    smap_free(&d->first_index);
    smap_free(&d->pattern_index);
    smap_free(&d->cameo_index);
    smap_free(&d->irr_by_lemma);
    smap_free(&d->irr_by_form);
    smap_free(&d->where_index);
    smap_free(&d->country_index);
    smap_free(&d->agent_index);
    mem_free(d->irr_forms.v);
    mem_arena_free(&d->arena);
    mem_free(d->block);
    mem_free(d);
}

/* ---- small string helpers ---- */

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = 0;
    return s;
}

/* Split s in place at sep (a string); returns the number of fields. */
static int split(char *s, const char *sep, char **f, int max)
{
    int n = 0;
    size_t k = strlen(sep);
    while (n < max) {
        f[n++] = s;
        char *p = strstr(s, sep);
        if (!p)
            break;
        *p = 0;
        s = p + k;
    }
    if (n == max && strstr(s, sep))
        return max + 1;
    return n;
}

static int parse_ymd(const char *s, int *out)
{
    if (!*s) {
        *out = 0;
        return 1;
    }
    char tmp[11];
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
            return 0;
    memcpy(tmp, s, 11);
    int y = atoi(tmp), m = atoi(tmp + 5), dd = atoi(tmp + 8);
    if (m < 1 || m > 12 || dd < 1 || dd > 31)
        return 0;
    *out = y * 10000 + m * 100 + dd;
    return 1;
}

static int valid_code(const char *c, size_t max)
{
    size_t n = strlen(c);
    if (n == 0 || n > max)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!(isupper((unsigned char)c[i]) || isdigit((unsigned char)c[i])))
            return 0;
    return 1;
}

/* A code, or several joined by '/' (PETRARCH's "[FRO/BIL/SAM]": one name
 * for several actors); at most max characters in all. */
static int valid_codes(const char *c, size_t max)
{
    if (strlen(c) > max)
        return 0;
    char part[32];
    for (const char *b = c;;) {
        const char *e = strchr(b, '/');
        size_t n = e ? (size_t)(e - b) : strlen(b);
        if (n >= sizeof part)
            return 0;
        memcpy(part, b, n);
        part[n] = 0;
        if (!valid_code(part, max))
            return 0;
        if (!e)
            return 1;
        b = e + 1;
    }
}

static const char *where(dict *d, const char *file, long line)
{
    const char *b = strrchr(file, '/');
    b = b ? b + 1 : file;
    char tmp[256];
    snprintf(tmp, sizeof tmp, "%s:%ld", b, line);
    return mem_arena_strndup(&d->arena, tmp, strlen(tmp));
}

/* Tokenize a phrase the way sentences are tokenized; returns the key
 * (folded tokens joined by spaces) in the arena and its token count, and
 * in *capmask (may be NULL) bit j set when token j starts with a capital. */
static const char *phrase_key_caps(dict *d, const char *phrase, int *ntok, unsigned *capmask)
{
    mem_arena tmp = {0};
    seg_doc sd;
    const char *key = NULL;
    *ntok = 0;
    if (seg_split(&tmp, phrase, strlen(phrase), &sd) == 0 && sd.ntoks > 0) {
        mem_buf b;
        mem_buf_init(&b, 4096);
        if (capmask)
            *capmask = 0;
        for (int i = 0; i < sd.ntoks; i++) {
            if (i)
                mem_buf_putc(&b, ' ');
            mem_buf_puts(&b, sd.toks[i].norm);
            if (capmask && i < 32 && (sd.toks[i].flags & SEG_CAP) && (sd.toks[i].flags & SEG_WORD))
                *capmask |= 1u << i;
        }
        if (!b.oom && !b.toobig)
            key = mem_arena_strndup(&d->arena, b.data, b.len);
        *ntok = sd.ntoks;
        mem_buf_free(&b);
    }
    mem_arena_free(&tmp);
    return key;
}

/* An acronym written in capitals ("US", "IS", "WHO") only matches
 * capitals in the text, so the pronoun "us" is not the United States. */
static int is_acronym(const char *phrase)
{
    size_t letters = 0;
    for (const char *c = phrase; *c; c++) {
        if (*c >= 'a' && *c <= 'z')
            return 0;
        if (*c >= 'A' && *c <= 'Z')
            letters++;
        else if (*c != '.')
            return 0;
    }
    return letters >= 2 && letters <= 5;
}

static const char *phrase_key(dict *d, const char *phrase, int *ntok)
{
    return phrase_key_caps(d, phrase, ntok, NULL);
}

/* Add a name to the index. A name in double quotes ("the Post") is
 * matched as written: its capitalised words must be capitalised in the
 * text, its leading "the" is part of it, and it is not part of a longer
 * capitalised name (dict_match_phrase). */
static int add_phrase(dict *d, const char *phrase, int type, int idx)
{
    int ntok;
    unsigned capmask = 0;
    size_t plen = strlen(phrase);
    int cased = plen > 2 && phrase[0] == '"' && phrase[plen - 1] == '"';
    char unq[512];
    if (cased) {
        snprintf(unq, sizeof unq, "%.*s", (int)(plen - 2), phrase + 1);
        phrase = unq;
    }
    const char *key = phrase_key_caps(d, phrase, &ntok, cased ? &capmask : NULL);
    if (!key)
        return -1;
    dict_phrase p = {type, idx, ntok, is_acronym(phrase), capmask};
    if (VEC_PUSH(d->phrases, p) < 0)
        return -1;
    if (ntok > d->max_phrase_tok)
        d->max_phrase_tok = ntok;
    /* remember the longest phrase each first token starts */
    const char *sp = strchr(key, ' ');
    const char *first = sp ? mem_arena_strndup(&d->arena, key, (size_t)(sp - key)) : key;
    if (!first)
        return -1;
    ilist *fl = smap_get(&d->first_index, first);
    if (!fl) {
        if (smap_add(&d->first_index, first, ntok) < 0)
            return -1;
    } else if (fl->n && fl->v[0] < ntok) {
        fl->v[0] = ntok;
    }
    return smap_add(&d->phrase_index, key, d->phrases.n - 1);
}

static const char *const kind_names[KIND_NKINDS] = {
    "country", "capital", "person", "igo", "group", "org", "media"};

/* names | codes | kind */
static void load_actor_line(dict *d, const char *file, long ln, char *line)
{
    const char *raw = mem_arena_strndup(&d->arena, line, strlen(line));
    char *f[4];
    int n = split(line, " | ", f, 3);
    if (n != 3) {
        bad(d, file, ln, "expected 'names | codes | kind', found %d field%s", n,
            n == 1 ? "" : "s");
        return;
    }
    char *kind = trim(f[2]);
    int k;
    for (k = 0; k < KIND_NKINDS; k++)
        if (strcmp(kind, kind_names[k]) == 0)
            break;
    if (k == KIND_NKINDS) {
        bad(d, file, ln, "unknown kind '%s' (country, capital, person, igo, group, org, media)", kind);
        return;
    }
    dict_actor a = {0};
    a.kind = (dict_kind)k;
    a.where = where(d, file, ln);
    a.line = raw;
    char *codes[64];
    int nc = split(f[1], ",", codes, 64);
    if (nc > 64) {
        bad(d, file, ln, "too many codes (at most 64)");
        return;
    }
    a.roles = mem_arena_alloc(&d->arena, sizeof *a.roles * (size_t)nc);
    if (!a.roles)
        return;
    for (int i = 0; i < nc; i++) {
        char *c = trim(codes[i]);
        dict_role r = {{0}, 0, 0};
        char *at = strchr(c, '@');
        if (at) {
            *at = 0;
            char *range = at + 1, *dots = strstr(range, "..");
            if (!dots) {
                bad(d, file, ln, "date range '%s' needs FROM..TO", range);
                return;
            }
            *dots = 0;
            if (!parse_ymd(trim(range), &r.from) || !parse_ymd(trim(dots + 2), &r.to)) {
                bad(d, file, ln, "bad date in range of code '%s' (YYYY-MM-DD)", c);
                return;
            }
            if (r.to && r.from > r.to) {
                bad(d, file, ln, "date range of '%s' ends before it starts", c);
                return;
            }
            if (!r.from && !r.to) {
                bad(d, file, ln, "date range of '%s' is open at both ends", c);
                return;
            }
        }
        c = trim(c);
        if (!valid_code(c, 15)) {
            bad(d, file, ln, "'%s' is not an actor code (A-Z, 0-9, at most 15)", c);
            return;
        }
        strcpy(r.code, c);
        if (!at)
            r.from = r.to = -1; /* undated default */
        a.roles[a.nroles++] = r;
    }
    char *names[128];
    int nn = split(f[0], ";", names, 128);
    if (nn > 128) {
        bad(d, file, ln, "too many names (at most 128)");
        return;
    }
    int idx = d->actors.n;
    int added = 0;
    for (int i = 0; i < nn; i++) {
        char *nm = trim(names[i]);
        if (!*nm)
            continue;
        if (!added)
            a.name = mem_arena_strndup(&d->arena, nm, strlen(nm));
        if (add_phrase(d, nm, DICT_ACTOR, idx) < 0)
            return;
        added++;
    }
    if (!added) {
        bad(d, file, ln, "no names");
        return;
    }
    VEC_PUSH(d->actors, a);
}

/* CAMEO religion codes and the Kurdish ethnic code: a demonym with one of
 * these codes names a group, not a country. */
static const char *const group_codes[] = {
    "MUS", "MOS", "SHI", "SUN", "ALE", "DRZ", "CHR", "CTH", "ORT", "PRO", "CPT",
    "MRN", "JEW", "HSD", "HIN", "BUD", "SIK", "JAN", "BAH", "ZRO", "TAO", "CON",
    "ATH", "KUR", NULL};

static int is_group_code(const char *code)
{
    for (int i = 0; group_codes[i]; i++)
        if (!strncmp(code, group_codes[i], 3))
            return 1;
    return 0;
}

/* words | CODE */
static void load_demonym_line(dict *d, const char *file, long ln, char *line)
{
    const char *raw = mem_arena_strndup(&d->arena, line, strlen(line));
    char *f[3];
    int n = split(line, " | ", f, 2);
    if (n != 2) {
        bad(d, file, ln, "expected 'words | CODE'");
        return;
    }
    char *code = trim(f[1]);
    if (!valid_code(code, 7)) {
        bad(d, file, ln, "'%s' is not a country code", code);
        return;
    }
    char *w[64];
    int nw = split(f[0], ";", w, 64);
    if (nw > 64) {
        bad(d, file, ln, "too many words");
        return;
    }
    const char *first = NULL;
    for (int i = 0; i < nw; i++) {
        char *x = trim(w[i]);
        if (!*x)
            continue;
        dict_demonym dm = {{0}, 0, is_group_code(code), where(d, file, ln), raw};
        strcpy(dm.code, code);
        size_t k = strlen(x);
        dm.plural = first && k > 1 && x[k - 1] == 's' && x[k - 2] != 's';
        if (!first)
            first = x;
        if (VEC_PUSH(d->demonyms, dm) < 0)
            return;
        add_phrase(d, x, DICT_DEMONYM, d->demonyms.n - 1);
    }
}

/* words | AGENT | solo|bound */
static void load_agent_line(dict *d, const char *file, long ln, char *line)
{
    const char *raw = mem_arena_strndup(&d->arena, line, strlen(line));
    char *f[4];
    int n = split(line, " | ", f, 3);
    if (n != 3) {
        bad(d, file, ln, "expected 'words | AGENT | solo|bound'");
        return;
    }
    char *code = trim(f[1]), *fl = trim(f[2]);
    if (!valid_code(code, 7)) {
        bad(d, file, ln, "'%s' is not an agent code", code);
        return;
    }
    if (strcmp(fl, "solo") != 0 && strcmp(fl, "bound") != 0) {
        bad(d, file, ln, "third field must be 'solo' or 'bound', not '%s'", fl);
        return;
    }
    dict_agent ag = {{0}, strcmp(fl, "solo") == 0, 0, where(d, file, ln), raw};
    strcpy(ag.code, code);
    if (VEC_PUSH(d->agents, ag) < 0)
        return;
    int idx = d->agents.n - 1;
    char *w[128];
    int nw = split(f[0], ";", w, 128);
    for (int i = 0; i < nw && i < 128; i++) {
        char *x = trim(w[i]);
        if (*x)
            add_phrase(d, x, DICT_AGENT, idx);
    }
}

/* code name root quad goldstein plover (tab-separated, header line) */
static void load_cameo_line(dict *d, const char *file, long ln, char *line)
{
    if (strncmp(line, "code\t", 5) == 0)
        return;
    char *f[9];
    int n = split(line, "\t", f, 8);
    while (n >= 5 && n < 8)
        f[n++] = (char *)""; /* no PLOVER category, mode or context */
    if (n != 8) {
        bad(d, file, ln, "expected 6 to 8 tab-separated fields, found %d", n);
        return;
    }
    dict_cameo c = {{0}, {0}, NULL, 0, 0, NULL, NULL, NULL, 0};
    if (strlen(f[0]) < 2 || strlen(f[0]) > 4 || !valid_code(f[0], 4) ||
        strlen(f[2]) != 2 || strncmp(f[0], f[2], 2) != 0) {
        bad(d, file, ln, "bad CAMEO code '%s' or root '%s'", f[0], f[2]);
        return;
    }
    char *end;
    c.quad = (int)strtol(f[3], &end, 10);
    if (*end || c.quad < 1 || c.quad > 4) {
        bad(d, file, ln, "quad class must be 1-4");
        return;
    }
    c.goldstein = strtod(f[4], &end);
    if (*end || c.goldstein < -10 || c.goldstein > 10) {
        bad(d, file, ln, "Goldstein value must be a number in -10..10");
        return;
    }
    strcpy(c.code, f[0]);
    strcpy(c.root, f[2]);
    c.name = mem_arena_strndup(&d->arena, f[1], strlen(f[1]));
    c.plover = mem_arena_strndup(&d->arena, f[5], strlen(f[5]));
    c.plover_mode = mem_arena_strndup(&d->arena, f[6], strlen(f[6]));
    c.plover_context = mem_arena_strndup(&d->arena, f[7], strlen(f[7]));
    if (smap_get(&d->cameo_index, c.code)) {
        bad(d, file, ln, "CAMEO code %s listed twice", c.code);
        return;
    }
    if (VEC_PUSH(d->cameo, c) < 0)
        return;
    const char *key = mem_arena_strndup(&d->arena, c.code, strlen(c.code));
    smap_add(&d->cameo_index, key, d->cameo.n - 1);
}

int dict_cameo_find(const dict *d, const char *code)
{
    ilist *l = smap_get(&d->cameo_index, code);
    return l && l->n ? l->v[0] : -1;
}

/* ---- inflection ---- */

static int is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

#define MAXFORMS 24

int dict_inflect(const dict *d, mem_arena *a, const char *lemma, const char ***out)
{
    char buf[MAXFORMS][96];
    int n = 0;
    size_t k = strlen(lemma);
    if (k == 0 || k > 80) {
        *out = NULL;
        return 0;
    }
#define ADD(...) do { if (n < MAXFORMS) { snprintf(buf[n], sizeof buf[n], __VA_ARGS__); n++; } } while (0)
    ADD("%s", lemma);
    char last = lemma[k - 1], prev = k > 1 ? lemma[k - 2] : 0;
    int lw = (int)k - 1;
    /* third person */
    if (last == 'y' && !is_vowel(prev))
        ADD("%.*sies", lw, lemma);
    else if (last == 's' || last == 'x' || last == 'z' || last == 'o' ||
             (last == 'h' && (prev == 'c' || prev == 's')))
        ADD("%ses", lemma);
    else
        ADD("%ss", lemma);
    /* past and participle */
    if (last == 'e') {
        ADD("%sd", lemma);
        ADD("%.*sing", lw, lemma);
        if (prev == 'e' || prev == 'y' || prev == 'o')
            ADD("%sing", lemma); /* agreeing, dyeing */
    } else if (last == 'y' && !is_vowel(prev)) {
        ADD("%.*sied", lw, lemma);
        ADD("%sing", lemma);
    } else {
        ADD("%sed", lemma);
        ADD("%sing", lemma);
        /* consonant doubling: ban -> banned; over-generation is harmless */
        if (!is_vowel(last) && last != 'w' && last != 'x' && last != 'y' &&
            is_vowel(prev) && k > 2 && !is_vowel(lemma[k - 3])) {
            ADD("%s%ced", lemma, last);
            ADD("%s%cing", lemma, last);
        }
        if (last == 'c') {
            ADD("%sked", lemma);
            ADD("%sking", lemma);
        }
    }
    /* irregular forms from WordNet's exception list (verb.exc) */
    const ilist *irr = d ? smap_get(&d->irr_by_lemma, lemma) : NULL;
    for (int i = 0; irr && i < irr->n; i++)
        ADD("%s", d->irr_forms.v[irr->v[i]]);
#undef ADD
    const char **forms = mem_arena_alloc(a, sizeof *forms * (size_t)n);
    if (!forms)
        return 0;
    for (int i = 0; i < n; i++)
        forms[i] = mem_arena_strndup(a, buf[i], strlen(buf[i]));
    *out = forms;
    return n;
}

/* A literal word of a pattern and its plural: "hold+ .. meeting with" also
 * matches "held meetings with" (words of four letters or more that do not
 * end in -s, after the pattern's first word: a pattern that starts with a
 * noun names its number on purpose, as "meetings with" does). Only that way
 * round: a plural is written on purpose ("strikes" are air strikes; a
 * "strike" may be a hunger strike). */
static int number_forms(mem_arena *a, const char *w, const char ***out)
{
    size_t k = strlen(w);
    char other[96] = "";
    int alpha = k >= 4 && k < 80 && w[k - 1] != 's';
    for (size_t i = 0; alpha && i < k; i++)
        alpha = w[i] >= 'a' && w[i] <= 'z';
    if (alpha) {
        char last = w[k - 1], prev = w[k - 2];
        if (last == 'y' && !is_vowel(prev))
            snprintf(other, sizeof other, "%.*sies", (int)k - 1, w);
        else if (last == 'x' || last == 'z' || (last == 'h' && (prev == 'c' || prev == 's')))
            snprintf(other, sizeof other, "%ses", w);
        else
            snprintf(other, sizeof other, "%ss", w);
    }
    int n = other[0] ? 2 : 1;
    const char **forms = mem_arena_alloc(a, sizeof *forms * (size_t)n);
    if (!forms)
        return 0;
    forms[0] = w;
    if (n == 2 && !(forms[1] = mem_arena_strndup(a, other, strlen(other))))
        return 0;
    *out = forms;
    return n;
}

int dict_is_participle(const dict *d, const char *w)
{
    size_t k = strlen(w);
    if (k > 3 && strcmp(w + k - 2, "ed") == 0)
        return 1;
    /* an irregular form that is not a present form ("struck", "met") */
    return d && smap_get(&d->irr_by_form, w) != NULL && !(k > 1 && w[k - 1] == 's');
}

/* inflected lemma [lemma...]: WordNet's verb.exc format */
static void load_irregular_line(dict *d, const char *file, long ln, char *line)
{
    char *save = NULL;
    char *form = strtok_r(line, " ", &save);
    char *lemma = strtok_r(NULL, " ", &save);
    if (!form || !lemma) {
        bad(d, file, ln, "expected 'inflected lemma [lemma...]'");
        return;
    }
    if (strchr(form, '_'))
        return; /* multi-word entries do not inflect single verbs */
    const char *f = mem_arena_strndup(&d->arena, form, strlen(form));
    if (!f || VEC_PUSH(d->irr_forms, f) < 0)
        return;
    smap_add(&d->irr_by_form, f, d->irr_forms.n - 1);
    for (; lemma; lemma = strtok_r(NULL, " ", &save)) {
        const char *l = mem_arena_strndup(&d->arena, lemma, strlen(lemma));
        if (l && !strchr(l, '_'))
            smap_add(&d->irr_by_lemma, l, d->irr_forms.n - 1);
    }
}

#define ELEM_MAX DICT_ELEM_MAX

/* Alternatives "a|b+|c" of one token (loader extension): an element whose
 * forms are the union of the words and the verbs' inflections. */
static int alt_elem(dict *d, const char *file, long ln, const char *pt, char *word,
                    dict_elem *out)
{
    int nalt = 1;
    for (const char *c = word; *c; c++)
        nalt += *c == '|';
    const char **forms = mem_arena_alloc(&d->arena, sizeof *forms * (size_t)nalt * MAXFORMS);
    if (!forms)
        return -1;
    int n = 0, verb = 0;
    char *save = NULL;
    for (char *alt = strtok_r(word, "|", &save); alt; alt = strtok_r(NULL, "|", &save)) {
        size_t wl = strlen(alt);
        int isverb = wl > 1 && alt[wl - 1] == '+';
        if (isverb)
            alt[wl - 1] = 0;
        int nt;
        const char *key = phrase_key(d, alt, &nt);
        if (!key || nt != 1) {
            bad(d, file, ln, "alternative '%s' in pattern '%s' is not one word", alt, pt);
            return -1;
        }
        if (isverb) {
            const char **vf;
            int k = dict_inflect(d, &d->arena, key, &vf);
            for (int i = 0; i < k; i++)
                forms[n++] = vf[i];
            verb = 1;
        } else {
            forms[n++] = key;
        }
    }
    if (!n) {
        bad(d, file, ln, "empty alternatives in pattern '%s'", pt);
        return -1;
    }
    out->kind = verb ? PAT_VERB : PAT_LIT;
    out->forms = forms;
    out->nforms = n;
    return 0;
}

/* Compile one pattern (verbs.txt syntax) coded ci (and ci2 in reverse).
 * Returns 0, or -1 if it was reported as bad. */
static int compile_pattern(dict *d, const char *file, long ln, int ci, int ci2, int sym,
                           int flags, const char *pt)
{
    /* tokenize the pattern on spaces */
    char *words[32];
    char copy[4096];
    if (strlen(pt) >= sizeof copy) {
        bad(d, file, ln, "pattern too long");
        return -1;
    }
    strcpy(copy, pt);
    int nw = 0;
    for (char *tok = strtok(copy, " \t"); tok; tok = strtok(NULL, " \t")) {
        if (nw == 32)
            break;
        words[nw++] = tok;
    }
    if (!nw || strcmp(words[0], "..") == 0 || strcmp(words[nw - 1], "..") == 0) {
        bad(d, file, ln, "pattern '%s' is empty or starts/ends with '..'", pt);
        return -1;
    }
    dict_pattern pat = {ci, sym, NULL, 0, NULL, where(d, file, ln), ci2, flags & ~DICT_PAT_NUMBERS};
    pat.text = mem_arena_strndup(&d->arena, pt, strlen(pt));
    pat.elems = mem_arena_alloc(&d->arena, sizeof *pat.elems * ELEM_MAX);
    if (!pat.text || !pat.elems)
        return -1;
    for (int w = 0; w < nw; w++) {
        char *word = words[w];
        size_t wl = strlen(word);
        dict_elem e = {PAT_LIT, NULL, 0};
        if (strcmp(word, "$") == 0) {
            if (w == 0) {
                bad(d, file, ln, "pattern '%s' cannot start with '$'", pt);
                return -1;
            }
            e.kind = PAT_SLOT;
            if (pat.nelems < ELEM_MAX)
                pat.elems[pat.nelems++] = e;
            continue;
        }
        if (strcmp(word, "..") == 0 || (strcmp(word, "^") == 0 && w > 0)) {
            e.kind = word[0] == '^' ? PAT_SKIP : PAT_GAP;
            if (pat.nelems < ELEM_MAX)
                pat.elems[pat.nelems++] = e;
            continue;
        }
        if (strchr(word, '|')) {
            if (alt_elem(d, file, ln, pt, word, &e) < 0)
                return -1;
            if (pat.nelems >= ELEM_MAX) {
                bad(d, file, ln, "pattern '%s' is too long", pt);
                return -1;
            }
            pat.elems[pat.nelems++] = e;
            continue;
        }
        if (wl > 1 && word[wl - 1] == '+') {
            word[wl - 1] = 0;
            e.kind = PAT_VERB;
        } else if (wl > 1 && word[wl - 1] == '*') {
            word[wl - 1] = 0;
            e.kind = PAT_PREFIX;
        }
        /* a written word may be several tokens ("n't", "al-Assad") */
        int nt;
        const char *key = phrase_key(d, word, &nt);
        if (!key || nt == 0) {
            bad(d, file, ln, "cannot read word '%s' in pattern '%s'", word, pt);
            return -1;
        }
        /* the pieces of a hyphenated word are literal but the last,
         * which takes the word's + or * ("ill-treat+", "de-escalat*") */
        char *kc = mem_arena_strndup(&d->arena, key, strlen(key));
        if (!kc)
            return -1;
        char *save = NULL;
        int piece = 0;
        for (char *t = strtok_r(kc, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
            dict_elem le = {++piece == nt ? e.kind : PAT_LIT, NULL, 1};
            if (le.kind == PAT_VERB) {
                le.nforms = dict_inflect(d, &d->arena, t, &le.forms);
            } else if (le.kind == PAT_LIT && (flags & DICT_PAT_NUMBERS) && pat.nelems > 0) {
                le.nforms = number_forms(&d->arena, t, &le.forms);
                if (!le.nforms)
                    return -1;
            } else {
                le.forms = mem_arena_alloc(&d->arena, sizeof *le.forms);
                if (!le.forms)
                    return -1;
                le.forms[0] = t;
            }
            if (pat.nelems >= ELEM_MAX) {
                bad(d, file, ln, "pattern '%s' is too long", pt);
                return -1;
            }
            pat.elems[pat.nelems++] = le;
        }
    }
    int sane = pat.nelems > 0 && pat.elems[0].kind != PAT_GAP &&
               pat.elems[pat.nelems - 1].kind != PAT_GAP;
    for (int k = 0; sane && k < pat.nelems; k++)
        if (pat.elems[k].kind != PAT_GAP && pat.elems[k].kind != PAT_SLOT &&
            pat.elems[k].kind != PAT_SKIP && (pat.elems[k].nforms < 1 || !pat.elems[k].forms[0][0]))
            sane = 0;
    if (!sane) {
        bad(d, file, ln, "pattern '%s' has no matchable words", pt);
        return -1;
    }
    if (VEC_PUSH(d->patterns, pat) < 0)
        return -1;
    int pi = d->patterns.n - 1;
    const dict_elem *e0 = &pat.elems[0];
    if (e0->kind == PAT_PREFIX)
        VEC_PUSH(d->prefix_patterns, pi);
    else
        for (int i = 0; i < e0->nforms; i++)
            smap_add(&d->pattern_index, e0->forms[i], pi);
    return 0;
}

/* CODE[ FLAG...] | pattern; pattern, the flags `sym`, `comment`, `verb`
 * and `topic` (at most three) */
static void load_verb_line(dict *d, const char *file, long ln, char *line)
{
    static const struct { const char *name; int flag; } verb_flags[] = {
        {"sym", 0}, {"comment", DICT_PAT_COMMENT}, {"verb", DICT_PAT_VERB},
        {"topic", DICT_PAT_TOPIC}};
    char *f[3];
    int n = split(line, " | ", f, 2);
    if (n != 2) {
        bad(d, file, ln, "expected 'CODE[ FLAGS] | pattern; pattern'");
        return;
    }
    char *head[5];
    char *h = trim(f[0]);
    int nh = split(h, " ", head, 5); /* 5: a fifth word is one too many */
    int sym = 0, flags = DICT_PAT_NUMBERS;
    for (int i = 1; i < nh && nh <= 4; i++) {
        size_t k = 0, nf = sizeof verb_flags / sizeof verb_flags[0];
        const char *w = trim(head[i]);
        while (k < nf && strcmp(w, verb_flags[k].name))
            k++;
        if (k == nf)
            break;
        sym |= k == 0;
        flags |= verb_flags[k].flag;
        if (i == nh - 1)
            nh = 0; /* all known */
    }
    if (nh > 1) {
        bad(d, file, ln, "the code may only be followed by the flags 'sym', 'comment', 'verb' "
                         "and 'topic'");
        return;
    }
    int ci = dict_cameo_find(d, trim(head[0]));
    if (ci < 0) {
        bad(d, file, ln, "'%s' is not a CAMEO event code in cameo.tsv", head[0]);
        return;
    }
    char *pats[256];
    int np = split(f[1], ";", pats, 256);
    if (np > 256) {
        bad(d, file, ln, "too many patterns on one line (at most 256)");
        return;
    }
    for (int p = 0; p < np; p++) {
        char *pt = trim(pats[p]);
        if (!*pt)
            continue;
        if (strlen(pt) >= 512) {
            bad(d, file, ln, "pattern too long");
            continue;
        }
        if (strchr(pt, '|')) {
            bad(d, file, ln, "'|' is not allowed in pattern '%s'", pt);
            continue;
        }
        compile_pattern(d, file, ln, ci, -1, sym, flags, pt);
    }
}

int dict_add_pattern(dict *d, int code, int code2, int flags, const char *pattern,
                     const char *file, long line)
{
    return compile_pattern(d, file, line, code, code2, 0, flags, pattern);
}

int dict_add_actor(dict *d, const char *const *names, int nnames,
                   const dict_role *roles, int nroles, dict_kind kind,
                   const char *file, long line, const char *raw)
{
    dict_actor a = {0};
    a.kind = kind;
    a.where = where(d, file, line);
    a.line = mem_arena_strndup(&d->arena, raw, strlen(raw));
    a.roles = mem_arena_alloc(&d->arena, sizeof *a.roles * (size_t)(nroles + 1));
    if (!a.where || !a.line || !a.roles)
        return -1;
    for (int i = 0; i < nroles; i++) {
        if (roles[i].code[0] && !valid_codes(roles[i].code, 15)) {
            bad(d, file, line, "'%s' is not an actor code (A-Z, 0-9, several joined by '/', "
                               "at most 15)", roles[i].code);
            return -1;
        }
        a.roles[a.nroles++] = roles[i];
    }
    int idx = d->actors.n, added = 0;
    for (int i = 0; i < nnames; i++) {
        if (!names[i][0])
            continue;
        if (!added)
            a.name = mem_arena_strndup(&d->arena, names[i], strlen(names[i]));
        if (add_phrase(d, names[i], DICT_ACTOR, idx) < 0)
            continue;
        added++;
    }
    if (!added) {
        bad(d, file, line, "actor entry without a readable name");
        return -1;
    }
    return VEC_PUSH(d->actors, a);
}

int dict_add_agent(dict *d, const char *const *words, int nwords, const char *code,
                   int solo, int prefix, const char *file, long line, const char *raw)
{
    if (!valid_code(code, 7)) {
        bad(d, file, line, "'%s' is not an agent code (A-Z, 0-9, at most 7)", code);
        return -1;
    }
    dict_agent ag = {{0}, solo, prefix, where(d, file, line),
                     mem_arena_strndup(&d->arena, raw, strlen(raw))};
    if (!ag.where || !ag.line)
        return -1;
    strcpy(ag.code, code);
    if (VEC_PUSH(d->agents, ag) < 0)
        return -1;
    int idx = d->agents.n - 1;
    for (int i = 0; i < nwords; i++)
        if (words[i][0])
            add_phrase(d, words[i], DICT_AGENT, idx);
    return 0;
}

int dict_cameo_ensure(dict *d, const char *code)
{
    int ci = dict_cameo_find(d, code);
    if (ci >= 0)
        return ci;
    size_t n = strlen(code);
    if (n < 2 || n > 4 || !valid_code(code, 4) || !isdigit((unsigned char)code[0]) ||
        !isdigit((unsigned char)code[1]))
        return -1;
    dict_cameo c = {{0}, {0}, NULL, 0, 0, "", "", "", 1};
    strcpy(c.code, code);
    memcpy(c.root, code, 2);
    int root = (code[0] - '0') * 10 + (code[1] - '0');
    c.quad = root >= 1 && root <= 5 ? 1 : root <= 8 && root >= 6 ? 2
           : root >= 9 && root <= 13 ? 3 : root >= 14 && root <= 20 ? 4 : 0;
    c.name = "(not in cameo.tsv)";
    c.plover = "";
    if (VEC_PUSH(d->cameo, c) < 0)
        return -1;
    const char *key = mem_arena_strndup(&d->arena, c.code, strlen(c.code));
    if (!key || smap_add(&d->cameo_index, key, d->cameo.n - 1) < 0)
        return -1;
    return d->cameo.n - 1;
}

int dict_add_discard(dict *d, const char *phrase, int story, int exact,
                     const char *file, long line)
{
    int nt;
    const char *key = phrase_key(d, phrase, &nt);
    if (!key || nt == 0) {
        bad(d, file, line, "cannot read discard phrase '%s'", phrase);
        return -1;
    }
    dict_discard x = {NULL, 0, story, exact};
    x.tok = mem_arena_alloc(&d->arena, sizeof *x.tok * (size_t)nt);
    char *kc = mem_arena_strndup(&d->arena, key, strlen(key));
    if (!x.tok || !kc)
        return -1;
    char *save = NULL;
    for (char *t = strtok_r(kc, " ", &save); t && x.ntok < nt; t = strtok_r(NULL, " ", &save))
        x.tok[x.ntok++] = t;
    return VEC_PUSH(d->discards, x);
}

int dict_discard_find(const dict *d, const char *const *norms, int n, int *story)
{
    int found = 0;
    *story = 0;
    for (int k = 0; k < d->discards.n; k++) {
        const dict_discard *x = &d->discards.v[k];
        for (int i = 0; i + x->ntok <= n; i++) {
            int j = 0;
            for (; j < x->ntok; j++) {
                const char *w = norms[i + j], *t = x->tok[j];
                int last = j == x->ntok - 1 && !x->exact;
                if (last ? strncmp(w, t, strlen(t)) != 0 : strcmp(w, t) != 0)
                    break;
            }
            if (j == x->ntok) {
                found = 1;
                if (x->story) {
                    *story = 1;
                    return 1;
                }
                break;
            }
        }
    }
    return found;
}

int dict_ndiscards(const dict *d) { return d->discards.n; }

typedef void (*line_fn)(dict *, const char *, long, char *);

/* A dictionary file that yields nothing, or far fewer entries than it has
 * lines (more than half of them bad), is an error naming the file, not a
 * smaller dictionary: an empty verbs.txt would code nothing, silently. */
int dict_check_yield(dict *d, const char *file, long lines, long bad)
{
    char msg[200];
    if (lines <= 0)
        snprintf(msg, sizeof msg, "error: no entries (an empty dictionary file codes nothing)");
    else if (bad * 2 > lines)
        snprintf(msg, sizeof msg, "error: only %ld of its %ld lines loaded", lines - bad, lines);
    else
        return 0;
    if (d->diag)
        d->diag(d->ud, file, 0, msg);
    return -2;
}

int dict_load_buffer(dict *d, const char *type, const char *name,
                     const char *buf, size_t len)
{
    line_fn fn = NULL;
    if (!strcmp(type, "actors"))
        fn = load_actor_line;
    else if (!strcmp(type, "demonyms"))
        fn = load_demonym_line;
    else if (!strcmp(type, "agents"))
        fn = load_agent_line;
    else if (!strcmp(type, "verbs"))
        fn = load_verb_line;
    else if (!strcmp(type, "cameo"))
        fn = load_cameo_line;
    else if (!strcmp(type, "irregular"))
        fn = load_irregular_line;
    else
        return -1;
    long ln = 0, lines = 0;
    int bad0 = d->nbad;
    size_t i = 0;
    char line[8192];
    while (i < len) {
        const char *nl = memchr(buf + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - buf) : len;
        ln++;
        size_t n = e - i;
        if (n >= sizeof line) {
            lines++;
            bad(d, name, ln, "line longer than %zu bytes", sizeof line - 1);
            i = e + 1;
            continue;
        }
        memcpy(line, buf + i, n);
        line[n] = 0;
        i = e + 1;
        if (memchr(line, 0, n)) {
            lines++;
            bad(d, name, ln, "NUL byte in line");
            continue;
        }
        /* strip comments (not in the tab-separated CAMEO table) */
        if (fn != load_cameo_line) {
            char *hash = strchr(line, '#');
            if (hash)
                *hash = 0;
        }
        char *t = trim(line);
        if (!*t)
            continue;
        lines++;
        fn(d, name, ln, t);
    }
    /* the CAMEO table's header line is a line, not an entry */
    return dict_check_yield(d, name, fn == load_cameo_line ? lines - 1 : lines, d->nbad - bad0);
}

int dict_load_file(dict *d, const char *type, const char *path)
{
    size_t len;
    char *buf = mem_read_file(path, 256u << 20, &len);
    if (!buf)
        return -1;
    int rc = dict_load_buffer(d, type, path, buf, len);
    mem_free(buf);
    return rc;
}

/* The source files of dict_load, in loading order: actors.txt before the
 * generated country names, as the first entry of a phrase wins ("Congo" is
 * COD in actors.txt). Every one is required: without countries.gen.txt
 * most countries are no actors, without irregular.gen.txt "struck" is no
 * form of "strike" (the .gen files are made by `make data`). */
static const struct {
    const char *file, *type;
} dict_sources[] = {
    {"cameo.tsv", "cameo"},          {"irregular.gen.txt", "irregular"},
    {"actors.txt", "actors"},        {"countries.gen.txt", "actors"},
    {"demonyms.txt", "demonyms"},    {"agents.txt", "agents"},
    {"verbs.txt", "verbs"},
};
enum { dict_nsources = sizeof dict_sources / sizeof dict_sources[0] };

dict *dict_load_text(const char *dir, ent_diag_fn diag, void *ud, int *nbad, ent_rc *rc)
{
    dict *d = dict_new(diag, ud);
    if (!d) {
        *rc = ENT_ENOMEM;
        return NULL;
    }
    for (int i = 0; i < dict_nsources; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, dict_sources[i].file);
        int lrc = dict_load_file(d, dict_sources[i].type, path);
        if (lrc == -1 && diag) {
            char msg[600];
            snprintf(msg, sizeof msg, "error: cannot read dictionary: %s%s", strerror(errno),
                     strstr(path, ".gen.") ? " (generated by `make data`)" : "");
            diag(ud, path, 0, msg);
        }
        if (lrc < 0) {
            dict_free(d);
            *rc = ENT_EDICT;
            return NULL;
        }
    }
    if (nbad)
        *nbad = d->nbad;
    *rc = ENT_OK;
    return d;
}

/* The compiled dictionaries of dir, if dir/dict.gen.bin is valid and up
 * to date with the text files; NULL otherwise (a present but unusable
 * file is reported to diag). */
static dict *load_compiled(const char *dir, ent_diag_fn diag, void *ud)
{
    char path[4096], why[256];
    if ((size_t)snprintf(path, sizeof path, "%s/dict.gen.bin", dir) >= sizeof path)
        return NULL;
    void *block;
    size_t len;
    binfile_rc rc = binfile_read(path, dictbin_magic, DICTBIN_VERSION, (size_t)1 << 30, &block,
                                 &len, why, sizeof why);
    if (rc == BINFILE_OK && !binfile_fresh(block, dir)) {
        mem_free(block);
        return NULL; /* a text file changed since: compiled again by make */
    }
    dict *d = NULL;
    if (rc == BINFILE_OK) {
        d = dictbin_read(block, dir, diag, ud, why, sizeof why);
        if (!d)
            rc = BINFILE_BAD;
    }
    if (rc == BINFILE_BAD && diag) {
        char msg[400];
        snprintf(msg, sizeof msg, "compiled dictionaries not used (%s); reading the text files",
                 why);
        diag(ud, path, 0, msg);
    }
    return d;
}

dict *dict_load(const char *dir, ent_diag_fn diag, void *ud, int *nbad, ent_rc *rc)
{
    dict *d = load_compiled(dir, diag, ud);
    if (!d) {
        d = dict_load_text(dir, diag, ud, nbad, rc);
        if (d && dict_index_names(d) < 0) {
            dict_free(d);
            *rc = ENT_ENOMEM;
            return NULL;
        }
        return d;
    }
    if (dict_index_names(d) < 0) {
        dict_free(d);
        *rc = ENT_ENOMEM;
        return NULL;
    }
    if (nbad)
        *nbad = d->nbad;
    *rc = ENT_OK;
    return d;
}

/* ---- actors split for output: canonical name, country, agent ---- */

static int add_code3(dict *d, smap *m, const char *code)
{
    if (strlen(code) < 3 || !isupper((unsigned char)code[0]) ||
        !isupper((unsigned char)code[1]) || !isupper((unsigned char)code[2]))
        return 0;
    char k[4] = {code[0], code[1], code[2], 0};
    if (smap_get(m, k))
        return 0;
    const char *key = mem_arena_strndup(&d->arena, k, 3);
    return key ? smap_add(m, key, 0) : -1;
}

int dict_index_names(dict *d)
{
    for (int i = 0; i < d->actors.n; i++) {
        const dict_actor *a = &d->actors.v[i];
        if (a->where && !smap_get(&d->where_index, a->where) &&
            smap_add(&d->where_index, a->where, i) < 0)
            return -1;
        if (a->kind != KIND_COUNTRY && a->kind != KIND_CAPITAL)
            continue;
        for (int r = 0; r < a->nroles; r++)
            if (add_code3(d, &d->country_index, a->roles[r].code) < 0)
                return -1;
    }
    for (int i = 0; i < d->agents.n; i++) {
        const char *c = d->agents.v[i].code;
        if (add_code3(d, &d->agent_index, c + (*c == '~')) < 0)
            return -1;
    }
    return 0;
}

void dict_split_code(const dict *d, ent_actor_ref *a)
{
    a->country[0] = a->agent[0] = 0;
    const char *code = a->code ? a->code : "";
    char k[4] = {0};
    if (strlen(code) >= 3)
        memcpy(k, code, 3);
    const char *rest = code;
    if (k[0] && smap_get(&d->country_index, k)) {
        memcpy(a->country, k, 4);
        rest = code + 3;
    }
    if (strlen(rest) >= 3) {
        memcpy(k, rest, 3);
        if (a->country[0] || smap_get(&d->agent_index, k))
            memcpy(a->agent, k, 4);
    }
}

void dict_describe_actor(const dict *d, const char *entry, ent_actor_ref *a)
{
    a->name = NULL;
    dict_split_code(d, a);
    /* the first actor entry among the dictionary lines that named it */
    for (const char *p = entry; p && *p;) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char w[256];
        if (n < sizeof w) {
            memcpy(w, p, n);
            w[n] = 0;
            const ilist *l = smap_get(&d->where_index, w);
            if (l && l->n) {
                a->name = d->actors.v[l->v[0]].name;
                return;
            }
        }
        p = e ? e + 1 : NULL;
        while (p && *p == ' ')
            p++;
    }
}

/* Messages of the text load that dict_compile stores in the file. */
typedef struct compile_log {
    const char *dir;
    mem_arena arena;
    VEC(dictbin_msg) msgs;
    int oom;
    ent_diag_fn diag;
    void *ud;
} compile_log;

static void log_diag(void *ud, const char *file, long line, const char *msg)
{
    compile_log *log = ud;
    if (log->diag)
        log->diag(log->ud, file, line, msg);
    /* file names relative to the folder, which the loader puts back */
    size_t k = strlen(log->dir);
    if (file && !strncmp(file, log->dir, k) && file[k] == '/')
        file += k + 1;
    dictbin_msg m = {file ? mem_arena_strndup(&log->arena, file, strlen(file)) : NULL, line,
                     mem_arena_strndup(&log->arena, msg, strlen(msg))};
    if ((file && !m.file) || !m.msg || VEC_PUSH(log->msgs, m) < 0)
        log->oom = 1;
}

int dict_compile(const char *dir, const char *path, ent_diag_fn diag, void *ud)
{
    compile_log log = {dir, {0}, {NULL, 0, 0}, 0, diag, ud};
    int nbad;
    ent_rc rc;
    char err[512];
    dict *d = NULL;
    int ret = -1;
    /* the sources as they are before they are read: one changed while
     * being read makes the compiled file stale, never wrongly fresh */
    binfile_source src[BINFILE_MAXSRC];
    _Static_assert((int)dict_nsources <= (int)BINFILE_MAXSRC,
                   "every source fits in the header");
    for (int i = 0; i < dict_nsources; i++)
        if (binfile_source_stat(dir, dict_sources[i].file, &src[i]) != 0) {
            snprintf(err, sizeof err, "cannot examine %s/%s: %s", dir, dict_sources[i].file,
                     strerror(errno));
            goto done;
        }
    d = dict_load_text(dir, log_diag, &log, &nbad, &rc);
    if (!d)
        snprintf(err, sizeof err, "cannot load the text dictionaries: %s", ent_strerror(rc));
    else if (log.oom)
        snprintf(err, sizeof err, "out of memory");
    else
        ret = dictbin_write(d, path, src, dict_nsources, log.msgs.v, log.msgs.n, err,
                            sizeof err);
done:
    if (ret < 0 && diag)
        diag(ud, path, 0, err);
    dict_free(d);
    mem_free(log.msgs.v);
    mem_arena_free(&log.arena);
    return ret;
}

int dict_match_phrase(const dict *d, const char *const *norms,
                      const unsigned char *caps, int n, int i,
                      dict_phrase *out, int max, int *nout)
{
    char key[1024];
    *nout = 0;
    /* only tokens that start some phrase are worth a look-up */
    const ilist *fl = smap_get(&d->first_index, norms[i]);
    if (!fl || !fl->n)
        return 0;
    int lim = fl->v[0] < n - i ? fl->v[0] : n - i;
    for (int len = lim; len >= 1; len--) {
        size_t k = 0;
        int ok = 1;
        for (int j = 0; j < len; j++) {
            size_t wl = strlen(norms[i + j]);
            if (k + wl + 2 > sizeof key) {
                ok = 0;
                break;
            }
            if (j)
                key[k++] = ' ';
            memcpy(key + k, norms[i + j], wl);
            k += wl;
        }
        if (!ok)
            continue;
        key[k] = 0;
        ilist *l = smap_get(&d->phrase_index, key);
        if (!l || !l->n)
            continue;
        /* actors first, then demonyms, then agents */
        int all_caps = 1;
        unsigned initials = 0;
        for (int j = 0; caps && j < len; j++) {
            all_caps &= caps[i + j] & DICT_CAPS_ALL;
            if (j < 32 && (caps[i + j] & DICT_CAPS_INITIAL))
                initials |= 1u << j;
        }
        /* a name matched as written is not part of a longer name: no
         * capitalised word after it ("the Post Office"), nor one before it
         * unless that is "The" or an acronym ("Social Democrats" and "New
         * York Post" are other names; "US Democrats" is not) */
        int longer = caps && ((i + len < n && (caps[i + len] & DICT_CAPS_INITIAL)) ||
                              (i > 0 && (caps[i - 1] & DICT_CAPS_INITIAL) &&
                               !(caps[i - 1] & DICT_CAPS_ALL) && strcmp(norms[i - 1], "the")));
        for (int type = DICT_ACTOR; type <= DICT_AGENT; type++)
            for (int j = 0; j < l->n && *nout < max; j++) {
                const dict_phrase *ph = &d->phrases.v[l->v[j]];
                if (ph->type != type || (ph->acronym && caps && !all_caps))
                    continue;
                if (ph->capmask && caps && ((ph->capmask & initials) != ph->capmask || longer))
                    continue;
                out[(*nout)++] = *ph;
            }
        if (*nout)
            return len;
    }
    return 0;
}

const int *dict_patterns_for(const dict *d, const char *w, int *n)
{
    ilist *l = smap_get(&d->pattern_index, w);
    *n = l ? l->n : 0;
    return l ? l->v : NULL;
}

const int *dict_prefix_patterns(const dict *d, int *n)
{
    *n = d->prefix_patterns.n;
    return d->prefix_patterns.v;
}

const dict_actor *dict_actor_at(const dict *d, int i) { return &d->actors.v[i]; }
const dict_demonym *dict_demonym_at(const dict *d, int i) { return &d->demonyms.v[i]; }
const dict_agent *dict_agent_at(const dict *d, int i) { return &d->agents.v[i]; }
const dict_pattern *dict_pattern_at(const dict *d, int i) { return &d->patterns.v[i]; }
const dict_cameo *dict_cameo_at(const dict *d, int i) { return &d->cameo.v[i]; }

const char *dict_actor_code(const dict_actor *a, int date)
{
    const char *fallback = NULL, *latest = NULL;
    long latest_to = -1;
    for (int i = 0; i < a->nroles; i++) {
        const dict_role *r = &a->roles[i];
        if (r->from < 0) {
            if (!fallback)
                fallback = r->code;
            continue;
        }
        if (date && (r->from == 0 || date >= r->from) && (r->to == 0 || date <= r->to))
            return r->code[0] ? r->code : NULL; /* "": no code on these dates */
        /* an undated text: the last office the person held, which news
         * mostly writes about ("President Assad" in an undated analysis of
         * the war is SYRGOV, not SYRELI); "former" before the name keeps
         * the former role (actor.c) */
        long to = r->to == 0 ? 99999999L : (long)r->to;
        if (!date && r->code[0] && to > latest_to) {
            latest = r->code;
            latest_to = to;
        }
    }
    if (latest)
        return latest;
    return fallback && fallback[0] ? fallback : NULL;
}

void dict_stats(const dict *d, ent_dict_stats *st)
{
    memset(st, 0, sizeof *st);
    st->actors = d->actors.n;
    st->demonyms = d->demonyms.n;
    st->agents = d->agents.n;
    st->verb_patterns = d->patterns.n;
    st->cameo_codes = d->cameo.n;
    /* distinct codes with patterns */
    char *seen = mem_calloc((size_t)d->cameo.n + 1, 1);
    if (seen) {
        for (int i = 0; i < d->patterns.n; i++)
            if (d->patterns.v[i].code >= 0 && !seen[d->patterns.v[i].code]++)
                st->verb_codes++;
        mem_free(seen);
    }
}

int dict_nbad(const dict *d) { return d->nbad; }

void dict_each_phrase(const dict *d, dict_phrase_fn fn, void *ud)
{
    for (size_t i = 0; i < d->phrase_index.cap; i++) {
        const char *k = d->phrase_index.keys[i];
        if (!k)
            continue;
        const ilist *l = &d->phrase_index.vals[i];
        dict_phrase buf[64];
        int n = 0;
        for (int j = 0; j < l->n && n < 64; j++)
            buf[n++] = d->phrases.v[l->v[j]];
        fn(ud, k, buf, n);
    }
}

int dict_nactors(const dict *d) { return d->actors.n; }
int dict_nagents(const dict *d) { return d->agents.n; }
int dict_npatterns(const dict *d) { return d->patterns.n; }
