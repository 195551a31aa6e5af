/*
 * discourse.c - the discourse state of a document (discourse.h): the
 * antecedents of pronouns, the countries in context and their counts, and
 * the country given to a bare actor ("the terrorists fired a mortar round
 * in Aleppo": REB -> SYRREB). The rules and their measured effect are in
 * the README, "A country for a bare actor"; the design in
 * docs/internals/coder.md, "Discourse".
 */
#include "code/discourse.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* ---- the lexicon: country and role prefixes ---- */

#define NPREFIX (26 * 26 * 26)
/* how many sentences back "it" may find the state it stands for */
#define DISC_IT_REACH 2

struct disc_lexicon {
    unsigned char country[NPREFIX / 8 + 1];
    unsigned char role[NPREFIX / 8 + 1];
};

/* The index of a three-capital-letter prefix, or -1. */
static int prefix_index(const char *code)
{
    int k = 0;
    for (int i = 0; i < 3; i++) {
        if (code[i] < 'A' || code[i] > 'Z')
            return -1;
        k = k * 26 + (code[i] - 'A');
    }
    return k;
}

static void set_bit(unsigned char *bits, const char *code)
{
    int k = prefix_index(code);
    if (k >= 0)
        bits[k / 8] |= (unsigned char)(1u << (k % 8));
}

static int get_bit(const unsigned char *bits, const char *code)
{
    int k = code ? prefix_index(code) : -1;
    return k >= 0 && (bits[k / 8] >> (k % 8) & 1);
}

disc_lexicon *disc_lexicon_new(const dict *d)
{
    disc_lexicon *lx = mem_calloc(1, sizeof *lx);
    if (!lx)
        return NULL;
    /* the ISO 3166 list (countries.gen.txt) and any code with a capital
     * (Kosovo, KSV); regions written as countries ("the West" WST, "Europe"
     * EUR) have neither */
    for (int i = 0, n = dict_nactors(d); i < n; i++) {
        const dict_actor *a = dict_actor_at(d, i);
        int iso = a->kind == KIND_COUNTRY && a->where &&
                  !strncmp(a->where, "countries.gen.txt:", 18);
        for (int r = 0; r < a->nroles; r++) {
            if (iso && strlen(a->roles[r].code) == 3)
                set_bit(lx->country, a->roles[r].code);
            if (a->kind == KIND_CAPITAL && strlen(a->roles[r].code) >= 3)
                set_bit(lx->country, a->roles[r].code);
        }
    }
    for (int i = 0, n = dict_nagents(d); i < n; i++) {
        const dict_agent *g = dict_agent_at(d, i);
        if (!g->prefix && strlen(g->code) == 3 && !get_bit(lx->country, g->code))
            set_bit(lx->role, g->code);
    }
    return lx;
}

void disc_lexicon_free(disc_lexicon *lx) { mem_free(lx); }

int disc_is_country(const disc_lexicon *lx, const char *code)
{
    return lx && get_bit(lx->country, code);
}

int disc_is_bare(const disc_lexicon *lx, const char *code)
{
    /* a role alone ("REB", "NGO"), not an organisation whose code starts
     * with one ("NGOHRIHRW") */
    return lx && code && strlen(code) == 3 && get_bit(lx->role, code);
}

/* ---- antecedents and countries in context ---- */

void disc_init(disc_state *d) { memset(d, 0, sizeof *d); }

void disc_prime(const disc_state *d, cod_sentence *s)
{
    s->ndesc = 0;
    for (int k = 0; k < d->ndesc; k++)
        if (!d->desc[k].ambiguous) {
            s->desc_head[s->ndesc] = d->desc[k].head;
            s->desc_code[s->ndesc] = d->desc[k].code;
            s->desc_entry[s->ndesc++] = d->desc[k].entry;
        }
    /* "it" looks back two sentences at most: past them, the state last
     * named is no longer what the text speaks of ("Building capacity is
     * sustainable. It allows our people ...") */
    if (d->prev_it_age < DISC_IT_REACH) {
        s->prev_it_code = d->prev_it_code;
        s->prev_it_entry = d->prev_it_entry;
    }
    s->prev_person_code = d->prev_person_code;
    s->prev_person_entry = d->prev_person_entry;
    for (int k = 0; k < 2; k++) {
        s->prev_pair_code[k] = d->prev_pair_code[k];
        s->prev_pair_entry[k] = d->prev_pair_entry[k];
    }
}

/* A sentence of names alone, a list the segmenter split off ("Europe.",
 * "South America and even North America."): it says nothing of what "it"
 * refers to. */
static int names_only(const cod_sentence *s)
{
    static const char *const glue[] = {"and", "or", "even", "also", "the", "as", "well", NULL};
    for (int i = 0, k = 0; i < s->n; i++) {
        while (k < s->nm && s->m[k].t1 <= i)
            k++;
        if (k < s->nm && s->m[k].t0 <= i)
            continue;
        if (!ispunct((unsigned char)s->norm[i][0]) && !cod_is_any(s, i, glue))
            return 0;
    }
    return s->nm > 0;
}

static int it_kind(const ent_mention *m)
{
    if (actor_is_one_state_kind(m->kind))
        return 1;
    /* "it"/"its" resolved: the state it stood for is named again */
    return !strcmp(m->kind, "pronoun") && (!strcasecmp(m->text, "it") || !strcasecmp(m->text, "its"));
}

/* The first state and the first person named are what "it" and
 * "he"/"she" refer to in the next sentences. */
static void note_antecedents(disc_state *d, const cod_sentence *s, const ent_mention *em)
{
    int got_it = names_only(s), got_person = 0;
    for (int i = 0; i < s->nm; i++) {
        if (!got_person && !strcmp(em[i].kind, "person")) {
            d->prev_person_code = em[i].code;
            d->prev_person_entry = em[i].entry;
            got_person = 1;
        }
        if (!got_it && it_kind(&em[i])) {
            d->prev_it_code = em[i].code;
            d->prev_it_entry = em[i].entry;
            d->prev_it_age = -1;
            got_it = 1;
        }
    }
    if (!names_only(s))
        d->prev_it_age++;
}

/* The last compound of two or more states, for "the two countries". */
static void note_pair(disc_state *d, const cod_sentence *s, const ent_mention *em)
{
    for (int g = 0; g < s->ng; g++) {
        const cod_group *gr = &s->g[g];
        if (gr->m1 - gr->m0 < 2)
            continue;
        const ent_mention *a = &em[gr->m0], *b = &em[gr->m0 + 1];
        if (actor_is_state_kind(a->kind) && actor_is_state_kind(b->kind) &&
            strcmp(a->code, b->code) != 0) {
            d->prev_pair_code[0] = a->code;
            d->prev_pair_entry[0] = a->entry;
            d->prev_pair_code[1] = b->code;
            d->prev_pair_entry[1] = b->entry;
        }
    }
}

/* Count one naming of a country (a mention or an event's place); a
 * prefix new to the document joins the context list. */
static int note_country(disc_state *d, const disc_lexicon *lx, mem_arena *A,
                        const char *code)
{
    if (strlen(code) < 3 || !strncmp(code, "IGO", 3) || !strncmp(code, "NGO", 3) ||
        !strncmp(code, "IMG", 3))
        return 0;
    int k = 0;
    while (k < d->nctx && strncmp(d->ctx[k], code, 3) != 0)
        k++;
    if (k == d->nctx) {
        if (d->nctx == DISC_MAXCTX)
            return 0;
        char *cc = mem_arena_strndup(A, code, 3);
        if (!cc)
            return -1;
        d->ctx[d->nctx] = cc;
        d->count[d->nctx++] = 0;
    }
    if (disc_is_country(lx, code))
        d->count[k]++;
    return 0;
}

/* One country the sentence names (a mention's prefix, or a place's when
 * place is set). Whether it can be the country of the sentence's bare
 * actors depends on how it is named: by a place, or by one of its
 * institutions other than armed forces ("the Iraqi government", "the
 * Egyptian interior ministry", "Turkish police"). Armed forces, militias
 * and rebels, or the state itself, often act abroad ("the US-led coalition killed civilians",
 * "Russia bombed the rebels", "the court found Serbia guilty"). */
static void note_sentence_country(disc_state *d, const disc_lexicon *lx, const char *code,
                                  int place)
{
    if (!disc_is_country(lx, code))
        return;
    if (!d->sent_ncc || strncmp(d->sent_cc, code, 3)) {
        if (!d->sent_ncc++)
            memcpy(d->sent_cc, code, 3);
    }
    static const char *const armed[] = {"MIL", "UAF", "REB", NULL};
    int k = 0;
    while (armed[k] && strcmp(code + 3, armed[k]))
        k++;
    int civil = strlen(code) > 3 && !armed[k];
    if (place || civil)
        d->sent_home = 1;
    if (place)
        return;
    if (!d->sent_actor_ncc || strncmp(d->sent_actor_cc, code, 3)) {
        if (!d->sent_actor_ncc++)
            memcpy(d->sent_actor_cc, code, 3);
    }
    d->sent_actor_home |= civil;
}

/* The folded last word of text into out (n bytes); 0 if it has none. */
static int head_word(const char *text, char *out, size_t n)
{
    const char *e = text + strlen(text), *b;
    while (e > text && !isalpha((unsigned char)e[-1]))
        e--;
    b = e;
    while (b > text && (isalpha((unsigned char)b[-1]) || b[-1] == '-'))
        b--;
    if (b == e || (size_t)(e - b) >= n)
        return 0;
    for (size_t i = 0; b + i < e; i++)
        out[i] = (char)tolower((unsigned char)b[i]);
    out[e - b] = 0;
    return 1;
}

/* Note an agent mention named with its country (COUNTRY + role) under its
 * head word; a head word named with two countries is ambiguous. */
static void note_description(disc_state *d, const disc_lexicon *lx, const ent_mention *m)
{
    char head[24];
    if (strcmp(m->kind, "agent") || strlen(m->code) != 6 || !disc_is_country(lx, m->code) ||
        !head_word(m->text, head, sizeof head))
        return;
    int k = 0;
    while (k < d->ndesc && (strcmp(d->desc[k].head, head) ||
                            strcmp(d->desc[k].code + 3, m->code + 3)))
        k++;
    if (k == d->ndesc) {
        if (d->ndesc == DISC_MAXDESC)
            return;
        memset(&d->desc[d->ndesc++], 0, sizeof d->desc[0]);
        memcpy(d->desc[k].head, head, strlen(head) + 1);
    } else if (strncmp(d->desc[k].code, m->code, 3)) {
        d->desc[k].ambiguous = 1;
    }
    d->desc[k].code = m->code;
    d->desc[k].entry = m->entry;
}

int disc_note_mentions(disc_state *d, const disc_lexicon *lx, mem_arena *A,
                       const cod_sentence *s, const ent_mention *em)
{
    for (int i = 0; i < s->nm; i++)
        note_description(d, lx, &em[i]);
    note_antecedents(d, s, em);
    note_pair(d, s, em);
    d->sent_ncc = d->sent_home = d->sent_actor_ncc = d->sent_actor_home = 0;
    memset(d->sent_cc, 0, sizeof d->sent_cc);
    memset(d->sent_actor_cc, 0, sizeof d->sent_actor_cc);
    for (int i = 0; i < s->nm; i++)
        note_sentence_country(d, lx, em[i].code, !strcmp(em[i].kind, "place"));
    /* "across the country", "the country's north": the one country the
     * sentence names is where its events are */
    d->sent_the_country = 0;
    for (int i = 1; i < s->n; i++)
        if (!strcmp(s->norm[i], "country") && !strcmp(s->norm[i - 1], "the"))
            d->sent_the_country = 1;
    if (d->sent_the_country)
        d->sent_home = 1;
    /* countries in context, for place names: the document's so far, in
     * the order first named */
    for (int i = 0; i < s->nm; i++)
        if (note_country(d, lx, A, em[i].code) < 0)
            return -1;
    return 0;
}

const char *const *disc_context(const disc_state *d, int *n)
{
    *n = d->nctx;
    return d->ctx;
}

/* ---- a country for a bare actor ---- */

/* The document's dominant country: named (as an actor or an event's
 * place) at least twice as often as any other. NULL if none. */
static const char *dominant_country(const disc_state *d, const disc_lexicon *lx, int *n)
{
    int best = -1, second = 0;
    for (int k = 0; k < d->nctx; k++) {
        if (!disc_is_country(lx, d->ctx[k]))
            continue;
        if (best < 0 || d->count[k] > d->count[best]) {
            if (best >= 0)
                second = d->count[best];
            best = k;
        } else if (d->count[k] > second) {
            second = d->count[k];
        }
    }
    if (best < 0 || d->count[best] < 2 || d->count[best] < 2 * second)
        return NULL;
    *n = d->count[best];
    return d->ctx[best];
}

/* Each distinct place of the sentence's events counts once. */
static int note_places(disc_state *d, const disc_lexicon *lx, mem_arena *A, const ent_event *ev,
                       int nev)
{
    for (int i = 0; i < nev; i++) {
        int seen = !ev[i].place;
        for (int j = 0; !seen && j < i; j++)
            seen = ev[j].place && ev[j].place_start == ev[i].place_start;
        if (!seen && note_country(d, lx, A, ev[i].place_country) < 0)
            return -1;
        if (!seen)
            note_sentence_country(d, lx, ev[i].place_country, 1);
    }
    return 0;
}

/* Prefix the side's code with the country cc and say so in the evidence. */
static int give_country(mem_arena *A, ent_actor_ref *side, const char *which, const char *cc,
                        const char *why, const char *what, const char **evidence)
{
    char code[64], buf[1400];
    snprintf(code, sizeof code, "%.3s%s", cc, side->code);
    if (what)
        snprintf(buf, sizeof buf, "%s; %s country %.3s from %s \"%.200s\"", *evidence, which, cc,
                 why, what);
    else
        snprintf(buf, sizeof buf, "%s; %s country %.3s from %s", *evidence, which, cc, why);
    side->code = mem_arena_strndup(A, code, strlen(code));
    *evidence = mem_arena_strndup(A, buf, strlen(buf));
    return side->code && *evidence ? 0 : -1;
}

/* 1 if the event's place may say where its bare actors are from: not for
 * intents, meetings, diplomatic or material cooperation (roots 03-06) -
 * talks in Geneva or a deal signed in Moscow say nothing of where a bare
 * "opposition" is from; an accusation about Aleppo, an attack in Idlib do. */
static int local_event(const ent_event *ev)
{
    static const char *const abroad_roots[] = {"03", "04", "05", "06", NULL};
    for (int k = 0; ev->root && abroad_roots[k]; k++)
        if (!strcmp(ev->root, abroad_roots[k]))
            return 0;
    return 1;
}

/* (a) the event's place when the event is local (local_event), else (c)
 * the document's dominant country, else
 * (d) the sentence's only country when a place or one of its civil
 * institutions names it. Rule (b) of the issue, the one country of the
 * sentence's other state actors, is not used: the README, "A country for
 * a bare actor", gives the measurements. */
static int assign_side(const disc_state *d, const disc_lexicon *lx, mem_arena *A,
                       ent_event *ev, ent_actor_ref *side, const char *which)
{
    if (!disc_is_bare(lx, side->code))
        return 0;
    if (disc_is_country(lx, ev->place_country) && local_event(ev))
        return give_country(A, side, which, ev->place_country, "place", ev->place_text,
                            &ev->evidence);
    int n = 0;
    const char *cc = dominant_country(d, lx, &n);
    if (!cc && local_event(ev) && d->sent_ncc == 1 && d->sent_home)
        return give_country(A, side, which, d->sent_cc,
                            d->sent_the_country ? "\"the country\", the sentence's only one"
                                                : "the sentence's only country",
                            NULL, &ev->evidence);
    if (!cc && !local_event(ev) && d->sent_actor_ncc == 1 && d->sent_actor_home)
        return give_country(A, side, which, d->sent_actor_cc,
                            "the only country of the sentence's actors", NULL, &ev->evidence);
    if (!cc)
        return 0;
    char why[64];
    snprintf(why, sizeof why, "the document (named %d time%s)", n, n == 1 ? "" : "s");
    return give_country(A, side, which, cc, why, NULL, &ev->evidence);
}

int disc_assign(disc_state *d, const disc_lexicon *lx, mem_arena *A, ent_event *ev, int nev)
{
    if (!lx)
        return 0;
    if (note_places(d, lx, A, ev, nev) < 0)
        return -1;
    for (int i = 0; i < nev; i++)
        if (assign_side(d, lx, A, &ev[i], &ev[i].source, "source") < 0 ||
            assign_side(d, lx, A, &ev[i], &ev[i].target, "target") < 0)
            return -1;
    return 0;
}
