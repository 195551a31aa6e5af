/*
 * evalsets.h - the scorers `entente eval` runs besides its own-set scores
 * (eval.c): the real-news shape (evalreal.c: expected / expected_hedged /
 * optional at country-root level, per corpus, errors by cause) and the
 * sentence-class sets (evalclass.c: ConfliBERT pentaclass, PLOVER GSR
 * categories). Each scorer takes one gold record and the coder's result
 * for its text; want_mode[m] says whether events of mode m count.
 */
#ifndef ENT_CLI_EVALSETS_H
#define ENT_CLI_EVALSETS_H

#include "entente.h"

#include <cJSON.h>
#include <stdio.h>

/* real-news shape (evalreal.c) */
typedef struct rn_state rn_state;
rn_state *rn_new(void);
void rn_add(rn_state *s, const cJSON *rec, const ent_result *res, const int want_mode[4]);
long rn_records(const rn_state *s);
void rn_print(const rn_state *s, FILE *f, int nshow);
void rn_json(const rn_state *s, FILE *f); /* ,"realnews":{...} */
void rn_free(rn_state *s);

/* sentence classes (evalclass.c) */
typedef struct cls_state cls_state;
cls_state *cls_new(void);
/* a record with "pentaclass" (0-4) or with PLOVER "events"/"category";
 * returns 1 when it was one of those */
int cls_add(cls_state *s, const cJSON *rec, const ent_result *res, const int want_mode[4]);
/* CAMEO -> PLOVER table (PLOVER's CAMEO2PLOVER "code: CATEGORY, mode, ..."
 * lines) for the PLOVER mode of coded events; -1 when unreadable */
int cls_load_plover_table(cls_state *s, const char *path);
void cls_print(const cls_state *s, FILE *f);
void cls_json(const cls_state *s, FILE *f); /* ,"pentaclass":{...},"plover":{...} */
void cls_free(cls_state *s);

#endif
