/*
 * report.h - `entente report`: one self-contained HTML page (the dashboard
 * in assets/, Chart.js and the data inlined) showing the alliances in a
 * store. The JSON pieces and the page assembly are also what a live
 * server needs, so they are exported here; the shapes are documented at
 * the top of assets/dashboard.js.
 */
#ifndef ENT_CLI_REPORT_H
#define ENT_CLI_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "entente.h"

int cmd_report(int argc, char **argv,
               const char *(*find_dict)(const char *opt, char *buf, unsigned long n));

/* CAMEO event names (code -> name) from DIR/cameo.tsv. NULL when the file
 * cannot be read or memory runs out; events then carry "name": null.
 * Free with report_names_free (NULL is a no-op). */
typedef struct report_names report_names;
report_names *report_names_load(const char *dir);
void report_names_free(report_names *nm);
const char *report_names_get(const report_names *nm, const char *code);

/* The summary object: documents, sentences, events by mode and quad class
 * and their date range (events within q->from..q->to, every mode).
 * Returns 0, or -1 when the store cannot be read (message on stderr). */
int report_summary_json(FILE *f, ent_store *s, const ent_query *q);

/* The events array: the latest `limit` events (by date, then id) within
 * q->from..q->to, of q->modes (0: every mode), involving q->a (and q->b,
 * either direction) when set, each with its sentence and the byte spans
 * of the source and target words in it (ENT_JSON_FLAT). Returns 0, or -1
 * (stderr). */
int report_events_json(FILE *f, ent_store *s, const ent_query *q, const report_names *nm,
                       int limit);

/* Write the page: DIR/dashboard.html with its placeholders replaced by
 * DIR/dashboard.css, DIR/chart.umd.gen.js, `window.ENTENTE_DATA = data;`
 * (data is JSON of len bytes; NULL leaves the data out, and the page
 * fetches /api/... instead) and DIR/dashboard.js, and without the
 * <!--@LIVE@-->...<!--@END_LIVE@--> blocks (the files by URL, for a server
 * that sends the template as it is). `</` inside the inlined scripts is
 * written `<\/`. Returns 0, or -1 with a message in
 * *err (free() it). */
int report_page(FILE *out, const char *dir, const char *data, size_t len, char **err);

#endif
