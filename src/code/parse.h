/*
 * parse.h - the syntactic parse behind the coder: entente's own UD tagger
 * and parser (src/syntax/, model data/en.syntax) annotate a candidate
 * sentence made of entente's tokens, and parse.c reads the few grammatical
 * relations event coding needs from the Universal Dependencies tree: the
 * subject of a verb (through xcomp controllers, coordinated verbs and
 * relative clauses), its object, whether it is passive and the agent of a
 * passive, its negation and its verb chain.
 *
 * The model is mapped once (coder.c) and shared read-only by every thread;
 * syn_annotate is thread-safe. Every candidate sentence is parsed whole,
 * whatever its length (greedy decoding is linear in its words).
 */
#ifndef ENT_PARSE_H
#define ENT_PARSE_H

#include "base/mem.h"
#include "text/segment.h"
#include "syntax/syntax.h"

typedef struct parse_tree {
    int ok;            /* 1: the sentence was tagged and parsed */
    int ntok;
    int *head;         /* head token index, -1 for the root */
    const char **rel;  /* UD relation ("nsubj", "obl:agent", "root") */
    const char **upos, **xpos, **feats, **lemma;
} parse_tree;

/* Map and check the model file at path. NULL, with a message naming the
 * file in err, when it is missing or corrupt. */
syn_model *parse_model_load(const char *path, char *err, size_t errlen);

/* Tag and parse the sentence made of tokens tok[0..n) of text (byte
 * offsets) into t, allocating in a; token i of the sentence is UD word
 * i + 1. name, if not NULL, marks the tokens the dictionaries read as a
 * name (1): one the tagger took for a function word ("IS" as the verb, "US"
 * as the pronoun) becomes a proper noun before parsing; and the last word
 * of a role (2: "military" in "the Turkish military"), which becomes a noun
 * if the tagger made it an adjective or a verb. Returns -1 on out
 * of memory, else 0 (t->ok = 0 only for an empty sentence or no model). */
int parse_sentence(const syn_model *m, const char *text, const seg_token *tok, int n,
                   const unsigned char *name, mem_arena *a, parse_tree *t);

/* Grammatical relations read from a tree. norm[] are the folded tokens.
 * All take and return token indices (-1: none). A verb given as one of its
 * auxiliaries or its copula ("has", "was") stands for its predicate. */

/* The subject of verb v: its nsubj or nsubj:pass; else, for an xcomp, the
 * governing verb's object ("allowed Turkey to bomb" -> Turkey) or subject
 * ("wants to bomb"); for a conjunct verb, the first conjunct's; for a
 * reduced relative or participle (acl), the noun it modifies ("civilians
 * killed by", "militants attacking"); for a non-finite adverbial clause,
 * the subject of the clause it modifies. A relative pronoun stands for the
 * noun its clause (acl:relcl) modifies. For a coordinated subject ("Iran
 * and Russia") it returns the first conjunct, the head in UD. */
int parse_subject(const parse_tree *t, const char *const *norm, int v);
/* Another subject child of v's predicate than first, or -1: a greedy
 * parse may give a verb two ("12 civilians including children and a
 * woman were killed" with "woman" a second nsubj:pass). */
int parse_other_subject(const parse_tree *t, const char *const *norm, int v, int first);
/* The tokens of the noun phrase headed by head that stand to its left:
 * head itself, then its compound, amod, det, nmod:poss, flat and nummod
 * dependents to its left, recursively ("Haftar 's forces", "Rebel
 * positions"); returns how many (<= max). */
int parse_left_dependents(const parse_tree *t, int head, int *out, int max);
/* The verb chain of v: v, its aux, aux:pass, cop and mark dependents
 * ("may", "has", "to"), then up through xcomp to the governing verb and
 * its own ("refused to attack": attack, to, refused); a non-finite
 * conjunct shares the auxiliaries of the first conjunct ("will attack and
 * occupy"). Returns how many (<= max). */
int parse_verb_chain(const parse_tree *t, int v, int *out, int max);
/* A negating advmod of word w ("not", "n't", "never"; Polarity=Neg), or
 * -1. */
int parse_negator(const parse_tree *t, const char *const *norm, int w);
/* The object of verb v: obj, else iobj; in an object relative clause the
 * noun the clause modifies ("Turkey, which Moscow criticized", "the rebels
 * Russia targeted"); -1 if none. */
int parse_object(const parse_tree *t, const char *const *norm, int v);
/* 1 if v is passive: it has an nsubj:pass or aux:pass dependent, or it is
 * a past participle modifying a noun ("civilians killed by the army"). */
int parse_is_passive(const parse_tree *t, const char *const *norm, int v);
/* The agent of passive verb v: its obl:agent, or an obl with the case
 * "by"; -1 if none. */
int parse_by_agent(const parse_tree *t, const char *const *norm, int v);

/* The nearest obl of predicate v with one of the prepositions preps ("in",
 * "during": "killed in Russian airstrikes"), or -1. */
int parse_obl_with(const parse_tree *t, const char *const *norm, int v,
                   const char *const *preps);
/* Up to max such obls into out, nearest first; returns how many. */
int parse_obls_with(const parse_tree *t, const char *const *norm, int v,
                    const char *const *preps, int *out, int max);

/* The nmod of noun h with one of the prepositions preps ("fighters of the
 * Islamic State group"), or -1. */
int parse_nmod_with(const parse_tree *t, const char *const *norm, int h,
                    const char *const *preps);

/* The verb governing predicate v's clause (v is its advcl, acl, ccomp or
 * xcomp), with that clause's mark word in *mark (-1 if none); -1 when v's
 * clause is not under a verb. */
int parse_governor(const parse_tree *t, const char *const *norm, int v, int *mark);

/* 1 if verb v, which needs an object when active ("kill", "wound",
 * "arrest"), has a subject, no object, no clause of its own, no "by" agent
 * and an "in"/"during"/"amid"/"near" phrase: a headline's passive ("Nusra
 * Commander Killed in Latakia"), its subject the victim. */
int parse_headline_passive(const parse_tree *t, const char *const *norm, int v);

/* 1 if word h has a "case" dependent that is word ("under attack"). */
int parse_case_is(const parse_tree *t, const char *const *norm, int h, const char *word);

#endif
