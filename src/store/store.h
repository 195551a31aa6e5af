/*
 * store.h - the private side of ent_store, for the modules that read it
 * (query.c, analysis.c): its SQLite handle, and recording a failure so
 * that ent_store_errmsg and ent_store_last_fault report it.
 */
#ifndef ENT_STORE_H
#define ENT_STORE_H

#include <sqlite3.h>
#include "entente.h"

sqlite3 *store_db(const ent_store *s);
/* 1 when the store has the aggregates of schema version 3 (agg.c): the
 * readers use them; 0 for an older store opened read-only, which is read
 * the old way, from the events (slow on a big store; docs/store.md). */
int store_aggregated(const ent_store *s);
/* A statement of s prepared once from sql and kept until ent_store_close,
 * in slot (0 .. STORE_NCACHED-1, one per caller: merge.c uses 0); NULL
 * with the error recorded when sql does not prepare. */
#define STORE_NCACHED 4
sqlite3_stmt *store_cached(ent_store *s, int slot, const char *sql);
/* Record the handle's last SQLite error on s. */
void store_fail(ent_store *s);
/* Record a failure of our own (a bad filter, out of memory). */
void store_fail_msg(ent_store *s, ent_store_fault fault, const char *msg);

#endif
