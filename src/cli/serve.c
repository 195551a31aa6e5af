/*
 * serve.c - `entente serve`: a small read-only HTTP server over a store
 * written by `entente code --db`, for the dashboard and for scripts.
 *
 *   entente serve --db F [--port 8080] [--host 127.0.0.1] [--dict DIR]
 *                 [--max-seconds N] [--request-seconds N] [--quiet]
 *
 * libmicrohttpd runs one thread per connection, at most 64, 16 from one
 * address; a watchdog thread closes a connection that is slow to send its
 * request (slowloris; see "Slow clients" below); every request opens its
 * own read-only store (cheap), so no handle is shared across threads. The
 * store is read only through the library (ent_store_events,
 * ent_store_summary, ent_query_top, the analyses), which binds every value
 * it is given; events are written by the library's one event writer.
 * Routes are a fixed table: nothing in the URL ever names a file. Every
 * query parameter is checked against the route's list and its own syntax
 * before the store is opened. The API is documented in docs/api.md.
 */
#include "serve.h"
#include "analyze.h"
#include "report.h"
#include "entente.h"

#include <arpa/inet.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SERVE_DEFAULT_LIMIT 100
#define SERVE_MAX_LIMIT 1000
#define SERVE_MAX_OFFSET 100000
#define SERVE_MAX_ASSET (16L << 20)   /* bytes of one static file */
#define SERVE_QUERY_SECONDS 30.0      /* summary and events reads are interrupted after this */
#define SERVE_MAX_CONNECTIONS 64
#define SERVE_IDLE_SECONDS 15
#define SERVE_PER_IP 16               /* connections from one client address */
#define SERVE_REQUEST_SECONDS 10      /* default of --request-seconds */
#define SERVE_WATCH_MS 100            /* how often the watchdog looks at the deadlines */
#define SERVE_MAX_PARAMS 32           /* query parameters of one request */

static const char csp[] = "default-src 'self'; script-src 'self'; "
                          "style-src 'self' 'unsafe-inline'; img-src 'self' data:";

static const char usage_serve[] =
    "usage: entente serve --db FILE [options]\n"
    "\n"
    "Serve a store read-only over HTTP: the JSON API under /api/ (docs/api.md)\n"
    "and the dashboard at /.\n"
    "\n"
    "options:\n"
    "      --db FILE         the SQLite store written by `entente code --db`\n"
    "      --port N          TCP port (default 8080; 0 picks a free one)\n"
    "      --host ADDR       IPv4 or IPv6 address to bind (default 127.0.0.1);\n"
    "                        anything but loopback exposes the store to the network\n"
    "      --dict DIR        data folder holding the dashboard's files (dashboard.*,\n"
    "                        the libraries *.gen.js) and cameo.tsv (default: as for code)\n"
    "      --max-seconds N   stop after N seconds (default: run until SIGINT/SIGTERM)\n"
    "      --request-seconds N  close a connection that has not sent a whole request\n"
    "                        within N seconds of connecting or of its previous answer\n"
    "                        (default 10; slow clients, docs/api.md)\n"
    "  -q, --quiet           no log line per request\n"
    "      --no-cache        compute every answer (benchmarks: bench/serve.sh)\n"
    "  -h, --help            this help\n";

typedef struct server {
    const char *db;       /* path of the store */
    const char *assets;   /* folder of the dashboard files */
    int loopback;         /* bound to a loopback address: Host must be loopback too */
    int quiet;
    int no_cache;         /* --no-cache: every answer computed */
    const report_names *names; /* CAMEO names for the events (NULL: none) */
    ent_store *shared;    /* one store for every request (serve_request), or NULL */
    struct watchdog *wd;  /* the request deadlines (NULL: none, as in serve_request) */
} server;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ------------------------------------------------------------------ */
/* Query parameters                                                    */

enum {
    P_ACTOR, P_SOURCE, P_TARGET, P_CODE, P_ROOT, P_MODE, P_FROM, P_TO, P_PLACE,
    P_LIMIT, P_OFFSET, P_A, P_B, P_BY, P_LEVEL, P_MODES, P_MEMBERS, P_MIN_EVENTS, NPARAM
};
static const char *const param_name[NPARAM] = {
    "actor", "source", "target", "code", "root", "mode", "from", "to", "place",
    "limit", "offset", "a", "b", "by", "level", "modes", "members", "min_events"};
#define BIT(p) (1u << (p))

/* The parameters of one request. Values point into libmicrohttpd's
 * connection memory and stay valid until the response is queued. An empty
 * value counts as absent. */
typedef struct request {
    const char *v[NPARAM];
    unsigned allowed, seen;
    char err[160];
} request;

/* Copy a parameter name for an error message: only [A-Za-z0-9_.-], so the
 * message is safe JSON and echoes nothing else the client sent. */
static void safe_name(char *out, size_t n, const char *key, size_t key_size)
{
    size_t k = 0;
    for (size_t i = 0; i < key_size && k + 1 < n && k < 32; i++) {
        char ch = key[i];
        int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                 (ch >= '0' && ch <= '9') || ch == '_' || ch == '.' || ch == '-';
        out[k++] = ok ? ch : '?';
    }
    out[k] = 0;
}

static enum MHD_Result take_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                size_t key_size, const char *value, size_t value_size)
{
    request *rq = cls;
    (void)kind;
    if (rq->err[0])
        return MHD_NO;
    char name[40];
    safe_name(name, sizeof name, key ? key : "", key ? key_size : 0);
    int p;
    for (p = 0; p < NPARAM; p++)
        if (key && strlen(key) == key_size && !strcmp(key, param_name[p]))
            break;
    if (p == NPARAM || !(rq->allowed & BIT(p))) {
        snprintf(rq->err, sizeof rq->err, "unknown parameter '%s'", name);
        return MHD_NO;
    }
    if (value && strlen(value) != value_size) {
        snprintf(rq->err, sizeof rq->err, "parameter '%s' contains a NUL byte", name);
        return MHD_NO;
    }
    if (rq->seen & BIT(p)) {
        snprintf(rq->err, sizeof rq->err, "parameter '%s' is given twice", name);
        return MHD_NO;
    }
    rq->seen |= BIT(p);
    if (value && *value)
        rq->v[p] = value;
    return MHD_YES;
}

static int is_actor(const char *s)
{
    size_t n = strlen(s);
    if (n < 2 || n > 30)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
            return 0;
    return 1;
}

static int is_digits(const char *s, size_t lo, size_t hi)
{
    size_t n = strlen(s);
    if (n < lo || n > hi)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* A real calendar date YYYY-MM-DD (year 0001-9999). */
static int is_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

/* A place: a name of 1-100 bytes without control characters or markup
 * (it is only ever bound, never echoed). */
static int is_place(const char *s)
{
    size_t n = strlen(s);
    if (n > 100)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch < 0x20 || ch == 0x7f || strchr("\"\\<>;`", ch))
            return 0;
    }
    return 1;
}

/* A comma list of mode names into a bit set (1 << ent_mode); 0 when a
 * name is not a mode. */
static int parse_modes(const char *s)
{
    int bits = 0;
    while (*s) {
        size_t n = strcspn(s, ",");
        int m;
        for (m = 0; m < 4; m++)
            if (strlen(ent_mode_name((ent_mode)m)) == n && !strncmp(s, ent_mode_name((ent_mode)m), n))
                break;
        if (m == 4)
            return 0;
        bits |= 1 << m;
        s += n + (s[n] == ',');
    }
    return bits;
}

/* A comma list of 2 to ENT_BLOC_MAX actor codes into m[]; their number, or
 * 0 when the list is malformed. buf holds the copies. */
static int parse_members(const char *s, char buf[ENT_BLOC_MAX][32], const char **m)
{
    int n = 0;
    while (*s) {
        size_t k = strcspn(s, ",");
        if (n == ENT_BLOC_MAX || k == 0 || k > 30)
            return 0;
        memcpy(buf[n], s, k);
        buf[n][k] = 0;
        if (!is_actor(buf[n]))
            return 0;
        m[n] = buf[n];
        n++;
        s += k + (s[k] == ',');
    }
    return n >= 2 ? n : 0;
}

/* A non-negative integer of at most 7 digits within [lo, hi]. */
static int parse_count(const char *s, long lo, long hi, long *out)
{
    if (!is_digits(s, 1, 7))
        return 0;
    long v = atol(s);
    if (v < lo || v > hi)
        return 0;
    *out = v;
    return 1;
}

/* Check the syntax of every parameter present and the rules between them.
 * 0 when all is well, else -1 with a message in rq->err. */
static int validate(request *rq)
{
    for (int p = 0; p < NPARAM; p++) {
        const char *v = rq->v[p];
        long n;
        int ok = 1;
        if (!v)
            continue;
        switch (p) {
        case P_ACTOR: case P_SOURCE: case P_TARGET: case P_A: case P_B:
            ok = is_actor(v);
            if (!ok)
                snprintf(rq->err, sizeof rq->err,
                         "%s: an actor code is 2-30 characters A-Z, 0-9 (e.g. RUS, IRNGOV)",
                         param_name[p]);
            break;
        case P_CODE:
            ok = is_digits(v, 2, 4);
            if (!ok)
                snprintf(rq->err, sizeof rq->err, "code: an event code is 2-4 digits (e.g. 04, 129)");
            break;
        case P_ROOT:
            ok = is_digits(v, 2, 2);
            if (!ok)
                snprintf(rq->err, sizeof rq->err, "root: a root code is 2 digits (01-20)");
            break;
        case P_MODE:
            ok = 0;
            for (int m = 0; m < 4; m++)
                ok |= !strcmp(v, ent_mode_name((ent_mode)m));
            if (!ok)
                snprintf(rq->err, sizeof rq->err,
                         "mode: one of asserted, negated, hypothetical, reported");
            break;
        case P_FROM: case P_TO:
            ok = is_date(v);
            if (!ok)
                snprintf(rq->err, sizeof rq->err, "%s: a date is YYYY-MM-DD", param_name[p]);
            break;
        case P_PLACE:
            ok = is_place(v);
            if (!ok)
                snprintf(rq->err, sizeof rq->err,
                         "place: a place name (at most 100 bytes) or an ISO alpha-3 country code");
            break;
        case P_LIMIT:
            ok = parse_count(v, 1, SERVE_MAX_LIMIT, &n);
            if (!ok)
                snprintf(rq->err, sizeof rq->err, "limit: an integer from 1 to %d", SERVE_MAX_LIMIT);
            break;
        case P_OFFSET:
            ok = parse_count(v, 0, SERVE_MAX_OFFSET, &n);
            if (!ok)
                snprintf(rq->err, sizeof rq->err, "offset: an integer from 0 to %d",
                         SERVE_MAX_OFFSET);
            break;
        case P_MIN_EVENTS:
            ok = parse_count(v, 1, 100000, &n);
            if (!ok)
                snprintf(rq->err, sizeof rq->err, "min_events: an integer from 1 to 100000");
            break;
        case P_BY:
            ok = ent_period_parse(v) >= 0;
            if (!ok)
                snprintf(rq->err, sizeof rq->err, "by: one of day, week, month, quarter, year, all");
            break;
        case P_LEVEL:
            ok = !strcmp(v, "country") || !strcmp(v, "actor");
            if (!ok)
                snprintf(rq->err, sizeof rq->err, "level: country or actor");
            break;
        case P_MODES:
            ok = strlen(v) < 64 && parse_modes(v) != 0;
            if (!ok)
                snprintf(rq->err, sizeof rq->err, "modes: a comma list of asserted, negated, "
                                                  "hypothetical, reported");
            break;
        case P_MEMBERS: {
            char buf[ENT_BLOC_MAX][32];
            const char *m[ENT_BLOC_MAX];
            ok = strlen(v) < 600 && parse_members(v, buf, m) != 0;
            if (!ok)
                snprintf(rq->err, sizeof rq->err, "members: 2 to %d actor codes, comma-separated "
                                                  "(e.g. IRN,RUS,SYRGOV)", ENT_BLOC_MAX);
            break;
        }
        }
        if (!ok)
            return -1;
    }
    const char *from = rq->v[P_FROM], *to = rq->v[P_TO];
    if (from && to) {
        if (strcmp(from, to) > 0) {
            snprintf(rq->err, sizeof rq->err, "from is after to");
            return -1;
        }
        char limit[16];
        snprintf(limit, sizeof limit, "%04d%s", atoi(from) + 100, from + 4);
        if (atoi(from) + 100 <= 9999 && strcmp(to, limit) > 0) {
            snprintf(rq->err, sizeof rq->err, "from and to are more than 100 years apart");
            return -1;
        }
    }
    if (rq->v[P_MODE] && rq->v[P_MODES]) {
        snprintf(rq->err, sizeof rq->err, "give mode or modes, not both");
        return -1;
    }
    if (rq->v[P_B] && !rq->v[P_A]) {
        snprintf(rq->err, sizeof rq->err, "b needs a");
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Responses                                                           */

/* Queue body (malloc'd; taken over) with the headers every response has. */
static enum MHD_Result send_body(struct MHD_Connection *c, unsigned status, const char *ctype,
                                 char *body, size_t len)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(body);
        return MHD_NO;
    }
    MHD_add_response_header(r, "Content-Type", ctype);
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Content-Security-Policy", csp);
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
        MHD_add_response_header(r, "Allow", "GET, HEAD");
    enum MHD_Result ret = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ret;
}

/* The answer of an error: {"error": msg}. */
static void error_json(FILE *f, const char *msg)
{
    fputs("{\"error\":", f);
    json_string(f, msg);
    fputs("}\n", f);
}

static enum MHD_Result send_error(struct MHD_Connection *c, unsigned status, const char *msg)
{
    char *body = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&body, &len);
    if (!f)
        return MHD_NO;
    error_json(f, msg);
    if (fclose(f) != 0) {
        free(body);
        return MHD_NO;
    }
    return send_body(c, status, "application/json; charset=utf-8", body, len);
}

/* ------------------------------------------------------------------ */
/* Reading the store                                                   */

/* A read-only store for this request (opening is cheap; no handle is
 * shared across threads). With a time limit, reading it is interrupted
 * once the limit passes. */
static ent_store *open_store(const server *sv, double seconds)
{
    if (sv->shared) {
        ent_store_set_timeout(sv->shared, seconds);
        return sv->shared;
    }
    char *err = NULL;
    ent_store *s = ent_store_open_readonly(sv->db, &err);
    if (!s) {
        fprintf(stderr, "entente serve: cannot read %s\n", err ? err : sv->db);
        free(err);
        return NULL;
    }
    ent_store_set_timeout(s, seconds);
    return s;
}

/* Done with a store of open_store. */
static void close_store(const server *sv, ent_store *s)
{
    if (s != sv->shared)
        ent_store_close(s);
}

/* HTTP status for a failed read; the store's message goes to the log
 * only, never to the client. */
static unsigned store_failed(const ent_store *s, ent_rc rc, const char **err)
{
    fprintf(stderr, "entente serve: store: %s\n",
            rc == ENT_EDB ? ent_store_errmsg(s) : ent_strerror(rc));
    if (rc == ENT_EDB && ent_store_last_fault(s) == ENT_STORE_TIMEOUT) {
        *err = "the query took too long";
        return MHD_HTTP_SERVICE_UNAVAILABLE;
    }
    if (rc == ENT_EDB && ent_store_last_fault(s) == ENT_STORE_BUSY) {
        *err = "the store is busy; try again";
        return MHD_HTTP_SERVICE_UNAVAILABLE;
    }
    *err = rc == ENT_ENOMEM ? "out of memory" : "the store could not be read";
    return MHD_HTTP_INTERNAL_SERVER_ERROR;
}

static void str_or_null(FILE *f, const char *s)
{
    if (s && *s)
        json_string(f, s);
    else
        fputs("null", f);
}

#define SERVE_TOP 20

/* GET /api/summary: counts of documents and events (by mode and quad
 * class), the date range and the most frequent actors and pairs (country
 * level, asserted and reported events). */
static unsigned api_summary(const server *sv, const request *rq, FILE *f, const char **err)
{
    (void)rq;
    ent_store *s = open_store(sv, SERVE_QUERY_SECONDS);
    if (!s) {
        *err = "the store cannot be read";
        return MHD_HTTP_SERVICE_UNAVAILABLE;
    }
    static const char *const quad_name[4] = {"verbal_coop", "material_coop",
                                             "verbal_conflict", "material_conflict"};
    ent_store_counts n;
    ent_top_row *actors = NULL, *pairs = NULL;
    int na = 0, np = 0;
    ent_query q;
    memset(&q, 0, sizeof q);
    q.country_level = 1;
    long undated = 0;
    ent_rc rc = ent_store_summary(s, NULL, NULL, &n);
    if (rc == ENT_OK)
        rc = ent_store_undated_events(s, &undated);
    if (rc == ENT_OK)
        rc = ent_query_top(s, &q, SERVE_TOP, &actors, &na, &pairs, &np);
    if (rc != ENT_OK) {
        unsigned status = store_failed(s, rc, err);
        close_store(sv, s);
        return status;
    }
    close_store(sv, s);
    fprintf(f, "{\"version\":\"%s\",\"documents\":%ld,\"duplicates\":%ld,\"sentences\":%ld,"
               "\"events\":%ld,\"modes\":{", ENT_VERSION, n.documents + n.near_duplicates,
            n.near_duplicates, n.sentences, n.events);
    for (int m = 0; m < 4; m++)
        fprintf(f, "%s\"%s\":%ld", m ? "," : "", ent_mode_name((ent_mode)m), n.by_mode[m]);
    fputs("},\"quad\":{", f);
    for (int k = 0; k < 4; k++)
        fprintf(f, "%s\"%s\":%ld", k ? "," : "", quad_name[k], n.by_quad[k]);
    fputs("},\"dates\":{\"from\":", f);
    str_or_null(f, n.first_date);
    fputs(",\"to\":", f);
    str_or_null(f, n.last_date);
    fprintf(f, ",\"undated\":%ld},\"top_actors\":[", undated);
    for (int i = 0; i < na; i++) {
        fputs(i ? ",{\"actor\":" : "{\"actor\":", f);
        json_string(f, actors[i].a);
        fprintf(f, ",\"events\":%ld}", actors[i].events);
    }
    fputs("],\"top_pairs\":[", f);
    for (int i = 0; i < np; i++) {
        fputs(i ? ",{\"a\":" : "{\"a\":", f);
        json_string(f, pairs[i].a);
        fputs(",\"b\":", f);
        json_string(f, pairs[i].b);
        fprintf(f, ",\"events\":%ld}", pairs[i].events);
    }
    fputs("]}\n", f);
    free(actors);
    free(pairs);
    return MHD_HTTP_OK;
}

/* GET /api/events: the events matching the filters, newest first, with
 * their sentence, spans, document and place (ent_store_events; validate
 * has checked every parameter). */
static unsigned api_events(const server *sv, const request *rq, FILE *f, const char **err)
{
    ent_event_filter flt;
    memset(&flt, 0, sizeof flt);
    flt.actor = rq->v[P_ACTOR];
    flt.source = rq->v[P_SOURCE];
    flt.target = rq->v[P_TARGET];
    flt.code = rq->v[P_CODE];
    flt.root = rq->v[P_ROOT];
    flt.from = rq->v[P_FROM];
    flt.to = rq->v[P_TO];
    flt.place = rq->v[P_PLACE];
    flt.a = rq->v[P_A];
    flt.b = rq->v[P_B];
    if (rq->v[P_MODES])
        flt.modes = parse_modes(rq->v[P_MODES]);
    if (rq->v[P_MODE])
        for (int m = 0; m < 4; m++)
            if (!strcmp(rq->v[P_MODE], ent_mode_name((ent_mode)m)))
                flt.modes = 1 << m;
    long limit = rq->v[P_LIMIT] ? atol(rq->v[P_LIMIT]) : SERVE_DEFAULT_LIMIT;
    flt.offset = rq->v[P_OFFSET] ? atol(rq->v[P_OFFSET]) : 0;
    flt.limit = limit + 1; /* one more tells whether there are more */

    ent_store *s = open_store(sv, SERVE_QUERY_SECONDS);
    if (!s) {
        *err = "the store cannot be read";
        return MHD_HTTP_SERVICE_UNAVAILABLE;
    }
    ent_rc rc;
    ent_store_iter *it = ent_store_events(s, &flt, &rc);
    if (!it) {
        unsigned status = store_failed(s, rc, err);
        close_store(sv, s);
        return status;
    }
    fprintf(f, "{\"offset\":%ld,\"limit\":%ld,\"events\":[", flt.offset, limit);
    const ent_event_rec *rec;
    long n = 0;
    while ((rc = ent_store_iter_next(it, &rec)) == ENT_OK && n < limit) {
        if (n++)
            fputs(",\n", f);
        ent_event_rec r = *rec;
        r.ev.name = report_names_get(sv->names, r.ev.code);
        ent_write_event_json(f, &r, ENT_JSON_API);
    }
    unsigned status = rc == ENT_OK || rc == ENT_EOF ? MHD_HTTP_OK : store_failed(s, rc, err);
    fprintf(f, "],\"count\":%ld,\"more\":%s}\n", n, rc == ENT_OK ? "true" : "false");
    ent_store_iter_free(it);
    close_store(sv, s);
    return status;
}

static void query_of(const request *rq, ent_query *q)
{
    memset(q, 0, sizeof *q);
    q->by = rq->v[P_BY] ? (ent_period)ent_period_parse(rq->v[P_BY]) : ENT_BY_MONTH;
    q->country_level = !rq->v[P_LEVEL] || !strcmp(rq->v[P_LEVEL], "country");
    q->from = rq->v[P_FROM];
    q->to = rq->v[P_TO];
    q->a = rq->v[P_A];
    q->b = rq->v[P_B];
    q->modes = rq->v[P_MODES] ? parse_modes(rq->v[P_MODES]) : 0;
    q->min_events = rq->v[P_MIN_EVENTS] ? atoi(rq->v[P_MIN_EVENTS]) : 0;
}

static unsigned analysis_failed(ent_rc rc, const char **err)
{
    fprintf(stderr, "entente serve: analysis: %s\n", ent_strerror(rc));
    *err = rc == ENT_ENOMEM ? "out of memory" : "the store could not be read";
    return MHD_HTTP_INTERNAL_SERVER_ERROR;
}

/* GET /api/dyads, /api/align, /api/network: the analyses of
 * `entente dyads | align | network`, in the same JSON. */
enum { AN_DYADS, AN_ALIGN, AN_NETWORK, AN_PLACES };

static unsigned run_analysis(const server *sv, const ent_query *q, int kind, FILE *f,
                             const char **err)
{
    ent_store *s = open_store(sv, 0);
    if (!s) {
        *err = "the store cannot be read";
        return MHD_HTTP_SERVICE_UNAVAILABLE;
    }
    ent_dyad_row *dyads = NULL;
    ent_align_row *align = NULL;
    ent_edge *edges = NULL;
    ent_place_row *places = NULL;
    int n = 0;
    ent_rc rc;
    if (kind == AN_PLACES) {
        /* per place and dyad when an actor is chosen (the page merges the
         * places of two actors), else per place */
        if ((rc = ent_places(s, q, q->a != NULL, &places, &n)) == ENT_OK)
            write_places_json(f, places, n);
    } else if (kind == AN_DYADS) {
        if ((rc = ent_dyads(s, q, &dyads, &n)) == ENT_OK)
            write_dyads_json(f, dyads, n);
    } else if (kind == AN_ALIGN) {
        ent_align_driver drv[ENT_ALIGN_TOP];
        ent_verdict v;
        int nd = 0;
        if ((rc = ent_align_judge(s, q, &align, &n, &v, drv, &nd)) == ENT_OK)
            write_align_json(f, q->a, q->b, align, n, &v, drv, nd);
    } else {
        if ((rc = ent_network(s, q, &edges, &n)) == ENT_OK)
            write_network_json(f, edges, n);
    }
    free(dyads);
    free(align);
    free(edges);
    free(places);
    close_store(sv, s);
    return rc == ENT_OK ? MHD_HTTP_OK : analysis_failed(rc, err);
}

static unsigned api_dyads(const server *sv, const request *rq, FILE *f, const char **err)
{
    ent_query q;
    query_of(rq, &q);
    return run_analysis(sv, &q, AN_DYADS, f, err);
}

static unsigned api_align(const server *sv, const request *rq, FILE *f, const char **err)
{
    ent_query q;
    query_of(rq, &q);
    if (!q.a || !q.b) {
        *err = "a and b are required (two actor codes, e.g. a=IRN&b=RUS)";
        return MHD_HTTP_BAD_REQUEST;
    }
    return run_analysis(sv, &q, AN_ALIGN, f, err);
}

static unsigned api_network(const server *sv, const request *rq, FILE *f, const char **err)
{
    ent_query q;
    query_of(rq, &q);
    q.by = ENT_BY_ALL;
    return run_analysis(sv, &q, AN_NETWORK, f, err);
}

/* GET /api/places: the places of the events with coordinates, with their
 * events per quad class and mode (ent_places; by=all unless given). */
static unsigned api_places(const server *sv, const request *rq, FILE *f, const char **err)
{
    ent_query q;
    query_of(rq, &q);
    if (!rq->v[P_BY])
        q.by = ENT_BY_ALL;
    return run_analysis(sv, &q, AN_PLACES, f, err);
}

/* GET /api/bloc?members=A,B,C: the cohesion of a group, as `entente bloc
 * --format json` (quarters unless by is given). */
static unsigned api_bloc(const server *sv, const request *rq, FILE *f, const char **err)
{
    ent_query q;
    query_of(rq, &q);
    if (!rq->v[P_BY])
        q.by = ENT_BY_QUARTER;
    char buf[ENT_BLOC_MAX][32];
    const char *m[ENT_BLOC_MAX];
    int nm = rq->v[P_MEMBERS] ? parse_members(rq->v[P_MEMBERS], buf, m) : 0;
    if (nm < 2) {
        *err = "members is required: 2 to 16 actor codes (e.g. members=IRN,RUS,SYRGOV)";
        return MHD_HTTP_BAD_REQUEST;
    }
    ent_store *s = open_store(sv, 0);
    if (!s) {
        *err = "the store cannot be read";
        return MHD_HTTP_SERVICE_UNAVAILABLE;
    }
    ent_bloc_row *r = NULL;
    ent_bloc_member mv[ENT_BLOC_MAX];
    ent_verdict v;
    int n = 0, drifter = -1;
    ent_rc rc = ent_bloc(s, &q, m, nm, &r, &n, &v, mv, &drifter);
    if (rc == ENT_OK)
        write_bloc_json(f, m, nm, r, n, &v, mv, drifter);
    free(r);
    close_store(sv, s);
    return rc == ENT_OK ? MHD_HTTP_OK : analysis_failed(rc, err);
}

/* ------------------------------------------------------------------ */
/* Routes                                                              */

typedef unsigned (*api_fn)(const server *sv, const request *rq, FILE *f, const char **err);

#define Q_RANGE (BIT(P_FROM) | BIT(P_TO))
#define Q_ANALYSIS (Q_RANGE | BIT(P_LEVEL) | BIT(P_MODES))
typedef struct route {
    const char *path;
    api_fn api;           /* a JSON endpoint, or NULL for a static file */
    unsigned allowed;     /* its parameters */
    const char *file;     /* the static file, in the data folder */
    const char *ctype;
} route;

static const route routes[] = {
    {"/api/summary", api_summary, 0, NULL, NULL},
    {"/api/events", api_events,
     BIT(P_ACTOR) | BIT(P_SOURCE) | BIT(P_TARGET) | BIT(P_CODE) | BIT(P_ROOT) | BIT(P_MODE) |
         Q_RANGE | BIT(P_PLACE) | BIT(P_LIMIT) | BIT(P_OFFSET) | BIT(P_A) | BIT(P_B) |
         BIT(P_MODES),
     NULL, NULL},
    {"/api/dyads", api_dyads, BIT(P_A) | BIT(P_B) | Q_ANALYSIS | BIT(P_BY), NULL, NULL},
    {"/api/align", api_align, BIT(P_A) | BIT(P_B) | Q_ANALYSIS | BIT(P_BY) | BIT(P_MIN_EVENTS),
     NULL, NULL},
    {"/api/network", api_network, BIT(P_A) | Q_ANALYSIS, NULL, NULL},
    {"/api/places", api_places, BIT(P_A) | BIT(P_B) | Q_ANALYSIS | BIT(P_BY), NULL, NULL},
    {"/api/bloc", api_bloc, BIT(P_MEMBERS) | Q_ANALYSIS | BIT(P_BY) | BIT(P_MIN_EVENTS), NULL,
     NULL},
    {"/", NULL, 0, "dashboard.html", "text/html; charset=utf-8"},
    {"/dashboard.js", NULL, 0, "dashboard.js", "text/javascript; charset=utf-8"},
    {"/dashboard.css", NULL, 0, "dashboard.css", "text/css; charset=utf-8"},
    {"/chart.umd.js", NULL, 0, "chart.umd.gen.js", "text/javascript; charset=utf-8"},
    {"/cytoscape.js", NULL, 0, "cytoscape.gen.js", "text/javascript; charset=utf-8"},
    {"/leaflet.js", NULL, 0, "leaflet.gen.js", "text/javascript; charset=utf-8"},
    {"/leaflet.css", NULL, 0, "leaflet.gen.css", "text/css; charset=utf-8"},
    {"/markercluster.js", NULL, 0, "markercluster.gen.js", "text/javascript; charset=utf-8"},
    {"/markercluster.css", NULL, 0, "markercluster.gen.css", "text/css; charset=utf-8"},
    {"/topojson.js", NULL, 0, "topojson.gen.js", "text/javascript; charset=utf-8"},
    {"/world.js", NULL, 0, "world.gen.js", "text/javascript; charset=utf-8"},
    {"/cameo.tsv", NULL, 0, "cameo.tsv", "text/tab-separated-values; charset=utf-8"},
};

/* Serve one of the dashboard files; the name comes from the route table. */
static enum MHD_Result send_file(const server *sv, struct MHD_Connection *c, const route *rt,
                                 unsigned *status)
{
    char path[PATH_MAX], msg[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/%s", sv->assets, rt->file);
    FILE *in = fopen(path, "rb");
    char *body = NULL;
    long len = -1;
    if (in && fseek(in, 0, SEEK_END) == 0 && (len = ftell(in)) >= 0 && len <= SERVE_MAX_ASSET &&
        fseek(in, 0, SEEK_SET) == 0 && (body = malloc((size_t)len + 1)) &&
        fread(body, 1, (size_t)len, in) == (size_t)len) {
        fclose(in);
        *status = MHD_HTTP_OK;
        return send_body(c, MHD_HTTP_OK, rt->ctype, body, (size_t)len);
    }
    if (in)
        fclose(in);
    free(body);
    snprintf(msg, sizeof msg, "the dashboard file %s is missing or unreadable (build with make)",
             rt->file);
    *status = MHD_HTTP_SERVICE_UNAVAILABLE;
    return send_error(c, *status, msg);
}

/* With a loopback bind, the Host header must name loopback too: a web
 * page elsewhere cannot reach the API through DNS rebinding. */
static int host_ok(const server *sv, struct MHD_Connection *c)
{
    if (!sv->loopback)
        return 1;
    const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
    if (!h)
        return 1; /* HTTP/1.0 */
    char name[64];
    size_t n;
    if (h[0] == '[') {
        const char *end = strchr(h, ']');
        if (!end)
            return 0;
        n = (size_t)(end - h - 1);
        h++;
    } else {
        n = strcspn(h, ":");
    }
    if (n >= sizeof name)
        return 0;
    memcpy(name, h, n);
    name[n] = 0;
    struct in_addr a4;
    if (!strcmp(name, "localhost") || !strcmp(name, "::1"))
        return 1;
    return inet_pton(AF_INET, name, &a4) == 1 && (ntohl(a4.s_addr) >> 24) == 127;
}

/* ------------------------------------------------------------------ */
/* Result cache: an API answer is computed once per query and store      */
/* version; concurrent identical requests wait for the first instead of  */
/* each scanning the store (a million events take seconds to aggregate). */

#define CACHE_SLOTS 64
#define CACHE_MAX_BODY (64u << 20)

typedef struct cache_entry {
    char *key;
    char *body;
    size_t len;
    int state;              /* 0 free, 1 being computed, 2 ready */
    unsigned long used;     /* for eviction: the least recently used goes */
} cache_entry;

static cache_entry cache[CACHE_SLOTS];
static unsigned long cache_clock;
static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cache_cv = PTHREAD_COND_INITIALIZER;

/* The cache key: path, every parameter, and the store's size and mtime,
 * so a store written again is never answered from old results. */
static int cache_key(const server *sv, const char *url, const request *rq, char *key, size_t n)
{
    struct stat st;
    if (stat(sv->db, &st) != 0)
        return -1;
    int k = snprintf(key, n, "%s|%lld|%lld.%09ld", url, (long long)st.st_size,
                     (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec);
    for (int i = 0; i < NPARAM && k > 0 && (size_t)k < n; i++)
        if (rq->v[i])
            k += snprintf(key + k, n - (size_t)k, "&%s=%s", param_name[i], rq->v[i]);
    return k > 0 && (size_t)k < n ? 0 : -1;
}

/* Find key (cache_mu held); -1 if absent. */
static int cache_find(const char *key)
{
    for (int i = 0; i < CACHE_SLOTS; i++)
        if (cache[i].state && !strcmp(cache[i].key, key))
            return i;
    return -1;
}

/* A copy of the cached body of key into *body, waiting while another
 * thread computes it. Returns 1 on a hit; 0 when the caller must compute
 * it, having reserved *slot (or -1 when every slot is busy). */
static int cache_get(const char *key, char **body, size_t *len, int *slot)
{
    *slot = -1;
    pthread_mutex_lock(&cache_mu);
    for (;;) {
        int i = cache_find(key);
        if (i >= 0 && cache[i].state == 2) {
            *body = malloc(cache[i].len + 1);
            if (*body) {
                memcpy(*body, cache[i].body, cache[i].len);
                *len = cache[i].len;
                cache[i].used = ++cache_clock;
            }
            pthread_mutex_unlock(&cache_mu);
            return *body != NULL;
        }
        if (i >= 0) { /* being computed by another request */
            pthread_cond_wait(&cache_cv, &cache_mu);
            continue;
        }
        break;
    }
    int victim = -1;
    for (int i = 0; i < CACHE_SLOTS; i++) {
        if (cache[i].state == 0) {
            victim = i;
            break;
        }
        if (cache[i].state == 2 && (victim < 0 || cache[i].used < cache[victim].used))
            victim = i;
    }
    if (victim >= 0) {
        free(cache[victim].key);
        free(cache[victim].body);
        cache[victim].key = strdup(key);
        cache[victim].body = NULL;
        cache[victim].state = cache[victim].key ? 1 : 0;
        if (cache[victim].key)
            *slot = victim;
    }
    pthread_mutex_unlock(&cache_mu);
    return 0;
}

/* Store the answer of a reserved slot (body NULL: the request failed). */
static void cache_put(int slot, const char *body, size_t len)
{
    if (slot < 0)
        return;
    pthread_mutex_lock(&cache_mu);
    cache_entry *e = &cache[slot];
    e->body = body && len <= CACHE_MAX_BODY ? malloc(len + 1) : NULL;
    if (e->body) {
        memcpy(e->body, body, len);
        e->len = len;
        e->state = 2;
        e->used = ++cache_clock;
    } else {
        free(e->key);
        e->key = NULL;
        e->state = 0;
    }
    pthread_cond_broadcast(&cache_cv);
    pthread_mutex_unlock(&cache_mu);
}

/* ------------------------------------------------------------------ */
/* Slow clients: the request deadline                                  */

/* libmicrohttpd's connection timeout counts idle time only, so a client
 * that sends its request a byte every few seconds keeps its connection
 * for ever (slowloris). Each connection is therefore watched: it must
 * deliver a whole request (head and body) within wd->seconds of
 * connecting or of its previous answer. A watchdog thread shuts down the
 * socket of a connection past its deadline; libmicrohttpd then sees the
 * socket fail and closes the connection itself. A connection leaves the
 * list in libmicrohttpd's CLOSED notification, which comes after the
 * connection's thread has ended and before the socket is closed
 * (libmicrohttpd's daemon.c, MHD_cleanup_connections; on 0.9.75 the socket
 * was seen still open there), and under the mutex the watchdog holds while
 * it shuts sockets down: the watchdog never touches a descriptor that was
 * closed and perhaps reused. */
typedef struct watched {
    int fd;                      /* the connection's socket */
    double deadline;             /* now_s() time; 0 while a request is answered */
    int cut;                     /* shut down by the watchdog */
    char client[48];             /* the client's address, for the log */
    struct watched *prev, *next;
} watched;

typedef struct watchdog {
    pthread_mutex_t mu;          /* guards everything below */
    pthread_cond_t cv;           /* wakes the watchdog to stop */
    watched *head;               /* the open connections */
    double seconds;              /* --request-seconds */
    int quiet;                   /* no log line per connection cut */
    int stop;
    pthread_t thread;
} watchdog;

/* The client's address of c as text ("?" when unknown). */
static void client_text(struct MHD_Connection *c, char *out, size_t n)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = ci ? ci->client_addr : NULL;
    snprintf(out, n, "?");
    if (sa && sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out, (socklen_t)n);
    else if (sa && sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out, (socklen_t)n);
}

/* libmicrohttpd's connection notification: a new connection joins the
 * list with its first deadline; a closed one leaves it. A connection
 * that cannot be watched (no memory, no socket) is shut down at once. */
static void watch_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                             enum MHD_ConnectionNotificationCode toe)
{
    watchdog *wd = cls;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        watched *w = ci ? calloc(1, sizeof *w) : NULL;
        if (!w) {
            if (ci)
                shutdown(ci->connect_fd, SHUT_RDWR);
            *socket_context = NULL;
            return;
        }
        w->fd = ci->connect_fd;
        client_text(c, w->client, sizeof w->client);
        pthread_mutex_lock(&wd->mu);
        w->deadline = now_s() + wd->seconds;
        w->next = wd->head;
        if (wd->head)
            wd->head->prev = w;
        wd->head = w;
        pthread_mutex_unlock(&wd->mu);
        *socket_context = w;
        return;
    }
    watched *w = *socket_context;
    if (!w)
        return;
    pthread_mutex_lock(&wd->mu);
    if (w->prev)
        w->prev->next = w->next;
    else
        wd->head = w->next;
    if (w->next)
        w->next->prev = w->prev;
    pthread_mutex_unlock(&wd->mu);
    free(w);
    *socket_context = NULL;
}

/* Set the deadline of connection c: 0 (none, while its request is
 * answered) or wd->seconds from now (for its next request). */
static void watch_set(watchdog *wd, struct MHD_Connection *c, int armed)
{
    if (!wd)
        return;
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    watched *w = ci ? ci->socket_context : NULL;
    if (!w)
        return;
    pthread_mutex_lock(&wd->mu);
    w->deadline = armed ? now_s() + wd->seconds : 0;
    pthread_mutex_unlock(&wd->mu);
}

/* libmicrohttpd's request-completed callback: the answer is sent, so on
 * a kept-alive connection the clock starts for the next request. */
static void request_done(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)con_cls;
    (void)toe;
    watch_set(cls, c, 1);
}

/* Shut down every connection past its deadline (wd->mu held). */
static void watch_cut(watchdog *wd)
{
    double now = now_s();
    for (watched *w = wd->head; w; w = w->next) {
        if (w->cut || w->deadline == 0 || now < w->deadline)
            continue;
        shutdown(w->fd, SHUT_RDWR);
        w->cut = 1;
        if (!wd->quiet)
            fprintf(stderr, "entente serve: closed a connection from %s: no whole request "
                            "within %g s\n", w->client, wd->seconds);
    }
}

/* The watchdog thread: every SERVE_WATCH_MS, cut the connections past
 * their deadline, until watchdog_stop. */
static void *watchdog_main(void *arg)
{
    watchdog *wd = arg;
    pthread_mutex_lock(&wd->mu);
    while (!wd->stop) {
        watch_cut(wd);
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        ts.tv_nsec += SERVE_WATCH_MS * 1000000L;
        ts.tv_sec += ts.tv_nsec / 1000000000L;
        ts.tv_nsec %= 1000000000L;
        pthread_cond_timedwait(&wd->cv, &wd->mu, &ts);
    }
    pthread_mutex_unlock(&wd->mu);
    return NULL;
}

/* Start the watchdog; 0, or -1 when its thread cannot be made. */
static int watchdog_start(watchdog *wd, double seconds, int quiet)
{
    memset(wd, 0, sizeof *wd);
    wd->seconds = seconds;
    wd->quiet = quiet;
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&wd->cv, &ca);
    pthread_condattr_destroy(&ca);
    pthread_mutex_init(&wd->mu, NULL);
    if (pthread_create(&wd->thread, NULL, watchdog_main, wd) != 0) {
        pthread_cond_destroy(&wd->cv);
        pthread_mutex_destroy(&wd->mu);
        return -1;
    }
    return 0;
}

/* Stop the watchdog and free what is left of the list (nothing once
 * MHD_stop_daemon has closed every connection). */
static void watchdog_stop(watchdog *wd)
{
    pthread_mutex_lock(&wd->mu);
    wd->stop = 1;
    pthread_cond_signal(&wd->cv);
    pthread_mutex_unlock(&wd->mu);
    pthread_join(wd->thread, NULL);
    for (watched *w = wd->head, *next; w; w = next) {
        next = w->next;
        free(w);
    }
    wd->head = NULL;
    pthread_cond_destroy(&wd->cv);
    pthread_mutex_destroy(&wd->mu);
}

/* The state of a request, in libmicrohttpd's per-request pointer: set by
 * cut_query when the request line arrives (fresh), then seen by the first
 * call of on_request; each with or without too many query parameters. */
enum { REQ_FRESH, REQ_FRESH_MANY, REQ_SEEN, REQ_SEEN_MANY };
static char req_state[4];

/* libmicrohttpd's URI callback, called before it parses the query string
 * into the connection's memory pool (32 KB): hundreds of parameters would
 * exhaust the pool, and libmicrohttpd would then close the connection
 * without an answer. A query of more than SERVE_MAX_PARAMS parameters is
 * cut there (the URI is libmicrohttpd's own writable buffer, the one it
 * parses next) and the request marked, to be answered 400. */
static void *cut_query(void *cls, const char *uri, struct MHD_Connection *c)
{
    (void)cls;
    (void)c;
    int n = 0;
    for (char *p = strchr(uri, '?'); p && *p; p++)
        if (*p == '&' && ++n >= SERVE_MAX_PARAMS) {
            *p = 0;
            return &req_state[REQ_FRESH_MANY];
        }
    return &req_state[REQ_FRESH];
}

/* The route of a path, or NULL. */
static const route *route_of(const char *url)
{
    for (size_t i = 0; i < sizeof routes / sizeof *routes; i++)
        if (!strcmp(url, routes[i].path))
            return &routes[i];
    return NULL;
}

/* Give take_arg the parameters of query (as sent: %-escaped, '+' for a
 * space), split and decoded as libmicrohttpd does: at '&', then at the
 * first '='; a name without '=' has no value. query is changed. */
static void take_query(request *rq, char *query)
{
    for (char *seg = query; seg;) {
        char *amp = strchr(seg, '&');
        if (amp)
            *amp = 0;
        char *eq = strchr(seg, '=');
        if (eq)
            *eq = 0;
        char *part[2] = {seg, eq ? eq + 1 : NULL};
        size_t len[2] = {0, 0};
        for (int k = 0; k < 2 && part[k]; k++) {
            for (char *p = part[k]; *p; p++)
                if (*p == '+')
                    *p = ' ';
            len[k] = MHD_http_unescape(part[k]);
        }
        if (take_arg(rq, MHD_GET_ARGUMENT_KIND, part[0], len[0], part[1], len[1]) != MHD_YES)
            return;
        seg = amp ? amp + 1 : NULL;
    }
}

unsigned serve_request(ent_store *store, const char *url, const char *query, FILE *f)
{
    server sv;
    memset(&sv, 0, sizeof sv);
    sv.db = "(shared)";
    sv.no_cache = 1;
    sv.shared = store;
    const route *rt = route_of(url);
    if (!rt) {
        error_json(f, "no such path (see docs/api.md)");
        return MHD_HTTP_NOT_FOUND;
    }
    if (!rt->api)
        return MHD_HTTP_OK; /* a dashboard file: not read here */
    int amps = 0;
    for (const char *p = query; p && *p; p++)
        amps += *p == '&';
    if (amps >= SERVE_MAX_PARAMS) { /* cut_query's count */
        error_json(f, "too many parameters (at most 32)");
        return MHD_HTTP_BAD_REQUEST;
    }
    request rq;
    memset(&rq, 0, sizeof rq);
    rq.allowed = rt->allowed;
    char *copy = query && *query ? strdup(query) : NULL;
    if (query && *query && !copy) {
        error_json(f, "out of memory");
        return MHD_HTTP_INTERNAL_SERVER_ERROR;
    }
    if (copy)
        take_query(&rq, copy);
    const char *err = "internal error";
    unsigned status = MHD_HTTP_BAD_REQUEST;
    if (!rq.err[0] && validate(&rq) == 0)
        status = rt->api(&sv, &rq, f, &err);
    else
        err = rq.err;
    if (status != MHD_HTTP_OK)
        error_json(f, err);
    free(copy);
    return status;
}

static enum MHD_Result handle(const server *sv, struct MHD_Connection *c, const char *url,
                              const char *method, int too_many, unsigned *status)
{
    if (strcmp(method, MHD_HTTP_METHOD_GET) && strcmp(method, MHD_HTTP_METHOD_HEAD)) {
        *status = MHD_HTTP_METHOD_NOT_ALLOWED;
        return send_error(c, *status, "only GET and HEAD are allowed");
    }
    if (!host_ok(sv, c)) {
        *status = MHD_HTTP_BAD_REQUEST;
        return send_error(c, *status, "the Host header must name the loopback address");
    }
    const route *rt = route_of(url);
    if (!rt) {
        *status = MHD_HTTP_NOT_FOUND;
        return send_error(c, *status, "no such path (see docs/api.md)");
    }
    if (!rt->api)
        return send_file(sv, c, rt, status);
    if (too_many) {
        *status = MHD_HTTP_BAD_REQUEST;
        return send_error(c, *status, "too many parameters (at most 32)");
    }

    request rq;
    memset(&rq, 0, sizeof rq);
    rq.allowed = rt->allowed;
    MHD_get_connection_values_n(c, MHD_GET_ARGUMENT_KIND, take_arg, &rq);
    if (rq.err[0] || validate(&rq) < 0) {
        *status = MHD_HTTP_BAD_REQUEST;
        return send_error(c, *status, rq.err);
    }
    char *body = NULL;
    size_t len = 0;
    char key[4096];
    int slot = -1, cacheable = !sv->no_cache && cache_key(sv, url, &rq, key, sizeof key) == 0;
    if (cacheable && cache_get(key, &body, &len, &slot)) {
        *status = MHD_HTTP_OK;
        return send_body(c, MHD_HTTP_OK, "application/json; charset=utf-8", body, len);
    }
    FILE *f = open_memstream(&body, &len);
    if (!f) {
        cache_put(slot, NULL, 0);
        *status = MHD_HTTP_INTERNAL_SERVER_ERROR;
        return send_error(c, *status, "out of memory");
    }
    const char *err = "internal error";
    *status = rt->api(sv, &rq, f, &err);
    int write_failed = fclose(f) != 0;
    if (*status == MHD_HTTP_OK && write_failed)
        *status = MHD_HTTP_INTERNAL_SERVER_ERROR, err = "out of memory";
    if (*status != MHD_HTTP_OK) {
        cache_put(slot, NULL, 0);
        free(body);
        return send_error(c, *status, err);
    }
    cache_put(slot, body, len);
    return send_body(c, MHD_HTTP_OK, "application/json; charset=utf-8", body, len);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    const server *sv = cls;
    (void)version;
    (void)upload_data;
    char *st = *con_cls;
    /* the first call comes with the headers: answer on the next, once the
     * request is read whole, or libmicrohttpd closes the connection after
     * the answer (no keep-alive for the dashboard's requests) */
    if (!st || st == &req_state[REQ_FRESH] || st == &req_state[REQ_FRESH_MANY]) {
        *con_cls = st == &req_state[REQ_FRESH_MANY] ? &req_state[REQ_SEEN_MANY] : &req_state[REQ_SEEN];
        return MHD_YES;
    }
    if (*upload_data_size) { /* a body, which no route reads, is dropped */
        *upload_data_size = 0;
        return MHD_YES;
    }
    watch_set(sv->wd, c, 0); /* read whole: no deadline while it is answered */
    double t0 = now_s();
    unsigned status = 0;
    enum MHD_Result ret = handle(sv, c, url, method, st == &req_state[REQ_SEEN_MANY], &status);
    if (!sv->quiet) {
        char shown[81];
        size_t k = 0;
        for (const char *p = url; *p && k < sizeof shown - 1; p++)
            shown[k++] = (*p > 0x20 && *p < 0x7f) ? *p : '?';
        shown[k] = 0;
        fprintf(stderr, "entente serve: %.8s %s %u %.1f ms\n", method, shown, status,
                (now_s() - t0) * 1000.0);
    }
    return ret;
}

/* ------------------------------------------------------------------ */
/* The command                                                         */

/* Parse ADDR into *ss; returns 4 or 6, or 0 when ADDR is not an address. */
static int parse_host(const char *host, struct sockaddr_storage *ss, int port, int *loopback)
{
    memset(ss, 0, sizeof *ss);
    if (!strcmp(host, "localhost"))
        host = "127.0.0.1";
    struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
    if (inet_pton(AF_INET, host, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        a4->sin_port = htons((unsigned short)port);
        *loopback = (ntohl(a4->sin_addr.s_addr) >> 24) == 127;
        return 4;
    }
    if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((unsigned short)port);
        *loopback = IN6_IS_ADDR_LOOPBACK(&a6->sin6_addr);
        return 6;
    }
    return 0;
}

static int parse_int_opt(const char *s, long lo, long hi, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < lo || v > hi)
        return 0;
    *out = v;
    return 1;
}

int cmd_serve(int argc, char **argv,
              const char *(*find_dict)(const char *opt, char *buf, unsigned long n))
{
    const char *db = NULL, *host = "127.0.0.1", *dictdir = NULL;
    long port = 8080, max_seconds = 0, request_seconds = SERVE_REQUEST_SECONDS;
    int quiet = 0, no_cache = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage_serve, stdout);
            return 0;
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            quiet = 1;
        } else if (!strcmp(a, "--no-cache")) {
            no_cache = 1;
        } else if (!v && a[0] == '-') {
            fprintf(stderr, "entente serve: %s needs a value (see entente serve --help)\n", a);
            return 2;
        } else if (!strcmp(a, "--db")) {
            db = argv[++i];
        } else if (!strcmp(a, "--host")) {
            host = argv[++i];
        } else if (!strcmp(a, "--dict")) {
            dictdir = argv[++i];
        } else if (!strcmp(a, "--port")) {
            if (!parse_int_opt(argv[++i], 0, 65535, &port)) {
                fputs("entente serve: --port needs a number from 0 to 65535\n", stderr);
                return 2;
            }
        } else if (!strcmp(a, "--max-seconds")) {
            if (!parse_int_opt(argv[++i], 1, 100L * 365 * 86400, &max_seconds)) {
                fputs("entente serve: --max-seconds needs a positive number\n", stderr);
                return 2;
            }
        } else if (!strcmp(a, "--request-seconds")) {
            if (!parse_int_opt(argv[++i], 1, 3600, &request_seconds)) {
                fputs("entente serve: --request-seconds needs a number from 1 to 3600\n", stderr);
                return 2;
            }
        } else {
            fprintf(stderr, "entente serve: unknown option %s (see entente serve --help)\n", a);
            return 2;
        }
    }
    if (!db) {
        fputs("entente serve: --db FILE is required\n", stderr);
        return 2;
    }
    watchdog wd;
    server sv = {db, NULL, 0, quiet, no_cache, NULL, NULL, &wd};
    struct sockaddr_storage ss;
    int family = parse_host(host, &ss, (int)port, &sv.loopback);
    if (!family) {
        fprintf(stderr, "entente serve: --host needs an IPv4 or IPv6 address, not '%s'\n", host);
        return 2;
    }
    char *err = NULL;
    ent_store *probe = ent_store_open_readonly(db, &err);
    if (!probe) {
        fprintf(stderr, "entente serve: cannot read the store %s\n", err ? err : db);
        free(err);
        return 2;
    }
    ent_store_close(probe);
    char dbuf[PATH_MAX];
    sv.assets = find_dict(dictdir, dbuf, sizeof dbuf);
    report_names *names = report_names_load(sv.assets);
    sv.names = names;

    /* SIGINT and SIGTERM are blocked in every thread (libmicrohttpd's
     * inherit the mask) and taken here with sigtimedwait. */
    sigset_t stop, old;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    signal(SIGPIPE, SIG_IGN);
    pthread_sigmask(SIG_BLOCK, &stop, &old);

    if (watchdog_start(&wd, (double)request_seconds, quiet) != 0) {
        fputs("entente serve: cannot start the watchdog thread\n", stderr);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        report_names_free(names);
        return 2;
    }
    unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD |
                     MHD_USE_POLL | MHD_USE_ERROR_LOG | (family == 6 ? MHD_USE_IPv6 : 0);
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, (unsigned short)port, NULL, NULL, on_request, &sv,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)SERVE_MAX_CONNECTIONS,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SERVE_IDLE_SECONDS,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)SERVE_PER_IP,
        MHD_OPTION_NOTIFY_CONNECTION, watch_connection, &wd,
        MHD_OPTION_NOTIFY_COMPLETED, request_done, &wd,
        MHD_OPTION_URI_LOG_CALLBACK, cut_query, NULL,
        MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "entente serve: cannot listen on %s port %ld (in use?)\n", host, port);
        watchdog_stop(&wd);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        report_names_free(names);
        return 2;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned bound = info ? info->port : (unsigned)port;
    fprintf(stderr, "entente serve: listening on http://%s%s%s:%u/ (store %s, dashboard files in %s)\n",
            family == 6 ? "[" : "", host, family == 6 ? "]" : "", bound, db, sv.assets);
    if (!sv.loopback)
        fputs("entente serve: warning: not bound to loopback; anyone who can reach this "
              "address can read the store\n", stderr);

    double deadline = now_s() + (double)max_seconds;
    const char *why = "time limit";
    for (;;) {
        if (max_seconds && now_s() >= deadline)
            break;
        struct timespec ts = {0, 200 * 1000 * 1000};
        int sig = sigtimedwait(&stop, NULL, &ts);
        if (sig == SIGINT || sig == SIGTERM) {
            why = sig == SIGINT ? "SIGINT" : "SIGTERM";
            break;
        }
    }
    MHD_stop_daemon(d); /* closes every connection, so the watchdog's list empties */
    watchdog_stop(&wd);
    report_names_free(names);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    fprintf(stderr, "entente serve: stopped (%s)\n", why);
    return 0;
}
