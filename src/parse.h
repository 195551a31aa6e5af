/*
 * parse.h - the syntactic parser behind the coder: link-grammar (Debian's
 * liblink-grammar, English dictionary) parses a sentence and parse.c turns
 * its links into the few grammatical relations event coding needs, on
 * entente's own tokens: the subject of a verb (through auxiliaries,
 * infinitives, coordinated verbs and relative pronouns), its object, and
 * the agent of a passive ("by ...").
 *
 * The engine (the English dictionary, ~130 ms to load) is shared by every
 * thread; each call to parse_sentence uses its own options and sentence, as
 * link-grammar requires. A sentence that does not parse in time gets
 * ok = 0 and the coder falls back to its shallow rules (event.c).
 */
#ifndef ENT_PARSE_H
#define ENT_PARSE_H

#include "mem.h"
#include "segment.h"

typedef struct parse_engine parse_engine;

/* Load the English dictionary. NULL (with a message in err) if the
 * link-grammar data is missing. */
parse_engine *parse_engine_new(char *err, size_t errlen);
void parse_engine_free(parse_engine *e);

typedef struct parse_link {
    int l, r;          /* entente token indices (-1: a wall or unmapped) */
    char type[8];      /* upper-case link type: "S", "O", "P", "MV"... */
    char sub[8];       /* lower-case subscript ("s*s"; "v" in passive Pv) */
} parse_link;

typedef struct parse_tree {
    int ok;            /* 1: a linkage was found */
    int nulls;         /* words left unlinked in it */
    parse_link *links;
    int nlinks;
    int ntok;
} parse_tree;

/* Parse the sentence made of tokens tok[0..n) of text (byte offsets) into
 * t, allocating in a. Sentences longer than PARSE_MAX_TOKENS are not
 * parsed (ok = 0). Returns -1 on out of memory, else 0. */
#define PARSE_MAX_TOKENS 40
int parse_sentence(const parse_engine *e, const char *text, const seg_token *tok, int n,
                   mem_arena *a, parse_tree *t);

/* Grammatical relations read from a tree. norm[] are the folded tokens
 * (for "which", "by", "and"...). All return a token index or -1. */

/* The subject of verb v: climbs auxiliaries and modals ("has bombed",
 * "may bomb"), follows an infinitive to the verb that governs it (its
 * object if it has one: "allowed Turkey to bomb" -> Turkey; else its
 * subject), a coordinated verb to its first conjunct, and a relative
 * pronoun to its antecedent. For a coordinated subject ("Iran and Russia")
 * it returns the first conjunct. */
int parse_subject(const parse_tree *t, const char *const *norm, int v);
/* The tokens of the noun phrase headed by head that stand to its left:
 * head itself, then its modifiers, determiners and possessors ("Haftar 's
 * forces", "Rebel positions"), recursively; returns how many (<= max). */
int parse_left_dependents(const parse_tree *t, int head, int *out, int max);
/* The verb chain of v: v, then the words it hangs from through
 * auxiliaries, modals and infinitive markers up to the finite verb or the
 * verb governing the infinitive ("refused to attack": attack, to,
 * refused); returns how many (<= max). */
int parse_verb_chain(const parse_tree *t, int v, int *out, int max);
/* "not", "n't" or "never" attached to word w (N, E, EN, EB links), or -1. */
int parse_negator(const parse_tree *t, const char *const *norm, int w);
/* The direct object of verb v, or -1; in an object relative clause the
 * noun the clause hangs from ("Turkey, which Moscow criticized"). */
int parse_object(const parse_tree *t, const char *const *norm, int v);
/* 1 if v is a passive participle after a form of "be" ("were attacked"). */
int parse_is_passive(const parse_tree *t, const char *const *norm, int v);
/* The noun after "by" that modifies passive verb v, or -1. */
int parse_by_agent(const parse_tree *t, const char *const *norm, int v);

#endif
