/*
 * petrarch.h - readers for the dictionary formats of PETRARCH2/TABARI (the
 * event-data field's verbs, actors, agents and discards files) into
 * entente's in-memory dictionaries (dict.h), so the shallow coder can code
 * with them. What is converted and what is not: docs/petrarch.md.
 */
#ifndef ENT_PETRARCH_H
#define ENT_PETRARCH_H

#include "dict.h"

/* Read one PETRARCH file of type "verbs", "actors", "agents" or
 * "discards" from memory into d. Lines that cannot be read are reported
 * as "name:line: message" through d's diag callback, counted in
 * dict_nbad(d) and skipped. Returns 0, or -1 for an unknown type. */
int petr_load_buffer(dict *d, const char *type, const char *name,
                     const char *buf, size_t len);
/* The same from a file; -1 if it cannot be read (errno is set). */
int petr_load_file(dict *d, const char *type, const char *path);

#endif
