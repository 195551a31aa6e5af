/*
 * fuzz_http.c - libFuzzer target for the request path of `entente serve`
 * (src/cli/serve.c, serve_request): an input is a URL path, then '?' and
 * a query string as a client sends it (%-escapes, '+', repeated, unknown
 * and malformed parameters); it is routed, split and decoded as
 * libmicrohttpd does, every parameter checked, and the endpoint answered
 * from a tiny store made once (a few documents and events between IRN,
 * RUS, SYR, TUR and USA, some undated, some with a place), with the
 * aggregates its triggers keep. Every answer of an API path, error or
 * not, must be one valid JSON value (cJSON), and its status one the
 * server gives.
 */
#include "entente.h"
#include "cli/serve.h"
#include "store/store.h"

#include <cjson/cJSON.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ent_store *store;

/* The fixture: 6 documents of 4 events over 2 years; d5 undated. */
static int fixture(const char *path)
{
    static const char *const actors[] = {"IRN", "RUSGOV", "SYR", "TURMIL", "USA", "RUS"};
    char *err = NULL;
    ent_store *w = ent_store_open(path, &err);
    if (!w)
        return -1;
    sqlite3 *db = store_db(w);
    int rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    for (int d = 0; d < 6 && rc == SQLITE_OK; d++) {
        char sql[1024];
        snprintf(sql, sizeof sql, "INSERT INTO documents(id, source, text, coded_at) VALUES("
                 "'d%d', 'AFP', 'text', 'now'); INSERT INTO sentences VALUES('d%d', 0, 0, 4,"
                 " 'text', 0)", d, d);
        rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
        for (int k = 0; k < 4 && rc == SQLITE_OK; k++) {
            snprintf(sql, sizeof sql,
                     "INSERT INTO events(doc_id, sentence, date, source, source_text, target,"
                     " target_text, code, root, quad, goldstein, mode, evidence, place,"
                     " place_country, lat, lon) VALUES('d%d', 0, %s, '%s', 'x', '%s', 'y',"
                     " '042', '04', %d, %.1f, '%s', 'test', %s)",
                     d, d == 5 ? "NULL" : "date('2020-01-01', '+' || (40 * ? + 7 * ?) || ' days')",
                     actors[(d + k) % 6], actors[(d + 2 * k + 1) % 6], 1 + (d + k) % 4,
                     (double)((d * 7 + k * 3) % 21 - 10), k == 3 ? "reported" : "asserted",
                     k == 1 ? "'Aleppo', 'SYR', 36.2, 37.16" : "NULL, NULL, NULL, NULL");
            sqlite3_stmt *st = NULL;
            rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
            if (rc == SQLITE_OK && d != 5) {
                sqlite3_bind_int(st, 1, d * 3);
                sqlite3_bind_int(st, 2, k);
            }
            if (rc == SQLITE_OK)
                rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
            sqlite3_finalize(st);
        }
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    ent_store_close(w);
    return rc == SQLITE_OK ? 0 : -1;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char path[64];
    snprintf(path, sizeof path, "/tmp/entente-fuzz-http-%d.sqlite", (int)getpid());
    unlink(path);
    if (fixture(path) < 0 || !(store = ent_store_open_readonly(path, NULL))) {
        fprintf(stderr, "fuzz_http: cannot make the store %s\n", path);
        abort();
    }
    unlink(path); /* the open handle keeps it */
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *url = malloc(size + 1);
    if (!url)
        return 0;
    memcpy(url, data, size);
    url[size] = 0; /* a NUL in the input ends the request, as in a C string */
    char *q = strchr(url, '?');
    if (q)
        *q++ = 0;
    char *body = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&body, &len);
    if (!f) {
        free(url);
        return 0;
    }
    unsigned status = serve_request(store, url, q, f);
    if (fclose(f) != 0)
        abort();
    if (status != 200 && status != 400 && status != 404 && status != 500)
        abort(); /* 503 would mean the shared store was not used */
    if (!strncmp(url, "/api/", 5) || status != 200) {
        cJSON *json = cJSON_ParseWithLength(body, len);
        if (!json) {
            fprintf(stderr, "fuzz_http: not JSON (status %u): %.300s\n", status, body);
            abort();
        }
        cJSON_Delete(json);
    }
    free(body);
    free(url);
    return 0;
}
