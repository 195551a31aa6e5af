/*
 * serve.h - `entente serve`: a small read-only HTTP server over a store
 * (JSON API under /api/, the dashboard page and its assets). The API is
 * documented in docs/api.md.
 */
#ifndef ENT_CLI_SERVE_H
#define ENT_CLI_SERVE_H

#include "entente.h"

#include <stdio.h>

int cmd_serve(int argc, char **argv,
              const char *(*find_dict)(const char *opt, char *buf, unsigned long n));

/* The answer of `entente serve --no-cache` to GET url?query, without a
 * socket: query as sent (%-escaped, NULL for none) is split and decoded
 * as libmicrohttpd does, checked against the route and the parameters'
 * syntax, and answered from store (open, read-only; not closed). The JSON
 * body (or {"error": ...}) goes to f; returns the HTTP status. A dashboard
 * file's route answers 200 without reading the file. For fuzz/fuzz_http.c
 * and the tests. */
unsigned serve_request(ent_store *store, const char *url, const char *query, FILE *f);

#endif
