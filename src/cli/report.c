/*
 * report.c - `entente report`: the alliances in a store as one HTML file
 * that opens offline.
 *
 *   entente report --db F --out report.html [--pairs IRN:RUS,IRN:TUR]
 *                  [--by month] [--from D --to D] [--level country|actor]
 *                  [--top N] [--events N] [--modes LIST] [--dict DIR]
 *
 * It reads the store read-only, through the library only: the analyses
 * (ent_dyads, ent_align, ent_network, ent_places), the summary (ent_store_summary)
 * and the latest events (ent_store_events, written by the library's event
 * writer in its flat layout). The JSON goes
 * into window.ENTENTE_DATA of the page assets/dashboard.html, with the
 * CSS, the libraries (Chart.js, cytoscape, Leaflet, topojson-client and the
 * world-atlas country shapes) and assets/dashboard.js inlined (all read
 * from the data folder, where the build installs them).
 */
#include "report.h"
#include "analyze.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_PAIRS 20
#define MAX_ASSET (16L << 20) /* no asset of ours is near 16 MB */

static const char usage_report[] =
    "usage: entente report --db FILE --out FILE.html [options]\n"
    "\n"
    "Write one self-contained HTML file (no network needed to open it) that\n"
    "shows the alliances in a store written by `entente code --db`: a summary,\n"
    "cooperation and conflict over time for chosen pairs of actors, how alike\n"
    "each pair treats third parties, the top dyads, the actor network and the\n"
    "latest events with their sentences.\n"
    "\n"
    "options:\n"
    "  --db FILE          the SQLite store (read only; required)\n"
    "  --out FILE         the HTML file to write (required; - for stdout)\n"
    "  --pairs LIST       pairs to chart, e.g. IRN-RUS,IRN:TUR (default: the\n"
    "                     3 busiest undirected pairs, plus IRN:RUS when both\n"
    "                     appear)\n"
    "  --by PERIOD        day, week, month (default), quarter, year or all\n"
    "  --from DATE        first event date (YYYY-MM-DD, inclusive)\n"
    "  --to DATE          last event date (YYYY-MM-DD, inclusive)\n"
    "  --level LEVEL      country (default: IRNGOV, IRNMIL count as IRN) or\n"
    "                     actor (codes as coded)\n"
    "  --modes LIST       modes the analyses count: asserted, negated,\n"
    "                     hypothetical, reported (default: asserted,reported);\n"
    "                     the event table shows every mode unless this is given\n"
    "  --min-events N     third-party events each side needs in a period for a\n"
    "                     similarity (default 5)\n"
    "  --top N            dyads in the top-dyads table (default 20)\n"
    "  --events N         latest events listed with their sentences (default 200)\n"
    "  --dict DIR         data folder holding dashboard.html, dashboard.css,\n"
    "                     dashboard.js, chart.umd.gen.js and cameo.tsv\n"
    "                     (default: $ENTENTE_DATA, else the installed data/)\n"
    "  -h, --help         this help\n"
    "\n"
    "exit status: 0 written; 1 the store, the assets or the output could not\n"
    "be read or written (message on stderr); 2 usage error.\n";

/* ---- small helpers ---- */

/* Read a whole file (at most max bytes) into a NUL-terminated buffer. */
static char *slurp(const char *path, size_t *len, long max)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    long n = -1;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && n <= max &&
        fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1))) {
        if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
            free(buf);
            buf = NULL;
        } else {
            buf[n] = 0;
            if (len)
                *len = (size_t)n;
        }
    }
    fclose(f);
    return buf;
}

static void json_str_or_null(FILE *f, const char *s)
{
    if (s)
        json_string(f, s);
    else
        fputs("null", f);
}

static int valid_code(const char *s, size_t n)
{
    if (n < 2 || n > 30)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
            return 0;
    return 1;
}

/* ---- CAMEO names ---- */

typedef struct name_entry {
    const char *code, *name;
} name_entry;

struct report_names {
    char *buf;
    name_entry *e;
    int n;
};

report_names *report_names_load(const char *dir)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/cameo.tsv", dir);
    report_names *nm = calloc(1, sizeof *nm);
    if (!nm || !(nm->buf = slurp(path, NULL, MAX_ASSET))) {
        free(nm);
        return NULL;
    }
    size_t lines = 1;
    for (const char *p = nm->buf; *p; p++)
        lines += *p == '\n';
    if (!(nm->e = calloc(lines, sizeof *nm->e))) {
        report_names_free(nm);
        return NULL;
    }
    char *save = NULL;
    for (char *line = strtok_r(nm->buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *tab = strchr(line, '\t');
        if (!tab || !strncmp(line, "code\t", 5))
            continue;
        *tab = 0;
        char *name = tab + 1, *end = strchr(name, '\t');
        if (end)
            *end = 0;
        nm->e[nm->n].code = line;
        nm->e[nm->n].name = name;
        nm->n++;
    }
    return nm;
}

void report_names_free(report_names *nm)
{
    if (!nm)
        return;
    free(nm->e);
    free(nm->buf);
    free(nm);
}

const char *report_names_get(const report_names *nm, const char *code)
{
    for (int i = 0; nm && code && i < nm->n; i++)
        if (!strcmp(nm->e[i].code, code))
            return nm->e[i].name;
    return NULL;
}

/* The names as one JSON object {"042": "Make a visit", ...}. */
static void report_names_json(FILE *f, const report_names *nm)
{
    fputc('{', f);
    for (int i = 0; nm && i < nm->n; i++) {
        if (i)
            fputc(',', f);
        json_string(f, nm->e[i].code);
        fputc(':', f);
        json_string(f, nm->e[i].name);
    }
    fputc('}', f);
}

/* ---- the summary ---- */

static int read_failed(const ent_store *s, ent_rc rc, const char *what)
{
    fprintf(stderr, "entente report: %s: %s\n", what,
            rc == ENT_EDB ? ent_store_errmsg(s) : ent_strerror(rc));
    return -1;
}

int report_summary_json(FILE *f, ent_store *s, const ent_query *q)
{
    ent_store_counts n;
    ent_rc rc = ent_store_summary(s, q->from, q->to, &n);
    if (rc != ENT_OK)
        return read_failed(s, rc, "reading the summary");
    fprintf(f, "{\"documents\":%ld,\"near_duplicates\":%ld,\"sentences\":%ld,\"events\":%ld,"
               "\"by_mode\":{", n.documents, n.near_duplicates, n.sentences, n.events);
    for (int m = 0; m < 4; m++)
        fprintf(f, "%s\"%s\":%ld", m ? "," : "", ent_mode_name((ent_mode)m), n.by_mode[m]);
    if (n.other_mode)
        fprintf(f, ",\"other\":%ld", n.other_mode);
    fprintf(f, "},\"by_quad\":{\"verbal_coop\":%ld,\"material_coop\":%ld,"
               "\"verbal_conflict\":%ld,\"material_conflict\":%ld},\"first_date\":",
            n.by_quad[0], n.by_quad[1], n.by_quad[2], n.by_quad[3]);
    json_str_or_null(f, *n.first_date ? n.first_date : NULL);
    fputs(",\"last_date\":", f);
    json_str_or_null(f, *n.last_date ? n.last_date : NULL);
    fputs(",\"from\":", f);
    json_str_or_null(f, q->from);
    fputs(",\"to\":", f);
    json_str_or_null(f, q->to);
    fputs("}", f);
    return 0;
}

/* ---- the latest events ---- */

int report_events_json(FILE *f, ent_store *s, const ent_query *q, const report_names *nm,
                       int limit)
{
    fputc('[', f);
    if (limit <= 0) {
        fputc(']', f);
        return 0;
    }
    ent_event_filter flt;
    memset(&flt, 0, sizeof flt);
    flt.from = q->from;
    flt.to = q->to;
    flt.modes = q->modes;
    flt.a = q->a;
    flt.b = q->b;
    flt.limit = limit;
    ent_rc rc;
    ent_store_iter *it = ent_store_events(s, &flt, &rc);
    if (!it)
        return read_failed(s, rc, "reading the events");
    const ent_event_rec *rec;
    int k = 0;
    while ((rc = ent_store_iter_next(it, &rec)) == ENT_OK) {
        ent_event_rec r = *rec;
        r.ev.name = report_names_get(nm, r.ev.code);
        if (k++)
            fputs(",\n", f);
        ent_write_event_json(f, &r, ENT_JSON_FLAT);
    }
    ent_store_iter_free(it);
    if (rc != ENT_EOF)
        return read_failed(s, rc, "reading the events");
    fputs("]", f);
    return 0;
}

/* ---- the page ---- */

/* Write n bytes of script text so that the HTML parser cannot end the
 * <script> (or <style>) element early: every "</" becomes "<\/" (valid in
 * JS strings, regular expressions and comments, and in JSON strings, the
 * only place JSON can hold "<"). In JSON (json = 1) "<!--" also becomes
 * "\u003c!--". */
static void write_inline(FILE *f, const char *s, size_t n, int json)
{
    size_t i = 0, from = 0;
    for (; i < n; i++) {
        if (s[i] != '<')
            continue;
        if (i + 1 < n && s[i + 1] == '/') {
            fwrite(s + from, 1, i - from, f);
            fputs("<\\/", f);
            from = i + 2;
            i++;
        } else if (json && i + 3 < n && !memcmp(s + i, "<!--", 4)) {
            fwrite(s + from, 1, i - from, f);
            fputs("\\u003c", f);
            from = i + 1;
        }
    }
    fwrite(s + from, 1, n - from, f);
}

/* A library without its source-map comment (the map is not shipped). */
static void write_lib_js(FILE *f, const char *s, size_t n)
{
    const char *map = strstr(s, "\n//# sourceMappingURL=");
    write_inline(f, s, map ? (size_t)(map - s) + 1 : n, 0);
}

static char *read_asset(const char *dir, const char *name, size_t *len, char **err)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *s = slurp(path, len, MAX_ASSET);
    if (!s && err) {
        const char *hint = strstr(name, ".gen.")
                               ? " (make copies it from tools/node_modules)"
                               : " (make installs it from assets/)";
        size_t need = strlen(path) + strlen(hint) + 64;
        if ((*err = malloc(need)))
            snprintf(*err, need, "cannot read %s: %s%s", path,
                     errno ? strerror(errno) : "too large", hint);
    }
    return s;
}

/* The page's files and the placeholders they replace (the template first;
 * lib: a library whose source-map comment is dropped). */
static const struct page_asset {
    const char *file, *placeholder;
    int lib;
} page_assets[] = {
    {"dashboard.html", NULL, 0},         {"dashboard.css", "CSS", 0},
    {"leaflet.gen.css", "LEAFLET_CSS", 0}, {"markercluster.gen.css", "MARKERCLUSTER_CSS", 0},
    {"chart.umd.gen.js", "CHART_JS", 1}, {"cytoscape.gen.js", "CYTOSCAPE_JS", 1},
    {"leaflet.gen.js", "LEAFLET_JS", 1}, {"markercluster.gen.js", "MARKERCLUSTER_JS", 1},
    {"topojson.gen.js", "TOPOJSON_JS", 1}, {"world.gen.js", "WORLD_JS", 1},
    {"dashboard.js", "APP_JS", 0},
};
#define N_ASSETS (int)(sizeof page_assets / sizeof *page_assets)

/* Write the placeholder name[0..nl) of the template: an asset, the data,
 * or (not ours) the placeholder as it is. */
static void write_placeholder(FILE *out, const char *name, size_t nl, char *const *asset,
                              const size_t *alen, const char *data, size_t len)
{
    if (nl == 4 && !memcmp(name, "DATA", 4)) {
        if (data) {
            fputs("window.ENTENTE_DATA = ", out);
            write_inline(out, data, len, 1);
            fputs(";", out);
        }
        return;
    }
    for (int i = 1; i < N_ASSETS; i++) {
        const char *ph = page_assets[i].placeholder;
        if (strlen(ph) == nl && !memcmp(name, ph, nl)) {
            if (page_assets[i].lib)
                write_lib_js(out, asset[i], alen[i]);
            else
                write_inline(out, asset[i], alen[i], 0);
            return;
        }
    }
    fprintf(out, "/*@%.*s@*/", (int)nl, name);
}

int report_page(FILE *out, const char *dir, const char *data, size_t len, char **err)
{
    char *asset[N_ASSETS] = {0};
    size_t alen[N_ASSETS] = {0};
    int rc = 0;
    *err = NULL;
    for (int i = 0; i < N_ASSETS && !rc; i++) {
        errno = 0;
        if (!(asset[i] = read_asset(dir, page_assets[i].file, &alen[i], err)))
            rc = -1;
    }
    /* copy the template, replacing each /\*@NAME@*\/ placeholder and
     * dropping the blocks a live server needs (they load files by URL) */
    static const char live[] = "<!--@LIVE@-->", end_live[] = "<!--@END_LIVE@-->";
    const char *t = asset[0], *end = rc ? t : t + alen[0];
    while (!rc && t < end) {
        const char *p = strstr(t, "/*@"), *q = p ? strstr(p + 3, "@*/") : NULL;
        const char *l = strstr(t, live), *le = l ? strstr(l, end_live) : NULL;
        if (l && le && (!p || !q || l < p)) {
            fwrite(t, 1, (size_t)(l - t), out);
            t = le + sizeof end_live - 1;
            continue;
        }
        if (!p || !q) {
            fwrite(t, 1, (size_t)(end - t), out);
            break;
        }
        fwrite(t, 1, (size_t)(p - t), out);
        write_placeholder(out, p + 3, (size_t)(q - (p + 3)), asset, alen, data, len);
        t = q + 3;
    }
    for (int i = 0; i < N_ASSETS; i++)
        free(asset[i]);
    return rc;
}

/* ---- the map's places ---- */

#define MAX_PLACE_ROWS 50000

/* The events with coordinates, every mode, by day and directed dyad, for
 * the page to filter: {"names": [[place, country, lat, lon]],
 * "rows": [[name index, day, source, target, mode, quad, events]],
 * "truncated": bool}. Returns 0, or -1 (stderr). */
static int report_places_json(FILE *f, ent_store *s, const ent_query *q0)
{
    ent_query q = *q0;
    q.by = ENT_BY_DAY;
    q.modes = 15;
    q.a = q.b = NULL;
    ent_place_row *r = NULL;
    int n = 0;
    ent_rc rc = ent_places(s, &q, 1, &r, &n);
    if (rc != ENT_OK)
        return read_failed(s, rc, "reading the places");
    fputs("{\"names\":[", f);
    int *idx = calloc((size_t)n + 1, sizeof *idx), nn = 0;
    for (int i = 0; idx && i < n; i++) {
        int j;
        for (j = i - 1; j >= 0; j--) /* rows are sorted by period first: search back */
            if (!strcmp(r[j].place, r[i].place) && !strcmp(r[j].country, r[i].country) &&
                r[j].lat == r[i].lat && r[j].lon == r[i].lon)
                break;
        if (j >= 0) {
            idx[i] = idx[j];
            continue;
        }
        idx[i] = nn++;
        fputs(nn > 1 ? ",[" : "[", f);
        json_string(f, r[i].place);
        fputc(',', f);
        json_string(f, r[i].country);
        fprintf(f, ",%.4f,%.4f]", r[i].lat, r[i].lon);
    }
    fputs("],\"rows\":[", f);
    long k = 0;
    for (int i = 0; idx && i < n && k < MAX_PLACE_ROWS; i++)
        for (int m = 0; m < 4; m++)
            for (int c = 0; c < 4; c++)
                if (r[i].n[m][c] && k < MAX_PLACE_ROWS)
                    fprintf(f, "%s[%d,\"%s\",\"%s\",\"%s\",\"%s\",%d,%ld]", k++ ? "," : "",
                            idx[i], r[i].period, r[i].source, r[i].target,
                            ent_mode_name((ent_mode)m), c + 1, r[i].n[m][c]);
    fprintf(f, "],\"truncated\":%s}", k >= MAX_PLACE_ROWS ? "true" : "false");
    free(idx);
    free(r);
    if (!idx && n) {
        fputs("entente report: out of memory\n", stderr);
        return -1;
    }
    return 0;
}

/* ---- pairs ---- */

typedef struct pair {
    char a[32], b[32];
} pair;

/* Parse "IRN:RUS,IRN:TUR" into pairs; -1 on a malformed list. */
static int parse_pairs(const char *s, pair *p, int max)
{
    int n = 0;
    while (*s) {
        const char *comma = strchr(s, ','), *stop = comma ? comma : s + strlen(s);
        const char *colon = memchr(s, ':', (size_t)(stop - s));
        if (!colon)
            colon = memchr(s, '-', (size_t)(stop - s)); /* IRN-RUS as well as IRN:RUS */
        if (n >= max || !colon || !valid_code(s, (size_t)(colon - s)) ||
            !valid_code(colon + 1, (size_t)(stop - colon - 1)))
            return -1;
        memcpy(p[n].a, s, (size_t)(colon - s));
        p[n].a[colon - s] = 0;
        memcpy(p[n].b, colon + 1, (size_t)(stop - colon - 1));
        p[n].b[stop - colon - 1] = 0;
        if (!strcmp(p[n].a, p[n].b))
            return -1;
        n++;
        s = comma ? comma + 1 : stop;
    }
    return n;
}

typedef struct upair {
    char a[32], b[32];
    long events;
} upair;

static int by_events_desc(const void *x, const void *y)
{
    const ent_dyad_row *a = x, *b = y;
    if (a->events != b->events)
        return a->events < b->events ? 1 : -1;
    int c = strcmp(a->source, b->source);
    return c ? c : strcmp(a->target, b->target);
}

static int upair_desc(const void *x, const void *y)
{
    const upair *a = x, *b = y;
    if (a->events != b->events)
        return a->events < b->events ? 1 : -1;
    int c = strcmp(a->a, b->a);
    return c ? c : strcmp(a->b, b->b);
}

static int involves(const ent_dyad_row *r, int n, const char *code)
{
    size_t k = strlen(code);
    for (int i = 0; i < n; i++)
        if (!strncmp(r[i].source, code, k) || !strncmp(r[i].target, code, k))
            return 1;
    return 0;
}

/* The default pairs: the 3 busiest undirected pairs of the all-time dyads
 * (rows), plus IRN:RUS when both appear. -1 when out of memory. */
static int default_pairs(const ent_dyad_row *r, int n, pair *p)
{
    upair *u = calloc((size_t)n + 1, sizeof *u);
    int nu = 0, np = 0;
    if (!u)
        return -1;
    for (int i = 0; i < n; i++) {
        int swap = strcmp(r[i].source, r[i].target) > 0;
        const char *a = swap ? r[i].target : r[i].source, *b = swap ? r[i].source : r[i].target;
        int j;
        for (j = 0; j < nu; j++)
            if (!strcmp(u[j].a, a) && !strcmp(u[j].b, b))
                break;
        if (j == nu) {
            snprintf(u[nu].a, sizeof u[nu].a, "%s", a);
            snprintf(u[nu].b, sizeof u[nu].b, "%s", b);
            nu++;
        }
        u[j].events += r[i].events;
    }
    qsort(u, (size_t)nu, sizeof *u, upair_desc);
    int irn_rus = 0;
    for (int i = 0; i < nu && np < 3; i++, np++) {
        memcpy(p[np].a, u[i].a, sizeof p[np].a);
        memcpy(p[np].b, u[i].b, sizeof p[np].b);
        irn_rus |= !strcmp(u[i].a, "IRN") && !strcmp(u[i].b, "RUS");
    }
    free(u);
    if (!irn_rus && involves(r, n, "IRN") && involves(r, n, "RUS")) {
        strcpy(p[np].a, "IRN");
        strcpy(p[np].b, "RUS");
        np++;
    }
    return np;
}

/* ---- the command ---- */

typedef struct report_opts {
    const char *db, *out, *dictdir;
    long top, events;
    ent_query q;
    pair pairs[MAX_PAIRS];
    int npairs;              /* -1: the default pairs */
} report_opts;

/* Parse the options: our own here, the common query options through
 * parse_query. 0, or 2 on a usage error, or -1 after --help. */
static int parse_opts(int argc, char **argv, report_opts *o)
{
    char **common = calloc((size_t)argc + 1, sizeof *common);
    int nc = 0;
    if (!common) {
        fputs("entente report: out of memory\n", stderr);
        return 2;
    }
    memset(o, 0, sizeof *o);
    o->top = 20;
    o->events = 200;
    o->npairs = -1;
    int rc = 0;
    for (int i = 0; i < argc && !rc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage_report, stdout);
            rc = -1;
        } else if (!strcmp(a, "--db") || !strcmp(a, "--from") || !strcmp(a, "--to") ||
                   !strcmp(a, "--by") || !strcmp(a, "--level") || !strcmp(a, "--modes") ||
                   !strcmp(a, "--min-events")) {
            if (!v) {
                fprintf(stderr, "entente report: %s needs a value\n", a);
                rc = 2;
            } else {
                common[nc++] = argv[i++];
                common[nc++] = argv[i];
            }
        } else if (!strcmp(a, "--out") || !strcmp(a, "--pairs") || !strcmp(a, "--dict") ||
                   !strcmp(a, "--top") || !strcmp(a, "--events")) {
            if (!v) {
                fprintf(stderr, "entente report: %s needs a value\n", a);
                rc = 2;
                break;
            }
            i++;
            if (!strcmp(a, "--out")) {
                o->out = v;
            } else if (!strcmp(a, "--pairs")) {
                if ((o->npairs = parse_pairs(v, o->pairs, MAX_PAIRS)) <= 0) {
                    fprintf(stderr, "entente report: --pairs needs A:B[,C:D...] with actor "
                                    "codes (A-Z, 0-9), at most %d pairs\n", MAX_PAIRS);
                    rc = 2;
                }
            } else if (!strcmp(a, "--dict")) {
                o->dictdir = v;
            } else {
                char *endp;
                errno = 0;
                long n = strtol(v, &endp, 10);
                long max = !strcmp(a, "--top") ? 10000 : 100000;
                if (*endp || errno || n < 0 || n > max) {
                    fprintf(stderr, "entente report: %s needs a number from 0 to %ld\n", a, max);
                    rc = 2;
                } else if (!strcmp(a, "--top")) {
                    o->top = n;
                } else {
                    o->events = n;
                }
            }
        } else {
            fprintf(stderr, "entente report: unknown option or argument %s "
                            "(see entente report --help)\n", a);
            rc = 2;
        }
    }
    if (!rc) {
        const char *format = NULL, *pos[1];
        int npos;
        if (parse_query(nc, common, &o->q, &o->db, &format, pos, &npos, 0, "report") < 0)
            rc = 2;
    }
    if (!rc && !o->out) {
        fputs("entente report: --out FILE is required (see entente report --help)\n", stderr);
        rc = 2;
    }
    free(common);
    return rc;
}

/* Everything window.ENTENTE_DATA holds, written to f. 0, or 1 after a
 * message on stderr. */
static int write_data(FILE *f, const report_opts *o, ent_store *store,
                      const report_names *nm)
{
    ent_query q = o->q;
    ent_dyad_row *all = NULL;
    int nall = 0;
    pair pairs[MAX_PAIRS + 1];
    int np;
    ent_rc rc;

    q.by = ENT_BY_ALL;
    if ((rc = ent_dyads(store, &q, &all, &nall)) != ENT_OK) {
        fprintf(stderr, "entente report: dyads: %s\n", ent_strerror(rc));
        return 1;
    }
    if (nall > 1)
        qsort(all, (size_t)nall, sizeof *all, by_events_desc);
    if (o->npairs >= 0) {
        np = o->npairs;
        memcpy(pairs, o->pairs, sizeof o->pairs);
    } else {
        np = default_pairs(all, nall, pairs);
    }
    if (np < 0) {
        fputs("entente report: out of memory\n", stderr);
        free(all);
        return 1;
    }

    char stamp[32] = "";
    time_t now = time(NULL);
    struct tm tmv;
    if (gmtime_r(&now, &tmv))
        strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tmv);
    static const char *const period_names[] = {"day", "week", "month", "year", "all", "quarter"};
    const char *slash = strrchr(o->db, '/');
    fputs("{\"generator\":\"entente " ENT_VERSION "\",\"generated\":", f);
    json_string(f, stamp);
    fputs(",\"db\":", f);
    json_string(f, slash ? slash + 1 : o->db);
    fputs(",\"query\":{\"from\":", f);
    json_str_or_null(f, o->q.from);
    fputs(",\"to\":", f);
    json_str_or_null(f, o->q.to);
    fprintf(f, ",\"by\":\"%s\",\"level\":\"%s\",\"modes\":[", period_names[o->q.by],
            o->q.country_level ? "country" : "actor");
    int modes = o->q.modes ? o->q.modes : (1 << ENT_MODE_ASSERTED) | (1 << ENT_MODE_REPORTED);
    for (int m = 0, k = 0; m < 4; m++)
        if (modes & (1 << m))
            fprintf(f, "%s\"%s\"", k++ ? "," : "", ent_mode_name((ent_mode)m));
    fprintf(f, "],\"top\":%ld,\"events\":%ld,\"min_events\":%d},\n\"summary\":", o->top,
            o->events, o->q.min_events > 0 ? o->q.min_events : ENT_ALIGN_MIN_EVENTS);
    if (report_summary_json(f, store, &o->q)) {
        free(all);
        return 1;
    }
    fputs(",\n\"top_dyads\":", f);
    write_dyads_json(f, all, nall < o->top ? nall : (int)o->top);
    free(all);

    fputs(",\"pairs\":[", f);
    for (int i = 0; i < np; i++) {
        fprintf(f, "%s{\"a\":", i ? "," : "");
        json_string(f, pairs[i].a);
        fputs(",\"b\":", f);
        json_string(f, pairs[i].b);
        fputc('}', f);
    }
    fputs("],\n\"series\":{", f);
    for (int i = 0; i < np; i++) {
        ent_dyad_row *r = NULL;
        int n = 0;
        q = o->q;
        q.a = pairs[i].a;
        q.b = pairs[i].b;
        if ((rc = ent_dyads(store, &q, &r, &n)) != ENT_OK) {
            fprintf(stderr, "entente report: dyads %s %s: %s\n", q.a, q.b, ent_strerror(rc));
            return 1;
        }
        fprintf(f, "%s\"%s:%s\":", i ? ",\n" : "", pairs[i].a, pairs[i].b);
        write_dyads_json(f, r, n);
        free(r);
    }
    fputs("},\n\"align\":{", f);
    for (int i = 0; i < np; i++) {
        ent_align_row *r = NULL;
        ent_align_driver drv[ENT_ALIGN_TOP];
        ent_verdict v;
        int n = 0, nd = 0;
        q = o->q;
        q.a = pairs[i].a;
        q.b = pairs[i].b;
        if ((rc = ent_align_judge(store, &q, &r, &n, &v, drv, &nd)) != ENT_OK) {
            fprintf(stderr, "entente report: align %s %s: %s\n", q.a, q.b, ent_strerror(rc));
            return 1;
        }
        fprintf(f, "%s\"%s:%s\":", i ? ",\n" : "", pairs[i].a, pairs[i].b);
        write_align_json(f, q.a, q.b, r, n, &v, drv, nd);
        free(r);
    }
    fputs("},\n\"network\":", f);
    ent_edge *e = NULL;
    int ne = 0;
    q = o->q;
    q.by = ENT_BY_ALL;
    if ((rc = ent_network(store, &q, &e, &ne)) != ENT_OK) {
        fprintf(stderr, "entente report: network: %s\n", ent_strerror(rc));
        return 1;
    }
    write_network_json(f, e, ne);
    free(e);
    fputs(",\n\"names\":", f);
    report_names_json(f, nm);
    fputs(",\n\"places\":", f);
    if (report_places_json(f, store, &o->q))
        return 1;
    fputs(",\"events\":", f);
    if (report_events_json(f, store, &o->q, nm, (int)o->events))
        return 1;
    fputs("}\n", f);
    return 0;
}

int cmd_report(int argc, char **argv,
               const char *(*find_dict)(const char *opt, char *buf, unsigned long n))
{
    report_opts o;
    int rc = parse_opts(argc, argv, &o);
    if (rc)
        return rc < 0 ? 0 : rc;
    char dbuf[PATH_MAX];
    const char *dir = find_dict(o.dictdir, dbuf, sizeof dbuf);

    char *err = NULL;
    ent_store *store = ent_store_open_readonly(o.db, &err);
    if (!store) {
        fprintf(stderr, "entente report: cannot read %s\n", err ? err : o.db);
        free(err);
        return 1;
    }
    report_names *nm = report_names_load(dir);
    ent_store_counts all;
    long undated = 0;
    if (ent_store_summary(store, NULL, NULL, &all) != ENT_OK ||
        ent_store_undated_events(store, &undated) != ENT_OK)
        all.events = -1;

    /* the data, in memory */
    char *data = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&data, &len);
    rc = m ? write_data(m, &o, store, nm) : 1;
    if (!m)
        fputs("entente report: out of memory\n", stderr);
    if (m && (ferror(m) | fclose(m)) && !rc) {
        fputs("entente report: out of memory while writing the data\n", stderr);
        rc = 1;
    }
    report_names_free(nm);
    ent_store_close(store);

    /* the page: written to FILE.tmp, renamed over FILE when complete */
    char tmp[PATH_MAX];
    FILE *out = NULL;
    int to_stdout = !strcmp(o.out, "-");
    if (!rc) {
        if (to_stdout) {
            out = stdout;
        } else if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp", o.out) >= sizeof tmp ||
                   !(out = fopen(tmp, "w"))) {
            fprintf(stderr, "entente report: cannot write %s: %s\n", o.out, strerror(errno));
            rc = 1;
        }
    }
    if (!rc && report_page(out, dir, data, len, &err)) {
        fprintf(stderr, "entente report: %s\n", err ? err : "out of memory");
        free(err);
        rc = 1;
    }
    if (out) {
        int bad = fflush(out) != 0 || ferror(out);
        if (!to_stdout)
            bad |= fclose(out) != 0;
        if (bad && !rc) {
            fprintf(stderr, "entente report: error writing %s: %s\n", o.out, strerror(errno));
            rc = 1;
        }
        if (!to_stdout) {
            if (!rc && rename(tmp, o.out) != 0) {
                fprintf(stderr, "entente report: cannot write %s: %s\n", o.out,
                        strerror(errno));
                rc = 1;
            }
            if (rc)
                remove(tmp);
        }
    }
    free(data);
    if (!rc && !to_stdout && all.events >= 0)
        fprintf(stderr, "entente report: wrote %s (%ld events in the store, %ld of them "
                        "undated: their documents had no date)\n", o.out, all.events, undated);
    else if (!rc && !to_stdout)
        fprintf(stderr, "entente report: wrote %s\n", o.out);
    return rc;
}
