/*
 * maint.c - dictionary maintenance behind `entente dict`: check (syntax,
 * duplicate and conflicting entries, overlapping date ranges, codes that
 * are not CAMEO), lookup (what the dictionaries say of a phrase or a code,
 * and which file:line says it) and gaps (frequent actor-like names that no
 * entry covers, and frequent verbs between two actors that no pattern
 * matched: the list a curator works from) and compile (the compiled
 * dictionaries and gazetteer that load fast). The gap list leaves out what
 * is not an actor to be added: places (by the gazetteer and the words around
 * them), names the dictionaries already cover piece by piece
 * ("Russian-Iranian"), capitalised words that open a sentence or clause,
 * headlines, handles, and the names of wars, treaties and other things.
 */
#include "base/cameo.h"
#include "base/hash.h"
#include "code/codeint.h"
#include "text/text.h"
#include "context/where.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- check ---- */

typedef struct check_ctx {
    const dict *d;
    ent_diag_fn diag;
    void *ud;
    int errors, warnings;
} check_ctx;

static void report(check_ctx *k, int error, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void report(check_ctx *k, int error, const char *where, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    int n = snprintf(msg, sizeof msg, "%s: ", error ? "error" : "warning");
    vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
    va_end(ap);
    if (error)
        k->errors++;
    else
        k->warnings++;
    if (k->diag)
        k->diag(k->ud, where, 0, msg);
}

typedef struct country_set {
    char (*v)[4];
    int n, cap;
} country_set;

static int is_country(const country_set *cs, const char *c)
{
    for (int i = 0; i < cs->n; i++)
        if (!strncmp(cs->v[i], c, 3))
            return 1;
    return 0;
}

/* A CAMEO actor code: a country (or region, IGO, NGO, IMG, MNC) followed
 * by three-letter agent codes. Organisation codes after IGO/NGO/IMG/MNC
 * are free-form. Returns NULL or what is wrong. */
static const char *code_problem(const country_set *cs, const char *code)
{
    size_t n = strlen(code);
    if (n < 3)
        return "shorter than three letters";
    if (!strncmp(code, "IGO", 3) || !strncmp(code, "NGO", 3) || !strncmp(code, "IMG", 3) ||
        !strncmp(code, "MNC", 3))
        return NULL;
    if (!is_country(cs, code) && !cameo_is_region(code) && !cameo_is_agent(code))
        return "does not start with a known country, region or IGO/NGO code";
    for (size_t i = 3; i + 3 <= n; i += 3)
        if (!cameo_is_agent(code + i))
            return "has an agent part that is not a CAMEO agent code";
    if (n % 3)
        return "is not made of three-letter parts";
    return NULL;
}

static void check_phrase(void *ud, const char *key, const dict_phrase *ph, int n)
{
    check_ctx *k = ud;
    for (int a = 0; a < n; a++)
        for (int b = a + 1; b < n; b++) {
            if (ph[a].type != ph[b].type)
                continue;
            const char *wa, *wb, *ca = "", *cb = "";
            if (ph[a].type == DICT_ACTOR) {
                const dict_actor *x = dict_actor_at(k->d, ph[a].idx), *y = dict_actor_at(k->d, ph[b].idx);
                if (x == y)
                    continue;
                wa = x->where;
                wb = y->where;
                ca = x->nroles ? x->roles[0].code : "";
                cb = y->nroles ? y->roles[0].code : "";
            } else if (ph[a].type == DICT_AGENT) {
                const dict_agent *x = dict_agent_at(k->d, ph[a].idx), *y = dict_agent_at(k->d, ph[b].idx);
                if (x == y)
                    continue;
                wa = x->where;
                wb = y->where;
                ca = x->code;
                cb = y->code;
            } else {
                const dict_demonym *x = dict_demonym_at(k->d, ph[a].idx), *y = dict_demonym_at(k->d, ph[b].idx);
                if (!strcmp(x->where, y->where))
                    continue;
                wa = x->where;
                wb = y->where;
                ca = x->code;
                cb = y->code;
            }
            if (strcmp(ca, cb))
                report(k, 0, wb, "'%s' is also at %s with another code (%s vs %s); the first wins", key,
                       wa, ca, cb);
            else
                report(k, 0, wb, "'%s' is listed twice (also at %s)", key, wa);
        }
}

static int cmp_pat(const void *a, const void *b)
{
    const dict_pattern *x = *(const dict_pattern *const *)a, *y = *(const dict_pattern *const *)b;
    return strcmp(x->text, y->text);
}

int ent_dict_check(const char *dir, ent_diag_fn diag, void *ud, int *nwarn)
{
    int nbad = 0;
    ent_rc rc;
    check_ctx k = {NULL, diag, ud, 0, 0};
    /* the text files are what is checked, whatever is compiled */
    dict *d = dict_load_text(dir, diag, ud, &nbad, &rc);
    if (!d) {
        if (nwarn)
            *nwarn = 0;
        return 1;
    }
    k.d = d;
    k.errors = nbad;
    /* country codes known from the country entries */
    country_set cs = {NULL, 0, 0};
    for (int i = 0; i < dict_nactors(d); i++) {
        const dict_actor *a = dict_actor_at(d, i);
        if (a->kind != KIND_COUNTRY)
            continue;
        for (int r = 0; r < a->nroles; r++)
            if (strlen(a->roles[r].code) == 3) {
                if (cs.n == cs.cap) {
                    cs.cap = cs.cap ? cs.cap * 2 : 256;
                    cs.v = realloc(cs.v, sizeof *cs.v * (size_t)cs.cap);
                    if (!cs.v)
                        abort();
                }
                memcpy(cs.v[cs.n++], a->roles[r].code, 4);
            }
    }
    for (int i = 0; i < dict_nactors(d); i++) {
        const dict_actor *a = dict_actor_at(d, i);
        for (int r = 0; r < a->nroles; r++) {
            const char *why = code_problem(&cs, a->roles[r].code);
            if (why)
                report(&k, 1, a->where, "actor code %s %s", a->roles[r].code, why);
        }
        /* overlapping date ranges */
        for (int r = 0; r < a->nroles; r++)
            for (int q = r + 1; q < a->nroles; q++) {
                const dict_role *x = &a->roles[r], *y = &a->roles[q];
                if (x->from < 0 || y->from < 0)
                    continue;
                int xf = x->from, xt = x->to ? x->to : 99991231;
                int yf = y->from, yt = y->to ? y->to : 99991231;
                /* a hand-over day shared by two ranges is not an overlap */
                if (xf < yt && yf < xt) {
                    if (strcmp(x->code, y->code))
                        report(&k, 1, a->where, "date ranges of %s and %s overlap", x->code, y->code);
                    else if (xf != yf || xt != yt)
                        report(&k, 0, a->where, "two date ranges of %s overlap", x->code);
                }
            }
        int dflt = 0;
        for (int r = 0; r < a->nroles; r++)
            dflt += a->roles[r].from < 0;
        if (dflt > 1)
            report(&k, 0, a->where, "more than one undated code: only the first is used");
    }
    for (int i = 0; i < dict_nagents(d); i++) {
        const dict_agent *g = dict_agent_at(d, i);
        for (size_t p = 0; p + 3 <= strlen(g->code); p += 3)
            if (!cameo_is_agent(g->code + p)) {
                report(&k, 1, g->where, "agent code %s is not a CAMEO agent code", g->code);
                break;
            }
    }
    dict_each_phrase(d, check_phrase, &k);
    /* patterns written twice, or with two codes */
    int np = dict_npatterns(d);
    const dict_pattern **pv = malloc(sizeof *pv * (size_t)(np + 1));
    if (pv) {
        for (int i = 0; i < np; i++)
            pv[i] = dict_pattern_at(d, i);
        qsort(pv, (size_t)np, sizeof *pv, cmp_pat);
        for (int i = 1; i < np; i++) {
            if (strcmp(pv[i]->text, pv[i - 1]->text))
                continue;
            const dict_cameo *a = dict_cameo_at(d, pv[i - 1]->code), *b = dict_cameo_at(d, pv[i]->code);
            if (strcmp(a->code, b->code))
                report(&k, 1, pv[i]->where, "pattern '%s' is also at %s with code %s (here %s)",
                       pv[i]->text, pv[i - 1]->where, a->code, b->code);
            else
                report(&k, 0, pv[i]->where, "pattern '%s' is also at %s", pv[i]->text,
                       pv[i - 1]->where);
        }
        free(pv);
    }
    free(cs.v);
    dict_free(d);
    if (nwarn)
        *nwarn = k.warnings;
    return k.errors;
}

/* ---- compile ---- */

ent_rc ent_dict_compile(const char *dir, ent_diag_fn diag, void *ud)
{
    char path[4096], tsv[4096], err[600];
    if (!dir)
        return ENT_EUSAGE;
    snprintf(path, sizeof path, "%s/dict.gen.bin", dir);
    if (dict_compile(dir, path, diag, ud) < 0)
        return ENT_EDICT;
    snprintf(tsv, sizeof tsv, "%s/places.gen.tsv", dir);
    snprintf(path, sizeof path, "%s/places.gen.bin", dir);
    if (access(tsv, F_OK) != 0)
        return ENT_OK; /* no gazetteer: the coder does without */
    if (where_compile(tsv, path, err, sizeof err) < 0) {
        if (diag)
            diag(ud, path, 0, err);
        return ENT_EDICT;
    }
    return ENT_OK;
}

/* ---- lookup ---- */

int ent_coder_lookup(const ent_coder *c, const char *phrase, ent_entry_fn fn, void *ud)
{
    mem_arena a = {0};
    seg_doc sd;
    int found = 0;
    if (seg_split(&a, phrase, strlen(phrase), &sd) == 0 && sd.ntoks > 0) {
        const char **norms = mem_arena_alloc(&a, sizeof *norms * (size_t)sd.ntoks);
        if (norms) {
            for (int i = 0; i < sd.ntoks; i++)
                norms[i] = sd.toks[i].norm;
            dict_phrase ph[16];
            int nph = 0;
            int len = dict_match_phrase(c->d, norms, NULL, sd.ntoks, 0, ph, 16, &nph);
            if (len == sd.ntoks)
                for (int i = 0; i < nph; i++) {
                    const char *where = "", *line = "";
                    if (ph[i].type == DICT_ACTOR) {
                        where = dict_actor_at(c->d, ph[i].idx)->where;
                        line = dict_actor_at(c->d, ph[i].idx)->line;
                    } else if (ph[i].type == DICT_DEMONYM) {
                        where = dict_demonym_at(c->d, ph[i].idx)->where;
                        line = dict_demonym_at(c->d, ph[i].idx)->line;
                    } else {
                        where = dict_agent_at(c->d, ph[i].idx)->where;
                        line = dict_agent_at(c->d, ph[i].idx)->line;
                    }
                    fn(ud, where, line);
                    found++;
                }
        }
    }
    mem_arena_free(&a);
    return found;
}

int ent_coder_lookup_code(const ent_coder *c, const char *code, ent_entry_fn fn, void *ud)
{
    int found = 0;
    for (int i = 0; i < dict_nactors(c->d); i++) {
        const dict_actor *a = dict_actor_at(c->d, i);
        for (int r = 0; r < a->nroles; r++)
            if (!strcmp(a->roles[r].code, code)) {
                fn(ud, a->where, a->line);
                found++;
                break;
            }
    }
    for (int i = 0; i < dict_nagents(c->d); i++) {
        const dict_agent *g = dict_agent_at(c->d, i);
        size_t n = strlen(g->code), m = strlen(code);
        if (m >= n && !strcmp(code + m - n, g->code)) {
            fn(ud, g->where, g->line);
            found++;
        }
    }
    return found;
}

/* ---- gaps ---- */

typedef struct gap_item {
    char *key;
    char *example;
    long n;
    long places;         /* occurrences read as a place */
} gap_item;

typedef struct gap_count {
    hash_map index;      /* key -> its item in v */
    gap_item *v;
    size_t n, cap;
} gap_count;

struct ent_gaps {
    gap_count names, verbs;
    gap_count ignore;    /* reviewed names that are not actors */
    long sentences, ignored;
};

/* Countries named so far in the document being read (context for places). */
enum { GAP_MAXCTX = 8 };

static void gap_add(gap_count *g, const char *key, const char *example, int place)
{
    int at = hash_map_get(&g->index, key);
    if (at < 0) {
        if (mem_grow((void **)&g->v, &g->cap, g->n + 1, sizeof *g->v, 256) < 0)
            return;
        gap_item *it = &g->v[g->n];
        memset(it, 0, sizeof *it);
        it->key = mem_strdup(key);
        it->example = mem_strndup(example, strlen(example) > 160 ? 160 : strlen(example));
        if (!it->key || !it->example || (at = hash_map_put(&g->index, key, (int)g->n)) < 0) {
            mem_free(it->key);
            mem_free(it->example);
            return;
        }
        g->n++;
    }
    g->v[at].n++;
    g->v[at].places += place != 0;
}

ent_gaps *ent_gaps_new(void) { return mem_calloc(1, sizeof(ent_gaps)); }

static void gap_free(gap_count *g)
{
    for (size_t i = 0; i < g->n; i++) {
        mem_free(g->v[i].key);
        mem_free(g->v[i].example);
    }
    mem_free(g->v);
    hash_map_free(&g->index);
}

void ent_gaps_free(ent_gaps *g)
{
    if (!g)
        return;
    gap_free(&g->names);
    gap_free(&g->verbs);
    gap_free(&g->ignore);
    mem_free(g);
}

static int gap_has(const gap_count *g, const char *key)
{
    return hash_map_get(&g->index, key) >= 0;
}

int ent_gaps_ignore(ent_gaps *g, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[512];
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        char *hash = strchr(line, '#');
        if (hash)
            *hash = 0;
        char *a = line, *e = line + strlen(line);
        while (*a == ' ' || *a == '\t')
            a++;
        while (e > a && (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
            e--;
        *e = 0;
        if (!*a)
            continue;
        for (char *c = a; *c; c++)
            if (*c >= 'A' && *c <= 'Z')
                *c = (char)(*c - 'A' + 'a');
        gap_add(&g->ignore, a, "", 0);
        n++;
    }
    fclose(f);
    return n;
}

static const char *const name_stop[] = {
    "the", "a", "an", "this", "that", "these", "those", "but", "and", "or",
    "in", "on", "at", "for", "of", "to", "by", "with", "as", "if", "it",
    "its", "he", "she", "they", "we", "i", "his", "her", "their", "our",
    "there", "here", "when", "while", "after", "before", "since", "until",
    "what", "who", "which", "why", "how", "so", "yet", "meanwhile",
    "however", "therefore", "despite", "unlike", "under", "mr", "mrs",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
    "read", "photo", "more", "one", "two", "three", "whether", "some",
    "many", "several", "even", "also", "not", "no", "all", "both", "each",
    "other", "another", "such", "last", "next", "now", "then", "mr.", "mrs.",
    "ms.", "dr.", "ladies", "gentlemen", "excellencies", "excellency", "sir",
    "madam", "dear", "seyed", "seyyed", "sayyed", "sayyid", "hojatoleslam",
    "hojjatoleslam", "jan.", "feb.", "aug.", "sept.", "sep.", "oct.", "nov.", "dec.",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "no.", "i'm", NULL};
/* Last words that make a name a thing, not an actor: wars, treaties,
 * meetings, documents, goals ("the Syrian Civil War", "the Paris Agreement",
 * "the 2030 Agenda"). */
static const char *const thing_heads[] = {
    "war", "wars", "revolution", "uprising", "agreement", "agreements", "accord",
    "accords", "deal", "treaty", "plan", "talks", "process", "summit", "resolution",
    "declaration", "initiative", "goals", "goal", "agenda", "charter", "convention",
    "protocol", "crisis", "day", "act", "law", "doctrine", "cup", "games", "prize",
    "award", "festival", "olympics", "championship", "index", "report", "pact",
    "constitution", NULL};
static const char *const aux_words[] = {
    "has", "have", "had", "was", "were", "is", "are", "been", "being", "does",
    "did", "done", "said", "says", "seems", "seemed", "appears", "appeared",
    "its", "this", "thus", "was", "has", NULL};
static const char *const name_glue[] = {"al", "-", "of", "bin", "ibn", "el", "de", "la", "ul", NULL};

/* A rough lemma: "bombed" -> "bomb", "pushes" -> "push", "denied" -> "deny". */
static void lemma(const char *w, char *out, size_t cap)
{
    size_t n = strlen(w);
    snprintf(out, cap, "%s", w);
    if (n > 4 && !strcmp(w + n - 3, "ied"))
        snprintf(out, cap, "%.*sy", (int)(n - 3), w);
    else if (n > 4 && !strcmp(w + n - 2, "ed")) {
        size_t k = n - 2;
        if (k > 2 && w[k - 1] == w[k - 2] && w[k - 1] != 'l' && w[k - 1] != 's')
            k--;
        /* "continued" -> "continue", "negotiated" -> "negotiate" */
        char last = w[k - 1], before = w[k - 2];
        int e = last == 'u' || last == 'v' || last == 'c' || last == 'z' ||
                (last == 't' && before == 'a') || (last == 'g' && before == 'n') ||
                (last == 's' && strchr("aeiou", before) == NULL && before != 's');
        snprintf(out, cap, "%.*s%s", (int)k, w, e ? "e" : "");
    } else if (n > 4 && (!strcmp(w + n - 4, "shes") || !strcmp(w + n - 4, "ches") ||
                         !strcmp(w + n - 3, "xes")))
        snprintf(out, cap, "%.*s", (int)(n - 2), w);
    else if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i')
        snprintf(out, cap, "%.*s", (int)(n - 1), w);
}

/* A headline or title: at least three words of four letters or more, all
 * capitalised ("Russia's Syria Quandary"). Its names are not counted: they
 * are written in full in the text below it. */
static int is_headline(const cod_sentence *s)
{
    int cap = 0;
    for (int i = 0; i < s->n; i++) {
        if (!(s->tok[i].flags & SEG_WORD) || strlen(s->norm[i]) < 4)
            continue;
        if (!(s->tok[i].flags & SEG_CAP))
            return 0;
        cap++;
    }
    return cap >= 3;
}

/* Does a word open the sentence or a clause (after a quote, colon, dash or
 * bracket with no word before it in the clause)? */
static int opens_clause(const cod_sentence *s, int a)
{
    for (int k = a - 1; k >= 0; k--) {
        if (s->tok[k].flags & SEG_WORD)
            return 0;
        const char *w = s->norm[k];
        if ((s->tok[k].flags & SEG_QUOTE) || !strcmp(w, ":") || !strcmp(w, ";") ||
            !strcmp(w, "(") || !strcmp(w, "-") || !strcmp(w, "--"))
            return 1;
    }
    return 1;
}

/* Is the run of tokens [a, e) something other than an actor to add? */
static int not_a_gap(const ent_coder *c, const cod_sentence *s, int a, int e)
{
    /* one capitalised word opening the sentence or a clause */
    if (e - a == 1 && opens_clause(s, a))
        return 1;
    /* a handle or hashtag ("@HaidHaid22") */
    if (a > 0 && (cod_is(s, a - 1, "@") || cod_is(s, a - 1, "#")) &&
        s->tok[a - 1].end == s->tok[a].start)
        return 1;
    /* a shouted word or dateline ("BACKGROUNDER :"): all capitals, 8+ letters */
    for (int k = a; k < e; k++) {
        size_t len = s->tok[k].end - s->tok[k].start, up = 0;
        for (size_t b = s->tok[k].start; b < s->tok[k].end; b++)
            up += s->text[b] >= 'A' && s->text[b] <= 'Z';
        if (up >= 8 && up == len)
            return 1;
    }
    /* the name of a thing ("the Syrian Civil War") */
    if (cod_is_any(s, e - 1, thing_heads))
        return 1;
    /* covered piece by piece: a demonym as an adjective, a title, a
     * compound ("Russian-Iranian", "Sunni-Shia", "Chatham House Associate
     * Fellow") */
    for (int k = a; k < e;) {
        if (cod_is(s, k, "-") || !(s->tok[k].flags & SEG_WORD)) {
            k++;
            continue;
        }
        dict_phrase ph[4];
        int nph = 0;
        int len = dict_match_phrase(c->d, (const char *const *)s->norm, NULL, e, k, ph, 4, &nph);
        if (len <= 0)
            return 0;
        k += len;
    }
    return 1;
}

/* Remember the countries the sentence names, most recent first, as the
 * context that chooses among places of the same name. */
static void note_countries(const cod_sentence *s, char (*buf)[4], int *n)
{
    for (int m = 0; m < s->nm; m++) {
        const char *code = s->m[m].code, *kind = s->m[m].kind;
        if (!code || strlen(code) < 3 || !strncmp(code, "IGO", 3) || !strncmp(code, "NGO", 3) ||
            !strncmp(code, "IMG", 3) ||
            (strcmp(kind, "country") && strcmp(kind, "capital") && strcmp(kind, "place") &&
             strcmp(kind, "agent")))
            continue;
        int k = 0;
        while (k < *n && strncmp(buf[k], code, 3))
            k++;
        if (k == *n && *n < GAP_MAXCTX)
            (*n)++;
        if (k == GAP_MAXCTX)
            k = GAP_MAXCTX - 1;
        for (; k > 0; k--)
            memcpy(buf[k], buf[k - 1], 4);
        memcpy(buf[0], code, 3);
        buf[0][3] = 0;
    }
}

int ent_gaps_add(ent_gaps *g, const ent_coder *c, const ent_doc *doc)
{
    mem_arena A = {0};
    seg_doc sd;
    if (seg_split(&A, doc->text ? doc->text : "", doc->len, &sd) < 0) {
        mem_arena_free(&A);
        return -1;
    }
    int date = doc->date[0] ? atoi(doc->date) * 10000 + atoi(doc->date + 5) * 100 + atoi(doc->date + 8) : 0;
    char ctxbuf[GAP_MAXCTX][4];
    const char *ctx[GAP_MAXCTX];
    int nctx = 0;
    for (int i = 0; i < GAP_MAXCTX; i++)
        ctx[i] = ctxbuf[i];
    for (int si = 0; si < sd.nsents; si++) {
        const seg_sentence *st = &sd.sents[si];
        mem_arena work = {0};
        cod_sentence s;
        memset(&s, 0, sizeof s);
        s.d = c->d;
        s.dialect = c->dialect;
        s.arena = &work;
        s.text = doc->text;
        s.tok = sd.toks + st->tok0;
        s.n = st->ntok;
        s.date = date;
        s.norm = mem_arena_alloc(&work, sizeof *s.norm * (size_t)(s.n + 1));
        if (!s.norm) {
            mem_arena_free(&work);
            continue;
        }
        for (int i = 0; i < s.n; i++)
            s.norm[i] = s.tok[i].norm;
        if (actor_find(&s) < 0 || event_find(&s) < 0) {
            mem_arena_free(&work);
            continue;
        }
        g->sentences++;
        char *example = mem_arena_strndup(&work, doc->text + st->start, st->end - st->start);
        /* actor-like names: runs of capitalised words no entry covers */
        unsigned char *caps = mem_arena_alloc(&work, (size_t)s.n + 1);
        int headline = caps ? is_headline(&s) : 1;
        if (caps)
            for (int i = 0; i < s.n; i++)
                caps[i] = (s.tok[i].flags & SEG_CAP) && (s.tok[i].flags & SEG_WORD);
        for (int i = 0; i < s.n && !headline; i++) {
            if (!(s.tok[i].flags & SEG_CAP) || !(s.tok[i].flags & SEG_WORD) ||
                s.mention_at[i] >= 0)
                continue;
            int j = i;
            while (j < s.n && s.mention_at[j] < 0 &&
                   (((s.tok[j].flags & SEG_CAP) && (s.tok[j].flags & SEG_WORD)) ||
                    (cod_is_any(&s, j, name_glue) && j + 1 < s.n &&
                     (s.tok[j + 1].flags & SEG_CAP) && j > i)))
                j++;
            int a = i;
            while (a < j && cod_is_any(&s, a, name_stop))
                a++;
            int e = j;
            while (e > a && (cod_is_any(&s, e - 1, name_glue) || cod_is_any(&s, e - 1, name_stop)))
                e--;
            j = j > e ? j : e;
            if (e > a && example && !not_a_gap(c, &s, a, e)) {
                char key[256] = "";
                for (int k = a; k < e && strlen(key) < 200; k++) {
                    if (k > a && strcmp(s.norm[k], "-") && strcmp(s.norm[k - 1], "-"))
                        strcat(key, " ");
                    strncat(key, s.norm[k], sizeof key - strlen(key) - 1);
                }
                int place = where_place_at(c->places, (const char *const *)s.norm, caps, s.n, a, e,
                                           ctx, nctx);
                if (strlen(key) > 2 && gap_has(&g->ignore, key))
                    g->ignored++;
                else if (strlen(key) > 2)
                    gap_add(&g->names, key, example, place);
            }
            i = j;
        }
        note_countries(&s, ctxbuf, &nctx);
        /* verbs between two actor groups that no pattern matched */
        if (s.ng >= 2 && example) {
            int first = s.g[0].t1, last = s.g[s.ng - 1].t0;
            for (int i = first; i < last; i++) {
                if (s.mention_at[i] >= 0 || s.match_at[i] >= 0 ||
                    !(s.tok[i].flags & SEG_WORD) || (s.tok[i].flags & SEG_CAP))
                    continue;
                const char *w = s.norm[i];
                size_t n = strlen(w);
                int verbish = (n > 4 && !strcmp(w + n - 2, "ed")) ||
                              (dict_is_participle(c->d, w) && n > 2) ||
                              (n > 3 && w[n - 1] == 's' && i > 0 && s.mention_at[i - 1] >= 0);
                if (!verbish || cod_is_any(&s, i, aux_words))
                    continue;
                char lem[64];
                lemma(w, lem, sizeof lem);
                gap_add(&g->verbs, lem, example, 0);
            }
        }
        mem_arena_free(&work);
    }
    mem_arena_free(&A);
    return 0;
}

static int cmp_item(const void *a, const void *b)
{
    const gap_item *x = *(const gap_item *const *)a, *y = *(const gap_item *const *)b;
    if (x->n != y->n)
        return x->n < y->n ? 1 : -1;
    return strcmp(x->key, y->key);
}

/* A name read as a place in more than half of its occurrences. */
static int is_place(const gap_item *it)
{
    return it->places * 2 > it->n;
}

static void write_count(const gap_count *g, FILE *f, int top, const char *title)
{
    const gap_item **v = mem_malloc(sizeof *v * (g->n + 1));
    const gap_item **pl = mem_malloc(sizeof *pl * (g->n + 1));
    size_t n = 0, np = 0;
    for (size_t i = 0; v && pl && i < g->n; i++)
        if (is_place(&g->v[i]))
            pl[np++] = &g->v[i];
        else
            v[n++] = &g->v[i];
    if (v && pl) {
        qsort(v, n, sizeof *v, cmp_item);
        qsort(pl, np, sizeof *pl, cmp_item);
    }
    fprintf(f, "%s (%zu distinct)\n", title, n);
    for (size_t i = 0; v && i < n && (int)i < top; i++) {
        fprintf(f, "%6ld  %-40s  e.g. \"", v[i]->n, v[i]->key);
        for (const char *p = v[i]->example; *p; p++)
            fputc(*p == '\n' ? ' ' : *p, f);
        fputs("\"\n", f);
    }
    if (np) {
        fprintf(f, "  (left out as places: %zu distinct:", np);
        for (size_t i = 0; i < np && i < 12; i++)
            fprintf(f, "%s %s %ld", i ? "," : "", pl[i]->key, pl[i]->n);
        fputs(np > 12 ? ", ...)\n" : ")\n", f);
    }
    mem_free(v);
    mem_free(pl);
}

void ent_gaps_write(const ent_gaps *g, FILE *f, int top)
{
    fprintf(f, "%ld sentences read\n\n", g->sentences);
    write_count(&g->names, f, top, "Names no actor entry covers");
    if (g->ignored)
        fprintf(f, "  (left out as reviewed non-actors: %ld occurrences)\n", g->ignored);
    fputc('\n', f);
    write_count(&g->verbs, f, top, "Verbs between two actors that no pattern matched");
}
