/*
 * dict.h - entente's dictionaries in memory: named actors with dated codes,
 * demonyms, agents, event patterns and the CAMEO code table, loaded from the
 * line formats of docs/dictionaries.md. Phrases are tokenized exactly as
 * sentences are (segment.c) and indexed by their folded token sequence, so
 * matching a sentence is a hash look-up per token and length.
 */
#ifndef ENT_DICT_H
#define ENT_DICT_H

#include "entente.h"
#include "mem.h"

enum { DICT_ACTOR = 1, DICT_DEMONYM = 2, DICT_AGENT = 3 };

typedef enum {
    KIND_COUNTRY, KIND_CAPITAL, KIND_PERSON, KIND_IGO, KIND_GROUP, KIND_ORG,
    KIND_MEDIA, KIND_NKINDS
} dict_kind;

typedef struct dict_role {
    char code[16];
    int from, to;       /* yyyymmdd, 0 = open */
} dict_role;

typedef struct dict_actor {
    dict_role *roles;
    int nroles;
    dict_kind kind;
    const char *name;   /* first name listed */
    const char *where;  /* "file:line" */
    const char *line;   /* the line as written */
} dict_actor;

typedef struct dict_demonym {
    char code[8];
    int plural;         /* "Russians" (an actor alone) vs "Russian" */
    const char *where;
    const char *line;
} dict_demonym;

typedef struct dict_agent {
    char code[8];
    int solo;
    const char *where;
    const char *line;
} dict_agent;

/* A phrase in the index: what it names. */
typedef struct dict_phrase {
    int type;           /* DICT_ACTOR, DICT_DEMONYM, DICT_AGENT */
    int idx;
    int ntok;
    int acronym;        /* written in capitals: matches capitals only */
} dict_phrase;

enum { PAT_LIT, PAT_PREFIX, PAT_GAP, PAT_VERB, PAT_SLOT /* $: the target */ };

typedef struct dict_elem {
    int kind;
    const char **forms; /* PAT_LIT: 1 form; PAT_VERB: inflections; PAT_PREFIX: 1 */
    int nforms;
} dict_elem;

typedef struct dict_pattern {
    int code;           /* index into the CAMEO table */
    int sym;
    dict_elem *elems;
    int nelems;
    const char *text;   /* as written */
    const char *where;
} dict_pattern;

typedef struct dict_cameo {
    char code[5];
    char root[3];
    const char *name;
    int quad;
    double goldstein;
    const char *plover;
} dict_cameo;

typedef struct dict dict;

/* Load every dictionary of dir. Bad lines go to diag and are counted in
 * *nbad; returns NULL with *rc set if a required file is missing or on OOM. */
dict *dict_load(const char *dir, ent_diag_fn diag, void *ud, int *nbad, ent_rc *rc);
void dict_free(dict *d);

/* Load one file of the given type into d ("actors", "demonyms", "agents",
 * "verbs", "cameo"); used by dict_load and the dictionary fuzzer. */
int dict_load_file(dict *d, const char *type, const char *path);
int dict_load_buffer(dict *d, const char *type, const char *name,
                     const char *buf, size_t len);
dict *dict_new(ent_diag_fn diag, void *ud);

/* Longest phrase starting at token i of norms[0..n): returns its number of
 * tokens (0 if none) and up to max entries in out (actors before demonyms
 * before agents). caps[k] (may be NULL) says token k is written in
 * capitals; acronym entries need it. */
int dict_match_phrase(const dict *d, const char *const *norms,
                      const unsigned char *caps, int n, int i,
                      dict_phrase *out, int max, int *nout);

/* Patterns whose first element can match the folded word w. */
const int *dict_patterns_for(const dict *d, const char *w, int *n);
/* Patterns whose first element is a prefix (checked at every token). */
const int *dict_prefix_patterns(const dict *d, int *n);

const dict_actor *dict_actor_at(const dict *d, int i);
const dict_demonym *dict_demonym_at(const dict *d, int i);
const dict_agent *dict_agent_at(const dict *d, int i);
const dict_pattern *dict_pattern_at(const dict *d, int i);
const dict_cameo *dict_cameo_at(const dict *d, int i);
int dict_cameo_find(const dict *d, const char *code);

/* The code of actor a on date (yyyymmdd), or NULL. */
const char *dict_actor_code(const dict_actor *a, int date);

void dict_stats(const dict *d, ent_dict_stats *st);

/* Every indexed phrase key with the entries it names (for checks). */
typedef void (*dict_phrase_fn)(void *ud, const char *key, const dict_phrase *ph, int n);
void dict_each_phrase(const dict *d, dict_phrase_fn fn, void *ud);
int dict_nactors(const dict *d);
int dict_nagents(const dict *d);
int dict_npatterns(const dict *d);
int dict_nbad(const dict *d);

/* All inflected forms of an English verb lemma, into the arena: regular
 * English rules plus the irregular forms d loaded from WordNet's verb.exc
 * (data/irregular.gen.txt; d may be NULL); returns the count. */
int dict_inflect(const dict *d, mem_arena *a, const char *lemma, const char ***forms);
/* 1 if w can be a past participle (-ed, or an irregular past form). */
int dict_is_participle(const dict *d, const char *w);

#endif
