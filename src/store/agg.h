/*
 * agg.h - the aggregates of a store, schema version 3 (agg.c): their
 * tables and the triggers that keep them in step with the events, their
 * rebuild from the events, and whether a store has them.
 */
#ifndef ENT_AGG_H
#define ENT_AGG_H

#include <sqlite3.h>

/* Create the aggregate tables and triggers (IF NOT EXISTS). SQLite code. */
int agg_install(sqlite3 *db);
/* Drop the triggers (a merge copies events first and rebuilds at the end). */
int agg_set_aside(sqlite3 *db);
/* Empty the aggregates and make them again from events, documents and
 * sentences; the caller holds the transaction. SQLite code. */
int agg_rebuild(sqlite3 *db);
/* 1 when the store is at schema version 3 or later and has the tables. */
int agg_present(sqlite3 *db);
/* The DDL of the tables and of the triggers (docs/schema.sql). */
const char *agg_schema_text(void);
const char *agg_trigger_text(void);

#endif
