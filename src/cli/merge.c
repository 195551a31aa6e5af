/*
 * merge.c - entente merge STORE... -o OUT: the stores of shards (or of any
 * runs) made into one with ent_store_merge, near-duplicate documents and
 * repeated sentences found across all of them; prints what it did.
 */
#include "merge.h"
#include "entente.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage_merge[] =
    "usage: entente merge [options] STORE... -o OUT.sqlite\n"
    "\n"
    "Merge stores written by `entente code --db` (the shards of --shard I/N,\n"
    "or any runs) into OUT, made anew: a document id held by several stores\n"
    "is taken from the last one given (as re-coding replaces it); if OUT exists\n"
    "it is read first, so merging the same stores again changes nothing. Every\n"
    "column of every table is copied by name. Documents are then taken in input\n"
    "order (the ordinal each store records) and the near-duplicate documents\n"
    "and repeated sentences of the whole corpus found again, as one\n"
    "`entente code` over all the input would: duplicate_of, the events kept,\n"
    "their row ids and the event_counts view come out the same.\n"
    "\n"
    "options:\n"
    "  -o, --output OUT  the merged store (required)\n"
    "      --no-dedup    no duplicate pass across stores: their union only\n"
    "  -q, --quiet       no summary\n"
    "  -h, --help        this help\n"
    "\n"
    "exit status: 0 merged; 1 merged, but some documents or sentences a shard\n"
    "set aside as duplicates are none in the whole corpus (re-code them, or code\n"
    "without sharding); 2 usage error or a store that cannot be read or written.\n";

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void on_pass(void *ud, const char *file, long line, const char *msg)
{
    (void)ud, (void)file, (void)line;
    fprintf(stderr, "entente merge: %s\n", msg);
}

static void report(const ent_merge_stats *st, const char *out, double secs)
{
    fprintf(stderr,
            "entente merge: %ld store%s into %s: %ld documents (%ld replaced by id), "
            "%ld events (%ld dropped as duplicates) in %.2f s\n",
            st->inputs, st->inputs == 1 ? "" : "s", out, st->documents, st->replaced, st->events,
            st->events_dropped, secs);
    fprintf(stderr,
            "entente merge: %ld near-duplicate documents (%ld of a document in another store), "
            "%ld sentences repeating an earlier document\n",
            st->near_duplicates, st->cross_duplicates, st->sentences_repeated);
    if (st->unsigned_docs)
        fprintf(stderr, "entente merge: %ld documents without a MinHash signature (a store "
                        "from an older entente): not checked across stores\n", st->unsigned_docs);
    if (st->not_reproducible)
        fprintf(stderr, "entente merge: warning: %ld documents or sentences were duplicates "
                        "within their shard only; their events were never coded\n",
                st->not_reproducible);
}

int cmd_merge(int argc, char **argv)
{
    const char *out = NULL;
    int dedup = 1, quiet = 0, n = 0;
    const char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
    if (!inputs)
        return 2;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage_merge, stdout);
            free(inputs);
            return 0;
        } else if ((!strcmp(a, "-o") || !strcmp(a, "--output")) && i + 1 < argc) {
            out = argv[++i];
        } else if (!strcmp(a, "--no-dedup")) {
            dedup = 0;
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            quiet = 1;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "entente merge: unknown option %s (see entente merge --help)\n", a);
            free(inputs);
            return 2;
        } else {
            inputs[n++] = a;
        }
    }
    if (!out || !n) {
        fputs(!out ? "entente merge: -o OUT is required\n" : "entente merge: no store given\n", stderr);
        free(inputs);
        return 2;
    }
    ent_merge_stats st;
    char *err = NULL;
    double t0 = now_s();
    ent_rc rc = ent_store_merge(inputs, n, out, dedup, &st, quiet ? NULL : on_pass, NULL, &err);
    free(inputs);
    if (rc != ENT_OK) {
        fprintf(stderr, "entente merge: %s\n", err ? err : ent_strerror(rc));
        free(err);
        return 2;
    }
    if (!quiet)
        report(&st, out, now_s() - t0);
    return st.not_reproducible ? 1 : 0;
}
