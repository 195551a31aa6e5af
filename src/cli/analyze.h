/*
 * analyze.h - `entente dyads | align | bloc | network`, and the JSON/CSV writers
 * the report and the server share.
 */
#ifndef ENT_CLI_ANALYZE_H
#define ENT_CLI_ANALYZE_H

#include <stdio.h>
#include "entente.h"

int cmd_dyads(int argc, char **argv);
int cmd_align(int argc, char **argv);
int cmd_network(int argc, char **argv);
int cmd_bloc(int argc, char **argv);

void write_dyads_json(FILE *f, const ent_dyad_row *r, int n);
void write_dyads_csv(FILE *f, const ent_dyad_row *r, int n);
/* The alignment as JSON; with a verdict (v not NULL) also its line, its
 * figures and the drivers d[0..nd). */
void write_align_json(FILE *f, const char *a, const char *b, const ent_align_row *r, int n,
                      const ent_verdict *v, const ent_align_driver *d, int nd);
void write_bloc_json(FILE *f, const char *const *m, int nm, const ent_bloc_row *r, int n,
                     const ent_verdict *v, const ent_bloc_member *mv, int drifter);
/* The verdict as one line: "IRN–RUS: similarity 0.61 → 0.18 from 2016-Q2
 * (n = ...)"; who names the pair or group, what the measure. */
void format_verdict(char *buf, size_t n, const char *who, const char *what, const ent_verdict *v);
void write_verdict_json(FILE *f, const ent_verdict *v, const char *text);
void write_align_csv(FILE *f, const ent_align_row *r, int n);
void write_network_json(FILE *f, const ent_edge *e, int n);
/* The places of ent_places: [{place, country, lat, lon, period, source,
 * target, events, quad: [4], modes: {asserted, ...}}] (period "all" and
 * empty source and target left out). */
void write_places_json(FILE *f, const ent_place_row *r, int n);
void write_network_dot(FILE *f, const ent_edge *e, int n);
void write_network_graphml(FILE *f, const ent_edge *e, int n);
/* A JSON string literal. */
void json_string(FILE *f, const char *s);

/* Common options: --db F --from D --to D --by P --level L --modes LIST.
 * Returns 0, 1 after printing --help, or -1 (with a message) on a bad
 * option. Positional arguments go to pos[0..*npos). */
int parse_query(int argc, char **argv, ent_query *q, const char **db, const char **format,
                const char **pos, int *npos, int maxpos, const char *cmd);

#endif
