/*
 * parse.c - link-grammar behind the coder (see parse.h): a sentence's text
 * goes to the parser as written, the words of its first linkage are mapped
 * back onto entente's tokens by byte offset, and the links are kept as
 * (left token, right token, type, subscript). The relation functions below
 * read the few link types event coding needs (link-grammar's English
 * dictionary documents them):
 *   S  subject - finite verb          SI  the same, inverted
 *   RS relative pronoun - its verb    I   modal / "to" / do - infinitive
 *   PP have - participle              P   be - participle (Pv passive,
 *                                         Pg progressive)
 *   TO verb - "to" of its infinitive  O   verb - object
 *   MV verb - modifier ("by", "to")   J   preposition - its noun
 *   VJ verb - "and" - verb            SJ  noun - "and" - noun
 *   R, MX noun - its relative pronoun
 */
#include "parse.h"

#include <link-grammar/link-includes.h>
#include <pthread.h>
#include <string.h>

#define PARSE_LINKAGES 100
#ifndef PARSE_NULL_RETRY_MAX
#define PARSE_NULL_RETRY_MAX 20
#endif

struct parse_engine {
    Dictionary dict;
};

static void quiet(lg_errinfo *ei, void *data)
{
    (void)ei;
    (void)data; /* link-grammar's notes (locale, dictionary) are not ours */
}

parse_engine *parse_engine_new(char *err, size_t errlen)
{
    lg_error_set_handler(quiet, NULL);
    parse_engine *e = mem_calloc(1, sizeof *e);
    if (!e) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    e->dict = dictionary_create_lang("en");
    if (!e->dict) {
        snprintf(err, errlen, "link-grammar's English dictionary is not installed "
                              "(apt-get install link-grammar-dictionaries-en)");
        mem_free(e);
        return NULL;
    }
    return e;
}

void parse_engine_free(parse_engine *e)
{
    if (!e)
        return;
    dictionary_delete(e->dict);
    mem_free(e);
}

/* The token whose bytes hold offset o (relative to base), or -1. */
static int token_at(const seg_token *tok, int n, size_t base, size_t o)
{
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (tok[mid].end - base <= o)
            lo = mid + 1;
        else if (tok[mid].start - base > o)
            hi = mid - 1;
        else
            return mid;
    }
    return -1;
}

static void split_label(const char *label, parse_link *k)
{
    size_t i = 0, j = 0;
    while (label[i] >= 'A' && label[i] <= 'Z' && i < sizeof k->type - 1) {
        k->type[i] = label[i];
        i++;
    }
    k->type[i] = 0;
    while (label[i] && j < sizeof k->sub - 1)
        k->sub[j++] = label[i++];
    k->sub[j] = 0;
}

/* The linkage to code from. link-grammar ranks a quotative inversion
 * ("X held talks" read as a quote fragment: LEFT-WALL -CP-> verb, verb
 * -SI-> noun) close to or above the plain declarative reading, and with a
 * linkage limit its ranking comes from a sample; so the first of the
 * ranked linkages whose main verb hangs from the wall by WV (a declarative
 * clause) is taken, and the first linkage when none does. */
static Linkage pick_linkage(Sentence sen, Parse_Options o, int nl)
{
    int max = nl < PARSE_LINKAGES ? nl : PARSE_LINKAGES;
    for (int i = 0; i < max; i++) {
        Linkage lk = linkage_create((LinkageIdx)i, sen, o);
        if (!lk)
            continue;
        int decl = 0, quote = 0;
        for (int k = 0; k < (int)linkage_get_num_links(lk); k++) {
            const char *lb = linkage_get_link_label(lk, (LinkIdx)k);
            if (linkage_get_link_lword(lk, (LinkIdx)k) != 0)
                continue;
            if (!strncmp(lb, "WV", 2))
                decl = 1;
            if (!strncmp(lb, "CP", 2))
                quote = 1;
        }
        if (decl && !quote)
            return lk;
        linkage_delete(lk);
    }
    return linkage_create(0, sen, o);
}

int parse_sentence(const parse_engine *e, const char *text, const seg_token *tok, int n,
                   mem_arena *a, parse_tree *t)
{
    memset(t, 0, sizeof *t);
    t->ntok = n;
    if (!e || n < 2 || n > PARSE_MAX_TOKENS)
        return 0;
    size_t base = tok[0].start, len = tok[n - 1].end - base;
    char *s = mem_arena_alloc(a, len + 1);
    if (!s)
        return -1;
    memcpy(s, text + base, len);
    s[len] = 0;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] < 0x20)
            s[i] = ' ';
    Parse_Options o = parse_options_create();
    if (!o)
        return -1;
    parse_options_set_verbosity(o, 0);
    parse_options_set_linkage_limit(o, PARSE_LINKAGES);
    parse_options_set_max_parse_time(o, 30);
    parse_options_set_islands_ok(o, 1);
    parse_options_set_spell_guess(o, 0);
    parse_options_set_short_length(o, 10); /* 16 by default: 3x slower, 2% more parses */
    parse_options_set_repeatable_rand(o, 1);
    Sentence sen = sentence_create(s, e->dict);
    int rc = 0;
    if (!sen || sentence_split(sen, o) < 0)
        goto out;
    parse_options_set_min_null_count(o, 0);
    parse_options_set_max_null_count(o, 0);
    int nl = sentence_parse(sen, o);
    if (nl <= 0 && !parse_options_timer_expired(o) && n <= PARSE_NULL_RETRY_MAX) {
        /* no complete parse: allow a few words to stay unlinked */
        parse_options_set_min_null_count(o, 1);
        parse_options_set_max_null_count(o, n / 4 + 1);
        nl = sentence_parse(sen, o);
    }
    if (nl <= 0 || parse_options_timer_expired(o))
        goto out;
    Linkage lk = pick_linkage(sen, o, nl);
    if (!lk)
        goto out;
    int nw = (int)linkage_get_num_words(lk);
    int *map = mem_arena_alloc(a, sizeof *map * (size_t)(nw > 0 ? nw : 1));
    int nk = (int)linkage_get_num_links(lk);
    t->links = mem_arena_alloc(a, sizeof *t->links * (size_t)(nk > 0 ? nk : 1));
    if (!map || !t->links) {
        linkage_delete(lk);
        rc = -1;
        goto out;
    }
    for (int w = 0; w < nw; w++) {
        int bs = linkage_get_word_byte_start(lk, (WordIdx)w);
        int be = linkage_get_word_byte_end(lk, (WordIdx)w);
        map[w] = bs < 0 || be <= bs || (size_t)bs >= len ? -1
                 : token_at(tok, n, base, (size_t)bs);
    }
    for (int k = 0; k < nk; k++) {
        parse_link *pl = &t->links[t->nlinks];
        pl->l = map[linkage_get_link_lword(lk, (LinkIdx)k)];
        pl->r = map[linkage_get_link_rword(lk, (LinkIdx)k)];
        if (pl->l < 0 || pl->r < 0 || pl->l == pl->r)
            continue;
        split_label(linkage_get_link_label(lk, (LinkIdx)k), pl);
        t->nlinks++;
    }
    t->nulls = (int)linkage_unused_word_cost(lk);
    t->ok = 1;
    linkage_delete(lk);
out:
    if (sen)
        sentence_delete(sen);
    parse_options_delete(o);
    return rc;
}

/* ---- relations ---- */

static int is(const char *const *norm, int i, const char *w)
{
    return i >= 0 && !strcmp(norm[i], w);
}

/* The left word of the first link of type ty (and subscript starting with
 * sub, if given) whose right word is r; -1 if none. */
static int left_of(const parse_tree *t, const char *ty, const char *sub, int r)
{
    for (int k = 0; k < t->nlinks; k++) {
        const parse_link *p = &t->links[k];
        if (p->r == r && !strcmp(p->type, ty) &&
            (!sub || !strncmp(p->sub, sub, strlen(sub))))
            return p->l;
    }
    return -1;
}

static int right_of(const parse_tree *t, const char *ty, const char *sub, int l)
{
    for (int k = 0; k < t->nlinks; k++) {
        const parse_link *p = &t->links[k];
        if (p->l == l && !strcmp(p->type, ty) &&
            (!sub || !strncmp(p->sub, sub, strlen(sub))))
            return p->r;
    }
    return -1;
}

/* The head of v's verb chain: "has been bombing" -> "has"; a verb
 * coordinated under one auxiliary ("did not only criticize X but also
 * sanctioned Y": did -I-> but, criticize -VJl-> but -VJr-> sanctioned)
 * climbs through the conjunction to it. */
static int chain_head(const parse_tree *t, int v)
{
    static const char *const up[] = {"I", "PP", "P", "IV", NULL};
    for (int step = 0; step < 8; step++) {
        int h = -1;
        for (int u = 0; up[u] && h < 0; u++)
            h = left_of(t, up[u], NULL, v);
        if (h < 0) {
            int conj = right_of(t, "VJ", "l", v);
            if (conj < 0)
                conj = left_of(t, "VJ", "r", v);
            if (conj >= 0) {
                for (int u = 0; up[u] && h < 0; u++)
                    h = left_of(t, up[u], NULL, conj);
            }
        }
        if (h < 0)
            return v;
        v = h;
    }
    return v;
}

/* A relative pronoun or "and" subject resolved to a noun. */
static int resolve_noun(const parse_tree *t, const char *const *norm, int s)
{
    for (int step = 0; s >= 0 && step < 3; step++) {
        if (is(norm, s, "which") || is(norm, s, "who") || is(norm, s, "that")) {
            int a = left_of(t, "R", NULL, s);
            if (a < 0)
                a = left_of(t, "MX", NULL, s);
            if (a < 0)
                return -1;
            s = a;
            continue;
        }
        if (is(norm, s, "and") || is(norm, s, "or") || is(norm, s, ",")) {
            /* "Russia , Iran and Turkey": SJl links chain the conjuncts
             * leftwards through the commas to the first one */
            for (int hop = 0; hop < 12; hop++) {
                int a = left_of(t, "SJ", "l", s);
                if (a < 0)
                    return -1;
                s = a;
                if (!is(norm, s, ",") && !is(norm, s, "and") && !is(norm, s, "or"))
                    return s;
            }
            return -1;
        }
        return s;
    }
    return s;
}

static int subject_at(const parse_tree *t, const char *const *norm, int v, int depth)
{
    if (!t->ok || v < 0 || depth > 3)
        return -1;
    int h = chain_head(t, v);
    /* an infinitive: "allowed Turkey to bomb", "wants to bomb" */
    if (is(norm, h, "to")) {
        int g = left_of(t, "TO", NULL, h);
        if (g < 0)
            g = left_of(t, "MV", "i", h);
        if (g >= 0) {
            int o = right_of(t, "O", NULL, g);
            if (o >= 0)
                return resolve_noun(t, norm, o);
            return subject_at(t, norm, g, depth + 1);
        }
        /* "its militias to sabotage": a noun governing the infinitive */
        int nn = left_of(t, "R", NULL, h);
        if (nn < 0)
            nn = left_of(t, "TO", NULL, h);
        return nn >= 0 ? resolve_noun(t, norm, nn) : -1;
    }
    int s = left_of(t, "S", NULL, h);
    if (s < 0)
        s = left_of(t, "SX", NULL, h);
    if (s < 0)
        s = left_of(t, "RS", NULL, h);
    if (s < 0)
        s = right_of(t, "SI", NULL, h);
    if (s >= 0)
        return resolve_noun(t, norm, s);
    /* the second of two coordinated verbs: the first one's subject */
    int conj = left_of(t, "VJ", "r", h);
    if (conj >= 0) {
        int first = left_of(t, "VJ", "l", conj);
        if (first >= 0)
            return subject_at(t, norm, first, depth + 1);
    }
    return -1;
}

int parse_left_dependents(const parse_tree *t, int head, int *out, int max)
{
    int n = 0;
    if (!t->ok || head < 0 || max < 1)
        return 0;
    out[n++] = head;
    for (int i = 0; i < n; i++)
        for (int k = 0; k < t->nlinks; k++) {
            const parse_link *p = &t->links[k];
            if (p->r != out[i] || p->l >= p->r || n >= max)
                continue;
            /* modifiers inside the noun phrase, not clauses or subjects */
            if (strcmp(p->type, "A") && strcmp(p->type, "AN") && strcmp(p->type, "D") &&
                strcmp(p->type, "DG") && strcmp(p->type, "G") && strcmp(p->type, "GN") &&
                strcmp(p->type, "YS") && strcmp(p->type, "YP") && strcmp(p->type, "NM"))
                continue;
            int seen = 0;
            for (int j = 0; j < n; j++)
                seen |= out[j] == p->l;
            if (!seen)
                out[n++] = p->l;
        }
    return n;
}

int parse_subject(const parse_tree *t, const char *const *norm, int v)
{
    return subject_at(t, norm, v, 0);
}

int parse_verb_chain(const parse_tree *t, int v, int *out, int max)
{
    static const char *const up[] = {"I", "PP", "P", "IV", "TO", NULL};
    int n = 0;
    if (!t->ok || v < 0 || max < 1)
        return 0;
    out[n++] = v;
    while (n < max) {
        int h = -1;
        for (int u = 0; up[u] && h < 0; u++)
            h = left_of(t, up[u], NULL, out[n - 1]);
        if (h < 0)
            break;
        out[n++] = h;
    }
    return n;
}

int parse_negator(const parse_tree *t, const char *const *norm, int w)
{
    for (int k = 0; t->ok && k < t->nlinks; k++) {
        const parse_link *p = &t->links[k];
        int other = p->l == w ? p->r : p->r == w ? p->l : -1;
        if (other < 0 || (strcmp(p->type, "N") && strcmp(p->type, "E") &&
                          strcmp(p->type, "EN") && strcmp(p->type, "EB")))
            continue;
        if (is(norm, other, "not") || is(norm, other, "n't") || is(norm, other, "never"))
            return other;
    }
    return -1;
}

int parse_object(const parse_tree *t, const char *const *norm, int v)
{
    if (!t->ok || v < 0)
        return -1;
    int o = right_of(t, "O", NULL, v);
    if (o >= 0)
        return resolve_noun(t, norm, o);
    /* an object relative: "Turkey , which Moscow had criticized" links
     * the noun (or its pronoun) to the verb chain by B; a subject relative
     * ("the rebels who seized") does too, but there the noun is also the
     * verb's subject */
    int b = left_of(t, "B", NULL, v);
    if (b < 0)
        b = left_of(t, "B", NULL, chain_head(t, v));
    if (b < 0)
        return -1;
    int noun = resolve_noun(t, norm, b);
    return noun >= 0 && noun != parse_subject(t, norm, v) ? noun : -1;
}

static int is_be(const char *const *norm, int i)
{
    static const char *const be[] = {"is", "are", "was", "were", "be", "been", "being",
                                     "'s", "'re", "am", "get", "gets", "got", "gotten",
                                     NULL};
    for (int k = 0; i >= 0 && be[k]; k++)
        if (!strcmp(norm[i], be[k]))
            return 1;
    return 0;
}

int parse_is_passive(const parse_tree *t, const char *const *norm, int v)
{
    /* link-grammar sometimes links "had criticized" by Pv: only a form of
     * "be" (or "get") makes a passive */
    return t->ok && is_be(norm, left_of(t, "P", "v", v));
}

int parse_by_agent(const parse_tree *t, const char *const *norm, int v)
{
    if (!t->ok)
        return -1;
    for (int k = 0; k < t->nlinks; k++) {
        const parse_link *p = &t->links[k];
        if (p->l == v && !strcmp(p->type, "MV") && is(norm, p->r, "by")) {
            int j = right_of(t, "J", NULL, p->r);
            return j >= 0 ? resolve_noun(t, norm, j) : -1;
        }
    }
    return -1;
}
