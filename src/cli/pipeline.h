/*
 * pipeline.h - coding on N worker threads with output in input order.
 */
#ifndef ENT_CLI_PIPELINE_H
#define ENT_CLI_PIPELINE_H

#include "entente.h"

/* Called once per document, in input order, from one thread at a time,
 * with seq the document's ordinal among all documents read (those of
 * other shards included); takes ownership of doc and res (res is NULL if
 * coding ran out of memory). A non-zero return stops the run. */
typedef int (*pipeline_emit_fn)(void *ud, long long seq, ent_doc *doc, ent_result *res);

/* Which documents a run codes: those whose ent_doc_shard(id, count) is
 * index (count 0 or 1: every document). */
typedef struct pipeline_shard {
    int index, count;
    long long passed_over;     /* documents of other shards, counted by the run */
} pipeline_shard;

/* Read every document of r, code those of shard (NULL: all) with c on
 * jobs worker threads and hand the results to emit in input order. At
 * most window documents are in flight at once, whatever the input size.
 * Returns 0, or the non-zero value emit returned. */
int pipeline_run(ent_reader *r, const ent_coder *c, int jobs, pipeline_shard *shard,
                 pipeline_emit_fn emit, void *ud);

#endif
