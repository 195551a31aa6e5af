/*
 * dictint.h - the inside of the dictionary module, shared by dict.c (text
 * loading, indexing, matching) and dictbin.c (the compiled form,
 * data/dict.gen.bin) and by nothing else (but test_dict.c, for a round
 * trip through dictbin_write): the body of struct dict and its string ->
 * list-of-int hash maps.
 */
#ifndef ENT_DICTINT_H
#define ENT_DICTINT_H

#include "base/binfile.h"
#include "base/mem.h"
#include "lexicon/dict.h"

/* A list of ints. A list read from a compiled file borrows its values
 * from the file's block: cap is 0 while n > 0, and the first addition
 * copies them. */
typedef struct ilist {
    int *v;
    int n, cap;
} ilist;

/* A string -> list-of-int map (open addressing, linear probing; cap is 0
 * or a power of 2 with at least one empty slot). Keys are not owned. */
typedef struct smap {
    const char **keys;
    ilist *vals;
    size_t cap, n;
} smap;

/* A discard phrase (PETRARCH): folded tokens, the last one a stem unless
 * exact. */
typedef struct dict_discard {
    const char **tok;
    int ntok;
    int story, exact;
} dict_discard;

struct dict {
    mem_arena arena;
    VEC(dict_actor) actors;
    VEC(dict_demonym) demonyms;
    VEC(dict_agent) agents;
    VEC(dict_pattern) patterns;
    VEC(dict_cameo) cameo;
    VEC(dict_phrase) phrases;
    smap phrase_index;   /* folded token sequence -> phrases */
    smap first_index;    /* first token of a phrase -> [max tokens] */
    smap pattern_index;  /* first word form -> patterns */
    smap cameo_index;    /* code -> cameo row */
    VEC(const char *) irr_forms; /* irregular verb forms (WordNet verb.exc) */
    smap irr_by_lemma;   /* lemma -> forms */
    smap irr_by_form;    /* form -> itself */
    VEC(int) prefix_patterns;
    VEC(dict_discard) discards;
    smap where_index;    /* an actor's "file:line" -> the actor (dict_index_names) */
    smap country_index;  /* three-letter country prefixes of actor codes */
    smap agent_index;    /* agent codes (GOV, MIL, REB...) */
    int max_phrase_tok;
    int nbad;
    ent_diag_fn diag;
    void *ud;
    void *block;         /* the compiled file the strings point into, or NULL */
};

/* The largest pattern (elements), as the text loader allows. */
enum { DICT_ELEM_MAX = 48 };

/* The compiled form (dictbin.c). dictbin_write: d as loaded from the text
 * files src (stat-ed before the load), with the messages of that load
 * (file names relative to the folder); returns 0 or -1 with a message in
 * err. dictbin_read: a dict from a checked compiled file (block: taken
 * over, freed on failure); NULL with the reason in err. The messages
 * stored in the file are replayed to diag with dir put back in front of
 * their file names. */
typedef struct dictbin_msg {
    const char *file;
    long line;
    const char *msg;
} dictbin_msg;
int dictbin_write(const dict *d, const char *path, const binfile_source *src, int nsrc,
                  const dictbin_msg *msgs, int nmsgs, char *err, size_t errlen);
dict *dictbin_read(void *block, const char *dir, ent_diag_fn diag, void *ud, char *err,
                   size_t errlen);

extern const char dictbin_magic[8];
enum { DICTBIN_VERSION = 4 }; /* 4: maps probed with base/hash.h (hash_slot) */

#endif
