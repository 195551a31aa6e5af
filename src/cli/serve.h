/*
 * serve.h - `entente serve`: a small read-only HTTP server over a store
 * (JSON API under /api/, the dashboard page and its assets). The API is
 * documented in docs/api.md.
 */
#ifndef ENT_CLI_SERVE_H
#define ENT_CLI_SERVE_H

int cmd_serve(int argc, char **argv,
              const char *(*find_dict)(const char *opt, char *buf, unsigned long n));

#endif
