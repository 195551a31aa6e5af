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
#include "base/mem.h"

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
    int group;          /* a religious or ethnic group ("Shia" SHI, "Kurds"
                           KUR), not a country */
    const char *where;
    const char *line;
} dict_demonym;

typedef struct dict_agent {
    char code[8];
    int solo;
    int prefix;         /* PETRARCH "[NGO~]": the code goes before the country */
    const char *where;
    const char *line;
} dict_agent;

/* A phrase in the index: what it names. */
typedef struct dict_phrase {
    int type;           /* DICT_ACTOR, DICT_DEMONYM, DICT_AGENT */
    int idx;
    int ntok;
    int acronym;        /* written in capitals: matches capitals only */
    unsigned capmask;   /* written in quotes ("the Post"): bit j set when
                           word j must be capitalised in the text; 0 if the
                           name matches in any case */
} dict_phrase;

enum { PAT_LIT, PAT_PREFIX, PAT_GAP, PAT_VERB, PAT_SLOT /* $: the target */,
       PAT_SKIP /* ^: PETRARCH's skip over one noun phrase */ };

typedef struct dict_elem {
    int kind;
    const char **forms; /* PAT_LIT: 1 form; PAT_VERB: inflections; PAT_PREFIX: 1 */
    int nforms;
} dict_elem;

typedef struct dict_pattern {
    int code;           /* index into the CAMEO table; -1: a PETRARCH "[---]"
                           pattern that matches but codes nothing */
    int sym;
    dict_elem *elems;
    int nelems;
    const char *text;   /* as written */
    const char *where;
    int code2;          /* PETRARCH "[A:B]": B is coded from target to
                           source as well; -1 if none */
    int flags;          /* DICT_PAT_*: PETRARCH pattern roles */
} dict_pattern;

/* Flags of PETRARCH patterns (dict_add_pattern). */
enum {
    DICT_PAT_COMPOUND = 1, /* "% ... *": only after a compound, whose members
                              it codes with each other, both ways */
    DICT_PAT_SWAP = 2,     /* "+ ... * ... $": the actor before the verb is
                              the target, the slot '$' the source */
    DICT_PAT_COMMENT = 8,  /* `comment`: a word of judgement, coded only as
                              what a speaker says of an actor ("the
                              sanctions are illegal, Iran said") */
    DICT_PAT_VERB = 16,    /* `verb`: the first word only as a verb ("Putin
                              phoned Erdogan", not "phone lines") */
    DICT_PAT_TOPIC = 32,   /* `topic`: a symmetric event's direct object is
                              what it is about ("Iran and Russia discussed
                              Syria"), not the other side ("... met Turkey") */
    DICT_PAT_NUMBERS = 4   /* while compiling entente's own patterns only (never
                              stored): a literal word after the first also
                              matches its plural ("meeting", "meetings") */
};

typedef struct dict_cameo {
    char code[5];
    char root[3];
    const char *name;
    int quad;
    double goldstein;
    const char *plover;
    const char *plover_mode, *plover_context; /* "" when none */
    int extra;          /* added on the fly for a code cameo.tsv lacks
                           (PETRARCH dictionaries); not a CAMEO code */
} dict_cameo;

typedef struct dict dict;

/* Load every dictionary of dir. Bad lines go to diag and are counted in
 * *nbad; returns NULL with *rc set if a required file is missing or on OOM.
 * When dir/dict.gen.bin (dict_compile) is valid and was compiled from the
 * text files as they are now (same sizes and modification times), it is
 * loaded instead, with the same result and the same messages; a present
 * but corrupt one is reported to diag (line 0) and the text files are
 * read. See docs/internals/dict.md. */
dict *dict_load(const char *dir, ent_diag_fn diag, void *ud, int *nbad, ent_rc *rc);
/* The same from the text files only, ignoring any compiled file. */
dict *dict_load_text(const char *dir, ent_diag_fn diag, void *ud, int *nbad, ent_rc *rc);
/* Load the text files of dir and write their compiled form to path.
 * Messages of the load (bad lines) go to diag as they are met, and are
 * stored to be given again by every compiled load; a failure to write is
 * reported to diag too. Returns 0 or -1. */
int dict_compile(const char *dir, const char *path, ent_diag_fn diag, void *ud);
/* A dict from the bytes of a compiled file (copied; the sources are not
 * compared; stored messages replayed to diag, their files under dir):
 * NULL with the reason in err if the bytes are not a valid compiled
 * dictionary of this build. For tests and the fuzzer. */
dict *dict_load_compiled(const void *data, size_t len, const char *dir, ent_diag_fn diag,
                         void *ud, char *err, size_t errlen);
/* 1 if d was loaded from a compiled file. */
int dict_is_compiled(const dict *d);
void dict_free(dict *d);

/* Load one file of the given type into d ("actors", "demonyms", "agents",
 * "verbs", "cameo"); used by dict_load and the dictionary fuzzer. Returns
 * 0, -1 (cannot read; errno), or -2 when the file yields too little
 * (dict_check_yield, reported). */
int dict_load_file(dict *d, const char *type, const char *path);
int dict_load_buffer(dict *d, const char *type, const char *name,
                     const char *buf, size_t len);
dict *dict_new(ent_diag_fn diag, void *ud);

/* Longest phrase starting at token i of norms[0..n): returns its number of
 * tokens (0 if none) and up to max entries in out (actors before demonyms
 * before agents). caps[k] (may be NULL: then case is not looked at) has
 * DICT_CAPS_ALL when token k is written in capitals (or is not a word),
 * which acronym entries need, and DICT_CAPS_INITIAL when it is a word that
 * starts with a capital, which the capitalised words of a quoted name need;
 * a quoted name is not matched next to a capitalised word (after it; or
 * before it, unless that word is "the" or is written in capitals). */
enum { DICT_CAPS_ALL = 1, DICT_CAPS_INITIAL = 2 };
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

/* ---- Loader hooks for other dictionary formats (petrarch.c) ----
 * Each adds one entry as if a line of docs/dictionaries.md had been read;
 * file and line say where it came from (for provenance and messages).
 * They return 0, or -1 when the entry cannot be added (reported through
 * the diag callback and counted like a bad line; out of memory also -1). */

/* The end of loading one file of lines entries (bad of them bad): -2,
 * reported as an error naming file, when it gave no entries or more than
 * half of its lines were bad; else 0. */
int dict_check_yield(dict *d, const char *file, long lines, long bad);

/* Index the actors by their "file:line" and the country and agent codes
 * (done by dict_load; other loaders call it once loaded). -1 on OOM. */
int dict_index_names(dict *d);
/* Fill a's name (the canonical, first-listed name of the first actor
 * among the comma-separated dictionary lines entry, or NULL), country (the
 * code's three-letter country prefix, if it is one) and agent (the three
 * letters after it, or the code's first three when they are an agent
 * code: REB, MIL...); "" when not known. */
void dict_describe_actor(const dict *d, const char *entry, ent_actor_ref *a);
/* The country and agent of a->code alone (the split fields of
 * dict_describe_actor), again after the coder changes the code. */
void dict_split_code(const dict *d, ent_actor_ref *a);

/* Count n more bad lines (lost with one reported, e.g. to a comment). */
void dict_count_bad(dict *d, long n);

/* Report a bad line of another format: counted in dict_nbad. */
void dict_report(dict *d, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* An actor with names (as written: matched case-insensitively) and roles;
 * a role whose code is "" means "no actor code" for its dates, and a code
 * "A/B" names several actors at once (PETRARCH's "[FRO/BIL/SAM]"). */
int dict_add_actor(dict *d, const char *const *names, int nnames,
                   const dict_role *roles, int nroles, dict_kind kind,
                   const char *file, long line, const char *raw);
/* An agent: words name it; prefix puts code before the country code. */
int dict_add_agent(dict *d, const char *const *words, int nwords, const char *code,
                   int solo, int prefix, const char *file, long line, const char *raw);
/* The CAMEO table row of code, added if missing (extra = 1: root from the
 * first two digits, quad from the root, Goldstein 0); -1 if code is not
 * 2-4 characters A-Z/0-9 starting with two digits. */
int dict_cameo_ensure(dict *d, const char *code);
/* One pattern in verbs.txt syntax, coded code (-1: codes nothing) and, if
 * code2 >= 0, code2 from target to source; flags are DICT_PAT_* (0 for
 * none). Extension for loaders: a word "a|b+|c" is one token matching any
 * of its alternatives (words or verb lemmas with +). */
int dict_add_pattern(dict *d, int code, int code2, int flags, const char *pattern,
                     const char *file, long line);
/* A discard phrase: a sentence containing it (story = 1: any sentence of
 * the document) is not coded. The last word matches as a prefix (a stem)
 * unless exact is set. */
int dict_add_discard(dict *d, const char *phrase, int story, int exact,
                     const char *file, long line);
/* 1 if the sentence norms[0..n) contains a discard phrase; *story is set to
 * 1 if it is a story discard. */
int dict_discard_find(const dict *d, const char *const *norms, int n, int *story);
int dict_ndiscards(const dict *d);

/* The code of actor a on date (yyyymmdd), or NULL; date 0 (an undated
 * text): the code of the last dated role, else the undated default. */
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
