/*
 * discourse.h - what a document has said so far, carried from sentence to
 * sentence by coder.c: antecedents for "it", "he"/"she" and "the two
 * countries", the countries in context (for place names, where.c), and how
 * often each country was named or was an event's place. With them it gives
 * a country to a bare actor ("the rebels" REB -> SYRREB) once a sentence's
 * events and places are known. docs/internals/coder.md, "Discourse".
 */
#ifndef ENT_DISCOURSE_H
#define ENT_DISCOURSE_H

#include "code/codeint.h"

/* What the coder loads once: which three-letter prefixes are countries
 * (from the dictionaries' country entries) and which are roles (the agent
 * codes of data/agents.txt: GOV, MIL, REB, CVL...). */
typedef struct disc_lexicon disc_lexicon;

/* Build from the loaded dictionaries; NULL on OOM. */
disc_lexicon *disc_lexicon_new(const dict *d);
void disc_lexicon_free(disc_lexicon *lx);

/* 1 if the code starts with a country code ("SYR", "SYRREB"). */
int disc_is_country(const disc_lexicon *lx, const char *code);
/* 1 if the code starts with a role, not a country ("REB", "CVL"): a bare
 * actor. "IGO...", "KURUAF", "SYRREB" are not bare. */
int disc_is_bare(const disc_lexicon *lx, const char *code);

#define DISC_MAXCTX 64
#define DISC_MAXDESC COD_MAXDESC

/* An actor named with its country and role ("the Syrian regime",
 * "Turkish troops"), for a later definite description of the same head
 * word with no country ("the regime", "the troops"). */
typedef struct disc_desc {
    char head[24];      /* the last word, folded */
    const char *code;   /* its full code, "SYRGOV" */
    const char *entry;  /* its dictionary entry */
    int ambiguous;      /* two countries named so: no antecedent */
} disc_desc;

/* The discourse state of one document. Strings live in the result arena. */
typedef struct disc_state {
    const char *prev_it_code, *prev_it_entry;
    int prev_it_age;    /* sentences since it was named (or "it" stood for it) */
    const char *prev_person_code, *prev_person_entry;
    const char *prev_pair_code[2], *prev_pair_entry[2];
    /* countries in context, in order of first mention; count[k]: how many
     * mentions and event places named ctx[k] */
    const char *ctx[DISC_MAXCTX];
    int count[DISC_MAXCTX];
    int nctx;
    /* the countries the current sentence names (mentions, then its events'
     * places): the first, and how many distinct ones */
    char sent_cc[4];
    int sent_ncc;
    int sent_home;      /* named by a place or a civil institution */
    int sent_the_country; /* the sentence says "the country" (its only one) */
    /* the same of the sentence's actors alone, for events whose place
     * says nothing of their actors (talks in Geneva) */
    char sent_actor_cc[4];
    int sent_actor_ncc;
    int sent_actor_home; /* named by a civil institution */
    disc_desc desc[DISC_MAXDESC];
    int ndesc;
} disc_state;

void disc_init(disc_state *d);

/* Hand the antecedents to a sentence before actor_find. */
void disc_prime(const disc_state *d, cod_sentence *s);

/* After a sentence's mentions are known (em: the sentence's nm mentions as
 * put in the result, s its groups): update the antecedents and the
 * countries in context. Returns -1 on OOM. */
int disc_note_mentions(disc_state *d, const disc_lexicon *lx, mem_arena *A,
                       const cod_sentence *s, const ent_mention *em);

/* The countries in context, for where_find. */
const char *const *disc_context(const disc_state *d, int *n);

/* After the sentence's events and their places are known: count the
 * places, then give each bare side of ev[0..nev) a country, the event's
 * place's, else the document's dominant one, else the sentence's only
 * country (README, "A country for a bare actor"), and note it in the event's evidence. Returns -1 on
 * OOM. */
int disc_assign(disc_state *d, const disc_lexicon *lx, mem_arena *A, ent_event *ev, int nev);

#endif
