/*
 * codeint.h - the coding stage's private header (no .c of its own): one
 * sentence being coded, the private side of ent_coder. actor.c
 * finds the actor mentions of a sentence and groups compounds ("Russia, Iran
 * and Turkey"); event.c matches event patterns and attaches source, target
 * and mode; coder.c runs both over a document and builds the ent_result.
 */
#ifndef ENT_CODEINT_H
#define ENT_CODEINT_H

#include "lexicon/dict.h"
#include "entente.h"
#include "base/mem.h"
#include "text/segment.h"

#include <string.h>

typedef struct cod_mention {
    int t0, t1;              /* tokens [t0, t1) of the sentence */
    const char *code;        /* arena string */
    const char *kind;
    const char *entry;       /* dictionary file:line(s) */
    int group;
} cod_mention;

typedef struct cod_group {
    int m0, m1;              /* mentions [m0, m1) */
    int t0, t1;
} cod_group;

typedef struct cod_match {
    int t0, t1;              /* tokens covered by the pattern */
    int pattern;
    int slot;                /* group matched by '$' (the target), or -1 */
    int nominal;             /* a one-word verb pattern used as a noun ("a
                                coordinated attack ... on"): both roles come
                                from the parse or there is no event */
} cod_match;

typedef struct cod_event {
    int src, tgt;            /* mentions; -1: none (PETRARCH's "---") */
    int match;               /* the pattern match that coded it */
    int cameo;               /* row of the CAMEO table */
    ent_mode mode;
    const char *evidence;
    int at_place;            /* no actor was hit: the target is the country of
                                the event's place (coder.c), or no event */
    int intent;              /* a statement of intent (03x, 13x): dated when
                                stated, not when the act is to happen */
} cod_event;

/* A dialect: the conventions a coder codes by, as one table the core
 * consults instead of asking which coder it is. entente's own
 * (cod_dialect_entente) and PETRARCH's (cod_dialect_petrarch, the
 * conventions its unit tests expect: docs/petrarch.md) are in event.c;
 * actor.c, event.c and coder.c read the fields, never which coder it is. */
typedef struct cod_dialect {
    const char *name;
    int gap_max;              /* words a pattern's ".." may span */
    int gap_over_actors;      /* a gap may hold actors and "that" */
    int gap_counts_hyphen;    /* the hyphen of "three-month" is a word */
    int slot_skips_article;   /* "$" skips "an", "the", a number */
    int petr_nominal;         /* PETRARCH's noun tests (petr_nominal) */
    int by_participle_adjective; /* "X backed by Y": an adjective */
    int manner_phrases;       /* "in protest", "in response": no event */
    int nominal_verbs;        /* a one-word verb pattern used as a noun
                                 codes from the parse */
    int places_not_sources;   /* the nearest-actor source skips places */
    int comma_in_phrase;      /* petr_comma_in_phrase keeps a comma */
    int target_after_that;    /* the target may follow "that" */
    int hedges;               /* modal, future and conditional modes */
    int parse_noun_patterns;  /* noun patterns read roles from the parse */
    int parse_one_actor_attacks; /* parse attacks with one actor (a place
                                    may be the target) */
    int actor_in_match;       /* an actor inside the match's gaps is a side */
    int passive_needs_by;     /* a passive with no "by" reads as active */
    int symmetric_back;       /* symmetric compounds code both directions */
    int place_targets;        /* an attack that hits no actor targets the
                                 place's country */
    int drop_subordinate;     /* petr_drop_subordinate, petr_drop_commas */
    int one_side_option;      /* require_dyad = 0 codes one-sided events */
    int speakers_not_targets; /* an actor before a speech verb is no target */
    /* actor.c */
    int petr_noun_phrases;    /* petr_parenthesis, petr_noun_phrases */
    int agent_from;           /* "the ministers from Iran": the agent's country */
    int spread_agents;        /* petr_spread_agent over a compound */
    int share_country;        /* petr_share_country */
    int unknown_country_dashes; /* a lone agent of no country is "---GOV" */
    int compound_nor;         /* "neither A nor B" is a compound */
    int loose_compounds;      /* "A and the evil awful B"; a compound needs a
                                 separator */
    /* coder.c */
    int underscores_are_spaces; /* PETRARCH's "_" joins words of a name */
    int future_is_hypothetical; /* an event dated after the document is
                                   hypothetical */
    int bare_actor_countries; /* disc_assign gives bare actors a country */
    int role_guards;          /* outlets, monitors and civilians use no force,
                                 workers strike, statements to outlets are none
                                 (add_event) */
    int sym_needs_subject;    /* a symmetric event with no source never pairs
                                 the compound after "with" ("I met with
                                 India and Japan"); "between" still does */
    int intents;              /* a stated intention is an event of its own
                                 (03x, 13x: intent_events in event.c) */
    int takes_options;        /* ent_coder_set_petrarch_option applies */
} cod_dialect;

extern const cod_dialect cod_dialect_entente, cod_dialect_petrarch;

struct where_gazetteer;
struct coder_parser;
struct ent_coder {
    dict *d;
    struct where_gazetteer *places; /* NULL when data/places.gen.tsv is missing */
    struct coder_parser *parser;    /* NULL: shallow rules only */
    struct disc_lexicon *disc;      /* country and role prefixes (discourse.c);
                                       NULL: bare actors keep no country */
    char *datadir;           /* the data folder (for the model, en.syntax) */
    const cod_dialect *dialect; /* entente's conventions, or PETRARCH's
                                   (ent_coder_new_petrarch, docs/petrarch.md) */
    int require_dyad;        /* PETRARCH option: 0 codes events with one side */
    int comma[6];            /* PETRARCH options comma_min, _max, _bmin, _bmax,
                                _emin, _emax: comma clauses it drops */
};

/* Start loading the parser in the background (coder.c); used by every
 * constructor. Returns -1 on OOM. */
int coder_parser_start(ent_coder *c);
void coder_parser_stop(ent_coder *c);
/* The parser's model, loaded on first use (once, under a lock); NULL when
 * the parser is off or its model cannot be loaded
 * (ent_coder_parser_error says why, naming the file). */
struct syn_model;
const struct syn_model *coder_engine(const ent_coder *c);


/* One sentence under analysis. Everything lives in the arena. */
typedef struct cod_sentence {
    const dict *d;
    mem_arena *arena;
    const char *text;        /* document text */
    const seg_token *tok;
    int n;
    const char **norm;
    int date;                /* yyyymmdd of the document */
    const cod_dialect *dialect; /* the coder's conventions */
    int require_dyad;        /* PETRARCH mode: events need both sides */
    /* antecedents from earlier sentences of the document, for pronouns:
     * "it" (a state or organisation) and "he"/"she" (a person) */
    const char *prev_it_code, *prev_it_entry;
    const char *prev_person_code, *prev_person_entry;
    /* the last two states named together ("Iran and Russia"), for "the two
     * countries", "both sides" */
    const char *prev_pair_code[2], *prev_pair_entry[2];
    /* actors named earlier with their country and role, by head word
     * ("regime": SYRGOV), for a definite description ("the regime") */
#define COD_MAXDESC 16
    const char *desc_head[COD_MAXDESC], *desc_code[COD_MAXDESC], *desc_entry[COD_MAXDESC];
    int ndesc;
    cod_mention *m;
    int nm;
    int *mention_at;         /* token -> mention or -1 */
    cod_group *g;
    int ng;
    cod_match *x;
    int nx;
    int *match_at;           /* token -> match covering it, or -1 */
    cod_event *ev;
    int nev, capev;
    /* the parse (parse.c) of the whole sentence, made on demand by
     * event.c when the sentence has two actors and an event verb;
     * coder->parser NULL: no parser. parse_failed: the model could not be
     * loaded (an error, not a fallback) */
    const ent_coder *coder;
    struct parse_tree *pt;
    int parse_tried, parse_ok, parse_failed;
} cod_sentence;

/* Find mentions and groups (actor.c). Returns -1 on OOM. */
int actor_find(cod_sentence *s);

/* 1 if a mention of this kind can be what "it" or "the two countries"
 * refers to: a country, capital, IGO, armed group or organisation (or such
 * a reference itself: "pronoun", "pair"). */
int actor_is_state_kind(const char *kind);

/* The same, but one state only (no "pair"): what "it" stands for. */
int actor_is_one_state_kind(const char *kind);

/* 1 if token i is a noun of attack or weapon ("airstrikes", "shelling",
 * "fire"): what an armed force's demonym modifies ("Russian airstrikes"). */
int actor_is_attack_noun(const cod_sentence *s, int i);

/* Find pattern matches and events (event.c). Returns -1 on OOM. */
int event_find(cod_sentence *s);

/* Small shared predicates on the folded tokens: 1 if token i is w (one of
 * ws). Inline, the first byte compared before the call to strcmp: the
 * pattern matcher asks them for every word of every gap it tries. */
static inline int cod_is(const cod_sentence *s, int i, const char *w)
{
    return i >= 0 && i < s->n && s->norm[i][0] == w[0] && strcmp(s->norm[i], w) == 0;
}

static inline int cod_is_any(const cod_sentence *s, int i, const char *const *ws)
{
    if (i < 0 || i >= s->n)
        return 0;
    const char *w = s->norm[i];
    for (int k = 0; ws[k]; k++)
        if (w[0] == ws[k][0] && strcmp(w, ws[k]) == 0)
            return 1;
    return 0;
}

#endif
